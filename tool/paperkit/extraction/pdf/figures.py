"""The paper's overview figure cropped from its PDF: the region Figure 1's caption belongs to.

The caption is a text block that opens with "Figure 1:" / "Fig. 1." (not a sentence that mentions it).
Its figure is the cluster of graphics (images, vector paths) nearest to it, above it (the common place)
or else below it, within the caption's column — or across the page when the caption crosses the gutter —
and never past the body text or another caption on that side. Text lying on or beside those graphics
(axis labels, subfigure captions) is part of the figure. When what would be cropped holds a paragraph
of body text, covers the page, or is too small to be more than a logo or a rule, there is no figure:
none is better than a wrong one.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

import pymupdf

from paperkit.extraction.images import render
from paperkit.extraction.pdf.figure_text import caption_text, mark_running_heads
from paperkit.records import Figure

MAX_PAGES = 12  # Figure 1 sits near the front; later pages are not searched
_LABEL = re.compile(r"^\s*(fig(?:ure)?\.?|FIG\.?)\s*(1(?:\.1)?)(?![\d.]\d)\s*(?:[:.|—–]|\s-\s)\s*", re.I)
_QUICK = re.compile(r"^\s*fig(?:ure)?\.?\s*1", re.I | re.M)
_MENTION = re.compile(r"^\s*fig(?:ure)?\.?\s*1\s*[:.]?\s*(shows|illustrates|depicts|gives)\b", re.I)
_ANY_CAPTION = re.compile(r"^\s*(fig(?:ure)?\.?|FIG\.?|table|TABLE)\s*[0-9IVX]+\s*[:.|—–]", re.I)
_GRAPHICS = ("fill-path", "stroke-path", "fill-image", "fill-imgmask", "fill-shade")
MIN_W, MIN_H = 72.0, 36.0  # points: smaller than an inch by half an inch is a logo, a rule, a symbol
CLUSTER_GAP = 24.0  # points of empty height that separate two floats (a figure's parts sit closer)
MAX_CAPTION_GAP = 120.0  # a figure's graphics sit at most this far from their caption
NEAR = 8.0  # text this close to the graphics labels them


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass
class _Block:
    rect: pymupdf.Rect
    text: str
    size: float  # the block's mean type size
    words: int
    lines: int
    line_width: float  # the median line width
    page_height: float
    running: bool = False  # a running head: the same text tops a neighbouring page


@dataclass
class Located:
    """Where Figure 1 is: its page (0-based), the rectangle to crop, and its caption."""

    page: int
    clip: pymupdf.Rect
    label: str  # "Figure 1", "Fig. 1"
    caption: str


def find_figure(doc: pymupdf.Document, max_pages: int = MAX_PAGES) -> Figure | None:
    """Figure 1 of ``doc``, cropped and rendered, with its caption; None when there is none to be sure of."""
    found = locate_figure(doc, max_pages)
    if found is None:
        return None
    png = render(doc[found.page], found.clip)
    if png is None:
        return None
    return Figure(
        caption=found.caption,
        label=found.label,
        page=found.page + 1,
        found_by="pdf/caption",
        width=png.width,
        height=png.height,
        png=png.data,
    )


def locate_figure(doc: pymupdf.Document, max_pages: int = MAX_PAGES) -> Located | None:
    """Where Figure 1 of ``doc`` is; None when its caption is not found or its region is not sure."""
    previous = ""  # the plain text of the page before: its running head tells this page's
    for number in range(min(doc.page_count, max_pages)):
        page = doc[number]
        try:
            textpage = page.get_textpage(flags=0)  # read once, for the plain text and the blocks
            text = page.get_text("text", textpage=textpage)
            if not _QUICK.search(text):
                previous = text
                continue  # most pages hold no caption: the plain text says so cheaply
            blocks = _blocks(page, textpage)
        except (RuntimeError, ValueError):
            continue
        for i, block in enumerate(blocks):
            m = _LABEL.match(block.text)
            if not m or _is_mention(block):
                continue
            mark_running_heads(doc, number, blocks, previous)
            clip = crop(page, blocks, i)
            if clip is None:
                return None  # the caption is found: another "Figure 1" later would be a mention
            word = "Figure" if m.group(1).lower().startswith("figure") else "Fig."
            return Located(number, clip, f"{word} {m.group(2)}", caption_text(block.text[m.end() :]))
    return None


def crop(page: pymupdf.Page, blocks: list[_Block], caption_at: int) -> pymupdf.Rect | None:
    """The rectangle of the figure the caption ``blocks[caption_at]`` belongs to, or None."""
    caption = blocks[caption_at]
    body = _body_size(blocks)
    line = _column_line(blocks, body)
    band = _beside(caption.rect, blocks, body, line, _band(page, blocks, caption.rect))
    prose = [b for j, b in enumerate(blocks) if j != caption_at and _bounds(b, body, line, band)]
    graphics = _graphics(page, band)
    prose = [
        b
        for b in prose
        if b.running or not (_furniture(b) and _labels_graphics(_box(_grow(b.rect, NEAR)), graphics))
    ]
    for side in ("above", "below"):  # above first: where most papers put a figure's caption below it
        region = _region(page, band, caption.rect, prose, side)
        skip = {id(b) for b in prose} | {id(caption)}
        labels = [
            _box(b.rect)
            for b in blocks
            if id(b) not in skip and _inside(_box(b.rect), region) and not _paragraph(b, body)
        ]
        cluster = _nearest_cluster([g for g in graphics if _inside(g, region)], labels, caption.rect, side)
        if cluster is None:
            continue
        box = _with_labels(cluster, blocks, caption_at, prose, body) & region
        if _refused(page, box, prose):
            return None
        return _grow(box, 4) & region
    return None


def _is_mention(block: _Block) -> bool:
    """A block opening with "Figure 1 shows" is a sentence of the text, not a caption."""
    return bool(
        re.match(r"^\s*fig(?:ure)?\.?\s*1\s*[:.]?\s*(shows|illustrates|depicts|gives)\b", block.text, re.I)
    )


def _blocks(page: pymupdf.Page, textpage: pymupdf.TextPage | None = None) -> list[_Block]:
    """The page's text blocks with their type size and line widths (rotated text left out). A block is
    cut where a line opens a caption after a line that ends a sentence: PyMuPDF can join a caption to
    the subfigure labels above it."""
    out = []
    for b in page.get_text("dict", flags=0, textpage=textpage)["blocks"]:
        if b.get("type") != 0:
            continue
        lines = [ln for ln in b["lines"] if abs(ln["dir"][1]) < 0.1 and _line_text(ln).strip()]
        start = 0
        for i in range(1, len(lines)):
            if _ANY_CAPTION.match(_line_text(lines[i])) and _line_text(lines[i - 1]).rstrip().endswith(
                (".", ":")
            ):
                out.append(_block(lines[start:i], page.rect.height))
                start = i
        if lines[start:]:
            out.append(_block(lines[start:], page.rect.height))
    return out


def _line_text(line: dict) -> str:
    return "".join(s["text"] for s in line["spans"])


def _block(lines: list[dict], page_height: float) -> _Block:
    spans = [s for ln in lines for s in ln["spans"] if s["text"].strip()]
    text = "\n".join(_line_text(ln) for ln in lines).strip()
    chars = sum(len(s["text"]) for s in spans)
    size = sum(s["size"] * len(s["text"]) for s in spans) / max(chars, 1)
    rect = pymupdf.Rect(lines[0]["bbox"])
    for ln in lines[1:]:
        rect |= pymupdf.Rect(ln["bbox"])
    widths = [ln["bbox"][2] - ln["bbox"][0] for ln in lines]
    return _Block(rect, text, size, len(text.split()), len(lines), statistics.median(widths), page_height)


def _body_size(blocks: list[_Block]) -> float:
    """The page's body type size: the size most words are set in."""
    weight: dict[float, int] = {}
    for b in blocks:
        weight[round(b.size, 1)] = weight.get(round(b.size, 1), 0) + b.words
    return max(weight, key=lambda s: weight[s]) if weight else 10.0


def _column_line(blocks: list[_Block], body: float) -> float:
    """The width of a full line of running text: the widest median line among paragraphs in body type."""
    widths = [b.line_width for b in blocks if b.lines >= 3 and b.words >= 20 and b.size >= body * 0.9]
    return max(widths, default=300.0)


def _band(page: pymupdf.Page, blocks: list[_Block], caption: pymupdf.Rect) -> tuple[float, float]:
    """The horizontal extent the figure may take: the caption's column on a two-column page, else the
    page's width."""
    mid = page.rect.width / 2
    left = [b for b in blocks if b.rect.x1 < mid + 4 and b.rect.width > page.rect.width * 0.3]
    right = [b for b in blocks if b.rect.x0 > mid - 4 and b.rect.width > page.rect.width * 0.3]
    two_columns = len(left) >= 2 and len(right) >= 2
    if two_columns and caption.x1 < mid + 4:
        return page.rect.x0, mid
    if two_columns and caption.x0 > mid - 4:
        return mid, page.rect.x1
    return page.rect.x0, page.rect.x1


def _beside(
    caption: pymupdf.Rect, blocks: list[_Block], body: float, line: float, band: tuple[float, float]
) -> tuple[float, float]:
    """The band narrowed by the prose set beside the caption: a figure the text wraps around."""
    x0, x1 = band
    for b in blocks:
        if b.rect.y1 <= caption.y0 or b.rect.y0 >= caption.y1 or not _bounds(b, body, line, band):
            continue
        if b.rect.x1 <= caption.x0:
            x0 = max(x0, b.rect.x1 + 1)
        elif b.rect.x0 >= caption.x1:
            x1 = min(x1, b.rect.x0 - 1)
    return x0, x1


def _bounds(block: _Block, body: float, line: float, band: tuple[float, float]) -> bool:
    """Whether a block ends a figure's region: another caption, or prose (a paragraph of body text:
    many words in lines as wide as most of the column, set at the body size)."""
    if not _overlaps_band(block.rect, band):
        return False
    if _ANY_CAPTION.match(block.text) or _furniture(block):
        return True
    wide = block.line_width >= 0.55 * line
    return block.words >= 12 and block.lines >= 2 and wide and block.size >= body * 0.9


def _furniture(block: _Block) -> bool:
    """A running head (a line of words wholly in the page's top band) or a footer or page number in the
    bottom band; a figure's tick labels there are single tokens."""
    page_h = block.page_height
    if block.lines > 2:
        return False
    if block.rect.y1 < 0.08 * page_h:
        return block.running or block.words >= 3
    return block.rect.y0 > 0.92 * page_h and (block.words >= 3 or block.text.strip().isdigit())


def _overlaps_band(rect: pymupdf.Rect, band: tuple[float, float]) -> bool:
    inside = min(rect.x1, band[1]) - max(rect.x0, band[0])
    return inside > 0.5 * max(rect.width, 1)


def _graphics(page: pymupdf.Page, band: tuple[float, float]) -> list[Box]:
    """The boxes of the page's images and vector paths within the band (a page-sized background left
    out), as plain tuples: a plot can draw tens of thousands of paths."""
    pr = page.rect
    area = pr.width * pr.height
    top, bottom = pr.height * 0.11, pr.height * 0.89
    out = []
    for kind, (x0, y0, x1, y1) in page.get_bboxlog():
        if kind not in _GRAPHICS:
            continue
        # clamped by hand: PyMuPDF's intersection turns a rule (zero width or height) into nothing
        x0, y0, x1, y1 = max(x0, pr.x0), max(y0, pr.y0), min(x1, pr.x1), min(y1, pr.y1)
        w, h = x1 - x0, y1 - y0
        if w < 0 or h < 0 or (w <= 0 and h <= 0) or w * h > 0.8 * area:
            continue
        if (h < 1.5 or w < 1.5) and (y1 < top or y0 > bottom):
            continue  # the rule under a running head or over a footer
        if min(x1, band[1]) - max(x0, band[0]) >= 0.5 * w:  # half its width in the band (a rule: in it)
            out.append((x0, y0, x1, y1))
    return out


def _region(
    page: pymupdf.Page, band: tuple[float, float], caption: pymupdf.Rect, prose: list[_Block], side: str
) -> pymupdf.Rect:
    """From the caption up (or down) to the nearest prose or caption on that side, within the band."""
    if side == "above":
        edge = max([b.rect.y1 for b in prose if b.rect.y1 <= caption.y0 + 2], default=page.rect.y0)
        return pymupdf.Rect(band[0], edge, band[1], caption.y0 - 1)
    edge = min([b.rect.y0 for b in prose if b.rect.y0 >= caption.y1 - 2], default=page.rect.y1)
    return pymupdf.Rect(band[0], caption.y1 + 1, band[1], edge)


def _inside(r: Box, region: pymupdf.Rect) -> bool:
    """Whether most of a box lies in the region (a rule: its middle)."""
    x0, y0, x1, y1 = r
    if y1 - y0 < 0.5 or x1 - x0 < 0.5:
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        return region.x0 <= mx <= region.x1 and region.y0 <= my <= region.y1
    w = min(x1, region.x1) - max(x0, region.x0)
    h = min(y1, region.y1) - max(y0, region.y0)
    return w > 0 and h > 0 and w * h >= 0.8 * (x1 - x0) * (y1 - y0)


def _box(r: pymupdf.Rect) -> Box:
    return (r.x0, r.y0, r.x1, r.y1)


def _labels_graphics(near: Box, graphics: list[Box]) -> bool:
    """Whether a text's surroundings touch a drawn shape (a rule under a running head does not count): a
    plot's axis label in the page's top band is no running head."""
    return any(_touches(near, g) and g[2] - g[0] >= 1.5 and g[3] - g[1] >= 1.5 for g in graphics)


def _touches(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _nearest_cluster(
    graphics: list[Box], labels: list[Box], caption: pymupdf.Rect, side: str
) -> pymupdf.Rect | None:
    """The graphics that lie together nearest to the caption on its side (no empty band of
    :data:`CLUSTER_GAP` across them; text within :data:`NEAR` of them joins them, so a sparse plot's
    tick labels hold its few paths together); None when there are none near or they are too small to be
    a figure."""
    if not graphics:
        return None
    items = [(r, True) for r in graphics] + [(r, False) for r in labels]
    above = side == "above"
    order = sorted(items, key=lambda item: -item[0][3] if above else item[0][1])
    box: list[float] | None = None
    drawn = False
    for (x0, y0, x1, y1), graphic in order:
        if box is not None:
            gap = box[1] - y1 if above else y0 - box[3]
            if gap > CLUSTER_GAP:
                break
            if gap > NEAR and not graphic:
                continue  # text joins only what it labels
            box = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
        else:
            box = [x0, y0, x1, y1]
        drawn = drawn or graphic
    if box is None or not drawn:
        return None
    found = pymupdf.Rect(*box)
    distance = caption.y0 - found.y1 if above else found.y0 - caption.y1
    if distance > MAX_CAPTION_GAP or found.width < MIN_W or found.height < MIN_H:
        return None
    return found


def _grow(rect: pymupdf.Rect, by: float) -> pymupdf.Rect:
    return pymupdf.Rect(rect.x0 - by, rect.y0 - by, rect.x1 + by, rect.y1 + by)


def _paragraph(block: _Block, body: float) -> bool:
    """Running text, however narrow its lines: words in lines at the body size."""
    return block.words >= 12 and block.lines >= 2 and block.size >= body * 0.9


def _with_labels(
    box: pymupdf.Rect, blocks: list[_Block], caption_at: int, prose: list[_Block], body: float
) -> pymupdf.Rect:
    """The box grown by the text that labels its graphics: blocks on it or beside it that are neither
    prose nor a caption."""
    skip = {id(b) for b in prose} | {id(blocks[caption_at])}
    grown = pymupdf.Rect(box)
    for _ in range(3):
        before = pymupdf.Rect(grown)
        near = _grow(grown, NEAR)
        for b in blocks:
            if id(b) in skip or not b.rect.intersects(near) or _ANY_CAPTION.match(b.text):
                continue
            if _paragraph(b, body) and not b.rect.intersects(box):
                continue  # a paragraph set beside the figure (the text wrapping round it) is not a label
            grown |= b.rect
        if grown == before:
            break
    return grown


def _refused(page: pymupdf.Page, box: pymupdf.Rect, prose: list[_Block]) -> bool:
    """No figure rather than a wrong one: a crop holding body text, most of the page, or a speck."""
    if box.width < MIN_W or box.height < MIN_H:
        return True
    if box.get_area() > 0.85 * page.rect.get_area():
        return True
    return any((b.rect & box).get_area() > 0.3 * b.rect.get_area() for b in prose)
