"""Small text helpers shared by extraction, citations and the note: sentences and whitespace."""

from __future__ import annotations

import re
import unicodedata

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "al", "e.g", "i.e", "cf", "fig", "figs", "eq", "eqs", "eqn", "ref", "refs", "sec", "secs", "tab", "vs",
    "resp", "approx", "vol", "pp", "dr", "mr", "mrs", "prof", "jr", "viz", "thm", "lem", "alg",
}  # fmt: skip
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


# C0/C1 control characters and bidi overrides: invisible, and able to disguise text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """Remove control characters and bidi overrides (right-to-left letters themselves stay)."""
    return _CONTROL.sub("", text)


def squash(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return " ".join(text.split())


def one_line(text: object) -> str:
    """Outside text as one clean line: control characters gone, whitespace runs one space."""
    return squash(strip_controls(str(text)))


def ascii_fold(text: str) -> str:
    """Drop accents: 'Merriënboer' → 'Merrienboer' (NFKD, combining marks removed)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """The one comparison key for text: compatibility forms and accents folded, lower case, letters and
    digits only (``“Attention Is All You Need”`` and ``attention is all you need`` compare equal).
    Titles, headings, names and the benchmarks' truth are all compared through it."""
    text = ascii_fold(unicodedata.normalize("NFKC", text)).replace("ı", "i")
    return "".join(c for c in text.lower() if c.isalnum())


def _ends_with_abbreviation(before: str) -> bool:
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    word = word.lstrip("([\"'“").rstrip(".").lower()
    if word in _ABBREVIATIONS:
        return True
    # Initials ("J. Smith") and single letters ("Fig. 3a. ") do not end a sentence.
    return len(word) == 1 and word.isalpha()


def sentences(text: str) -> list[str]:
    """Split running text into sentences; 'et al.', 'e.g.', 'Fig.' and initials do not end one."""
    text = squash(text)
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.start() + 1
        if text[m.start()] == "." and _ends_with_abbreviation(text[start : m.start()]):
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
