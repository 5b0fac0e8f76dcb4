"""Benchmark building study notes on the evaluation corpus, after extraction.

    python -m dev.bench_notes --corpus ../shared/corpus [--repeat 5]

For every corpus PDF: extract once (not timed), then build and render the note ``repeat`` times and keep
the fastest; prints the median and 90th-percentile build time and what each note holds (background works,
related-idea paragraphs, key terms), so a change that empties a part shows up here.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from paperkit.extraction import PaperFiles, read_paper
from paperkit.notes.content import Surroundings, build_note
from paperkit.notes.render import render_note
from paperkit.records import PaperMeta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time note building on the corpus (after extraction).")
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--repeat", type=int, default=5, help="builds per paper; the fastest counts")
    args = parser.parse_args(argv)
    pdfs = sorted((args.corpus / "pdf").glob("*.pdf"))
    if not pdfs:
        print(f"no PDFs in {args.corpus / 'pdf'}", file=sys.stderr)
        return 2
    times: list[float] = []
    print(f"{'paper':<12} {'ms':>6} {'bg':>4} {'rel':>4} {'terms':>5}")
    for pdf in pdfs:
        sections = read_paper(PaperFiles(pdf=pdf), "pdf")  # references parsed, citations linked
        meta = PaperMeta(id=pdf.stem, version=None, title=sections.title, abstract=sections.abstract)
        best = float("inf")
        for _ in range(max(1, args.repeat)):
            start = time.perf_counter()
            content = build_note(meta, sections, Surroundings(has_pdf=True))
            render_note(content)
            best = min(best, time.perf_counter() - start)
        times.append(best)
        works = sum(len(b.works) for b in content.background)
        related, terms = len(content.related), len(content.terms)
        print(f"{pdf.stem:<12} {best * 1000:6.1f} {works:4d} {related:4d} {terms:5d}")
    times.sort()
    p90 = times[min(len(times) - 1, int(0.9 * len(times)))]
    median = statistics.median(times)
    print(f"\nnote build after extraction: median {median * 1000:.1f} ms, p90 {p90 * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
