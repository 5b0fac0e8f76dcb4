"""Extraction routes: what was downloaded for a paper in, one :class:`~paperkit.records.Sections` out.

A route reads one kind of file (the PDF; the LaTeX source arXiv serves) and returns the same record:
title, abstract, headings, introduction, related work, the reference list *parsed* into entries, and the
introduction's and related work's citation links. ``found_by`` says which route found each part and how
(``"pdf/outline"``). The pipeline (:mod:`paperkit.fetch`) hands a route the paper's files and never looks
inside them; a new route is one module here and a line in :data:`ROUTES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from paperkit.errors import PdfError
from paperkit.records import Sections


@dataclass(frozen=True)
class PaperFiles:
    """What was downloaded (or given) for one paper."""

    pdf: Path | None = None
    source: Path | None = None  # the e-print (LaTeX sources) when there is one


class Route(Protocol):
    """One way of reading a paper's files into :class:`Sections`."""

    name: str

    def usable(self, files: PaperFiles) -> bool:
        """Whether the files hold what this route reads (cheap: no full parse)."""
        ...

    def read(self, files: PaperFiles) -> Sections:
        """The paper's parts; raises :class:`ExtractionError` when the files cannot be read."""
        ...


class ExtractionError(PdfError):
    """A route could not read the paper's files (corrupt, encrypted, no text)."""


def routes() -> dict[str, Route]:
    """The routes by name, in the order ``auto`` tries them (the most exact first)."""
    from paperkit.extraction.pdf.route import PdfRoute

    return {"pdf": PdfRoute()}


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
