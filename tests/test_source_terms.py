"""The LaTeX route keeps the terms a source marks as its own; the note's key terms weigh them."""

from __future__ import annotations

from paperkit.extraction.latex.emphasis import source_terms
from paperkit.notes.terms import find_terms


def test_emphasised_phrases_and_macro_names_are_kept() -> None:
    body = (
        r"We call this the \emph{drift ledger}, a {\em slot~cache} of \textbf{Folding Units}. "
        r"It is \emph{not} a list. \textit{A very long emphasised clause that is no term at all here}."
    )
    terms = source_terms(body, {r"\sys": r"TorqNet\xspace", r"\eps": r"\varepsilon", r"\R": r"\mathbb{R}"})
    assert terms[:1] == ["TorqNet"]  # the macro's name; the maths macros are no names
    assert {"drift ledger", "slot cache", "Folding Units"} <= set(terms)
    assert not any("clause" in t for t in terms)


def test_an_emphasised_term_is_a_key_term_a_stressed_word_is_not() -> None:
    text = (
        "Streams of events are hard to replay in order. We keep each event in a drift ledger that is not "
        "a queue, and it is small and it is not slow."
    )
    assert "drift ledger" not in [t.term for t in find_terms(text)]  # said once, no cue
    names = [t.term for t in find_terms(text, emphasised=["drift ledger", "not", "the small"])]
    assert "drift ledger" in names
    assert "not" not in names and "small" not in names
