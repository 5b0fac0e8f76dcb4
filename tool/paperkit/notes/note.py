"""The study note written: rendered with jinja2 from its record, the reader's notes kept.

A note ends with ``## My notes`` and a marker line; everything after that heading belongs to the reader
and is carried over, byte for byte, whenever paperkit rebuilds the note. Paper text is escaped on its way
into the note, so nothing a paper prints (a ``## My notes`` line, HTML, template syntax) can move that
boundary.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from paperkit.atomic import atomic_write
from paperkit.library.store import NOTE
from paperkit.notes.content import NoteContent
from paperkit.notes.render import MY_NOTES, NOTE_TEMPLATE, render_note

MARKER = "<!-- paperkit: everything below this line is yours; rebuilding the note keeps it as it is -->"


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


def save_note(folder: Path, content: NoteContent, template_root: Path | None = None) -> NoteWritten:
    """Render ``content`` and write ``<folder>/notes.md``, keeping the reader's notes (and a backup of a
    note whose frame was changed). ``template_root``: a folder whose own ``note.md.j2`` wins (the
    library). The caller holds the paper's lock."""
    path = folder / NOTE
    warnings = []
    try:
        generated = render_note(content, template_root)
    except jinja2.TemplateError as e:  # the library's own template is broken: the note still gets written
        generated = render_note(content)
        warnings.append(f"the library's {NOTE_TEMPLATE} failed ({e}); the note used paperkit's template")
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
    if backup is not None:
        warnings.append(f"{path} was not in paperkit's shape; the old file is kept as {backup.name}")
    return NoteWritten(path=path, backup=backup, warnings=warnings)
