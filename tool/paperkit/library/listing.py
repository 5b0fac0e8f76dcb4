"""What is in the library: find a paper, or its note, by what a person types."""

from __future__ import annotations

from paperkit.access.ids import parse_arxiv_id
from paperkit.errors import BadInput, NotFound
from paperkit.library.store import META, NOTE, Library


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
