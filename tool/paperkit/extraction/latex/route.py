"""The LaTeX route: the e-print arXiv serves (or a local source) read into the same
:class:`~paperkit.records.Sections` as the PDF route, with exact text, headings and citation keys."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from paperkit.extraction import related_work as rw
from paperkit.extraction.citations import place_sentences
from paperkit.extraction.entries import parse_references
from paperkit.extraction.latex.archive import Files, SourceError, kind_of, pack, read_source
from paperkit.extraction.latex.bibliography import Bibliography, read_bibliography
from paperkit.extraction.latex.commands import Macro, collect_macros, expand_macros, strip_definitions
from paperkit.extraction.latex.emphasis import source_terms
from paperkit.extraction.latex.glossaries import expand_glossaries
from paperkit.extraction.latex.labels import number_document
from paperkit.extraction.latex.macros import collect, expand_in_math
from paperkit.extraction.latex.parse import (
    CHAPTER_CLASSES,
    Mark,
    Style,
    find_abstract,
    find_marks,
    find_title,
    headings,
    opening_span,
    section_format,
    span_end,
)
from paperkit.extraction.latex.refs import ref_printer
from paperkit.extraction.latex.source import (
    assemble,
    document_class,
    find_main,
    local_packages,
    split_document,
)
from paperkit.extraction.latex.to_text import to_text
from paperkit.extraction.seam import ExtractionError, PaperFiles
from paperkit.records import CitationLink, Section, Sections

# What closes the front matter before an un-headed introduction: "\end{@twocolumnfalse}]", braces.
_FRONT_LEFTOVERS = re.compile(
    r"(?:\s|\\end\s*\{[^}]*\}|\\(?:maketitle|thispagestyle\s*\{\w*\}|[vh]space\*?\s*\{[^}]*\})|[\]\[{}])*"
)


_GLOSSARY = re.compile(r"\\(?:newglossaryentry|longnewglossaryentry|newacronym|newabbreviation|acro)\b")


class LatexRoute:
    """Reads the e-print's LaTeX: usable when the source holds a main file."""

    name = "latex"
    label = "LaTeX source"
    download: str | None = "eprint"
    fallback: str | None = "pdf"

    def unusable(self, path: Path) -> str | None:
        """A PDF-only submission or an HTML page served as the e-print holds no TeX."""
        with path.open("rb") as f:
            kind = kind_of(f.read(512))
        if kind == "pdf":
            return "a PDF-only submission"
        if kind == "html":
            return "arXiv answered with an HTML page"
        return None

    def local(self, path: Path) -> bytes | None:
        """A folder of sources, a ``.tar.gz``/``.tar``/``.gz`` or a ``.tex`` file, packed as a tar.gz."""
        if path.is_file():
            with path.open("rb") as f:
                if kind_of(f.read(512)) not in ("gzip", "tar", "tex"):
                    return None
        elif not path.is_dir():
            return None
        return pack(read_source(path))

    def usable(self, files: PaperFiles) -> bool:
        """There is a source (whether it holds usable TeX is known once read: :meth:`read` raises
        :class:`SourceError` saying why not, and ``auto`` goes on to the PDF with that warning)."""
        return files.source is not None

    def read(self, files: PaperFiles) -> Sections:
        """The source's sections; :class:`SourceError` (an :class:`ExtractionError`) when there is no
        usable TeX, with ``kind`` saying why."""
        if files.source is None:
            raise SourceError("no source to read", "none")
        return read_files(read_source(files.source))


def read_files(files: Files) -> Sections:
    """The sections of a source tree held in memory."""
    main = find_main(files)
    try:
        document, _ = assemble(files, main)
        preamble, body = split_document(document)
        macros = collect_macros(local_packages(files, main, preamble), preamble, body)
        body = expand_macros(strip_definitions(body), macros)
        if _GLOSSARY.search(preamble + body):
            body = expand_glossaries(body, expand_macros(preamble, macros))
        body = expand_in_math(body, collect(preamble))  # operators, \let: so that KaTeX renders
        cls, options = document_class(preamble)
        style = Style(cls, options, section_format(preamble, cls.lower() in CHAPTER_CLASSES))
        marks = find_marks(body, style)
        bib = read_bibliography(files, main, preamble, body)
        return _sections(document, preamble, body, macros, marks, bib)
    except SourceError:
        raise
    except (RecursionError, ValueError, IndexError, KeyError) as e:
        raise SourceError(f"{main} could not be parsed ({type(e).__name__})", "unparsable") from None


def _sections(
    document: str, preamble: str, body: str, macros: dict[str, Macro], marks: list[Mark], bib: Bibliography
) -> Sections:
    found_by: dict[str, str] = {}
    warnings: list[str] = []
    title = find_title(document, lambda raw: expand_macros(raw, macros))
    if title:
        found_by["title"] = "latex/source"
    index = bib.index()
    plain = {name: m.body for name, m in macros.items() if m.nargs == 0}
    numbering = number_document(body, marks, preamble)
    refs = ref_printer(numbering.labels, preamble, plain)
    links: list[CitationLink] = []

    raw, _, abstract_end = find_abstract(body)
    if not raw:
        raw, _, _ = find_abstract(expand_macros(preamble, macros))

    def printed(cmd: str, star: str, options: list[str], keys: list[str]) -> str:
        """A marker as printed, without a link (the abstract's: "(e.g., Lee, 2019)", never "(e.g.,)")."""
        return bib.marker(index, cmd + star, options, keys)

    abstract = to_text(raw, printed, refs=refs) if raw else ""
    if abstract:
        found_by["abstract"] = "latex/source"

    def section_text(start: int, end: int, part: str) -> str:
        def cite(cmd: str, star: str, options: list[str], keys: list[str]) -> str:
            marker = bib.marker(index, cmd + star, options, keys)
            targets = [index[k] for k in keys if k in index]
            if part:
                links.append(CitationLink(marker=marker, section=part, targets=targets))
            return marker

        return to_text(_with_heads(body, start, end, numbering.heads), cite, refs=refs)

    # The headings a reader sees, as the shared rules of "which part is which" take them.
    shown_marks = [
        n
        for n, m in enumerate(marks)
        if m.kind in ("section", "appendix", "subsection") and (m.display or m.title)
    ]

    def plain_text(n: int) -> Callable[[], str]:
        return lambda: to_text(body[marks[n].end : span_end(body, marks, n)], _cite_numbers)

    parts = [rw.Part(marks[n].title or marks[n].display, marks[n].level, plain_text(n)) for n in shown_marks]

    def part(found: int | None, name: str) -> Section | None:
        if found is None:
            return None
        n = shown_marks[found]
        text = section_text(marks[n].end, span_end(body, marks, n), name)
        found_by[name] = "latex/source"
        return Section(heading=marks[n].display, text=text)

    introduction = part(rw.find_introduction(parts), "introduction")
    if introduction is None:
        opening = opening_span(body, marks, abstract_end)
        if opening is not None:
            start = opening[0] + len(_FRONT_LEFTOVERS.match(body, opening[0]).group(0))  # type: ignore[union-attr]
            text = section_text(start, opening[1], "introduction")
            introduction = Section(heading="", text=text)
            found_by["introduction"] = "latex/opening"
    related_work = part(rw.pick(parts)[0], "related_work")
    shown = headings(marks)
    if shown:
        found_by["headings"] = "latex/source"
    references = parse_references(bib.references())
    if bib.source:
        found_by["references"] = f"latex/{bib.source}"
    elif bib.wanted:
        warnings.append("the source has no .bbl or .bib for its bibliography")
    for name, found_part in (("introduction", introduction), ("related_work", related_work)):
        if found_part is not None:  # where each marker stands, so that notes use the links as they are
            place_sentences(found_part.text, [c for c in links if c.section == name])
    sections = Sections(
        title=title,
        abstract=abstract,
        headings=shown,
        introduction=introduction,
        related_work=related_work,
        references=references,
        found_by=found_by,
        warnings=warnings,
        route="latex",
        citations=links,
        terms=source_terms(body, plain),
    )
    if not (title or abstract or shown or body.strip()):
        raise SourceError("the main file holds no text", "unparsable")
    return sections


__all__ = ["ExtractionError", "LatexRoute", "read_files"]


def _with_heads(body: str, start: int, end: int, heads: list[tuple[int, int, str]]) -> str:
    """``body[start:end]`` with each theorem's ``\\begin{env}[note]`` replaced by the head it prints."""
    out: list[str] = []
    pos = start
    for head_start, head_end, head in sorted(heads):
        if head_start < pos or head_end > end:
            continue
        out += [body[pos:head_start], "\n\n", head]
        pos = head_end
    out.append(body[pos:end])
    return "".join(out)


def _cite_numbers(cmd: str, star: str, options: list[str], keys: list[str]) -> str:
    """A citation as "[1]" for each key: enough for the content test to count citations."""
    return "[" + ", ".join("1" for _ in keys) + "]"
