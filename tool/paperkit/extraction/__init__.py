"""Extraction routes: what was downloaded for a paper in, one :class:`~paperkit.records.Sections` out.

A route reads one kind of file (the PDF; the LaTeX source arXiv serves) and returns the same record:
title, abstract, headings, introduction, related work, the reference list *parsed* into entries, and the
introduction's and related work's citation links. ``found_by`` says which route found each part and how
(``"pdf/outline"``). The pipeline (:mod:`paperkit.fetch`) hands a route the paper's files and never looks
inside them; a new route is a module (or package) here and a line in :func:`routes`.
"""

from __future__ import annotations

from paperkit.extraction.latex.route import LatexRoute
from paperkit.extraction.pdf.route import PdfRoute
from paperkit.extraction.seam import ExtractionError, PaperFiles, Route
from paperkit.records import Sections

__all__ = ["ExtractionError", "PaperFiles", "Route", "read_paper", "routes"]


def routes() -> dict[str, Route]:
    """The routes by name, in the order ``auto`` tries them (the most exact first)."""
    return {"latex": LatexRoute(), "pdf": PdfRoute()}


def read_paper(files: PaperFiles, choice: str = "auto") -> Sections:
    """Read ``files`` with the route named ``choice``; for ``auto``, with the first usable route that
    reads them. A route that fails under ``auto`` hands over to the next, and the record's warnings say
    so in one line (the last route's error is raised when none reads the files)."""
    table = routes()
    if choice != "auto":
        route = table.get(choice)
        if route is None:
            raise ExtractionError(f"no extraction route {choice!r} (known: {', '.join(table)})")
        return route.read(files)
    failures: list[str] = []
    last: ExtractionError | None = None
    for route in table.values():
        if not route.usable(files):
            continue
        try:
            sections = route.read(files)
        except ExtractionError as e:
            failures.append(f"the {route.name} route could not read the paper ({e})")
            last = e
            continue
        sections.warnings[:0] = [
            f"{f}; read by the {sections.route or route.name} route instead" for f in failures
        ]
        return _with_references(sections, files, table)
    if last is not None:
        raise last
    raise ExtractionError("nothing to read: no PDF and no usable source")


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
