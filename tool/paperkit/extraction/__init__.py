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
    """Read ``files`` with the route named ``choice``, or with the first usable route for ``auto``."""
    table = routes()
    if choice != "auto":
        route = table.get(choice)
        if route is None:
            raise ExtractionError(f"no extraction route {choice!r} (known: {', '.join(table)})")
        return route.read(files)
    for route in table.values():
        if route.usable(files):
            return route.read(files)
    raise ExtractionError("nothing to read: no PDF and no usable source")
