"""The seam every extraction route fits: the files it is given, what it promises, how it fails."""

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
    """A route could not read the paper's files (corrupt, encrypted, no text).

    ``unreadable`` is set when no page could be read at all (corrupt, encrypted, no pages), as opposed to
    pages without text (a scan): such a file is not kept in the library as a paper's PDF.
    """

    def __init__(self, message: str, unreadable: bool = False) -> None:
        super().__init__(message)
        self.unreadable = unreadable
