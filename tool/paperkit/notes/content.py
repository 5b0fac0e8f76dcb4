"""The note's record: everything the study note shows, gathered from the library's records.

Each part is computed by its own module (roles, terms, background, related ideas, BibTeX) and held in a
field of :class:`NoteContent`; the template reads the fields by name (:mod:`~paperkit.notes.render`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from paperkit.library.map import Citing, link_library
from paperkit.library.store import PDF
from paperkit.notes.background import BackgroundItem, RelatedIdea, background, related_ideas
from paperkit.notes.bibtex import bibtex, citekey
from paperkit.notes.condense import condense, words
from paperkit.notes.contributions import Contribution, contributions
from paperkit.notes.markdown import md_inline
from paperkit.notes.pages import code_links, page_texts, sentence_pages
from paperkit.notes.roles import Roles, in_one_breath, sort_roles
from paperkit.notes.terms import Term, find_terms
from paperkit.records import PaperMeta, Section, Sections
from paperkit.reproduction.verdicts import last_verdict
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
        self.read_from = f"the {_ROUTE_NAMES.get(s.route, 'PDF')}" if s else ""

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


# How the note names each extraction route's input (sections.json written before routes had names: PDF).
_ROUTE_NAMES = {"pdf": "PDF", "latex": "LaTeX source"}


def _byline(m: PaperMeta, has_pdf: bool) -> list[str]:
    byline = [md_inline(", ".join(m.authors))] if m.authors else []
    if m.year:
        byline.append(str(m.year))
    if m.source != "local":
        byline.append(f"[arXiv:{m.id}](https://arxiv.org/abs/{m.id})")
    if has_pdf:
        byline.append(f"[PDF]({PDF})")
    return byline


def _find_reimpl(arxiv_id: str, note_dir: Path) -> ReimplLink | None:
    """The reimplementation of the paper, linked from the note's folder; None when there is none."""
    from paperkit.reproduction.registry import find

    found = find(arxiv_id)
    if found is None:
        return None
    folder = Path(found.folder).resolve()
    note_dir = note_dir.resolve()
    # Relative when the library and the reimplementation share a root (papers/ in the checkout),
    # absolute when they live in unrelated places (a relative path through "/" would mislead).
    try:
        shared = os.path.commonpath([folder, note_dir])
    except ValueError:  # different drives on Windows
        shared = ""
    link = os.path.relpath(folder, note_dir) if shared not in ("", os.sep) else folder.as_posix()
    return ReimplLink(name=found.name, link=link.replace(os.sep, "/"), claim=found.paper.claim)


def _read_reproduction(folder: Path) -> ReproductionSummary | None:
    """The last recorded verdict in the paper's folder, with the plot's path relative to the note."""
    last = last_verdict(folder)
    if last is None:
        return None
    return ReproductionSummary(
        held=last.held,
        summary=last.summary,
        when=last.when or "date unknown",
        plot=last.plot.relative_to(folder).as_posix() if last.plot else None,
    )


def build_note(meta: PaperMeta, sections: Sections | None, folder: Path) -> NoteContent:
    """Gather what the note shows for a paper stored in ``folder``."""
    meta = clean_meta(meta)
    # Every text step below is bounded by these caps (no abstract is near them; a hostile feed or PDF is).
    meta.abstract = meta.abstract[:MAX_ABSTRACT]
    warnings: list[str] = []
    if sections is None:
        warnings.append("the PDF could not be read: this note is written from the arXiv metadata alone")
    else:
        warnings.extend(sections.warnings)
    # arXiv's abstract is clean text; the PDF's is the fallback (local PDFs, withdrawn papers).
    # Where the abstract comes from: arXiv's metadata, else the paper's own text (a local file, or an
    # arXiv paper known offline by its stamp, whose meta.json holds the abstract its text gave).
    text_source = _ROUTE_NAMES.get(sections.route, "PDF") if sections is not None else "PDF"
    abstract, source = meta.abstract, ("arXiv" if meta.source == "arxiv" else text_source)
    if not abstract.strip() and sections is not None:
        abstract, source = sections.abstract, text_source
    abstract = abstract[:MAX_ABSTRACT]
    intro = sections.introduction.text[:MAX_SECTION] if sections and sections.introduction else ""
    related = sections.related_work.text[:MAX_SECTION] if sections and sections.related_work else ""
    refs = sections.references if sections else []
    listed = contributions(intro)
    roles = condense(sort_roles(abstract, intro), listed, words(abstract) + words(intro), meta.title)
    focus = roles.problem + roles.idea + [c.text for c in listed]  # where the paper states its aim
    has_pdf = (folder / PDF).is_file()
    # Pages and code links come from the PDF itself, when the library holds it.
    pages = page_texts(folder / PDF) if has_pdf else []
    content = NoteContent(
        meta=meta,
        sections=sections,
        roles=roles,
        one_breath=in_one_breath(abstract, roles),
        contributions=listed,
        terms=find_terms(
            f"{abstract}\n\n{intro}", title=meta.title, references=refs, introduction=intro, focus=focus
        ),
        background=background(intro, refs, focus=focus),
        related=related_ideas(related, refs),
        abstract_source=source,
        bibtex=bibtex(meta),
        citekey=citekey(meta),
        has_pdf=has_pdf,
        code=code_links(abstract, pages),
        reimpl=_find_reimpl(meta.id, folder),
        reproduction=_read_reproduction(folder),
        warnings=warnings,
    )
    if pages:
        content.page_of = sentence_pages(_quoted(content), pages)
    cited = [e for b in content.background for e in b.works] + [e for r in content.related for e in r.works]
    content.cited_by = link_library(folder, refs, cited)
    return content


def _quoted(c: NoteContent) -> list[str]:
    """Every sentence of the paper the note quotes."""
    out = c.one_breath + c.roles.problem + c.roles.idea + c.roles.result
    out += [x.text for x in c.contributions] + [t.sentence for t in c.terms]
    out += [b.supports for b in c.background] + [d for r in c.related for d in r.differs]
    return out
