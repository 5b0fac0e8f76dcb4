"""Reliability: paper text that attacks the note.

Titles, authors, abstracts and PDF text full of YAML syntax, template syntax, Markdown headings (``## My
notes`` among them), HTML, control characters and right-to-left text. Whatever a paper prints, the note's
front matter stays valid YAML holding the title as given, template syntax stays text, and the reader's
section stays exactly where it was, byte for byte.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fake_arxiv import FakeArxiv
from paperkit.library.store import Library
from paperkit.notes.note import MARKER, MY_NOTES
from paperkit.pipeline.notes import write_note
from paperkit.records import PaperMeta, Section, Sections
from paperkit.text import squash, strip_controls
from reliability_support import (
    add_my_notes,
    assert_whole_note,
    front_matter,
    paper_pdf,
    run,
    stray_lines,
    without_code,
)

ID = "1506.03099"

HOSTILE = {
    "yaml": 'Title: a "colon" - [list] {map} &anchor *alias !tag # no comment --- ... | > %YAML @ ` yes null',
    "template": "{{ 7*7 }} {% for x in range(3) %}loop{% endfor %} {# hidden #} {{ config.items() }}",
    "headings": "## My notes\n# Heading\n---\n```\n~~~\n" + MARKER,
    "html": "<script>alert(1)</script> <!-- open comment <b>bold</b> &amp; &lt;",
    "rtl": "שלום עולם مرحبا بالعالم \u202eoverride\u202c end",
}
# Control characters cannot travel in arXiv's XML feed; they reach the note from PDFs and local files.
CONTROLS = "Bell\x07 escape\x1b[31m nul\x00 del\x7f c1\x85 sep\u2028 para\u2029 cr\r end"


def check_note(note: str, title: str) -> None:
    """Valid front matter holding the title, one reader's section, template syntax left as text."""
    mine = assert_whole_note(note)
    assert front_matter(note)["title"] == squash(strip_controls(title))
    assert mine == "\n"  # a fresh note: nothing of the paper's text leaked below the marker
    assert "49" not in note.split("\n---\n", 1)[1] or "{{ 7*7 }}" in note  # never rendered
    # In the front matter HTML is a YAML string like any other; in a code block it is shown as text.
    body = without_code(note.split("\n---\n", 1)[1])
    assert "<script" not in body and "<!-- open" not in body and "<b>" not in body
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", note)
    assert not any(line.lstrip().startswith("## My notes") for line in note.splitlines()[:-3])


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_metadata_end_to_end(fake_arxiv: FakeArxiv, library: Path, tmp_path: Path, kind: str) -> None:
    text = HOSTILE[kind]
    fake_arxiv.add_paper(
        ID,
        title=text,
        authors=[text[:40], "Plain Author"],
        abstract=f"{text}\n\nWe propose {text}. Results improve.",
        comment=text,
        pdf=paper_pdf(tmp_path),
    )
    result = run("fetch", ID)
    assert result.exit_code == 0, result.stderr
    assert stray_lines(result.stderr) == []
    note_path = library / ID / "notes.md"
    note = note_path.read_text(encoding="utf-8")
    check_note(note, " ".join(text.split()))
    if kind == "rtl":
        assert "שלום עולם" in note and "مرحبا" in note  # right-to-left letters are kept
    # The reader writes below the marker; a rebuild keeps it exactly.
    add_my_notes(note_path, "my notes {{ not a template }}\n## My notes\n")
    assert run("fetch", "--force", ID).exit_code == 0
    assert note_path.read_text(encoding="utf-8").endswith("\nmy notes {{ not a template }}\n## My notes\n")


def test_hostile_pdf_text_end_to_end(fake_arxiv: FakeArxiv, library: Path, tmp_path: Path) -> None:
    hostile_intro = "## My notes\n{{ 7*7 }} {% raw %} <script>x</script> --- title: [broken"
    pdf = paper_pdf(
        tmp_path,
        title="{{ title }} ## My notes",
        sections=[("1 Introduction", hostile_intro), ("2 Related Work", "# heading <!-- x")],
    )
    local = tmp_path / "local {{x}} ## My notes.pdf"
    local.write_bytes(pdf)
    result = run("fetch", "--offline", str(local))  # the title comes from the PDF itself
    assert result.exit_code == 0, result.stderr
    (folder,) = [p for p in library.iterdir()]
    note = (folder / "notes.md").read_text(encoding="utf-8")
    assert_whole_note(note)
    assert "{{ 7*7 }}" in note and "<script" not in note
    assert "{{" in str(front_matter(note)["title"])


def test_control_characters_are_removed(library: Path) -> None:
    lib = Library(library)
    meta = PaperMeta(id=ID, version=1, title=CONTROLS, authors=[CONTROLS], abstract=CONTROLS)
    written = write_note(lib, meta.key, meta, None)
    note = written.path.read_text(encoding="utf-8")
    check_note(note, CONTROLS)
    assert "\r" not in note and "\u2028" not in note


# --- Properties ---------------------------------------------------------------------------------------

_TOKENS = ["{{", "}}", "{%", "%}", "#", "## My notes", "\n", "---", "<", "&", ":", "- ", "\u202e", MARKER]
_nasty = st.lists(st.one_of(st.characters(codec="utf-8"), st.sampled_from(_TOKENS)), max_size=30).map("".join)


def _sections(intro: str) -> Sections:
    return Sections(
        title="t",
        abstract=intro,
        headings=["1 Introduction"],
        introduction=Section("1 Introduction", intro, 1, 1),
        related_work=None,
        references=[],
    )


@given(title=_nasty, abstract=_nasty, author=_nasty, intro=_nasty, mine=_nasty)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_makes_a_whole_note_and_keeps_my_notes(
    tmp_path: Path, title: str, abstract: str, author: str, intro: str, mine: str
) -> None:
    lib = Library(Path(tempfile.mkdtemp(dir=tmp_path)))
    meta = PaperMeta(id=ID, version=1, title=title or "x", authors=[author], abstract=abstract)
    path = write_note(lib, meta.key, meta, _sections(intro)).path
    note = path.read_text(encoding="utf-8")
    assert assert_whole_note(note) == "\n"
    assert front_matter(note)["title"] == squash(strip_controls(title or "x"))
    # The reader's part survives a rebuild with other paper text, byte for byte.
    mine_text = mine.replace("\r", "") + "\n"
    path.write_text(note + mine_text, encoding="utf-8", newline="")
    meta.title = abstract or "y"
    write_note(lib, meta.key, meta, _sections(title))
    again = path.read_text(encoding="utf-8")
    assert again.endswith(MARKER + "\n\n" + mine_text)
    assert again.splitlines().count(MY_NOTES) >= 1
