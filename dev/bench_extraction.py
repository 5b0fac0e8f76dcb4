"""Extraction benchmark on the ground-truth corpus.

``python -m dev.bench_extraction [--corpus DIR] [--verbose]`` extracts every ``pdf/*.pdf`` of the corpus and
prints, per field, the share of papers that match ``truth.jsonl``, plus median and 90th-percentile time
per paper. Matching follows the corpus README: strings compared after NFKC, lower-casing and keeping only
letters and digits; a span matches when its text starts with the truth's first words and ends with its
last words.

To add a figure: compute it per paper in :func:`score_paper` (a field of :class:`PaperScore`), and give
it a line in :func:`summarize`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paperkit.errors import PaperkitError
from paperkit.extraction.pdf import extract_sections
from paperkit.records import Section, Sections
from paperkit.text import fold

# The targets the corpus test asserts (shares of papers; headings: mean F1).
TARGETS = {
    "abstract": 0.95,
    "introduction": 0.95,
    "related_work": 0.95,
    "headings_f1": 0.95,
    "references": 0.90,
}
MAX_MEDIAN_SECONDS = 0.15


def span_matches(text: str, words: dict[str, str] | None) -> bool:
    """Whether ``text`` starts with the truth's first words and ends with its last words."""
    if words is None:
        return not text
    t = fold(text)
    return bool(t) and t.startswith(fold(words["first_words"])) and t.endswith(fold(words["last_words"]))


def headings_f1(found: list[str], truth: list[str]) -> float:
    """F1 of the found top-level headings against the truth's, as multisets of normalised strings."""
    if not found and not truth:
        return 1.0
    a, b = Counter(fold(h) for h in found), Counter(fold(h) for h in truth)
    hits = sum((a & b).values())
    if hits == 0:
        return 0.0
    precision, recall = hits / sum(a.values()), hits / sum(b.values())
    return 2 * precision * recall / (precision + recall)


@dataclass
class PaperScore:
    """One paper's result against its truth record; ``misses`` says what failed, for --verbose."""

    arxiv_id: str
    seconds: float
    abstract: bool
    introduction: bool
    related_work: bool
    has_related_work: bool
    headings_f1: float
    references: bool
    misses: list[str] = field(default_factory=list)


def _section_text(section: Section | None) -> str:
    return section.text if section else ""


def _ends(text: str, n: int = 8) -> str:
    words = text.split()
    return f"{' '.join(words[:n])!r} … {' '.join(words[-n:])!r}" if words else "(none)"


def score_paper(found: Sections, truth: dict[str, Any], seconds: float) -> PaperScore:
    """Compare one extraction with its truth record."""
    misses: list[str] = []
    abstract = span_matches(found.abstract, truth.get("abstract"))
    if not abstract:
        misses.append(f"abstract: got {_ends(found.abstract)}, want {truth.get('abstract')}")
    intro = span_matches(_section_text(found.introduction), truth.get("introduction"))
    if not intro:
        misses.append(
            f"introduction: got {_ends(_section_text(found.introduction))}, want {truth.get('introduction')}"
        )
    want_rw = truth.get("related_work")
    related = span_matches(_section_text(found.related_work), want_rw)
    alternatives = {fold(h) for h in truth.get("related_work_alternatives") or []}
    if (
        not related
        and want_rw is None
        and found.related_work
        and fold(found.related_work.heading) in alternatives
    ):
        related = True  # a section the truth names as an acceptable reading
    if not related:
        got = found.related_work.heading if found.related_work else None
        misses.append(
            f"related work: got {got!r} {_ends(_section_text(found.related_work))}, "
            f"want {truth.get('related_work_heading')!r} {want_rw}"
        )
    f1 = headings_f1(found.headings, truth["sections"])
    if f1 < 1:
        extra = [h for h in found.headings if fold(h) not in {fold(t) for t in truth["sections"]}]
        missing = [t for t in truth["sections"] if fold(t) not in {fold(h) for h in found.headings}]
        misses.append(f"headings F1 {f1:.2f}: extra {extra}, missing {missing}")
    refs = abs(len(found.references) - truth["reference_count"]) <= 1
    if not refs:
        misses.append(f"references: got {len(found.references)}, want {truth['reference_count']}")
    return PaperScore(
        truth["arxiv_id"], seconds, abstract, intro, related, want_rw is not None, f1, refs, misses
    )


def load_truth(corpus: Path) -> list[dict[str, Any]]:
    """The truth records, one per corpus PDF."""
    with (corpus / "truth.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(corpus: Path) -> list[PaperScore]:
    """Extract every corpus PDF and score it."""
    scores: list[PaperScore] = []
    for truth in load_truth(corpus):
        pdf = corpus / "pdf" / f"{truth['arxiv_id']}.pdf"
        start = time.perf_counter()
        try:
            found = extract_sections(pdf)
        except PaperkitError as exc:
            found = Sections("", "", [], None, None, [], warnings=[str(exc)])
        scores.append(score_paper(found, truth, time.perf_counter() - start))
    return scores


def summarize(scores: list[PaperScore]) -> dict[str, float]:
    """Corpus figures: shares of papers right per field, mean headings F1, time per paper."""
    n = len(scores) or 1
    times = sorted(s.seconds for s in scores) or [0.0]
    return {
        "abstract": sum(s.abstract for s in scores) / n,
        "introduction": sum(s.introduction for s in scores) / n,
        "related_work": sum(s.related_work for s in scores) / n,
        "related_work_present": _share([s.related_work for s in scores if s.has_related_work]),
        "related_work_none": _share([s.related_work for s in scores if not s.has_related_work]),
        "headings_f1": sum(s.headings_f1 for s in scores) / n,
        "references": sum(s.references for s in scores) / n,
        "median_seconds": statistics.median(times),
        "p90_seconds": times[min(len(times) - 1, int(0.9 * len(times)))],
    }


def _share(values: list[bool]) -> float:
    return sum(values) / len(values) if values else 1.0


def print_report(scores: list[PaperScore], verbose: bool = False) -> None:
    """Print the figures (and with ``verbose`` every paper's misses)."""
    if verbose:
        for s in scores:
            for miss in s.misses:
                print(f"{s.arxiv_id}: {miss}")
        print()
    fig = summarize(scores)
    print(f"papers: {len(scores)}")
    print(f"abstract first/last words:        {fig['abstract']:.0%}")
    print(f"introduction first/last words:    {fig['introduction']:.0%}")
    print(
        f"related work right:               {fig['related_work']:.0%} "
        f"(present: {fig['related_work_present']:.0%}, correctly none: {fig['related_work_none']:.0%})"
    )
    print(f"headings F1 (mean):               {fig['headings_f1']:.3f}")
    print(f"reference count within ±1:        {fig['references']:.0%}")
    print(f"time per paper: median {fig['median_seconds']:.3f} s, p90 {fig['p90_seconds']:.3f} s")


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m dev.bench_extraction [--corpus DIR] [--verbose]``."""
    parser = argparse.ArgumentParser(description="Benchmark PDF extraction on the ground-truth corpus.")
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--verbose", action="store_true", help="print each paper's misses")
    args = parser.parse_args(argv)
    if not (args.corpus / "truth.jsonl").is_file():
        print(f"no corpus at {args.corpus} (truth.jsonl missing)")
        return 0
    print_report(evaluate(args.corpus), verbose=args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
