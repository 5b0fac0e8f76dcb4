"""The library as a map: cited by (ID or title), links to cited notes, the reading queue, one BibTeX file."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from paperkit.cli import main
from paperkit.library.map import Unread, cited_by, shelf
from paperkit.library.store import Library
from paperkit.pipeline.notes import write_note
from paperkit.pipeline.views import library_bibtex, next_to_read
from paperkit.records import CitationLink, PaperMeta, Reference, Section, Sections


def _sections(refs: list[Reference]) -> Sections:
    return Sections(
        title="T",
        abstract="A",
        headings=["1 Introduction"],
        introduction=Section(
            "1 Introduction", "Widgets help [1]. Gadgets help [2]. Sprockets help [3].", 1, 1
        ),
        related_work=None,
        references=refs,
        citations=[CitationLink(f"[{i + 1}]", "introduction", [i]) for i in range(len(refs))],
    )


def _library(tmp_path: Path) -> Library:
    lib = Library(tmp_path)
    lib.check()
    title = "The Widget Layer for Deep Networks"
    widget = PaperMeta(id="1506.03099", version=1, title=title, authors=["Ann Lee"], published="2015-06-01",
                       doi="10.1/x", journal_ref="J. Widgets 1 (2015)")  # fmt: skip
    gadget = PaperMeta(id="1706.03762", version=1, title="Widget Layers Revisited", authors=["Bo Lee"],
                       published="2015-07-01")  # fmt: skip
    refs = [
        Reference("[1] A. Lee. The widget layer for deep networks. 2015.", "[1]", ["A. Lee"], "2015",
                  "The widget layer for deep networks"),
        Reference("[2] C. Doe. Sprocket theory at scale. arXiv:1111.11111, 2011.", "[2]", ["C. Doe"], "2011",
                  "Sprocket theory at scale", arxiv_id="1111.11111"),
        Reference("[3] E. Roe. An unfetched old idea. 1999.", "[3]", ["E. Roe"], "1999",
                  "An unfetched old idea"),
    ]  # fmt: skip
    for meta, sections in ((widget, _sections([])), (gadget, _sections(refs))):
        lib.paper_dir(meta.key).mkdir(parents=True, exist_ok=True)
        lib.write_meta(meta)
        lib.write_sections(meta.key, sections)
    return lib


def test_cited_by_and_links_to_cited_notes(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    assert [c.key for c in cited_by(shelf(lib), "1506.03099")] == ["1706.03762"]  # matched by title
    gadget = write_note(lib, "1706.03762", lib.read_meta("1706.03762"), lib.read_sections("1706.03762"))
    assert "[note](../1506.03099/notes.md)" in gadget.path.read_text()
    widget = write_note(lib, "1506.03099", lib.read_meta("1506.03099"), lib.read_sections("1506.03099"))
    text = widget.path.read_text()
    assert "## Cited by, in your library" in text and "(../1706.03762/notes.md)" in text


def test_reading_queue_and_bib(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    queue = next_to_read(lib)
    assert {u.title for u in queue} == {"Sprocket theory at scale", "An unfetched old idea"}
    assert any(u.fetch_command == "paperkit fetch 1111.11111" for u in queue)
    # a work with no arXiv ID: a title search, quoted so that a shell takes it as it is
    assert 'paperkit fetch --search "An unfetched old idea" --max 1' in {u.fetch_command for u in queue}
    odd = Unread(1, 'A "quoted" $HOME `x` title!', "Roe", None, None)
    assert odd.fetch_command == 'paperkit fetch --search "A quoted HOME x title" --max 1'
    bib = library_bibtex(lib)
    assert "@misc{lee2015widget," in bib and "@misc{lee2015widgeta," in bib  # unique citekeys
    assert "doi={10.1/x}" in bib and "note={J. Widgets 1 (2015)}" in bib
    out = CliRunner().invoke(main, ["next", "--library", str(tmp_path)])
    assert out.exit_code == 0 and "paperkit fetch 1111.11111" in out.output
    out = CliRunner().invoke(main, ["bib", "1506.03099", "--library", str(tmp_path)])
    assert out.exit_code == 0 and out.output.count("@misc") == 1
