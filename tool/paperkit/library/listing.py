"""What is in the library: find a paper by what a person types, list the papers and the reimplementations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from paperkit.access.ids import parse_arxiv_id
from paperkit.errors import BadInput, LibraryError, NotFound
from paperkit.library.store import META, NOTE, Library
from paperkit.reproduction.verdicts import last_verdict


def resolve_key(library: Library, text: str) -> str:
    """The library key for an arXiv ID (any form ``fetch`` takes) or a local paper's key."""
    text = text.strip()
    try:
        key = parse_arxiv_id(text).key
    except BadInput:
        if text in library.paper_keys():
            return text
        raise
    if not (library.paper_dir(key) / META).is_file():
        raise NotFound(f"{text} is not in the library {library.root}; fetch it first: paperkit fetch {text}")
    return key


def read_note(library: Library, text: str) -> str:
    """The study note of a paper in the library, as text; :class:`NotFound` with the way to build it."""
    path = library.paper_dir(resolve_key(library, text)) / NOTE
    if not path.is_file():
        raise NotFound(f"{text} has no note yet; build it: paperkit notes {text}")
    return path.read_text(encoding="utf-8", errors="replace")


@dataclass
class PaperRow:
    """One line of ``paperkit list``."""

    key: str
    id: str
    title: str
    year: int | None
    reimplementation: str | None
    last_reproduction: str | None  # "held" / "not held" and when, or None
    error: str | None = None  # set when the paper's records are unreadable


def _last_reproduction(library: Library, key: str) -> str | None:
    """``held (2025-01-31)`` or ``not held (...)`` for the paper's last reproduction; None without one."""
    last = last_verdict(library.paper_dir(key))
    if last is None:
        return None
    return last.word + (f" ({last.timestamp[:10]})" if last.timestamp else "")


def list_papers(library: Library) -> list[PaperRow]:
    """Every paper in the library, sorted by key; a paper with broken records is listed with its error."""
    from paperkit.reproduction.registry import find

    rows = []
    for key in library.paper_keys():
        try:
            meta = library.read_meta(key)
        except LibraryError as e:
            rows.append(PaperRow(key, key, "", None, None, None, error=str(e)))
            continue
        found = find(meta.id)
        rows.append(
            PaperRow(
                key=key,
                id=meta.id,
                title=meta.title,
                year=meta.year,
                reimplementation=found.name if found else None,
                last_reproduction=_last_reproduction(library, key),
            )
        )
    return rows


def list_reimpls(library: Library) -> list[dict[str, Any]]:
    """Every reimplementation with its paper and last recorded verdict, for ``paperkit reimpls``."""
    from paperkit.reproduction.registry import all_reimpls
    from paperkit.reproduction.reproduce import library_key

    rows = []
    for r in all_reimpls():
        try:
            last = last_verdict(library.paper_dir(library_key(r.paper.arxiv_id)))
        except (BadInput, LibraryError):  # an ID that makes no library key has no record either
            last = None
        rows.append(
            {
                "arxiv_id": r.paper.arxiv_id,
                "name": r.name,
                "title": r.paper.title,
                "claim": r.paper.claim,
                "folder": str(r.folder),
                "last_verdict": None
                if last is None
                else {
                    "held": last.held,
                    "summary": last.summary,
                    "timestamp": last.timestamp,
                    "budget": last.budget,
                },
            }
        )
    return rows
