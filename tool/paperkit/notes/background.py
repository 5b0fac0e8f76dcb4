"""The map around a paper: the works its introduction leans on, and its related work topic by topic.

Built on :mod:`~paperkit.extraction.citations` (markers linked to reference entries) and
:mod:`~paperkit.extraction.entries` (entries parsed into authors, year, title, arXiv ID). The related
work is read in :mod:`paperkit.notes.related`; its names are re-exported here for the note's builder.

A note shows the works the introduction leans on — cited where it states its problem or idea, cited
more than once, or named in the text ("LSTM [12]", "Smith et al. (2019) showed") — and folds the
others (kept, not dropped), so that an introduction citing seventy works still fits on two screens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from paperkit.extraction.citations import CitationMarker, link_citations
from paperkit.notes.cited_entry import CitedEntry, cited_entry
from paperkit.notes.related import RelatedIdea, related_ideas
from paperkit.records import Reference
from paperkit.text import fold

__all__ = ["BackgroundItem", "RelatedIdea", "background", "related_ideas"]

SHOWN = 6  # works shown at most; the rest of the leaned-on ones are folded with the others

# A work named where it is cited: a name right before the marker ("LSTM [12]", "AlexNet [20]",
# "Hochreiter and Schmidhuber [13]", "Smith et al. [3]"), a capitalised word that does not open the sentence.
_NAMED_BEFORE = re.compile(
    r"(?:\b[A-Z][\w\-]*[A-Z0-9][\w\-]*|(?<=\w\s)[A-Z][a-z][\w\-]+|et al\.?|[A-Z][a-z]+ and [A-Z][a-z]+)"
    r"['’]?s?\s*$"
)


@dataclass
class BackgroundItem:
    """A sentence of the introduction (the claim or term) and the works it cites there first."""

    supports: str
    works: list[CitedEntry]
    folded: bool = False  # shown in the note's folded block, not in the two-minute part


@dataclass
class _Work:
    index: int
    sentence: str
    count: int = 0
    leaned: bool = False


def _named(marker: CitationMarker, text: str) -> bool:
    """Whether the text names the work where it cites it."""
    if re.match(r"[A-Z][\w\-’']+", marker.text):
        return True  # "Bengio et al. (2015) showed": the authors are the sentence's words
    before = text[max(0, marker.start - 40) : marker.start]
    start = text.rfind(marker.sentence[:20], 0, marker.start) if marker.sentence else -1
    if start >= 0:  # the sentence's own words only: a name ending the previous sentence is not this one
        before = text[max(start, marker.start - 40) : marker.start]
    return bool(_NAMED_BEFORE.search(before))


def background(
    introduction: str,
    references: list[Reference],
    markers: list[CitationMarker] | None = None,
    focus: list[str] | None = None,
    shown: int = SHOWN,
) -> list[BackgroundItem]:
    """Every work the introduction cites, ordered by first mention, grouped by the sentence citing it
    first; the works it does not lean on (see the module's docstring) are marked ``folded``. ``markers``
    are the introduction's markers as extraction linked them (found again when None); ``focus`` holds
    the sentences that state the paper's problem and idea."""
    keys = {fold(s)[:60] for s in focus or [] if s.strip()}
    works: dict[int, _Work] = {}
    for m in link_citations(introduction, references) if markers is None else markers:
        in_focus = bool(keys) and fold(m.sentence)[:60] in keys
        named = _named(m, introduction)
        for t in (t for t in m.targets if 0 <= t < len(references)):
            w = works.setdefault(t, _Work(t, m.sentence))
            w.count += 1
            # A marker citing a run of five works names none of them in particular.
            w.leaned |= in_focus or (named and len(m.targets) <= 2)
    for w in works.values():
        w.leaned |= w.count > 1
    leaned = [w.index for w in works.values() if w.leaned][:shown]
    items: list[BackgroundItem] = []
    for w in works.values():  # insertion order: first mention
        entry = cited_entry(w.index, references[w.index])
        folded = w.index not in leaned
        if items and items[-1].supports == w.sentence and items[-1].folded == folded:
            items[-1].works.append(entry)
        else:
            items.append(BackgroundItem(supports=w.sentence, works=[entry], folded=folded))
    return items
