"""The PDF route: the paper's PDF read by layout (:func:`~paperkit.extraction.pdf.extract_sections`),
its reference entries parsed and its citation markers linked to them."""

from __future__ import annotations

from pathlib import Path

from paperkit.errors import PdfError
from paperkit.extraction.citations import link_citations
from paperkit.extraction.entries import parse_references
from paperkit.extraction.pdf import extract_sections
from paperkit.extraction.seam import ExtractionError, PaperFiles
from paperkit.records import CitationLink, Sections


class PdfRoute:
    """Reads ``paper.pdf``: always usable when there is a PDF, so it is the fallback of every paper."""

    name = "pdf"
    label = "PDF"
    download: str | None = None  # the PDF is every paper's download
    fallback: str | None = None

    def unusable(self, path: Path) -> str | None:
        """The PDF route reads the PDF itself; it has no download of its own to check."""
        return None

    def local(self, path: Path) -> bytes | None:
        """A local PDF is kept as the paper's PDF by the pipeline, not packed: never this route's extra."""
        return None

    def usable(self, files: PaperFiles) -> bool:
        """A PDF was downloaded or given."""
        return files.pdf is not None

    def read(self, files: PaperFiles) -> Sections:
        """The PDF's sections; :class:`ExtractionError` for a PDF with nothing to read."""
        if files.pdf is None:
            raise ExtractionError("no PDF to read")
        try:
            sections = extract_sections(files.pdf)
        except PdfError as e:
            raise ExtractionError(str(e), unreadable=True) from None
        if not (sections.title or sections.abstract or sections.headings or sections.references):
            # No text at all (a scanned PDF): as unreadable as a corrupt one, and reported the same way.
            raise ExtractionError("; ".join(sections.warnings) or "no text found")
        sections.route = self.name
        sections.found_by = {part: f"{self.name}/{how}" for part, how in sections.found_by.items()}
        sections.references = parse_references(sections.references)
        sections.citations = text_citation_links(sections)
        return sections


def text_citation_links(sections: Sections) -> list[CitationLink]:
    """The introduction's and related work's citation markers found in their text, linked to entries."""
    links = []
    for name in ("introduction", "related_work"):
        part = getattr(sections, name)
        if part is None:
            continue
        for marker in link_citations(part.text, sections.references):
            links.append(
                CitationLink(
                    marker.text, name, list(marker.targets), at=marker.start, sentence=marker.sentence
                )
            )
    return links
