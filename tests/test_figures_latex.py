"""Figure 1 from generated LaTeX sources: the files its environment includes (found as LaTeX finds them,
read from the e-print by name), subfigures side by side, the caption with its macros expanded; a figure
the source cannot give (TikZ, missing files, EPS without Ghostscript) falls back to the PDF's crop."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pymupdf
import pytest

from figgen import page_with_figure
from paperkit.extraction.images import MAX_BYTES, MAX_WIDTH
from paperkit.extraction.latex import figures as latex_figures
from paperkit.extraction.seam import PaperFiles
from paperkit.extraction.visuals import read_visuals


def _png(w: int, h: int, shade: int) -> bytes:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, w, h), False)
    pix.clear_with(shade)
    return pix.tobytes("png")


def _pdf_graphic() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=200, height=100)
    page.draw_rect(pymupdf.Rect(10, 10, 190, 90), color=(0, 0, 1), fill=(1, 0.8, 0.2))
    return doc.tobytes()


def _eprint(tmp_path: Path, tex: str, files: dict[str, bytes]) -> Path:
    out = tmp_path / "source.tar.gz"
    with tarfile.open(out, "w:gz") as tar:
        for name, data in {"main.tex": tex.encode(), **files}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out


def _paper(figure: str) -> str:
    return (
        r"\documentclass{article}\usepackage{graphicx}\graphicspath{{figs/}}"
        r"\newcommand{\ours}{Blockwise Mixing}\newcommand{\vx}{\mathbf{x}}"
        r"\title{A paper}\begin{document}\maketitle\section{Introduction} Text about our method."
        + figure
        + r"\section{Method} More text.\end{document}"
    )


SUBFIGURES = r"""
\begin{figure*}[t]
\centering
\begin{subfigure}{.45\textwidth}\includegraphics[width=\linewidth]{left}
\caption{The left half.}\end{subfigure}
\begin{subfigure}{.45\textwidth}\includegraphics[width=\linewidth]{right.pdf}
\caption{The right half.}\end{subfigure}
\caption{\ours{} maps each input $\vx$ to a mixed block.}\label{fig:overview}
\end{figure*}
"""


def test_subfigures_side_by_side_with_the_expanded_caption(tmp_path: Path) -> None:
    source = _eprint(
        tmp_path, _paper(SUBFIGURES), {"figs/left.png": _png(300, 150, 40), "figs/right.pdf": _pdf_graphic()}
    )
    found = read_visuals(PaperFiles(source=source))
    figure = found.figure
    assert figure is not None and figure.found_by == "latex/includegraphics"
    assert figure.caption == r"Blockwise Mixing maps each input $\mathbf{x}$ to a mixed block."
    assert figure.width <= MAX_WIDTH and len(figure.png) <= MAX_BYTES
    assert figure.width > 1.5 * figure.height  # two panels of 2:1 side by side
    pix = pymupdf.Pixmap(figure.png)
    left = pix.pixel(pix.width // 5, pix.height // 2)
    right = pix.pixel(pix.width * 4 // 5, pix.height // 2)
    assert left[0] < 80 and right != left  # the dark PNG on the left, the PDF's orange box on the right


def test_a_single_jpg_found_without_its_extension(tmp_path: Path) -> None:
    jpg = pymupdf.Pixmap(_png(400, 300, 200)).tobytes("jpg")
    figure_env = r"\begin{figure}\includegraphics{plot}\caption{A plot.}\end{figure}"
    source = _eprint(tmp_path, _paper(figure_env), {"figs/plot.jpg": jpg})
    figure = read_visuals(PaperFiles(source=source)).figure
    assert figure is not None and figure.width >= 400 and figure.caption == "A plot."


def test_eps_without_ghostscript_falls_back_to_the_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(latex_figures.shutil, "which", lambda _name: None)
    figure_env = (
        r"\begin{figure}\includegraphics{diagram.eps}\caption{Figure one caption words here.}\end{figure}"
    )
    source = _eprint(tmp_path, _paper(figure_env), {"figs/diagram.eps": b"%!PS-Adobe-3.0 EPSF-3.0\n"})
    doc, _ = page_with_figure(1, "vector", "below", seed=5)
    pdf = tmp_path / "paper.pdf"
    doc.save(pdf)
    found = read_visuals(PaperFiles(pdf=pdf, source=source))
    assert found.figure is not None and found.figure.found_by == "pdf/caption"


def test_a_tikz_figure_without_a_pdf_gives_none(tmp_path: Path) -> None:
    figure_env = (
        r"\begin{figure}\begin{tikzpicture}\draw (0,0)--(1,1);\end{tikzpicture}\caption{Drawn.}\end{figure}"
    )
    found = read_visuals(PaperFiles(source=_eprint(tmp_path, _paper(figure_env), {})))
    assert found.figure is None and found.caption == "Drawn."


def test_the_printed_figure_takes_the_sources_caption(tmp_path: Path) -> None:
    doc, drawn = page_with_figure(2, "raster", "below", seed=7)
    pdf = tmp_path / "paper.pdf"
    doc.save(pdf)
    printed = doc[0].get_text("text", clip=drawn.captions[0]).split()[2:8]
    caption = " ".join(printed) + r" with $\vx$ in it."
    figure_env = r"\begin{figure}\includegraphics{missing}\caption{" + caption + "}\\end{figure}"
    found = read_visuals(PaperFiles(pdf=pdf, source=_eprint(tmp_path, _paper(figure_env), {})))
    assert found.figure is not None and found.figure.found_by == "pdf/caption"
    assert found.figure.caption.endswith(r"with $\mathbf{x}$ in it.")


def test_no_figures_asked_reads_formulas_only(tmp_path: Path) -> None:
    source = _eprint(tmp_path, _paper(SUBFIGURES), {"figs/left.png": _png(300, 150, 40)})
    assert read_visuals(PaperFiles(source=source), figures=False).figure is None
