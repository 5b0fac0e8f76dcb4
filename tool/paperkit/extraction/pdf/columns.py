"""Columns of a page: which pieces of text sit in the left or right column, which run full width, and the
gap between the columns (pieces that PyMuPDF joined across it are cut in two)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class _Piece:
    spans: list[dict[str, Any]]
    bbox: tuple[float, float, float, float]
    block: int
    col: int = 0


def assign_columns(
    pieces: list[_Piece], width: float, known: tuple[float, float] | None = None
) -> tuple[float, float] | None:
    """Mark pieces left/right/full when the page is set in two columns; return the gap between the
    columns, or None for a one-column page.

    A page is two-column when several substantial pieces sit wholly in each half; pieces crossing the
    middle are then full-width (titles, wide figures), which the reading order treats as separators.
    A page with too little text to tell (the last page of references) is two-column when it has text on
    each side of the ``known`` gap of the document's other pages.
    """
    mid = width / 2
    left = sum(1 for p in pieces if p.bbox[2] <= mid + 2 and p.bbox[2] - p.bbox[0] > 0.25 * width)
    right = sum(1 for p in pieces if p.bbox[0] >= mid - 2 and p.bbox[2] - p.bbox[0] > 0.25 * width)
    if left >= 3 and right >= 3:
        gutter = _split_at_gutter(pieces, mid, width)
    elif known is not None:
        gutter = known
        _cut_at(pieces, *gutter)
        wide = 0.15 * width
        sides = (
            any(p.bbox[2] <= gutter[0] + 1 and p.bbox[2] - p.bbox[0] > wide for p in pieces),
            any(p.bbox[0] >= gutter[1] - 1 and p.bbox[2] - p.bbox[0] > wide for p in pieces),
        )
        if not all(sides):
            return None
    else:
        return None
    margin = 0.04 * width
    for p in pieces:
        x0, _, x1, _ = p.bbox
        if x0 < mid - margin and x1 > mid + margin:
            p.col = 0
        else:
            p.col = 1 if (x0 + x1) / 2 < mid else 2
    # a section number printed apart from its title ("A" ... "NEURAL NETWORK ...") follows the title
    rows: dict[int, list[_Piece]] = {}  # pieces by the height of their middle, to find neighbours fast
    for q in pieces:
        rows.setdefault(int((q.bbox[1] + q.bbox[3]) / 10), []).append(q)
    for p in pieces:
        if len("".join(s["text"] for s in p.spans).strip()) <= 5:
            row = int((p.bbox[1] + p.bbox[3]) / 10)
            near = [q for r in (row - 1, row, row + 1) for q in rows.get(r, ())]
            for q in near:
                gap = q.bbox[0] - p.bbox[2]
                across = p.bbox[2] <= gutter[0] + 1 and q.bbox[0] >= gutter[1] - 1  # a word, not a number
                if q is not p and 0 <= gap < 1.5 * p.spans[0]["size"] and same_baseline(p, q) and not across:
                    p.col = q.col
                    break
    # the end of a full-width line that PyMuPDF cut off (at a root sign, a change of font) stays with it
    full = [q for q in pieces if q.col == 0]
    for p in sorted(pieces, key=lambda p: p.bbox[0]):
        if p.col == 0:
            continue
        for q in full:
            gap = p.bbox[0] - q.bbox[2]
            if -1 <= gap < 2 * p.spans[0]["size"] and same_baseline(p, q):
                p.col = 0
                full.append(p)
                break
    return gutter


def _split_at_gutter(pieces: list[_Piece], mid: float, width: float) -> tuple[float, float]:
    """Cut pieces that run across the gap between the columns in two: PyMuPDF sometimes joins the last
    word of a left-column line with a right-column heading on the same baseline ("Our 5 Conclusion").
    Returns the gap (right edge of the left column, left edge of the right one)."""
    lefts = [p.bbox[2] for p in pieces if p.bbox[2] <= mid + 2 and p.bbox[2] - p.bbox[0] > 0.25 * width]
    rights = [p.bbox[0] for p in pieces if p.bbox[0] >= mid - 2 and p.bbox[2] - p.bbox[0] > 0.25 * width]
    gutter_left, gutter_right = max(lefts), min(rights)
    if gutter_right - gutter_left < 4:
        return mid, mid
    _cut_at(pieces, gutter_left, gutter_right)
    return gutter_left, gutter_right


def _cut_at(pieces: list[_Piece], gutter_left: float, gutter_right: float) -> None:
    """Cut each piece that has a gap exactly where the columns' gap is into its two sides."""
    for p in list(pieces):
        if not (p.bbox[0] < gutter_left < gutter_right < p.bbox[2]):
            continue
        spans = [s for s in p.spans if s["text"].strip()]
        cut = next(
            (
                k
                for k in range(1, len(spans))
                if spans[k - 1]["bbox"][2] <= gutter_left + 1 and spans[k]["bbox"][0] >= gutter_right - 1
            ),
            None,
        )
        if cut is None:
            continue
        first, second = spans[:cut], spans[cut:]
        pieces.remove(p)
        pieces.extend(_Piece(part, _span_box(part), p.block) for part in (first, second))


def _span_box(spans: list[dict[str, Any]]) -> tuple[float, float, float, float]:
    return (
        min(s["bbox"][0] for s in spans),
        min(s["bbox"][1] for s in spans),
        max(s["bbox"][2] for s in spans),
        max(s["bbox"][3] for s in spans),
    )


def same_baseline(p: _Piece, q: _Piece) -> bool:
    h = min(p.bbox[3] - p.bbox[1], q.bbox[3] - q.bbox[1])
    return min(p.bbox[3], q.bbox[3]) - max(p.bbox[1], q.bbox[1]) >= 0.6 * h
