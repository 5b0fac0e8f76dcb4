"""The author's commands and cross-references on the LaTeX route, on sources built here: macros with
arguments (one that prints nothing eats its argument), a system name from a package the tree ships, CVPR's
``\\onedot``, and ``\\ref``/``\\eqref``/``\\autoref``/``\\cref`` printed as the PDF prints them."""

from __future__ import annotations

from paperkit.extraction.latex.commands import collect_macros, expand_macros
from paperkit.extraction.latex.route import read_files
from paperkit.records import Sections

STY = r"""\ProvidesPackage{mymacros}
\newcommand{\sys}{GraphRun\xspace}
\newcommand{\Sys}{\textsc{GraphRun}\xspace}
"""
CVPR = r"""\makeatletter
\DeclareRobustCommand\onedot{\futurelet\@let@token\@onedot}
\def\onedot{\ifx\@let@token.\else.\null\fi\xspace}
\def\eg{\emph{e.g}\onedot} \def\etal{\emph{et al}\onedot}
\def\ie{i.e.\@\xspace}
\makeatother
"""


def _read(preamble: str, intro: str, rest: str = "", **files: str) -> Sections:
    main = (
        "\\documentclass{article}\n" + preamble + "\n\\begin{document}\n"
        "\\section{Introduction}\\label{sec:intro}\n"
        + intro
        + "\n\\section{Method}\\label{sec:method}\n"
        + rest
        + "\n\\end{document}\n"
    )
    return read_files({"main.tex": main.encode(), **{k: v.encode() for k, v in files.items()}})


def _intro(s: Sections) -> str:
    assert s.introduction is not None
    return s.introduction.text


def test_macros_with_arguments_defaults_and_a_macro_that_prints_nothing() -> None:
    pre = (
        r"\newcommand{\eat}[1]{}" "\n" r"\newcommand{\note}[2][Note]{#1: #2}" "\n"
        r"\def\pair#1#2{(#1, #2)}" "\n" r"\newcommand\R{\mathbb{R}}"
    )  # fmt: skip
    text = _intro(_read(pre, r"We fit\eat{ an old draft sentence} a line \pair{a}{b} in $\R^n$. "
                             r"\note{one}. \note[Aside]{two}."))  # fmt: skip
    assert text == "We fit a line (a, b) in $\\mathbb{R}^n$. Note: one. Aside: two."


def test_a_system_name_from_a_package_the_tree_ships_and_cvpr_abbreviations() -> None:
    s = _read(
        "\\usepackage{mymacros}\n" + CVPR,
        r"\sys is fast, \eg, on graphs; \Sys{} scales (\ie linearly), as Lee \etal. showed \eg.",
        **{"mymacros.sty": STY},
    )
    assert _intro(s) == (
        "GraphRun is fast, e.g., on graphs; GraphRun scales (i.e. linearly), as Lee et al. showed e.g."
    )


def test_definitions_in_the_body_never_print() -> None:
    s = _read("", r"\newcommand{\tool}{Hammer}\renewcommand{\tool}{Mallet}The \tool{} works.")
    assert _intro(s) == "The Mallet works."


def test_expansion_stops_on_a_macro_that_calls_itself_and_on_runaway_growth() -> None:
    macros = collect_macros(r"\newcommand{\loop}{\loop x}\newcommand{\grow}[1]{#1#1}")
    assert "\\loop" not in macros
    assert len(expand_macros(r"\grow{\grow{\grow{\grow{\grow{\grow{ab}}}}}}", macros)) < 10_000


REFS_PRE = r"""\usepackage{amsmath,hyperref}
\usepackage[capitalise]{cleveref}
\newtheorem{theorem}{Theorem}[section]
\newtheorem{lemma}[theorem]{Lemma}
\renewcommand{\sectionautorefname}{Section}
\newcommand{\figref}[1]{Figure~\ref{#1}}
"""
REFS_INTRO = r"""See \cref{sec:method} and \autoref{sec:method}; \Cref{fig:a} and \cref{fig:a,fig:b}
show it, as does \figref{fig:b}. Solving \eqref{eq:one} once, \cref{eq:two} twice; \autoref{fig:a}
and \autoref{tab:t}; \cref{lem:l} holds (\ref{sec:method}, \nameref{sec:method}, \ref{sub:s}),
not \ref{nowhere}.
\begin{figure}\caption{A.}\label{fig:a}\end{figure}
\begin{equation}\label{eq:one} a = b \end{equation}
\begin{align} x &= 1 \nonumber \\ y &= 2 \label{eq:two} \end{align}
\begin{figure}\caption{B.}\label{fig:b}\end{figure}
\begin{table}\caption{T.}\label{tab:t}\end{table}"""
REFS_REST = r"""\begin{theorem}\label{thm:t} True. \end{theorem}
\begin{lemma}\label{lem:l} Also true. \end{lemma}
\subsection{Detail}\label{sub:s}
Text."""


def test_cross_references_as_the_pdf_prints_them() -> None:
    text = _intro(_read(REFS_PRE, REFS_INTRO, REFS_REST))
    assert text.startswith(
        "See Section 2 and Section 2; Figure 1 and Figs. 1 and 2 show it, as does Figure 2. "
        "Solving (1) once, Eq. (2) twice; Figure 1 and Table 1; Lemma 2.2 holds (2, Method, 2.1), not ?."
    ), text
    assert "fig:" not in text and "sec:" not in text


def _headings(cls: str, preamble: str = "") -> list[str]:
    tex = (
        f"\\documentclass{{{cls}}}\n{preamble}\n\\begin{{document}}\n\\section{{Introduction}}\nText.\n"
        "\\section{Method}\nText.\n\\appendix\n\\section{Proofs}\nText.\n\\end{document}\n"
    )
    return read_files({"m.tex": tex.encode()}).headings


def test_heading_numbers_follow_the_class_and_the_documents_own_thesection() -> None:
    assert _headings("IEEEtran") == ["I. Introduction", "II. Method", "Appendix A Proofs"]
    assert _headings("emulateapj") == ["1. Introduction", "2. Method", "A. Proofs"]
    assert _headings("aastex631") == ["1. Introduction", "2. Method", "Appendix", "A. Proofs"]
    assert _headings("aastex7") == ["1. Introduction", "2. Method", "Appendix", "A. Proofs"]
    assert _headings("aastex62") == ["1. Introduction", "2. Method", "A. Proofs"]
    assert _headings("article", r"\renewcommand{\thesection}{S\arabic{section}}") == [
        "S1 Introduction",
        "S2 Method",
        "A Proofs",
    ]
    assert _headings("article", r"\renewcommand\thesection{\Roman{section}}")[:2] == [
        "I Introduction",
        "II Method",
    ]


def test_theorems_print_their_heads_and_restated_theorems_their_reference() -> None:
    intro = r"""See \cref{thm:main}.
\begin{theorem}[Main]\label{thm:main} All is well: \begin{equation}\label{eq:in} e = 1 \end{equation}
\end{theorem}
\begin{lemma} Small. \end{lemma}
\begin{proof} Obvious. \end{proof}
\newtheorem*{restated}{Theorem \ref{thm:main}}
\begin{restated}[again] All is still well by \eqref{eq:in}. \end{restated}"""
    assert _intro(_read(REFS_PRE, intro)) == (
        "See Theorem 1.1.\n\nTheorem 1.1 (Main). All is well: $$e = 1$$\n\nLemma 1.2. Small.\n\n"
        "Proof. Obvious.\n\nTheorem 1.1 (again). All is still well by (1)."
    )


def test_a_reference_right_after_a_command_keeps_both() -> None:
    from paperkit.extraction.latex.to_text import to_text

    text = to_text(
        r"(See \S\ref{s} or \cite{k}.) In \S~3, \P 2.", cite=lambda *a: "[1]", refs=lambda c, k: "4"
    )
    assert text == "(See §4 or [1].) In § 3, ¶2."


def test_display_formulas_as_the_paper_writes_them_in_a_form_viewers_render() -> None:
    from paperkit.extraction.latex.to_text import to_text

    latex = (
        r"A \begin{align} x &= 1 \nonumber \\ y &< 2 \label{e} \end{align} B \begin{equation} e=mc^2 \tag{3}"
    )
    latex += r"\end{equation} C $a<b$ \begin{gather*} a \\ b \end{gather*}"
    assert to_text(latex) == (
        r"A $$\begin{aligned} x &= 1 \\ y &< 2 \end{aligned}$$ B $$e=mc^2$$ C $a<b$ "
        r"$$\begin{gathered} a \\ b \end{gathered}$$"
    )


def test_xparse_commands_and_edit_colours() -> None:
    pre = (
        r"\NewDocumentCommand{\ours}{}{OurNet}" "\n" r"\NewDocumentCommand\twice{m m}{#1 and #2}" "\n"
        r"\newcommand{\new}[1]{\textcolor{blue}{#1}}"
    )  # fmt: skip
    text = _intro(_read(pre, r"\ours{} runs \twice{fast}{well}; \new{it was revised}, {\color{red} twice}."))
    assert text == "OurNet runs fast and well; it was revised, twice."
