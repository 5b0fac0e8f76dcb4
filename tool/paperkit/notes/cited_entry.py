"""A reference entry as the note shows it: who, when, what, and the command that fetches it."""

from __future__ import annotations

from dataclasses import dataclass

from paperkit.extraction.entries import who
from paperkit.records import Reference
from paperkit.text import squash


@dataclass
class CitedEntry:
    """A reference entry as a reader wants it: who, when, what, and where to get it."""

    number: int  # 1-based position in the reference list
    who: str  # "Hochreiter and Schmidhuber", "Bengio et al."
    year: str | None
    title: str | None
    text: str  # the entry as printed (the fallback when it could not be parsed)
    arxiv_id: str | None
    note: str | None = None  # the link to its note, when the work is in the library

    @property
    def fetch_command(self) -> str | None:
        """The command that fetches the cited work, when its entry prints an arXiv ID."""
        return f"paperkit fetch {self.arxiv_id}" if self.arxiv_id else None


def cited_entry(index: int, ref: Reference) -> CitedEntry:
    """The note's view of entry ``index`` (0-based) of the reference list."""
    return CitedEntry(
        number=index + 1,
        who=who(ref.authors),
        year=ref.year,
        title=ref.title,
        text=squash(ref.text),
        arxiv_id=ref.arxiv_id,
    )
