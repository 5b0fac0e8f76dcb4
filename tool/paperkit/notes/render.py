"""Rendering a note: paper text escaped for Markdown, the jinja2 template filled from the note's record.

The template's context is the :class:`~paperkit.notes.content.NoteContent` record itself, field by field:
a new part of the note is a module that computes it, a field that holds it and a block in the template.
"""

from __future__ import annotations

import functools
import re
from dataclasses import fields
from pathlib import Path

import jinja2

from paperkit.notes.content import NoteContent
from paperkit.notes.markdown import md_block, md_inline, quote
from paperkit.resources import templates_dir

MY_NOTES = "## My notes"
NOTE_TEMPLATE = "note.md.j2"


def _environment(library: Path | None = None) -> jinja2.Environment:
    # A library holding its own note.md.j2 renders with it; the shipped template otherwise.
    if library is not None and (library / NOTE_TEMPLATE).is_file():
        return _environment_for(library.resolve(), templates_dir())
    return _environment_for(templates_dir())


@functools.cache
def _environment_for(*folders: Path) -> jinja2.Environment:
    # Cached per folders (compiling the template costs more than rendering it); jinja2 still reloads a
    # template whose file changed on disk. The first folder holding a template wins.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
        autoescape=False,  # Markdown, not HTML: paper text is escaped by md_inline / md_block instead
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md_inline"] = md_inline
    env.filters["md_block"] = md_block
    env.filters["quote"] = quote
    return env


def render_note(content: NoteContent, library: Path | None = None) -> str:
    """The generated part of the note, ending with the ``## My notes`` heading line.

    A ``note.md.j2`` in the ``library`` folder overrides the shipped template: it sees the same variables
    (the fields of :class:`NoteContent`) and filters (``md_inline``, ``md_block``, ``quote``), and must end
    with the ``## My notes`` line, after which the note belongs to the reader."""
    context = {f.name: getattr(content, f.name) for f in fields(content)}
    text = _environment(library).get_template(NOTE_TEMPLATE).render(**context)
    text = re.sub(r"\n{3,}", "\n\n", text).rstrip("\n")
    if not text.endswith(MY_NOTES):
        raise jinja2.TemplateError(f"the note template must end with the line {MY_NOTES!r}")
    return text + "\n"
