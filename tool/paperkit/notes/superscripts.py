"""Citation numbers printed as superscripts, shown as superscripts: "the Bethe lattice⁴ has", not
"the Bethe lattice4 has". A PDF's text layer gives a superscript as ordinary digits glued to the word
before; extraction keeps them and links them to the reference list, so the note knows which digits are
citation marks and raises exactly those in the sentences it quotes (an exponent, or a name such as
"CIFAR-10", is left alone)."""

from __future__ import annotations

import re
from dataclasses import replace

from paperkit.extraction.citations import place_links
from paperkit.records import CitationLink

_RAISED = str.maketrans("0123456789,–-", "⁰¹²³⁴⁵⁶⁷⁸⁹˒⁻⁻")
_NUMBERS = re.compile(r"\d{1,4}(?:\s*[,–-]\s*\d{1,4})*")
_WORD_BEFORE = re.compile(r"[^\s\d]+$")  # the word (or closing mark) the number is glued to


def glued_marks(text: str, links: list[CitationLink]) -> list[tuple[str, str]]:
    """(as printed, as shown) for each citation number of ``links`` glued to the word before it in
    ``text``: ``("lattice4", "lattice⁴")``; the word and the character after it keep the pair exact."""
    pairs: dict[str, str] = {}
    for link in place_links(text, [replace(c) for c in links]):
        at = link.at
        if at is None or at == 0 or not _NUMBERS.fullmatch(link.marker) or text[at - 1].isspace():
            continue
        word = _WORD_BEFORE.search(text[max(0, at - 40) : at])
        end = at + len(link.marker)
        if word is None or (end < len(text) and text[end].isalnum()):
            continue  # "x2y": not a mark standing on its own
        after = text[end : end + 1]
        raised = re.sub(r"\s+", "", link.marker).translate(_RAISED)
        pairs[word.group(0) + link.marker + after] = word.group(0) + raised + after
    return list(pairs.items())


def raise_in(sentence: str, pairs: list[tuple[str, str]]) -> str:
    """``sentence`` with each glued mark of ``pairs`` raised."""
    for printed, shown in pairs:
        if printed in sentence:
            sentence = sentence.replace(printed, shown)
    return sentence
