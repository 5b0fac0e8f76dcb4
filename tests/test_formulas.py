"""The idea in symbols: the paper's math macros expanded for KaTeX, and the display equations that
define the method chosen from generated LaTeX sources."""

from __future__ import annotations

import pytest

from paperkit.extraction.latex.formulas import find_formulas
from paperkit.extraction.latex.macros import collect, expand, expand_in_math, katex_ready, renders

PREAMBLE = r"""
\documentclass{article}
\newcommand{\cC}{\mathcal{C}}
\newcommand{\norm}[1]{\left\lVert #1 \right\rVert}
\newcommand\E[2][]{\mathbb{E}_{#1}\left[#2\right]}
\providecommand{\R}{\mathbb{R}}
\def\pair#1#2{\langle #1, #2 \rangle}
\DeclareMathOperator*{\argmin}{arg\,min}
\DeclareMathOperator{\KL}{KL}
\renewcommand{\vec}[1]{\boldsymbol{#1}}
\let\eps\varepsilon
\def\loop{\loop x}
"""


@pytest.mark.parametrize(
    ("tex", "expected"),
    [
        (r"\cC \subset \R^n", r"\mathcal{C} \subset \mathbb{R}^n"),
        (r"\norm{x}_2", r"\left\lVert x \right\rVert_2"),
        (r"\E{x} + \E[q]{y}", r"\mathbb{E}_{}\left[x\right] + \mathbb{E}_{q}\left[y\right]"),
        (r"\pair ab + \pair{\vec u}{v}", r"\langle a, b \rangle + \langle \boldsymbol{u}, v \rangle"),
        (
            r"\argmin_\theta \KL(p\|q) \eps",
            r"\operatorname*{arg\,min}_\theta \operatorname{KL}(p\|q) \varepsilon",
        ),
    ],
)
def test_the_papers_macros_are_expanded(tex: str, expected: str) -> None:
    got = expand(tex, collect(PREAMBLE))
    assert got == expected
    assert renders(got)
    assert not renders(tex)  # KaTeX does not know the paper's own commands


def test_a_macro_that_calls_itself_stops() -> None:
    got = expand(r"\loop", collect(PREAMBLE))
    assert got.startswith(r"\loop") or len(got) < 25_000


def test_macros_are_expanded_in_mathematics_only() -> None:
    text = r"The set \cC{} of $\cC$ and \[ \norm{x} \]"
    got = expand_in_math(text, collect(PREAMBLE))
    assert got.startswith(r"The set \cC{} of $\mathcal{C}$")
    assert r"\left\lVert x \right\rVert" in got


def test_display_environments_become_katex_ones() -> None:
    tex = katex_ready(r" a &= b \label{eq:x} \\ c &= d \nonumber ", {})
    assert tex == r"\begin{aligned}a &= b \\ c &= d\end{aligned}"
    assert renders(tex)
    assert katex_ready(r"\begin{align*} x &= 1 \end{align*}", {}) == r"\begin{aligned} x &= 1 \end{aligned}"
    assert not renders(r"\frac{a}{b")  # braces must balance
    assert not renders(r"\begin{tikzcd} a \end{tikzcd}")


SOURCE = (
    PREAMBLE
    + r"""
\begin{document}
\section{Introduction}
A classic bound is
\begin{equation} \label{eq:intro} p(x) \le 1 \end{equation}
which we do not claim.
\section{Method}
We train a model on data.

Our objective weighs the loss by a temperature, as follows:
\begin{equation}\label{eq:objective}
  \mathcal{L}(\theta) = \E[x \sim D]{\norm{f_\theta(x) - y}^2} + \lambda \KL(q \| p)
\end{equation}
Each step then updates the weights with
\begin{align}
  \theta_{t+1} &= \theta_t - \eta \nabla \mathcal{L}(\theta_t) \label{eq:update} \\
  \eta_{t+1} &= \gamma \eta_t \nonumber
\end{align}
A remark without a relation:
\[ \pair{a}{b} \]
and a last unused identity
\begin{equation}\label{eq:unused} z = 2 \end{equation}
Equation~\eqref{eq:objective} is minimised; by \eqref{eq:update} and \eqref{eq:objective} and
Eq.~\ref{eq:update} the rate decays.
\section{Experiments}
We measure
\begin{equation}\label{eq:acc} \mathrm{acc} = n / N \end{equation}
as in \eqref{eq:acc}, \eqref{eq:acc}, \eqref{eq:acc}, \eqref{eq:acc}.
\end{document}
"""
)


def _formulas(source: str) -> list:
    preamble, body = source.split(r"\begin{document}")
    macros = collect(preamble)
    return find_formulas(expand_in_math(body, macros), macros)


def test_the_method_equations_the_text_refers_to_most() -> None:
    formulas = _formulas(SOURCE)
    assert [f.label for f in formulas] == ["eq:objective", "eq:update", "eq:unused"]
    assert formulas[0].refs == 2 and formulas[1].refs == 2
    objective = formulas[0]
    assert objective.sentence == "Our objective weighs the loss by a temperature, as follows:"
    assert r"\mathbb{E}_{x \sim D}" in objective.tex and r"\operatorname{KL}" in objective.tex
    assert formulas[1].tex.startswith(r"\begin{aligned}")
    assert all(f.renders for f in formulas)
    assert not {f.label for f in formulas} & {"eq:intro", "eq:acc"}


def test_without_a_method_section_the_middle_sections_are_read() -> None:
    source = SOURCE.replace(r"\section{Method}", r"\section{Stochastic weighting}")
    assert [f.label for f in _formulas(source)][:2] == ["eq:objective", "eq:update"]


def test_a_paper_without_display_equations_has_no_formula() -> None:
    assert (
        _formulas(PREAMBLE + r"\begin{document}\section{Method} Text with $x=1$ inline.\end{document}") == []
    )
