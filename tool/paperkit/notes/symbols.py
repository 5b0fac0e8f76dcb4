"""The note's picture and formulas: the stored Figure 1 embedded under "In one breath", and "The idea in
symbols", each display equation with the sentence that introduces it.

What reaches the note is made inert here: the image's alt text holds no bracket, dollar or line break,
its path is the library's own; a formula holds no ``<`` (``\\lt``), no dollar that would close its
``$$`` and no backtick; one that KaTeX cannot render is shown as code, never as a broken formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from paperkit.records import Figure, Formula, Visuals
from paperkit.sanitize import math_safe, one_line

MAX_ALT = 120  # characters of the caption in the image's alt text (the whole caption follows it)


@dataclass
class FigureView:
    """Figure 1 as the note embeds it."""

    label: str  # "Figure 1"
    alt: str  # a short caption, plain text: what a viewer shows when it cannot show the image
    caption: str  # the whole caption (escaped by the template), inline math kept
    path: str  # relative to the note: "figures/fig1.png"


@dataclass
class FormulaView:
    """One display equation as the note shows it."""

    tex: str  # safe inside "$$" lines (or a code block when ``renders`` is False)
    sentence: str  # the sentence that introduces it (escaped by the template)
    renders: bool


def figure_view(figure: Figure | None) -> FigureView | None:
    """The figure as the note embeds it; None when there is none."""
    if figure is None or not figure.path:
        return None
    caption = one_line(figure.caption)
    alt = re.sub(r"\$[^$]*\$", "…", caption)  # mathematics reads as noise in alt text
    alt = re.sub(r"[\[\]()<>`*_\\$!]", " ", alt)
    alt = " ".join(alt.split())
    if len(alt) > MAX_ALT:
        alt = alt[:MAX_ALT].rsplit(" ", 1)[0] + " …"
    label = re.sub(r"[^A-Za-z0-9. ]", "", figure.label) or "Figure 1"
    return FigureView(label=label, alt=alt, caption=caption, path="figures/fig1.png")


def formula_views(visuals: Visuals) -> list[FormulaView]:
    """The formulas as the note shows them."""
    return [_formula_view(f) for f in visuals.formulas[:3] if f.tex.strip()]


def _formula_view(f: Formula) -> FormulaView:
    tex = one_line(f.tex)
    unescaped_dollar = re.search(r"(?<!\\)\$", tex) is not None
    renders = f.renders and not unescaped_dollar and "`" not in tex
    tex = math_safe(tex) if renders else tex.replace("`", "'")
    return FormulaView(tex=tex, sentence=one_line(f.sentence), renders=renders)


_EMBEDDED = re.compile(r"^!\[([^\]\n]*)\]\((figures/fig1\.png)\)$", re.M)


def figure_in_terminal(note: str, folder: Path) -> str:
    """A note for the terminal, which shows no image: the embedded figure becomes the path of its file
    (the caption line below it stays)."""
    return _EMBEDDED.sub(lambda m: f"_Figure file: {(folder / m.group(2)).as_posix()}_", note)
