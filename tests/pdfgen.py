"""Test PDFs made with PyMuPDF: paper-like layouts (one or two columns, with or without an outline,
an arXiv margin stamp, running headers, page numbers), and the awkward cases (scanned, headings as
images, encrypted, zero pages).

A line break can be forced inside a paragraph with ``"\\n"`` (e.g. ``"exempli-\\nfied"`` to test
hyphenation); paragraphs are separated by a blank line; ``"^{12}"`` prints a superscript "12".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from pdf_styles import (
    BODY,
    BOTTOM,
    HEADING,
    LEADING,
    MARGIN_X,
    PAGE_H,
    PAGE_W,
    PLAIN,
    SECTION_HEADER,
    TITLE,
    TOP,
    Style,
)


def _wrap(text: str, width: float, size: float, font: str) -> list[str]:
    """Greedy word wrap; a ``\\n`` in the text forces a break."""
    lines: list[str] = []
    for segment in text.split("\n"):
        line = ""
        for word in segment.split():
            trial = f"{line} {word}".strip()
            if line and pymupdf.get_text_length(_plain(trial), fontname=font, fontsize=size) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        if line:
            lines.append(line)
    return lines


_SUPERSCRIPT = re.compile(r"\^\{([^{}]*)\}")
SUP_SCALE, SUP_RISE = 0.65, 0.35  # a superscript's size and how far it is raised, relative to the text


def _plain(text: str) -> str:
    """Text without its ``^{...}`` superscript markup (what wrapping measures)."""
    return _SUPERSCRIPT.sub(lambda m: m[1], text)


def _put(page: pymupdf.Page, point: tuple[float, float], text: str, size: float, font: str) -> None:
    """Print ``text`` at ``point``; beyond Latin-1 ("—", "·") through a TextWriter, whose fonts have
    the glyphs that ``insert_text``'s simple fonts lack. ``^{12}`` in the text prints "12" as a
    superscript: smaller and raised, glued to what comes before it."""
    if _SUPERSCRIPT.search(text):
        x, y = point
        for n, part in enumerate(_SUPERSCRIPT.split(text)):
            sup = n % 2 == 1
            part_size = size * SUP_SCALE if sup else size
            if part:
                _put(page, (x, y - size * SUP_RISE if sup else y), part, part_size, font)
            x += pymupdf.get_text_length(part, fontname=font, fontsize=part_size)
        return
    if all(ord(c) < 256 for c in text):
        page.insert_text(point, text, fontsize=size, fontname=font)
        return
    writer = pymupdf.TextWriter(page.rect)
    writer.append(point, text, font=pymupdf.Font(font), fontsize=size)
    writer.write_text(page)


def _caps_pieces(text: str, size: float) -> list[tuple[str, float]]:
    """Fake small caps: each word's first letter (and any digit or punctuation) at ``size``, the rest
    upper case at 80% of it, as TeX's small-caps fonts print them."""
    pieces: list[tuple[str, float]] = []
    for n, word in enumerate(text.split()):
        lead = word if not word[:1].isalpha() or len(word) == 1 else word[0]
        if n:
            pieces.append((" ", size))
        pieces.append((lead.upper(), size))
        if len(word) > len(lead):
            pieces.append((word[len(lead) :].upper(), 0.8 * size))
    return pieces


@dataclass
class _Flow:
    """Where the next line goes: page, column, baseline."""

    doc: pymupdf.Document
    columns: list[tuple[float, float]]
    header: str | None
    page_numbers: bool
    footnotes: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    footnote_size: float = 8.0
    top: float = TOP
    col: int = 0
    y: float = TOP
    bottom: float = BOTTOM
    toc: list[list[int | str]] = field(default_factory=list)
    section: str = ""  # the current section's heading (for running heads that name it)

    @property
    def page(self) -> pymupdf.Page:
        return self.doc[-1]

    def new_page(self) -> None:
        page = self.doc.new_page(width=PAGE_W, height=PAGE_H)
        n = self.doc.page_count
        header = self.section if self.header == SECTION_HEADER else self.header
        if header:  # LaTeX's "headings" style names the section in body-size type
            size = BODY if self.header == SECTION_HEADER else 8
            page.insert_text((MARGIN_X, 40), header, fontsize=size, fontname="helv")
        if self.page_numbers:
            page.insert_text((PAGE_W / 2 - 4, 760), str(n), fontsize=BODY, fontname="helv")
        self.col, self.y, self.top = 0, TOP, TOP
        self.bottom = BOTTOM - self._write_footnotes(page, self.footnotes.get(n, []))

    def _write_footnotes(self, page: pymupdf.Page, notes: list[tuple[str, str]]) -> float:
        """Footnotes at the foot of the page's first column, under a short rule; the height they take."""
        if not notes:
            return 0.0
        size = self.footnote_size
        x0, x1 = self.columns[0]
        wrapped = [_wrap(text, x1 - x0 - 6, size, "helv") for _, text in notes]
        height = sum(len(w) for w in wrapped) * size * LEADING + 8
        y = BOTTOM - height + 8
        page.draw_line((x0, y - 6), (x0 + 0.35 * (x1 - x0), y - 6), width=0.4)
        for (marker, _), lines in zip(notes, wrapped, strict=True):
            page.insert_text((x0, y + 0.6 * size), marker, fontsize=0.65 * size, fontname="helv")
            for line in lines:
                page.insert_text((x0 + 6, y + size), line, fontsize=size, fontname="helv")
                y += size * LEADING
        return height

    def need(self, height: float) -> None:
        if self.y + height <= self.bottom:
            return
        if self.col + 1 < len(self.columns):
            self.col += 1
            self.y = self.top
        else:
            self.new_page()

    def write(
        self, text: str, size: float = BODY, font: str = "helv", indent: float = 0.0, center: bool = False
    ) -> None:
        x0, x1 = self.columns[self.col]
        for i, line in enumerate(_wrap(text, x1 - x0 - indent, size, font)):
            self.need(size * LEADING)
            x0, x1 = self.columns[self.col]
            x = x0 + (indent if i else 0)
            if center:
                x = (x0 + x1 - pymupdf.get_text_length(_plain(line), fontname=font, fontsize=size)) / 2
            _put(self.page, (x, self.y + size), line, size, font)
            self.y += size * LEADING

    def write_caps(self, text: str, size: float, font: str, center: bool) -> None:
        """One line in fake small caps (see :func:`_caps_pieces`)."""
        self.need(size * LEADING)
        pieces = _caps_pieces(text, size)
        width = sum(pymupdf.get_text_length(t, fontname=font, fontsize=s) for t, s in pieces)
        x0, x1 = self.columns[self.col]
        x = (x0 + x1 - width) / 2 if center else x0
        for t, s in pieces:
            if t.strip():
                self.page.insert_text((x, self.y + size), t, fontsize=s, fontname=font)
            x += pymupdf.get_text_length(t, fontname=font, fontsize=s)
        self.y += size * LEADING

    def heading(self, text: str, as_image: bool, style: Style, level: int = 1) -> None:
        size = style.heading_size if level == 1 else style.subheading_size
        if level == 1:
            self.section = text
        self.need(3 * size)
        self.y += size * 0.6
        self.toc.append([level, text, self.doc.page_count])
        if as_image:
            x0, _ = self.columns[self.col]
            png = _text_png(text, size)
            rect = pymupdf.Rect(x0, self.y, x0 + len(text) * size * 0.6, self.y + size * 1.3)
            self.page.insert_image(rect, stream=png)
            self.y += size * LEADING
        elif style.small_caps and level == 1:
            self.write_caps(text, size, style.heading_font, style.centered_headings)
        else:
            font = style.subheading_font if level == 2 else style.heading_font
            self.write(text, size, font, center=style.centered_headings and level == 1)
        self.y += size * 0.3

    def paragraphs(self, text: str, size: float = BODY, font: str = "helv") -> None:
        for para in text.split("\n\n"):
            self.write(para.strip(), size, font)
            self.y += size * 0.5


def _text_png(text: str, size: float) -> bytes:
    """A picture of ``text`` (for headings that are images)."""
    tmp = pymupdf.open()
    page = tmp.new_page(width=len(text) * size * 0.6, height=size * 1.3)
    page.insert_text((1, size), text, fontsize=size, fontname="hebo")
    png = page.get_pixmap(dpi=150).tobytes("png")
    tmp.close()
    return png


def _reference_label(style: Style, n: int) -> str:
    return {"bracket": f"[{n}] ", "dot": f"{n}. ", "none": "", "super": f"^{{{n}}}"}[style.reference_labels]


def _write_abstract(flow: _Flow, abstract: str, style: Style) -> None:
    if not abstract:  # an essay or lecture notes: no abstract at all
        return
    if style.abstract == "none":
        flow.paragraphs(abstract)
    elif style.abstract == "heading":
        center = style.abstract_in_columns
        flow.write(style.abstract_label, HEADING, "hebo", center=center)
        flow.paragraphs(abstract)
    else:  # run-in: the label in bold, then the text on the same line
        x0, _ = flow.columns[flow.col]
        flow.need(BODY * LEADING)
        _put(flow.page, (x0, flow.y + BODY), style.abstract_label, BODY, "hebo")
        label_w = pymupdf.get_text_length(style.abstract_label + " ", fontname="hebo", fontsize=BODY)
        first, *rest = abstract.split("\n\n")
        lines = _wrap(first, flow.columns[flow.col][1] - x0 - label_w, BODY, "helv")
        flow.page.insert_text((x0 + label_w, flow.y + BODY), lines[0], fontsize=BODY, fontname="helv")
        flow.y += BODY * LEADING
        flow.paragraphs("\n\n".join([" ".join(lines[1:]), *rest]) if len(lines) > 1 or rest else "")
    if style.keywords:
        flow.y += 4
        flow.write(style.keywords)
        flow.y += BODY * 0.5


def _drop_cap(flow: _Flow, body: str) -> str:
    """Print the first letter of ``body`` two lines tall at the column's left edge and the rest of its
    first word beside it, as IEEE journals open a paper; the text left to print."""
    x0, _ = flow.columns[flow.col]
    flow.need(2 * BODY * LEADING)
    word, rest = body.split(" ", 1)
    cap = 2.8 * BODY  # its top level with the first line, its foot on the second line's baseline
    flow.page.insert_text((x0, flow.y + BODY + BODY * LEADING), word[0], fontsize=cap, fontname="tiro")
    indent = pymupdf.get_text_length(word[0], fontname="tiro", fontsize=cap) + 1
    flow.page.insert_text((x0 + indent, flow.y + BODY), word[1:].upper(), fontsize=BODY, fontname="helv")
    flow.y += BODY * LEADING
    return rest


def make_paper_pdf(
    path: Path,
    *,
    title: str,
    abstract: str,
    sections: Sequence[tuple[str, str] | tuple[str, str, int]],
    references: list[str],
    layout: str = "one-column",
    outline: bool = True,
    stamp: str | None = None,
    running_header: str | None = None,
    page_numbers: bool = False,
    headings_as_images: bool = False,
    authors: str = "Ada Lovelace and Alan Turing",
    style: Style = PLAIN,
    title_block: list[str] | None = None,
    first_page_header: str | None = None,
    first_page_footer: str | None = None,
    footnotes: dict[int, list[tuple[str, str]]] | None = None,
    after_abstract: Sequence[tuple[str, float]] = (),
    page_break_after_abstract: bool = False,
    after_references: Sequence[tuple[str, str] | tuple[str, str, int]] = (),
) -> Path:
    """Write a paper-like PDF to ``path`` and return it.

    ``sections`` are (heading as printed, body text) pairs, or (heading, body, level) with level 2 for
    a subsection; ``references`` are entries, labelled as ``style`` says ("[1] ..." by default).
    ``layout`` is "one-column" or "two-column" (the title spans the page either way); ``outline`` adds a
    PDF outline of the headings; ``stamp`` prints an arXiv-style stamp rotated in the left margin of
    page 1. ``title_block`` lines go under the authors; ``first_page_header``/``first_page_footer``
    are printed small at the top/bottom of page 1 only; ``footnotes`` maps a page number to
    (marker, text) notes set in the first column's foot under a rule. A ``"\\n"`` in the title forces a
    line break. ``after_abstract`` lines (text, size) follow the abstract in its frame (a code link in
    smaller type, a copyright line), and ``page_break_after_abstract`` starts the text on a new page (a
    title page). An empty ``abstract`` prints none; a section with an empty heading prints its text only.
    ``after_references`` are sections printed after the list (appendices, a float's caption).
    """
    doc = pymupdf.open()
    full = [(MARGIN_X, PAGE_W - MARGIN_X)]
    mid = PAGE_W / 2
    columns = [(54.0, mid - 12), (mid + 12, PAGE_W - 54.0)] if layout == "two-column" else full
    flow = _Flow(doc, columns, running_header, page_numbers, footnotes or {}, style.footnote_size)
    flow.new_page()
    flow.columns = full
    page1 = doc[0]
    if stamp:
        page1.insert_text((32, 560), stamp, fontsize=18, fontname="tiro", rotate=90)
    if first_page_header:
        page1.insert_text((MARGIN_X, 52), first_page_header, fontsize=8, fontname="helv")
    if first_page_footer:
        page1.insert_text((MARGIN_X, 775), first_page_footer, fontsize=8, fontname="helv")
    flow.write(title, TITLE, "hebo")
    flow.y += 6
    flow.write(authors)
    for line in title_block or []:
        flow.write(line)
    flow.y += 14
    if style.abstract_in_columns:
        flow.columns = columns
        flow.top = flow.y
        _write_abstract(flow, abstract, style)
    else:
        flow.columns = [(MARGIN_X + 40, PAGE_W - MARGIN_X - 40)]
        _write_abstract(flow, abstract, style)
        for text, size in after_abstract:
            flow.write(text, size)
        flow.y += 10
        flow.columns = columns
        flow.top = flow.y  # the columns start below the abstract on page 1
    if page_break_after_abstract:
        flow.new_page()
    for n, (heading, body, *level) in enumerate(sections):
        if heading:
            flow.heading(heading, headings_as_images, style, level[0] if level else 1)
        if n == 0 and style.drop_cap:
            body = _drop_cap(flow, body)
        flow.paragraphs(body)
    if style.references_heading:
        flow.heading(style.references_heading, headings_as_images, style)
    for i, ref in enumerate(references, 1):
        flow.write(_reference_label(style, i) + ref, 9.0, indent=style.reference_indent)
        flow.y += style.reference_gap
    for heading, body, *level in after_references:
        if heading:
            flow.heading(heading, headings_as_images, style, level[0] if level else 1)
        flow.paragraphs(body)
    if outline:
        doc.set_toc(flow.toc)
    doc.save(path)
    doc.close()
    return Path(path)


def make_scanned_pdf(path: Path, **paper: object) -> Path:
    """A PDF whose pages are only pictures of a paper: no text layer."""
    tmp = Path(str(path) + ".src.pdf")
    defaults: dict[str, object] = {
        "title": "A Scanned Paper",
        "abstract": "This text exists only as pixels.",
        "sections": [("1 Introduction", "Pixels only.")],
        "references": ["A. Author. A work. 2020."],
    }
    make_paper_pdf(tmp, **{**defaults, **paper})  # type: ignore[arg-type]
    src = pymupdf.open(tmp)
    out = pymupdf.open()
    for page in (src[n] for n in range(src.page_count)):
        png = page.get_pixmap(dpi=72).tobytes("png")
        new = out.new_page(width=page.rect.width, height=page.rect.height)
        new.insert_image(new.rect, stream=png)
    out.save(path)
    out.close()
    src.close()
    tmp.unlink()
    return Path(path)


def make_encrypted_pdf(path: Path, password: str = "secret") -> Path:
    """A one-page PDF that needs a password to open."""
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "secret text")
    aes = pymupdf.PDF_ENCRYPT_AES_256  # type: ignore[attr-defined]
    doc.save(path, encryption=aes, user_pw=password, owner_pw=password + "-owner")
    doc.close()
    return Path(path)


def make_zero_page_pdf(path: Path) -> Path:
    """A syntactically valid PDF whose page tree is empty (PyMuPDF refuses to save one itself)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    Path(path).write_bytes(bytes(out))
    return Path(path)
