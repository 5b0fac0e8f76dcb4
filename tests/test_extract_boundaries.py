"""Where parts begin and end (issue 21), on generated papers outside the corpus: an abstract ended by layout
and content rather than length (a title page's copyright and submission lines, a new page, a table of
contents), kept whole over several paragraphs, found without a label after REVTeX's date line, with a code
link in smaller type at its end; no abstract at all for an essay; an introduction with no heading or a
heading ending in a full stop; words broken at line ends joined by a dictionary check."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from paperkit.extraction.pdf import extract_sections
from paperkit.extraction.pdf.abstract import NO_ABSTRACT
from paperkit.records import Sections
from pdf_styles import REVTEX, Style
from pdfgen import make_paper_pdf

ABSTRACT = (
    "We measure how quickly a colony of soil bacteria spreads over a wet agar plate and relate the front's "
    "speed to the nutrient supply. A simple reaction and diffusion model predicts the speed within ten "
    "percent across forty plates."
)
SECOND = (
    "We also show that the front slows when two colonies meet, and we give the distance at which they "
    "first feel each other, which the model predicts without any fitted constant."
)
INTRO = (
    "Colonies of bacteria spread over surfaces in patterns that depend on food and moisture. How fast a "
    "front moves is a basic question for anyone who grows them.\n\nWe answer it for one species on "
    "agar plates and compare the answer with a model that has no free parameters."
)
METHOD = " ".join(["Each plate was photographed every hour and the front traced by hand."] * 25)
RESULTS = " ".join(["The front moved at a steady speed once the colony was a day old."] * 20)
REFS = [
    f"B. Grower{n}, Fronts of colonies, part {n}. J. Plates {n} (20{10 + n % 10}), {n}-{n + 9}."
    for n in range(1, 13)
]
SECTIONS = [
    ("1 Introduction", INTRO),
    ("2 Methods", METHOD),
    ("3 Results", RESULTS),
    ("4 Conclusion", "Fronts move at the speed the model gives."),
]


def _paper(tmp_path: Path, name: str, **kwargs: Any) -> Sections:
    paper: dict[str, Any] = {
        "title": "How Fast a Bacterial Colony Spreads",
        "abstract": ABSTRACT,
        "sections": SECTIONS,
        "references": REFS,
        "outline": False,
    }
    paper.update(kwargs)
    return extract_sections(make_paper_pdf(tmp_path / f"{name}.pdf", **paper))


def _words(text: str) -> str:
    return " ".join(text.split())


def test_a_title_page_abstract_ends_at_its_copyright_and_submission_lines(tmp_path: Path) -> None:
    # a collaboration's title page: the abstract, then where it was submitted and the copyright, then the
    # text on the next pages (whose first heading the reader has not reached yet)
    s = _paper(
        tmp_path,
        "title-page",
        after_abstract=[
            ("Submitted to the Journal of Colony Studies", 10.0),
            ("© 2025 The Plate Collaboration. Reproduction of this article is allowed.", 10.0),
        ],
        page_break_after_abstract=True,
        sections=[("", METHOD), *SECTIONS],
    )
    assert _words(s.abstract) == ABSTRACT


def test_an_abstract_ends_where_the_wider_body_text_starts(tmp_path: Path) -> None:
    # no heading between the abstract (set narrower) and the text that follows it
    s = _paper(tmp_path, "frame", sections=[("", METHOD), *SECTIONS])
    assert _words(s.abstract) == ABSTRACT


def test_an_abstract_ends_at_a_table_of_contents(tmp_path: Path) -> None:
    contents = [("Contents", 10.0), ("1 Introduction 2", 10.0), ("2 Methods 3", 10.0)]
    s = _paper(tmp_path, "toc", after_abstract=contents)
    assert _words(s.abstract) == ABSTRACT


def test_a_two_paragraph_abstract_is_kept_whole(tmp_path: Path) -> None:
    for style in (Style(), replace(REVTEX, keywords=None)):
        s = _paper(tmp_path, f"two-{style.abstract}", abstract=f"{ABSTRACT}\n\n{SECOND}", style=style)
        assert _words(s.abstract) == f"{ABSTRACT} {SECOND}", style.abstract


def test_revtex_abstract_without_a_label_after_the_date_line(tmp_path: Path) -> None:
    # the affiliations read like prose (long, with full stops): the date line says where the abstract is
    affiliations = [
        "Department of Microbiology, University of Examples, Example City 12345, and the Institute for "
        "Surface Growth, Another Town 67890. Also at the Laboratory of Wet Plates, Third City.",
        "(Dated: March 3, 2025)",
    ]
    s = _paper(tmp_path, "dated", style=REVTEX, layout="two-column", title_block=affiliations)
    assert _words(s.abstract) == ABSTRACT


def test_a_code_link_in_smaller_type_ends_the_abstract(tmp_path: Path) -> None:
    s = _paper(tmp_path, "link", after_abstract=[("Our code is at https://example.org/plates/fronts.", 8.0)])
    assert _words(s.abstract) == ABSTRACT + " Our code is at https://example.org/plates/fronts."


def test_an_essay_has_no_abstract_and_its_opening_is_the_introduction(tmp_path: Path) -> None:
    opening = INTRO.replace("\n\n", " ") + " " + RESULTS
    s = _paper(
        tmp_path,
        "essay",
        abstract="",
        sections=[("", opening), ("1 The Question", METHOD), ("2 An Answer", RESULTS)],
    )
    assert s.abstract == ""
    assert NO_ABSTRACT in s.warnings
    assert s.introduction is not None and _words(s.introduction.text) == _words(opening)


def test_an_introduction_heading_ending_in_a_full_stop(tmp_path: Path) -> None:
    sections = [("1 Introduction.", INTRO), ("2 Methods.", METHOD), ("3 Results.", RESULTS)]
    s = _paper(tmp_path, "period", sections=sections)
    assert s.introduction is not None and s.introduction.text.startswith("Colonies of bacteria")
    assert s.introduction.text.endswith("no free parameters.")


def test_words_broken_at_line_ends_are_joined_by_a_dictionary_check(tmp_path: Path) -> None:
    intro = (
        "Colonies grow to the rhythm of their mu-\nsic, a steady pulse of division. An end-\nto-end "
        "model keeps self-\nconsistent fronts, and a well-\nknown pre- and post-treatment changes nothing."
    )
    s = _paper(tmp_path, "hyphens", sections=[("1 Introduction", intro), *SECTIONS[1:]])
    assert s.introduction is not None
    text = _words(s.introduction.text)
    assert "their music, a steady" in text
    assert "An end-to-end model keeps self-consistent fronts, and a well-known pre- and" in text


REVIEW = (
    "Fronts of growing colonies were first modelled as travelling waves [1, 2]. Later work added the "
    "supply of food [3], whereas [4] studied wet surfaces and [5, 6] dry ones. Unlike [4], the models "
    "of [7] keep track of single cells, and compared with [8] they need no fitted speed [8, 9].\n\n"
    "Measurements on plates were proposed in [10] and extended to many species [11, 12]. In contrast to "
    "[11], the counts of [1] were taken by hand, similar to [3] and [5]; previous studies [2, 6, 9] "
    "differ in the agar they used [10, 12]."
)


def test_a_review_section_under_a_descriptive_heading_is_related_work(tmp_path: Path) -> None:
    sections = [
        ("1 Introduction", INTRO),
        ("2 Problem Setup", METHOD),
        ("3 Models of Colony Growth", REVIEW),
        ("4 Results", RESULTS),
        ("5 Conclusion", "Fronts move at the speed the model gives."),
    ]
    s = _paper(tmp_path, "review", sections=sections)
    assert s.related_work is not None and s.related_work.heading == "3 Models of Colony Growth"


def test_background_estimation_in_a_physics_analysis_is_no_related_work(tmp_path: Path) -> None:
    estimation = (
        "Events from other processes [1, 2] that mimic the signal are estimated from control regions, "
        "unlike [3], whose estimate relied on simulation [4, 5]. " * 3
    )
    sections = [
        ("1 Introduction", INTRO),
        ("2 Event Selection", METHOD),
        ("3 Background estimation", estimation),
        ("4 Results", RESULTS),
    ]
    s = _paper(tmp_path, "physics", sections=sections)
    assert s.related_work is None


ENTRIES = [
    f"Grower{n}, B., Planter, C., and Sower, D. (20{10 + n % 10}). Fronts of colonies on plates, part {n}: "
    + ("a longer title that runs over the line " if n % 2 else "")
    + f"In Proceedings of the Plate Conference, pages {n}-{n + 9}."
    for n in range(1, 26)
]
ENTRIES[4] = (
    "ATLAS Collaboration, G. Aad et al., Observation of a new colony in the search for fronts with the "
    "plate detector, Phys. Lett. B 716 (2012) 1"
)


def test_unlabelled_entries_without_hanging_indent_are_told_by_their_author_start(tmp_path: Path) -> None:
    # a conference style: no labels, no hanging indent, (almost) no space between entries; a collaboration
    # entry whose journal line follows a line ending in "Phys." stays one entry
    for gap in (0.0, 1.0, 4.0):
        style = Style(reference_labels="none", reference_indent=0.0, reference_gap=gap)
        s = _paper(tmp_path, f"ay-{gap}", references=ENTRIES, style=style, layout="two-column")
        assert len(s.references) == len(ENTRIES), gap
        assert s.references[4].text.endswith("Phys. Lett. B 716 (2012) 1")


def test_a_numbered_list_goes_on_past_a_lost_label(tmp_path: Path) -> None:
    # label 7 glued to the line above (the text layer lost its line break): the count goes on from 8
    refs = [f"[{n}] C. Counter{n}, Plates and fronts {n}, J. Colonies {n} (2019) {n}." for n in range(1, 41)]
    refs[5] = refs[5] + " " + refs.pop(6)
    s = _paper(tmp_path, "lost-label", references=refs, style=Style(reference_labels="none"))
    assert len(s.references) == 39


def test_the_list_ends_at_an_appendix_heading_and_a_caption_is_no_entry(tmp_path: Path) -> None:
    after = [
        ("", "Figure 5: Fronts of ten colonies traced every hour on one plate."),
        ("Appendix A. Plate recipes", "Each plate held the same agar. " * 12, 2),
    ]
    s = _paper(tmp_path, "appendix", after_references=after)
    assert len(s.references) == len(REFS)
    assert "Figure 5" not in s.references[-1].text and "agar" not in s.references[-1].text


def test_front_matter_between_abstract_and_first_section_is_no_introduction(tmp_path: Path) -> None:
    front = [
        ("CCS Concepts: Applied computing → Life and medical sciences; Biology.", 10.0),
        ("Keywords: colonies, agar plates, travelling fronts", 10.0),
        (
            "Permission to make copies of this work for teaching or for study is granted when the copies "
            "are not sold and carry this notice with the full citation on their first page; any other use "
            "of the work, in print or on a server, needs the written consent of the authors, who keep the "
            "rights to the figures and the tables and may withdraw this permission at any time they wish.",
            10.0,
        ),
    ]
    sections = [("1 Motivation", INTRO), *SECTIONS[1:]]
    s = _paper(tmp_path, "acm-front", after_abstract=front, sections=sections)
    assert _words(s.abstract) == ABSTRACT
    assert s.introduction is None  # an unnamed first section is not taken, and front matter is no opening
