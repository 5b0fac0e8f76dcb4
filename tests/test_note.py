"""The note: valid front matter for any title, the reader's notes kept, paper text kept in its place."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperkit.library.store import Library
from paperkit.notes.bibtex import bibtex, citekey
from paperkit.notes.note import MARKER, MY_NOTES, note_body, read_existing
from paperkit.notes.roles import sort_roles
from paperkit.pipeline.notes import refresh_note, write_note
from paperkit.records import PaperMeta, Section, Sections
from paperkit.text import strip_controls


def meta(**kw: object) -> PaperMeta:
    base: dict[str, object] = dict(
        id="1506.03099",
        version=3,
        title="Scheduled Sampling for Sequence Prediction with Recurrent Neural Networks",
        authors=["Samy Bengio", "Oriol Vinyals", "Navdeep Jaitly", "Noam Shazeer"],
        published="2015-06-09T00:00:00Z",
        categories=["cs.LG", "cs.CL"],
        abstract=(
            "Recurrent neural networks can be trained to produce sequences of tokens. "
            "However, the discrepancy between training and inference can yield errors that accumulate. "
            "We propose a curriculum learning strategy to gently change the training process. "
            "Experiments on several tasks show significant improvements."
        ),
    )
    base.update(kw)
    return PaperMeta(**base)  # type: ignore[arg-type]


def sections(intro: str = "Intro text [1].", related: str | None = "Related text.") -> Sections:
    return Sections(
        title="T",
        abstract="A",
        headings=["1 Introduction", "2 Related Work", "References"],
        introduction=Section("1 Introduction", intro, 1, 2),
        related_work=Section("2 Related Work", related, 2, 2) if related is not None else None,
        references=[],
    )


def front_matter(text: str) -> dict[str, object]:
    assert text.startswith("---\n")
    end = text.index("\n---\n", 4)
    data = yaml.safe_load(text[4:end])
    assert isinstance(data, dict)
    return data


def test_note_has_every_part(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    m = meta()
    written = write_note(lib, m.key, m, sections())
    text = written.path.read_text()
    fm = front_matter(text)
    assert fm["arxiv_id"] == "1506.03099"
    assert fm["citekey"] == "bengio2015scheduled"
    assert fm["year"] == 2015
    assert set(fm) >= {"title", "authors", "categories", "tags", "reimplementation"}
    for part in (
        "## In one breath", "## The problem", "## The idea", "## The result", "## Key terms",
        "## Background to look up", "## Related ideas", "## Reimplementation", "## BibTeX", "## Source text",
    ):  # fmt: skip
        assert part in text
    idea = text.split("## In one breath")[1].split("## The result")[0]
    assert "We propose a curriculum learning strategy" in idea
    assert "archivePrefix={arXiv}" in text and "primaryClass={cs.LG}" in text
    assert text.rstrip().endswith(MARKER)


def test_my_notes_survive_rebuilds(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    m = meta()
    path = write_note(lib, m.key, m, sections()).path
    mine = "\nI think ε should decay faster.\n\n## A heading of mine\n{{ not a template }}\n"
    path.write_text(path.read_text() + mine)
    before = path.read_text().split(MARKER, 1)[1]
    write_note(lib, m.key, meta(title="A new title"), sections(intro="Changed."))
    after = path.read_text()
    assert after.split(MARKER, 1)[1] == before
    assert "A new title" in after and "Changed." in after


def test_refresh_note_rebuilds_from_library(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    m = meta()
    lib.paper_dir(m.key).mkdir(parents=True)
    lib.write_meta(m)
    lib.write_sections(m.key, sections())
    assert refresh_note(lib, m.key) is not None
    assert "Intro text [1]." in (lib.paper_dir(m.key) / "notes.md").read_text()
    assert refresh_note(lib, "0000.00000") is None


def test_broken_note_is_backed_up(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    m = meta()
    path = write_note(lib, m.key, m, sections()).path
    broken = path.read_text().split("\n---\n", 1)[1] + "\nmy precious thought\n"  # front matter deleted
    path.write_text(broken)
    written = write_note(lib, m.key, m, sections())
    assert written.backup is not None and written.backup.read_text() == broken
    assert written.warnings
    assert "my precious thought" in path.read_text()
    front_matter(path.read_text())


def test_note_saved_with_windows_line_endings_is_not_backed_up(tmp_path: Path) -> None:
    lib = Library(tmp_path)
    m = meta()
    path = write_note(lib, m.key, m, sections()).path
    mine = "\r\nmy thought, saved on Windows\r\n"
    path.write_bytes((path.read_text() + mine).replace("\n", "\r\n").replace("\r\r\n", "\r\n").encode())
    assert read_existing(path.read_bytes().decode()).intact
    written = write_note(lib, m.key, m, sections())
    assert written.backup is None and not written.warnings
    assert path.read_bytes().endswith(mine.encode())  # the reader's bytes, CRLF and all
    assert list(tmp_path.rglob("*.bak")) == []


def test_note_body_drops_the_front_matter() -> None:
    note = "---\ntitle: T\n---\n# T\n\nbody\n"
    assert note_body(note) == "# T\n\nbody\n"
    assert note_body(note.replace("\n", "\r\n")) == "# T\n\nbody\n"
    assert note_body("# no front matter\n") == "# no front matter\n"


ATTACKS = [
    "## My notes\nowned",
    f"{MARKER}\n## My notes",
    "{{ 7*7 }} {% raw %}",
    "<script>alert(1)</script>",
    "---\nkey: value\n---",
    "Title: with colon 'quotes' \"double\" #hash &anchor *alias !tag |pipe >fold",
    "\u202eevil\u202c right-to-left عربى",
    "control\x00\x07\x1b[31m chars",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_paper_text_cannot_disturb_the_note(tmp_path: Path, attack: str) -> None:
    lib = Library(tmp_path)
    m = meta(title=attack, abstract=attack, authors=[attack])
    path = write_note(lib, m.key, m, sections(intro=attack, related=attack)).path
    text = path.read_text()
    fm = front_matter(text)
    assert isinstance(fm["title"], str)
    # The only "## My notes" line and the only marker are paperkit's own, at the end.
    assert [line for line in text.splitlines() if line.strip() == MY_NOTES] == [MY_NOTES]
    assert [line for line in text.splitlines() if line.strip() == MARKER] == [MARKER]
    assert text.rstrip().endswith(MARKER)
    # Outside the front matter and the BibTeX code block, paper text is escaped Markdown.
    body = text.split("\n---\n", 1)[1].split("```bibtex")[0]
    assert "<script>" not in body
    assert "\x00" not in text and "\u202e" not in text
    if "{{" in attack:
        assert "{{ 7*7 }}" in text  # shown as text, never evaluated
    existing = read_existing(text)
    assert existing.intact and existing.mine is not None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(min_size=1, max_size=80), author=st.text(max_size=30))
def test_front_matter_is_valid_yaml_for_any_title(tmp_path: Path, title: str, author: str) -> None:
    lib = Library(tmp_path)
    m = meta(title=title, authors=[author] if author else [])
    text = write_note(lib, m.key, m, None).path.read_text()
    fm = front_matter(text)
    assert fm["title"] == " ".join(strip_controls(title).split())
    assert "could not be read" in text  # no sections: the note says so


def test_bibtex_stays_balanced() -> None:
    entry = bibtex(meta(title="Broken } braces { and 100% & $x_1$"))
    assert entry.count("{") == entry.count("}")
    assert "\\%" in entry and "\\&" in entry
    assert citekey(meta(authors=["Sébastien Jean"], published="2015-01-01")) == "jean2015scheduled"


def test_roles_sort_each_sentence_once() -> None:
    abstract = meta().abstract
    roles = sort_roles(abstract)
    assert any("However" in s for s in roles.problem)
    assert roles.breath[0].startswith("We propose")  # the idea in one breath, not repeated as a bullet
    assert any("Experiments" in s for s in roles.result)
    shown = roles.breath + roles.problem + roles.idea + roles.result
    assert len(shown) == len(set(shown)) <= 4
