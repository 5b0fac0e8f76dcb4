"""The map around a paper: the works its introduction leans on, and its related work, paragraph by paragraph.

Built on :mod:`~paperkit.extraction.citations` (markers linked to reference entries) and
:mod:`~paperkit.extraction.entries`
(entries parsed into authors, year, title, arXiv ID).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from paperkit.extraction.citations import cited_works, link_citations, paragraphs
from paperkit.records import Reference
from paperkit.text import sentences, squash

# Sentences in which a paper sets itself apart from the work it discusses.
_CONTRAST = re.compile(
    r"\b(unlike|in contrast|by contrast|in comparison|compared (to|with)|differs?|different from|whereas|"
    r"instead|rather than|our (approach|method|model|work|proposed|algorithm)|we (propose|use|consider|"
    r"show|do not|don't|instead|differ|focus)|this (paper|work)|here we|in this (paper|work))\b",
    re.IGNORECASE,
)
# A run-in paragraph title such as "Residual Representations." or "Shortcut Connections."
_RUN_IN = re.compile(r"^([A-Z][\w\-/&’' ]{2,60}?)\.\s+(?=[A-Z])")


@dataclass
class CitedEntry:
    """A reference entry as a reader wants it: who, when, what, and where to get it."""

    number: int  # 1-based position in the reference list
    who: str  # "Hochreiter and Schmidhuber", "Bengio et al."
    year: str | None
    title: str | None
    text: str  # the entry as printed (the fallback when it could not be parsed)
    arxiv_id: str | None

    @property
    def fetch_command(self) -> str | None:
        """The command that fetches the cited work, when its entry prints an arXiv ID."""
        return f"paperkit fetch {self.arxiv_id}" if self.arxiv_id else None


@dataclass
class BackgroundItem:
    """A sentence of the introduction (the claim or term) and the works it cites there first."""

    supports: str
    works: list[CitedEntry]


@dataclass
class RelatedIdea:
    """One paragraph of related work: its topic, the works it cites, how this paper differs."""

    topic: str
    works: list[CitedEntry] = field(default_factory=list)
    differs: list[str] = field(default_factory=list)


_SUFFIX = re.compile(r"^(jr|sr|ii|iii|iv)\.?$", re.IGNORECASE)
# How a paper marks the sentences where it compares itself with others: a contrast cue, said of itself.
_SELF = re.compile(r"\b(we|our|ours|us|this (paper|work|approach|method)|here)\b", re.IGNORECASE)


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
    return CitedEntry(
        number=index + 1,
        who=who(ref.authors),
        year=ref.year,
        title=ref.title,
        text=squash(ref.text),
        arxiv_id=ref.arxiv_id,
    )


def background(introduction: str, references: list[Reference]) -> list[BackgroundItem]:
    """Every work the introduction cites, ordered by first mention, grouped by the sentence citing it."""
    items: list[BackgroundItem] = []
    for w in cited_works(introduction, references):
        entry = cited_entry(w.index, w.reference)
        if items and items[-1].supports == w.sentence:
            items[-1].works.append(entry)
        else:
            items.append(BackgroundItem(supports=w.sentence, works=[entry]))
    return items


def _topic(paragraph: str) -> str:
    text = squash(paragraph)
    run_in = _RUN_IN.match(text)
    if run_in and len(run_in.group(1).split()) <= 6:
        return run_in.group(1)
    first = sentences(text)[0] if text else ""
    words = first.split()
    return " ".join(words[:18]) + (" …" if len(words) > 18 else "")


def _paragraph_starts(text: str, paras: list[str]) -> list[int]:
    """Where each paragraph begins in ``text`` (paragraphs are in order and start with text of their own)."""
    starts, cursor = [], 0
    for para in paras:
        head = para.split("\n", 1)[0][:40]
        at = text.find(head, cursor)
        starts.append(at if at >= 0 else cursor)
        cursor = max(cursor, at + len(head)) if at >= 0 else cursor
    return starts


def related_ideas(related_work: str, references: list[Reference]) -> list[RelatedIdea]:
    """One :class:`RelatedIdea` per paragraph of the related-work text that says something."""
    paras = paragraphs(related_work)
    starts = _paragraph_starts(related_work, paras)
    # Link once over the whole section, then hand each marker to the paragraph it stands in.
    markers = link_citations(related_work, references)
    ideas = []
    for i, para in enumerate(paras):
        text = squash(para)
        end = starts[i + 1] if i + 1 < len(starts) else len(related_work) + 1
        targets: dict[int, None] = {}
        for m in markers:
            if starts[i] <= m.start < end:
                targets.update(dict.fromkeys(m.targets))
        if len(text.split()) < 8:
            continue
        works = [cited_entry(t, references[t]) for t in targets]
        differs = [s for s in sentences(text) if _CONTRAST.search(s) and _SELF.search(s)]
        ideas.append(RelatedIdea(topic=_topic(text), works=works, differs=differs[:2]))
    return ideas
