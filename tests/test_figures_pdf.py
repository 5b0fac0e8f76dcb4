"""Figure 1 cropped from generated PDFs: the crop holds the figure and none of the body text, in every
layout (raster and vector figures, captions below and above, one and two columns, a figure spanning
both, a page with two figures); no figure rather than a wrong one."""

from __future__ import annotations

import random

import pymupdf
import pytest

from figgen import PAGE_H, PAGE_W, Drawn, caption, page_with_figure, paragraph, vector_figure
from paperkit.extraction.images import MAX_BYTES, MAX_WIDTH
from paperkit.extraction.pdf.figures import find_figure, locate_figure

LAYOUTS = [
    (columns, kind, side, span, second)
    for columns in (1, 2)
    for kind in ("vector", "raster")
    for side in ("below", "above")
    for span in ((False, True) if columns == 2 else (False,))
    for second in (False, True)
]


def _holds(clip: pymupdf.Rect, rect: pymupdf.Rect, slack: float = 1.0) -> bool:
    return (
        clip.x0 <= rect.x0 + slack
        and clip.y0 <= rect.y0 + slack
        and clip.x1 >= rect.x1 - slack
        and clip.y1 >= rect.y1 - slack
    )


def _touches(clip: pymupdf.Rect, rect: pymupdf.Rect, slack: float = 1.0) -> bool:
    cut = clip & rect
    return not cut.is_empty and cut.width > slack and cut.height > slack


@pytest.mark.parametrize(("columns", "kind", "side", "span", "second"), LAYOUTS)
def test_crop_holds_the_figure_and_no_body_text(
    columns: int, kind: str, side: str, span: bool, second: bool
) -> None:
    seed = LAYOUTS.index((columns, kind, side, span, second))  # each layout its own invented text
    doc, drawn = page_with_figure(columns, kind, side, span, second, seed)
    found = locate_figure(doc)
    assert found is not None
    assert found.label == "Figure 1"
    assert _holds(found.clip, drawn.figures[0])
    assert not any(_touches(found.clip, p) for p in drawn.prose)
    assert not any(_touches(found.clip, c) for c in drawn.captions)
    if second:
        assert not _touches(found.clip, drawn.figures[1])
    first_words = doc[0].get_text("text", clip=drawn.captions[0]).split()[2:6]
    assert found.caption.split()[:4] == first_words


@pytest.mark.parametrize("kind", ["vector", "raster"])
def test_rendered_figure_is_bounded_and_opens(kind: str) -> None:
    doc, _ = page_with_figure(2, kind, "below", span=True)
    figure = find_figure(doc)
    assert figure is not None
    assert figure.found_by == "pdf/caption" and figure.page == 1
    assert 200 <= figure.width <= MAX_WIDTH and len(figure.png) <= MAX_BYTES
    pix = pymupdf.Pixmap(figure.png)
    assert (pix.width, pix.height) == (figure.width, figure.height)


def _page() -> tuple[pymupdf.Document, pymupdf.Page, Drawn, random.Random]:
    doc = pymupdf.open()
    return doc, doc.new_page(width=PAGE_W, height=PAGE_H), Drawn(), random.Random(3)


def test_a_caption_with_no_graphics_near_gives_no_figure() -> None:
    doc, page, drawn, rng = _page()
    y = paragraph(page, drawn, 72, 540, 72, 80, rng)
    y = caption(page, drawn, 72, 540, y + 10, "Figure 1", "A figure the PDF does not hold.")
    paragraph(page, drawn, 72, 540, y + 10, 80, rng)
    assert locate_figure(doc) is None


def test_a_logo_sized_image_is_not_a_figure() -> None:
    doc, page, drawn, rng = _page()
    y = paragraph(page, drawn, 72, 540, 72, 80, rng)
    vector_figure(page, drawn, pymupdf.Rect(280, y + 4, 330, y + 24), rng)  # 50 x 20 points
    y = caption(page, drawn, 72, 540, y + 30, "Figure 1", "Too small to be a figure.")
    paragraph(page, drawn, 72, 540, y + 10, 80, rng)
    assert locate_figure(doc) is None


def test_a_scanned_page_is_not_cropped_whole() -> None:
    doc, page, drawn, rng = _page()
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 100, 130), False)
    pix.clear_with(200)
    page.insert_image(page.rect, stream=pix.tobytes("png"))
    y = paragraph(page, drawn, 72, 540, 72, 80, rng)
    caption(page, drawn, 72, 540, y + 200, "Figure 1", "A caption over a page-sized scan.")
    assert locate_figure(doc) is None


def test_a_sentence_naming_figure_1_is_not_its_caption() -> None:
    doc, page, drawn, rng = _page()
    page.insert_text((72, 100), "Figure 1 shows the model we train on each batch of data.", fontsize=10)
    vector_figure(page, drawn, pymupdf.Rect(150, 120, 450, 300), rng)
    paragraph(page, drawn, 72, 540, 320, 80, rng)
    assert locate_figure(doc) is None
