"""Glossaries on the LaTeX route, on a source built here: first uses print ``first=``, later ones the
name; ``\\Gls``/``\\glspl``/acronyms; a citation inside an entry reaches the text and the links."""

from __future__ import annotations

from paperkit.extraction.latex.route import read_files

GLOSSARY = r"""\newglossaryentry{np}{name={NumPy}, description={an array library},
  first={NumPy \citep{harris20}}}
\newglossaryentry{tensor}{name=tensor, description={an array}}
\newglossaryentry{mouse}{name=mouse, plural=mice, description={a rodent}}
\newabbreviation{gp}{GP}{Gaussian process}
\newacronym{svm}{SVM}{support vector machine}
"""
MAIN = r"""\documentclass{article}
\usepackage{natbib}
\usepackage[acronym]{glossaries}
\makeglossaries
\loadglsentries{glossary}
\begin{document}
\begin{abstract}
We fit a \gls{gp}.
\end{abstract}
\section{Introduction}
\Gls{np} is fast; \gls{np} again. A \gls{tensor} holds \glspl{tensor}; two \glspl{mouse} ran.
\Glspl{gp} generalise the \gls{gp} \citep{rasmussen06}; \acrlong{gp} and \acrshort{gp}; \GLS{tensor};
an \gls{svm}.
\section{Method}
Nothing.
\printglossaries
\bibliographystyle{plainnat}
\bibliography{refs}
\end{document}
"""
BIB = r"""@article{harris20, author = {Harris, Charles and Millman, Jarrod}, title = {Arrays}, year = {2020}}
@book{rasmussen06, author = {Rasmussen, Carl and Williams, Christopher}, title = {GPs}, year = {2006}}
"""


def test_glossary_entries_print_as_the_pdf_prints_them_with_their_citations() -> None:
    s = read_files({"main.tex": MAIN.encode(), "glossary.tex": GLOSSARY.encode(), "refs.bib": BIB.encode()})
    assert s.abstract == "We fit a Gaussian process (GP)."  # the first use, wherever it is
    assert s.introduction is not None
    assert s.introduction.text == (
        "NumPy (Harris and Millman, 2020) is fast; NumPy again. A tensor holds tensors; two mice ran. "
        "GPs generalise the GP (Rasmussen and Williams, 2006); Gaussian process and GP; TENSOR; "
        "an support vector machine (SVM)."
    )
    assert [r.key for r in s.references] == ["harris20", "rasmussen06"]
    assert [(c.marker, c.targets) for c in s.citations] == [
        ("(Harris and Millman, 2020)", [0]),
        ("(Rasmussen and Williams, 2006)", [1]),
    ]


def test_a_gls_insert_and_resets() -> None:
    tex = (
        "\\documentclass{article}\\usepackage{glossaries}\\newacronym{ml}{ML}{machine learning}"
        "\\begin{document}\\section{Introduction}\\gls{ml}[-based] tools; \\gls{ml}. "
        "\\glsreset{ml}\\gls{ml}; \\glsunset{ml}\\gls{ml}.\\end{document}"
    )
    s = read_files({"main.tex": tex.encode()})
    assert s.introduction is not None
    assert s.introduction.text == ("machine learning (ML)-based tools; ML. machine learning (ML); ML.")
