"""Page furniture: running headers and footers, page numbers and arXiv stamps, taken out of the lines."""

from __future__ import annotations

import re
from collections import Counter

from paperkit.extraction.pdf.page import Line, PageText
from paperkit.extraction.pdf.stamp import is_stamp, stamp_line


def _furniture_key(ln: Line) -> tuple[bool, str]:
    return ln.y0 < ln.page_height / 2, re.sub(r"\d+", "#", ln.text.lower())


def remove_furniture(pages: list[PageText]) -> list[Line]:
    """All lines in reading order without running headers, page numbers or arXiv stamps.

    A line in the top or bottom band of a page is furniture when it is a bare page number or when the
    same text (digits ignored) sits in the same band (top or bottom) on another page too, in a block of
    its own: reference entries at the feet of two pages are alike, but they sit in the list's blocks.
    """
    seen: Counter[tuple[bool, str]] = Counter()
    for pt in pages:
        for key in {_furniture_key(ln) for ln in pt.lines if ln.in_band}:
            seen[key] += 1
    heads = _running_heads(pages)
    out: list[Line] = []
    for pt in pages:
        block_sizes = Counter(ln.block for ln in pt.lines)
        # blocks that reach out of the bands hold text (a reference list running to the page's foot)
        text_blocks = {ln.block for ln in pt.lines if not ln.in_band}
        ys = [ln.y0 for ln in pt.lines]
        top, bottom = min(ys, default=0.0), max(ys, default=0.0)
        for ln in pt.lines:
            extreme = ln.y0 in (top, bottom)  # a bare number as the page's first or last line
            if _is_page_number(ln.text) and (extreme or ln.in_band):
                continue
            repeated = seen[_furniture_key(ln)] >= 2 and ln.block not in text_blocks
            if ln.in_band and (repeated or id(ln) in heads):
                continue
            alone = ln.in_band and block_sizes[ln.block] == 1
            if is_stamp(ln.text) or (alone and stamp_line(ln.text) is not None):
                continue  # an ID in a header or footer, not the end of a reference entry
            out.append(ln)
    return out


def _running_heads(pages: list[PageText]) -> set[int]:
    """ids of the lines that head (or foot) their page set apart from the text, at a height where three
    pages or more have such a line: running heads whose text changes from page to page ("2 METHOD",
    "3 EXPERIMENTS")."""
    found: list[tuple[float, Line]] = []
    for pt in pages:
        if not pt.lines:
            continue
        top = min(pt.lines, key=lambda ln: ln.y0)
        bottom = max(pt.lines, key=lambda ln: ln.y1)
        for ln in {id(top): top, id(bottom): bottom}.values():
            if not ln.in_band or ln.bold:
                continue
            # the gap to the nearest line above or below it, lines beside it (a page number) aside
            gaps = [
                other.y0 - ln.y1 if ln is top else ln.y0 - other.y1
                for other in pt.lines
                if (other.y0 >= ln.y1 - 1 if ln is top else other.y1 <= ln.y0 + 1)
            ]
            # wider than the page's own line spacing too (a double-spaced preprint sets every line apart)
            if not gaps or min(gaps) >= max(1.2 * ln.height, _usual_gap(pt) + 0.5 * ln.height):
                found.append((ln.y0, ln))
    need = max(2, (len(pages) - 1) / 2)  # on most pages but the first (two of a short paper)
    return {id(ln) for y, ln in found if sum(1 for y2, _ in found if abs(y2 - y) <= 1.5) >= need}


def _usual_gap(pt: PageText) -> float:
    """The median gap between consecutive lines of one column of the page."""
    gaps = sorted(
        b.y0 - a.y1
        for a, b in zip(pt.lines, pt.lines[1:], strict=False)
        if (a.page, a.col) == (b.page, b.col) and b.y0 >= a.y1 - 1
    )
    return gaps[len(gaps) // 2] if gaps else 0.0


def _is_page_number(text: str) -> bool:
    return bool(re.fullmatch(r"(page\s*)?[\divxlc]{1,5}(\s*(of|/)\s*\d+)?|[-–—]\s*\d+\s*[-–—]", text.lower()))
