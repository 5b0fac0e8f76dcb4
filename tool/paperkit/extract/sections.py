"""Title, abstract and the spans of the introduction and the related-work section."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from paperkit.extract.headings import Heading
from paperkit.extract.layout import Line
from paperkit.extract.text import Vocabulary, join_lines
from paperkit.model import Section

_ABSTRACT_ALONE = re.compile(r"^abstract[\s.:—–-]*$", re.IGNORECASE)
_ABSTRACT_RUN_IN = re.compile(r"^abstract\s*[.:—–-]+\s*(\S.*)$", re.IGNORECASE)
_CAPTION = re.compile(r"^(fig\.|figure|table|algorithm|listing)\s*[A-Z]?\d+(\.\d+)*\s*[.:|]", re.IGNORECASE)
INTRODUCTION = re.compile(r"^introduction\b", re.IGNORECASE)
# Strongest first: a paper with both "Background" and "Related Work" means the latter.
RELATED = (
    re.compile(
        r"\b(related|prior|previous|earlier) (work|works|research|literature|approaches|methods)\b", re.I
    ),
    re.compile(r"^(literature (review|survey)|review of (the )?literature|state of the art)\b", re.I),
    re.compile(r"^background\b", re.I),
)


def text_filter(body: float, lines: list[Line]) -> Callable[[int], bool]:
    """Which lines are running text: not footnotes or figure labels (smaller type than ``body``),
    not captions."""
    caption_blocks = {ln.block for ln in lines if _CAPTION.match(ln.text)}
    return lambda i: lines[i].size >= body - 1.0 and lines[i].block not in caption_blocks


def _main_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[ln.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def find_title(lines: list[Line], stop: int) -> str:
    """The largest type on page 1 (before the abstract), consecutive lines joined."""
    page1 = [
        i
        for i in range(min(stop, len(lines)))
        if lines[i].page == 1 and re.search(r"[A-Za-z]{2}", lines[i].text)
    ]
    if not page1:
        return ""
    top = max(lines[i].max_size for i in page1)
    picked = [i for i in page1 if lines[i].max_size >= top - 0.5]
    run = [picked[0]]
    for i in picked[1:]:
        if i != run[-1] + 1:
            break
        run.append(i)
    return " ".join(lines[i].text for i in run)


def opens_abstract(text: str) -> bool:
    """Whether a line is an "Abstract" heading or starts a run-in abstract ("Abstract—We ...")."""
    return bool(_ABSTRACT_ALONE.match(text) or _ABSTRACT_RUN_IN.match(text))


def find_abstract(lines: list[Line], headings: list[Heading], vocab: Vocabulary) -> tuple[str, int, str]:
    """(abstract text, index of the line after it, found_by). Under an "Abstract" heading (or run-in
    "Abstract—"), up to the next heading; else the first long paragraph on page 1 before any section."""
    starts = {h.start for h in headings}
    first_section = next((h.start for h in headings if h.level == 1), len(lines))
    for i, ln in enumerate(lines[: first_section + 1]):
        if ln.page > 2:
            break
        run_in = _ABSTRACT_RUN_IN.match(ln.text)
        if _ABSTRACT_ALONE.match(ln.text) or run_in:
            j = i + 1
            while j < len(lines) and j not in starts:
                j += 1
            keep = text_filter(_main_size(lines[i + 1 : j]), lines)
            picked = [k for k in range(i + 1, j) if keep(k)]
            text = join_lines([lines[k] for k in picked], vocab)
            if run_in:
                text = (run_in.group(1) + " " + text).strip()
            return text, j, "typography"
    # no heading: the first block of 30 words or more on page 1 before the first section
    blocks: dict[int, list[int]] = {}
    for i in range(first_section):
        if lines[i].page == 1:
            blocks.setdefault(lines[i].block, []).append(i)
    for idx in blocks.values():
        text = join_lines([lines[k] for k in idx], vocab)
        if _is_prose(text):
            return text, idx[-1] + 1, "fallback"
    return "", 0, "fallback"


def _is_prose(text: str) -> bool:
    """A paragraph of sentences (30 words or more, mostly lower case), not an author or address block."""
    words = text.split()
    lower = sum(1 for w in words if w[:1].islower())
    return len(words) >= 30 and lower >= 0.5 * len(words) and text.count(". ") >= 1


def span(
    lines: list[Line], headings: list[Heading], n: int, keep: Callable[[int], bool], vocab: Vocabulary
) -> Section:
    """The section under ``headings[n]``, up to the next heading of the same or a higher level."""
    h = headings[n]
    end = next((g.start for g in headings[n + 1 :] if g.level <= h.level), len(lines))
    inner = {g.start: g for g in headings[n + 1 :] if g.start < end}
    picked: list[Line] = []
    i = h.end
    while i < end:
        g = inner.get(i)
        if g is not None:
            if picked:  # a subheading inside the span stays as its own paragraph
                picked.append(Line(g.text, lines[i].page, 0, 0, 0, 0, 0, 0, False, -1 - i, 0))
            i = g.end
            continue
        if keep(i):
            picked.append(lines[i])
        i += 1
    text = join_lines(picked, vocab)
    last_page = lines[end - 1].page if end > h.end else lines[h.start].page
    return Section(heading=h.text, text=text, page_start=lines[h.start].page, page_end=last_page)


def find_introduction(headings: list[Heading]) -> int | None:
    """Index of the introduction heading (top-level preferred)."""
    for level in (1, 2):
        for n, h in enumerate(headings):
            if h.level == level and INTRODUCTION.match(h.title):
                return n
    return None


def find_related(headings: list[Heading]) -> int | None:
    """Index of the related-work heading: a top-level section if there is one, else a subsection."""
    for level in (1, 2):
        for pattern in RELATED:
            for n, h in enumerate(headings):
                if h.level == level and pattern.search(h.title) and not _is_reference_like(h.title):
                    return n
    return None


def _is_reference_like(title: str) -> bool:
    return bool(re.match(r"^(references|bibliography)", title, re.IGNORECASE))
