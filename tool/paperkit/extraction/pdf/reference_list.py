"""The reference list split into entries: by printed labels ([12], 12., [Ba16]) when it has them,
else by hanging indents or the spacing between entries."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from statistics import median

from paperkit.extraction.pdf.lines import Vocabulary, join_lines
from paperkit.extraction.pdf.page import Line
from paperkit.records import Reference

_BRACKET = re.compile(r"^\[([^\[\]]{1,40})\]\s*")
_NUM_DOT = re.compile(r"^(\d{1,3})\.\s+(?=\S)")
_NUM_PLAIN = re.compile(r"^(\d{1,3})\s+(?=[A-Z])")
_NUM_BRACKET = re.compile(r"^\[(\d{1,3})\]\s*")
# a raised number glued to the entry ("¹A. Author, J. Phys. ..."), as AIP journals print labels
_NUM_RAISED = re.compile(r"^(\d{1,3})(?=[^\d\s.,:;)\]])")
_NUMBERED = (_NUM_BRACKET, _NUM_DOT, _NUM_PLAIN, _NUM_RAISED)


def _label(pattern: re.Pattern[str], ln: Line) -> re.Match[str] | None:
    """The label of ``pattern`` opening the line; a glued number only counts when it is raised."""
    if pattern is _NUM_RAISED and not ln.lead_marker:
        return None
    return pattern.match(ln.text)


def _sequence(lines: list[Line], pattern: re.Pattern[str]) -> list[int]:
    """Indices of lines whose numeric label continues the count 1, 2, 3, ..."""
    starts: list[int] = []
    expected = 1
    for i, ln in enumerate(lines):
        m = _label(pattern, ln)
        if m and int(m.group(1)) == expected:
            starts.append(i)
            expected += 1
    return starts


def numbered_run_start(lines: list[Line]) -> int | None:
    """Where the last list numbered 1, 2, 3... (at least 3 entries) begins: the reference list when
    it has no heading of its own."""
    for pattern in _NUMBERED:
        ones = [i for i, ln in enumerate(lines) if (m := _label(pattern, ln)) and m.group(1) == "1"]
        for start in reversed(ones):
            if len(_sequence(lines[start:], pattern)) >= 3:
                return start
    return None


def _entry_starts(lines: list[Line]) -> tuple[list[int], re.Pattern[str] | None]:
    best: list[int] = []
    best_pattern: re.Pattern[str] | None = None
    for pattern in _NUMBERED:
        starts = _sequence(lines, pattern)
        if len(starts) > len(best):
            best, best_pattern = starts, pattern
    if len(best) >= 3:
        return best, best_pattern
    labelled = [i for i, ln in enumerate(lines) if _BRACKET.match(ln.text)]
    if len(labelled) >= 3 and len(labelled) >= 0.2 * len(lines):
        return labelled, _BRACKET
    return _layout_starts(lines), None


def _layout_starts(lines: list[Line]) -> list[int]:
    """Entry starts of an unlabelled list: lines at the column's left edge when the others hang
    indented, else lines after a wider gap than the list's usual line spacing."""
    lefts: dict[tuple[int, int], float] = {}
    for ln in lines:
        key = (ln.page, ln.col)
        lefts[key] = min(lefts.get(key, ln.x0), ln.x0)
    indented = [ln.x0 > lefts[(ln.page, ln.col)] + 4 for ln in lines]
    if sum(indented) >= 0.2 * len(lines):
        return [i for i, ind in enumerate(indented) if not ind]
    gaps = [
        lines[i].y0 - lines[i - 1].y1
        for i in range(1, len(lines))
        if (lines[i].page, lines[i].col) == (lines[i - 1].page, lines[i - 1].col)
    ]
    usual = median(gaps) if gaps else 0.0
    starts = [0] if lines else []
    for i in range(1, len(lines)):
        prev, ln = lines[i - 1], lines[i]
        if (prev.page, prev.col) == (ln.page, ln.col):
            if ln.y0 - prev.y1 > usual + 0.3 * ln.height:
                starts.append(i)
        elif prev.text.endswith("."):  # a new column: a new entry if the last one looked finished
            starts.append(i)
    return starts


def _without_footnotes(lines: list[Line]) -> list[Line]:
    """The list without the footnotes of the pages it runs over: lines in smaller type than the
    entries with no entry line below them in their column."""
    if not lines:
        return lines
    sizes = Counter(ln.size for ln in lines for _ in ln.text)
    main = sizes.most_common(1)[0][0]
    lowest: dict[tuple[int, int], float] = {}
    for ln in lines:
        if ln.size >= main - 0.3:
            key = (ln.page, ln.col)
            lowest[key] = max(lowest.get(key, 0.0), ln.y0)
    kept = [ln for ln in lines if ln.size >= main - 0.5 or ln.y0 <= lowest.get((ln.page, ln.col), 1e9)]
    return _without_set_apart_notes(kept)


def _without_set_apart_notes(lines: list[Line]) -> list[Line]:
    """The list without footnotes in the entries' own type: from a line in the lower half of a page that
    opens with a raised marker and stands apart from the line above (a rule sits between), to the foot of
    its column."""
    cut: dict[tuple[int, int], float] = {}
    for prev, ln in itertools.pairwise(lines):
        key = (ln.page, ln.col)
        if key in cut or (prev.page, prev.col) != key or not ln.lead_marker:
            continue
        if ln.y0 > 0.5 * ln.page_height and ln.y0 - prev.y1 >= 0.8 * ln.height:
            cut[key] = ln.y0
    return [ln for ln in lines if ln.y0 < cut.get((ln.page, ln.col), 1e9)]


def split_references(lines: list[Line], vocab: Vocabulary) -> list[Reference]:
    """Entries of the reference list, label kept as printed ("[12]", "12.", "[Ba16]") or None."""
    lines = _without_footnotes(lines)
    if not lines:
        return []
    starts, pattern = _entry_starts(lines)
    if not starts:
        return []
    refs: list[Reference] = []
    for n, s in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        text = join_lines(lines[s:end], vocab).replace("\n\n", " ")
        label = None
        if pattern is not None:
            m = pattern.match(text)
            if m:
                label = m.group(0).strip()
                text = text[m.end() :].strip()
        if text:
            refs.append(Reference(text=text, label=label))
    return _list_end(refs)


_YEAR = re.compile(r"\b(1[6-9]\d\d|20[0-4]\d)[a-z]?\b|arxiv|preprint|in press|submitted", re.IGNORECASE)


def _entry_like(text: str) -> bool:
    """Whether an entry reads like a reference: mostly words, with a year (or a preprint note)."""
    if text.startswith(("—", "–", "--", "___")):
        return True  # a ditto entry: the authors of the entry above
    letters = sum(c.isalpha() for c in text)
    return letters >= 0.25 * max(1, len(text.replace(" ", ""))) and bool(_YEAR.search(text))


def _list_end(refs: list[Reference]) -> list[Reference]:
    """The entries without floats read into the list: three entries in a row or more that read like no
    reference (the rows and notes of a table printed among or after the entries) are dropped."""
    like = [_entry_like(r.text) for r in refs]
    keep = [True] * len(refs)
    n = 0
    while n < len(refs):
        if like[n]:
            n += 1
            continue
        m = n
        while m < len(refs) and not like[m]:
            m += 1
        if m - n >= 3:
            keep[n:m] = [False] * (m - n)
        n = m
    return [r for r, k in zip(refs, keep, strict=True) if k]
