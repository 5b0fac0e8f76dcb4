"""A library's own note template overrides the shipped one; a broken one falls back with a warning."""

from __future__ import annotations

from pathlib import Path

from paperkit.library.store import Library
from paperkit.pipeline.notes import write_note
from paperkit.records import PaperMeta


def _meta() -> PaperMeta:
    return PaperMeta(
        id="1506.03099",
        version=1,
        title="Widgets",
        abstract="Deep networks are hard to train. We propose the Widget, a layer that rescales activations.",
    )


def test_library_template_overrides_the_shipped_one(tmp_path: Path) -> None:
    (tmp_path / "note.md.j2").write_text(
        "# {{ title | md_inline }}\n\n{{ one_breath[0] | quote }}\n\n## My notes\n"
    )
    written = write_note(Library(tmp_path), "1506.03099", _meta(), None)
    text = written.path.read_text()
    assert text.startswith("# Widgets\n") and "We propose the Widget" in text
    assert "## The problem" not in text and not written.warnings


def test_broken_library_template_falls_back(tmp_path: Path) -> None:
    (tmp_path / "note.md.j2").write_text("{% for x in %}\n")
    written = write_note(Library(tmp_path), "1506.03099", _meta(), None)
    assert "## In one breath" in written.path.read_text()
    assert any("note.md.j2" in w for w in written.warnings)
