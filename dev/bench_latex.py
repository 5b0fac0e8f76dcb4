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
import re
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
from paperkit.extraction.latex.archive import read_source
from paperkit.extraction.latex.route import LatexRoute
from paperkit.extraction.latex.source import document_class, find_main
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


# formulas, and those shown as code (a command KaTeX lacks): both are the paper's TeX on purpose
_MATH = re.compile(r"\$\$.+?\$\$|\$[^$]+\$|``.+?``|`[^`]+`", re.S)
_EMPTY_MARKER = re.compile(r"\(\s*[,;]|[,;]\s*[,;]|\(\s*\)|\[\s*\]")


def debris(text: str, labels: set[str]) -> list[str]:
    """What a LaTeX-to-text conversion left that a reader of the PDF never sees: a command outside
    mathematics, a label key printed raw, empty citation punctuation, an HTML entity."""
    prose = _MATH.sub(" x ", text)
    found = [f"command {m.group(0)}" for m in re.finditer(r"\\[A-Za-z]+", prose)]
    found += [
        f"label {k}"
        for k in labels
        if len(k) > 3 and re.search(r"(?<![\w:])" + re.escape(k) + r"(?![\w:])", prose)
    ]
    found += [
        f"empty marker {prose[max(0, m.start() - 20) : m.end() + 5]!r}" for m in _EMPTY_MARKER.finditer(prose)
    ]
    found += [f"entity {m.group(0)}" for m in re.finditer(r"&(?:[a-z]+|#\d+);", text)]
    return found


_VENUE = re.compile(r"\\usepackage\s*(?:\[[^\]]*\])?\s*\{[^}]*(iclr|neurips|nips|icml|acl|cvpr)", re.I)


def family(source: Path) -> str:
    """The paper's family, from its document class and style packages (for the per-family table)."""
    files = read_source(source)
    main = find_main(files)
    text = files[main].decode("utf-8", "replace")
    cls = document_class(text)[0].lower()
    if cls.startswith(("aastex", "emulateapj")):
        return "AASTeX (astronomy)"
    if cls.startswith("revtex"):
        return "REVTeX (physics)"
    if cls in ("sig-alternate", "acmart", "llncs") or _VENUE.search(" ".join(f.decode("utf-8", "replace")
                                                                         for n, f in files.items()
                                                                         if n.endswith(".tex"))):  # fmt: skip
        return "CS/ML venue styles"
    return "article/report (maths, stats, astronomy, software)"


def source_labels(source: Path) -> set[str]:
    """Every ``\\label`` key of a source tree (only keys with a separator: "fig:intro", "sec_2")."""
    keys: set[str] = set()
    for data in read_source(source).values():
        keys |= set(re.findall(r"\\label\s*\{([^{}]*[:_.-][^{}]*)\}", data.decode("utf-8", "replace")))
    return keys


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
    clean: bool = True
    family: str = ""
    citations: tuple[int, int] = (0, 0)  # (truth markers, linked right)


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


def citation_figures(found: Sections, record: dict[str, Any]) -> tuple[int, int, int, int, int]:
    """(truth markers, linked right, found intro links, found links that are right, right links whose
    marker text is the one the PDF prints), by key, in order."""
    keys = [r.key for r in found.references]
    links = [c for c in found.citations if c.section == "introduction"]
    right = printed = 0
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
            printed += " ".join(links[hit].marker.split()) == " ".join(marker["marker"].split())
    return len(record["markers"]), right, len(links), len(used), printed


def family_table(scores: list[Score]) -> None:
    """Each family's figures, as a Markdown table (a row per family, then the others without it)."""
    columns = "family | papers | abstract | introduction | related work | headings F1 | refs ±1 | no debris"
    print(f"| {columns} | intro citations |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in sorted({s.family for s in scores}):
        for label, group in ((name, [s for s in scores if s.family == name]),
                             ("  all others", [s for s in scores if s.family != name])):  # fmt: skip
            n = len(group)
            markers = sum(s.citations[0] for s in group)
            right = sum(s.citations[1] for s in group)
            cited = f"{right}/{markers}" if markers else "—"
            spans = ("abstract", "introduction", "related_work")
            parts = [sum(getattr(s, a) for s in group) / n for a in spans]
            print(
                f"| {label} | {n} | {parts[0]:.2f} | {parts[1]:.2f} | {parts[2]:.2f} | "
                f"{sum(s.headings_f1 for s in group) / n:.3f} | {sum(s.references for s in group) / n:.2f} | "
                f"{sum(s.clean for s in group)}/{n} | {cited} |"
            )


def run(corpus: Path, verbose: bool, by_family: bool = False) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from fake_arxiv import FakeArxiv

    truths = [json.loads(x) for x in (corpus / "truth.jsonl").read_text().splitlines() if x.strip()]
    cites = {
        r["arxiv_id"]: r for r in map(json.loads, (corpus / "citations.jsonl").read_text().splitlines()) if r
    }
    scores: list[Score] = []
    counts = [0, 0, 0, 0, 0]
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
            folder = corpus / t["arxiv_id"]
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
            labels = source_labels(folder / "source.tar.gz")
            junk = [d for part in (found.abstract, _text(found.introduction), _text(found.related_work))
                    for d in debris(part, labels)]  # fmt: skip
            if junk:
                scores[-1].clean = False
                scores[-1].misses.append(f"debris: {junk[:6]}")
            scores[-1].family = family(folder / "source.tar.gz")
            if t["arxiv_id"] in cites:
                figures = citation_figures(found, cites[t["arxiv_id"]])
                scores[-1].citations = figures[:2]
                for i, v in enumerate(figures):
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
    print(f"text free of debris:              {sum(s.clean for s in scores)}/{len(scores)}")
    markers, right, links, correct, printed = counts
    print(f"intro citations linked right:     {right}/{markers} = {right / max(markers, 1):.1%}")
    print(f"intro citation links precision:   {correct}/{links} = {correct / max(links, 1):.1%}")
    print(f"intro markers printed as the PDF: {printed}/{right} = {printed / max(right, 1):.1%}")
    times = sorted(s.seconds for s in scores)
    print(f"LaTeX route time per paper:       median {statistics.median(times):.3f} s, max {times[-1]:.3f} s")
    if by_family:
        print()
        family_table(scores)
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
    parser.add_argument("--by-family", action="store_true", help="print each family's figures (Markdown)")
    args = parser.parse_args(argv)
    if not (args.corpus / "truth.jsonl").is_file():
        print(f"no corpus at {args.corpus} (truth.jsonl missing)")
        return 0
    return run(args.corpus, args.verbose, args.by_family)


if __name__ == "__main__":
    raise SystemExit(main())
