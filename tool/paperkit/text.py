"""Small text helpers shared by extraction, citations and the note: sentences and whitespace.

Cleaning outside text is :mod:`paperkit.sanitize`'s job; ``strip_controls`` and ``one_line`` are its.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Container

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


__all__ = [
    "ascii_fold",
    "fold",
    "join_broken_words",
    "keeps_hyphen",
    "one_line",
    "sentences",
    "squash",
    "strip_controls",
    "zipf",
]


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


# --- words broken at line ends ------------------------------------------------------------------------

# Prefixes that make a compound with any word ("self-attention", "pre-trained"): kept hyphenated at a line
# break unless the joined word is itself common ("nonlinear", "cooperation").
_PREFIXES = frozenset(
    {
        "self", "non", "semi", "multi", "cross", "co", "pre", "post", "anti", "inter", "intra", "sub",
        "super", "meta", "mini", "hyper", "pseudo", "quasi", "re", "un", "over", "under", "out",
    }
)  # fmt: skip
# The short words inside multi-word compounds ("end-to-end", "state-of-the-art", "one-vs-all").
_LINKS = frozenset({"to", "of", "the", "and", "on", "in", "by", "for", "a", "vs", "or"})
_KNOWN = 1.6  # ... and of a word at all (below: a syllable, "repre", "sentation")
_COMMON = 3.0  # Zipf frequency of a word an ordinary English text uses (3: once per million words)


@functools.cache
def zipf(word: str) -> float:
    """How common ``word`` is in ordinary English, on wordfreq's Zipf scale (7 for "the", 3 for a field's
    word, 0 for no word at all)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # wordfreq missing: every word counts as known and common
        return _COMMON
    return float(zipf_frequency(word.lower(), "en"))


def keeps_hyphen(head: str, tail: str, seen: Container[str] = frozenset()) -> bool:
    """Whether ``head-`` at a line end and ``tail`` (the next line's first word) are one hyphenated word
    ("self-" + "attention", "end-" + "to-end") rather than one word hyphenated by the typesetter ("mu-" +
    "sic"). ``seen`` holds the document's own words (lower case): a form printed elsewhere in it decides.
    Otherwise a dictionary check: a common joined word is joined; two words that stand alone, a compound
    prefix or a compound that goes on ("to-end") keep the hyphen."""
    if not tail[:1].islower() or not head[-1:].isalpha():
        return True  # "Long-" + "Term", "ResNet-" + "50": the hyphen is part of a name
    first = re.match(r"[^\W\d_]*", tail)
    rest = first.group(0).lower() if first else ""
    whole = re.match(r"[\w-]*[\w]", tail)
    h = head.lower()
    if whole and f"{h}-{whole.group(0).lower()}" in seen:
        return True
    if whole and f"{h}{whole.group(0).lower()}" in seen:
        return False
    if not rest:
        return True
    last = h.rsplit("-", 1)[-1]
    joined = zipf(last + rest)
    if joined >= _COMMON:
        return False
    if "-" in h or (whole and "-" in whole.group(0)) or last in _PREFIXES or rest in _LINKS:
        return True
    # two words that stand alone ("data-" + "driven", "Lipschitz-" + "continuous") stay two, unless the
    # joined word is the commoner reading ("eigen-" + "values"); a piece that is no word is a syllable
    halves = min(zipf(last), zipf(rest))
    return halves >= _KNOWN and joined <= halves


# "mu- sic" (a break flattened to a space; group 1) and "mu-\nsic" (group 2)
_BROKEN = re.compile(
    r"(?<![\w-])([^\W\d_][\w-]*)-[ \t]*\n?[ \t]+(?=[^\W\d_])|(?<![\w-])([^\W\d_][\w-]*)-\n(?=\w)"
)
_COMPOUND = re.compile(r"\b[^\W\d_]+(?:-[^\W\d_]+)+\b")


def _split_link(part: str) -> str:
    """An unknown word that is a link word glued to a word ("endto", "toend", "theart"), split with a
    hyphen; else the word unchanged."""
    if len(part) < 4 or zipf(part) >= _KNOWN:
        return part
    for link in _LINKS:
        if part.endswith(link) and zipf(part[: -len(link)]) >= _COMMON:
            return f"{part[: -len(link)]}-{link}"
        if part.startswith(link) and zipf(part[len(link) :]) >= _COMMON:
            return f"{link}-{part[len(link) :]}"
    return part


def join_broken_words(text: str, seen: Container[str] = frozenset()) -> str:
    """``text`` with words broken at line ends put back: "mu- sic" and "mu-\\nsic" → "music", "self-
    attention" → "self-attention", "pre- and post-training" kept; compounds that lost a hyphen at a
    break mended ("endto-end", "end-toend" → "end-to-end"). ``seen``: the document's words, as in
    :func:`keeps_hyphen`."""

    def mend(m: re.Match[str]) -> str:
        head = m.group(1) or m.group(2)
        after = text[m.end() : m.end() + 40]
        if not keeps_hyphen(head, after, seen):
            return head
        word = re.match(r"[^\W\d_]+", after)
        suspended = word is not None and word.group(0).lower() in _LINKS  # "pre- and post-training"
        return m.group(0) if suspended and m.group(1) else head + "-"

    text = _BROKEN.sub(mend, text)
    return _COMPOUND.sub(lambda m: "-".join(_split_link(p) for p in m.group(0).split("-")), text)
