"""The numbers ``\\ref`` prints, where they can be computed from the source alone: sections and
subsections (as the class numbers them), numbered equations (also per section, ``\\numberwithin``),
figures, tables, algorithms and theorem-like environments (``\\newtheorem``, shared counters and
``[section]`` numbering included). A label this cannot number reads "?" (as LaTeX prints an unresolved
one)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from paperkit.extraction.latex.parse import Mark


@dataclass(frozen=True)
class Label:
    """What a label points at: its kind (the counter: "section", "figure", "lemma", …), its number as
    printed, and for sections their title (what ``\\nameref`` prints)."""

    kind: str
    number: str
    title: str = ""


_LABEL = re.compile(r"\\label\s*\{([^{}]*)\}")
_FLOATS = ("figure", "table", "algorithm")
_EQUATIONS = ("equation", "align", "gather", "multline", "eqnarray", "flalign", "alignat")
_ROWS = ("align", "gather", "eqnarray", "flalign", "alignat")
_NEWTHEOREM = re.compile(
    r"\\newtheorem(\*?)\s*\{([\w:.-]+)\}\s*(?:\[(\w+)\]\s*)?\{((?:[^{}]|\{[^{}]*\})*)\}\s*(?:\[(\w+)\])?"
)


@dataclass(frozen=True)
class Theorem:
    counter: str  # the counter it shares ("theorem" for a lemma numbered with theorems); "" unnumbered
    name: str  # what it prints: "Lemma" (LaTeX: a restated theorem's name may hold a \ref)
    within: str  # "section" when numbered 2.1, 2.2, …


def theorems(text: str) -> dict[str, Theorem]:
    """The theorem-like environments ``\\newtheorem`` defines (``\\newtheorem*``: unnumbered)."""
    out: dict[str, Theorem] = {}
    for m in _NEWTHEOREM.finditer(text):
        star, env, shared, name, within = m.group(1), m.group(2), m.group(3), m.group(4), m.group(5) or ""
        counter = "" if star else (shared or env)
        if shared and shared in out:
            within = out[shared].within
        out[env] = Theorem(counter, name.strip(), within)
    return out


@dataclass
class Numbering:
    """A document's labels, and the heads its theorem-like environments print: (where ``\\begin{env}``
    starts, where it and its optional note end, the head in LaTeX: "Lemma 2.2 (Note).")."""

    labels: dict[str, Label]
    heads: list[tuple[int, int, str]]


def number_labels(body: str, marks: list[Mark], preamble: str = "") -> dict[str, Label]:
    """label → what it points at, with the number printed."""
    return number_document(body, marks, preamble).labels


def number_document(body: str, marks: list[Mark], preamble: str = "") -> Numbering:
    """The labels' numbers and the theorem heads of a document."""
    labels: dict[str, Label] = {}
    heads: list[tuple[int, int, str]] = []
    sections = _section_labels(body, marks, labels)
    per_section = {
        m.group(1) for m in re.finditer(r"\\numberwithin\s*\{(\w+)\}\s*\{(?:section|chapter)\}", preamble)
    }
    envs = theorems(preamble + body)
    # equations and floats first: a theorem's text may hold an equation, whose label is the equation's
    for group in ([*_EQUATIONS, *_FLOATS], [re.escape(e) for e in envs]):
        if group:
            _count(body, group, sections, per_section, envs, labels, heads)
    return Numbering(labels, heads)


def _count(
    body: str,
    group: list[str],
    sections: list[tuple[int, str]],
    per_section: set[str],
    envs: dict[str, Theorem],
    labels: dict[str, Label],
    heads: list[tuple[int, int, str]],
) -> None:
    """Number the environments of ``group`` in document order."""
    counts: dict[str, int] = {}
    current = ""
    pattern = re.compile(r"\\begin\s*\{(" + "|".join(group) + r")(\*?)\}(.*?)\\end\s*\{\1\2\}", re.S)
    for m in pattern.finditer(body):
        section = _section_at(sections, m.start())
        env, star, inner = m.group(1), m.group(2), m.group(3)
        if env in _EQUATIONS:
            kind, within = "equation", "section" if "equation" in per_section else ""
        elif env in _FLOATS:
            kind, within = env, "section" if env in per_section else ""
        else:
            theorem = envs[env]
            kind, within = theorem.counter, theorem.within
            if not theorem.counter:
                heads.append(_head(m, inner, theorem.name))
                continue
        if star:
            continue
        if within and section != current:
            counts = {k: v for k, v in counts.items() if not k.startswith("@")}
            current = section
        key = f"@{kind}" if within else kind
        rows = re.split(r"\\\\", inner) if env in _ROWS else [inner]
        for row in rows:
            if env in _EQUATIONS and (not row.strip() or re.search(r"\\(nonumber|notag)\b", row)):
                continue
            counts[key] = counts.get(key, 0) + 1
            number = f"{section}.{counts[key]}" if within and section else str(counts[key])
            tag = re.search(r"\\tag\*?\s*\{([^{}]*)\}", row)
            number = tag.group(1) if tag else number
            for label in _LABEL.findall(row):
                labels.setdefault(label, Label(env if env in envs else kind, number))
            if env in envs:
                heads.append(_head(m, inner, f"{envs[env].name} {number}"))
            if env not in _EQUATIONS:
                break


def _head(m: re.Match[str], inner: str, name: str) -> tuple[int, int, str]:
    """A theorem's head: "Name N (note). " in place of ``\\begin{env}[note]``."""
    start = m.start(3)
    note = re.match(r"\s*\[((?:[^\[\]]|\[[^\]]*\])*)\]", inner)
    if note:
        return m.start(), start + note.end(), f"{name} ({note.group(1).strip()}). "
    return m.start(), start, f"{name}. "


def _section_at(sections: list[tuple[int, str]], pos: int) -> str:
    current = ""
    for start, number in sections:
        if start > pos:
            break
        current = number
    return current


def _section_labels(body: str, marks: list[Mark], labels: dict[str, Label]) -> list[tuple[int, str]]:
    """Section and subsection labels, and where each numbered top-level section starts."""
    starts: list[tuple[int, str]] = []
    section = ""
    sub = 0
    appendix = False
    for n, mark in enumerate(marks):
        end = marks[n + 1].start if n + 1 < len(marks) else len(body)
        if mark.level == 1:
            numbered = re.match(r"(?:Chapter |Appendix )?([0-9A-Z]+|[IVXLC]+)[.:]?\s", mark.display + " ")
            section = numbered.group(1) if numbered and mark.kind in ("section", "appendix") else ""
            sub = 0
            shown = section
            appendix = mark.kind in ("appendix", "appendix-start")
            starts.append((mark.start, section))
        else:
            sub += 1
            shown = f"{section}.{sub}" if section else ""
        if not shown:
            continue
        window = body[mark.start : end]
        first = _LABEL.search(window)
        if first and not re.search(r"\\begin\s*\{", window[: first.start()]):
            kind = "appendix" if appendix else ("section" if mark.level == 1 else "subsection")
            labels.setdefault(first.group(1), Label(kind, shown, mark.title))
    return starts
