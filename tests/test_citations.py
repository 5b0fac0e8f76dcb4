"""Citation markers: each printed style, linking, sentences, paragraphs, and never raising."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paperkit.extraction.citations import cited_works, find_markers, link_citations, paragraphs, sentence_of
from paperkit.extraction.entries import parse_references
from paperkit.records import Reference

NUMBERED = [
    Reference(f"A. Author{n}. Title number {n}. In Venue, 20{n:02d}.", f"[{n}]") for n in range(1, 11)
]

AUTHOR_YEAR = parse_references(
    [
        Reference("Bahdanau, D., Cho, K., and Bengio, Y. (2015). Neural machine translation. In ICLR."),
        Reference("Cho, K., van Merriënboer, B., and Bengio, Y. (2014a). On the properties. In SSST."),
        Reference(
            "Cho, K., van Merri¨enboer, B., Gulcehre, C., and Bengio, Y. (2014b). Learning phrases. In EMNLP."
        ),
        Reference("Hinton, G. (2012). Lecture notes. Coursera."),
        Reference("Ioffe, S. and Szegedy, C. (2015). Batch normalization. In ICML."),
        Reference(
            "Shazeer, N., Mirhoseini, A., and Maziarz, K. (2017). Outrageously large networks. In ICLR."
        ),
        Reference("Shazeer, N., Stern, M., and Le, Q. (2018). Adafactor. In ICML."),
        Reference(
            "Erik F Tjong Kim Sang and Fien De Meulder. 2003. Introduction to the CoNLL task. In CoNLL."
        ),
        Reference("Bengio, Y. and LeCun, Y. (2007). Scaling learning algorithms towards AI. MIT Press."),
        Reference("Radford, A., Narasimhan, K., and Salimans, T. (2018). Improving language understanding."),
    ]
)


def texts(text: str) -> list[str]:
    return [m.text for m in find_markers(text)]


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("as shown before [7].", "[7]"),
        ("many methods [3, 5-7] exist.", "[3, 5-7]"),
        ("many methods [3–5] exist.", "[3–5]"),
        ("two lists [12; 14] here.", "[12; 14]"),
        ("labelled [KW13, BCV13] here.", "[KW13, BCV13]"),
    ],
)
def test_bracket_markers(text: str, marker: str) -> None:
    assert texts(text) == [marker]
    assert find_markers(text)[0].style in {"numeric", "label"}


def test_intervals_equations_and_years_are_not_markers() -> None:
    text = "Values lie in [0, 1] and x ∈ [2, 5]. See Eq. (3) and (4). In 2015 the field grew (a lot)."
    assert texts(text) == []


@pytest.mark.parametrize(
    "marker",
    [
        "(Bengio et al., 2015; Hinton, 2012)",
        "(see, e.g., Hinton et al., 2012)",
        "[Ioffe and Szegedy, 2015]",
        "(Tjong Kim Sang and De Meulder, 2003)",
        "(Hinton & Salakhutdinov, 2006)",
    ],
)
def test_parenthetical_author_year(marker: str) -> None:
    found = find_markers(f"Deep nets work well {marker} in practice.")
    assert [m.text for m in found] == [marker]
    assert found[0].style == "author-year"


@pytest.mark.parametrize(
    "marker",
    ["Bengio et al. (2015)", "Shazeer et al. (2017, 2018)", "Bengio and LeCun [2007]", "Cho et al. (2014b)"],
)
def test_narrative_author_year(marker: str) -> None:
    assert texts(f"As {marker} showed, depth helps.") == [marker]


def test_narrative_with_line_break_hyphen() -> None:
    found = find_markers("recently proposed by Kalch-\nbrenner and Blunsom (2013) and others.")
    assert [m.text for m in found] == ["Kalchbrenner and Blunsom (2013)"]


def test_numeric_linking_by_label_and_range() -> None:
    found = link_citations("Prior work [3, 5-7] and [10].", NUMBERED)
    assert [m.targets for m in found] == [[2, 4, 5, 6], [9]]


def test_numeric_marker_outside_the_list_is_dropped() -> None:
    assert link_citations("a grid of [11, 12] cells and [2].", NUMBERED)[0].text == "[2]"


def test_numeric_linking_by_position_without_labels() -> None:
    refs = [Reference(r.text) for r in NUMBERED]
    assert link_citations("see [4]", refs)[0].targets == [3]


def test_author_year_linking() -> None:
    text = (
        "Translation was proposed by Bahdanau et al. (2015) and Cho et al. (2014b). Encoders "
        "(Cho et al., 2014a; Hinton, 2012) help, as does normalisation [Ioffe and Szegedy, 2015]. "
        "Shazeer et al. (2017, 2018) scale up. Named entities (Tjong Kim Sang and De Meulder, 2003) too. "
        "Unlike Radford et al. (2018), we differ, as Bengio and LeCun [2007] argue."
    )
    found = link_citations(text, AUTHOR_YEAR)
    assert [(m.text, m.targets) for m in found] == [
        ("Bahdanau et al. (2015)", [0]),
        ("Cho et al. (2014b)", [2]),
        ("(Cho et al., 2014a; Hinton, 2012)", [1, 3]),
        ("[Ioffe and Szegedy, 2015]", [4]),
        ("Shazeer et al. (2017, 2018)", [5, 6]),
        ("(Tjong Kim Sang and De Meulder, 2003)", [7]),
        ("Radford et al. (2018)", [9]),
        ("Bengio and LeCun [2007]", [8]),
    ]


def test_accented_marker_matches_plain_entry() -> None:
    refs = parse_references([Reference("Gulcehre, C. and Bengio, Y. (2013). Knowledge matters. CoRR.")])
    found = link_citations("as in (G¨ulc¸ehre and Bengio, 2013).", refs)
    assert found[0].targets == [0]


def test_unresolved_latex_citation_kept_without_target() -> None:
    found = link_citations("speech recognition (?), and more.", AUTHOR_YEAR)
    assert [(m.text, m.targets) for m in found] == [("(?)", [])]


def test_capitalised_word_before_a_year_is_not_a_citation() -> None:
    assert link_citations("The ILSVRC (2012) benchmark and ImageNet (2009) are big.", AUTHOR_YEAR) == []


def test_superscripts_when_nothing_else() -> None:
    text = "In iron superconductors1, decoupling fails. Chains are studied.2 Mean field theory3 helps."
    found = find_markers(text)
    assert [(m.text, m.style) for m in found] == [
        ("1", "superscript"),
        ("2", "superscript"),
        ("3", "superscript"),
    ]


def test_sentence_of_skips_abbreviations() -> None:
    text = "First point. As Bengio et al. (2015) showed, e.g. in Fig. 2, nets train [3]. Next one."
    m = find_markers(text)[0]
    assert (
        sentence_of(text, m.start, m.end) == "As Bengio et al. (2015) showed, e.g. in Fig. 2, nets train [3]."
    )
    assert find_markers(text)[1].sentence == m.sentence


def test_sentence_joins_line_breaks() -> None:
    text = "Earlier. Sequence models are hard to train-\ning [1]. Later."
    assert find_markers(text)[0].sentence == "Sequence models are hard to training [1]."


def test_cited_works_in_order_of_first_mention() -> None:
    text = "First [4]. Then [2, 4]. Finally [2]."
    works = cited_works(text, NUMBERED)
    assert [(w.index, w.order, w.markers) for w in works] == [
        (3, 0, ["[4]", "[2, 4]"]),
        (1, 1, ["[2, 4]", "[2]"]),
    ]
    assert works[1].sentence == "Then [2, 4]."
    assert works[0].reference is NUMBERED[3]


def test_paragraphs_blank_lines_and_page_break_join() -> None:
    text = "One para ends here.\n\nTwo starts and is cut by\n\na page break. Done.\n\nThree."
    assert paragraphs(text) == [
        "One para ends here.",
        "Two starts and is cut by a page break. Done.",
        "Three.",
    ]


def test_paragraphs_from_short_last_lines() -> None:
    long = "x" * 70
    text = f"{long}\n{long}\nshort end.\n{long}\n{long}\nalso ends."
    assert len(paragraphs(text)) == 2


@given(st.text(max_size=300))
def test_never_raises(text: str) -> None:
    for m in find_markers(text) + link_citations(text, NUMBERED) + link_citations(text, AUTHOR_YEAR):
        assert 0 <= m.start < m.end <= len(text)
        assert all(t >= 0 for t in m.targets)
    paragraphs(text)
