"""The layouts the extraction tests generate: each case a paper as ``pdfgen`` draws it, and what a reader
takes from it (title, abstract, headings, introduction, related work, reference count)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pdf_styles import ACL, BOLD_BODY, IEEE, LNCS, REVTEX, Style

ABSTRACT = (
    "We study how tiny networks learn small things. Our method trains quickly and generalises well "
    "on every toy task we tried, which we report in detail below."
)
LONG_ABSTRACT = (
    "We study the ordering of spins on a lattice whose nodes are connected to many neighbours, and "
    "show that the critical point moves as the connectivity grows. A simple mean-field argument "
    "explains the shift, and numerical results confirm it, which we report in detail below."
)
INTRO = (
    "Small networks are easy to train and easy to read. This paper shows that they also learn well "
    "when the data is small.\n\nWe describe the method, compare it with other work and conclude."
)
RELATED = (
    "Earlier studies of small models focused on compression. Pruning removes weights after training, "
    "while distillation trains a small student from a large teacher. Our approach needs neither."
)
BACKGROUND = (
    "Spin chains on a lattice are described by a Hamiltonian with nearest-neighbour couplings. We "
    "recall the mean-field treatment and its limits before turning to our model."
)
METHOD = " ".join(["The method multiplies inputs by weights and adds a bias before a nonlinearity."] * 40)
RESULTS = " ".join(["Work in progress shows the error falls as the width grows on every task."] * 8)
CONCLUSION = "Tiny networks learn small things well. Future work will try slightly larger things."
NUMBERED_REFS = [
    "A. Author and B. Writer. Pruning neural networks. In Proceedings of a Conference, 2019.",
    "C. Teacher. Distilling knowledge into students. arXiv preprint arXiv:1503.02531, 2015.",
    "D. Reader. On small models and large data. Journal of Examples, 12(3):1-10, 2020.",
    "E. Critic. Why bigger is not always better. In Workshop on Sizes, 2021.",
    "F. Long. A reference long enough to run over two lines of the reference list so that its "
    "continuation hangs under the first line like every real entry that does so. 2018.",
]
AUTHOR_YEAR_REFS = [
    "Ada Author and Ben Writer. 2019. Pruning neural networks. In Proceedings of a Conference, "
    "pages 1-10, Somewhere. Association for Examples.",
    "Cleo Teacher. 2015. Distilling knowledge into students. arXiv preprint arXiv:1503.02531.",
    "Dan Reader. 2020. On small models and large data. Journal of Examples, 12(3):1-10.",
    "Eve Critic and Fay Second. 2021. Why bigger is not always better, and what to do about it when "
    "the data is small. In Workshop on Sizes.",
    "Gus Last. 2018. A final entry. Technical report.",
    "Hal Extra. 2017. One more entry in the list. In Another Workshop.",
]
TWO_LINE_TITLE = "Learning Small Things with Tiny Networks:\nA Study of Toy Tasks"
ONE_LINE_TITLE = "Learning Small Things with Tiny Networks"


@dataclass
class Case:
    """One generated paper and what extraction must find in it."""

    sections: Sequence[tuple[str, str] | tuple[str, str, int]]
    headings: list[str]  # top-level, as PyMuPDF returns them (small caps come back in capitals)
    intro: str | None
    related: str | None
    related_first: str = "Earlier studies of small models"
    style: Style = field(default_factory=Style)
    layout: str = "one-column"
    title: str = ONE_LINE_TITLE
    references: list[str] = field(default_factory=lambda: NUMBERED_REFS)
    title_block: list[str] = field(default_factory=list)
    abstract: str = ABSTRACT


def standard_sections(names: list[str], bodies: list[str], numbering: str = "{n} ") -> list[tuple[str, str]]:
    return [
        (numbering.format(n=n) + name, body)
        for n, (name, body) in enumerate(zip(names, bodies, strict=True), 1)
    ]


ROMAN = ["I", "II", "III", "IV", "V"]
CASES = {
    "ieee-two-column-small-caps": Case(
        sections=[
            (f"{r}. {name}", body)
            for r, name, body in zip(
                ROMAN[:4],
                ["Introduction", "Related Work", "Method", "Conclusion"],
                [INTRO, RELATED, METHOD, CONCLUSION],
                strict=True,
            )
        ],
        headings=["I. INTRODUCTION", "II. RELATED WORK", "III. METHOD", "IV. CONCLUSION", "REFERENCES"],
        intro="I. INTRODUCTION",
        related="II. RELATED WORK",
        style=IEEE,
        layout="two-column",
        title=TWO_LINE_TITLE,
    ),
    "acl-two-column-background-author-year": Case(
        sections=standard_sections(
            ["Introduction", "Background", "Method", "Conclusion"], [INTRO, RELATED, METHOD, CONCLUSION]
        ),
        headings=["1 Introduction", "2 Background", "3 Method", "4 Conclusion", "References"],
        intro="1 Introduction",
        related="2 Background",
        style=ACL,
        layout="two-column",
        references=AUTHOR_YEAR_REFS,
    ),
    "unnumbered-headings": Case(
        sections=[
            ("Introduction", INTRO),
            ("Related Work", RELATED),
            ("Method", METHOD),
            ("Conclusion", CONCLUSION),
        ],
        headings=["Introduction", "Related Work", "Method", "Conclusion", "References"],
        intro="Introduction",
        related="Related Work",
        title=TWO_LINE_TITLE,
    ),
    "background-and-related-work": Case(
        sections=standard_sections(
            ["Introduction", "Background and Related Work", "Method", "Conclusion"],
            [INTRO, RELATED, METHOD, CONCLUSION],
        ),
        headings=[
            "1 Introduction",
            "2 Background and Related Work",
            "3 Method",
            "4 Conclusion",
            "References",
        ],
        intro="1 Introduction",
        related="2 Background and Related Work",
    ),
    "related-work-as-subsection": Case(
        sections=[
            ("1 Introduction", INTRO),
            ("2 Preliminaries", "We fix notation first and then place the work among others."),
            ("2.1 Related Work", RELATED, 2),
            ("2.2 Notation", "Vectors are bold and matrices are capitals throughout this paper.", 2),
            ("3 Method", METHOD),
            ("4 Conclusion", CONCLUSION),
        ],
        headings=["1 Introduction", "2 Preliminaries", "3 Method", "4 Conclusion", "References"],
        intro="1 Introduction",
        related="2.1 Related Work",
    ),
    "related-work-near-the-end": Case(
        sections=standard_sections(
            ["Introduction", "Method", "Experiments", "Related Work", "Conclusion"],
            [INTRO, METHOD, RESULTS, RELATED, CONCLUSION],
            "{n}. ",
        ),
        headings=[
            "1. Introduction",
            "2. Method",
            "3. Experiments",
            "4. Related Work",
            "5. Conclusion",
            "References",
        ],
        intro="1. Introduction",
        related="4. Related Work",
        layout="two-column",
    ),
    "physics-no-related-work": Case(
        sections=[
            ("I. Introduction", INTRO),
            ("II. Model", METHOD),
            ("III. Results", RESULTS),
            ("IV. Conclusion", CONCLUSION),
        ],
        headings=["I. INTRODUCTION", "II. MODEL", "III. RESULTS", "IV. CONCLUSION", "REFERENCES"],
        intro="I. INTRODUCTION",
        related=None,
        style=IEEE,
        layout="two-column",
        title_block=["Work in progress"],
    ),
    "physics-background": Case(
        sections=[
            ("I. Introduction", INTRO),
            ("II. Background", BACKGROUND),
            ("III. Model", METHOD),
            ("IV. Conclusion", CONCLUSION),
        ],
        headings=["I. INTRODUCTION", "II. BACKGROUND", "III. MODEL", "IV. CONCLUSION", "REFERENCES"],
        intro="I. INTRODUCTION",
        related="II. BACKGROUND",
        related_first="Spin chains on a lattice",
        style=IEEE,
        layout="two-column",
    ),
    "lncs-run-in-abstract-dot-labels": Case(
        sections=standard_sections(
            ["Introduction", "Related Work", "Method", "Conclusion"], [INTRO, RELATED, METHOD, CONCLUSION]
        ),
        headings=["1 Introduction", "2 Related Work", "3 Method", "4 Conclusion", "References"],
        intro="1 Introduction",
        related="2 Related Work",
        style=LNCS,
    ),
    "iclr-small-caps-one-column": Case(
        sections=standard_sections(
            ["Introduction", "Related Work", "Method", "Conclusion"], [INTRO, RELATED, METHOD, CONCLUSION]
        ),
        headings=["1 INTRODUCTION", "2 RELATED WORK", "3 METHOD", "4 CONCLUSION", "REFERENCES"],
        intro="1 INTRODUCTION",
        related="2 RELATED WORK",
        style=Style(small_caps=True, references_heading="References", reference_labels="none"),
        references=AUTHOR_YEAR_REFS,
    ),
    "ieee-related-work-as-lettered-subsection": Case(
        sections=[
            ("I. Introduction", INTRO),
            ("II. Preliminaries", "We fix notation first and then place the work among others."),
            ("A. Related Work", RELATED, 2),
            ("B. Notation", "Vectors are bold and matrices are capitals throughout this paper.", 2),
            ("III. Method", METHOD),
            ("IV. Conclusion", CONCLUSION),
        ],
        headings=["I. INTRODUCTION", "II. PRELIMINARIES", "III. METHOD", "IV. CONCLUSION", "REFERENCES"],
        intro="I. INTRODUCTION",
        related="A. Related Work",
        style=IEEE,
        layout="two-column",
    ),
    "comparison-subsection-is-not-related-work": Case(
        sections=[
            ("1 Introduction", INTRO),
            ("2 Method", METHOD),
            ("3 Experiments", RESULTS),
            ("3.1 Comparison with Previous Methods", RESULTS, 2),
            ("4 Conclusion and Future Work", CONCLUSION),
        ],
        headings=[
            "1 Introduction",
            "2 Method",
            "3 Experiments",
            "4 Conclusion and Future Work",
            "References",
        ],
        intro="1 Introduction",
        related=None,
    ),
    "revtex-unlabelled-abstract": Case(
        sections=[
            ("I. Introduction", INTRO),
            ("II. Model", METHOD),
            ("III. Conclusion", CONCLUSION),
        ],
        headings=["I. INTRODUCTION", "II. MODEL", "III. CONCLUSION", "REFERENCES"],
        intro="I. INTRODUCTION",
        related=None,
        style=REVTEX,
        layout="two-column",
        abstract=LONG_ABSTRACT,
    ),
    "bold-body-size-headings-caps-references": Case(
        sections=standard_sections(
            ["Introduction", "Prior Work", "Method", "Conclusion"], [INTRO, RELATED, METHOD, CONCLUSION]
        ),
        headings=["1 Introduction", "2 Prior Work", "3 Method", "4 Conclusion", "REFERENCES"],
        intro="1 Introduction",
        related="2 Prior Work",
        style=Style(heading_size=10.0, subheading_size=10.0, references_heading="REFERENCES"),
        title=TWO_LINE_TITLE,
    ),
    "bold-body-size-two-column-author-year": Case(
        sections=standard_sections(
            ["Introduction", "Related Work", "Method", "Conclusion"], [INTRO, RELATED, METHOD, CONCLUSION]
        ),
        headings=["1 Introduction", "2 Related Work", "3 Method", "4 Conclusion", "References"],
        intro="1 Introduction",
        related="2 Related Work",
        style=BOLD_BODY,
        layout="two-column",
        references=AUTHOR_YEAR_REFS,
    ),
}
