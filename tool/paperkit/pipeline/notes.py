"""Notes from the library's records: the pipeline gathers what a note needs and hands it to
:func:`~paperkit.notes.content.build_note`, which reads neither the library nor the reproductions.

The library is read once per batch (:class:`Index`); each paper written during the batch is put on it, and
at the end the notes that cite the batch's new papers are rebuilt once each (:func:`refresh_citing`).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from paperkit.errors import PaperkitError
from paperkit.library import map as library_map
from paperkit.library.map import Shelved
from paperkit.library.store import META, PDF, Library
from paperkit.library.visuals import read_visuals
from paperkit.notes.content import ReimplLink, ReproductionSummary, Surroundings, build_note
from paperkit.notes.note import NoteWritten, save_note
from paperkit.records import PaperMeta, Sections, Visuals
from paperkit.reproduction.registry import find
from paperkit.reproduction.verdicts import last_verdict


@dataclass
class Index:
    """The library's records, read once for a batch of notes."""

    library: Library
    everyone: list[Shelved] = field(default_factory=list)
    # What each note written with this index linked to: a note whose links have not changed since is
    # not rebuilt at the end of the batch.
    linked: dict[str, tuple[object, ...]] = field(default_factory=dict)
    figures: bool = True  # the notes embed the stored figure (``--no-figures``: they do not)

    @classmethod
    def read(cls, library: Library) -> Index:
        """Every paper of ``library`` with its records."""
        return cls(library, library_map.shelf(library))

    def put(self, key: str, meta: PaperMeta, sections: Sections | None) -> None:
        """A paper just written joins the index."""
        library_map.put(self.everyone, Shelved(key, meta, sections))


def surroundings(index: Index, key: str, sections: Sections | None) -> Surroundings:
    """What the library and the reproductions know of the paper ``key``, for its note."""
    folder = index.library.paper_dir(key)
    meta = next((p.meta for p in index.everyone if p.key == key), None)
    refs = sections.references if sections else []
    many = len(index.everyone) > 1
    return Surroundings(
        has_pdf=(folder / PDF).is_file(),
        cited_by=library_map.cited_by(index.everyone, key) if many else [],
        notes_of=library_map.notes_of(index.everyone, key, refs) if many else {},
        reimpl=_reimpl(meta.id, folder) if meta else None,
        reproduction=_reproduction(folder),
        visuals=_visuals(index, key, sections),
    )


def _visuals(index: Index, key: str, sections: Sections | None) -> Visuals:
    """The stored figure (unless figures are off) and formulas (only for a note read from the LaTeX
    source: the PDF route shows no formula rather than a guess)."""
    visuals = read_visuals(index.library, key)
    if not index.figures:
        visuals.figure = None
    if sections is None or sections.route != "latex":
        visuals.formulas = []
    return visuals


def write_note(
    library: Library, key: str, meta: PaperMeta, sections: Sections | None, index: Index | None = None
) -> NoteWritten:
    """Build and write the note of the paper ``key`` from its records (``index``: the library's records,
    when a batch has read them); the caller holds the paper's lock."""
    index = index or Index.read(library)
    index.put(key, meta, sections)
    around = surroundings(index, key, sections)
    index.linked[key] = _links(around)
    return save_note(library.paper_dir(key), build_note(meta, sections, around), library.root)


def refresh_note(library: Library, key: str, index: Index | None = None) -> NoteWritten | None:
    """Rebuild a paper's note from the library (offline), if the paper is there; takes the lock."""
    if not (library.paper_dir(key) / META).is_file():
        return None
    index = index or Index.read(library)
    with library.lock(key):
        meta = library.read_meta(key)
        sections = None
        with contextlib.suppress(FileNotFoundError):
            sections = library.read_sections(key)
        return write_note(library, key, meta, sections, index)


def refresh_citing(index: Index, keys: list[str]) -> list[str]:
    """Rebuild, once each, the notes of the library's papers that cite any of ``keys`` (papers just
    added), so that their links to the new notes stay true, and the new papers' notes, whose "Cited by"
    may have grown within the batch; returns the warnings. A note that cannot be rebuilt now is a warning:
    it is rebuilt the next time its paper is."""
    new = set(keys)
    again: set[str] = set()
    for key in keys:
        for c in library_map.cited_by(index.everyone, key):
            again.add(c.key)  # its note now links to the new paper's
            if c.key in new:
                again.add(key)  # cited within the batch: its "Cited by" grew after it was written
    warnings = []
    for key in sorted(again):
        shelved = next((p for p in index.everyone if p.key == key), None)
        if shelved and key in index.linked:
            now = surroundings(index, key, shelved.sections)
            if _links(now) == index.linked[key]:
                continue  # written in this batch after the papers it links to: already right
        try:
            written = refresh_note(index.library, key, index)
        except PaperkitError as e:
            warnings.append(f"the note of {key} was not updated ({e})")
            continue
        warnings += written.warnings if written else []
    return warnings


def _links(around: Surroundings) -> tuple[object, ...]:
    """What a note links to in the library: the papers citing it, the notes of the works it cites."""
    return tuple(c.key for c in around.cited_by), tuple(sorted(around.notes_of.items()))


def _reimpl(arxiv_id: str, note_dir: Path) -> ReimplLink | None:
    """The reimplementation of the paper, linked from the note's folder; None when there is none."""
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


def _reproduction(folder: Path) -> ReproductionSummary | None:
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
