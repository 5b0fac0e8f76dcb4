"""The map around a paper: the works its introduction leans on, and its related work topic by topic.

Built on :mod:`~paperkit.extraction.citations` (markers linked to reference entries) and
:mod:`~paperkit.extraction.entries` (entries parsed into authors, year, title, arXiv ID). The related
work is read in :mod:`paperkit.notes.related`; its names are re-exported here for the note's builder.
"""

from __future__ import annotations

from dataclasses import dataclass

from paperkit.extraction.citations import CitationMarker, cited_works
from paperkit.notes.cited_entry import CitedEntry, cited_entry
from paperkit.notes.related import RelatedIdea, related_ideas
from paperkit.records import Reference

__all__ = ["BackgroundItem", "RelatedIdea", "background", "related_ideas"]


@dataclass
class BackgroundItem:
    """A sentence of the introduction (the claim or term) and the works it cites there first."""

    supports: str
    works: list[CitedEntry]


def background(
    introduction: str, references: list[Reference], markers: list[CitationMarker] | None = None
) -> list[BackgroundItem]:
    """Every work the introduction cites, ordered by first mention, grouped by the sentence citing it
    (``markers``: the introduction's markers as extraction linked them)."""
    items: list[BackgroundItem] = []
    for w in cited_works(introduction, references, markers):
        entry = cited_entry(w.index, w.reference)
        if items and items[-1].supports == w.sentence:
            items[-1].works.append(entry)
        else:
            items.append(BackgroundItem(supports=w.sentence, works=[entry]))
    return items
