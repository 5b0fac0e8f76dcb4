"""A reference entry as the note shows it: who, when, what, and the command that fetches it."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


_SUFFIX = re.compile(r"^(jr|sr|ii|iii|iv)\.?$", re.IGNORECASE)


def _surname(name: str) -> str:
    name = squash(name)
    if "," in name and not _SUFFIX.match(name.split(",", 1)[1].strip()):  # "Bengio, Y.", "Daumé III, H."
        return " ".join(w for w in name.split(",", 1)[0].split() if not _SUFFIX.match(w))
    words = [
        w.strip(".,")
        for w in re.split(r"[\s,]+", name)
        if w and not re.fullmatch(r"[A-Z]\.?(-[A-Z]\.?)?", w) and not _SUFFIX.match(w)
    ]
    return words[-1] if words else name


def who(authors: list[str]) -> str:
    """A short author list: one surname, two joined by 'and', or the first and 'et al.'."""
    names = [_surname(a) for a in authors if a.strip() and a.strip().lower() not in ("others", "et al.")]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."


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
