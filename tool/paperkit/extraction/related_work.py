"""Which part of a paper is its introduction, and which its related work? One answer for every route.

Two signs, used in this order:

- the heading's name (:func:`name_rank`): "Related Work", "Prior Work: Batch Normalization", "Related
  distillation techniques", "Previous approaches", "Literature review", "Foundational research", "A brief
  history and related work", "Background" (the weakest);
- the section's content (:func:`reads_like_related_work`): an unnamed section or subsection whose
  paragraphs are dense with citations and compare approaches, when no heading names one.

The routes call :func:`pick` with the headings they found (title without numbering, level, and a way to get
the section's text) and get the index of the related-work part, or None.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_KIND = r"(work|works|research|literature|approaches|methods|techniques|models|studies|efforts|results)"
# strongest first: a paper with both "Background" and "Related Work" means the latter
_NAMES = (
    re.compile(rf"\b(related|prior|previous|earlier|existing|past)( \w+){{0,2}} {_KIND}\b", re.I),
    re.compile(
        r"^(literature (review|survey)|review of (the )?literature|state of the art|foundational research"
        r"|(a )?(brief )?history( and \w+( \w+)?)?|historical (background|overview|context))\b",
        re.I,
    ),
    # "Background" on its own or about something ("Background: X", "Background on X", "Technical
    # background"), not as a modifier of another noun ("Background estimation", "Background model" in a
    # physics analysis: the events that mimic a signal)
    re.compile(
        r"^((technical|theoretical|mathematical|general|some|related|brief) )?background"
        r"(\s*$|\s*[:—–-]|\s+(and|on|of|in|to|for|&)\b)",
        re.I,
    ),
)
# a subsection must be named for it: "2.1 Related Work", "A. Prior Work and Notation", "Related
# distillation techniques" (one that only mentions earlier work, "Comparison with Previous Methods", is not)
_SUBSECTION = re.compile(
    rf"^((a )?(brief )?(background|discussion|overview|summary|history) and )?"
    rf"(related|prior|previous|earlier)( \w+){{0,2}}( {_KIND})?( and \w+)?$|^{_NAMES[1].pattern[1:]}",
    re.I,
)
_NOT_RELATED = re.compile(r"^(references|bibliography|acknowledg|appendix|introduction\b(?! and))", re.I)
_BACK_MATTER = re.compile(
    r"^(references|bibliography|acknowledg|appendix|supplementary|literature cited)", re.I
)
_CLOSING = re.compile(r"^(conclusions?|concluding|summary|discussion|outlook|future work)\b", re.I)
_INTRO = re.compile(r"^introduction\b", re.I)
_INTRO_AND = re.compile(r"^introduction and\b", re.I)
_NUMERIC_CITE = re.compile(r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]")
_NAME = r"[A-Z][A-Za-z'’-]+"
_AUTHOR_YEAR = re.compile(rf"\b{_NAME}(?: et al\.| and {_NAME})?,? \(?(?:19|20)\d\d[a-z]?\b")
_COMPARE = re.compile(
    r"\b(unlike|in contrast|whereas|similar to|compared (to|with)|differs?|instead of|extends?|"
    r"builds? on|our (work|approach|method)|previous(ly)?|prior|proposed|introduced)\b",
    re.I,
)


@dataclass
class Part:
    """A heading as a route sees it: its title without numbering, its level (1: section), its text."""

    title: str
    level: int
    text: Callable[[], str]


def name_rank(title: str, level: int = 1) -> int | None:
    """0 (strongest) .. 2 when the heading names related work, else None. A subsection must be named
    for it (see ``_SUBSECTION``)."""
    if _NOT_RELATED.match(title):
        return None
    for rank, pattern in enumerate(_NAMES):
        if pattern.search(title) if rank == 0 else pattern.match(title):
            if level > 1 and rank < 2 and not _SUBSECTION.match(title.strip()):
                return None
            return rank
    return None


def find_introduction(parts: Sequence[Part]) -> int | None:
    """Index of the introduction: the first heading titled "Introduction…", a section before a subsection."""
    for level in (1, 2):
        for n, p in enumerate(parts):
            if p.level == level and _INTRO.match(p.title):
                return n
    return None


def is_back_matter(title: str) -> bool:
    """Whether a heading opens the back matter: references, acknowledgements, an appendix."""
    return bool(
        re.match(
            r"^(references|bibliography|acknowledg|appendix|supplementary|literature cited)", title, re.I
        )
    )


def is_related_heading(title: str, level: int = 1) -> bool:
    """Whether a heading names a related-work part (the shared test; ``name_rank`` says how strongly)."""
    return name_rank(title, level) is not None


def citation_density(text: str) -> float:
    """Citation markers (numeric or author-year) per 100 words."""
    words = len(text.split())
    if words == 0:
        return 0.0
    cites = len(_NUMERIC_CITE.findall(text)) + len(_AUTHOR_YEAR.findall(text))
    return 100.0 * cites / words


def _content_places(parts: Sequence[Part]) -> list[int]:
    """Where papers set a review of earlier work under a heading of its own topic: the subsections of the
    introduction, the two sections after it, and the last section of the body (before the conclusion)."""
    intro = next((n for n, p in enumerate(parts) if p.level == 1 and _INTRO.match(p.title)), None)
    if intro is None:
        return []
    inner = _inside(parts, intro)
    body = [
        k
        for k in range(intro + 1, len(parts))
        if parts[k].level == 1 and not _BACK_MATTER.match(parts[k].title)
    ]
    last = [k for k in body if not _CLOSING.match(parts[k].title)][-1:]
    return inner + list(dict.fromkeys(body[:2] + last))


def reads_like_related_work(text: str) -> bool:
    """A part whose paragraphs are dense with citations and compare approaches: 5 markers per 100 words
    or more, most paragraphs citing, and comparing words; 80 words at least."""
    words = len(text.split())
    if words < 80 or citation_density(text) < 5.0:
        return False
    paras = [p for p in text.split("\n\n") if len(p.split()) >= 15] or [text]
    citing = sum(1 for p in paras if citation_density(p) >= 1.5)
    return citing >= 0.8 * len(paras) and len(_COMPARE.findall(text)) >= 2


def pick(parts: Sequence[Part], by_content: bool = True) -> tuple[int | None, str]:
    """(index of the related-work part, how it was found: "name" | "content"), or (None, "").

    By name: the strongest name on a section, then on a subsection (a subsection counts only when no
    section is related-work-like: the span of "2 Background" already holds its "2.1 Related Work").
    By content (``by_content``), only where related work sits unnamed (a subsection of the introduction,
    the section right after it): the first that reads like related work. Elsewhere a dense run of
    citations is a method's or a result's (the content alone would invent related work).
    """
    for level in (1, 2):
        ranks = [(name_rank(p.title, level), n) for n, p in enumerate(parts) if p.level == level]
        ranked = [(r, n) for r, n in ranks if r is not None]
        if ranked:
            n = min(ranked)[1]
            if level == 1 and _INTRO_AND.match(parts[n].title):
                # "1 Introduction and Related Work": its related-work subsection, when it has one
                inner = _inside(parts, n)
                sub = next((k for k in inner if name_rank(parts[k].title, 2) is not None), None)
                return (sub if sub is not None else n), "name"
            return n, "name"
    if by_content:
        for n in _content_places(parts):
            if not _NOT_RELATED.match(parts[n].title) and reads_like_related_work(parts[n].text()):
                return n, "content"
    return None, ""


def _inside(parts: Sequence[Part], n: int) -> list[int]:
    """Indices of the subsections of section ``n``."""
    out: list[int] = []
    for k in range(n + 1, len(parts)):
        if parts[k].level <= parts[n].level:
            break
        out.append(k)
    return out
