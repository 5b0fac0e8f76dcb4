"""The map around a paper: the works its introduction leans on, and its related work, paragraph by paragraph.

Built on :mod:`~paperkit.extraction.citations` (markers linked to reference entries) and
:mod:`~paperkit.extraction.entries`
(entries parsed into authors, year, title, arXiv ID).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from paperkit.extraction.citations import cited_works, link_citations, paragraphs
from paperkit.notes.cited_entry import CitedEntry, cited_entry
from paperkit.notes.terms import find_terms
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


# How a paper marks the sentences where it compares itself with others: a contrast cue, said of itself.
_SELF = re.compile(r"\b(we|our|ours|us|this (paper|work|approach|method)|here)\b", re.IGNORECASE)


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


_QUOTED_TERM = re.compile(r"[“\"]([A-Za-z][\w\- ]{2,40}?)[”\"]")
_CITE = re.compile(r"\s*(\[[^\]]*\]|\([^()]*\d{4}[a-z]?\))")
# Where a sentence's subject ends: its first verb (a small closed list covers how papers open paragraphs).
_VERB = re.compile(
    r"\b(is|are|was|were|has|have|had|can|could|may|might|will|would|should|do|does|did|uses?|used|"
    r"proposed?|propos\w+|introduced?|present(s|ed)?|show(s|ed)?|appl(y|ies|ied)|learns?|relies|rely|"
    r"consists?|allows?|aims?|employs?|achieves?|focus(es)?|includ\w+|rang\w+|form\w*|exist\w*|"
    r"remains?|tackle\w*|addresses|address|stud\w+|explore\w*|provide\w*|generat\w+|attempt\w*)\b",
    re.IGNORECASE,
)
_OPENERS = re.compile(
    r"^(in (contrast|addition|particular|practice|recent years|the past)|however|moreover|also|similarly|"
    r"for (instance|example)|in this (line|vein)|along (these|this) lines?|"
    r"furthermore|recently|more recently|finally|there (is|are|has been|have been)( a| much| some)?( "
    r"(large|long|rich|growing) (body|line|history))?( of)?( (work|research|literature))?( on)?)\b[ ,]*",
    re.IGNORECASE,
)


_NOT_FIRST_WORDS = (
    "we our this these those it they such and but since for although here during there in as with while "
    "when to by because unlike like following other another some many most one two its their his her "
    "all both each more recently"
)
_NOT_FIRST = set(_NOT_FIRST_WORDS.split())
_NOT_LAST_WORDS = (
    "it also that which the a an of to in on for and or with by as recently often been be its their "
    "this these"
)
_NOT_LAST = set(_NOT_LAST_WORDS.split())


def _subject(sentence: str) -> str:
    """The noun phrase a sentence opens with, before its verb and citations: what the sentence is about."""
    text = _OPENERS.sub("", _CITE.sub("", sentence)).strip(" ,;:")
    verb = _VERB.search(text)
    if verb is None or verb.start() == 0:
        return ""
    words = text[: verb.start()].strip(" ,;:").split()
    if not 1 <= len(words) <= 7 or words[0].lower() in _NOT_FIRST or words[-1].lower() in _NOT_LAST:
        return ""
    phrase = " ".join(words).strip(" ,;:.")
    if (
        "et al" in phrase
        or not re.fullmatch(r"[A-Za-z][A-Za-z\-’', ]*", phrase)
        or any(not any(c.isalpha() for c in w) or len(w) == 1 for w in words)
    ):
        return ""
    if len(words) == 1 and (words[0].istitle() or words[0].lower() in ("there", "here", "work")):
        return ""  # a lone capitalised word is an author's name more often than a topic
    return phrase


def _topic(paragraph: str) -> str:
    """A short topic: the paragraph's run-in title, the term it quotes or names, or the noun phrase its
    first sentence is about; never its first words cut off."""
    text = squash(paragraph)
    run_in = _RUN_IN.match(text)
    if run_in and len(run_in.group(1).split()) <= 6:
        return run_in.group(1)
    first = sentences(text)[0] if text else ""
    quoted = _QUOTED_TERM.search(first)
    if quoted and len(quoted.group(1).split()) <= 5:
        return quoted.group(1).strip()
    subject = _subject(first)
    if subject:
        return subject
    terms = find_terms(text, limit=1)
    if terms:
        t = terms[0]
        return f"{t.expansion} ({t.term})" if t.expansion else t.term
    return "Further related work"


def _table_like(text: str) -> bool:
    """A table row or figure text read as a paragraph: mostly numbers and short tokens, few sentences."""
    tokens = text.split()
    numeric = sum(1 for t in tokens if any(c.isdigit() for c in t))
    return numeric > 0.3 * len(tokens) or not any(c in text for c in ".;:")


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
        if len(text.split()) < 8 or _table_like(text):
            continue
        works = [cited_entry(t, references[t]) for t in targets]
        differs = [s for s in sentences(text) if _CONTRAST.search(s) and _SELF.search(s)]
        ideas.append(RelatedIdea(topic=_topic(text), works=works, differs=differs[:2]))
    return ideas
