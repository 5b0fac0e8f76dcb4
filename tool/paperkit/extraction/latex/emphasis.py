"""The terms a LaTeX source marks as its own: phrases set in italics or bold where they are introduced
(``\\emph{dynamic dictionary}``, ``\\textbf{Momentum Contrast}``, ``{\\em soft targets}``) and the names its
argument-free macros stand for (``\\newcommand{\\sys}{PySR\\xspace}``). Kept in ``sections.json`` so that
the note's key terms can weigh them (the text conversion drops the emphasis)."""

from __future__ import annotations

import re

MAX_TERMS = 200  # a paper emphasising more is emphasising everything
MAX_WORDS = 6  # a longer emphasised run is a stressed clause, not a term

_EMPHASIS = re.compile(
    r"\\(?:emph|textit|textbf|textsl)\s*\{([^{}$\\%]{2,80})\}|\{\\(?:em|it|bf|itshape|bfseries)\s+([^{}$\\%]{2,80})\}"
)
# A macro's body that is a name: letters, digits and joiners, a capital or digit inside ("PySR", "GPT-3").
_NAME = re.compile(r"[A-Za-z][\w\-]*[A-Z0-9][\w\-]*|[A-Z]{2,}[\w\-]*")


def source_terms(body: str, macros: dict[str, str]) -> list[str]:
    """The phrases ``body`` emphasises and the names ``macros`` stand for, each once, in order."""
    found: dict[str, str] = {}
    for value in macros.values():
        name = value.replace("\\xspace", "").replace("{}", "").strip()
        if _NAME.fullmatch(name):
            found.setdefault(name.lower(), name)
    for m in _EMPHASIS.finditer(body):
        phrase = " ".join((m.group(1) or m.group(2)).replace("~", " ").split()).strip(" ,.;:")
        if phrase and len(phrase.split()) <= MAX_WORDS and any(c.isalpha() for c in phrase):
            found.setdefault(phrase.lower(), phrase)
        if len(found) >= MAX_TERMS:
            break
    return list(found.values())
