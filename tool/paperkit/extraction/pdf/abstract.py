"""The abstract: where it starts (a label, REVTeX's "(Dated: …)" line, a paragraph set apart on page 1) and
where it ends — by layout and content, never by length: the first heading, a keyword, PACS or copyright
line, a table of contents, a change of column, frame or type, a wide gap. A paper that prints no abstract
(an essay, lecture notes: the first paragraph is set like the body) gets none, said so in a warning."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from paperkit.extraction.pdf.headings import Heading
from paperkit.extraction.pdf.lines import Vocabulary, join_lines
from paperkit.extraction.pdf.page import Line
from paperkit.extraction.pdf.spans import FRONT_MATTER as _ENDS
from paperkit.extraction.pdf.spans import KEYWORDS, opens_abstract, text_filter
from paperkit.extraction.pdf.superscripts import Policy

NO_ABSTRACT = "the paper prints no abstract (no 'Abstract' label, no paragraph set apart before its text)"

_ABSTRACT_ALONE = re.compile(r"^abstract[\s.:—–-]*$", re.IGNORECASE)
_ABSTRACT_RUN_IN = re.compile(r"^abstract\s*[.:—–-]+\s*(\S.*)$", re.IGNORECASE)
# REVTeX and its kin print the date line right above an abstract that has no label
_DATED = re.compile(r"^\(?(dated|received|date)\b[:\s]", re.IGNORECASE)
_URL = re.compile(r"https?://|www\.|github\.com", re.IGNORECASE)
_LINK_LINE = re.compile(
    r"^(code|project( page)?|website|models?|data(set)?|demo|code and (data|models))"
    r"( (is|are) (publicly )?available( at)?)?\s*:?\s*(https?://|www\.|github\.com)\S+$",
    re.IGNORECASE,
)
_GAP = 2.5  # a blank of more than this many line heights ends the abstract (title-page notes below it)
_EDGE = 8.0  # points a line may stick out of the abstract's frame (rounding, a hanging word)


@dataclass
class _Frame:
    """Where the abstract is set: its column, left and right edges and type size."""

    col: int
    x0: float
    x1: float
    size: float


def _frame(lines: list[Line], idx: list[int]) -> _Frame:
    first = [lines[k] for k in idx[:4]]
    size = Counter(ln.size for ln in first).most_common(1)[0][0]
    return _Frame(first[0].col, min(ln.x0 for ln in first), max(ln.x1 for ln in first), size)


def _goes_on(prev: Line, ln: Line, frame: _Frame) -> bool:
    """Whether ``ln`` (after ``prev``) still belongs to an abstract set in ``frame``."""
    if _ENDS.match(ln.text) or KEYWORDS.match(ln.text):
        return False
    if ln.size > frame.size + 0.6:
        return False  # larger type: the body or a heading the heading finder missed
    if ln.size < frame.size - 0.6:
        return True  # smaller type (a footnote, a note) is left out by the text filter, not an end
    edge = max(_EDGE, 0.05 * (frame.x1 - frame.x0))  # ragged right margins stick out a little
    if ln.x1 > frame.x1 + edge or ln.x0 < frame.x0 - edge:
        return False  # wider than the abstract: the body text
    if ln.block != prev.block and ln.col != frame.col and 0 in (ln.col, frame.col):
        return False  # from page width into the columns (or back)
    if ln.page == prev.page and (ln.col == prev.col or ln.block == prev.block):
        return ln.y0 - prev.y1 <= _GAP * max(ln.height, 1.0)
    # a new column or page: a sentence that runs on, or a paragraph in the same frame and type
    if not re.search(r"[.!?]\W*$", prev.text):
        return abs(ln.x0 - frame.x0) <= _EDGE
    same_type = abs(ln.size - frame.size) < 0.3 and ln.bold == prev.bold
    return same_type and abs(ln.x1 - frame.x1) <= _EDGE and frame.x0 - _EDGE <= ln.x0 <= frame.x0 + 3 * _EDGE


def _collect(lines: list[Line], first: int, stop: int, starts: set[int], frame_from: list[int]) -> list[int]:
    """Indices from ``first`` while the lines go on in the abstract's frame (see :func:`_goes_on`)."""
    if first >= stop or first in starts:
        return []
    if not frame_from:  # the first lines of its block (else of its page and column) set the frame
        frame_from = [first]
        for k in range(first + 1, min(stop, first + 4)):
            if k in starts or (lines[k].page, lines[k].col) != (lines[first].page, lines[first].col):
                break
            if lines[k].block != lines[first].block and len(frame_from) > 1:
                break
            frame_from.append(k)
    frame = _frame(lines, frame_from)
    out = [first]
    for k in range(first + 1, stop):
        if k in starts or not _goes_on(lines[out[-1]], lines[k], frame):
            break
        out.append(k)
    return out


def _text(lines: list[Line], idx: list[int], vocab: Vocabulary, superscripts: Policy | None) -> str:
    """The abstract's running text: footnotes and smaller notes left out, but a smaller line that carries a
    URL (a code link set in smaller type ends many abstracts) kept."""
    if not idx:
        return ""
    size = Counter(lines[k].size for k in idx for _ in lines[k].text).most_common(1)[0][0]
    keep = text_filter(size, lines)
    picked = [k for k in idx if keep(k) or (_URL.search(lines[k].text) and lines[k].size >= size - 2.5)]
    return join_lines([lines[k] for k in picked], vocab, superscripts)


def find_abstract(
    lines: list[Line],
    headings: list[Heading],
    vocab: Vocabulary,
    superscripts: Policy | None = None,
    body: float = 10.0,
) -> tuple[str, int, str]:
    """(abstract text, index of the line after it — where the text starts when the paper prints no
    abstract, found_by ``NO_ABSTRACT`` —, found_by): under an "Abstract" label, after REVTeX's
    date line, else a paragraph on page 1 set apart from the body (narrower, bold or in another size), up
    to where the layout or the content ends it. ``superscripts`` says which superscript numbers stay."""
    starts = {h.start for h in headings}
    first_section = next((h.start for h in headings if h.level == 1), len(lines))
    for i, ln in enumerate(lines[: first_section + 1]):
        if ln.page > 2:
            break
        run_in = _ABSTRACT_RUN_IN.match(ln.text)
        if _ABSTRACT_ALONE.match(ln.text) or run_in:
            if run_in:  # the label's line opens the text: read it without the label
                label = Line(**{**ln.__dict__, "text": run_in.group(1), "rich": None})
                lines = [*lines[:i], label, *lines[i + 1 :]]
                idx = _collect(lines, i, len(lines), starts - {i}, [i, i + 1, i + 2])
            else:
                idx = _collect(lines, i + 1, len(lines), starts, [])
            text = _text(lines, idx, vocab, superscripts)
            link = _title_block_link(lines, i)
            return (text + " " + link if link else text), (idx[-1] + 1 if idx else i + 1), "typography"
    dated = next((i for i, ln in enumerate(lines) if ln.page == 1 and _DATED.match(ln.text)), None)
    if dated is not None:
        k = dated + 1
        while k < len(lines) and lines[k].page == 1 and k not in starts and _words(lines[k].text) < 4:
            k += 1
        idx = _collect(lines, k, len(lines), starts, [])
        if idx and _is_prose(join_lines([lines[j] for j in idx], vocab)):
            return _text(lines, idx, vocab, superscripts), idx[-1] + 1, "fallback"
    # no label: the first paragraph of 30 words or more on page 1, before the first section, that is set
    # apart from the body's text
    blocks: dict[int, list[int]] = {}
    for i in range(first_section):
        if lines[i].page == 1:
            blocks.setdefault(lines[i].block, []).append(i)
    width = _body_width(lines, body)
    for idx in blocks.values():
        if _is_prose(join_lines([lines[k] for k in idx], vocab)):
            if not _set_apart([lines[k] for k in idx], body, width):
                return "", idx[0], NO_ABSTRACT  # the text starts here, with no abstract before it
            idx = _collect(lines, idx[0], first_section, starts, idx)
            return _text(lines, idx, vocab, superscripts), idx[-1] + 1, "fallback"
    return "", 0, "fallback"


def _words(text: str) -> int:
    return len(text.split())


def _body_width(lines: list[Line], body: float) -> float:
    """The width most full lines of body text have (a column's width on two-column pages)."""
    widths: Counter[int] = Counter()
    for ln in lines:
        if abs(ln.size - body) < 0.3 and len(ln.text) > 40:
            widths[round((ln.x1 - ln.x0) / 4)] += 1
    return 4.0 * widths.most_common(1)[0][0] if widths else 0.0


def _set_apart(block: list[Line], body: float, width: float) -> bool:
    """Whether a paragraph is set apart from the body text, as an abstract is: in another size or weight,
    or narrower or wider than the body's lines (indented both sides; page-wide above two columns)."""
    size = Counter(ln.size for ln in block).most_common(1)[0][0]
    if abs(size - body) >= 0.5 or all(ln.bold for ln in block) or all(ln.italic for ln in block):
        return True
    widest = max(ln.x1 - ln.x0 for ln in block)
    return not width or abs(widest - width) > 15


def _is_prose(text: str) -> bool:
    """A paragraph of sentences (30 words or more, mostly lower case), not an author or address block."""
    words = text.split()
    lower = sum(1 for w in words if w[:1].islower())
    return len(words) >= 30 and lower >= 0.5 * len(words) and (". " in text or text.rstrip().endswith("."))


def _title_block_link(lines: list[Line], heading: int) -> str:
    """A code or project link printed in the title block just above the abstract heading ("Code:
    https://..."): the abstract's last line, as the paper's arXiv abstract gives it."""
    for k in range(heading - 1, max(-1, heading - 5), -1):
        if lines[k].page != lines[heading].page:
            break
        if _LINK_LINE.match(lines[k].text):
            return lines[k].text
    return ""


__all__ = ["NO_ABSTRACT", "find_abstract", "opens_abstract"]
