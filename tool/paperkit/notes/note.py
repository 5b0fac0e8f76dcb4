"""The study note: built from the library's records, rendered with jinja2, the reader's notes kept.

A note ends with ``## My notes`` and a marker line; everything after that heading belongs to the reader
and is carried over, byte for byte, whenever paperkit rebuilds the note. Paper text is escaped on its way
into the note, so nothing a paper prints (a ``## My notes`` line, HTML, template syntax) can move that
boundary.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2
import yaml

from paperkit.library.store import META, NOTE, PDF, Library, atomic_write
from paperkit.notes.background import BackgroundItem, RelatedIdea, background, related_ideas
from paperkit.notes.bibtex import bibtex, citekey
from paperkit.notes.roles import Roles, contributions, in_one_breath, sort_roles
from paperkit.notes.terms import Term, find_terms
from paperkit.records import PaperMeta, Sections
from paperkit.reproduction.verdicts import last_verdict
from paperkit.resources import templates_dir
from paperkit.text import squash, strip_controls

MY_NOTES = "## My notes"
MARKER = "<!-- paperkit: everything below this line is yours; rebuilding the note keeps it as it is -->"
NOTE_TEMPLATE = "note.md.j2"

# --- Escaping paper text for Markdown -------------------------------------------------------------


def md_inline(value: Any) -> str:
    """Paper text as one Markdown line: no line breaks, no HTML, no heading or list syntax at its start."""
    text = squash(strip_controls(str(value)))
    # "<" would open HTML (or an HTML comment); "&" only matters where it would spell an entity.
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text).replace("<", "&lt;")
    return re.sub(r"^([#>*+\-=|`~]|\d+[.)])", r"\\\1", text)


def md_block(value: Any) -> str:
    """Paper text as Markdown paragraphs: each line escaped like :func:`md_inline`, blank lines kept."""
    paragraphs = re.split(r"\n\s*\n", strip_controls(str(value)))
    return "\n\n".join(md_inline(p) for p in paragraphs if p.strip())


# --- The note's content -----------------------------------------------------------------------------


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
    """Everything the note template shows."""

    meta: PaperMeta
    sections: Sections | None
    roles: Roles
    abstract_source: str  # "arXiv" or "PDF"
    bibtex: str
    citekey: str
    has_pdf: bool
    one_breath: list[str] = field(default_factory=list)
    contributions: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    background: list[BackgroundItem] = field(default_factory=list)
    related: list[RelatedIdea] = field(default_factory=list)
    reimpl: ReimplLink | None = None
    reproduction: ReproductionSummary | None = None
    warnings: list[str] = field(default_factory=list)

    def front_matter(self) -> dict[str, Any]:
        """The note's YAML front matter, for tools that index notes (Obsidian, Zotero, scripts)."""
        m = self.meta
        return {
            "arxiv_id": m.id if m.source != "local" else None,
            "title": squash(m.title),
            "authors": [squash(a) for a in m.authors],
            "year": m.year,
            "categories": list(m.categories),
            "citekey": self.citekey,
            "tags": ["paper", *[c.replace(".", "-") for c in m.categories[:3]]],
            "reimplementation": self.reimpl.name if self.reimpl else None,
        }


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
    meta = replace(
        meta,
        title=strip_controls(meta.title),
        authors=[strip_controls(a) for a in meta.authors],
        abstract=strip_controls(meta.abstract),
    )
    warnings: list[str] = []
    if sections is None:
        warnings.append("the PDF could not be read: this note is written from the arXiv metadata alone")
    else:
        warnings.extend(sections.warnings)
    # arXiv's abstract is clean text; the PDF's is the fallback (local PDFs, withdrawn papers).
    abstract, source = meta.abstract, "arXiv"
    if not abstract.strip() and sections is not None:
        abstract, source = sections.abstract, "PDF"
    intro = sections.introduction.text if sections and sections.introduction else ""
    related = sections.related_work.text if sections and sections.related_work else ""
    refs = sections.references if sections else []
    roles = sort_roles(abstract, intro)
    return NoteContent(
        meta=meta,
        sections=sections,
        roles=roles,
        one_breath=in_one_breath(abstract, roles),
        contributions=contributions(intro),
        terms=find_terms(f"{abstract}\n\n{intro}"),
        background=background(intro, refs),
        related=related_ideas(related, refs),
        abstract_source=source,
        bibtex=bibtex(meta),
        citekey=citekey(meta),
        has_pdf=(folder / PDF).is_file(),
        reimpl=_find_reimpl(meta.id, folder),
        reproduction=_read_reproduction(folder),
        warnings=warnings,
    )


# --- Rendering ------------------------------------------------------------------------------------------


def _environment() -> jinja2.Environment:
    return _environment_for(templates_dir())


@functools.cache
def _environment_for(folder: Path) -> jinja2.Environment:
    # Cached per folder (compiling the template costs more than rendering it); jinja2 still reloads a
    # template whose file changed on disk.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=False,  # Markdown, not HTML: paper text is escaped by md_inline / md_block instead
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md_inline"] = md_inline
    env.filters["md_block"] = md_block
    return env


def render_note(content: NoteContent) -> str:
    """The generated part of the note, ending with the ``## My notes`` heading line."""
    front = yaml.safe_dump(
        content.front_matter(), sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=None
    ).strip()
    s = content.sections
    m = content.meta
    byline = [md_inline(", ".join(m.authors))] if m.authors else []
    if m.year:
        byline.append(str(m.year))
    if m.source != "local":
        byline.append(f"[arXiv:{m.id}](https://arxiv.org/abs/{m.id})")
    if content.has_pdf:
        byline.append("[PDF](paper.pdf)")
    text = (
        _environment()
        .get_template(NOTE_TEMPLATE)
        .render(
            front_matter=front,
            title=content.meta.title,
            byline=byline,
            arxiv_id=content.meta.id if content.meta.source != "local" else None,
            key=content.meta.key,
            has_pdf=content.has_pdf,
            warnings=content.warnings,
            roles=content.roles,
            one_breath=content.one_breath,
            contributions=content.contributions,
            terms=content.terms,
            background=content.background,
            related=content.related,
            pdf_abstract=s.abstract if s else "",
            abstract_source=content.abstract_source,
            reimpl=content.reimpl,
            reproduction=content.reproduction,
            introduction=s.introduction if s else None,
            related_work=s.related_work if s else None,
            bibtex=content.bibtex,
        )
    )
    text = re.sub(r"\n{3,}", "\n\n", text).rstrip("\n")
    if not text.endswith(MY_NOTES):
        raise jinja2.TemplateError(f"the note template must end with the line {MY_NOTES!r}")
    return text + "\n"


# --- The reader's notes -------------------------------------------------------------------------------


@dataclass
class Existing:
    """What an existing note holds for the reader, and whether it still has paperkit's shape."""

    mine: str | None  # everything after the "## My notes" heading line, verbatim
    intact: bool  # front matter and My-notes section where paperkit put them


def read_existing(text: str) -> Existing:
    """Find the reader's part of an existing note."""
    lines = text.splitlines(keepends=True)
    marker_at = next((i for i, line in enumerate(lines) if line.strip() == MARKER), None)
    search_end = marker_at if marker_at is not None else len(lines)
    heading_at = None
    # Before the marker the last heading is paperkit's; without a marker, the first one is (paper text is
    # escaped, so any later "## My notes" line is the reader's own and belongs to their section).
    order = range(search_end - 1, -1, -1) if marker_at is not None else range(search_end)
    for i in order:
        if lines[i].rstrip("\r\n").strip() == MY_NOTES:
            heading_at = i
            break
    if heading_at is None:
        return Existing(mine=None, intact=False)
    mine = "".join(lines[heading_at + 1 :])  # the reader's bytes as they are, CRLF included
    return Existing(mine=mine, intact=marker_at is not None and _front_matter(text) is not None)


def _split_front(text: str) -> tuple[str | None, str]:
    """``(front matter, body)`` of a note, with LF line ends; the front matter is None when there is none."""
    # An editor that saves with Windows line endings (CRLF) has not changed the note's frame.
    text = text.replace("\r\n", "\n")
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        end = text.index("\n---\n", 4)
        return text[4:end], text[end + len("\n---\n") :]
    return None, text


def note_body(text: str) -> str:
    """A note without its YAML front matter: what ``paperkit show`` renders in the terminal."""
    return _split_front(text)[1]


def _front_matter(text: str) -> str | None:
    """The YAML front matter of a note (without its ``---`` fences), or None when it has none or bad YAML."""
    front, _ = _split_front(text)
    if front is None:
        return None
    try:
        yaml.safe_load(front)
    except yaml.YAMLError:
        return None
    return front


def compose(generated: str, existing: Existing | None) -> str:
    """The generated note followed by the reader's section (a fresh one for a new note)."""
    if existing is None or existing.mine is None:
        return f"{generated}{MARKER}\n\n"
    mine = existing.mine
    if MARKER not in mine:
        mine = f"{MARKER}\n{mine}"
    return generated + mine


@dataclass
class NoteWritten:
    """Where a note was written, and what happened to the old one."""

    path: Path
    backup: Path | None = None  # set when the old note was not in paperkit's shape and was kept aside
    warnings: list[str] = field(default_factory=list)


def write_note(library: Library, key: str, meta: PaperMeta, sections: Sections | None) -> NoteWritten:
    """Render and write ``<key>/notes.md``, keeping the reader's notes (and a backup of a broken note).

    The caller holds the paper's lock.
    """
    folder = library.paper_dir(key)
    path = folder / NOTE
    generated = render_note(build_note(meta, sections, folder))
    existing = None
    backup = None
    if path.exists():
        raw = path.read_bytes()
        old = raw.decode("utf-8", errors="replace")
        existing = read_existing(old)
        if not existing.intact or ("\ufffd" in old and old.encode("utf-8") != raw):
            # The reader changed the note's frame (or saved it in another encoding, which the rebuild
            # cannot keep byte for byte); don't guess silently: keep their file exactly as it was.
            backup = folder / f"notes.{time.strftime('%Y%m%d-%H%M%S')}.md.bak"
            atomic_write(backup, raw)
    atomic_write(path, compose(generated, existing))
    warnings = []
    if backup is not None:
        warnings.append(f"{path} was not in paperkit's shape; the old file is kept as {backup.name}")
    return NoteWritten(path=path, backup=backup, warnings=warnings)


def refresh_note(library: Library, key: str) -> NoteWritten | None:
    """Rebuild a paper's note from the library (offline), if the paper is there; takes the lock."""
    folder = library.paper_dir(key)
    if not (folder / META).is_file():
        return None
    with library.lock(key):
        meta = library.read_meta(key)
        sections = None
        with contextlib.suppress(FileNotFoundError):
            sections = library.read_sections(key)
        return write_note(library, key, meta, sections)
