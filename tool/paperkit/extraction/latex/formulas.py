""" "The idea in symbols": up to three display equations that define a paper's method, read from its LaTeX.

Candidates are the display equations (``equation``, ``align``, ``\\[ … \\]``, ``$$ … $$`` …) of the method
sections — those named for a method, model, approach or framework; else every section between the
introduction and the experiments; else the whole body before the appendix. A candidate states
something (a relation: ``=``, ``\\le``, ``\\propto``, ``\\sim`` …) and is not a page-long derivation.
The ones whose label the text refers to most come first (then labelled ones, then the earliest); the
chosen are shown in the paper's order, each with the sentence that introduces it. Formulas are made
KaTeX-ready (:mod:`paperkit.extraction.latex.macros`); one KaTeX cannot render is marked so, and the
note shows it as code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from paperkit.extraction.latex.macros import Macro, expand, katex_ready, renders
from paperkit.extraction.latex.to_text import to_text
from paperkit.records import Formula

MAX_FORMULAS = 3
MAX_TEX = 600  # characters: longer is a derivation, not a definition
_DISPLAY = re.compile(
    r"\$\$(?P<dd>.+?)\$\$"
    r"|\\\[(?P<db>.+?)\\\]"
    r"|\\begin\s*\{(?P<env>equation|align|alignat|gather|multline|eqnarray|displaymath|flalign|dmath)"
    r"(?P<star>\*?)\}(?P<de>.*?)\\end\s*\{(?P=env)(?P=star)\}",
    re.S,
)
_SECTION = re.compile(r"\\(?:section|chapter)\*?\s*(?:\[[^\]]*\])?\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_APPENDIX = re.compile(
    r"\\appendix(?![A-Za-z])|\\begin\s*\{appendix|\\bibliography\s*\{|\\begin\s*\{thebibliography\}"
)
_METHOD = re.compile(
    r"method|model|approach|framework|algorithm|formulation|architecture|our |proposed|technique|"
    r"objective|learning|theory|definition|preliminar|setup|set-up|estimat|inference",
    re.I,
)
_NOT_METHOD = re.compile(
    r"introduction|related|prior work|previous work|conclu|experiment|result|evaluation|discussion|"
    r"acknowledg|appendix|limitation|future work|summary|reference|data ?set",
    re.I,
)
_RELATION = re.compile(
    r"(?<![<>])[=<>]|\\(?:le|ge|leq|geq|propto|sim|approx|equiv|coloneqq|triangleq|in|to|mapsto)(?![A-Za-z])"
)
_LABEL = re.compile(r"\\label\s*\{([^{}]*)\}")


def find_formulas(body: str, macros: dict[str, Macro], limit: int = MAX_FORMULAS) -> list[Formula]:
    """The display equations that define the method, at most ``limit``, in the paper's order."""
    end = _APPENDIX.search(body)
    text = body[: end.start()] if end else body
    candidates = []
    for spans in _method_spans(text):
        candidates = _candidates(body, text, spans, macros)
        if candidates:
            break
    # What renders first, then what the text refers to most, then labelled, then earliest.
    ranked = sorted(candidates, key=lambda c: (not c.renders, -c.refs, c.label is None, c.start))[:limit]
    return [
        Formula(
            tex=c.tex,
            sentence=_introduction(text, c.start, macros),
            label=c.label,
            refs=c.refs,
            renders=c.renders,
        )
        for c in sorted(ranked, key=lambda c: c.start)
    ]


@dataclass
class _Candidate:
    start: int
    tex: str
    label: str | None
    refs: int
    renders: bool


def _candidates(
    body: str, text: str, spans: list[tuple[int, int]], macros: dict[str, Macro]
) -> list[_Candidate]:
    candidates = []
    for m in _DISPLAY.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            continue
        raw = next(g for g in (m.group("dd"), m.group("db"), m.group("de")) if g is not None)
        labels = _LABEL.findall(raw)
        tex = katex_ready(raw, macros)
        if not _RELATION.search(tex) or len(tex) > MAX_TEX or len(tex) < 5:
            continue
        refs = sum(_count_refs(body, label) for label in labels)
        candidates.append(_Candidate(m.start(), tex, labels[0] if labels else None, refs, renders(tex)))
    return candidates


def _method_spans(text: str) -> list[list[tuple[int, int]]]:
    """Where the method is, most likely first: the sections named for it, the sections that are not
    introduction, related work or experiments, the whole text."""
    whole = [(0, len(text))]
    heads = [(m.start(), m.group(1)) for m in _SECTION.finditer(text)]
    if not heads:
        return [whole]
    bounds = [
        (start, heads[i + 1][0] if i + 1 < len(heads) else len(text), title)
        for i, (start, title) in enumerate(heads)
    ]
    named = [(a, b) for a, b, title in bounds if _METHOD.search(title) and not _NOT_METHOD.search(title)]
    middle = [(a, b) for a, b, title in bounds if not _NOT_METHOD.search(title)]
    return [named, middle, whole]


def _count_refs(body: str, label: str) -> int:
    pattern = r"\\(?:eq|auto|c|C|[vV])?ref\*?\s*\{[^{}]*(?<=[{,\s])" + re.escape(label) + r"\s*[,}]"
    return len(re.findall(pattern, body))


def _introduction(text: str, start: int, macros: dict[str, Macro]) -> str:
    """The sentence that introduces the equation at ``start``: the end of the paragraph before it."""
    before = text[max(0, start - 1500) : start]
    paragraph = re.split(
        r"\n\s*\n|\\par(?![A-Za-z])|\\(?:sub)*section\*?\s*\{[^{}]*\}|\\end\s*\{\w+\*?\}", before
    )[-1]
    plain = " ".join(to_text(expand(paragraph, macros)).split())
    if not plain:
        return ""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", plain)
    sentence = sentences[-1]
    return sentence if len(sentence) <= 400 else "…" + sentence[-399:].lstrip()
