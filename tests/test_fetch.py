"""`paperkit fetch` end to end: the CLI, the real arxiv client and download code, a fake arXiv."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from fake_arxiv import FakeArxiv
from paperkit.cli import main
from pdfgen import make_paper_pdf

ABSTRACT = (
    "Recurrent networks are trained to predict the next token given the true previous one. "
    "At inference the model's own guesses are fed back, and mistakes compound. "
    "We propose a curriculum that gradually feeds the model its own guesses during training. "
    "Experiments show significant improvements on several sequence tasks."
)
SECTIONS = [
    (
        "Introduction",
        "Sequence models are everywhere [1]. Training them by teacher forcing is common [2]. "
        "Curricula order examples from easy to hard [3].",
    ),
    (
        "Related Work",
        "Curriculum learning orders examples by difficulty [3]. Other work searches with beams [1].",
    ),
    ("Method", "At each step we flip a coin with probability epsilon to pick the input token."),
    ("Conclusion", "Feeding the model its own guesses helps."),
]
REFERENCES = [
    "A. Graves. Generating sequences with recurrent neural networks. arXiv:1308.0850, 2013.",
    "R. Williams and D. Zipser. A learning algorithm for continually running networks. Neural Comp., 1989.",
    "Y. Bengio, J. Louradour, R. Collobert, J. Weston. Curriculum learning. In ICML, 2009.",
]


def pdf_bytes(tmp_path: Path, name: str, **kw: object) -> bytes:
    args: dict[str, object] = dict(
        title="Scheduled Sampling for Sequence Prediction",
        abstract=ABSTRACT,
        sections=SECTIONS,
        references=REFERENCES,
        layout="one-column",
        outline=True,
        stamp=None,
    )
    args.update(kw)
    path = make_paper_pdf(tmp_path / name, **args)  # type: ignore[arg-type]
    return Path(path).read_bytes()


@pytest.fixture
def served_papers(fake_arxiv: FakeArxiv, tmp_path: Path) -> FakeArxiv:
    fake_arxiv.add_paper(
        "1506.03099",
        version=3,
        title="Scheduled Sampling for Sequence Prediction with Recurrent Neural Networks",
        authors=["Samy Bengio", "Oriol Vinyals", "Navdeep Jaitly", "Noam Shazeer"],
        abstract=ABSTRACT,
        categories=["cs.LG", "cs.CL", "cs.NE"],
        pdf=pdf_bytes(tmp_path, "ss.pdf"),
    )
    fake_arxiv.add_paper(
        "1706.03762",
        version=5,
        title="Attention Is All You Need",
        authors=["Ashish Vaswani"],
        abstract="We propose the Transformer. It works well.",
        categories=["cs.CL"],
        pdf=pdf_bytes(
            tmp_path, "att.pdf", layout="two-column", outline=False, title="Attention Is All You Need"
        ),
    )
    return fake_arxiv


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def one_line_error(result: Result) -> str:
    lines = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output + result.stderr
    return lines[0]


def test_fetch_writes_pdf_meta_sections_and_note(served_papers: FakeArxiv, library: Path) -> None:
    result = run("fetch", "1506.03099")
    assert result.exit_code == 0, result.stderr
    folder = library / "1506.03099"
    assert (folder / "paper.pdf").read_bytes().startswith(b"%PDF-")
    meta = json.loads((folder / "meta.json").read_text())
    for key in ("id", "version", "title", "authors", "published", "updated", "categories", "abstract",
                "links", "doi", "journal_ref", "comment"):  # fmt: skip
        assert key in meta
    assert meta["id"] == "1506.03099" and meta["version"] == 3 and meta["categories"][0] == "cs.LG"
    sections = json.loads((folder / "sections.json").read_text())
    assert sections["introduction"]["text"].startswith("Sequence models are everywhere")
    assert sections["related_work"]["heading"].endswith("Related Work")
    assert len(sections["references"]) == 3
    note = (folder / "notes.md").read_text()
    front = yaml.safe_load(note.split("---\n")[1])
    assert front["arxiv_id"] == "1506.03099" and front["citekey"] == "bengio2015scheduled"
    assert "We propose a curriculum" in note.split("## In one breath")[1].split("## The result")[0]
    assert "1/1" in result.stderr or "1506.03099" in result.stderr  # progress on stderr


def test_second_fetch_is_offline_and_keeps_my_notes(served_papers: FakeArxiv, library: Path) -> None:
    assert run("fetch", "1506.03099").exit_code == 0
    note = library / "1506.03099" / "notes.md"
    note.write_text(note.read_text() + "\nmy thought\n")
    before = len(served_papers.requests)
    assert run("fetch", "arXiv:1506.03099").exit_code == 0
    assert len(served_papers.requests) == before  # neither the API nor the PDF was asked again
    assert note.read_text().endswith("\nmy thought\n")
    assert run("fetch", "--force", "1506.03099").exit_code == 0
    assert len(served_papers.requests_to("/pdf/")) == 2
    assert note.read_text().endswith("\nmy thought\n")


def test_versioned_id_downloads_that_version(served_papers: FakeArxiv, library: Path) -> None:
    assert run("fetch", "https://arxiv.org/abs/1506.03099v1").exit_code == 0
    assert served_papers.requests_to("/pdf/")[-1].path.endswith("1506.03099v1")
    assert json.loads((library / "1506.03099" / "meta.json").read_text())["version"] == 1


def test_two_column_pdf_without_outline(served_papers: FakeArxiv, library: Path) -> None:
    assert run("fetch", "1706.03762").exit_code == 0
    sections = json.loads((library / "1706.03762" / "sections.json").read_text())
    assert sections["introduction"] is not None and sections["related_work"] is not None
    assert "pdf/typography" in sections["found_by"].values()
    assert sections["route"] == "pdf"


def test_batch_goes_on_past_a_bad_item(served_papers: FakeArxiv, library: Path) -> None:
    result = run("fetch", "1506.03099", "1501.99999", "not-an-id", "1706.03762", "--json")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert [o["status"] for o in summary] == ["fetched", "failed", "failed", "fetched"]
    assert summary[0]["files"]["notes.md"].endswith("notes.md")
    assert sorted(p.name for p in library.iterdir()) == ["1506.03099", "1706.03762"]
    assert "2 of 4" in result.stderr


@pytest.mark.parametrize(
    "bad", ["", "15060.3099", "../../etc/passwd", "cs/../../x", "/etc/passwd.pdf", "１５０６.０３０９９"]
)
def test_bad_input_is_one_line_and_writes_nothing(served_papers: FakeArxiv, library: Path, bad: str) -> None:
    result = run("fetch", bad)
    assert result.exit_code == 2
    one_line_error_or_failed(result)
    assert list(library.iterdir()) == []
    assert served_papers.requests == []


def one_line_error_or_failed(result: Result) -> None:
    lines = [line for line in result.stderr.splitlines() if "failed" in line or "error" in line]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_search_fetches_the_top_results(served_papers: FakeArxiv, library: Path) -> None:
    result = run("fetch", "--search", "attention", "--max", "1", "--json")
    assert result.exit_code == 0, result.stderr
    assert [o["key"] for o in json.loads(result.stdout)] == ["1706.03762"]


def test_local_pdf_offline_is_keyed_by_its_stamp(
    served_papers: FakeArxiv, library: Path, tmp_path: Path
) -> None:
    local = tmp_path / "downloaded.pdf"
    local.write_bytes(pdf_bytes(tmp_path, "x.pdf", stamp="arXiv:1506.03099v3 [cs.LG] 23 Sep 2015"))
    result = run("fetch", "--offline", str(local))
    assert result.exit_code == 0, result.stderr
    assert served_papers.requests == []
    meta = json.loads((library / "1506.03099" / "meta.json").read_text())
    assert meta["id"] == "1506.03099" and meta["version"] == 3
    assert "Scheduled Sampling" in meta["title"]


def test_local_pdf_without_id_is_keyed_by_file_name(
    served_papers: FakeArxiv, library: Path, tmp_path: Path
) -> None:
    local = tmp_path / "My Paper (draft).pdf"
    local.write_bytes(pdf_bytes(tmp_path, "y.pdf"))
    result = run("fetch", str(local))
    assert result.exit_code == 0, result.stderr
    (folder,) = list(library.iterdir())
    assert (folder / "notes.md").is_file() and ".." not in folder.name and " " not in folder.name


def test_local_pdf_with_arxiv_down_is_a_warning(
    served_papers: FakeArxiv, library: Path, tmp_path: Path
) -> None:
    local = tmp_path / "p.pdf"
    local.write_bytes(pdf_bytes(tmp_path, "z.pdf", stamp="arXiv:1506.03099v3 [cs.LG] 23 Sep 2015"))
    served_papers.fail("/api/query", status=503)
    result = run("fetch", str(local))
    assert result.exit_code == 0, result.stderr
    assert "warning" in result.stderr
    assert (library / "1506.03099" / "notes.md").is_file()


def test_unreadable_pdf_still_gives_a_note(served_papers: FakeArxiv, library: Path) -> None:
    served_papers.add_paper("1409.0473", title="Align and Translate", pdf=b"%PDF-1.7\n garbage \n%%EOF\n")
    result = run("fetch", "1409.0473")
    assert result.exit_code == 3, result.stderr
    note = (library / "1409.0473" / "notes.md").read_text()
    assert "Warning" in note and "Align and Translate" in note
    assert "warning" in result.stderr


def test_withdrawn_paper_gives_a_note_from_metadata(served_papers: FakeArxiv, library: Path) -> None:
    served_papers.add_paper("1501.00001", title="Withdrawn", withdrawn=True)
    result = run("fetch", "1501.00001")
    assert result.exit_code == 3
    assert not (library / "1501.00001" / "paper.pdf").exists()
    assert "Warning" in (library / "1501.00001" / "notes.md").read_text()


def test_server_errors_end_in_one_line_and_leave_nothing(served_papers: FakeArxiv, library: Path) -> None:
    served_papers.fail("/api/query", status=503)
    result = run("fetch", "1506.03099")
    assert result.exit_code == 1
    assert "503" in one_line_failed(result)
    assert list(library.iterdir()) == []


def test_html_instead_of_pdf_keeps_no_pdf(served_papers: FakeArxiv, library: Path) -> None:
    served_papers.fail(paper="1506.03099", mode="html")
    result = run("fetch", "1506.03099")
    assert result.exit_code == 1
    assert "HTML" in one_line_failed(result)
    assert not (library / "1506.03099" / "paper.pdf").exists()


def one_line_failed(result: Result) -> str:
    lines = [line for line in result.stderr.splitlines() if "failed" in line]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_notes_and_list(served_papers: FakeArxiv, library: Path) -> None:
    assert run("fetch", "1506.03099").exit_code == 0
    (library / "1506.03099" / "sections.json").write_text("{broken")
    result = run("notes", "1506.03099")
    assert result.exit_code == 1 and "--force" in result.stderr
    assert run("notes", "--force", "1506.03099").exit_code == 0
    listing = run("list", "--json")
    rows = json.loads(listing.stdout)
    assert rows[0]["id"] == "1506.03099" and rows[0]["reimplementation"] == "scheduled_sampling"
    shown = run("show", "1506.03099")
    assert "## The idea" in shown.stdout
    assert run("show", "1501.00002").exit_code == 1  # a valid ID that is not in the library


def test_background_fetches_what_the_introduction_cites(
    served_papers: FakeArxiv, library: Path, tmp_path: Path
) -> None:
    served_papers.add_paper(
        "1308.0850",
        title="Generating Sequences With Recurrent Neural Networks",
        pdf=pdf_bytes(tmp_path, "g.pdf"),
    )
    served_papers.add_paper("0904.1234", title="Curriculum Learning", pdf=pdf_bytes(tmp_path, "c.pdf"))
    served_papers.add_paper(
        "0905.1234", title="Curriculum learning for robots", pdf=pdf_bytes(tmp_path, "r.pdf")
    )
    result = run("fetch", "--background", "1506.03099", "--json")
    assert result.exit_code == 0, result.stderr
    fetched = [o["key"] for o in json.loads(result.stdout)]
    assert fetched == ["1308.0850", "0904.1234"]  # by printed arXiv ID, then by its one exact title
    assert "1 cited works" in result.stderr and "learning algorithm" in result.stderr
    assert (library / "1506.03099" / "notes.md").is_file()


def test_background_batch_goes_on_past_a_paper_without_introduction(
    served_papers: FakeArxiv, library: Path, tmp_path: Path
) -> None:
    no_intro = pdf_bytes(tmp_path, "n.pdf", sections=[("Method", "We do things step by step in this part.")])
    served_papers.add_paper("1501.00003", title="No Introduction Here", pdf=no_intro)
    served_papers.add_paper(
        "1308.0850", title="Generating Sequences With Recurrent Neural Networks", pdf=no_intro
    )
    result = run("fetch", "--background", "1501.00003", "1506.03099", "--json")
    assert result.exit_code == 1, result.stderr
    summary = json.loads(result.stdout)
    assert summary[0]["status"] == "failed" and "no introduction" in summary[0]["error"]
    assert "1308.0850" in [o["key"] for o in summary[1:]]
    assert "Traceback" not in result.stderr


def test_a_batch_of_local_pdfs_is_read_ahead_on_every_core_with_the_same_result(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from paperkit.extraction import batch

    pdfs = []
    for n in range(3):
        path = tmp_path / f"paper-{n}.pdf"
        path.write_bytes(
            pdf_bytes(tmp_path, f"src-{n}.pdf", stamp=f"arXiv:150{n}.0000{n}v1 [cs.LG] 1 Jan 2015")
        )
        pdfs.append(str(path))
    handed: list[bool] = []
    take = batch.ReadAhead.take

    def spy(self: batch.ReadAhead, job: batch.Job) -> object:
        got = take(self, job)
        handed.append(got is not None)
        return got

    monkeypatch.setattr(batch.ReadAhead, "take", spy)
    monkeypatch.setattr(batch, "workers_for", lambda count: 2)  # a pool even on a one-core machine
    assert run("fetch", "--offline", *pdfs).exit_code == 0
    assert handed == [True, True, True]  # each paper was read in the pool, none again in the pipeline
    ahead = {p.parent.name: p.read_text() for p in sorted(library.glob("*/sections.json"))}
    for folder in library.iterdir():
        (folder / "sections.json").unlink()
    for pdf in pdfs:  # one at a time: no pool
        assert run("fetch", "--offline", "--force", pdf).exit_code == 0
    assert {p.parent.name: p.read_text() for p in sorted(library.glob("*/sections.json"))} == ahead
    assert len(ahead) == 3


def test_adding_a_cited_paper_updates_the_notes_that_cite_it(served_papers: FakeArxiv, library: Path) -> None:
    # 1506.03099's reference list prints arXiv:1308.0850; that paper comes into the library second.
    assert run("fetch", "1506.03099").exit_code == 0
    citing = library / "1506.03099" / "notes.md"
    assert "../1308.0850/notes.md" not in citing.read_text()
    served_papers.add_paper("1308.0850", title="Generating Sequences With Recurrent Neural Networks",
                            pdf=served_papers.papers["1506.03099"].pdf)  # fmt: skip
    assert run("fetch", "1308.0850").exit_code == 0
    assert "[note](../1308.0850/notes.md)" in citing.read_text()  # the older note now links the new one
    cited = (library / "1308.0850" / "notes.md").read_text()
    assert "## Cited by, in your library" in cited and "../1506.03099/notes.md" in cited


@pytest.mark.parametrize("order", [("1506.03099", "1308.0850"), ("1308.0850", "1506.03099")])
def test_one_batch_links_its_papers_both_ways_rebuilding_each_note_at_most_once(
    served_papers: FakeArxiv, library: Path, monkeypatch: pytest.MonkeyPatch, order: tuple[str, str]
) -> None:
    from paperkit.pipeline import notes

    served_papers.add_paper("1308.0850", title="Generating Sequences With Recurrent Neural Networks",
                            pdf=served_papers.papers["1506.03099"].pdf)  # fmt: skip
    saved: list[str] = []
    real = notes.save_note
    monkeypatch.setattr(notes, "save_note", lambda folder, *a: saved.append(folder.name) or real(folder, *a))
    assert run("fetch", *order).exit_code == 0
    assert "[note](../1308.0850/notes.md)" in (library / "1506.03099" / "notes.md").read_text()
    cited = (library / "1308.0850" / "notes.md").read_text()
    assert "## Cited by, in your library" in cited and "../1506.03099/notes.md" in cited
    # Written when fetched; rebuilt at the end of the batch only when its links changed after that.
    assert sorted(saved) == sorted([*order, order[0]])
