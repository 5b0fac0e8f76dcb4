"""Figure 1 and "The idea in symbols" through ``paperkit fetch`` (a fake arXiv serving a generated PDF and
e-print): the figure stored as figures/fig1.png and embedded under "In one breath", the method's equations
as ``$$`` blocks; ``--no-figures`` and ``PAPERKIT_FIGURES=0`` leave the figure out, the PDF route shows no
formula, ``paperkit show`` says where the figure file is."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest
from click.testing import CliRunner, Result

from fake_arxiv import FakeArxiv, make_eprint
from figgen import page_with_figure
from paperkit.cli import main
from paperkit.notes.symbols import figure_in_terminal

TEX = r"""\documentclass{article}
\newcommand{\vx}{\mathbf{x}}
\DeclareMathOperator{\softmax}{softmax}
\title{Blockwise Mixing for Sequence Models}
\begin{document}
\maketitle
\begin{abstract}
Sequence models mix tokens slowly. We propose blockwise mixing, which mixes each block of tokens at
once. Experiments show it halves the training time.
\end{abstract}
\section{Introduction}
Models mix tokens one step at a time. We mix whole blocks instead.
\section{Method}
Each block is mixed by attention over its tokens, as follows:
\begin{equation}\label{eq:mix}
  y = \softmax\left(\frac{Q K^\top}{\sqrt{d}}\right) V \vx
\end{equation}
Equation~\eqref{eq:mix} is applied to every block.
\section{Experiments}
It is faster.
\end{document}
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def served(fake_arxiv: FakeArxiv, tmp_path: Path) -> FakeArxiv:
    doc, _ = page_with_figure(2, "vector", "below", span=True, seed=11)
    fake_arxiv.add_paper(
        "2401.00042",
        version=1,
        title="Blockwise Mixing for Sequence Models",
        pdf=doc.tobytes(),
        eprint=make_eprint({"main.tex": TEX}),
    )
    return fake_arxiv


def test_fetch_stores_the_figure_and_the_note_shows_it_and_the_formula(
    served: FakeArxiv, library: Path
) -> None:
    result = run("fetch", "2401.00042")
    assert result.exit_code == 0, result.stderr
    folder = library / "2401.00042"
    pix = pymupdf.Pixmap(str(folder / "figures" / "fig1.png"))
    assert 200 <= pix.width <= 1600
    visuals = json.loads((folder / "visuals.json").read_text())
    assert visuals["figure"]["path"] == "figures/fig1.png" and visuals["figure"]["found_by"] == "pdf/caption"
    note = (folder / "notes.md").read_text()
    breath = note.split("## In one breath")[1].split("## The problem")[0]
    assert "![Figure 1: " in breath and "](figures/fig1.png)" in breath
    symbols = note.split("## The idea in symbols")[1].split("## The result")[0]
    assert "Each block is mixed by attention over its tokens, as follows:" in symbols
    assert r"\operatorname{softmax}" in symbols and r"\mathbf{x}" in symbols and "\n$$\n" in symbols


def test_no_figures_leaves_the_figure_out(served: FakeArxiv, library: Path) -> None:
    assert run("fetch", "--no-figures", "2401.00042").exit_code == 0
    folder = library / "2401.00042"
    assert not (folder / "figures" / "fig1.png").exists()
    note = (folder / "notes.md").read_text()
    assert "](figures/fig1.png)" not in note and "## The idea in symbols" in note


def test_the_configuration_switch_leaves_the_figure_out(
    served: FakeArxiv, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAPERKIT_FIGURES", "0")
    assert run("fetch", "2401.00042").exit_code == 0
    assert not (library / "2401.00042" / "figures" / "fig1.png").exists()
    monkeypatch.setenv("PAPERKIT_FIGURES", "maybe")
    result = run("fetch", "2401.00042")
    assert result.exit_code == 2 and "PAPERKIT_FIGURES" in result.stderr and "Traceback" not in result.output


def test_notes_no_figures_drops_the_embedded_figure(served: FakeArxiv, library: Path) -> None:
    assert run("fetch", "2401.00042").exit_code == 0
    assert run("notes", "--no-figures", "2401.00042").exit_code == 0
    assert "](figures/fig1.png)" not in (library / "2401.00042" / "notes.md").read_text()
    assert run("notes", "2401.00042").exit_code == 0
    assert "](figures/fig1.png)" in (library / "2401.00042" / "notes.md").read_text()


def test_the_pdf_route_shows_no_formula(served: FakeArxiv, library: Path) -> None:
    assert run("fetch", "--route", "pdf", "2401.00042").exit_code == 0
    note = (library / "2401.00042" / "notes.md").read_text()
    assert "## The idea in symbols" not in note and "](figures/fig1.png)" in note


def test_show_says_where_the_figure_file_is(tmp_path: Path) -> None:
    note = "## In one breath\n\n![Figure 1: A plot](figures/fig1.png)\n\n**Figure 1:** A plot.\n"
    shown = figure_in_terminal(note, tmp_path / "2401.00042")
    assert f"Figure file: {(tmp_path / '2401.00042' / 'figures' / 'fig1.png').as_posix()}" in shown
    assert "**Figure 1:** A plot." in shown and "![" not in shown


def test_a_linked_figures_folder_is_not_written_through(tmp_path: Path) -> None:
    from paperkit.library.store import Library
    from paperkit.library.visuals import read_visuals, write_visuals
    from paperkit.records import Figure, Visuals

    library = Library(tmp_path / "library")
    folder = library.paper_dir("2401.00042")
    folder.mkdir(parents=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (folder / "figures").symlink_to(outside)
    write_visuals(library, "2401.00042", Visuals(figure=Figure(caption="A plot.", png=b"\x89PNG fake")))
    assert list(outside.iterdir()) == []
    assert read_visuals(library, "2401.00042").figure is None
