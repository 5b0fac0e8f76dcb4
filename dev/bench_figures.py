"""Benchmark the note's Figure 1 and "The idea in symbols" on the corpus, through ``paperkit fetch``.

    python -m dev.bench_figures --corpus ../shared/corpus

Prints, per set:
- the 16 LaTeX sources (``latex/``), fetched by ID from the tests' fake arXiv (PDF and e-print served):
  a figure for the papers with a Figure 1 (the file opens as an image ≥ 200 px wide, ≤ 5 MB, and its
  caption's first words are the printed caption's), a display formula for the notes whose source has
  display equations, and the share of all the notes' formulas KaTeX renders (when Node and dev/katex
  are installed);
- the 40 development PDFs (``pdf/``, the set the crop was tuned on), fetched as local PDFs: a figure
  for the papers with a Figure 1;
- the LaTeX set's 16 PDFs read by the PDF route alone (``--route pdf``): the crop on PDFs it was not
  tuned on (two of them, 1407.3561 and 2305.14220, were looked at once);
- per-paper fetch time (CPU time of the process, the fastest of two alternating runs) with figures and
  formulas beside the same fetch without them, and what they add to the library.

"A paper with a Figure 1" is one whose PDF prints a line opening with "Figure 1"/"Fig. 1" and a colon,
full stop or bar: read from the PDF's plain text, not by the cropper.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pymupdf

from dev.katex_check import katex_errors, note_formulas, unavailable
from paperkit.config import load_settings
from paperkit.extraction import batch
from paperkit.pipeline.fetch import Fetcher
from paperkit.records import Visuals

REPEATS = 2
_PRINTED = re.compile(r"^\s*(?:fig(?:ure)?\.?)\s*1(?:\.1)?(?![\d.]\d)\s*[:.|]\s*(.*(?:\n.*)?)$", re.I | re.M)
_DISPLAY = re.compile(r"\\begin\s*\{(?:equation|align|gather|multline|eqnarray|displaymath)\*?\}|\\\[|\$\$")


@dataclass
class Paper:
    """One fetched paper's outcome."""

    name: str
    printed: str | None  # the printed Figure 1 caption's start, None when the PDF has no Figure 1
    figure_ok: bool
    caption_ok: bool
    has_display: bool
    formulas: int
    seconds: float
    seconds_without: float
    added_bytes: int
    note: str


def printed_caption(pdf: Path) -> str | None:
    """The words after the printed "Figure 1:" label, or None when the PDF prints no Figure 1 caption."""
    with pymupdf.open(pdf) as doc:
        for page in doc:
            m = _PRINTED.search(page.get_text("text"))
            if m:
                return m.group(1)
    return None


def _words(text: str, n: int = 3) -> list[str]:
    """The first words of a caption, compared as a reader would: ligatures, line-end hyphens, leading
    dashes and mathematics aside."""
    text = unicodedata.normalize("NFKC", re.sub(r"-\n", "", text))
    text = re.sub(r"\$[^$]*\$", " ", text)
    words = [w.lower().strip(".,:;()—–-") for w in text.split()]
    return [w for w in words if w][:n]


def _figure_ok(folder: Path) -> bool:
    path = folder / "figures" / "fig1.png"
    if not path.is_file() or path.stat().st_size > 5_000_000:
        return False
    try:
        return pymupdf.Pixmap(str(path)).width >= 200
    except (RuntimeError, ValueError):
        return False


def _stored_caption(folder: Path) -> str:
    import json

    try:
        figure = json.loads((folder / "visuals.json").read_text())["figure"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""
    return str(figure.get("caption", "")) if isinstance(figure, dict) else ""


def _added(folder: Path) -> int:
    figure = folder / "figures" / "fig1.png"
    return (figure.stat().st_size if figure.is_file() else 0) + (folder / "visuals.json").stat().st_size


def _fetch_seconds(item: str, library: str, route: str, visuals: bool) -> float:
    """CPU seconds of this process for one fetch of ``item`` into ``library`` (with or without figures
    and formulas): on a machine shared with other work, wall-clock time measures the others' load."""
    offline = not re.match(r"^\d{4}\.\d{4,5}$", item)
    fetcher = Fetcher(load_settings(library), offline=offline, route=route, force=True)
    with contextlib.ExitStack() as stack:
        if not visuals:
            stack.enter_context(mock.patch.object(batch, "visuals_of", lambda *_a: Visuals()))
        start = time.process_time()
        fetcher.fetch_one(item)
        return time.process_time() - start


def fetch_twice(item: str, key: str, printed: str | None, has_display: bool, route: str) -> Paper:
    """Fetch ``item`` without figures and formulas and with them, alternately, ``REPEATS`` times each
    (the fastest of each counts: the machine is shared, and noise only ever adds time)."""
    with tempfile.TemporaryDirectory() as bare, tempfile.TemporaryDirectory() as full:
        without, seconds = math.inf, math.inf
        for _ in range(REPEATS):
            without = min(without, _fetch_seconds(item, bare, route, visuals=False))
            seconds = min(seconds, _fetch_seconds(item, full, route, visuals=True))
        folder = Path(full) / key
        note = (folder / "notes.md").read_text(encoding="utf-8")
        caption = _stored_caption(folder)
        return Paper(
            name=key,
            printed=printed,
            figure_ok=_figure_ok(folder),
            caption_ok=bool(printed) and _words(caption) == _words(printed or ""),
            has_display=has_display,
            formulas=note.count("\n$$\n") // 2,
            seconds=seconds,
            seconds_without=without,
            added_bytes=_added(folder),
            note=note,
        )


def latex_set(corpus: Path, route: str) -> list[Paper]:
    """The LaTeX corpus, fetched by ID from the fake arXiv (``route``: "auto", or "pdf")."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from fake_arxiv import FakeArxiv
    from paperkit.extraction.latex.archive import read_source
    from paperkit.extraction.latex.source import assemble, find_main, split_document

    folders = sorted(p for p in (corpus / "latex").iterdir() if (p / "source.tar.gz").is_file())
    papers = []
    with FakeArxiv() as fake:
        os.environ.update(PAPERKIT_ARXIV_API=fake.api_url, PAPERKIT_ARXIV_DELAY="0", PAPERKIT_TIMEOUT="10")
        for folder in folders:
            pdf, eprint = (folder / "paper.pdf").read_bytes(), (folder / "source.tar.gz").read_bytes()
            fake.add_paper(folder.name, version=1, title=folder.name, pdf=pdf, eprint=eprint)
        for folder in folders:
            files = read_source(folder / "source.tar.gz")
            body = split_document(assemble(files, find_main(files))[0])[1]
            printed = printed_caption(folder / "paper.pdf")
            papers.append(fetch_twice(folder.name, folder.name, printed, bool(_DISPLAY.search(body)), route))
    return papers


def pdf_set(corpus: Path) -> list[Paper]:
    """The development PDFs, fetched as local files."""
    papers = []
    for pdf in sorted((corpus / "pdf").glob("*.pdf")):
        papers.append(fetch_twice(str(pdf), pdf.stem, printed_caption(pdf), False, "auto"))
    return papers


def _share(n: int, d: int) -> str:
    return f"{n}/{d} ({100 * n / d:.0f}%)" if d else "0/0"


def report(title: str, papers: list[Paper], formulas: bool) -> None:
    with_fig = [p for p in papers if p.printed]
    found = [p for p in with_fig if p.figure_ok]
    captioned = [p for p in found if p.caption_ok]
    print(f"\n{title}: {len(papers)} papers, {len(with_fig)} with a Figure 1")
    print(f"  figure (opens, >= 200 px, <= 5 MB):       {_share(len(found), len(with_fig))}")
    print(f"  ... and its caption's first words match:   {_share(len(captioned), len(with_fig))}")
    missed = [p.name for p in with_fig if not p.figure_ok] + [
        f"{p.name} (caption)" for p in found if not p.caption_ok
    ]
    if missed:
        print(f"  missed: {', '.join(missed)}")
    extra = [p.name for p in papers if not p.printed and p.figure_ok]
    if extra:
        print(f"  a figure where the PDF prints no Figure 1: {', '.join(extra)}")
    if formulas:
        displays = [p for p in papers if p.has_display]
        shown = [p for p in displays if p.formulas]
        print(f"  display formula, of sources with displays: {_share(len(shown), len(displays))}")
        if unavailable() is None:
            all_math = [f for p in papers for f in note_formulas(p.note)]
            bad = sum(e is not None for e in katex_errors(all_math))
            print(
                f"  formulas in the notes KaTeX renders:       {_share(len(all_math) - bad, len(all_math))}"
            )
        else:
            print(f"  KaTeX not run: {unavailable()}")
    growth = [p.seconds / p.seconds_without - 1 for p in papers if p.seconds_without > 0]
    total = sum(p.seconds for p in papers) / max(sum(p.seconds_without for p in papers), 1e-9) - 1
    print(
        f"  fetch time growth: median {100 * statistics.median(growth):+.0f}% a paper, "
        f"{100 * total:+.0f}% in all ({sum(p.seconds_without for p in papers):.1f} s -> "
        f"{sum(p.seconds for p in papers):.1f} s)"
    )
    added = [p.added_bytes for p in papers]
    print(
        f"  library growth: median {statistics.median(added) / 1e3:.0f} kB, "
        f"largest {max(added) / 1e6:.2f} MB a paper"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    args = parser.parse_args()
    report("LaTeX sources, fetched by ID", latex_set(args.corpus, "auto"), formulas=True)
    report("Development PDFs (tuned on)", pdf_set(args.corpus), formulas=False)
    report(
        "The LaTeX set's PDFs, PDF route only (not tuned on)", latex_set(args.corpus, "pdf"), formulas=False
    )


if __name__ == "__main__":
    main()
