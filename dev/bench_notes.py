"""Benchmark building study notes on the evaluation corpus, after extraction.

    python -m dev.bench_notes --corpus ../shared/corpus [--repeat 5]

For every corpus PDF (PDF route) and every LaTeX source of ``corpus/latex`` (LaTeX route): extract once
(not timed), then build and render the note ``repeat`` times and keep the fastest; prints the median and
90th-percentile build time, what each note holds (background works shown/all, related-idea topics, key
terms), so a change that empties a part shows up here, and the note's visible words: the words a reader
sees above "Source text" (front matter, link targets and folded ``<details>`` blocks not counted), whose
median should stay at most 700 and 90th percentile at most 1,000 (issue 19).

Recorded (issue 19, 56 notes, after the pipeline landed; a 2-core machine under a load of ~13, so the
build times are several times an idle machine's):

    set           visible words median / p90 / max      before (issue 19 opened)
    PDF (40)      670 / 856 / 892                       977 / 1342 / 1636
    LaTeX (16)    621 / 764 / 766                       892 / 1409 / 2601
    all (56)      662 / 766 / 892                       956 / 1342 / 2601
    note build    median 78.8 ms, p90 113.2 ms (same machine, same load)
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

from paperkit.extraction import PaperFiles, read_paper
from paperkit.notes.content import Surroundings, build_note
from paperkit.notes.render import render_note
from paperkit.records import PaperMeta, Sections

_FOLDED = re.compile(r"<details>.*?</details>", re.DOTALL)
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")


def visible_words(note: str) -> int:
    """Words a reader sees before "Source text": no front matter, link targets or folded blocks."""
    top = note.split("\n## Source text", 1)[0]
    if top.startswith("---\n") and "\n---\n" in top[4:]:
        top = top[top.index("\n---\n", 4) + 5 :]
    top = _LINK_TARGET.sub("]", _FOLDED.sub(" ", top))
    return len(re.findall(r"[A-Za-z0-9][\w'’\-.]*", top))


def _papers(corpus: Path) -> list[tuple[str, str, Sections]]:
    """(set, id, sections) of every corpus paper: the PDFs by the PDF route, the sources by LaTeX's."""
    out = [
        ("pdf", p.stem, read_paper(PaperFiles(pdf=p), "pdf")) for p in sorted((corpus / "pdf").glob("*.pdf"))
    ]
    for d in sorted(p for p in (corpus / "latex").glob("*") if (p / "source.tar.gz").is_file()):
        out.append(("latex", d.name, read_paper(PaperFiles(pdf=d / "paper.pdf", source=d / "source.tar.gz"))))
    return out


def _figures(values: list[int]) -> str:
    values = sorted(values)
    p90 = values[min(len(values) - 1, int(0.9 * len(values)))]
    return f"median {statistics.median(values):.0f}, p90 {p90}, max {values[-1]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time note building on the corpus (after extraction).")
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--repeat", type=int, default=5, help="builds per paper; the fastest counts")
    args = parser.parse_args(argv)
    if not (args.corpus / "pdf").is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    times: list[float] = []
    seen: dict[str, list[int]] = {}
    print(f"{'set':<6} {'paper':<12} {'ms':>6} {'bg':>7} {'rel':>4} {'terms':>5} {'words':>6}")
    for kind, pid, sections in _papers(args.corpus):
        meta = PaperMeta(id=pid, version=None, title=sections.title, abstract=sections.abstract)
        best = float("inf")
        for _ in range(max(1, args.repeat)):
            start = time.perf_counter()
            content = build_note(meta, sections, Surroundings(has_pdf=True))
            note = render_note(content)
            best = min(best, time.perf_counter() - start)
        times.append(best)
        works = sum(len(b.works) for b in content.background)
        shown = sum(len(b.works) for b in content.background if not b.folded)
        related, terms = len(content.related), len(content.terms)
        seen.setdefault(kind, []).append(visible_words(note))
        print(f"{kind:<6} {pid:<12} {best * 1000:6.1f} {shown:3d}/{works:<3d} {related:4d} {terms:5d}"
              f" {seen[kind][-1]:6d}")  # fmt: skip
    times.sort()
    p90 = times[min(len(times) - 1, int(0.9 * len(times)))]
    median = statistics.median(times)
    print(f"\nnote build after extraction: median {median * 1000:.1f} ms, p90 {p90 * 1000:.1f} ms")
    for kind, values in seen.items():
        print(f"visible words, {kind} ({len(values)} notes): {_figures(values)}")
    every = [w for values in seen.values() for w in values]
    print(f"visible words, all ({len(every)} notes): {_figures(every)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
