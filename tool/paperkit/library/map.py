"""The library as a map, offline: who in the library cites a paper, which cited works it holds, what the
introductions cite that it lacks.

Works are matched by arXiv ID when the reference entry prints one, else by folded title (most entries
print no ID). Everything is read from the library's ``meta.json`` and ``sections.json`` records, once
(:func:`shelf`); the functions below work on that list.
"""

from __future__ import annotations

import contextlib
import functools
import re
from dataclasses import dataclass

from paperkit.extraction.entries import who
from paperkit.library.store import NOTE, Library
from paperkit.records import PaperMeta, Reference, Sections
from paperkit.text import fold, squash


@dataclass
class Shelved:
    """A paper of the library with its records (``sections`` None when missing)."""

    key: str
    meta: PaperMeta
    sections: Sections | None

    @functools.cached_property
    def match_keys(self) -> list[str]:
        """How a reference entry names this paper (:func:`paper_keys`), worked out once."""
        return paper_keys(self.meta)

    @functools.cached_property
    def cites(self) -> set[str]:
        """The match keys of every entry of its reference list, worked out once."""
        refs = self.sections.references if self.sections else []
        return {k for r in refs for k in ref_keys(r)}


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
        title = squash(re.sub(r"[\"$`\\!]", " ", self.title))[:120]
        return f'paperkit fetch --search "{title}" --max 1'  # check it is the work before reading


def shelf(library: Library) -> list[Shelved]:
    """Every paper of the library with its records, read once."""
    out = []
    for key in library.paper_keys():
        try:
            meta = library.read_meta(key)
        except Exception:  # a half-written or foreign folder is not part of the map
            continue
        sections = None
        with contextlib.suppress(Exception):
            sections = library.read_sections(key)
        out.append(Shelved(key, meta, sections))
    return out


def put(everyone: list[Shelved], paper: Shelved) -> None:
    """Put ``paper`` (just written) on ``everyone``, replacing its older record."""
    everyone[:] = [p for p in everyone if p.key != paper.key] + [paper]


def ref_keys(ref: Reference) -> list[str]:
    """The match keys of a reference entry: its arXiv ID (unversioned), its folded title."""
    keys = []
    if ref.arxiv_id:
        keys.append("id:" + ref.arxiv_id.split("v")[0] if "." in ref.arxiv_id else "id:" + ref.arxiv_id)
    if ref.title and len(fold(ref.title)) >= 12:
        keys.append("title:" + fold(ref.title))
    return keys


def paper_keys(meta: PaperMeta) -> list[str]:
    """The match keys of a paper of the library: its arXiv ID, its folded title."""
    keys = [f"id:{meta.id}"] if meta.source != "local" else []
    if len(fold(meta.title)) >= 12:
        keys.append("title:" + fold(meta.title))
    return keys


def cited_by(everyone: list[Shelved], key: str) -> list[Citing]:
    """The papers of ``everyone`` whose reference list holds the paper ``key``."""
    target = next((p for p in everyone if p.key == key), None)
    if target is None:
        return []
    wanted = set(target.match_keys)
    return [
        Citing(p.key, p.meta.title, f"../{p.key}/{NOTE}")
        for p in everyone
        if p.key != key and p.sections is not None and wanted & p.cites
    ]


def held(everyone: list[Shelved]) -> dict[str, str]:
    """Match key (``id:…`` / ``title:…``) -> the paper's library key, for linking cited works to notes."""
    return {k: p.key for p in everyone for k in p.match_keys}


def notes_of(everyone: list[Shelved], key: str, references: list[Reference]) -> dict[int, str]:
    """Reference index (0-based) -> the link to the library's note of that work, from the paper ``key``'s
    note (the paper itself excluded)."""
    have = held(everyone)
    out = {}
    for i, ref in enumerate(references):
        found = next((have[k] for k in ref_keys(ref) if k in have), None)
        if found and found != key:
            out[i] = f"../{found}/{NOTE}"
    return out


def reading_queue(everyone: list[Shelved], limit: int = 10) -> list[Unread]:
    """The works the library's introductions cite most that the library does not hold, most cited first."""
    have = held(everyone)
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
            keys = ref_keys(ref)
            if not keys or any(k in have for k in keys) or keys[0] in seen:
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
