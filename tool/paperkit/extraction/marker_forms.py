"""The shapes a citation marker takes in running text, found as candidates before any entry is matched.

Numeric markers ('[7]', '[3, 5-7]'), alphanumeric labels ('[KW13]'), author-year groups
('(Bengio et al., 2015; Hinton, 2012)'), narrative citations ('Bengio et al. (2015)'), superscript and
parenthesised numbers. Text is searched in a *view* that keeps, for every character, its offset in the
original, so that markers are reported where the reader sees them. Linking the candidates to reference
entries is :mod:`~paperkit.extraction.citations`' job.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from paperkit.extraction.entries import ACCENT_CHARS
from paperkit.text import keeps_hyphen

Style = Literal["numeric", "author-year", "superscript", "label", "stored"]  # stored: read back, form unknown


@dataclass
class View:
    text: str
    pos: list[int]  # pos[i]: offset in the original of text[i]; one extra entry for the end

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.pos[start], self.pos[end - 1] + 1 if end > start else self.pos[start]


def _sub(view: View, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> View:
    out: list[str] = []
    pos: list[int] = []
    last = 0
    for m in pattern.finditer(view.text):
        out.append(view.text[last : m.start()])
        pos.extend(view.pos[last : m.start()])
        text = repl if isinstance(repl, str) else repl(m)
        out.append(text)
        pos.extend([view.pos[m.start()]] * len(text))
        last = m.end()
    out.append(view.text[last:])
    pos.extend(view.pos[last:])
    return View("".join(out), pos)


_HYPHEN_BREAK = re.compile(r"(?<![\w-])([^\W\d_][\w-]*)-[ \t]*\n\s*(?=[a-z])")
_SPACES = re.compile(r"\s+")
_MID_WORD_ACCENT = re.compile(rf"\s?[{ACCENT_CHARS}]\s?(?=[a-zı])")
_ACCENT = re.compile(rf"[{ACCENT_CHARS}]")


def display_view(text: str) -> View:
    """Line-break hyphenation undone and whitespace collapsed (what sentences are cut from)."""
    view = View(text, [*range(len(text)), len(text)])

    def mend(m: re.Match[str]) -> str:  # a typesetter's hyphen goes, a compound's stays
        return m.group(1) + ("-" if keeps_hyphen(m.group(1), text[m.end() : m.end() + 40]) else "")

    return _sub(_sub(view, _HYPHEN_BREAK, mend), _SPACES, " ")


def match_view(display: View) -> View:
    """Accents, ligatures and dotless i folded to plain letters, so that names match by regex."""
    view = _sub(_sub(display, _MID_WORD_ACCENT, ""), _ACCENT, "")
    out: list[str] = []
    pos: list[int] = []
    for ch, p in zip(view.text, view.pos, strict=False):
        plain = "i" if ch == "ı" else unicodedata.normalize("NFKD", ch)
        plain = "".join(c for c in plain if not unicodedata.combining(c)) or ch
        out.append(plain)
        pos.extend([p] * len(plain))
    pos.append(view.pos[-1])
    return View("".join(out), pos)


# --- candidate markers ---------------------------------------------------------------------------------

# a range's dash as PDFs print it: hyphen, en and em dash, minus sign (math fonts), figure dash, non-breaking
# and Unicode hyphens
_DASH = "\\-–—−‒‑‐"
_NUM = rf"\d{{1,4}}(?:\s*[{_DASH}]\s*\d{{1,4}})?"
# where in the cited work, after a comma: "[12, Theorem 3.1]", "[Pos06, §2]", "[7, p. 5]" (mathematics)
_NOTE = (
    r"(?:\s*,\s*(?i:theorems?|thms?\.?|lemmas?|lem\.|propositions?|props?\.|corollary|cor\.|definition|def\.|"
    r"sections?|sec\.|sect\.|chapters?|ch\.|chap\.|remarks?|rem\.|examples?|ex\.|eqs?\.|equations?|"
    r"appendix|app\.|part|pages?|pp?\.|figs?\.|figure|table|§)\s*[^\[\]]{0,40}?)?"
)
_NUMERIC = re.compile(rf"\[\s*({_NUM}(?:\s*[,;]\s*{_NUM})*){_NOTE}\s*\]")
# alphabetic keys: "[KW13]", "[BCD+20]", "[vdM01]" (a particle's lower-case letters first), "[Pos06a]"
_LABEL1 = r"[A-Za-z][A-Za-z+]{0,8}\d{2}[a-z]?"
_LABELS = re.compile(rf"\[\s*({_LABEL1}(?:\s*[,;]\s*{_LABEL1})*){_NOTE}\s*\]")
_UNRESOLVED = re.compile(r"\(\?\)|\[\?\]")
_PAREN_GROUP = re.compile(r"\(([^()]{3,600})\)|\[([^\[\]]{3,600})\]")
_PARTICLE = r"(?:(?:van|von|der|den|de|del|della|di|da|du|dos|le|la|ter|bin|el)\s+)"
_TOKEN = rf"{_PARTICLE}*[A-Z][\w'’]*(?:-[A-Z]?[\w'’]+)*"
_YEAR1 = r"(?:1[6-9]|20)\d{2}[a-z]?(?!\d)"
_YEARS = rf"{_YEAR1}(?:\s*,\s*(?:{_YEAR1}|[a-z]\b))*"
_NAMES = rf"{_TOKEN}(?:\s+{_TOKEN}){{0,3}}"
_AUTHORS = rf"{_NAMES}(?:\s*,\s*{_NAMES})*(?:,?\s+(?:and|&)\s+{_NAMES})?(?P<etal>\s+et\s+al\.?)?"
_ITEM = re.compile(rf"(?P<authors>{_AUTHORS})(?P<comma>\s*,)?\s*(?P<years>{_YEARS})(?:\s*[,:]\s*[^;]*)?$")
_NARRATIVE = re.compile(
    rf"(?P<authors>{_TOKEN}(?:\s+{_TOKEN}){{0,2}}"
    rf"(?P<etal>\s+et\s+al\.?)?(?:,?\s+(?:and|&)\s+{_TOKEN}(?:\s+{_TOKEN}){{0,2}})?)"
    rf"(?:['’]s)?\s*[(\[]\s*(?P<years>{_YEARS})\s*[)\]]"
)
# Items are separated by ';', or by ',' right after a year when another name follows ('2015, Amodei et al.').
_ITEM_SPLIT = re.compile(r";|(?:(?<=\d)|(?<=\d[a-z])),\s+(?=(?:[a-z]+\s+)*[A-Z])")
_NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+")
_SURNAME_LIKE = re.compile(r"(?:Mc|Mac|O'|De|Di|La|Le|Van|Von)?[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*")
_SUPERSCRIPT = re.compile(rf"(?<=[a-z]{{2}})([.,;:]?)(\d{{1,3}}(?:[,{_DASH}]\d{{1,3}})*)(?=[\s.,;:)]|$)")
_PAREN_NUMERIC = re.compile(rf"\((\d{{1,3}}(?:\s*[,{_DASH}]\s*\d{{1,3}})*)\)")
_EQUATION_BEFORE = re.compile(r"(?:eqs?|eqn|equations?|fig|figs|figure|table|sec|section|step)\.?\s*$", re.I)


@dataclass
class Item:
    """One author-year citation inside a marker: 'Cho et al., 2014a' → names ['Cho'], et_al, ['2014a']."""

    names: list[str]
    et_al: bool
    years: list[str]
    strong: bool  # unmistakably a citation, even when no entry matches it


@dataclass
class Candidate:
    start: int  # in the match view
    end: int
    style: Style
    numbers: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    narrative: bool = False
    unresolved: bool = False  # '(?)': a citation LaTeX could not resolve


def _expand(spec: str) -> list[int] | None:
    """'3, 5-7' → [3, 5, 6, 7]; None for what cannot be a list of entry numbers."""
    out: list[int] = []
    for part in re.split(r"\s*[,;]\s*", spec.strip()):
        bounds = [int(x) for x in re.split(rf"\s*[{_DASH}]\s*", part) if x]
        if len(bounds) == 2:
            lo, hi = bounds
            if not 0 < lo < hi or hi - lo > 100:
                return None
            out.extend(range(lo, hi + 1))
        elif len(bounds) == 1:
            out.append(bounds[0])
    return out if out and min(out) > 0 else None


def _years(spec: str) -> list[str]:
    """'2014a, b' → ['2014a', '2014b']; '2017, 2018' → both."""
    out: list[str] = []
    for part in re.split(r"\s*,\s*", spec.strip()):
        if re.fullmatch(r"[a-z]", part) and out:
            out.append(out[-1][:4] + part)
        elif part:
            out.append(part)
    return out


def _names(authors: str) -> tuple[list[str], bool]:
    et_al = bool(re.search(r"\bet\s+al\.?$", authors))
    authors = re.sub(r"\s+et\s+al\.?$", "", authors)
    return [n for n in _NAME_SPLIT.split(authors) if n], et_al


def _item(piece: str) -> Item | None:
    m = _ITEM.search(piece.strip())
    if not m:
        return None
    names, et_al = _names(m["authors"])
    strong = et_al or len(names) > 1 or bool(m["comma"])
    return Item(names, et_al, _years(m["years"]), strong)


def _author_year_group(view: View, m: re.Match[str]) -> Candidate | None:
    content = m[1] if m[1] is not None else m[2]
    items = [it for it in (_item(p) for p in _ITEM_SPLIT.split(content)) if it]
    return Candidate(m.start(), m.end(), "author-year", items=items) if items else None


def _narrative(m: re.Match[str]) -> Candidate:
    names, et_al = _names(m["authors"].strip())
    strong = et_al or (len(names) > 1 and all(_SURNAME_LIKE.fullmatch(n.split()[-1]) for n in names))
    strong = strong or (len(names) == 1 and bool(_SURNAME_LIKE.fullmatch(names[0].split()[-1])))
    item = Item(names, et_al, _years(m["years"]), strong)
    return Candidate(m.start(), m.end(), "author-year", items=[item], narrative=True)


def _sequential(cands: list[Candidate]) -> list[Candidate]:
    """Keep numbers that follow the order of first citation (1, 2, 3, ... with small jumps): superscript
    and parenthesised numbers are otherwise too easy to confuse with other numbers."""
    kept: list[Candidate] = []
    seen = 0
    for c in cands:
        if min(c.numbers) <= seen + 3:
            kept.append(c)
            seen = max(seen, *c.numbers)
    return kept if len(kept) >= 2 else []


def candidates(view: View, n_refs: int | None, numbered_list: bool) -> list[Candidate]:
    """Every marker-like span, overlaps removed (the earliest, then longest, wins)."""
    text = view.text
    found: list[Candidate] = []
    for m in _NUMERIC.finditer(text):
        numbers = _expand(m[1])
        if numbers is None or re.search(r"[=∈]\s*$", text[max(0, m.start() - 3) : m.start()]):
            continue  # '[0, 1]', 'x ∈ [1, 5]': intervals
        if n_refs is None and max(numbers) >= 1000:
            continue  # a bracketed year belongs to a narrative citation
        found.append(Candidate(m.start(), m.end(), "numeric", numbers=numbers))
    for m in _LABELS.finditer(text):
        labels = [x.strip() for x in re.split(r"[,;]", m[1])]
        found.append(Candidate(m.start(), m.end(), "label", labels=labels))
    for m in _UNRESOLVED.finditer(text):
        style: Style = "numeric" if m[0].startswith("[") else "author-year"
        found.append(Candidate(m.start(), m.end(), style, unresolved=True))
    for m in _PAREN_GROUP.finditer(text):
        cand = _author_year_group(view, m)
        if cand:
            found.append(cand)
    found.extend(_narrative(m) for m in _NARRATIVE.finditer(text))
    if not found:
        found = _superscripts(text) or (_paren_numbers(text) if numbered_list else [])
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Candidate] = []
    for c in found:
        if not out or c.start >= out[-1].end:
            out.append(c)
    return out


def _superscripts(text: str) -> list[Candidate]:
    cands = []
    for m in _SUPERSCRIPT.finditer(text):
        numbers = _expand(m[2])
        if numbers:
            cands.append(Candidate(m.start(2), m.end(2), "superscript", numbers=numbers))
    return _sequential(cands)


def _paren_numbers(text: str) -> list[Candidate]:
    """Science-style '(1)', '(3, 4)' markers; equation and figure numbers are left out."""
    cands = []
    for m in _PAREN_NUMERIC.finditer(text):
        numbers = _expand(m[1])
        if numbers and not _EQUATION_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            cands.append(Candidate(m.start(), m.end(), "numeric", numbers=numbers))
    return _sequential(cands)


# --- resolving ----------------------------------------------------------------------------------------
