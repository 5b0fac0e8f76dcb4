"""Words broken at line ends, joined by a dictionary check (:func:`paperkit.text.join_broken_words`)."""

from __future__ import annotations

import pytest

from paperkit.text import join_broken_words, keeps_hyphen


@pytest.mark.parametrize(
    ("broken", "whole"),
    [
        ("the mu- sic of it", "the music of it"),  # both halves are words, the joined word is commoner
        ("mu-\nsic", "music"),
        ("repre- sentation", "representation"),  # syllables: no word on either side
        ("Hamil-\ntonian", "Hamiltonian"),
        ("eigen- values", "eigenvalues"),
        ("self- attention", "self-attention"),  # a compound prefix
        ("data- driven", "data-driven"),  # two words, the joined one unknown
        ("a well- known result", "a well-known result"),
        ("pre- and post-training", "pre- and post-training"),  # a suspended hyphen stays as printed
        ("an endto-end model", "an end-to-end model"),  # a compound that lost a hyphen at a break
        ("an end-toend model", "an end-to-end model"),
        ("state-of-theart", "state-of-the-art"),
        ("ResNet- 50", "ResNet- 50"),
    ],
)
def test_join_broken_words(broken: str, whole: str) -> None:
    assert join_broken_words(broken) == whole


def test_the_documents_own_spelling_decides_first() -> None:
    assert keeps_hyphen("data", "set", {"data-set"})
    assert not keeps_hyphen("data", "set", {"dataset"})
    assert keeps_hyphen("end", "to-end")  # the compound goes on after the break
    assert keeps_hyphen("Long", "Term")  # a name's capital keeps it
