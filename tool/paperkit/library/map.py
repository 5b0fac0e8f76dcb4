"""The library as a map, offline: who in the library cites a paper, what to read next, one BibTeX file.

Works are matched by arXiv ID when the reference entry prints one, else by folded title (most entries
print no ID). Everything is read from the library's ``meta.json`` and ``sections.json`` records.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from paperkit.library.store import NOTE, Library
from paperkit.notes.bibtex import bibtex, citekey
from paperkit.notes.cited_entry import CitedEntry, who
from paperkit.records import PaperMeta, Reference, Sections
from paperkit.text import fold


@dataclass
class Paper:
    """A paper of the library as the map needs it."""

    key: str
    meta: PaperMeta
    sections: Sections | None


@dataclass
class Citing:
    """A paper of the library that cites another one, and the link to its note."""

    key: str
    title: str
    note: str  # relative to a note in the same library: "../<key>/notes.md"


@dataclass
class Unread:
    """A work the library's introductions cite that the library does not hold."""

    cited_by: int  # how many papers of the library cite it in their introduction
    title: str
    who: str
    year: str | None
    arxiv_id: str | None

    @property
    def fetch_command(self) -> str:
        """The command that fetches it: by its arXiv ID, else an arXiv search for its title."""
        if self.arxiv_id:
            return f"paperkit fetch {self.arxiv_id}"
        # only what is safe inside double quotes in a shell: no quotes, $, backticks or backslashes
        title = " ".join(re.sub(r"[\"$`\\!]", " ", self.title).split())[:120]
        return f'paperkit fetch --search "{title}" --max 1'  # check it is the work before reading


def papers(library: Library) -> list[Paper]:
    """Every paper of the library with its records (sections None when missing)."""
    out = []
    for key in library.paper_keys():
        try:
            meta = library.read_meta(key)
        except Exception:  # a half-written or foreign folder is not part of the map
            continue
        sections = None
        with contextlib.suppress(Exception):
            sections = library.read_sections(key)
        out.append(Paper(key, meta, sections))
    return out


def _ref_keys(ref: Reference) -> list[str]:
    keys = []
    if ref.arxiv_id:
        keys.append("id:" + ref.arxiv_id.split("v")[0] if "." in ref.arxiv_id else "id:" + ref.arxiv_id)
    if ref.title and len(fold(ref.title)) >= 12:
        keys.append("title:" + fold(ref.title))
    return keys


def _paper_keys(meta: PaperMeta) -> list[str]:
    keys = [f"id:{meta.id}"] if meta.source != "local" else []
    if len(fold(meta.title)) >= 12:
        keys.append("title:" + fold(meta.title))
    return keys


def cited_by(library: Library, key: str, everyone: list[Paper] | None = None) -> list[Citing]:
    """The papers of the library whose reference list holds the paper ``key``."""
    everyone = papers(library) if everyone is None else everyone
    target = next((p for p in everyone if p.key == key), None)
    if target is None:
        return []
    wanted = set(_paper_keys(target.meta))
    out = []
    for p in everyone:
        if p.key == key or p.sections is None:
            continue
        if any(wanted & set(_ref_keys(r)) for r in p.sections.references):
            out.append(Citing(p.key, p.meta.title, f"../{p.key}/{NOTE}"))
    return out


def in_library(library: Library, everyone: list[Paper] | None = None) -> dict[str, str]:
    """Match key (``id:…`` / ``title:…``) -> the paper's library key, for linking cited works to notes."""
    everyone = papers(library) if everyone is None else everyone
    return {k: p.key for p in everyone for k in _paper_keys(p.meta)}


def reading_queue(library: Library, limit: int = 10) -> list[Unread]:
    """The works the library's introductions cite most that the library does not hold, most cited first."""
    everyone = papers(library)
    held = in_library(library, everyone)
    counts: dict[str, Unread] = {}
    for p in everyone:
        if p.sections is None:
            continue
        cited = {t for c in p.sections.citations if c.section == "introduction" for t in c.targets}
        seen: set[str] = set()
        for i in sorted(cited):
            if not 0 <= i < len(p.sections.references):
                continue
            ref = p.sections.references[i]
            keys = _ref_keys(ref)
            if not keys or any(k in held for k in keys) or keys[0] in seen:
                continue
            seen.add(keys[0])
            item = next((counts[k] for k in keys if k in counts), None)
            if item is None:
                item = Unread(0, ref.title or ref.text[:80], who(ref.authors), ref.year, ref.arxiv_id)
            item.cited_by += 1
            item.arxiv_id = item.arxiv_id or ref.arxiv_id
            for k in keys:
                counts[k] = item
    unique = {id(u): u for u in counts.values()}.values()
    return sorted(unique, key=lambda u: (-u.cited_by, u.title.lower()))[:limit]


def library_bibtex(library: Library, ids: list[str] | None = None) -> str:
    """One BibTeX file for the library (or the papers ``ids``): unique citekeys, arXiv's ``@misc`` form,
    the DOI and journal reference when arXiv has them."""
    chosen = [p for p in papers(library) if not ids or p.key in ids or p.meta.id in ids]
    used: dict[str, int] = {}
    entries = []
    for p in sorted(chosen, key=lambda p: (citekey(p.meta), p.key)):
        base = citekey(p.meta)
        n = used.get(base, 0)
        used[base] = n + 1
        key = base if n == 0 else f"{base}{chr(ord('a') + n - 1)}"
        entries.append(bibtex(replace(p.meta), key=key))
    return "\n\n".join(entries) + ("\n" if entries else "")


def link_library(folder: Path, references: list[Reference], entries: Iterable[CitedEntry]) -> list[Citing]:
    """A note's links into its library: each cited work's ``note`` set when the library holds it, and
    the papers that cite this one returned. ``folder`` is the paper's folder in the library (its parent
    is the library)."""
    library = Library(folder.parent)
    everyone = papers(library)
    if len(everyone) < 2 or not any(p.key == folder.name for p in everyone):
        return []
    held = in_library(library, everyone)
    for entry in entries:
        ref = references[entry.number - 1] if 0 < entry.number <= len(references) else None
        key = next((held[k] for k in _ref_keys(ref) if k in held), None) if ref else None
        if key and key != folder.name:
            entry.note = f"../{key}/{NOTE}"
    return cited_by(library, folder.name, everyone)
