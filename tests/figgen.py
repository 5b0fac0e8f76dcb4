"""Pages with figures, made with PyMuPDF: paragraphs of invented prose around raster or vector figures,
their captions below or above, in one column, in one of two columns, or across both; where each thing
was drawn is returned, so a test can say what a crop must hold and what it must not."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pymupdf

PAGE_W, PAGE_H = 612.0, 792.0
MARGIN, TOP, BOTTOM = 72.0, 72.0, 720.0
GUTTER = 18.0
SIZE = 10.0
WORDS = [
    "model",
    "training",
    "layer",
    "network",
    "signal",
    "gradient",
    "estimate",
    "sample",
    "batch",
    "weight",
    "kernel",
    "feature",
    "error",
    "update",
    "method",
    "result",
    "data",
    "encoder",
    "decoder",
    "loss",
    "variance",
    "noise",
    "step",
    "rate",
    "scale",
    "input",
    "output",
    "the",
    "a",
    "of",
    "and",
    "with",
    "for",
    "we",
    "our",
    "this",
    "that",
    "is",
    "are",
    "by",
    "on",
    "in",
    "to",
    "from",
    "each",
    "which",
]


@dataclass
class Drawn:
    """What was put on a page: the figures' rectangles (with their labels), captions and prose."""

    figures: list[pymupdf.Rect] = field(default_factory=list)
    captions: list[pymupdf.Rect] = field(default_factory=list)
    prose: list[pymupdf.Rect] = field(default_factory=list)


def prose(rng: random.Random, words: int) -> str:
    """Invented sentences of about ``words`` words."""
    out = []
    while len(out) < words:
        n = rng.randint(8, 16)
        sentence = [rng.choice(WORDS) for _ in range(n)]
        out += [sentence[0].capitalize(), *sentence[1:-1], sentence[-1] + "."]
    return " ".join(out)


def paragraph(
    page: pymupdf.Page, drawn: Drawn, x0: float, x1: float, y: float, words: int, rng: random.Random
) -> float:
    """A paragraph set from ``y`` down in the column ``x0``–``x1``; returns where the next one starts."""
    lines = _wrap(prose(rng, words), x1 - x0, SIZE)
    top = y
    for line in lines:
        y += SIZE * 1.25
        page.insert_text((x0, y), line, fontsize=SIZE, fontname="tiro")
    drawn.prose.append(pymupdf.Rect(x0, top, x1, y + 3))
    return y + SIZE


def caption(page: pymupdf.Page, drawn: Drawn, x0: float, x1: float, y: float, label: str, text: str) -> float:
    """A caption ("Figure 1: ...") set from ``y`` down; returns its bottom."""
    lines = _wrap(f"{label}: {text}", x1 - x0, 9.0)
    top = y
    for line in lines:
        y += 9.0 * 1.2
        page.insert_text((x0, y), line, fontsize=9.0, fontname="tiro")
    drawn.captions.append(pymupdf.Rect(x0, top, x1, y + 3))
    return y + 3


def vector_figure(page: pymupdf.Page, drawn: Drawn, rect: pymupdf.Rect, rng: random.Random) -> None:
    """A plot in vector paths: axes, a curve, boxes, with tick labels in small type beside the axes."""
    ax = pymupdf.Rect(rect.x0 + 18, rect.y0 + 4, rect.x1 - 4, rect.y1 - 14)
    page.draw_line(ax.bl, ax.br, width=0.8)
    page.draw_line(ax.bl, ax.tl, width=0.8)
    points = [pymupdf.Point(ax.x0 + ax.width * i / 20, ax.y1 - ax.height * rng.random()) for i in range(21)]
    page.draw_polyline(points, color=(0.8, 0.1, 0.1), width=1)
    page.draw_rect(
        pymupdf.Rect(ax.x0 + 10, ax.y0 + 6, ax.x0 + 40, ax.y0 + 18), color=(0, 0, 1), fill=(0.8, 0.9, 1)
    )
    for i in range(4):
        x = ax.x0 + ax.width * i / 3
        page.insert_text((x - 3, rect.y1 - 4), str(i * 10), fontsize=6, fontname="helv")
    page.insert_text((rect.x0 + 2, ax.y0 + 8), "1.0", fontsize=6, fontname="helv")
    drawn.figures.append(rect)


def raster_figure(page: pymupdf.Page, drawn: Drawn, rect: pymupdf.Rect, rng: random.Random) -> None:
    """A photograph-like image (random colour blocks) placed in ``rect``."""
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 64, 48), False)
    for y in range(48):
        for x in range(64):
            shade = (x // 8 * 31 + y // 6 * 17 + rng.randint(0, 20)) % 256
            pix.set_pixel(x, y, (shade, 255 - shade, (shade * 3) % 256))
    page.insert_image(rect, stream=pix.tobytes("png"))
    scale = min(rect.width / 64, rect.height / 48)  # the image keeps its aspect ratio, centred in rect
    w, h = 64 * scale, 48 * scale
    x, y = rect.x0 + (rect.width - w) / 2, rect.y0 + (rect.height - h) / 2
    drawn.figures.append(pymupdf.Rect(x, y, x + w, y + h))


def _wrap(text: str, width: float, size: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and pymupdf.get_text_length(trial, fontname="tiro", fontsize=size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines


def page_with_figure(
    columns: int = 1,
    kind: str = "vector",
    caption_side: str = "below",
    span: bool = False,
    second: bool = False,
    seed: int = 0,
) -> tuple[pymupdf.Document, Drawn]:
    """One page: prose, then Figure 1 (``kind`` "vector" or "raster", its caption ``caption_side`` of
    it), in the first column (``columns=2``), across both (``span``), then prose; ``second`` adds
    Figure 2 after it with its own caption. The figures' rectangles are in ``Drawn.figures`` in order."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=PAGE_W, height=PAGE_H)
    drawn = Drawn()
    page.insert_text((MARGIN, 50), "Running head of an invented paper", fontsize=8, fontname="helv")
    mid = PAGE_W / 2
    cols = (
        [(MARGIN, PAGE_W - MARGIN)]
        if columns == 1
        else [(MARGIN, mid - GUTTER / 2), (mid + GUTTER / 2, PAGE_W - MARGIN)]
    )
    x0, x1 = (MARGIN, PAGE_W - MARGIN) if span or columns == 1 else cols[0]
    y = TOP
    if not span:
        y = paragraph(page, drawn, *cols[0], y, 60, rng)
    draw = vector_figure if kind == "vector" else raster_figure

    def one_figure(y: float, number: int) -> float:
        width = (x1 - x0) * (0.7 if number == 1 else 0.5)
        fx0 = x0 + (x1 - x0 - width) / 2
        text = prose(rng, 18 if number == 1 else 10)
        if caption_side == "above":
            y = caption(page, drawn, x0, x1, y, f"Figure {number}", text) + 6
        rect = pymupdf.Rect(fx0, y, fx0 + width, y + width * 0.55)
        draw(page, drawn, rect, rng)
        y = rect.y1 + 8
        if caption_side == "below":
            y = caption(page, drawn, x0, x1, y, f"Figure {number}", text)
        return y + 14

    y = one_figure(y, 1)
    if second:
        y = one_figure(y, 2)
    if span:  # the columns start under the page-wide figure
        for cx0, cx1 in cols if columns == 2 else cols[:1]:
            yy = y
            while yy < BOTTOM - 80:
                yy = paragraph(page, drawn, cx0, cx1, yy, 50, rng)
        return doc, drawn
    while y < BOTTOM - 80:
        y = paragraph(page, drawn, *cols[0], y, 50, rng)
    for cx0, cx1 in cols[1:]:
        yy = TOP
        while yy < BOTTOM - 80:
            yy = paragraph(page, drawn, cx0, cx1, yy, 50, rng)
    return doc, drawn
