"""Reliability: the reader's notes, and a library whose files were damaged.

The ``## My notes`` section is the reader's: it survives ``fetch --force``, ``notes``, ``reproduce`` and a
change of template, byte for byte. A note whose frame the reader broke is not silently overwritten (a
backup is kept, and stderr says so). A corrupt ``meta.json`` or ``sections.json`` gives one clear line
naming the way out, and that way out works.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import paperkit.notes.render
from fake_arxiv import FakeArxiv
from paperkit.notes.note import MARKER
from paperkit.resources import templates_dir
from reliability_support import (
    add_good_paper,
    add_my_notes,
    assert_whole_note,
    one_error_line,
    run,
    stray_lines,
    temps,
    warning_lines,
)

ID = "1506.03099"
# The reader's part, with everything that could confuse a parser: another "## My notes", front-matter
# fences, a code block left open, the marker again, template syntax, no newline at the very end.
MINE = (
    "\nThe idea in my words: feed the model its own guesses.\n\n## My notes\n---\ntitle: mine\n---\n"
    f"{MARKER}\n{{{{ not a template }}}} {{% neither %}}\n"
    "```python\nprint('open fence')\n\ncafé – ✓ no newline"
)


@pytest.fixture
def fetched(fake_arxiv: FakeArxiv, library: Path, tmp_path: Path) -> Path:
    """A paper in the library whose note holds the reader's notes; returns the note's path."""
    add_good_paper(fake_arxiv, tmp_path, ID)
    assert run("fetch", ID).exit_code == 0
    note = library / ID / "notes.md"
    add_my_notes(note, MINE.lstrip("\n"))
    return note


def mine_of(note: Path) -> str:
    return assert_whole_note(note.read_text(encoding="utf-8"))


# --- My notes survive everything ----------------------------------------------------------------------


def test_my_notes_survive_force_notes_and_template_change(
    fetched: Path, library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = mine_of(fetched)
    assert kept.endswith("no newline")
    for args in (["fetch", "--force", ID], ["fetch", ID], ["notes", ID], ["notes", "--force", ID]):
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)
        assert mine_of(fetched) == kept, args
        assert warning_lines(result.stderr) == []  # an intact note is not backed up
    # A new version of paperkit changes the template.
    new_templates = tmp_path / "templates"
    shutil.copytree(templates_dir(), new_templates)
    tpl = new_templates / paperkit.notes.render.NOTE_TEMPLATE
    tpl.write_text(tpl.read_text().replace("## BibTeX", "## A section new in this version\n\n## BibTeX"))
    monkeypatch.setattr(paperkit.notes.render, "templates_dir", lambda: new_templates)
    assert run("notes", ID).exit_code == 0
    text = fetched.read_text(encoding="utf-8")
    assert "## A section new in this version" in text
    assert mine_of(fetched) == kept
    assert list(library.glob(f"{ID}/*.bak")) == [] and temps(library) == []


def test_my_notes_survive_reproduce(fetched: Path, library: Path) -> None:
    kept = mine_of(fetched)
    result = run("reproduce", ID, "--budget", "ci", "-q")
    assert result.exit_code in (0, 1), result.output  # held or not, the run is recorded
    assert (library / ID / "reproduction" / "result.json").is_file()
    text = fetched.read_text(encoding="utf-8")
    assert "reproduction/plot.png" in text or "Reproduction" in text  # the note was refreshed
    assert mine_of(fetched) == kept


# --- A note the reader broke --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    ["front matter deleted", "marker deleted", "heading deleted", "emptied", "not UTF-8"],
)
def test_broken_note_is_backed_up_not_overwritten(fetched: Path, library: Path, damage: str) -> None:
    text = fetched.read_text(encoding="utf-8")
    if damage == "front matter deleted":
        broken = text.split("\n---\n", 1)[1].encode()
    elif damage == "marker deleted":
        broken = text.replace(MARKER + "\n", "").encode()
    elif damage == "heading deleted":
        broken = text.replace("## My notes\n", "").encode()
    elif damage == "emptied":
        broken = b""
    else:
        broken = text.encode().replace("café".encode(), "café".encode("latin-1")) + b"\xff\xfe\n"
    fetched.write_bytes(broken)
    result = run("notes", ID)
    assert result.exit_code == 0, result.stderr
    (warning,) = warning_lines(result.stderr)
    assert "not in paperkit's shape" in warning and ".bak" in warning
    assert stray_lines(result.stderr) == []
    (backup,) = list(library.glob(f"{ID}/notes.*.md.bak"))
    assert backup.read_bytes() == broken  # the reader's file exactly as it was, byte for byte
    mine = mine_of(fetched)  # the new note is whole again
    if damage in ("front matter deleted", "marker deleted"):
        assert "The idea in my words" in mine  # their section could still be found, so it is carried
    assert temps(library) == []


# --- Damaged records ----------------------------------------------------------------------------------


@pytest.mark.parametrize("content", ["{broken", "", "[]", '{"title": "no id"}', '"just a string"', "\xff"])
def test_corrupt_meta_json_names_the_way_out(fetched: Path, library: Path, content: str) -> None:
    meta = library / ID / "meta.json"
    meta.write_bytes(content.encode("latin-1"))
    note_before = fetched.read_bytes()
    for args in (["notes", ID], ["fetch", ID]):
        result = run(*args)
        assert result.exit_code == 1, args
        line = one_error_line(result)
        assert "meta.json" in line and "fetch --force" in line, line
        assert fetched.read_bytes() == note_before
    result = run("fetch", "--force", ID)  # the way out the message names
    assert result.exit_code == 0, result.stderr
    assert json.loads(meta.read_text())["id"] == ID
    assert mine_of(fetched).endswith("no newline")


@pytest.mark.parametrize("content", ["{broken", "[]", '{"introduction": 5}', '{"references": [1, 2]}'])
def test_corrupt_sections_json_names_the_way_out(fetched: Path, library: Path, content: str) -> None:
    sections = library / ID / "sections.json"
    sections.write_text(content)
    note_before = fetched.read_bytes()
    result = run("notes", ID)
    assert result.exit_code == 1
    line = one_error_line(result)
    assert "sections.json" in line and "--force" in line
    assert fetched.read_bytes() == note_before
    result = run("notes", "--force", ID)  # re-extracts the stored PDF
    assert result.exit_code == 0, result.stderr
    assert json.loads(sections.read_text())["introduction"]["heading"] == "1 Introduction"
    assert mine_of(fetched).endswith("no newline")


def test_list_and_show_survive_a_corrupt_meta_json(fetched: Path, library: Path) -> None:
    (library / ID / "meta.json").write_text("{broken")
    listing = run("list")
    assert listing.exit_code == 0, listing.stderr
    assert "unreadable" in listing.stdout and ID in listing.stdout
    shown = run("show", "--raw", ID)
    assert shown.exit_code == 0 and shown.stdout == fetched.read_text(encoding="utf-8")


def test_missing_paper_folder_parts(fetched: Path, library: Path) -> None:
    (library / ID / "paper.pdf").unlink()
    (library / ID / "sections.json").unlink()
    result = run("notes", "--force", ID)  # nothing to re-extract: the note is rebuilt from meta.json
    assert result.exit_code == 0, result.stderr
    assert mine_of(fetched).endswith("no newline")
    result = run("fetch", ID)  # the PDF is gone, so it is downloaded again
    assert result.exit_code == 0, result.stderr
    assert (library / ID / "paper.pdf").is_file()
