"""Names as a bibliography prints them: BibTeX's name lists ("von Last, Jr, First"), biber's name
records, and the author–year label parts natbib reads from a ``\\bibitem[label]``."""

from __future__ import annotations

import functools
import re

from paperkit.extraction.latex.source import balanced
from paperkit.extraction.latex.to_text import to_text


def natbib_label(label: str) -> tuple[str, str, str]:
    """(short names, year, long names) of a ``\\bibitem[label]``, in the forms natbib reads:
    ``Short(Year)Long`` (names and year in braces, ``\\citenamefont``, ``\\natexlab`` included),
    ``\\citeauthoryear{Long}{Short}{Year}``, ``\\citename{Short, }Year``, ``\\astroncite{Short}{Year}``,
    and apalike's ``Short, Year``; ("", "", "") for a numeric label."""
    label = re.sub(r"\\protect\b\s*", "", label).strip()
    label = re.sub(r"\\natexlab\s*\{(\w*)\}", r"\1", label)
    while label.startswith("{") and balanced(label, 0) == label[1:-1]:
        label = label[1:-1].strip()
    m = re.match(r"\\(citeauthoryear|astroncite)\s*(?=\{)", label)
    if m:
        args = _groups(label, m.end())
        if len(args) >= 2:
            short = args[-2] if m.group(1) == "astroncite" or len(args) == 2 else args[1]
            return _label_text(short), _label_text(args[-1]), _label_text(args[0])
    m = re.match(r"\\citename\s*(?=\{)", label)
    if m:
        args = _groups(label, m.end())
        if args:
            short = _label_text(args[0]).rstrip(", ")
            year = _label_text(label[m.end() + len(args[0]) + 2 :])
            return short, year, short
    open_ = _paren_at_depth0(label)
    if open_ >= 0:
        close = _close_paren(label, open_)
        close = close if close > 0 else len(label)
        short = _label_text(label[:open_])
        long = _label_text(label[close + 1 :])
        return short, _label_text(label[open_ + 1 : close]), long or short
    m = re.match(r"(.+?),?\s+((?:1[5-9]|20)\d\d[a-z]?|n\.d\.)$", _label_text(label))
    if m and not label.strip().isdigit():
        return m.group(1).strip(), m.group(2), m.group(1).strip()
    return "", "", ""


def _groups(text: str, pos: int) -> list[str]:
    """The brace groups that follow one another from ``pos``."""
    out: list[str] = []
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        group = balanced(text, pos)
        if group is None:
            return out
        out.append(group)
        pos += len(group) + 2


def _paren_at_depth0(text: str) -> int:
    depth = 0
    for i, c in enumerate(text):
        depth += (c == "{") - (c == "}")
        if c == "(" and depth == 0 and (i == 0 or text[i - 1] != "\\"):
            return i
    return -1


def _close_paren(text: str, start: int) -> int:
    depth = 0
    for i in range(start, len(text)):
        depth += (text[i] == "{") - (text[i] == "}")
        if text[i] == ")" and depth == 0:
            return i
    return -1


def _label_text(latex: str) -> str:
    text = to_text(re.sub(r"\\citenamefont\b", "", latex))
    return re.sub(r"\s+", " ", text).strip("{} ")


_NAME_LIST = re.compile(
    r"\\name\s*\{(author|editor)\}(.*?)(?=\\name\s*\{|\\list\s*\{|\\field\s*\{|\\strng|$)", re.S
)
_NAME_PART = re.compile(r"\b(family|given|prefix|suffix)=\{((?:[^{}]|\{[^{}]*\})*)\}")


def biber_names(body: str) -> list[tuple[str, str]]:
    """(family with its prefix, given) of each author in a biber entry (else its editors)."""
    block = _NAME_LIST.search(body)
    if block is None:
        return []
    out = []
    for part in re.split(r"(?=family=)", block.group(2))[1:]:
        got = {k: to_text(v) for k, v in _NAME_PART.findall(part)}
        family = " ".join(p for p in (got.get("prefix", ""), got.get("family", "")) if p)
        out.append((family, got.get("given", "")))
    return out


def short_names(surnames: list[str], ampersand: bool = False) -> str:
    """The names an author–year citation prints: "Smith", "Smith and Jones" ("Smith & Jones" in the
    styles that print so), "Smith et al."."""
    surnames = [s for s in surnames if s]
    if not surnames:
        return ""
    if len(surnames) == 1:
        return surnames[0]
    if len(surnames) == 2 and surnames[1] != "others":
        return f"{surnames[0]} {'&' if ampersand else 'and'} {surnames[1]}"
    return f"{surnames[0]} et al."


def all_names(names: list[str] | list[tuple[str, str]]) -> str:
    """Every author, as a reference list prints them: "A", "A and B", "A, B, and C" ("others": et al.)."""
    shown = [n if isinstance(n, str) else " ".join(p for p in (n[1], n[0]) if p) for n in names]
    shown = [n for n in shown if n]
    etal = bool(shown) and shown[-1] in ("others", "others others")
    if etal:
        shown = shown[:-1]
    if not shown:
        return ""
    if etal:
        return ", ".join(shown) + " et al."
    if len(shown) <= 2:
        return " and ".join(shown)
    return ", ".join(shown[:-1]) + ", and " + shown[-1]


def split_names(authors: str) -> list[str]:
    """A BibTeX name list split at its top-level "and"s (never inside braces: "{Smith and Sons}")."""
    out, depth, start = [], 0, 0
    for m in re.finditer(r"[{}]|\s+and\s+", authors):
        token = m.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            out.append(authors[start : m.start()])
            start = m.end()
    out.append(authors[start:])
    return [n.strip() for n in out if n.strip()]


def bib_name(name: str) -> tuple[str, str]:
    """(surname with its "von" part and suffix, given names) of one BibTeX name, in any of its three
    forms ("First von Last", "von Last, First", "von Last, Jr, First"); a braced name is one surname."""
    name = re.sub(r"(?<!\\)~", " ", name)  # a tie separates name words as a space does
    parts = [p.strip() for p in _top_level_split(name, ",")]
    if len(parts) == 1:
        words = _top_level_split(parts[0], " ")
        if len(words) == 1:
            return _name_text(words[0]), ""
        # the surname starts at the first lower-case word ("von", "de la"), else it is the last word
        cut = next((i for i, w in enumerate(words[:-1]) if i and w[:1].islower()), len(words) - 1)
        return _name_text(" ".join(words[cut:])), _name_text(" ".join(words[:cut]))
    surname = parts[0] + (f" {parts[1]}" if len(parts) == 3 else "")
    return _name_text(surname), _name_text(parts[-1])


def _top_level_split(text: str, sep: str) -> list[str]:
    out, depth, current = [], 0, ""
    for c in text:
        depth += (c == "{") - (c == "}")
        if c == sep and depth == 0:
            out.append(current)
            current = ""
        else:
            current += c
    out.append(current)
    return [p for p in (x.strip() for x in out) if p]


@functools.lru_cache(maxsize=8192)
def _name_text(latex: str) -> str:
    return to_text(latex).strip("{} ")
