"""Small text helpers shared by extraction, citations and the note: sentences and whitespace.

Cleaning outside text is :mod:`paperkit.sanitize`'s job; ``strip_controls`` and ``one_line`` are its.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from paperkit.sanitize import one_line, strip_controls

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "al", "e.g", "i.e", "cf", "fig", "figs", "eq", "eqs", "eqn", "ref", "refs", "sec", "secs", "tab", "vs",
    "resp", "approx", "vol", "p", "pp", "dr", "mr", "mrs", "prof", "jr", "viz", "thm", "lem", "alg",
}  # fmt: skip
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def squash(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return " ".join(text.split())


__all__ = ["ascii_fold", "fold", "one_line", "sentences", "squash", "strip_controls"]


def ascii_fold(text: str) -> str:
    """Drop accents: 'Merriënboer' → 'Merrienboer' (NFKD, combining marks removed)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum() and "_"; combining marks are \W


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The one comparison key for text: compatibility forms and accents folded, lower case, letters and
    digits only (``“Attention Is All You Need”`` and ``attention is all you need`` compare equal).
    Titles, headings, names and the benchmarks' truth are all compared through it (cached: the same
    titles and sentences are compared many times)."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text)).replace("ı", "i")
    return _NOT_ALNUM.sub("", text.lower())


def _ends_with_abbreviation(before: str) -> bool:
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    word = word.lstrip("([\"'“").rstrip(".")
    if word.lower() in _ABBREVIATIONS:
        return True
    # Initials ("J. Smith", "U.S.") are capitals; a lower-case letter is a word or a variable ("at time t.")
    # and ends its sentence like any other.
    return len(word) == 1 and word.isupper()


def sentences(text: str) -> list[str]:
    """Split running text into sentences; 'et al.', 'e.g.', 'Fig.' and initials do not end one."""
    text = squash(text)
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.start() + 1
        # Only the word before the stop matters: a short window keeps a run of "e.g. a. b. c." linear.
        if text[m.start()] == "." and _ends_with_abbreviation(text[max(start, m.start() - 64) : m.start()]):
            continue
        piece = text[start:end].strip()
        # Keep closing quotes/brackets with the sentence they close.
        trailing = m.group(0)[1:].strip()
        piece = (piece + trailing).strip()
        if piece:
            out.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out
