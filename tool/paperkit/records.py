"""The records that flow through paperkit, as plain dataclasses.

``meta.json`` holds a :class:`PaperMeta`, ``sections.json`` a :class:`Sections`; both are read by other
tools, so field names are part of the library's public layout.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


def library_key(arxiv_id: str) -> str:
    """The library folder name of a paper: its ID without version, ``/`` turned into ``_``
    (``hep-th/9901001`` → ``hep-th_9901001``). The one place that spells this rule."""
    return arxiv_id.replace("/", "_")


def id_of_key(key: str) -> str:
    """The arXiv ID a library key stands for (the inverse of :func:`library_key`: old-style archive
    names hold no ``_``, so the first one is the ``/``)."""
    return key.replace("_", "/", 1)


@dataclass
class PaperMeta:
    """A paper's arXiv metadata (what the API returns), or what a local PDF tells of itself."""

    id: str  # without version: "1506.03099", "hep-th/9901001"; a local PDF without one: its file stem
    version: int | None
    title: str
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601
    updated: str | None = None
    categories: list[str] = field(default_factory=list)  # the primary category first
    abstract: str = ""
    links: list[dict[str, str]] = field(default_factory=list)  # {"href", "title", "rel"}
    pdf_url: str | None = None
    doi: str | None = None
    journal_ref: str | None = None
    comment: str | None = None
    # "arxiv": from the API; "pdf": an arXiv paper described by its PDF alone (offline, API failed);
    # "local": a PDF with no arXiv ID, keyed by its file name.
    source: str = "arxiv"

    @property
    def key(self) -> str:
        """The library folder name: the ID without version, ``/`` replaced by ``_``."""
        return library_key(self.id)

    @classmethod
    def from_sections(
        cls, key: str, sections: Sections | None, arxiv_id: str | None = None, version: int | None = None
    ) -> PaperMeta:
        """What a paper's own text tells of it when arXiv is not asked: an arXiv paper known by the ID its
        PDF prints (``source="pdf"``), or a local paper keyed by its file name (``source="local"``)."""
        return cls(
            id=arxiv_id or key,
            version=version if arxiv_id else None,
            title=(sections.title if sections and sections.title else key),
            abstract=sections.abstract if sections else "",
            source="pdf" if arxiv_id else "local",
        )

    @property
    def year(self) -> int | None:
        """The year of first publication; for a PDF without metadata, read off a new-style ID (YYMM)."""
        if self.published and self.published[:4].isdigit():
            return int(self.published[:4])
        if self.source != "local" and len(self.id) >= 4 and self.id[:4].isdigit() and "." in self.id:
            return 2000 + int(self.id[:2])
        return None

    @property
    def primary_category(self) -> str | None:
        """arXiv's primary category (listed first), e.g. ``cs.LG``."""
        return self.categories[0] if self.categories else None

    def to_dict(self) -> dict[str, Any]:
        """The ``meta.json`` record."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PaperMeta:
        """Read a ``meta.json`` record; fields this version does not know are ignored."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class Section:
    """One section's running text, headings and page furniture removed."""

    heading: str  # as printed, numbering included: "3 Related Work"
    text: str
    page_start: int | None = None  # 1-based, in the PDF; None when the route knows no pages (LaTeX)
    page_end: int | None = None
    # The page each paragraph starts on (paragraphs as ``extraction.citations.paragraphs`` splits the
    # text); empty when unknown.
    paragraph_pages: list[int] = field(default_factory=list)


@dataclass
class Reference:
    """One entry of the reference list; the parsed fields are best effort and may be empty."""

    text: str
    label: str | None = None  # as printed: "[12]", "12.", "[Bahdanau et al.2015]"; None when unlabelled
    authors: list[str] = field(default_factory=list)
    year: str | None = None  # "2015", "2015a"
    title: str | None = None
    venue: str | None = None
    arxiv_id: str | None = None
    doi: str | None = None
    key: str | None = None  # the LaTeX citation key (``\\bibitem{key}``, ``@article{key,``); None from a PDF


@dataclass
class CitationLink:
    """A citation marker in the introduction or related work, linked to its reference entries."""

    marker: str  # as the reader sees it: "[3, 5]", "Bengio et al. (2009)"
    section: str  # "introduction" | "related_work"
    targets: list[int] = field(default_factory=list)  # 0-based indices into Sections.references
    at: int | None = None  # where the marker starts in the section's text; None when not known
    sentence: str = ""  # the sentence it stands in, on one line ("" when not known)


@dataclass
class Sections:
    """What an extraction route found in a paper (the ``sections.json`` record)."""

    title: str
    abstract: str
    headings: list[str]  # top-level headings in reading order, as printed
    introduction: Section | None
    related_work: Section | None
    references: list[Reference]
    # part -> "<route>/<how>": "pdf/outline", "pdf/typography", "pdf/fallback", "latex/source", ...
    found_by: dict[str, str] = field(default_factory=dict)
    arxiv_id: str | None = None  # read from the PDF (margin stamp), versioned as printed
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    route: str = ""  # the extraction route that produced the record: "pdf", "latex"
    citations: list[CitationLink] = field(default_factory=list)
    abstract_page: int | None = None  # the page the abstract starts on, when known
    code: list[str] = field(default_factory=list)  # repository URLs the paper prints on its first pages
    # Phrases the source sets in italics or bold and the names its macros stand for (LaTeX route only).
    terms: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The ``sections.json`` record."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Sections:
        """Read a ``sections.json`` record (missing parts read as empty)."""

        section_fields = {f.name for f in fields(Section)}

        def section(d: dict[str, Any] | None) -> Section | None:
            return Section(**{k: v for k, v in d.items() if k in section_fields}) if d else None

        ref_fields = {f.name for f in fields(Reference)}
        return cls(
            title=data.get("title") or "",
            abstract=data.get("abstract") or "",
            headings=list(data.get("headings") or []),
            introduction=section(data.get("introduction")),
            related_work=section(data.get("related_work")),
            references=[
                Reference(**{k: v for k, v in r.items() if k in ref_fields})
                for r in data.get("references") or []
            ],
            found_by=dict(data.get("found_by") or {}),
            arxiv_id=data.get("arxiv_id"),
            pages=int(data.get("pages") or 0),
            warnings=list(data.get("warnings") or []),
            route=str(data.get("route") or ""),
            abstract_page=data.get("abstract_page") if isinstance(data.get("abstract_page"), int) else None,
            code=[str(u) for u in data.get("code") or []],
            citations=[
                CitationLink(
                    marker=str(c.get("marker", "")),
                    section=str(c.get("section", "")),
                    targets=[int(t) for t in c.get("targets") or []],
                    at=int(c["at"]) if isinstance(c.get("at"), int) else None,
                    sentence=str(c.get("sentence") or ""),
                )
                for c in data.get("citations") or []
                if isinstance(c, dict)
            ],
        )


@dataclass
class Figure:
    """The paper's overview figure (Figure 1, or the first the text refers to), rendered as a PNG.

    ``png`` holds the image until the library stores it; the stored record (``figure.json``) keeps
    ``path``, relative to the paper's folder, instead."""

    caption: str  # without its "Figure 1:" label; LaTeX macros expanded, inline math as ``$…$``
    label: str = "Figure 1"  # as printed: "Figure 1", "Fig. 2"
    page: int | None = None  # 1-based page of the PDF it was cropped from; None from the LaTeX source
    found_by: str = ""  # "pdf/caption", "latex/includegraphics", ...
    width: int = 0  # pixels
    height: int = 0
    path: str = ""  # "figures/fig1.png" once stored
    png: bytes = field(default=b"", repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The stored record (the image itself lives in its own file)."""
        return {k: v for k, v in asdict(self).items() if k != "png"}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figure:
        """Read a stored record; unknown fields ignored."""
        known = {f.name for f in fields(cls)} - {"png"}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class Formula:
    """A display equation that defines the method, as KaTeX-ready TeX (the paper's macros expanded)."""

    tex: str  # the body, without ``$$``; alignment environments as ``aligned``
    sentence: str = ""  # the sentence that introduces it, inline math as ``$…$``
    label: str | None = None  # the ``\\label`` key, when it has one
    refs: int = 0  # how often the text refers to it
    renders: bool = True  # False: a construct KaTeX lacks is left; the note shows it as code

    def to_dict(self) -> dict[str, Any]:
        """The stored record."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Formula:
        """Read a stored record; unknown fields ignored."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class Visuals:
    """What a paper shows before a word is read (``visuals.json``): its overview figure, stored beside
    the note as ``figures/fig1.png``, and the display equations that define its method."""

    figure: Figure | None = None
    formulas: list[Formula] = field(default_factory=list)
    caption: str = ""  # Figure 1's caption in the source, when its figure had to be cropped from the PDF

    def to_dict(self) -> dict[str, Any]:
        """The stored record."""
        return {
            "figure": self.figure.to_dict() if self.figure else None,
            "formulas": [f.to_dict() for f in self.formulas],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Visuals:
        """Read a stored record; what is broken reads as absent."""
        figure = data.get("figure")
        formulas = data.get("formulas") or []
        return cls(
            figure=Figure.from_dict(figure) if isinstance(figure, dict) else None,
            formulas=[Formula.from_dict(f) for f in formulas if isinstance(f, dict)],
        )
