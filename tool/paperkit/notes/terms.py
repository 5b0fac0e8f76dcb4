"""Key terms a paper defines or leans on: acronyms with their expansion, and phrases it names.

Acronyms follow the idea of Schwartz and Hearst's abbreviation finder (a short form in parentheses whose
letters can be matched, right to left, in the words just before it); named phrases come from cues such as
"which we call X" or "referred to as X".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from paperkit.text import sentences

_SHORT = re.compile(r"\(([A-Za-z][A-Za-z0-9\-]{1,9}?)(s)?\)")
# Words that end a named phrase: "called batch normalization is ..." names "batch normalization".
_AFTER_TERM = (
    "and|which|that|to|for|in|or|on|of|with|by|as|is|are|was|were|has|have|had|can|could|will|would|may|"
    "might|uses?|used|does|do"
)
_NAMED = re.compile(
    # Naming cues only: a bare "term" or "name" is too often an ordinary noun ("long term dependencies").
    r"\b(?:we\s+(?:call|term|name|dub|denote)|called|termed|dubbed|named|referred\s+to\s+as|"
    r"known\s+as|coined)\s+(?:the\s+|a\s+|an\s+|as\s+|it\s+|this\s+)?"
    r"[\"“‘']?(?P<term>[A-Za-z][\w\-]*(?:\s+[\w\-]+){0,3}?)[\"”’']?"
    rf"(?=[,.;:)]|\s+(?:{_AFTER_TERM})\b)",
    re.IGNORECASE,
)
_STOP = {"the", "a", "an", "of", "for", "and", "to", "in", "on", "with", "by", "we", "our", "this", "that"}


@dataclass
class Term:
    """A term, what it stands for (acronyms), and the sentence that introduces it."""

    term: str
    expansion: str | None
    sentence: str


def _expand(short: str, before: str) -> str | None:
    """Match the short form's letters right to left in the words before it; the long form, or None."""
    words = before.split()
    if not words:
        return None
    window = words[-min(len(words), len(short) + 5, 2 * len(short) + 2) :]
    long_form = " ".join(window)
    s = [c.lower() for c in short if c.isalnum()]
    lf = long_form.lower()
    si, li = len(s) - 1, len(lf) - 1
    while si >= 0:
        c = s[si]
        # The first letter of the short form must start a word of the long form.
        while li >= 0 and (lf[li] != c or (si == 0 and li > 0 and lf[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        si -= 1
        li -= 1
    start = lf.rfind(" ", 0, li + 1) + 1
    found = long_form[start:].strip(" ,;:(")
    first = found.split()[0].lower() if found.split() else ""
    if not found or first in _STOP or len(found) <= len(short):
        return None
    return found


def find_terms(text: str, limit: int = 12) -> list[Term]:
    """Acronyms with expansions and named phrases in ``text``, in order of first appearance."""
    found: dict[str, Term] = {}
    for sent in sentences(text):
        for m in _SHORT.finditer(sent):
            short = m.group(1)
            if sum(c.isupper() for c in short) < 2 or short.lower() in found:
                continue
            expansion = _expand(short, sent[: m.start()])
            if expansion:
                found[short.lower()] = Term(short, expansion, sent)
        for m in _NAMED.finditer(sent):
            term = m.group("term").strip(" -")
            words = term.split()
            while words and words[-1].lower() in _STOP:
                words.pop()
            term = " ".join(words)
            if len(term) < 3 or term.lower() in _STOP or term.lower() in found:
                continue
            found[term.lower()] = Term(term, None, sent)
        if len(found) >= limit:
            break
    return list(found.values())[:limit]
