"""The numbers ``\\ref`` prints, where they can be computed from the source alone: sections and
subsections (as the class numbers them), numbered equations, figures and tables. A label this cannot
number reads "?" (as LaTeX itself prints an unresolved one)."""

from __future__ import annotations

import re

from paperkit.extraction.latex.parse import Mark

_LABEL = re.compile(r"\\label\s*\{([^{}]*)\}")
_NUMBERED = re.compile(
    r"\\begin\s*\{(equation|align|gather|multline|eqnarray|flalign|alignat)(\*?)\}(.*?)\\end\s*\{\1\2\}"
    r"|\\begin\s*\{(figure|table)(\*?)\}(.*?)\\end\s*\{\4\5\}",
    re.S,
)
_ROWS = ("align", "gather", "eqnarray", "flalign", "alignat")


def number_labels(body: str, marks: list[Mark]) -> dict[str, str]:
    """label → printed number."""
    labels: dict[str, str] = {}
    equation = figure = table = 0
    for m in _NUMBERED.finditer(body):
        if m.group(1):
            if m.group(2):
                continue  # starred: unnumbered
            rows = re.split(r"\\\\", m.group(3)) if m.group(1) in _ROWS else [m.group(3)]
            for row in rows:
                if not row.strip() or re.search(r"\\(nonumber|notag)\b", row):
                    continue
                equation += 1
                for label in _LABEL.findall(row):
                    labels[label] = str(equation)
        else:
            if m.group(4) == "figure":
                figure += 1
                number = figure
            else:
                table += 1
                number = table
            for label in _LABEL.findall(m.group(6)):
                labels.setdefault(label, str(number))
    section = ""
    sub = 0
    for n, mark in enumerate(marks):
        end = marks[n + 1].start if n + 1 < len(marks) else len(body)
        if mark.level == 1:
            numbered = re.match(r"(?:Chapter |Appendix )?([0-9A-Z]+|[IVXLC]+)[.:]?\s", mark.display + " ")
            section = numbered.group(1) if numbered and mark.kind in ("section", "appendix") else ""
            sub = 0
            shown = section
        else:
            sub += 1
            shown = f"{section}.{sub}" if section else ""
        if not shown:
            continue
        window = body[mark.start : end]
        first = _LABEL.search(window)
        if first and not re.search(r"\\begin\s*\{", window[: first.start()]):
            labels.setdefault(first.group(1), shown)
    return labels
