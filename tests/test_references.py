"""Reference-entry parsing: one test per printed style, accents, IDs, and never raising."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paperkit.extraction.entries import fix_accents, name_words, parse_reference, parse_references
from paperkit.records import Reference
from paperkit.text import fold


def parse(text: str, label: str | None = None) -> Reference:
    return parse_reference(Reference(text=text, label=label))


def test_ieee_numbered_initials_first() -> None:
    r = parse(
        "Y. Bengio, P. Simard, and P. Frasconi. Learning long term dependencies is hard. "
        "IEEE Transactions on Neural Networks, 5(2):157–166, 1994.",
        "[1]",
    )
    assert r.authors == ["Y. Bengio", "P. Simard", "P. Frasconi"]
    assert r.year == "1994"
    assert r.title == "Learning long term dependencies is hard"
    assert r.venue is not None and r.venue.startswith("IEEE Transactions on Neural Networks")


def test_cvpr_back_references_and_hyphenated_initials() -> None:
    r = parse("J.-P. Dupont and F.-F. Li. Seeing far. In CVPR, 2016. 2, 5", "[7]")
    assert r.authors == ["J.-P. Dupont", "F.-F. Li"]
    assert r.year == "2016"
    assert r.title == "Seeing far"
    assert r.venue == "CVPR"


def test_neurips_full_names_with_arxiv_preprint() -> None:
    r = parse(
        "Jimmy Lei Ba, Jamie Ryan Kiros, and Geoffrey E Hinton. Layer normalization. arXiv preprint "
        "arXiv:1607.06450, 2016."
    )
    assert r.authors == ["Jimmy Lei Ba", "Jamie Ryan Kiros", "Geoffrey E Hinton"]
    assert (r.year, r.title, r.arxiv_id) == ("2016", "Layer normalization", "1607.06450")


def test_icml_surname_first_full_given_names() -> None:
    r = parse(
        "Duchi, John, Hazan, Elad, and Singer, Yoram. Adaptive subgradient methods for online learning. "
        "The Journal of Machine Learning Research, 12:2121–2159, 2011."
    )
    assert r.authors == ["Duchi, John", "Hazan, Elad", "Singer, Yoram"]
    assert r.year == "2011"
    assert r.title == "Adaptive subgradient methods for online learning"


def test_surname_first_initials_then_title() -> None:
    r = parse("Hinton, G.E. and Salakhutdinov, R.R. Reducing the dimensionality of data. Science, 2006.")
    assert r.authors == ["Hinton, G.E.", "Salakhutdinov, R.R."]
    assert r.title == "Reducing the dimensionality of data"


def test_apa_year_in_parentheses_with_letter() -> None:
    r = parse(
        "Cho, K., van Merriënboer, B., and Bengio, Y. (2014a). On the properties of neural machine "
        "translation. In Eighth Workshop on Syntax, pages 103–111."
    )
    assert r.authors == ["Cho, K.", "van Merriënboer, B.", "Bengio, Y."]
    assert r.year == "2014a"
    assert r.title == "On the properties of neural machine translation"


def test_acl_year_after_authors() -> None:
    r = parse(
        "Alan Akbik, Duncan Blythe, and Roland Vollgraf. 2018. Contextual string embeddings for "
        "sequence labeling. In Proceedings of COLING, pages 1638–1649.",
        "[Akbik et al.2018]",
    )
    assert r.authors == ["Alan Akbik", "Duncan Blythe", "Roland Vollgraf"]
    assert r.year == "2018"
    assert r.title == "Contextual string embeddings for sequence labeling"


def test_quoted_title_and_in_colon() -> None:
    r = parse(
        "G. Brockman, V. Cheung, and W. Zaremba. “OpenAI Gym”. In: arXiv preprint arXiv:1606.01540 (2016).",
        "[Bro+16]",
    )
    assert r.title == "OpenAI Gym"
    assert r.year == "2016"
    assert r.arxiv_id == "1606.01540"


def test_science_style_without_title() -> None:
    r = parse("D. E. Rumelhart, G. E. Hinton, R. J. Williams, Nature 323, 533 (1986).", "1.")
    assert r.authors == ["D. E. Rumelhart", "G. E. Hinton", "R. J. Williams"]
    assert r.year == "1986"
    assert r.title is None
    assert r.venue == "Nature"


def test_et_al_ends_the_author_list() -> None:
    r = parse("W. L. Briggs, S. F. McCormick, et al. A Multigrid Tutorial. Siam, 2000.")
    assert r.authors == ["W. L. Briggs", "S. F. McCormick"]
    assert r.title == "A Multigrid Tutorial"


def test_label_left_in_the_text_is_stripped() -> None:
    r = parse("[12] R. Girshick. Fast R-CNN. In ICCV, 2015.")
    assert r.authors == ["R. Girshick"]
    assert r.title == "Fast R-CNN"


@pytest.mark.parametrize(
    ("text", "arxiv_id"),
    [
        ("A. B. Title. arXiv:1409.0473, 2014.", "1409.0473"),
        ("A. B. Title. arXiv preprint arXiv:1506.03099v2, 2015.", "1506.03099"),
        ("A. B. Title. CoRR, abs/1409.0473, 2014.", "1409.0473"),
        ("A. B. Title. https://arxiv.org/abs/1706.03762, 2017.", "1706.03762"),
        ("A. B. Title. arXiv:hep-th/9901001, 1999.", "hep-th/9901001"),
        ("A. B. Title. In NIPS, 2014.", None),
        ("C. D. Name, Phys. Rev. D 62, 013001 (2000), hep-ph/0001025.", "hep-ph/0001025"),
        ("E. F. Name, Nucl. Phys. B 500 (1997) 1 [hep-th/9701001].", "hep-th/9701001"),
        ("G. Name et al., arXiv Report 1604.00289 (2016).", "1604.00289"),
        ("H. Name, A long title, arXiv:1604.002- 89 (2016).", "1604.00289"),
        ("I. Name, A long title, arXiv: 1604. 00289 (2016).", "1604.00289"),
        ("J. Name, Phys. Lett. B 7 (1999) 12, hep-ph/00 01025.", "hep-ph/0001025"),
        ("K. Name, Ann. Phys. 12 (2001) 1001-1025.", None),
    ],
)
def test_arxiv_ids(text: str, arxiv_id: str | None) -> None:
    assert parse(text).arxiv_id == arxiv_id


def test_doi_and_year_not_taken_from_ids() -> None:
    r = parse("A. Author. Scaling laws. arXiv:2001.08361. doi:10.1145/3065386.")
    assert r.doi == "10.1145/3065386"
    assert r.year is None  # '2001' is part of the arXiv ID


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("Daum´e", "Daumé"),
        ("Merri \u0308enboer", "Merriënboer"),
        ("G¨ulc¸ehre", "Gülçehre"),
        ("and \u0301Eric", "and Éric"),
        ("Lo¨ıc", "Loïc"),
        ("Merrie\u0301nboer", "Merriénboer"),  # a mark already on its letter stays there
    ],
)
def test_fix_accents(raw: str, fixed: str) -> None:
    assert fix_accents(raw) == fixed


def test_fold_and_name_words() -> None:
    assert fold("Merri¨enboer") == fold("Merriënboer") == "merrienboer"
    assert name_words("van Merriënboer, B.") == ["van", "merrienboer"]
    assert name_words("Erik F Tjong Kim Sang") == ["erik", "f", "tjong", "kim", "sang"]
    assert name_words("Estevam R. Hruschka Jr") == ["estevam", "r", "hruschka"]


def test_parse_references_keeps_order_and_input() -> None:
    refs = [Reference("A. One. First. 2001.", "[1]"), Reference("B. Two. Second. 2002.", "[2]")]
    out = parse_references(refs)
    assert [r.year for r in out] == ["2001", "2002"]
    assert refs[0].year is None  # the input is not changed


@given(st.text(max_size=400), st.one_of(st.none(), st.text(max_size=12)))
def test_never_raises(text: str, label: str | None) -> None:
    r = parse_reference(Reference(text=text, label=label))
    assert r.text == text
    assert isinstance(r.authors, list)
