"""Figures as bounded PNGs: a PDF region rendered at a screen's resolution, image files composed side by
side. Shared by the PDF route (a crop of the page) and the LaTeX route (the files a figure includes)."""

from __future__ import annotations

from dataclasses import dataclass

import pymupdf

MAX_WIDTH = 1600  # pixels: a screen's width, the bound
TARGET_WIDTH = 1200  # pixels: as wide as a note's column shows sharp; rendering costs by the pixel
MAX_BYTES = 1_000_000  # one figure may add at most this much to the library
SCREEN_ZOOM = 1.5  # 108 dpi: a screen's resolution (rendering and encoding cost by the pixel)
MIN_WIDTH = 400  # a small figure is enlarged to this many pixels, where the width bound allows


@dataclass
class Png:
    """A rendered figure."""

    data: bytes
    width: int
    height: int


def render(page: pymupdf.Page, clip: pymupdf.Rect) -> Png | None:
    """``clip`` of ``page`` as a PNG no wider than :data:`MAX_WIDTH` and no larger than
    :data:`MAX_BYTES` (the resolution is lowered until it fits); None when it cannot be made to fit."""
    if clip.is_empty or clip.width < 1 or clip.height < 1:
        return None
    zoom = min(TARGET_WIDTH / clip.width, max(SCREEN_ZOOM, MIN_WIDTH / clip.width))
    for _ in range(6):
        try:
            pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), clip=clip, alpha=False)
        except (RuntimeError, ValueError):
            return None
        data = pix.tobytes("png")
        if len(data) <= MAX_BYTES:
            return Png(data, pix.width, pix.height)
        zoom *= 0.7
    return None


def compose(parts: list[tuple[str, bytes]], gap: float = 12.0) -> Png | None:
    """Graphics files (``("pdf" | "png" | "jpg", bytes)``) placed side by side on one white strip, all
    at the same height, rendered with :func:`render`; None when none of them can be read."""
    placed: list[tuple[str, pymupdf.Document | pymupdf.Pixmap, float, float]] = []
    for kind, data in parts:
        size = _size(kind, data)
        if size is not None:
            placed.append((kind, size[2], size[0], size[1]))
    if not placed:
        return None
    if len(placed) == 1 and isinstance(placed[0][1], pymupdf.Pixmap):
        return _png(placed[0][1])  # one image: no page to lay out, its pixels as they are (bounded)
    height = max(h for _, _, _, h in placed)
    widths = [w * height / h for _, _, w, h in placed]
    total = sum(widths) + gap * (len(placed) - 1)
    out = pymupdf.open()
    try:
        page = out.new_page(width=total, height=height)
        page.draw_rect(page.rect, color=None, fill=(1, 1, 1))
        x = 0.0
        for (kind, source, _, _), w in zip(placed, widths, strict=True):
            rect = pymupdf.Rect(x, 0, x + w, height)
            if kind == "pdf":
                assert isinstance(source, pymupdf.Document)
                page.show_pdf_page(rect, source, 0)
            else:
                assert isinstance(source, pymupdf.Pixmap)
                page.insert_image(rect, pixmap=source)
            x += w + gap
        return render(page, page.rect)
    except (RuntimeError, ValueError):
        return None
    finally:
        out.close()
        for _kind, source, _, _ in placed:
            if isinstance(source, pymupdf.Document):
                source.close()


def _size(kind: str, data: bytes) -> tuple[float, float, pymupdf.Document | pymupdf.Pixmap] | None:
    """(width, height, what to place) of one graphics file, an image scaled down to the width bound
    first (placing a camera-sized image costs seconds); None when it cannot be read."""
    try:
        if kind == "pdf":
            doc = pymupdf.open(stream=data, filetype="pdf")
            if doc.page_count == 0:
                doc.close()
                return None
            rect = doc[0].rect
            return (rect.width, rect.height, doc) if rect.width > 0 and rect.height > 0 else None
        pix = pymupdf.Pixmap(data)
        if pix.width < 1 or pix.height < 1:
            return None
        if pix.colorspace is not None and pix.colorspace.n not in (1, 3):  # CMYK: as RGB for every viewer
            pix = pymupdf.Pixmap(pymupdf.csRGB, pix)
        if pix.width > TARGET_WIDTH:
            pix = pymupdf.Pixmap(
                pix, TARGET_WIDTH, max(1, round(pix.height * TARGET_WIDTH / pix.width)), None
            )
        return (float(pix.width), float(pix.height), pix)
    except (RuntimeError, ValueError, TypeError):
        return None


def _png(pix: pymupdf.Pixmap) -> Png | None:
    """One image as a PNG within the bounds (halved until it fits in :data:`MAX_BYTES`)."""
    try:
        for _ in range(6):
            data = pix.tobytes("png")
            if len(data) <= MAX_BYTES:
                return Png(data, pix.width, pix.height)
            pix = pymupdf.Pixmap(pix, max(1, pix.width // 2), max(1, pix.height // 2), None)
    except (RuntimeError, ValueError, TypeError):
        return None
    return None
