"""Extraction of a paper's parts from its PDF with PyMuPDF.

``extract_sections(path)`` is the one entry point. Bounds: a PDF of up to ``HEAD_PAGES + TAIL_PAGES``
pages is read whole; a longer one only on its first ``HEAD_PAGES`` pages (title, abstract,
introduction, related work) and its last ``TAIL_PAGES`` (the reference list), so time and memory stay
bounded on a 1,000-page PDF. A PDF whose outline names its numbered sections is read only on the pages
that hold those parts (``outline.plan``); the outline gives the headings of the others.
How each stage works: ``docs/extraction.md``.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf

from paperkit.errors import PdfError
from paperkit.extraction.pages import FIRST_PAGES, repository_urls
from paperkit.extraction.pdf import headings as hd
from paperkit.extraction.pdf import outline
from paperkit.extraction.pdf import spans as sc
from paperkit.extraction.pdf.abstract import NO_ABSTRACT, find_abstract
from paperkit.extraction.pdf.furniture import remove_furniture
from paperkit.extraction.pdf.layout import read_pages
from paperkit.extraction.pdf.lines import Vocabulary
from paperkit.extraction.pdf.page import Line, PageText
from paperkit.extraction.pdf.reference_list import numbered_run_start, split_references
from paperkit.extraction.pdf.stamp import own_arxiv_id
from paperkit.extraction.pdf.superscripts import citation_policy
from paperkit.records import Reference, Sections
from paperkit.text import squash

__all__ = ["HEAD_PAGES", "TAIL_PAGES", "extract_sections"]

HEAD_PAGES = 40
TAIL_PAGES = 20


def _open(path: Path) -> pymupdf.Document:
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises several types for unreadable files
        raise PdfError(f"cannot open {path.name} as a PDF: {_one_line(exc)}") from None
    if doc.needs_pass or doc.is_encrypted:
        doc.close()
        raise PdfError(f"{path.name} is encrypted (password-protected)")
    if doc.page_count == 0:
        doc.close()
        raise PdfError(f"{path.name} has no pages")
    return doc


def _one_line(exc: BaseException) -> str:
    return squash(str(exc)) or type(exc).__name__


def page_numbers(count: int) -> list[int]:
    """0-based page numbers to read: all, or the head and the tail of a long PDF."""
    if count <= HEAD_PAGES + TAIL_PAGES:
        return list(range(count))
    return list(range(HEAD_PAGES)) + list(range(count - TAIL_PAGES, count))


def extract_sections(path: Path) -> Sections:
    """Title, abstract, headings, introduction, related work and references of the PDF at ``path``.

    Raises :class:`PdfError` when the file is not a readable PDF (corrupt, encrypted, no pages);
    a PDF without text or headings gives what could be found, with ``warnings`` saying why.
    """
    doc = _open(Path(path))
    try:
        result, route = _extract(doc, skip=True)
        if route is not None and not _complete(result, route):
            result, _ = _extract(doc, skip=False)  # the outline misled (pages off): read every page
        return result
    except PdfError:
        raise
    except Exception as exc:  # a broken page stream must not escape as a PyMuPDF error
        raise PdfError(f"cannot read {Path(path).name}: {_one_line(exc)}") from None
    finally:
        doc.close()


def _complete(result: Sections, route: outline.Plan) -> bool:
    """Whether a read with pages skipped found what the outline promised: an introduction, the related
    work when the outline names one, and a reference list."""
    related = result.related_work is not None or not route.related
    return result.introduction is not None and bool(result.references) and related


def _extract(doc: pymupdf.Document, skip: bool = True) -> tuple[Sections, outline.Plan | None]:
    """The parts of ``doc``, and the outline's plan of pages when some were skipped (``skip``)."""
    numbers = page_numbers(doc.page_count)
    warnings: list[str] = []
    if len(numbers) < doc.page_count:
        tail = doc.page_count - TAIL_PAGES + 1
        warnings.append(f"long PDF: only pages 1-{HEAD_PAGES} and {tail}-{doc.page_count} were read")
    toc = hd.read_outline(doc)
    route = outline.plan(toc, doc.page_count) if skip else None
    if route is not None:  # the outline names the sections of the pages no part needs: skip them
        numbers = [n for n in numbers if n in route.pages]
    pages: list[PageText] = read_pages(doc, numbers)
    lines = remove_furniture(pages)
    result = Sections("", "", [], None, None, [], pages=doc.page_count, warnings=warnings)
    if not lines:
        result.arxiv_id = own_arxiv_id(pages[0].rotated, pages[0].lines, 0.0)
        scanned = any(p.has_images for p in pages)
        warnings.append("no text layer: the PDF looks scanned" if scanned else "no text found in the PDF")
        return result, route

    body = hd.body_size(lines)
    vocab = Vocabulary(lines)
    heads = sc.after_abstract_heading(lines, hd.find_headings(lines, toc, body))
    result.arxiv_id = own_arxiv_id(pages[0].rotated, pages[0].lines, _title_block_end(lines, heads))
    keep = sc.text_filter(body, lines)
    result.references, refs_by, ref_lines = _references(lines, heads, vocab)
    sups = citation_policy(lines, result.references, ref_lines)

    abstract, after_abstract, abstract_by = find_abstract(lines, heads, vocab, sups, body)
    title_stop = next((h.start for h in heads if h.level == 1), len(lines))
    title = sc.find_title(lines, min(title_stop, after_abstract or title_stop))
    result.title = title or (doc.metadata or {}).get("title", "") or ""
    result.abstract = abstract
    if abstract:
        result.abstract_page = lines[max(after_abstract - 1, 0)].page if after_abstract else lines[0].page
    first = "\n".join(ln.text for p in pages if p.lines and p.lines[0].page <= FIRST_PAGES for ln in p.lines)
    result.code = repository_urls(first)
    result.found_by["title"] = "typography" if title else "fallback"
    if abstract:
        result.found_by["abstract"] = abstract_by
    else:
        warnings.append(NO_ABSTRACT if abstract_by == NO_ABSTRACT else "no abstract found")

    top = [h for h in heads if h.level == 1]
    result.headings = [h.text for h in top]
    if route is not None and route.skipped_headings:
        printed = [(lines[h.start].page - 1, h.text) for h in top]
        result.headings = outline.merge_headings(printed, route.skipped_headings)
    if not top:
        warnings.append("no section headings found (they may be images)")

    intro = sc.find_introduction(heads)
    if intro is not None:
        result.introduction = sc.span(lines, heads, intro, keep, vocab, sups)
        result.found_by["introduction"] = heads[intro].found_by
    elif after_abstract or abstract_by == NO_ABSTRACT:
        result.introduction = sc.opening_text(lines, heads, after_abstract, keep, vocab, sups)
        if result.introduction is not None:
            result.found_by["introduction"] = "fallback"
    related = sc.find_related(heads, lambda n: sc.span(lines, heads, n, keep, vocab).text)
    if related is not None:
        result.related_work = sc.span(lines, heads, related, keep, vocab, sups)
        result.found_by["related_work"] = heads[related].found_by

    if result.references:
        result.found_by["references"] = refs_by
    else:
        warnings.append("no reference list found")
    return result, route


def _references(
    lines: list[Line], heads: list[hd.Heading], vocab: Vocabulary
) -> tuple[list[Reference], str, range]:
    """The entries under the last References/Bibliography heading, else a numbered list in the last
    section; with found_by and the indices of the lines they were read from."""
    ref_heads = [n for n, h in enumerate(heads) if hd.REFERENCES.match(h.title)]
    if ref_heads:
        n = ref_heads[-1]
        start = heads[n].end
        # the list ends at the next heading of any level (an appendix's, however styled: no entry is a
        # heading); a float's caption inside it is no entry either
        end = heads[n + 1].start if n + 1 < len(heads) else len(lines)
        captions = _caption_lines(lines, start, end)
        listed = [lines[k] for k in range(start, end) if k not in captions]
        return split_references(listed, vocab), heads[n].found_by, range(start, end)
    # no heading: the last numbered list after the last section heading, else in the back half, else in
    # the last two thirds (a long list can fill the back half of a short paper); in the type size of its
    # first entry
    last = max((h.start for h in heads if h.level == 1), default=len(lines))
    for start in (last, len(lines) // 2, len(lines) // 3):
        run = numbered_run_start(lines[start:])
        if run is not None:
            break
    else:
        return [], "fallback", range(0)
    size = lines[start + run].size
    entries = split_references([ln for ln in lines[start + run :] if abs(ln.size - size) < 0.3], vocab)
    return entries, "fallback", range(start + run, len(lines))


def _caption_lines(lines: list[Line], start: int, end: int) -> set[int]:
    """The lines of float captions among ``lines[start:end]``: from a line opening "Figure 5:" or "Table 2."
    down the lines set close below it in its block."""
    out: set[int] = set()
    for k in range(start, end):
        if k in out or not sc.is_caption(lines, k):
            continue
        out.add(k)
        j = k + 1
        while (
            j < end
            and lines[j].block == lines[k].block
            and 0 <= lines[j].y0 - lines[j - 1].y1 < 0.5 * lines[j].height
        ):
            out.add(j)
            j += 1
    return out


def _title_block_end(lines: list[Line], heads: list[hd.Heading]) -> float:
    """Where page 1's title block (title, authors, their notes) ends: the abstract or the first heading,
    else a third of the way down."""
    sections = {h.start for h in heads if h.level == 1}
    for i, ln in enumerate(lines):
        if ln.page > 1:
            break
        if sc.opens_abstract(ln.text) or i in sections:
            return ln.y0
    return lines[0].page_height / 3 if lines else 0.0
