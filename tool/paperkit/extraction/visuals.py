"""A paper's overview figure and defining formulas: from its LaTeX source where it has one, the figure
otherwise (a TikZ drawing, files left out of the source, a PDF-only paper) cropped from the PDF.

Never raises for a paper it cannot read: no figure and no formula is an answer (the note says so).
"""

from __future__ import annotations

import contextlib

import pymupdf

from paperkit.errors import PaperkitError
from paperkit.extraction.latex.archive import read_source
from paperkit.extraction.latex.figures import find_latex_figure
from paperkit.extraction.latex.formulas import find_formulas
from paperkit.extraction.latex.macros import collect, expand_in_math
from paperkit.extraction.latex.source import assemble, find_main, split_document
from paperkit.extraction.pdf.figures import find_figure
from paperkit.extraction.seam import PaperFiles
from paperkit.records import Figure, Sections, Visuals

# What a broken source or PDF can raise on its way through the parsers; none of it stops a fetch.
_UNREADABLE = (ValueError, IndexError, KeyError, RecursionError, RuntimeError, OSError, TypeError)


def visuals_of(files: PaperFiles, sections: Sections, figures: bool = True) -> Visuals:
    """What the paper read into ``sections`` shows: the formulas (and the figure first) from the source
    when the sections were read from it, the figure else cropped from the PDF."""
    source = files.source if sections.route == "latex" else None
    if files.pdf is None and source is None:
        return Visuals()
    return read_visuals(PaperFiles(pdf=files.pdf, source=source), figures=figures)


def read_visuals(files: PaperFiles, figures: bool = True) -> Visuals:
    """The figure (unless ``figures`` is False) and the formulas of the paper's files."""
    found = Visuals()
    if files.source is not None:
        with contextlib.suppress(PaperkitError, *_UNREADABLE):
            found = _from_source(files, figures)
    if figures and found.figure is None and files.pdf is not None:
        found.figure = _from_pdf(files)
        if found.figure is not None and _same_caption(found.caption, found.figure.caption):
            found.figure.caption = found.caption  # the source's: exact, with its mathematics
    return found


def _same_caption(source: str, printed: str) -> bool:
    """Whether the source's caption is the printed one (their first words agree)."""
    words = [w.lower().strip(".,:;") for w in source.split()[:4]]
    return len(words) >= 2 and words == [w.lower().strip(".,:;") for w in printed.split()[:4]]


def _from_source(files: PaperFiles, figures: bool) -> Visuals:
    assert files.source is not None
    tree = read_source(files.source)
    main = find_main(tree)
    document, _ = assemble(tree, main)
    preamble, body = split_document(document)
    macros = collect(preamble)  # the route expanded the text's macros already; these serve the math
    body = expand_in_math(body, macros)
    formulas = find_formulas(body, macros)
    found = Visuals(None, formulas)
    if figures:
        latex = find_latex_figure(files.source, main, preamble, body, macros)
        found.figure = latex.figure if latex else None
        found.caption = latex.caption if latex else ""
    return found


def _from_pdf(files: PaperFiles) -> Figure | None:
    try:
        doc = pymupdf.open(files.pdf, filetype="pdf")
    except Exception:  # PyMuPDF raises several types for a file it cannot open
        return None
    try:
        if doc.needs_pass or doc.is_encrypted:
            return None
        return find_figure(doc)
    except _UNREADABLE:
        return None
    finally:
        doc.close()
