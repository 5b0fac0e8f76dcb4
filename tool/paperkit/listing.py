"""What is in the library: find a paper by what a person types, list the papers."""

from __future__ import annotations

import json
from dataclasses import dataclass

from paperkit.errors import BadInput, LibraryError, NotFound
from paperkit.ids import parse_arxiv_id
from paperkit.library import META, REPRODUCTION, Library


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
    path = library.paper_dir(key) / REPRODUCTION / "result.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        held = bool(data["verdict"]["held"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    when = str(data.get("finished") or data.get("timestamp") or "")[:10]
    return ("held" if held else "not held") + (f" ({when})" if when else "")


def list_papers(library: Library) -> list[PaperRow]:
    """Every paper in the library, sorted by key; a paper with broken records is listed with its error."""
    from paperkit.reimpls import find

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
