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
    """Indices of lines whose numeric label continues the count 1, 2, 3, ...; a label or two that the
    text layer lost (glued to the line above, set as an image) is skipped over, so that the count goes on
    rather than ending there (a 101-entry list read as 6)."""
    starts: list[int] = []
    expected = 1
    for i, ln in enumerate(lines):
        m = _label(pattern, ln)
        if m and expected <= int(m.group(1)) <= expected + (2 if expected > 3 else 0):
            starts.append(i)
            expected = int(m.group(1)) + 1
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


# where an unlabelled entry starts: its authors, "Surname, A." / "Surname A. B.," (with a particle: "de
# Zeeuw T.,") / "A. B. Surname," / "The X Collaboration" / "X Collaboration,", or a ditto dash ...
_PARTICLE = r"(?:(?:van|von|de|der|den|di|da|du|del|della|le|la|dos|ten|ter)\s)*"
_SURNAME = r"[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?"
_TIGHT_AUTHOR = re.compile(
    rf"^(—|–|-{{2,}}|_{{2,}}"
    rf"|{_PARTICLE}{_SURNAME},? (?:[A-Z]\.[\s-]?)+"
    rf"|{_PARTICLE}{_SURNAME}, [A-Z][a-z]+[,.]? "
    rf"|(?:[A-Z]\.[\s-]?){{1,3}} ?{_PARTICLE}[A-Z][\w'’\-]+(?:,| and| &| et al)"
    rf"|(?:[Tt]he )?[A-Z][\w-]+ [Cc]ollaboration\b)"
)
# ... or, where the layout already marks a start, "Given Surname and" / "Given M Surname," (ACL)
_AUTHOR = re.compile(
    rf"{_TIGHT_AUTHOR.pattern}"
    rf"|^[A-Z][a-z]+(?: [A-Z]\.?| [A-Z][a-z]+){{0,2}} {_SURNAME}(?:,| and |\. (?:19|20)\d\d)"
)


def _ends_entry(text: str) -> bool:
    """Whether a line can be an entry's last: not one that stops on a comma, a conjunction, a hyphen, an
    author's initial ("... Sower, D." goes on with the year) or a journal's abbreviation ("Phys.")."""
    t = text.rstrip()
    if re.search(r"([,;:&\-–]|\band)$", t):
        return False
    # an initial, or a journal's abbreviated word ("Phys.", "Rev.", "Proc.") that its name goes on from
    return not re.search(r"(^|[\s(.])([A-Z]|[A-Z][a-z]{1,3})\.$", t)


def _opens_entry(prev: Line, ln: Line) -> bool:
    """Whether ``ln``, which the layout marks as a start, can open an entry after ``prev``: it does not
    carry a sentence on (lower case), and the line above ends an entry or this one opens with authors."""
    if _AUTHOR.match(ln.text):  # "de Zeeuw T.," opens in lower case
        return True
    return _ends_entry(prev.text) and not ln.text[:1].islower()


def _layout_starts(lines: list[Line]) -> list[int]:
    """Entry starts of an unlabelled list: lines at the column's left edge when the others hang
    indented, else lines after a wider gap than the list's usual line spacing or that open with an
    author after a line that ends an entry; never a line that carries on the one above ("ATLAS
    Collaboration, G. Aad et al.," / "Phys. Lett. B 716 (2012) 1")."""
    lefts: dict[tuple[int, int], float] = {}
    for ln in lines:
        key = (ln.page, ln.col)
        lefts[key] = min(lefts.get(key, ln.x0), ln.x0)
    indented = [ln.x0 > lefts[(ln.page, ln.col)] + 4 for ln in lines]
    if sum(indented) >= 0.2 * len(lines):
        return [
            i
            for i, ind in enumerate(indented)
            if not ind and (i == 0 or _opens_entry(lines[i - 1], lines[i]))
        ]
    gaps = [
        lines[i].y0 - lines[i - 1].y1
        for i in range(1, len(lines))
        if (lines[i].page, lines[i].col) == (lines[i - 1].page, lines[i - 1].col)
    ]
    usual = median(gaps) if gaps else 0.0
    starts = [0] if lines else []
    for i in range(1, len(lines)):
        prev, ln = lines[i - 1], lines[i]
        if not _opens_entry(prev, ln):
            continue
        tight = _ends_entry(prev.text) and _TIGHT_AUTHOR.match(ln.text)  # no gap needed
        if (prev.page, prev.col) == (ln.page, ln.col):
            if ln.y0 - prev.y1 > usual + 0.3 * ln.height or tight:
                starts.append(i)
        elif prev.text.endswith(".") or tight:  # a new column
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
