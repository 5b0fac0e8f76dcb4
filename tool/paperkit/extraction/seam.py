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
    """One way of reading a paper's files into :class:`Sections`.

    A route owns everything about its input: its name and how a reader calls it (``label``), what it
    needs downloaded beside the PDF (``download``: a kind the pipeline knows, e.g. ``"eprint"``), which
    route reads the paper when it cannot (``fallback``), whether a downloaded file is usable, and which
    local inputs are its own.
    """

    name: str
    label: str  # what the note calls the input: "PDF", "LaTeX source"
    download: str | None  # the download kind it reads (stored as PaperFiles.source), None: the PDF alone
    fallback: str | None  # the route that reads the paper when this one cannot

    def unusable(self, path: Path) -> str | None:
        """Why a file downloaded for this route cannot be read by it ("a PDF-only submission"), or None
        when it may be (cheap: the first bytes)."""
        ...

    def local(self, path: Path) -> bytes | None:
        """A local input (file or folder) of this route's kind, packed into the one file the library
        keeps; None when ``path`` is not this route's input. Raises :class:`ExtractionError` for an
        input of its kind that cannot be read."""
        ...

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
