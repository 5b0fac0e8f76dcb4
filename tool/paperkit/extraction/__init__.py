"""Extraction routes: what was downloaded for a paper in, one :class:`~paperkit.records.Sections` out.

A route reads one kind of file (the PDF; the LaTeX source arXiv serves) and returns the same record:
title, abstract, headings, introduction, related work, the reference list *parsed* into entries, the
introduction's and related work's citation links, and the page each paragraph starts on. ``found_by``
says which route found each part and how (``"pdf/outline"``). The pipeline hands :func:`read_paper` the
paper's files and the route asked for, and learns which route read them from ``Sections.route``; a route
owns its names, its download, its fallback and its local inputs (:class:`~paperkit.extraction.seam.Route`),
so a new route is a package here and a line in :func:`routes`.
"""

from __future__ import annotations

import sys
from pathlib import Path

# PyMuPDF 2 imports its layout-analysis add-on (an ONNX model; ~0.5 s and ~100 MB a process) whenever it is
# installed, and it is installed with PyMuPDF. paperkit reads the layout itself and never calls it
# (``Page.get_layout``), so it is kept out of every process that reads papers: the fetch and each of its
# read-ahead workers start that much sooner. A process that imported PyMuPDF before paperkit keeps it.
if "pymupdf" not in sys.modules:
    sys.modules.setdefault("pymupdf.layout", None)  # type: ignore[arg-type]

from paperkit.extraction.latex.route import LatexRoute
from paperkit.extraction.pages import locate_in_pages, pdf_page_texts
from paperkit.extraction.pdf.route import PdfRoute
from paperkit.extraction.seam import ExtractionError, PaperFiles, Route
from paperkit.records import Sections

__all__ = [
    "ExtractionError",
    "PaperFiles",
    "Route",
    "local_input",
    "read_paper",
    "route_label",
    "routes",
]


def routes() -> dict[str, Route]:
    """The routes by name, in the order ``auto`` tries them (the most exact first)."""
    return {"latex": LatexRoute(), "pdf": PdfRoute()}


def route_label(name: str) -> str:
    """How a reader calls a route's input ("LaTeX source"); records written before routes had names
    came from the PDF."""
    route = routes().get(name)
    return route.label if route is not None else "PDF"


def downloads(choice: str) -> dict[str, Route]:
    """The download kinds (beyond the PDF) the route ``choice`` may read, with the route reading each."""
    table = routes()
    wanted = table.values() if choice == "auto" else [table[choice]] if choice in table else []
    return {r.download: r for r in wanted if r.download}


def local_input(path: Path) -> bytes | None:
    """A local input that is some route's own (a LaTeX folder or archive), packed as the library keeps
    it; None when no route claims it. :class:`ExtractionError` when it is a route's but unreadable."""
    for route in routes().values():
        packed = route.local(path)
        if packed is not None:
            return packed
    return None


def read_paper(files: PaperFiles, choice: str = "auto") -> Sections:
    """Read ``files`` with the route named ``choice``, or for ``auto`` the first usable route that reads
    them. A route that cannot read them hands over to the next (``auto``) or to its ``fallback``, and the
    record's warnings say so in one line; the last route's error is raised when none reads them."""
    table = routes()
    if choice != "auto" and choice not in table:
        raise ExtractionError(f"no extraction route {choice!r} (known: {', '.join(table)})")
    order = list(table.values()) if choice == "auto" else _with_fallbacks(table, choice)
    failures: list[str] = []
    last: ExtractionError | None = None
    for route in order:
        if not route.usable(files):
            continue
        try:
            sections = route.read(files)
        except ExtractionError as e:
            failures.append(f"the {route.name} route could not read the paper ({e})")
            last = e
            continue
        sections.warnings[:0] = [f"{f}; the note is written from the {route.label}" for f in failures]
        return _finish(sections, files, table)
    if last is not None:
        raise last
    raise ExtractionError("nothing to read: no PDF and no usable source")


def _with_fallbacks(table: dict[str, Route], choice: str) -> list[Route]:
    order = [table[choice]]
    while order[-1].fallback and order[-1].fallback in table and table[order[-1].fallback] not in order:
        order.append(table[order[-1].fallback])
    return order


def _finish(sections: Sections, files: PaperFiles, table: dict[str, Route]) -> Sections:
    """What a route could not find alone: the printed reference list of a source without a bibliography,
    the pages of a route that knows none (from the PDF's text, read once)."""
    sections = _with_references(sections, files, table)
    parts = [p for p in (sections.introduction, sections.related_work) if p is not None]
    unplaced = any(not p.paragraph_pages for p in parts) or not sections.abstract_page
    if files.pdf is not None and unplaced and sections.route != "pdf":
        locate_in_pages(sections, pdf_page_texts(files.pdf))
    return sections


def _with_references(sections: Sections, files: PaperFiles, table: dict[str, Route]) -> Sections:
    """A source without a bibliography (no ``.bbl``, ``.bib`` or ``thebibliography``: the authors'
    build ran BibTeX elsewhere) still has a printed reference list: take it from the PDF."""
    pdf = table.get("pdf")
    if sections.references or sections.route == "pdf" or pdf is None or not pdf.usable(files):
        return sections
    try:
        printed = pdf.read(files)
    except ExtractionError:
        return sections
    if printed.references:
        sections.references = printed.references
        sections.found_by["references"] = printed.found_by.get("references", "pdf")
        sections.warnings.append("the source holds no bibliography: the reference list is the PDF's")
    return sections
