"""The LaTeX route: sources built here (strings → tar in memory), read alone and through ``paperkit fetch``
against the fake arXiv; the fallbacks to the PDF and hostile archives."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CORPUS
from fake_arxiv import FakeArxiv, gzip_tex, make_eprint, make_pdf_bytes
from paperkit.cli import main
from paperkit.extraction import PaperFiles, read_paper
from paperkit.extraction.latex.archive import MAX_MEMBERS, SourceError, read_source
from paperkit.extraction.latex.route import LatexRoute, read_files
from pdfgen import make_paper_pdf
from reliability_support import warning_lines

MAIN = r"""\documentclass[11pt]{article}
\usepackage[numbers]{natbib}
\newcommand{\method}{SwiftNet}
\def\data{ImageNet}
\input{macros}
\title{Old title}
\title{\method: Fast Nets\\ for Everyone}
\begin{document}
\maketitle
\begin{abstract}
We present \method{}, trained on \data. It costs $O(L^2)$ -- na\"ive methods cost 50\% more.
\end{abstract}
\section{Introduction}\label{sec:intro}
Deep nets are slow~\cite{slow,slower}. % a comment that must vanish
As shown by \citet{slow}, speed matters; see Section~\ref{sec:rw} and
\begin{equation}\label{eq:cost} c = n^2 \end{equation}
which (\eqref{eq:cost}) we cut.\footnote{A footnote that is not running text.}
\iffalse Dead text never printed. \fi
\begin{figure}\caption{A caption \cite{other}}\end{figure}
\begin{comment} Hidden text. \end{comment}
\section[Short]{Related Work}\label{sec:rw}
Earlier work~\citep[e.g.,][]{other} used \method.
\input sections/method
\appendix
\section{Proofs}
Trivial.
\bibliographystyle{unsrtnat}
\bibliography{refs}
\end{document}
"""
METHOD = r"\section{Method}" "\nWe cut corners.\n"
BBL = r"""\begin{thebibliography}{3}
\bibitem[Slow(2019)]{slow} A.~Slow. \newblock Slow nets. \newblock In \emph{Proc. Slowness}, 2019.
\bibitem[Slower(2020)]{slower} B.~Slower. \newblock Slower nets. \newblock 2020.
\bibitem[Other(2018)]{other} C.~Other. \newblock Other nets. \newblock 2018.
\end{thebibliography}
"""
TREE = {
    "paper.tex": MAIN,
    "macros.tex": r"\newcommand{\unused}{x}",
    "sections/method.tex": METHOD,
    "paper.bbl": BBL,
}


def read(tree: dict[str, str]) -> object:
    return read_files({k: v.encode() for k, v in tree.items()})


def test_reads_title_abstract_headings_sections_and_citations() -> None:
    s = read_files({k: v.encode() for k, v in TREE.items()})
    assert s.route == "latex"
    assert s.title == "SwiftNet: Fast Nets for Everyone"  # the last \title wins, macros expanded
    assert (
        s.abstract
        == "We present SwiftNet, trained on ImageNet. It costs $O(L^2)$ – naïve methods cost 50% more."
    )
    assert s.headings == ["1 Introduction", "2 Related Work", "3 Method", "A Proofs", "References"]
    assert s.introduction is not None and s.introduction.heading == "1 Introduction"
    intro = s.introduction.text
    assert intro.startswith("Deep nets are slow [1, 2].")
    assert "Slow [1]" in intro and "Section 2" in intro and "$$c = n^2$$" in intro and "(1)" in intro
    for gone in ("comment", "footnote", "Dead text", "caption", "Hidden"):
        assert gone not in intro
    assert s.related_work is not None and s.related_work.heading == "2 Related Work"
    assert s.related_work.text == "Earlier work [e.g., 3] used SwiftNet."
    assert [r.key for r in s.references] == ["slow", "slower", "other"]
    assert [(c.marker, c.section, c.targets) for c in s.citations] == [
        ("[1, 2]", "introduction", [0, 1]),
        ("Slow [1]", "introduction", [0]),
        ("[e.g., 3]", "related_work", [2]),
    ]
    assert s.found_by["abstract"] == "latex/source" and s.found_by["references"] == "latex/bbl"


def test_author_year_bib_and_renamed_abstract() -> None:
    main_tex = r"""\documentclass{article}
\usepackage{natbib}
\begin{document}
\renewcommand{\abstractname}{Acknowledgements}
\begin{abstract}Thanks to all.\end{abstract}
\renewcommand{\abstractname}{Abstract}
\begin{abstract}The real abstract.\end{abstract}
\section*{Introduction}
Curricula help \citep{bengio09}, as \citet{zaremba14} and \citep{missing} show.
\bibliographystyle{plainnat}
\bibliography{lib}
\end{document}"""
    bib = r"""@inproceedings{bengio09,
  author = {Bengio, Yoshua and Louradour, J{\'e}r{\^o}me and Weston, Jason},
  title = {Curriculum Learning}, booktitle = {ICML}, year = 2009}
@article{zaremba14, author = "Wojciech Zaremba and Ilya Sutskever",
  title = {Learning to Execute}, year = {2014}}
@misc{uncited, author = {Nobody}, title = {Never}, year = {2000}}"""
    s = read_files({"main.tex": main_tex.encode(), "lib.bib": bib.encode()})
    assert s.abstract == "The real abstract."
    assert s.headings[:2] == ["Acknowledgements", "Introduction"]
    assert [r.key for r in s.references] == ["bengio09", "zaremba14"]  # cited only, author-year order
    assert "Louradour" in s.references[0].text
    assert [c.marker for c in s.citations] == ["(Bengio et al., 2009)", "Zaremba and Sutskever (2014)", "[?]"]
    assert s.citations[2].targets == []


def test_main_file_found_among_several_documentclasses() -> None:
    standalone = (
        r"\documentclass{standalone}\begin{document}\begin{tikzpicture}\end{tikzpicture}\end{document}"
    )
    s = read_files({"fig1.tex": standalone.encode(), **{k: v.encode() for k, v in TREE.items()}})
    assert s.title.startswith("SwiftNet")
    readme = json.dumps({"sources": [{"usage": "toplevel", "filename": "other.tex"}]})
    other = r"\documentclass{article}\title{Named}\begin{document}\section{Introduction}Hi.\end{document}"
    s = read_files(
        {"00README.json": readme.encode(), "other.tex": other.encode(), "paper.tex": MAIN.encode()}
    )
    assert s.title == "Named"


def test_revtex_numbering_and_structured_abstract() -> None:
    tex = r"""\documentclass[aps,prd]{revtex4-1}
\begin{document}
\title{T}
\abstract{Context here.}{Aims here.}
\maketitle
\section{Introduction}
Text.
\begin{acknowledgments}Thanks.\end{acknowledgments}
\appendix
\section{Proof of $\gamma$}
\end{document}"""
    s = read_files({"m.tex": tex.encode()})
    assert " ".join(s.abstract.split()) == "Context here. Aims here."
    assert s.headings == ["I. Introduction", "Acknowledgments", "Appendix A: Proof of γ"]


def test_hostile_archive_members_are_never_written(tmp_path: Path) -> None:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for name, data in (
            ("../escape.tex", b"x"),
            ("/abs.tex", b"y"),
            ("ok/main.tex", TREE["paper.tex"].encode()),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("link.tex")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(link)
        dev = tarfile.TarInfo("dev.tex")
        dev.type = tarfile.CHRTYPE
        tar.addfile(dev)
    path = tmp_path / "e.tar.gz"
    path.write_bytes(out.getvalue())
    before = sorted(p.name for p in tmp_path.parent.iterdir())
    files = read_source(path)
    assert sorted(files) == ["ok/main.tex"]
    assert sorted(p.name for p in tmp_path.parent.iterdir()) == before and list(tmp_path.iterdir()) == [path]


def test_decompression_bomb_and_member_flood_are_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import paperkit.extraction.latex.archive as archive

    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 1_000_000)
    bomb = tmp_path / "bomb.tar.gz"
    bomb.write_bytes(make_eprint({"main.tex": MAIN, "zeros.bin": bytes(5_000_000)}))
    with pytest.raises(SourceError, match="more than"):
        read_source(bomb)
    flood = tmp_path / "flood.tar.gz"
    flood.write_bytes(make_eprint({f"f{i}.txt": "" for i in range(MAX_MEMBERS + 1)}))
    with pytest.raises(SourceError, match="more than"):
        read_source(flood)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.5 not a source", "pdf"),
        (b"<!DOCTYPE html><html>error</html>", "html"),
        (b"\x1f\x8b\x08garbage-not-gzip", "corrupt"),
        (gzip.compress(b"%PDF-1.4 gzipped pdf"), "pdf"),
        (make_eprint({"notes.txt": "no tex here"}), "no-main"),
    ],
)
def test_unusable_sources_say_why(tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "e"
    path.write_bytes(data)
    with pytest.raises(SourceError) as caught:
        LatexRoute().read(PaperFiles(source=path))
    assert caught.value.kind == kind


def test_single_gzipped_tex_and_auto_fallback(tmp_path: Path) -> None:
    single = tmp_path / "e1"
    single.write_bytes(gzip_tex(MAIN.replace(r"\input{macros}", "")))
    assert read_paper(PaperFiles(source=single)).title.startswith("SwiftNet")
    broken = tmp_path / "e2"
    broken.write_bytes(b"<html>oops</html>")
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(make_pdf_bytes("Hello world, this is a PDF"))
    with pytest.raises(SourceError):
        read_paper(PaperFiles(source=broken), "latex")  # nothing to fall back on
    # The route owns its fallback: asked for by name, it hands over to the PDF with one warning.
    sections = read_paper(PaperFiles(pdf=pdf, source=broken), "latex")
    assert sections.route == "pdf" and "latex route could not read" in sections.warnings[0]


ID = "2101.00001"


def _fetch(fake: FakeArxiv, library: Path, *args: str, eprint: bytes | None) -> tuple[object, dict]:
    pdf = make_paper_pdf(
        library.parent / "paper.pdf",
        title="SwiftNet: Fast Nets for Everyone",
        abstract="We present SwiftNet, a fast network. " * 6,
        sections=[
            ("Introduction", "Deep nets are slow [1]. " * 8),
            ("Related Work", "Earlier work [1]. " * 8),
        ],
        references=["A. Slow. Slow nets. In Proc. Slowness, 2019."],
        layout="one-column",
        outline=True,
        stamp=None,
    )
    fake.add_paper(ID, title="SwiftNet", pdf=Path(pdf).read_bytes(), eprint=eprint)
    result = CliRunner().invoke(main, ["fetch", "--library", str(library), *args, ID])
    sections = json.loads((library / ID / "sections.json").read_text())
    return result, sections


def test_fetch_reads_the_eprint(fake_arxiv: FakeArxiv, tmp_path: Path) -> None:
    result, sections = _fetch(fake_arxiv, tmp_path / "lib", eprint=make_eprint(TREE))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert sections["route"] == "latex" and sections["found_by"]["introduction"] == "latex/source"
    first = sections["citations"][0]
    assert {k: first[k] for k in ("marker", "section", "targets")} == {
        "marker": "[1, 2]", "section": "introduction", "targets": [0, 1]
    }  # fmt: skip
    intro = sections["introduction"]["text"]
    assert intro[first["at"] : first["at"] + len("[1, 2]")] == "[1, 2]"  # where it stands, for the note
    assert (tmp_path / "lib" / ID / "source.tar.gz").is_file() and (
        tmp_path / "lib" / ID / "paper.pdf"
    ).is_file()
    assert fake_arxiv.requests_to(f"/e-print/{ID}")
    note = (tmp_path / "lib" / ID / "notes.md").read_text()
    assert "were read from the LaTeX source" in note and "$O(L^2)$" in note


def test_fetch_route_pdf_skips_the_eprint(fake_arxiv: FakeArxiv, tmp_path: Path) -> None:
    _, sections = _fetch(fake_arxiv, tmp_path / "lib", "--route", "pdf", eprint=make_eprint(TREE))
    assert sections["route"] == "pdf"
    assert "were read from the PDF" in (tmp_path / "lib" / ID / "notes.md").read_text()
    assert not fake_arxiv.requests_to("/e-print/")


@pytest.mark.parametrize(
    ("eprint", "says"),
    [
        (None, "HTTP 404"),
        (b"%PDF-1.4\n%%EOF\n", "PDF-only"),
        (gzip.compress(b"\x00\x01 binary junk"), "could not read"),
        (make_eprint({"readme.txt": "nothing"}), "could not read"),
        (make_eprint({"main.tex": "\\documentclass{article}\n\\title{x}"}), "could not read"),
    ],
)
def test_fetch_falls_back_to_the_pdf_with_one_warning(
    fake_arxiv: FakeArxiv, tmp_path: Path, eprint: bytes | None, says: str
) -> None:
    result, sections = _fetch(fake_arxiv, tmp_path / "lib", eprint=eprint)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert sections["route"] == "pdf"
    warnings = warning_lines(result.stderr, sources=True)  # type: ignore[attr-defined]
    assert len(warnings) == 1 and says in warnings[0], warnings


def test_fetch_html_eprint_falls_back(fake_arxiv: FakeArxiv, tmp_path: Path) -> None:
    fake_arxiv.fail(f"/e-print/{ID}", mode="html")
    result, sections = _fetch(fake_arxiv, tmp_path / "lib", eprint=make_eprint(TREE))
    assert sections["route"] == "pdf"
    warnings = warning_lines(result.stderr, sources=True)  # type: ignore[attr-defined]
    assert len(warnings) == 1 and "HTML" in warnings[0]


def test_fetch_local_folder_and_archive(tmp_path: Path) -> None:
    folder = tmp_path / "draft"
    for name, text in TREE.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    archive = tmp_path / "draft2.tar.gz"
    archive.write_bytes(make_eprint(TREE))
    library = tmp_path / "lib"
    for given, key in ((folder, "draft"), (archive, "draft2")):
        result = CliRunner().invoke(main, ["fetch", "--offline", "--library", str(library), str(given)])
        assert result.exit_code == 0, result.output
        sections = json.loads((library / key / "sections.json").read_text())
        assert sections["route"] == "latex" and sections["title"].startswith("SwiftNet")
        assert (library / key / "source.tar.gz").is_file()


@pytest.mark.corpus
def test_corpus_sources_read() -> None:
    corpus = CORPUS / "latex"
    if not (corpus / "truth.jsonl").is_file():
        pytest.skip("LaTeX corpus not present")
    for line in (corpus / "truth.jsonl").read_text().splitlines():
        truth = json.loads(line)
        s = LatexRoute().read(PaperFiles(source=corpus / truth["arxiv_id"] / "source.tar.gz"))
        assert s.route == "latex" and (s.title or not truth["title"])


def test_a_source_without_bibliography_takes_the_printed_reference_list(tmp_path: Path) -> None:
    tree = {k: v for k, v in TREE.items() if k != "paper.bbl"}  # BibTeX ran elsewhere: no .bbl, no .bib
    archive = tmp_path / "src.tar.gz"
    archive.write_bytes(make_eprint(tree))
    pdf = make_paper_pdf(
        tmp_path / "p.pdf",
        title="SwiftNet: Fast Nets for Everyone",
        abstract="We present SwiftNet, a fast network. " * 6,
        sections=[("Introduction", "Deep nets are slow [1]. " * 8)],
        references=["A. Slow. Slow nets. In Proc. Slowness, 2019.", "B. Slower. Slower nets. 2020."],
        layout="one-column",
        outline=True,
        stamp=None,
    )
    s = read_paper(PaperFiles(pdf=Path(pdf), source=archive))
    assert s.route == "latex" and s.title.startswith("SwiftNet")
    assert s.references and s.references[0].title == "Slow nets"
    assert s.found_by["references"].startswith("pdf/")
    assert any("reference list is the PDF's" in w for w in s.warnings)
    # Without a PDF there is nothing to take it from: the record says so by having none.
    assert read_paper(PaperFiles(source=archive)).references == []


def test_control_spaces_and_line_breaks_read_as_spaces() -> None:
    from paperkit.extraction.latex.to_text import to_text

    assert to_text(r"Isi and Farr,\ Revisiting\\ the \emph{ringdown}\\[2pt] again") == (
        "Isi and Farr, Revisiting the ringdown again"
    )
