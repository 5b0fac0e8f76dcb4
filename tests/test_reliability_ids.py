"""Reliability: IDs and library paths that are wrong, hostile or odd.

Each case asserts the exit code, one line on stderr, and what the library holds afterwards.
"""

from __future__ import annotations

import os
import re
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fake_arxiv import FakeArxiv
from paperkit.access.ids import ArxivId, local_key, parse_arxiv_id, parse_paper_arg
from paperkit.errors import BadInput
from paperkit.library.store import _KEY
from reliability_support import add_good_paper, one_error_line, run, temps, tree

# --- IDs that never reach arXiv -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        "15060.3099",  # dot in the wrong place
        "1506.3099",  # four digits after 2014
        "1413.00001",  # month 13
        "0612.0001",  # the new scheme began in April 2007
        "1506.03099v0",  # versions start at 1
        "hep-th/9913001",  # old scheme, month 13
        "arxiv:",
        "abc",
        "1506.03099.pdf",  # looks like a file that does not exist
    ],
)
def test_malformed_id_is_bad_input(fake_arxiv: FakeArxiv, library: Path, bad: str) -> None:
    result = run("fetch", bad)
    assert result.exit_code == 2
    assert "1506.03099" in one_error_line(result) or "no such file" in result.stderr
    assert tree(library) == []
    assert fake_arxiv.requests == []


@pytest.mark.parametrize("empty", ["", "   ", "\t\n"])
def test_empty_id_is_bad_input(fake_arxiv: FakeArxiv, library: Path, empty: str) -> None:
    result = run("fetch", empty)
    assert result.exit_code == 2
    assert "no paper given" in one_error_line(result)
    assert tree(library) == []


@pytest.mark.parametrize(
    "bad",
    [
        "../../x",
        "cs/../../x",
        "..",
        "cs/..",
        "hep-th/../../../etc/passwd",
        "https://arxiv.org/abs/../../x",
        "1506.03099/../../x",
        "/abs/1506.03099",
    ],
)
def test_path_traversal_ids_are_refused(
    fake_arxiv: FakeArxiv, library: Path, bad: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(library)  # "../../x" must name nothing on disk: a folder there would be a local paper
    result = run("fetch", bad)
    assert result.exit_code == 2
    one_error_line(result)
    assert tree(library) == [] and tree(library.parent) == ["library"]
    assert fake_arxiv.requests == []


def test_absolute_path_to_a_non_pdf_is_refused(fake_arxiv: FakeArxiv, library: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not a paper")
    for arg in (str(secret), "/etc/passwd", "/etc/../etc/passwd"):
        result = run("fetch", arg)
        assert result.exit_code == 2, arg
        assert "not a PDF" in one_error_line(result)
    assert tree(library) == []
    assert secret.read_text() == "not a paper"


@pytest.mark.parametrize(
    "bad",
    [
        "1506. 03099",
        "1506.03099 v2",
        "arXiv: 1506 .03099",
        "１５０６.０３０９９",  # fullwidth digits
        "١٥٠٦.٠٣٠٩٩",  # Arabic-Indic digits
        "1506.03099\u200b",  # zero-width space
        "h\u0435p-th/9901001",  # Cyrillic "е"
        "1506.03099\u202e",  # right-to-left override
        "1506.03099\x00",
    ],
)
def test_ids_with_spaces_or_unicode_are_bad_input(fake_arxiv: FakeArxiv, library: Path, bad: str) -> None:
    result = run("fetch", bad)
    assert result.exit_code == 2
    line = one_error_line(result)
    assert "\x00" not in line and "\u202e" not in line  # shown escaped (repr), never raw
    assert tree(library) == []
    assert fake_arxiv.requests == []


def test_surrounding_whitespace_is_forgiven(fake_arxiv: FakeArxiv, library: Path, tmp_path: Path) -> None:
    add_good_paper(fake_arxiv, tmp_path)
    result = run("fetch", "  1506.03099v3 \n")
    assert result.exit_code == 0, result.stderr
    assert (library / "1506.03099" / "notes.md").is_file()


# --- IDs arXiv does not have --------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["empty", "error"])
def test_unknown_id_fails_and_leaves_nothing(fake_arxiv: FakeArxiv, library: Path, style: str) -> None:
    fake_arxiv.unknown_style = style  # today's empty feed, or the old API's "Error" entry
    result = run("fetch", "1501.99999")
    assert result.exit_code == 1
    assert "arXiv has no paper 1501.99999" in one_error_line(result)
    assert tree(library) == []


def test_withdrawn_paper_gives_a_note_from_metadata(fake_arxiv: FakeArxiv, library: Path) -> None:
    fake_arxiv.add_paper("1501.00001", title="A Withdrawn Paper", withdrawn=True)
    result = run("fetch", "1501.00001")
    assert result.exit_code == 3
    assert any("withdrawn" in ln for ln in result.stderr.splitlines() if "warning:" in ln)
    assert tree(library) == ["1501.00001", "1501.00001/meta.json", "1501.00001/notes.md"]
    note = (library / "1501.00001" / "notes.md").read_text()
    assert "**Warning:**" in note and "A Withdrawn Paper" in note


# --- The library path itself --------------------------------------------------------------------------


def test_library_that_is_a_file(fake_arxiv: FakeArxiv, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.write_text("my shopping list")
    result = run("fetch", "--library", str(lib), "1506.03099")
    assert result.exit_code == 1
    assert "not a directory" in one_error_line(result)
    assert lib.read_text() == "my shopping list"
    assert fake_arxiv.requests == []


def test_library_below_a_file(fake_arxiv: FakeArxiv, tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    result = run("fetch", "--library", str(tmp_path / "f" / "lib"), "1506.03099")
    assert result.exit_code == 1
    assert "cannot create library" in one_error_line(result)
    assert (tmp_path / "f").read_text() == "x"


def test_unwritable_library(fake_arxiv: FakeArxiv, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    lib.chmod(0o555)
    if os.geteuid() == 0:
        # root writes anywhere; let the permission check see what an ordinary user would.
        real = os.access

        def access(path: object, mode: int) -> bool:
            return False if Path(str(path)) == lib and mode & os.W_OK else real(path, mode)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "access", access)
    try:
        result = run("fetch", "--library", str(lib), "1506.03099")
    finally:
        lib.chmod(0o755)
    assert result.exit_code == 1
    assert "not writable" in one_error_line(result)
    assert tree(lib) == []
    assert fake_arxiv.requests == []


def test_paper_folder_symlinked_out_of_the_library(
    fake_arxiv: FakeArxiv, library: Path, tmp_path: Path
) -> None:
    add_good_paper(fake_arxiv, tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (library / "1506.03099").symlink_to(outside, target_is_directory=True)
    result = run("fetch", "1506.03099")
    assert result.exit_code == 1
    assert "outside the library" in one_error_line(result)
    assert list(outside.iterdir()) == []


def test_note_symlinked_out_is_replaced_not_written_through(
    fake_arxiv: FakeArxiv, library: Path, tmp_path: Path
) -> None:
    add_good_paper(fake_arxiv, tmp_path)
    assert run("fetch", "1506.03099").exit_code == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("do not touch")
    note = library / "1506.03099" / "notes.md"
    note.unlink()
    note.symlink_to(victim)
    result = run("fetch", "1506.03099")
    assert result.exit_code == 0, result.stderr
    assert victim.read_text() == "do not touch"
    assert not note.is_symlink() and "## My notes" in note.read_text()
    assert temps(library) == []


def test_library_that_is_a_symlink_is_followed(fake_arxiv: FakeArxiv, tmp_path: Path) -> None:
    # A library kept elsewhere (a synced folder) and linked in is an ordinary set-up, not an attack.
    real = tmp_path / "synced"
    real.mkdir()
    link = tmp_path / "papers"
    link.symlink_to(real, target_is_directory=True)
    add_good_paper(fake_arxiv, tmp_path)
    result = run("fetch", "--library", str(link), "1506.03099")
    assert result.exit_code == 0, result.stderr
    assert (real / "1506.03099" / "notes.md").is_file()


# --- Properties of ID parsing -------------------------------------------------------------------------

_new_ids = st.builds(
    lambda yy, mm, n, v: (f"{yy:02d}{mm:02d}", n, v),
    st.integers(7, 99),
    st.integers(1, 12),
    st.integers(0, 99999),
    st.one_of(st.none(), st.integers(1, 9999)),
).filter(lambda t: int(t[0]) >= 704)


@given(_new_ids, st.sampled_from(["{}", "arXiv:{}", "https://arxiv.org/abs/{}", "arxiv.org/pdf/{}.pdf"]))
@settings(max_examples=200, deadline=None)
def test_valid_new_ids_round_trip(parts: tuple[str, int, int | None], form: str) -> None:
    yymm, number, version = parts
    width = 4 if int(yymm) <= 1412 else 5
    if number >= 10**width:
        number %= 10**width
    bare = f"{yymm}.{number:0{width}d}"
    text = bare + (f"v{version}" if version is not None else "")
    parsed = parse_arxiv_id(form.format(text))
    assert parsed == ArxivId(bare, version)
    assert parse_arxiv_id(str(parsed)) == parsed
    assert _KEY.match(parsed.key) and ".." not in parsed.key


@given(st.text(max_size=40))
@settings(max_examples=400, deadline=None)
def test_any_text_parses_to_a_safe_key_or_bad_input(text: str) -> None:
    try:
        parsed = parse_arxiv_id(text)
    except BadInput as e:
        assert "\n" not in str(e) and len(str(e)) < 300
        return
    assert _KEY.match(parsed.key) and ".." not in parsed.key and "/" not in parsed.key
    assert re.fullmatch(r"[0-9]{4}\.[0-9]{4,5}|[a-z-]+(\.[A-Z]{2})?/[0-9]{7}", parsed.id)


@given(st.text(alphabet=string.ascii_letters + string.digits + "./-_: ", max_size=30))
@settings(max_examples=300, deadline=None)
def test_paper_args_never_escape(text: str) -> None:
    try:
        arg = parse_paper_arg(text)
    except BadInput:
        return
    if isinstance(arg, ArxivId):
        assert _KEY.match(arg.key) and ".." not in arg.key


@given(st.text(min_size=1, max_size=120))
@settings(max_examples=300, deadline=None)
def test_local_keys_are_always_safe(name: str) -> None:
    key = local_key(Path(name.replace("/", "_").replace("\x00", "") + ".pdf"))
    assert _KEY.match(key) and ".." not in key
