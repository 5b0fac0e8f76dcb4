"""Sentence splitting: a stop after a lower-case one-letter word ends a sentence; initials and the usual
abbreviations do not."""

from __future__ import annotations

import pytest

from paperkit.text import sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A variable or one-letter word ends its sentence like any other word.
        (
            "The state is read at time t. This is the update.",
            ["The state is read at time t.", "This is the update."],
        ),
        ("We sum over all i. Then we divide.", ["We sum over all i.", "Then we divide."]),
        ("The loss is convex in x. (See the appendix.)", ["The loss is convex in x.", "(See the appendix.)"]),
        # Initials are capitals: a name does not split.
        (
            "As shown by J. Smith and K. L. Jones, widgets help.",
            ["As shown by J. Smith and K. L. Jones, widgets help."],
        ),
        # The usual abbreviations do not end a sentence either.
        ("Widgets help, e.g. Gadgets do. Next one.", ["Widgets help, e.g. Gadgets do.", "Next one."]),
        ("That is, i.e. The rest holds.", ["That is, i.e. The rest holds."]),
        ("Smith et al. Showed it first. Then more.", ["Smith et al. Showed it first.", "Then more."]),
        ("See Fig. 2 for the curve. It rises.", ["See Fig. 2 for the curve.", "It rises."]),
        ("See p. 4 of the manual. It is short.", ["See p. 4 of the manual.", "It is short."]),
    ],
)
def test_sentences_split_after_lower_case_letters_not_initials(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
