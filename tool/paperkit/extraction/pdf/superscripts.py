"""Superscript citation numbers ("superconductors,1 such", "chains.2 While"): found among a line's spans,
carried beside the plain text, and kept in running text only where they can be citations.

A line's plain text never has them (footnote markers and exponents look the same). Its ``rich`` text has
each candidate between :data:`SUP_OPEN` and :data:`SUP_CLOSE`; :func:`render` keeps or drops each one as a
policy says. :func:`citation_policy` keeps them in papers whose reference list is numbered, except the
numbers of footnotes printed on the same page. Kept numbers are glued to the word before them, the form
``paperkit.extraction.citations`` reads as superscript citations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Sequence
from typing import TYPE_CHECKING, Any

from paperkit.records import Reference

if TYPE_CHECKING:
    from paperkit.extraction.pdf.page import Line

SUP_OPEN, SUP_CLOSE = "\ue000", "\ue001"  # private-use characters: never in a PDF's text layer here
_RICH = re.compile(f"{SUP_OPEN}([^{SUP_CLOSE}]*){SUP_CLOSE}")
_DIGITS = re.compile(r"\d{1,3}(?:\s*[,–—-]\s*\d{1,3})*")  # "4", "5,6", "1, 2", "12–14"
# glued to a word, perhaps after its punctuation, or to a sentence's closing bracket ("(N = 2).11")
_WORD_END = re.compile(r"(?:[A-Za-z]{2}[.,;:]?|\)[.,;:])$")
_MATH_FONT = re.compile(r"cmmi|cmsy|cmex|msbm|math|symbol", re.IGNORECASE)
_NUMERIC_LABEL = re.compile(r"\[?\d{1,4}\]?\.?")
_FOLLOWS = " \t.,;:)]"  # what may come right after a superscript citation

# Spans that ``is_citation_superscript`` compares: PyMuPDF's "dict" spans.
Span = dict[str, Any]


def is_citation_superscript(span: Span, prev: Span | None, after: str | None, before: str) -> bool:
    """Whether ``span`` is a raised, smaller number glued to the word before it on a text line.

    ``prev`` is the span before it on the line, ``after`` the text that follows it on the line (None at
    the end of the line), ``before`` the line's text so far. Exponents are left out: after a single letter
    ("x2"), a digit or a bracket ("(1 + x)2"), in a math font, or followed by more letters ("x2y").
    """
    text = span["text"]
    if prev is None or not _DIGITS.fullmatch(text.rstrip()):
        return False
    if not _WORD_END.search(before) or _MATH_FONT.search(prev["font"]):
        return False
    if after is not None and after[:1] not in _FOLLOWS and after:
        return False
    smaller = span["size"] <= 0.85 * prev["size"]
    raised = bool(span["flags"] & 1) or span["origin"][1] < prev["origin"][1] - 0.15 * prev["size"]
    return smaller and raised


_AFTER_SYMBOL = re.compile(r"(?:^|[^A-Za-z])[A-Za-z]$|[−+=×()\[\]|^]$")


def is_exponent(span: Span, prev: Span | None, before: Sequence[str]) -> bool:
    """Whether a raised number is an exponent, which the text keeps ("S3", "O(L2)", "H−1"), not a footnote
    marker, which it drops ("networks2"): glued to a single letter, a closing bracket or an operator, or
    after a span in a math font. ``before``: the line's text pieces so far."""
    if prev is None or not span["text"].strip().isdigit():
        return False
    tail = "".join(before[-3:])
    if not tail or tail[-1].isspace():
        return False
    return bool(_AFTER_SYMBOL.search(tail)) or bool(_MATH_FONT.search(prev["font"]))


def wrap(text: str) -> str:
    """The rich-text form of one superscript: ``"1, 2"`` → ``SUP_OPEN + "1,2" + SUP_CLOSE``."""
    return SUP_OPEN + re.sub(r"\s+", "", text) + SUP_CLOSE


def render(rich: str, keep: Callable[[str], bool]) -> str:
    """Rich text with each superscript kept in place (``keep(number)``) or dropped."""
    return _RICH.sub(lambda m: m[1] if keep(m[1]) else "", rich)


def strip(rich: str) -> str:
    """Rich text without its superscripts: the plain text."""
    return _RICH.sub("", rich)


Policy = Callable[["Line", str], bool]


def citation_policy(
    lines: Sequence[Line], references: Sequence[Reference], reference_lines: Container[int]
) -> Policy | None:
    """Which superscripts to keep: none unless the reference list is numbered (author-year papers do not
    cite by number); otherwise all but the numbers of footnotes in the lower half of the same page
    (a line there opening with that raised number, outside the reference list)."""
    labelled = sum(1 for r in references if _NUMERIC_LABEL.fullmatch(r.label or ""))
    if len(references) < 3 or labelled < 0.8 * len(references):
        return None
    notes: set[tuple[int, str]] = set()
    for i, ln in enumerate(lines):
        if ln.lead_marker and i not in reference_lines and ln.y0 > 0.5 * ln.page_height:
            m = re.match(r"\d+", ln.text)
            if m:
                notes.add((ln.page, m[0]))
    return lambda ln, number: (ln.page, number) not in notes
