"""Citation markers as the reader sees them: natbib's and biblatex's author–year forms ("(Smith and
Jones, 2012)", "Smith et al. (2019)", "(e.g., Lee, 2001, 2003; Kim, 2010, p. 4)"), numeric forms ("[1, 2]",
"Smith [1]"), citation aliases ("Paper I") — from the label parts the bibliography holds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from paperkit.extraction.latex.to_text import to_text


class Labelled(Protocol):
    """What a marker needs of an entry."""

    authors_short: str
    authors_long: str
    year: str
    number: int


@dataclass
class CiteStyle:
    """How the document's citations print."""

    numeric: bool = True
    comma: bool = True  # "(Bengio et al., 2009)" rather than "(Bengio et al. 2009)"
    aliases: dict[str, str] = field(default_factory=dict)  # \defcitealias{key}{Paper I}
    sort: bool = False  # numbers in order ("[2, 5]" for \cite{e,b})
    compress: bool = False  # three numbers or more in a row as a range ("[2–4]")


_ALIAS = re.compile(r"\\defcitealias\s*\{([^{}]*)\}\s*\{([^{}]*)\}")


def citation_aliases(text: str) -> dict[str, str]:
    """``\\defcitealias{key}{Paper I}`` definitions: key → alias."""
    return {m.group(1).strip(): m.group(2).strip() for m in _ALIAS.finditer(text)}


def _names(e: Labelled, full: bool) -> str:
    return (e.authors_long if full and e.authors_long else e.authors_short).strip()


def _grouped(found: list[Labelled], full: bool) -> list[tuple[str, list[Labelled]]]:
    """Consecutive works of the same authors share one name (natbib prints "Lee, 2001, 2003")."""
    groups: list[tuple[str, list[Labelled]]] = []
    for e in found:
        name = _names(e, full)
        if groups and name and groups[-1][0] == name:
            groups[-1][1].append(e)
        else:
            groups.append((name, [e]))
    return groups


def _numbers(found: list[Labelled], missing: int, sort: bool = False, compress: bool = False) -> str:
    numbers = [e.number for e in found]
    if sort:
        numbers = sorted(numbers)
    parts: list[str] = []
    i = 0
    while i < len(numbers):
        j = i
        while compress and j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{numbers[i]}–{numbers[j]}")
        else:
            parts += [str(n) for n in numbers[i : j + 1]]
        i = j + 1
    return ", ".join(parts + ["?"] * missing)


def _notes(options: list[str]) -> tuple[str, str]:
    """(pre-note, post-note): natbib's ``[post]`` alone, or ``[pre][post]``; blank notes are none."""
    pre = to_text(options[0]) if len(options) == 2 else ""
    post = to_text(options[-1]) if options else ""
    return pre, post


def _wrap(open_: str, pre: str, inner: str, post: str, close: str) -> str:
    inner = " ".join(p for p in (pre, inner) if p)
    if post:
        inner = f"{inner}, {post}" if inner else post
    return f"{open_}{inner}{close}"


def cite_marker(
    style: CiteStyle, found: list[Labelled], cmd: str, options: list[str], keys: list[str]
) -> str:
    """What a citation command prints; ``found`` holds the entries of the keys that resolved."""
    low = cmd.lower()
    star = cmd.endswith("*")
    low = low.rstrip("*")
    pre, post = _notes(options)
    missing = len(keys) - len(found)
    if "alias" in low:
        alias = "; ".join(style.aliases.get(k, "?") for k in keys)
        return _wrap("(", pre, alias, post, ")") if low == "citepalias" else _wrap("", pre, alias, post, "")
    if "author" in low:
        return "; ".join(_names(e, star) for e in found) or "?"
    if "year" in low:
        years = ", ".join(e.year for e in found if e.year) or "?"
        return _wrap("(", pre, years, post, ")") if low == "citeyearpar" else years
    if low == "citenum":
        return _numbers(found, missing) or "?"
    # an entry with no author–year label is cited by its number, as natbib does
    numeric = style.numeric or not found or any(not (e.authors_short and e.year) for e in found)
    textual = low in ("citet", "textcite", "citealt") or (low == "cite" and not style.numeric)
    if numeric:
        if textual and found and low != "cite":
            return "; ".join(
                f"{_names(e, star)} [{e.number}]" if e.authors_short else f"[{e.number}]" for e in found
            )
        return _wrap("[", pre, _numbers(found, missing, style.sort, style.compress), post, "]")
    groups = _grouped(found, star)
    if textual:
        parts = []
        for i, (name, works) in enumerate(groups):
            years = ", ".join(e.year for e in works)
            last = i == len(groups) - 1
            if low == "citealt":
                parts.append(f"{name} {years}")
            else:
                parts.append(f"{name} " + _wrap("(", pre if i == 0 else "", years, post if last else "", ")"))
        text = "; ".join(parts)
        if low == "citealt":
            text = _wrap("", pre, text, post, "")
        return text + ("; ?" * missing)
    sep = ", " if style.comma else " "
    inner = "; ".join(f"{name}{sep}{', '.join(e.year for e in works)}" for name, works in groups)
    inner += "; ?" * missing
    if low == "citealp":
        return _wrap("", pre, inner, post, "")
    return _wrap("(", pre, inner, post, ")")
