"""Benchmark the whole fetch against its floor: what a user waits for, beside what PyMuPDF alone costs.

    python -m dev.bench_fetch --corpus ../shared/corpus [--no-markdown]

Prints, for the corpus PDFs (2 cores is the machine this is judged on):
- the whole-process ``paperkit fetch --offline`` of every PDF into a fresh library (start-up, the read-ahead
  pool on every core, sections, notes and files written), as a user runs it;
- the floor: one bare ``page.get_text("dict")`` pass over every page of them, in one process;
- PyMuPDF4LLM's ``to_markdown`` over the same PDFs (the tool a user might pick instead), when installed;
- the note build after extraction: each paper's note built again from the records the fetch wrote
  (``sections.json``, ``meta.json``), median and 90th percentile.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from paperkit.library.store import Library
from paperkit.notes.content import build_note
from paperkit.notes.render import render_note
from paperkit.pipeline.notes import Index, surroundings


def bare_pass(pdfs: list[Path]) -> tuple[float, float, int]:
    """Wall and processor seconds for one ``get_text("dict")`` pass over every page, and the page count."""
    import pymupdf

    start, cpu, pages = time.perf_counter(), time.process_time(), 0
    for pdf in pdfs:
        with pymupdf.open(pdf) as doc:
            for page in doc:
                page.get_text("dict")
                pages += 1
    return time.perf_counter() - start, time.process_time() - cpu, pages


def markdown_pass(pdfs: list[Path]) -> float | None:
    """Seconds for PyMuPDF4LLM's ``to_markdown`` of every PDF; None when it is not installed."""
    try:
        import pymupdf4llm
    except ImportError:
        return None
    start = time.perf_counter()
    for pdf in pdfs:
        pymupdf4llm.to_markdown(str(pdf), show_progress=False)
    return time.perf_counter() - start


def fetch_pass(pdfs: list[Path], library: Path) -> tuple[float, float]:
    """Wall and processor seconds (every process of it) for the whole ``paperkit fetch --offline`` of
    ``pdfs`` into ``library``, in a process of its own."""
    command = [sys.executable, "-m", "paperkit", "fetch", "--offline", "--quiet", "--library", str(library)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([*command, *map(str, pdfs)], capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def note_builds(library: Path) -> list[float]:
    """Seconds to build and render each paper's note from the library's records (after extraction)."""
    lib = Library(library)
    index = Index.read(lib)
    times = []
    for paper in index.everyone:
        start = time.perf_counter()
        render_note(build_note(paper.meta, paper.sections, surroundings(index, paper.key, paper.sections)))
        times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The whole fetch beside PyMuPDF's floor.")
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--no-markdown", action="store_true", help="skip PyMuPDF4LLM's to_markdown")
    args = parser.parse_args(argv)
    pdfs = sorted((args.corpus / "pdf").glob("*.pdf"))
    if not pdfs:
        print(f"no PDFs in {args.corpus / 'pdf'}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        fetch, fetch_cpu = fetch_pass(pdfs, Path(tmp))
        builds = sorted(note_builds(Path(tmp)))
    bare, bare_cpu, pages = bare_pass(pdfs)
    markdown = None if args.no_markdown else markdown_pass(pdfs)
    print(f"{len(pdfs)} PDFs, {pages} pages, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    print(f"whole `paperkit fetch --offline`: {fetch:.2f} s ({fetch / len(pdfs) * 1000:.0f} ms a paper)")
    print(f"bare get_text('dict') pass:      {bare:.2f} s; fetch / bare = {fetch / bare:.2f} (goal ≤ 1.00)")
    # On a busy machine wall times mislead; processor seconds say what the work costs.
    print(f"processor seconds:               fetch {fetch_cpu:.2f} (all its processes), bare {bare_cpu:.2f}")
    if markdown is None:
        print("PyMuPDF4LLM to_markdown:         not installed (pip install pymupdf4llm to compare)")
    else:
        print(
            f"PyMuPDF4LLM to_markdown:         {markdown:.2f} s; markdown / fetch = {markdown / fetch:.1f}×"
        )
    p90 = builds[min(len(builds) - 1, int(0.9 * len(builds)))]
    print(
        f"note build after extraction:     median {statistics.median(builds) * 1000:.1f} ms, "
        f"p90 {p90 * 1000:.1f} ms (goal: median ≤ 50 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
