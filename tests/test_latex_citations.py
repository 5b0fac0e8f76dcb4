"""Citation markers on the LaTeX route, on sources built here: natbib's label forms in a ``.bbl``, pre- and
post-notes, biblatex, ``.bib``-only trees with every author kept, and every occurrence of a marker kept."""

from __future__ import annotations

import re

from paperkit.extraction.latex.bib_names import bib_name, split_names
from paperkit.extraction.latex.route import read_files
from paperkit.records import Sections

NATBIB_BBL = r"""\begin{thebibliography}{9}
\providecommand{\natexlab}[1]{#1}
\bibitem[Smith and Jones(2012)]{smith12} J.~Smith and K.~Jones. \newblock Rivers. \emph{Hydrology}, 2012.
\bibitem[{Lee et~al.}(2019{\natexlab{a}})Lee, Kim, and Park]{lee19a} A.~Lee, B.~Kim, and C.~Park. Soils. 2019.
\bibitem[{Lee et~al.}(2019{\natexlab{b}})Lee, Kim, and Park]{lee19b} A.~Lee, B.~Kim, and C.~Park. Rocks. 2019.
\bibitem[\protect\citeauthoryear{Brown, White, and Green}{Brown et~al.}{2015}]{brown15} D.~Brown. Ice. 2015.
\bibitem[\protect\citename{Doe, }2001]{doe01} E.~Doe. Sand. 2001.
\bibitem[{\citenamefont{Doe}(2002)}]{doe02} E.~Doe. More sand. 2002.
\bibitem[Poe and Moe, 2010]{poe10} F.~Poe and G.~Moe. Clay. 2010.
\end{thebibliography}
"""


def _paper(intro: str, preamble: str = "", files: dict[str, str] | None = None) -> Sections:
    main = (
        "\\documentclass{article}\n\\usepackage{natbib}\n" + preamble + "\n\\begin{document}\n"
        "\\section{Introduction}\n" + intro + "\n\\section{Method}\nNothing.\n"
        "\\bibliographystyle{plainnat}\n\\bibliography{refs}\n\\end{document}\n"
    )
    tree = {"main.tex": main, **(files or {"main.bbl": NATBIB_BBL})}
    return read_files({k: v.encode() for k, v in tree.items()})


def _intro(s: Sections) -> str:
    assert s.introduction is not None
    return s.introduction.text


def test_natbib_author_year_labels_in_every_form_natbib_reads() -> None:
    s = _paper(
        r"Rivers flood \citep[e.g.,][]{smith12,lee19a}. \citet{smith12} provide a review. "
        r"Ice melts \citep[see][p.~5]{brown15}; sand drifts \citep{doe01,doe02}. "
        r"\citet[chap.~2]{lee19b} disagree, as do \citealp{poe10} and \citeauthor{brown15} "
        r"in \citeyear{brown15} \citeyearpar{doe02}."
    )
    text = _intro(s)
    for want in (
        "Rivers flood (e.g., Smith and Jones, 2012; Lee et al., 2019a).",
        "Smith and Jones (2012) provide a review.",
        "Ice melts (see Brown et al., 2015, p. 5); sand drifts (Doe, 2001, 2002).",
        "Lee et al. (2019b, chap. 2) disagree, as do Poe and Moe, 2010 and Brown et al. in 2015 (2002).",
    ):
        assert want in text, text
    assert not re.search(r"\(\s*[,;]|[,;]\s*[,;)]|\(\s*\)", text)  # never empty punctuation
    assert [len(c.targets) for c in s.citations] == [2, 1, 1, 2, 1, 1, 1, 1, 1]


def test_an_entry_without_an_author_year_label_is_cited_by_its_number() -> None:
    bbl = NATBIB_BBL.replace(r"\bibitem[Poe and Moe, 2010]{poe10}", r"\bibitem{poe10}")
    text = _intro(_paper(r"Clay \citep{poe10} and rivers \citep{smith12}.", files={"main.bbl": bbl}))
    assert text == "Clay [7] and rivers (Smith and Jones, 2012)."


def test_a_marker_repeated_for_the_same_work_is_kept_each_time() -> None:
    s = _paper(r"One \citep{smith12}. Two \citep{smith12}. Three \citet{smith12}.")
    assert [c.marker for c in s.citations] == ["(Smith and Jones, 2012)"] * 2 + ["Smith and Jones (2012)"]
    assert [c.targets for c in s.citations] == [[0]] * 3


def test_citation_aliases() -> None:
    s = _paper(r"As in \citetalias{doe01} and \citepalias{doe02}.", r"\defcitealias{doe01}{Paper I}"
               "\n" r"\defcitealias{doe02}{Paper II}")  # fmt: skip
    assert _intro(s) == "As in Paper I and (Paper II)."


BIBER_BBL = r"""\refsection{0}
\entry{smith12}{article}{}
  \name{author}{2}{}{%
    {{hash=a}{%
       family={Smith},
       familyi={S\bibinitperiod},
       given={Jane},
       giveni={J\bibinitperiod}}}%
    {{hash=b}{%
       family={Maaten},
       familyi={M\bibinitperiod},
       given={Laurens},
       giveni={L\bibinitperiod},
       prefix={van\bibnamedelima der},
       prefixi={v\bibinitperiod}}}%
  }
  \field{labelyear}{2012}
  \field{title}{Rivers}
  \field{journaltitle}{Hydrology}
  \field{year}{2012}
\endentry
\endrefsection
"""


def test_biblatex_author_year_bbl() -> None:
    main = (
        "\\documentclass{article}\n\\usepackage[style=authoryear]{biblatex}\n\\addbibresource{refs.bib}\n"
        "\\begin{document}\n\\section{Introduction}\nRivers \\parencite{smith12}; \\textcite{smith12} "
        "say so.\n\\printbibliography\n\\end{document}\n"
    )
    s = read_files({"main.tex": main.encode(), "main.bbl": BIBER_BBL.encode()})
    assert _intro(s) == "Rivers (Smith and van der Maaten 2012); Smith and van der Maaten (2012) say so."
    assert s.references[0].authors == ["Jane Smith", "Laurens van der Maaten"]


BIB = r"""@inproceedings{wang19, author = {Wang, Alex and Cho, Kyunghyun},
  title = {{BERT} has a mouth}, booktitle = {Workshop}, year = {2019}}
@article{four, author = {Ada Lovelace and Charles Babbage and Mary Somerville and John Herschel},
  title = {Engines}, journal = {Notes}, year = 1843}
@misc{org, author = {{The Smith and Sons Collaboration} and others}, title = {Data}, year = {2020}}
@article{vonx, author = {von Neumann, John and de la Vallée Poussin, Charles Jean}, title = {Games},
  year = {1944}}
"""


def test_bib_only_sources_keep_every_author() -> None:
    s = _paper(
        r"\citet{wang19} and \citet{four} and \citet{org} and \citet{vonx}.",
        files={"refs.bib": BIB},
    )
    assert _intro(s) == (
        "Wang and Cho (2019) and Lovelace et al. (1843) and The Smith and Sons Collaboration et al. (2020) "
        "and von Neumann and de la Vallée Poussin (1944)."
    )
    by_key = {r.key: r for r in s.references}
    assert by_key["wang19"].authors == ["Alex Wang", "Kyunghyun Cho"]
    assert by_key["four"].authors == ["Ada Lovelace", "Charles Babbage", "Mary Somerville", "John Herschel"]
    assert by_key["wang19"].title == "BERT has a mouth"


def test_bibtex_names() -> None:
    assert split_names("{Smith and Sons} and Doe, J.") == ["{Smith and Sons}", "Doe, J."]
    assert bib_name("Ludwig van Beethoven") == ("van Beethoven", "Ludwig")
    assert bib_name("van Beethoven, Ludwig") == ("van Beethoven", "Ludwig")
    assert bib_name("King, Jr, Martin Luther") == ("King Jr", "Martin Luther")
    assert bib_name("{Google Research}") == ("Google Research", "")


def test_bib_names_with_ties_and_accents_and_styles_printing_an_ampersand() -> None:
    bib = r"@misc{tf, author = {Mart\'{\i}n~Abadi and Ashish~Agarwal}, title = {Flows}, year = {2015--}}"
    s = _paper(r"\citet{tf}", files={"refs.bib": bib})
    assert _intro(s) == "Abadi and Agarwal (2015–)"
    assert s.references[0].authors == ["Martín Abadi", "Ashish Agarwal"]
    main = read_files(
        {
            "main.tex": (
                b"\\documentclass{article}\\usepackage{natbib}\\begin{document}\\section{Introduction}"
                b"\\citep{tf}\\bibliographystyle{iclr2024_conference}\\bibliography{refs}\\end{document}"
            ),
            "refs.bib": bib.encode(),
        }
    )
    assert _intro(main) == "(Abadi & Agarwal, 2015–)"


def test_sorted_styles_order_as_bibtex_does() -> None:
    bib = r"""@misc{fast, author = {Huang, Li}, title = {A fast method}, year = {1997}}
@misc{clust, author = {Huang, Li}, title = {Clustering data}, year = {1997}}
@misc{zoe, author = {Smith, Zoe}, title = {Zeta}, year = {1990}}
@misc{adam, author = {Smith, Adam}, title = {Zeta}, year = {1990}}"""
    main = (
        "\\documentclass{article}\\usepackage[numbers]{natbib}\\begin{document}\\section{Introduction}"
        "\\cite{fast,clust} and \\cite{zoe,adam}.\\bibliographystyle{abbrvnat}\\bibliography{refs}"
        "\\end{document}"
    )
    s = read_files({"main.tex": main.encode(), "refs.bib": bib.encode()})
    assert [r.key for r in s.references] == ["clust", "fast", "adam", "zoe"]  # "A" is no sort word
    assert _intro(s) == "[2, 1] and [4, 3]."


def test_the_abstracts_markers_and_references_read_as_printed_without_links() -> None:
    main = (
        "\\documentclass{article}\\usepackage{natbib}\\begin{document}\\begin{abstract}Rivers flood "
        "(e.g., \\citealp{smith12}); see Section~\\ref{sec:m}.\\end{abstract}\\section{Introduction}Hi."
        "\\section{Method}\\label{sec:m}Text.\\bibliographystyle{plainnat}\\bibliography{refs}\\end{document}"
    )
    s = read_files({"main.tex": main.encode(), "main.bbl": NATBIB_BBL.encode()})
    assert s.abstract == "Rivers flood (e.g., Smith and Jones, 2012); see Section 2."
    assert s.citations == []


NUMERIC_BBL = (
    "\\begin{thebibliography}{5}\n"
    + "".join(f"\\bibitem{{{k}}} A. Author{k}. Title {k}. 2001.\n" for k in "abcde")
    + "\\end{thebibliography}\n"
)


def _numeric(preamble: str, cls: str = "article") -> str:
    main = (
        f"\\documentclass{{{cls}}}{preamble}\\begin{{document}}\\section{{Introduction}}"
        "See \\cite{c,a,b,e} and \\cite{b,a}.\\bibliography{refs}\\end{document}"
    )
    return _intro(read_files({"main.tex": main.encode(), "main.bbl": NUMERIC_BBL.encode()}))


def test_numeric_markers_sorted_and_compressed_where_the_document_says() -> None:
    assert _numeric("\\usepackage[numbers]{natbib}") == "See [3, 1, 2, 5] and [2, 1]."
    assert _numeric("\\usepackage[numbers,sort]{natbib}") == "See [1, 2, 3, 5] and [1, 2]."
    assert _numeric("\\usepackage[numbers,sort&compress]{natbib}") == "See [1–3, 5] and [1, 2]."
    assert _numeric("\\usepackage{amsmath,cite}") == "See [1–3, 5] and [1, 2]."
    assert _numeric("\\usepackage[nocompress]{cite}") == "See [1, 2, 3, 5] and [1, 2]."
    assert _numeric("", "revtex4-2") == "See [1–3, 5] and [1, 2]."


def test_an_authors_citation_wrapper_is_expanded() -> None:
    pre = r"\newcommand{\citeeg}[1]{\citep[e.g.,][]{#1}}"
    s = _paper(r"Rivers \citeeg{smith12,lee19a} flood.", pre)
    assert _intro(s) == "Rivers (e.g., Smith and Jones, 2012; Lee et al., 2019a) flood."


def test_an_undefined_journal_command_leaves_no_empty_field() -> None:
    bbl = r"""\begin{thebibliography}{1}
\bibitem[{Abbott} {et~al.}(2017)]{a} {Abbott}, B.~P., {Abbott}, R., {et~al.} 2017, \prl, 119, 161101
\end{thebibliography}"""
    s = _paper(r"Waves \citep{a}.", files={"main.bbl": bbl})
    assert s.references[0].text == "Abbott, B. P., Abbott, R., et al. 2017, 119, 161101"
    assert _intro(s) == "Waves (Abbott et al., 2017)."
