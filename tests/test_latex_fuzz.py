"""The LaTeX route's text mechanisms on malformed and adversarial sources built here from random pieces:
it answers with sections or a :class:`SourceError`, never another exception, and never leaves its own
placeholders, a definition or an endless expansion behind."""

from __future__ import annotations

import random

import pytest

from paperkit.extraction.latex.archive import SourceError
from paperkit.extraction.latex.route import read_files

PREAMBLE = [
    r"\newcommand{\a}{\b x}", r"\newcommand{\b}{\a y}", r"\def\c#1#2{#2#1#1}", r"\newcommand{\d}[2][z]{#1#2}",
    r"\newcommand{\e}[1]{", r"\newcommand{\f}[3]{#3}", r"\renewcommand{\cite}[1]{X}", r"\def\g{\g}",
    r"\newglossaryentry{k}{name=K, first={K \citep{r1}}}", r"\newacronym{ab}{AB}{a b}", r"\newacronym{x}{",
    r"\newtheorem{thm}{Theorem}[section]", r"\newtheorem*{rt}{Theorem \ref{t}}", r"\defcitealias{r1}{P1}",
    r"\usepackage[numbers,sort&compress]{natbib}", r"\usepackage{cleveref}", r"\usepackage{mine}",
]  # fmt: skip
BODY = [
    r"\a", r"\c{1}{2}", r"\c{\c{a}{b}}{\c{c}{d}}", r"\d{q}", r"\d[w]{q}", r"\f{1}", r"\gls{k}", r"\Glspl{ab}",
    r"\gls{missing}", r"\gls", r"\cite{r1,r2,nope}", r"\citep[e.g.,][]{}", r"\citet{r2}", r"\citetalias{r1}",
    r"\ref{t}", r"\cref{t,u}", r"\eqref{}", r"\autoref{nowhere}", r"\begin{thm}[n]\label{t} T \end{thm}",
    r"\begin{rt} R \end{rt}", r"\begin{align} a &< b \\ c \label{u}\end{align}", r"$x<y$", r"{", r"}",
    r"\S\ref{t}", r"\textcolor{red}{", r"\begin{proof}", r"\newcommand{\h}{H}\h", r"\e{1}", "\ue000",
    "\ue00099\ue001", r"\g", r"\b",
]  # fmt: skip
BBL = r"""\begin{thebibliography}{2}
\bibitem[{Roe et~al.}(2001{\natexlab{a}})]{r1} A. Roe. T. 2001.
\bibitem[\protect\citeauthoryear{Doe}{Doe}{}]{r2} B. Doe. U.
\end{thebibliography}"""


@pytest.mark.parametrize("seed", range(40))
def test_random_sources_never_crash_or_leave_machinery(seed: int) -> None:
    rng = random.Random(seed)
    pre = "\n".join(rng.sample(PREAMBLE, rng.randint(0, len(PREAMBLE))))
    body = " ".join(rng.choice(BODY) for _ in range(rng.randint(1, 30)))
    main = (
        f"\\documentclass{{article}}\n{pre}\n\\begin{{document}}\n\\begin{{abstract}}{body}\\end{{abstract}}\n"
        f"\\section{{Introduction}}\\label{{s}}\n{body}\n\\section{{Method}}\n{body}\n\\bibliography{{r}}\n"
        "\\end{document}\n"
    )
    tree = {"main.tex": main, "main.bbl": BBL, "mine.sty": r"\newcommand{\m}{\m\m}" if seed % 2 else "{"}
    try:
        s = read_files({k: v.encode() for k, v in tree.items()})
    except SourceError:
        return
    texts = [s.abstract, s.introduction.text if s.introduction else ""]
    for text in texts:
        assert "\ue001" not in text and "\\newcommand" not in text and "\\newglossaryentry" not in text
        assert len(text) < 200_000
