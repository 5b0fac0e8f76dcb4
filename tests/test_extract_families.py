"""The layout families of issue 11, each generated with PyMuPDF (no TeX in CI): amsart-like centred
small-caps headings at body size with a run-in "Abstract.", AASTeX-like centred capitals below body size
with the arXiv stamp as the first text line and author-year lists with ditto entries, REVTeX-like papers
with no "Abstract" heading, related work under other names or found by its content, and long lists."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from paperkit.extraction import related_work as rw
from paperkit.extraction.pdf import extract_sections
from paperkit.records import Sections
from pdf_styles import BODY, REVTEX, Style
from pdfgen import make_paper_pdf

ABSTRACT = (
    "We prove that every bounded solution of the model equation converges to a steady state, and we "
    "give the rate of convergence in terms of the size of the data, which we show is the best possible."
)
INTRO = (
    "The model equation describes a flow past an obstacle. Its steady states are well understood, but "
    "how unsteady solutions approach them is not.\n\nWe answer this question for small data and show "
    "that the answer is sharp."
)
PRIOR = (
    "The steady problem was solved long ago [1], and the unsteady one was studied in weighted spaces [2, 3]. "
    "Unlike [2], whose estimates need large weights, the approach of [4] works in plain spaces but only in "
    "two dimensions [4, 5]. Later results [6] extended it to three dimensions, whereas [7] treated exterior "
    "domains with a rotating body [7, 8]. Compared with [9], our estimates keep the optimal rate [9, 10], "
    "and in contrast to [11] they need no smallness of the body [11, 12]. Similar bounds were proposed in "
    "[13] for the linear problem and introduced earlier in [14, 15] for a model case [16]."
)
METHOD = " ".join(["The proof splits the solution into a steady part and a decaying remainder."] * 30)
CONCLUSION = "Bounded solutions converge at the optimal rate. Larger data remain open."
REFS = [
    f"A. Author{n}, On the flow past an obstacle, part {n}. J. Examples {n} (20{10 + n % 10}), {n}-{n + 9}."
    for n in range(1, 17)
]

AMSART = Style(
    heading_size=BODY,
    heading_font="helv",
    small_caps=True,
    centered_headings=True,
    subheading_size=BODY,
    subheading_font="heit",
    abstract="run-in",
    abstract_label="Abstract.",
    references_heading="References",
    reference_labels="bracket",
)
AASTEX = Style(
    heading_size=BODY - 1,
    heading_font="helv",
    centered_headings=True,
    subheading_size=BODY - 1,
    subheading_font="heit",
    abstract="heading",
    abstract_label="ABSTRACT",
    keywords="Subject headings: methods: analytical — planets and satellites: general",
    references_heading="REFERENCES",
    reference_labels="none",
)


def _paper(tmp_path: Path, name: str, **kwargs: Any) -> Sections:
    paper: dict[str, Any] = {
        "title": "Convergence to Steady States of a Model Flow",
        "abstract": ABSTRACT,
        "sections": [
            ("1. Introduction", INTRO),
            ("2. Prior Results", PRIOR),
            ("3. The Proof", METHOD),
            ("4. Conclusion", CONCLUSION),
        ],
        "references": REFS,
        "outline": False,
    }
    paper.update(kwargs)
    return extract_sections(make_paper_pdf(tmp_path / f"{name}.pdf", **paper))


def _words(text: str) -> str:
    return " ".join(text.split())


def test_amsart_centred_small_caps_body_size_headings_and_run_in_abstract(tmp_path: Path) -> None:
    s = _paper(tmp_path, "amsart", style=AMSART)
    want = ["1. INTRODUCTION", "2. PRIOR RESULTS", "3. THE PROOF", "4. CONCLUSION", "REFERENCES"]
    assert s.headings == want
    assert _words(s.abstract) == ABSTRACT
    assert s.introduction is not None and s.introduction.text.startswith("The model equation")
    assert s.related_work is not None and s.related_work.heading == "2. PRIOR RESULTS"
    assert len(s.references) == len(REFS)


def test_aastex_centred_capitals_below_body_size_stamp_first_and_ditto_entries(tmp_path: Path) -> None:
    refs = []
    for n in range(1, 41):
        refs.append(f"Author{n}, A., Writer, B., & Reader, C. 20{n % 10 + 10}, ApJ, {700 + n}, {n * 11}")
        if n % 4 == 0:
            refs.append(f"—. 20{n % 10 + 10}b, ApJ, {800 + n}, {n * 13}")
    sections = [(h.upper(), b) for h, b in [("1. Introduction", INTRO), ("2. Analysis", METHOD)]]
    s = _paper(
        tmp_path,
        "aastex",
        style=AASTEX,
        layout="two-column",
        sections=[*sections, ("3. SUMMARY", CONCLUSION)],
        references=refs,
        first_page_header="arXiv:1001.00012v2 [astro-ph.EP] 21 Dec 2010",
        title_block=["Department of Astronomy, University of Examples, Example City 12345, USA"] * 4,
    )
    assert s.headings == ["1. INTRODUCTION", "2. ANALYSIS", "3. SUMMARY", "REFERENCES"]
    assert _words(s.abstract) == ABSTRACT  # the "Subject headings" line is not abstract text
    assert s.introduction is not None
    assert s.related_work is None
    assert len(s.references) == len(refs)
    assert sum(r.text.startswith("—.") for r in s.references) == 10


def test_revtex_no_abstract_heading_appendix_before_unheaded_references(tmp_path: Path) -> None:
    style = replace(REVTEX, references_heading=None, reference_labels="bracket")
    s = _paper(
        tmp_path,
        "revtex",
        style=style,
        layout="two-column",
        sections=[
            ("I. INTRODUCTION", INTRO),
            ("II. MODEL", METHOD),
            ("III. CONCLUSION", CONCLUSION),
            ("Appendix A: Details", METHOD[:400]),
        ],
        references=REFS,
    )
    assert _words(s.abstract) == ABSTRACT
    assert s.introduction is not None and s.introduction.heading == "I. INTRODUCTION"
    assert len(s.references) == len(REFS)


def test_related_work_found_by_content_inside_the_introduction(tmp_path: Path) -> None:
    s = _paper(
        tmp_path,
        "content",
        sections=[
            ("1 Introduction", INTRO),
            ("1.1 The Landscape", PRIOR, 2),
            ("2 Method", METHOD),
            ("3 Conclusion", CONCLUSION),
        ],
    )
    assert s.related_work is not None and s.related_work.heading == "1.1 The Landscape"


def test_a_method_dense_with_citations_is_no_related_work(tmp_path: Path) -> None:
    s = _paper(
        tmp_path,
        "dense-method",
        sections=[
            ("1 Introduction", INTRO),
            ("2 Method", METHOD),
            ("2.1 Estimates", PRIOR, 2),
            ("3 Conclusion", CONCLUSION),
        ],
    )
    assert s.related_work is None


def test_a_long_list_of_author_year_entries_is_split_entry_by_entry(tmp_path: Path) -> None:
    names = ["Abel", "Baker", "Cohen", "Dirac", "Euler", "Fermi", "Gauss", "Hardy", "Ising", "Jones", "Klein"]
    topics = ["flows", "waves", "shocks", "vortices", "boundary layers", "jets", "wakes", "plumes"]
    refs = [
        f"{names[n % 11]}, {'ABCDEFGH'[n % 8]}., and {names[(n * 7) % 11]}, B. {1990 + n % 30}. A study of "
        f"{topics[n % 8]} past obstacles, part {n} of a long series that wraps over two lines. "
        f"Journal of {topics[(n * 3) % 8].title()}, {n}:1-9."
        for n in range(1, 131)
    ]
    s = _paper(tmp_path, "long-list", style=Style(reference_labels="none"), references=refs)
    assert len(s.references) == len(refs)


@pytest.mark.parametrize(
    ("title", "level", "related"),
    [
        ("Related Work", 1, True),
        ("Prior Work: Batch Normalization", 1, True),
        ("Related distillation techniques", 1, True),
        ("Foundational Research", 1, True),
        ("A brief history and related work", 2, True),
        ("Previous approaches", 1, True),
        ("Background", 1, True),
        ("Literature Review", 1, True),
        ("Related Work", 2, True),
        ("Comparison with Previous Methods", 2, False),
        ("Introduction", 1, False),
        ("References", 1, False),
        ("Experiments", 1, False),
    ],
)
def test_related_work_names(title: str, level: int, related: bool) -> None:
    assert rw.is_related_heading(title, level) is related


def test_related_subsection_of_introduction_and_related_work() -> None:
    parts = [
        rw.Part("Introduction and Related Work", 1, lambda: ""),
        rw.Part("Motivation", 2, lambda: ""),
        rw.Part("Related Work", 2, lambda: ""),
        rw.Part("Method", 1, lambda: ""),
    ]
    assert rw.pick(parts) == (2, "name")


def test_background_is_weaker_than_related_work() -> None:
    parts = [rw.Part("Background", 1, lambda: ""), rw.Part("Related Work", 1, lambda: "")]
    assert rw.pick(parts) == (1, "name")
