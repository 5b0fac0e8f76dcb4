"""The note's record: everything the study note shows, built from a paper's records alone.

Each part is computed by its own module (roles, terms, background, related ideas, BibTeX) and held in a
field of :class:`NoteContent`; the template reads the fields by name (:mod:`~paperkit.notes.render`).
What the library and the reproductions know of the paper (:class:`Surroundings`) is gathered by the
pipeline and passed in: notes never read the library or run anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from paperkit.extraction import route_label
from paperkit.extraction.citations import CitationMarker, stored_markers
from paperkit.library.map import Citing
from paperkit.library.store import PDF
from paperkit.notes.background import BackgroundItem, RelatedIdea, background, related_ideas
from paperkit.notes.bibtex import bibtex, citekey
from paperkit.notes.condense import condense, words
from paperkit.notes.contributions import Contribution, contributions
from paperkit.notes.links import code_links, sentence_pages
from paperkit.notes.markdown import md_inline
from paperkit.notes.roles import Roles, in_one_breath, sort_roles
from paperkit.notes.superscripts import glued_marks, raise_in
from paperkit.notes.symbols import FigureView, FormulaView, figure_view, formula_views
from paperkit.notes.terms import Term, find_terms
from paperkit.records import CitationLink, PaperMeta, Section, Sections, Visuals
from paperkit.sanitize import clean_meta
from paperkit.text import squash

MAX_ABSTRACT = 20_000  # characters of an abstract the note reads (arXiv allows 1,920)
MAX_SECTION = 100_000  # characters of the introduction / related work (an introduction is ~5,000)


@dataclass
class ReimplLink:
    """The paper's reimplementation as the note links it."""

    name: str
    link: str  # relative to the note when possible
    claim: str


@dataclass
class ReproductionSummary:
    """The last reproduction's verdict as the note shows it."""

    held: bool
    summary: str
    when: str
    plot: str | None  # relative to the note


@dataclass
class Surroundings:
    """What the library and the reproductions know of a paper: gathered by the pipeline for its note."""

    has_pdf: bool = False  # the library holds the paper's PDF (the note links its pages)
    cited_by: list[Citing] = field(default_factory=list)  # the library's papers that cite this one
    notes_of: dict[int, str] = field(default_factory=dict)  # reference index -> the library's note of it
    reimpl: ReimplLink | None = None
    reproduction: ReproductionSummary | None = None
    visuals: Visuals = field(default_factory=Visuals)  # the stored Figure 1 and defining formulas


@dataclass
class NoteContent:
    """Everything the note template shows; each field is a template variable of the same name."""

    meta: PaperMeta
    sections: Sections | None
    roles: Roles
    abstract_source: str  # "arXiv" or "PDF"
    bibtex: str
    citekey: str
    has_pdf: bool
    one_breath: list[str] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    background: list[BackgroundItem] = field(default_factory=list)
    related: list[RelatedIdea] = field(default_factory=list)
    reimpl: ReimplLink | None = None
    reproduction: ReproductionSummary | None = None
    warnings: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)  # repository URLs the paper prints
    page_of: dict[str, int] = field(default_factory=dict)  # quoted sentence -> its page in the PDF
    pdf_link: str = PDF
    cited_by: list[Citing] = field(default_factory=list)  # the library's papers that cite this one
    figure: FigureView | None = None  # Figure 1, embedded under "In one breath"
    formulas: list[FormulaView] = field(default_factory=list)  # "The idea in symbols"
    # Read off the fields above when the record is made, so the template needs nothing else.
    title: str = field(init=False)
    byline: list[str] = field(init=False)
    arxiv_id: str | None = field(init=False)  # None for a local paper
    key: str = field(init=False)
    front_matter: str = field(init=False)  # YAML, for tools that index notes (Obsidian, Zotero, scripts)
    pdf_abstract: str = field(init=False)
    introduction: Section | None = field(init=False)
    related_work: Section | None = field(init=False)
    read_from: str = field(init=False)  # where the sections' text came from, for the reader: "the PDF"

    def __post_init__(self) -> None:
        m, s = self.meta, self.sections
        self.title = m.title
        self.arxiv_id = m.id if m.source != "local" else None
        self.key = m.key
        self.byline = _byline(m, self.has_pdf)
        self.front_matter = yaml.safe_dump(
            self.front_matter_record(), sort_keys=False, allow_unicode=True, width=10_000,
            default_flow_style=None,
        ).strip()  # fmt: skip
        self.pdf_abstract = s.abstract if s else ""
        self.introduction = s.introduction if s else None
        self.related_work = s.related_work if s else None
        self.read_from = f"the {route_label(s.route)}" if s else ""

    def front_matter_record(self) -> dict[str, Any]:
        """The note's front matter as a record."""
        m = self.meta
        return {
            "arxiv_id": self.arxiv_id,
            "title": squash(m.title),
            "authors": [squash(a) for a in m.authors],
            "year": m.year,
            "categories": list(m.categories),
            "citekey": self.citekey,
            "tags": ["paper", *[c.replace(".", "-") for c in m.categories[:3]]],
            "reimplementation": self.reimpl.name if self.reimpl else None,
            "code": list(self.code),
        }


def _byline(m: PaperMeta, has_pdf: bool) -> list[str]:
    byline = [md_inline(", ".join(m.authors))] if m.authors else []
    if m.year:
        byline.append(str(m.year))
    if m.source != "local":
        byline.append(f"[arXiv:{m.id}](https://arxiv.org/abs/{m.id})")
    if has_pdf:
        byline.append(f"[PDF]({PDF})")
    return byline


def build_note(meta: PaperMeta, sections: Sections | None, around: Surroundings | None = None) -> NoteContent:
    """Gather what the note shows for a paper from its records (``around``: what the library knows)."""
    around = around or Surroundings()
    meta = clean_meta(meta)
    # Every text step below is bounded by these caps (no abstract is near them; a hostile feed or PDF is).
    meta.abstract = meta.abstract[:MAX_ABSTRACT]
    warnings: list[str] = []
    if sections is None:
        warnings.append("the PDF could not be read: this note is written from the arXiv metadata alone")
    else:
        warnings.extend(sections.warnings)
    # Where the abstract comes from: arXiv's metadata, else the paper's own text (a local file, or an
    # arXiv paper known offline by its stamp, whose meta.json holds the abstract its text gave).
    text_source = route_label(sections.route) if sections is not None else "PDF"
    abstract, source = meta.abstract, ("arXiv" if meta.source == "arxiv" else text_source)
    if not abstract.strip() and sections is not None:
        abstract, source = sections.abstract, text_source
    abstract = abstract[:MAX_ABSTRACT]
    intro_part = sections.introduction if sections else None
    related_part = sections.related_work if sections else None
    intro = intro_part.text[:MAX_SECTION] if intro_part else ""
    related = related_part.text[:MAX_SECTION] if related_part else ""
    refs = sections.references if sections else []
    # The citation links extraction made, used as they are (records written before links said where
    # they stand are found by their text).
    links = sections.citations if sections else []
    intro_markers = _markers(intro, links, "introduction")
    related_markers = _markers(related, links, "related_work")
    listed = contributions(intro)
    roles = condense(sort_roles(abstract, intro), listed, words(abstract) + words(intro), meta.title)
    focus = roles.problem + roles.idea + [c.text for c in listed]  # where the paper states its aim
    content = NoteContent(
        meta=meta,
        sections=sections,
        roles=roles,
        one_breath=in_one_breath(abstract, roles),
        contributions=listed,
        terms=find_terms(
            f"{abstract}\n\n{intro}",
            title=meta.title,
            references=refs,
            introduction=intro,
            markers=intro_markers,
            focus=focus,
            emphasised=sections.terms if sections else None,
        ),
        background=background(intro, refs, intro_markers, focus=focus),
        related=related_ideas(related, refs, related_markers),
        abstract_source=source,
        bibtex=bibtex(meta),
        citekey=citekey(meta),
        has_pdf=around.has_pdf,
        code=code_links(abstract, sections.code if sections else []),
        reimpl=around.reimpl,
        reproduction=around.reproduction,
        cited_by=around.cited_by,
        warnings=warnings,
        figure=figure_view(around.visuals.figure),
        formulas=formula_views(around.visuals),
    )
    glued = glued_marks(intro, [c for c in links if c.section == "introduction"])
    if glued:  # superscript citation numbers shown raised, not glued to their word ("lattice4")
        _raise_quotes(content, glued)
    if around.has_pdf and sections is not None:
        content.page_of = sentence_pages(_quoted(content), sections, abstract)
    cited = [e for b in content.background for e in b.works] + [e for r in content.related for e in r.works]
    for entry in cited:
        entry.note = around.notes_of.get(entry.number - 1, entry.note)
    return content


def _markers(text: str, links: list[CitationLink], section: str) -> list[CitationMarker] | None:
    """A section's citation markers as extraction linked them; None (find them again) when the record
    holds no links at all."""
    return stored_markers(text, [c for c in links if c.section == section]) if links else None


def _raise_quotes(c: NoteContent, glued: list[tuple[str, str]]) -> None:
    """Every quoted sentence with its glued citation numbers raised (:mod:`~paperkit.notes.superscripts`)."""
    c.one_breath = [raise_in(s, glued) for s in c.one_breath]
    for role in ("problem", "idea", "result"):
        setattr(c.roles, role, [raise_in(s, glued) for s in getattr(c.roles, role)])
    for x in c.contributions:
        x.text, x.items = raise_in(x.text, glued), [raise_in(i, glued) for i in x.items]
    for t in c.terms:
        t.sentence = raise_in(t.sentence, glued)
    for b in c.background:
        b.supports = raise_in(b.supports, glued)
    for r in c.related:
        r.differs = [raise_in(d, glued) for d in r.differs]


def _quoted(c: NoteContent) -> list[str]:
    """Every sentence of the paper the note quotes."""
    out = c.one_breath + c.roles.problem + c.roles.idea + c.roles.result
    out += [x.text for x in c.contributions] + [t.sentence for t in c.terms]
    out += [b.supports for b in c.background] + [d for r in c.related for d in r.differs]
    return out
