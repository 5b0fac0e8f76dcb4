"""The library's views that need notes or verdicts: the list of papers, of reimplementations, one BibTeX
file, the reading queue. Each reads the library's records once."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from paperkit.access.ids import key_of
from paperkit.errors import BadInput, LibraryError
from paperkit.library.map import Unread, reading_queue, shelf
from paperkit.library.store import Library
from paperkit.notes.bibtex import bibtex, citekey
from paperkit.reproduction.registry import all_reimpls, find
from paperkit.reproduction.report import clip
from paperkit.reproduction.verdicts import last_verdict
from paperkit.sanitize import one_line


def next_to_read(library: Library, limit: int = 10) -> list[Unread]:
    """The works the library's introductions cite most that it does not hold (``paperkit next``)."""
    return reading_queue(shelf(library), limit)


def library_bibtex(library: Library, ids: list[str] | None = None) -> str:
    """One BibTeX file for the library (or the papers ``ids``): unique citekeys, arXiv's ``@misc`` form,
    the DOI and journal reference when arXiv has them."""
    chosen = [p for p in shelf(library) if not ids or p.key in ids or p.meta.id in ids]
    used: dict[str, int] = {}
    entries = []
    for p in sorted(chosen, key=lambda p: (citekey(p.meta), p.key)):
        base = citekey(p.meta)
        n = used.get(base, 0)
        used[base] = n + 1
        key = base if n == 0 else f"{base}{chr(ord('a') + n - 1)}"
        entries.append(bibtex(replace(p.meta), key=key))
    return "\n\n".join(entries) + ("\n" if entries else "")


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
    rows = []
    for r in all_reimpls():
        try:
            last = last_verdict(library.paper_dir(key_of(r.paper.arxiv_id)))
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


def format_papers(rows: list[PaperRow]) -> str:
    """One line per paper (``paperkit list``): ID, year, title, reimplementation and last reproduction."""
    lines = []
    for r in rows:
        if r.error:
            lines.append(f"{r.key:<18} (unreadable: {one_line(r.error)})")
            continue
        extra = ""
        if r.reimplementation:
            extra = f"  [reimpl: {r.reimplementation}, {r.last_reproduction or 'not reproduced'}]"
        lines.append(f"{one_line(r.id):<18} {r.year or '':<4}  {clip(r.title, 70)}{extra}")
    return "\n".join(lines)
