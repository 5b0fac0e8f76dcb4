"""Page text as lines in reading order: PyMuPDF spans → lines → columns, page furniture removed.

Each :class:`Line` keeps the typography that heading detection needs (size, boldness) and the place it
came from (page, column, block), so later stages can drop captions and footnotes or split references.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from typing import Any

import pymupdf

from paperkit.extraction.entries import ACCENT_CHARS, fix_accents
from paperkit.extraction.pdf import superscripts as sup
from paperkit.extraction.pdf.columns import _Piece, assign_columns, same_baseline
from paperkit.extraction.pdf.page import Line, PageText

# Spans in dict mode, without images (much faster, and images carry no text).
_TEXT_FLAGS = pymupdf.TEXTFLAGS_DICT & ~pymupdf.TEXT_PRESERVE_IMAGES
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|medi|cmbx|bx\d|\.b$|-b$", re.IGNORECASE)
_SMALL_CAPS_FONT = re.compile(r"csc|smallcap|small-?caps|[-+_]sc\b|sc$", re.IGNORECASE)
_ITALIC_FONT = re.compile(r"ital|oblique|cmti|cmsl", re.IGNORECASE)
_MARKER = re.compile(r"^[\d*†‡§¶,∗⋆]{1,4}$")  # a footnote marker: digits or the usual symbols
_ACCENT = re.compile(f"[{ACCENT_CHARS}]")
# NFKC gives most spacing accents as a space and a combining mark ("´" → " \u0301") but leaves the
# circumflex and caron as they are; given the same form, a real space before them ("estimator ˆg") stays.
_NFKC_LEFT = str.maketrans({"ˆ": " \u0302", "ˇ": " \u030c"})


def normalise_glyphs(text: str) -> str:
    """NFKC (ligatures, full-width forms), detached LaTeX accents put back on their letters ("Daum´e",
    which NFKC makes "Daum \u0301e", reads "Daumé"), soft hyphens dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    if _ACCENT.search(text):
        text = fix_accents(text.translate(_NFKC_LEFT))
    return re.sub(r"\s+", " ", text).strip()


@functools.lru_cache(maxsize=1024)
def _bold_font(font: str) -> bool:
    return bool(_BOLD_FONT.search(font))


@functools.lru_cache(maxsize=1024)
def _italic_font(font: str) -> bool:
    return bool(_ITALIC_FONT.search(font))


@functools.lru_cache(maxsize=1024)
def _caps_font(font: str) -> bool:
    return bool(_SMALL_CAPS_FONT.search(font))


def _is_bold(span: dict[str, Any]) -> bool:
    return bool(span["flags"] & 16) or _bold_font(span["font"])


def _pieces(page: pymupdf.Page, page_no: int) -> tuple[list[_Piece], list[str], bool]:
    """PyMuPDF's horizontal lines as pieces; rotated lines come back as text (the arXiv stamp lives there)."""
    data = page.get_text("dict", flags=_TEXT_FLAGS)
    pieces: list[_Piece] = []
    rotated: list[str] = []
    has_images = any(b.get("type") == 1 for b in data["blocks"])
    for b in data["blocks"]:
        if b.get("type") != 0:
            continue
        for ln in b["lines"]:
            spans = ln["spans"]
            if not any(s["text"].strip() for s in spans):
                continue
            dx, dy = ln["dir"]
            if abs(dy) > 0.05 or dx < 0:
                rotated.append(normalise_glyphs("".join(s["text"] for s in ln["spans"])))
                continue
            x0, y0, x1, y1 = ln["bbox"]
            pieces.append(_Piece(spans, (x0, y0, x1, y1), page_no * 1000 + b["number"]))
    # the image list is only asked for when the page has no text (is it scanned?): it costs a pass
    return pieces, rotated, has_images or (not pieces and bool(page.get_images()))


def _glued(group: list[_Piece], i: int) -> bool:
    """Whether piece ``i`` starts where piece ``i - 1`` ends: no space printed between them."""
    return group[i].bbox[0] - group[i - 1].bbox[2] <= 1.0


def _after(group: list[_Piece], flat: list[tuple[int, int, dict[str, Any]]], k: int) -> str | None:
    """The text that follows span ``k`` on the line: None at its end, a space before a piece set apart."""
    nxt = next((t for t in flat[k + 1 :] if t[2]["text"]), None)
    if nxt is None:
        return None
    piece = nxt[0]
    return " " if piece != flat[k][0] and not _glued(group, piece) else str(nxt[2]["text"])


def _texts(group: list[_Piece]) -> tuple[str, str | None]:
    """The pieces' text, dropping raised footnote markers that do not start the line, and the rich text
    that keeps raised numbers glued to a word (possible superscript citations) marked; None without any."""
    flat = [(i, j, s) for i, p in enumerate(group) for j, s in enumerate(p.spans)]
    plain: list[str] = []
    rich: list[str] = []
    found = last_sup = False
    prev: dict[str, Any] | None = None
    for k, (i, j, s) in enumerate(flat):
        new_piece = i > 0 and j == 0
        sep = " " if new_piece and not (last_sup and _glued(group, i)) else ""
        last_sup = False
        candidate = k and s["text"][:1].isdigit() and (not new_piece or _glued(group, i))
        if candidate and sup.is_citation_superscript(s, prev, _after(group, flat, k), "".join(plain)):
            rich.append(sup.wrap(s["text"]))
            found = last_sup = True
            continue
        plain.append(sep)
        rich.append(sep)
        if k and s["flags"] & 1 and _MARKER.match(s["text"].strip()) and not sup.is_exponent(s, prev, plain):
            continue
        plain.append(s["text"])
        rich.append(s["text"])
        if s["text"].strip():
            prev = s
    return "".join(plain), "".join(rich) if found else None


def _raised_marker(spans: list[dict[str, Any]]) -> bool:
    """Whether the first span is a footnote marker: digits or symbols, superscript or in smaller type."""
    first = next((s for s in spans if s["text"].strip()), None)
    if first is None or not _MARKER.match(first["text"].strip()):
        return False
    rest = max((s["size"] for s in spans if s is not first and s["text"].strip()), default=0.0)
    return bool(first["flags"] & 1) or first["size"] < 0.8 * rest


def _drop_cap(group: list[_Piece]) -> str:
    """The letter of a drop cap opening the line (IEEE's first paragraph: a capital two lines tall,
    "T" + "HE auxiliary ..."), or "" when there is none."""
    if len(group) < 2:
        return ""
    first = "".join(s["text"] for s in group[0].spans).strip()
    rest = [s["size"] for p in group[1:] for s in p.spans if s["text"].strip()]
    big = max((s["size"] for s in group[0].spans), default=0.0)
    if len(first) == 1 and first.isupper() and rest and big >= 1.8 * max(rest):
        return first
    return ""


def _is_italic(span: dict[str, Any]) -> bool:
    return bool(span["flags"] & 2) or _italic_font(span["font"])


def _uniform(group: list[_Piece]) -> bool:
    """Whether the line is one piece in one font, size and style, nothing raised: most running text."""
    if len(group) != 1:
        return False
    first = group[0].spans[0]
    if first["flags"] & 1:
        return False
    key = (first["font"], first["size"], first["flags"])
    return all((s["font"], s["size"], s["flags"]) == key for s in group[0].spans)


def _merge_uniform(piece: _Piece, page_no: int, height: float) -> Line:
    """``_merge`` of a uniform line (see ``_uniform``), the same result at a fraction of the cost."""
    span = piece.spans[0]
    raw = "".join(s["text"] for s in piece.spans)
    text = normalise_glyphs(raw)
    size = round(span["size"], 1)
    letters = any(c.isalpha() for c in raw)
    return Line(
        text=text,
        page=page_no,
        x0=piece.bbox[0],
        y0=piece.bbox[1],
        x1=piece.bbox[2],
        y1=piece.bbox[3],
        size=size,
        max_size=size if any(c.isalnum() for c in raw) else 0.0,
        bold=_is_bold(span) and bool(raw.strip()),
        italic=letters and _is_italic(span),
        small_caps=letters and _caps_font(span["font"]),
        block=piece.block,
        col=piece.col,
        page_height=height,
    )


def _merge(group: list[_Piece], page_no: int, height: float) -> Line:
    if _uniform(group):
        return _merge_uniform(group[0], page_no, height)
    group.sort(key=lambda p: p.bbox[0])
    cap = _drop_cap(group)
    if cap:
        group = group[1:]  # the capital is glued back to the word it starts, not counted as type size
    spans = [s for p in group for s in p.spans]
    sizes: Counter[float] = Counter()
    bold_chars = chars = 0
    letter_sizes: set[float] = set()
    alnum_sizes: list[float] = []
    italic = has_letters = False
    all_italic = all_caps_font = True
    for s in spans:
        t = s["text"]
        n = len(t.strip())
        size = round(s["size"], 1)
        sizes[size] += n
        chars += n
        if n and _is_bold(s):
            bold_chars += n
        if any(c.isalnum() for c in t):
            alnum_sizes.append(size)
            if any(c.isalpha() for c in t):
                has_letters = True
                letter_sizes.add(size)
                all_italic = all_italic and _is_italic(s)
                all_caps_font = all_caps_font and _caps_font(s["font"])
    italic = has_letters and all_italic
    plain, rich = _texts(group)
    text = normalise_glyphs(cap + plain)
    return Line(
        text=text,
        rich=normalise_glyphs(cap + rich) if rich is not None else None,
        page=page_no,
        x0=min(p.bbox[0] for p in group),
        y0=min(p.bbox[1] for p in group),
        x1=max(p.bbox[2] for p in group),
        y1=max(p.bbox[3] for p in group),
        size=sizes.most_common(1)[0][0],
        max_size=max(alnum_sizes, default=0.0),
        bold=chars > 0 and bold_chars >= 0.9 * chars,
        lead_marker=_raised_marker(spans),
        italic=italic,
        small_caps=(has_letters and all_caps_font)
        or (text.upper() == text and len(letter_sizes) == 2 and max(letter_sizes) <= 1.5 * min(letter_sizes)),
        block=group[0].block,
        col=group[0].col,
        page_height=height,
    )


def _lines(pieces: list[_Piece], page_no: int, height: float) -> list[Line]:
    """Merge pieces that share a baseline in the same column into one line (PyMuPDF often splits
    a heading's number from its title)."""
    lines: list[Line] = []
    for col in {p.col for p in pieces}:
        mine = sorted((p for p in pieces if p.col == col), key=lambda p: (p.bbox[1] + p.bbox[3]) / 2)
        group: list[_Piece] = []
        for p in mine:
            if group:
                if same_baseline(group[0], p):
                    group.append(p)
                    continue
                lines.append(_merge(group, page_no, height))
            group = [p]
        if group:
            lines.append(_merge(group, page_no, height))
    return [ln for ln in lines if ln.text]


def _reading_order(lines: list[Line], two_column: bool) -> list[Line]:
    """Top to bottom; on two-column pages, full-width lines cut the page into bands read left then right."""
    lines.sort(key=lambda ln: (ln.y0, ln.x0))
    if not two_column:
        return lines
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for ln in lines:
        if ln.col == 0:
            out += left + right
            left, right = [], []
            out.append(ln)
        else:
            (left if ln.col == 1 else right).append(ln)
    return out + left + right


def read_page(page: pymupdf.Page, page_no: int, known_gutter: tuple[float, float] | None = None) -> PageText:
    """Lines of one page in reading order (rotated text set aside). ``known_gutter``: the gap between
    the columns on the document's other pages, for a page with too little text to show its columns."""
    pieces, rotated, has_images = _pieces(page, page_no)
    gutter = assign_columns(pieces, page.rect.width, known_gutter)
    lines = _reading_order(_lines(pieces, page_no, page.rect.height), gutter is not None)
    return PageText(lines, rotated, gutter is not None, has_images, gutter)


def read_pages(doc: pymupdf.Document, numbers: list[int]) -> list[PageText]:
    """The pages ``numbers`` (0-based) of ``doc``; when most are two-column, the others are read again
    with the usual gap between the columns (a short last page, a page of floats and a few lines)."""
    pages = [read_page(doc[n], n + 1) for n in numbers]
    gutters = sorted(p.gutter for p in pages if p.gutter is not None and p.gutter[1] - p.gutter[0] >= 4)
    if len(gutters) < 2 or len(gutters) < len(pages) / 2:
        return pages
    usual = gutters[len(gutters) // 2]
    return [
        p if p.two_column else read_page(doc[n], n + 1, usual) for n, p in zip(numbers, pages, strict=True)
    ]
