"""Test PDFs made with PyMuPDF: paper-like layouts (one or two columns, with or without an outline,
an arXiv margin stamp, running headers, page numbers), and the awkward cases (scanned, headings as
images, encrypted, zero pages).

A line break can be forced inside a paragraph with ``"\\n"`` (e.g. ``"exempli-\\nfied"`` to test
hyphenation); paragraphs are separated by a blank line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

PAGE_W, PAGE_H = 612.0, 792.0
MARGIN_X, TOP, BOTTOM = 72.0, 80.0, 720.0
BODY, HEADING, TITLE = 10.0, 12.0, 17.0
LEADING = 1.25


def _wrap(text: str, width: float, size: float, font: str) -> list[str]:
    """Greedy word wrap; a ``\\n`` in the text forces a break."""
    lines: list[str] = []
    for segment in text.split("\n"):
        line = ""
        for word in segment.split():
            trial = f"{line} {word}".strip()
            if line and pymupdf.get_text_length(trial, fontname=font, fontsize=size) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        if line:
            lines.append(line)
    return lines


@dataclass
class _Flow:
    """Where the next line goes: page, column, baseline."""

    doc: pymupdf.Document
    columns: list[tuple[float, float]]
    header: str | None
    page_numbers: bool
    top: float = TOP
    col: int = 0
    y: float = TOP
    toc: list[list[int | str]] = field(default_factory=list)

    @property
    def page(self) -> pymupdf.Page:
        return self.doc[-1]

    def new_page(self) -> None:
        page = self.doc.new_page(width=PAGE_W, height=PAGE_H)
        n = self.doc.page_count
        if self.header:
            page.insert_text((MARGIN_X, 40), self.header, fontsize=8, fontname="helv")
        if self.page_numbers:
            page.insert_text((PAGE_W / 2 - 4, 760), str(n), fontsize=BODY, fontname="helv")
        self.col, self.y, self.top = 0, TOP, TOP

    def need(self, height: float) -> None:
        if self.y + height <= BOTTOM:
            return
        if self.col + 1 < len(self.columns):
            self.col += 1
            self.y = self.top
        else:
            self.new_page()

    def write(self, text: str, size: float = BODY, font: str = "helv", indent: float = 0.0) -> None:
        x0, x1 = self.columns[self.col]
        for i, line in enumerate(_wrap(text, x1 - x0 - indent, size, font)):
            self.need(size * LEADING)
            x0, _ = self.columns[self.col]
            self.page.insert_text(
                (x0 + (indent if i else 0), self.y + size), line, fontsize=size, fontname=font
            )
            self.y += size * LEADING

    def heading(self, text: str, as_image: bool) -> None:
        self.need(3 * HEADING)
        self.y += HEADING * 0.6
        self.toc.append([1, text, self.doc.page_count])
        if as_image:
            x0, _ = self.columns[self.col]
            png = _text_png(text, HEADING)
            rect = pymupdf.Rect(x0, self.y, x0 + len(text) * HEADING * 0.6, self.y + HEADING * 1.3)
            self.page.insert_image(rect, stream=png)
            self.y += HEADING * LEADING
        else:
            self.write(text, HEADING, "hebo")
        self.y += HEADING * 0.3

    def paragraphs(self, text: str) -> None:
        for para in text.split("\n\n"):
            self.write(para.strip())
            self.y += BODY * 0.5


def _text_png(text: str, size: float) -> bytes:
    """A picture of ``text`` (for headings that are images)."""
    tmp = pymupdf.open()
    page = tmp.new_page(width=len(text) * size * 0.6, height=size * 1.3)
    page.insert_text((1, size), text, fontsize=size, fontname="hebo")
    png = page.get_pixmap(dpi=150).tobytes("png")
    tmp.close()
    return png


def make_paper_pdf(
    path: Path,
    *,
    title: str,
    abstract: str,
    sections: list[tuple[str, str]],
    references: list[str],
    layout: str = "one-column",
    outline: bool = True,
    stamp: str | None = None,
    running_header: str | None = None,
    page_numbers: bool = False,
    headings_as_images: bool = False,
    authors: str = "Ada Lovelace and Alan Turing",
) -> Path:
    """Write a paper-like PDF to ``path`` and return it.

    ``sections`` are (heading as printed, body text) pairs; ``references`` are entries printed as
    "[1] ...". ``layout`` is "one-column" or "two-column" (title and abstract span the page either way);
    ``outline`` adds a PDF outline of the headings; ``stamp`` prints an arXiv-style stamp rotated in
    the left margin of page 1.
    """
    doc = pymupdf.open()
    full = [(MARGIN_X, PAGE_W - MARGIN_X)]
    flow = _Flow(doc, full, running_header, page_numbers)
    flow.new_page()
    if stamp:
        doc[0].insert_text((32, 560), stamp, fontsize=18, fontname="tiro", rotate=90)
    flow.write(title, TITLE, "hebo")
    flow.y += 6
    flow.write(authors)
    flow.y += 14
    flow.write("Abstract", HEADING, "hebo")
    flow.columns = [(MARGIN_X + 40, PAGE_W - MARGIN_X - 40)]
    flow.paragraphs(abstract)
    flow.y += 10
    if layout == "two-column":
        mid = PAGE_W / 2
        flow.columns = [(54.0, mid - 12), (mid + 12, PAGE_W - 54.0)]
    else:
        flow.columns = full
    flow.top = flow.y  # the columns start below the abstract on page 1
    for heading, body in sections:
        flow.heading(heading, headings_as_images)
        flow.paragraphs(body)
    flow.heading("References", headings_as_images)
    for i, ref in enumerate(references, 1):
        flow.write(f"[{i}] {ref}", 9.0, indent=12)
        flow.y += 2
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
    for page in src:
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
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw=password, owner_pw=password + "-owner")
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
