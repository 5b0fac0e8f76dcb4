"""Section headings: from the PDF outline where it has one, from typography (size, bold, numbering,
a line of its own) everywhere, with the outline's matches teaching the typography what a heading looks like.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from paperkit.extraction.pdf.page import Line
from paperkit.extraction.pdf.reference_list import numbered_run_start
from paperkit.text import fold

# "3 Related Work", "2. Prior Work", "IV. RESULTS", "A Proofs", "Chapter 2 Methods", "Appendix B. More"
_TOP = re.compile(
    r"^(?:(?:chapter|appendix|part)\s+)?(\d{1,2}|[IVX]{1,5}|[A-H])(\.?)\s+(\S.*)$", re.IGNORECASE
)
_SUB = re.compile(r"^(\d{1,2}|[A-H])\.\d{1,2}(?:\.\d{1,2})*\.?\s+(\S.*)$")
_CHAPTER = re.compile(r"^(chapter|appendix|part)\s+(\d{1,2}|[A-Z])\.?$", re.IGNORECASE)
_ABSTRACT = re.compile(r"^abstract\W*$", re.IGNORECASE)
_LETTER = re.compile(r"^[A-H]\.?\s")
_APPENDIX = re.compile(r"^appendix\s+[A-Z0-9]{1,2}\b", re.IGNORECASE)
_ARABIC = re.compile(r"^\d{1,2}\.?\s")
# front-matter labels that are set like headings but head no section (acmart, IEEE, AASTeX, amsart)
_FRONT_LABEL = re.compile(
    r"^(ccs concepts|keywords|key words|index terms|acm reference format|subject headings|pacs( numbers)?"
    r"|msc|(ams )?(mathematics )?subject classifications?( \(\d{4}\))?)\b[\s.:—–-]*$",
    re.IGNORECASE,
)
_TOC_LINE = re.compile(r"(\.\s*){4,}\d*$|\s\d{1,3}$")
BACK_MATTER = re.compile(
    r"^(references?( and notes)?|bibliography|literature cited|works cited|acknowledge?ments?|"
    r"appendix|appendices|supplementary materials?|supplemental materials?)$",
    re.IGNORECASE,
)
REFERENCES = re.compile(
    r"^(references?( and notes)?|bibliography|literature cited|works cited)$", re.IGNORECASE
)
MAX_WORDS = 16


@dataclass
class Heading:
    """A heading found in the line list: ``lines[start:end]`` print it."""

    start: int
    end: int
    text: str
    level: int  # 1: top-level section, 2: anything below
    found_by: str  # "outline" | "typography"
    style: tuple[float, bool]

    @property
    def title(self) -> str:
        """The heading without its numbering: "3 Related Work" → "Related Work"."""
        m = _TOP.match(self.text)
        sub = _SUB.match(self.text)
        if sub:
            return sub.group(2)
        if m and (m.group(1)[0].isdigit() or m.group(2) or m.group(3)[:1].isupper()):
            return m.group(3)
        return self.text


def body_size(lines: list[Line]) -> float:
    """The font size of most characters of the running text: counted before the reference list (under
    its heading, or the last numbered run when it has none), whose smaller type can outweigh the text
    of a short paper with a long bibliography."""
    end = len(lines)
    for i in range(len(lines) - 1, len(lines) // 3, -1):
        text = lines[i].text
        m = _TOP.match(text)
        if len(text) < 40 and REFERENCES.match(m.group(3) if m else text):
            end = i
            break
    else:  # no heading over the list (REVTeX): it starts where the last numbered run does
        third = len(lines) // 3
        run = numbered_run_start(lines[third:])
        if run is not None:
            end = third + run
    sizes: Counter[float] = Counter()
    for ln in lines[:end]:
        sizes[ln.size] += len(ln.text)
    return float(sizes.most_common(1)[0][0]) if sizes else 10.0


Extents = dict[tuple[int, int], tuple[float, float]]


def column_extents(lines: list[Line]) -> Extents:
    """(left, right) edge of the running text per (page, column): where most of its long lines start
    and end (a ragged right edge ends short of the column's)."""
    ends: dict[tuple[int, int], tuple[list[float], list[float]]] = {}
    page: dict[int, tuple[float, float]] = {}
    for ln in lines:
        if len(ln.text) >= 40:
            lefts, rights = ends.setdefault((ln.page, ln.col), ([], []))
            lefts.append(ln.x0)
            rights.append(ln.x1)
            left, right = page.get(ln.page, (ln.x0, ln.x1))
            page[ln.page] = (min(left, ln.x0), max(right, ln.x1))
    out = {key: (_quantile(a, 0.1), _quantile(b, 0.9)) for key, (a, b) in ends.items() if len(a) >= 3}
    # a full-width line on a two-column page is centred between the outer edges of the columns
    for (p, col), (a, _) in ends.items():
        if col and (p, 0) not in out and len(a) >= 3:
            out[(p, 0)] = page[p]
    return out


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def centred(ln: Line, extents: Extents) -> bool:
    """Whether the line is centred in its column, indented on both sides by about as much."""
    ext = extents.get((ln.page, ln.col))
    if ext is None:
        return False
    width = ext[1] - ext[0]
    left, right = ln.x0 - ext[0], ext[1] - ln.x1
    return left > 0.06 * width and right > 0.06 * width and abs(left - right) < max(8.0, 0.06 * width)


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _styled(ln: Line, body: float, extents: Extents | None = None) -> bool:
    small_caps = ln.small_caps or (ln.max_size > ln.size + 0.5 and ln.text.upper() == ln.text)
    # italic is a heading style only for numbered subsections ("A. Related Work" in IEEE, "2.1. Data")
    numbered_italic = ln.italic and bool(_SUB.match(ln.text) or _LETTER.match(ln.text))
    if ln.bold or ln.max_size >= body + 0.9 or (small_caps and ln.max_size >= body) or numbered_italic:
        return True
    # a short centred line in capitals or small caps, or numbered, at body size or a little below
    # (amsart, AASTeX)
    return (
        extents is not None
        and len(ln.text) <= 80
        and ln.max_size >= body - 2.5
        and centred(ln, extents)
        and (small_caps or _capitals(ln.text) or _strong_number(ln.text) or bool(_APPENDIX.match(ln.text)))
    )


def _looks_like_heading(text: str) -> bool:
    words = text.split()
    if not words or len(words) > MAX_WORDS or not re.search(r"[A-Za-z]{2}", text):
        return False
    # a full stop ends a sentence, not a heading, unless the heading is numbered ("1 Introduction.")
    stop = re.search(r"[.:]$", text) and not re.fullmatch(r"\S+\.", text)
    numbered_stop = (
        text.endswith(".") and len(words) <= 8 and (_strong_number(text) or bool(_SUB.match(text)))
    )
    if text.endswith((",", ";")) or (stop and not numbered_stop):
        return False
    m = _TOP.match(text) or _SUB.match(text)
    title = m.group(m.lastindex or 1) if m else text
    return title[:1].isupper() or (title[:1].isdigit() and not m)


def _candidates(lines: list[Line], body: float, extents: Extents) -> list[Heading]:
    """Styled short lines (and their continuation lines in the same block) that could be headings."""
    out: list[Heading] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if not _styled(ln, body, extents) or len(ln.text) > 120 or _FRONT_LABEL.match(ln.text):
            i += 1
            continue
        j = i + 1
        text = ln.text
        # a heading printed over more lines: same block, same style, close below
        while (
            j < len(lines)
            and j - i < 3
            and lines[j].page == ln.page
            and lines[j].col == ln.col
            and _styled(lines[j], body, extents)
            and abs(lines[j].max_size - ln.max_size) < 0.6
            and lines[j].bold == ln.bold
            and -0.5 * ln.height
            <= lines[j].y0 - lines[j - 1].y1
            < (ln.height if lines[j].block == ln.block else 0.5 * ln.height)
            and not _SUB.match(lines[j].text)
            and not (_TOP.match(lines[j].text) and _TOP.match(text) and not _CHAPTER.match(text))
        ):
            text += " " + lines[j].text
            j += 1
        if (
            _CHAPTER.match(text)
            and j < len(lines)
            and lines[j].page == ln.page
            and _styled(lines[j], body, extents)
        ):
            text += " " + lines[j].text  # "Chapter 1" / "Introduction" in different blocks
            j += 1
            while (  # a chapter title over more lines
                j < len(lines)
                and j - i < 4
                and lines[j].page == ln.page
                and abs(lines[j].max_size - lines[j - 1].max_size) < 0.6
                and lines[j].bold == lines[j - 1].bold
                and 0 <= lines[j].y0 - lines[j - 1].y1 < 0.5 * lines[j - 1].height
            ):
                text += " " + lines[j].text
                j += 1
        block_lines = sum(
            1 for k in range(max(0, i - 4), min(len(lines), j + 4)) if lines[k].block == ln.block
        )
        if _looks_like_heading(text) and (
            block_lines - (j - i) <= 1 or _set_apart(lines, i, j, body, extents)
        ):
            out.append(Heading(i, j, text, 2, "typography", (round(ln.max_size), ln.bold)))
        i = j
    return out


def _set_apart(lines: list[Line], i: int, j: int, body: float, extents: Extents) -> bool:
    """Whether the heading ``lines[i:j]`` stands apart although PyMuPDF put it in one block with the
    text below it: numbered or named like a section, a wider gap above than between lines, and plain
    text (not more of its style) below."""
    ln = lines[i]
    named = BACK_MATTER.match(ln.text) or _SECTION_NAMES.match(ln.text)
    if not (_SUB.match(ln.text) or _strong_number(ln.text) or named) or _TOC_LINE.search(ln.text):
        return False
    if i > 0 and not centred(ln, extents):  # a centred line is set apart by its place in the column
        prev = lines[i - 1]
        same_column = (prev.page, prev.col) == (ln.page, ln.col) and prev.y1 <= ln.y0 + 1
        if same_column and ln.y0 - prev.y1 < 0.8 * ln.height:
            return False
    if j >= len(lines):
        return True
    nxt = lines[j]
    same = _styled(nxt, body, extents) and nxt.bold == ln.bold and abs(nxt.max_size - ln.max_size) < 0.6
    return not same


def read_outline(doc: Any, max_level: int = 8, max_entries: int = 5000) -> list[list]:
    """``doc.get_toc()``, or, for an outline nested too deep for its recursion (1,500 levels), the same
    entries read without recursion down to ``max_level`` (only the top levels are used here)."""
    try:
        return list(doc.get_toc())
    except RecursionError:
        pass
    toc: list[list] = []
    stack = [(doc.outline, 1)]
    while stack and len(toc) < max_entries:
        item, level = stack.pop()
        if item is None:
            continue
        toc.append([level, item.title or "", item.page + 1])
        stack.append((item.next, level))
        if level < max_level:
            stack.append((item.down, level + 1))  # popped first: entries come in document order
    return toc


def _outline_top(toc: list[list]) -> list[tuple[str, int]]:
    """(title, 1-based page) of the outline's top-level sections: the shallowest level with two entries
    or more (some outlines put the paper title alone on level 1)."""
    for level in sorted({e[0] for e in toc}):
        entries = [(str(e[1]), int(e[2])) for e in toc if e[0] == level]
        if len(entries) >= 2:
            return entries
    return []


def find_headings(lines: list[Line], toc: list[list], body: float) -> list[Heading]:
    """All headings in reading order, with levels: numbered sections, their unnumbered peers
    (References, Acknowledgments, appendices) at level 1, everything else at level 2."""
    cands = _candidates(lines, body, column_extents(lines))
    by_outline: set[int] = set()
    for title, page in _outline_top(toc):
        key = fold(title)
        for n, c in enumerate(cands):
            if n not in by_outline and abs(lines[c.start].page - page) <= 1 and key and fold(c.text) == key:
                by_outline.add(n)
                c.found_by = "outline"
                break
    numbered = [c for c in cands if _TOP.match(c.text) and not _SUB.match(c.text)]
    styles: Counter[tuple[float, bool]] = Counter(
        c.style for n, c in enumerate(cands) if n in by_outline or (c in numbered and _strong_number(c.text))
    )
    top_style = styles.most_common(1)[0][0] if styles else _unnumbered_style(cands)
    # unnumbered sections in capitals (REVTeX) have their subsections in the same type, in lower case
    caps_only = not styles and _named_in_capitals(cands, top_style)
    # roman-numbered sections (I., II.) have lettered subsections (A., B.)
    roman = sum(1 for c in numbered if re.match(r"^[IVX]+\.", c.text)) >= 2
    last_number = 0
    for n, c in enumerate(cands):
        if _ABSTRACT.match(c.text):
            continue
        if n in by_outline:
            c.level = 1
        elif _SUB.match(c.text):
            c.level = 2
        elif (
            c.style == top_style
            and not _TOC_LINE.search(c.text)
            and not (roman and (_LETTER.match(c.text) or _ARABIC.match(c.text)))
            and not (caps_only and c.text.upper() != c.text)
        ) or BACK_MATTER.match(c.title):
            c.level = 1
        if c.level == 1 and (m := _TOP.match(c.text)) and m.group(1).isdigit() and not _CHAPTER.match(c.text):
            # numbered sections count up; a smaller number is a stray (a list item, a table row)
            number = int(m.group(1))
            if number < last_number:
                c.level = 2
            last_number = max(last_number, number)
    return cands


_SECTION_NAMES = re.compile(
    r"^(introduction|related work|background|conclusions?|discussion|references|bibliography)$",
    re.IGNORECASE,
)


def _unnumbered_style(cands: list[Heading]) -> tuple[float, bool] | None:
    """The style of top-level headings in a paper without numbering or outline: the one that names
    like Introduction, Conclusion or References share (two of them at least)."""
    styles = Counter(c.style for c in cands if _SECTION_NAMES.match(c.text))
    style, count = styles.most_common(1)[0] if styles else (None, 0)
    return style if count >= 2 else None


def _named_in_capitals(cands: list[Heading], style: tuple[float, bool] | None) -> bool:
    """Whether the headings named like sections (Introduction, Conclusion, ...) in ``style`` are all
    printed in capitals."""
    named = [c for c in cands if c.style == style and _SECTION_NAMES.match(c.text)]
    return bool(named) and all(c.text.upper() == c.text for c in named)


def _strong_number(text: str) -> bool:
    """Digit or roman numbering, which single letters ("A method ...") cannot fake."""
    m = _TOP.match(text)
    return bool(m and (m.group(1).isdigit() or len(m.group(1)) > 1 or m.group(2)))
