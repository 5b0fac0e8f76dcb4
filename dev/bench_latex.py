"""Benchmark of the LaTeX route: the real arXiv sources of ``corpus/latex`` fetched by ID from a fake arXiv.

    python -m dev.bench_latex [--corpus ../shared/corpus/latex] [--verbose]

Each paper is served as arXiv serves it (the Atom feed, ``/pdf/<id>`` and ``/e-print/<id>``) and fetched
with ``paperkit``'s own pipeline (default route: auto), then ``sections.json`` is scored against
``truth.jsonl``; the introduction's citation links against ``citations.jsonl`` (by key). Printed: the
share of papers whose abstract, introduction and related work are right (a paper without one: none
found), the headings' mean F1, the reference count within ±1, how many papers the LaTeX route read
(of those whose tree has a main file), introduction citations linked right (recall) and the share of
found introduction links that are right (precision), and the LaTeX route's median time per paper once
downloaded.

A span is right when the truth's first words occur near its start and its last words near its end
(within :data:`SLACK` characters of the folded text): the corpus's strings deliberately skip a leading
or trailing sentence of mathematics, citations or ``\\ref`` numbers (see each record's ``notes``), which
the PDF benchmark's exact start/end rule cannot allow for.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dev.bench_extraction import headings_f1
from paperkit.config import Settings
from paperkit.extraction import PaperFiles
from paperkit.extraction.latex.route import LatexRoute
from paperkit.library.store import SECTIONS, SOURCE
from paperkit.pipeline.fetch import Fetcher
from paperkit.records import Section, Sections
from paperkit.text import fold

SLACK = 1200  # folded characters: about three sentences
TIMING_REPEATS = 5


def span_right(text: str, words: dict[str, str] | None) -> bool:
    """Whether a span matches the truth (none when the truth has none)."""
    if words is None:
        return not text
    t = fold(text)
    first, last = fold(words["first_words"]), fold(words["last_words"])
    i = t.find(first)
    j = t.rfind(last)
    return bool(t) and 0 <= i <= SLACK and j >= 0 and len(t) - (j + len(last)) <= SLACK


@dataclass
class Score:
    arxiv_id: str
    abstract: bool
    introduction: bool
    related_work: bool
    headings_f1: float
    references: bool
    route: str
    seconds: float
    misses: list[str] = field(default_factory=list)


def _text(section: Section | None) -> str:
    return section.text if section else ""


def score(found: Sections, truth: dict[str, Any], seconds: float) -> Score:
    """One paper's figures."""
    misses = []
    parts = {
        "abstract": span_right(found.abstract, truth.get("abstract")),
        "introduction": span_right(_text(found.introduction), truth.get("introduction")),
        "related_work": span_right(_text(found.related_work), truth.get("related_work")),
    }
    for name, ok in parts.items():
        if not ok:
            got = found.abstract if name == "abstract" else _text(getattr(found, name))
            misses.append(f"{name}: got {got[:80]!r} … {got[-80:]!r}, want {truth.get(name)}")
    f1 = headings_f1(found.headings, truth["sections"])
    if f1 < 1:
        misses.append(f"headings F1 {f1:.2f}: got {found.headings}")
    refs = abs(len(found.references) - truth["reference_count"]) <= 1
    if not refs:
        misses.append(f"references: got {len(found.references)}, want {truth['reference_count']}")
    return Score(
        truth["arxiv_id"],
        parts["abstract"],
        parts["introduction"],
        parts["related_work"],
        f1,
        refs,
        found.route,
        seconds,
        misses,
    )


def citation_figures(found: Sections, record: dict[str, Any]) -> tuple[int, int, int, int]:
    """(truth markers, linked right, found intro links, found links that are right), by key, in order."""
    keys = [r.key for r in found.references]
    links = [c for c in found.citations if c.section == "introduction"]
    right = 0
    used: set[int] = set()
    cursor = 0
    for marker in record["markers"]:
        want = sorted(k for k in marker["keys"] if k in keys)
        order = [*range(cursor, len(links)), *range(cursor)]
        hit = next(
            (i for i in order if i not in used and sorted(keys[t] or "" for t in links[i].targets) == want),
            None,
        )
        if hit is not None:
            used.add(hit)
            cursor = hit + 1
            right += 1
    return len(record["markers"]), right, len(links), len(used)


def run(corpus: Path, verbose: bool) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from fake_arxiv import FakeArxiv

    truths = [json.loads(x) for x in (corpus / "truth.jsonl").read_text().splitlines() if x.strip()]
    cites = {
        r["arxiv_id"]: r for r in map(json.loads, (corpus / "citations.jsonl").read_text().splitlines()) if r
    }
    scores: list[Score] = []
    counts = [0, 0, 0, 0]
    with FakeArxiv() as fake, tempfile.TemporaryDirectory() as tmp:
        for t in truths:
            folder = corpus / t["arxiv_id"]
            fake.add_paper(
                t["arxiv_id"],
                title=t["title"],
                pdf=(folder / "paper.pdf").read_bytes(),
                eprint=(folder / "source.tar.gz").read_bytes(),
            )
        settings = Settings(library=Path(tmp), api_url=fake.api_url, delay=0.0, timeout=10, retries=1)
        fetcher = Fetcher(settings)
        for t in truths:
            outcome = fetcher.fetch_one(t["arxiv_id"])
            key = outcome.key or t["arxiv_id"]
            path = Path(tmp) / key / SECTIONS
            found = (
                Sections.from_dict(json.loads(path.read_text()))
                if path.is_file()
                else Sections("", "", [], None, None, [])
            )
            seconds = _time_route(Path(tmp) / key / SOURCE)
            scores.append(score(found, t, seconds))
            if t["arxiv_id"] in cites:
                for i, v in enumerate(citation_figures(found, cites[t["arxiv_id"]])):
                    counts[i] += v
    if verbose:
        for s in scores:
            print(f"{s.arxiv_id} route={s.route} {s.seconds:.3f}s")
            for m in s.misses:
                print(f"    {m}")
        print()
    n = len(scores) or 1
    print(f"papers: {len(scores)}")
    print(f"abstract right:                   {sum(s.abstract for s in scores) / n:.0%}")
    print(f"introduction right:               {sum(s.introduction for s in scores) / n:.0%}")
    print(f"related work right:               {sum(s.related_work for s in scores) / n:.0%}")
    print(f"headings F1 (mean):               {sum(s.headings_f1 for s in scores) / n:.3f}")
    print(f"reference count within ±1:        {sum(s.references for s in scores) / n:.0%}")
    print(f"read by the LaTeX route:          {sum(s.route == 'latex' for s in scores)}/{len(scores)}")
    markers, right, links, correct = counts
    print(f"intro citations linked right:     {right}/{markers} = {right / max(markers, 1):.1%}")
    print(f"intro citation links precision:   {correct}/{links} = {correct / max(links, 1):.1%}")
    times = sorted(s.seconds for s in scores)
    print(f"LaTeX route time per paper:       median {statistics.median(times):.3f} s, max {times[-1]:.3f} s")
    return 0


def _time_route(source: Path) -> float:
    if not source.is_file():
        return float("nan")
    best = []
    for _ in range(TIMING_REPEATS):
        start = time.perf_counter()
        LatexRoute().read(PaperFiles(source=source))
        best.append(time.perf_counter() - start)
    return statistics.median(best)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the LaTeX route on the real-source corpus.")
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus/latex"))
    parser.add_argument("--verbose", action="store_true", help="print each paper's misses")
    args = parser.parse_args(argv)
    if not (args.corpus / "truth.jsonl").is_file():
        print(f"no corpus at {args.corpus} (truth.jsonl missing)")
        return 0
    return run(args.corpus, args.verbose)


if __name__ == "__main__":
    raise SystemExit(main())
