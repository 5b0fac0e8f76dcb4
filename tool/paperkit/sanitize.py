"""The one sanitiser for text from outside: feeds, PDFs, file names, a library's records.

Outside text reaches two places, and passes through here on its way to each:

- the terminal (:func:`one_line`, :func:`safe_json`): control characters (C0, C1, DEL), whole terminal
  escape sequences (ESC/CSI/OSC with their payload, so no "]0;title" is left behind) and bidi
  overrides/isolates/marks are removed, so a title cannot clear the screen, set the window title or
  reorder what is shown;
- the note and its BibTeX (:func:`clean`, :func:`clean_meta`, :func:`md_inline`, :func:`md_block`): the
  same removal, then Markdown and HTML made inert — ``<`` as ``&lt;``, the ``(`` after a ``]`` escaped
  so that no ``![](http://…)`` image or ``[x](javascript:…)`` link is live, block syntax escaped at a
  line's start.

Every pattern here is linear in the length of the text.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from paperkit.records import PaperMeta

# Terminal escape sequences, whole: CSI (ESC [ or 8-bit CSI), OSC (ESC ] or 8-bit OSC) up to BEL/ST,
# DCS/SOS/PM/APC strings up to ST, and two-character ESC sequences.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
)
# C0 (but tab, newline, carriage return), DEL, C1; bidi embeddings, overrides, isolates and marks.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_FOR_TERMINAL = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def strip_controls(text: object) -> str:
    """Outside text without control characters, escape sequences or bidi controls (RTL letters stay)."""
    return _CONTROL.sub("", _SEQUENCE.sub("", str(text)))


def one_line(text: object) -> str:
    """Outside text as one clean line for the terminal or a message: cleaned, whitespace runs one space."""
    return " ".join(strip_controls(text).split())


def terminal_text(text: object) -> str:
    """Text of many lines for the terminal: like :func:`clean`, and carriage returns gone too (a ``\\r``
    would let a line overwrite what was printed before it); newlines and tabs stay."""
    return _CONTROL.sub("", _SEQUENCE.sub("", str(text))).replace("\r", "")


def safe_json(data: Any) -> str:
    """``data`` as indented JSON for the terminal: readable Unicode, but every control character and bidi
    control inside a string written as a ``\\uXXXX`` escape (still the same JSON value)."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _UNSAFE_FOR_TERMINAL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# --- Markdown -------------------------------------------------------------------------------------------

_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINK_BRACKET = re.compile(r"\](?=[(\[:])")
_LINE_START = re.compile(r"^([#>*+\-=|`~])")
_NUMBERED = re.compile(r"^(\d+)([.)])")
_PARAGRAPHS = re.compile(r"\n[ \t\r\f\v]*\n")


# Mathematics as pandoc and Markdown viewers read it: "$$…$$", or "$…$" opening on a non-space and
# closing on a non-space not followed by a digit ("$5 and $10" is no formula).
_MATH = re.compile(r"\$\$[^$]+?\$\$|(?<![\\$])\$(?=\S)[^$]{1,400}?(?<=[^\s\\])\$(?!\d)")


def _inert_math(formula: str) -> str:
    """A formula made inert as TeX still reads it: "<" as ``\\lt`` (no HTML can open), "](" as "] ("
    (no link; TeX ignores the space)."""
    formula = formula.replace("<", "\\lt ")
    return _LINK_BRACKET.sub("] ", formula)


def md_inline(value: object) -> str:
    """Outside text as one inert Markdown line: no line break, no HTML, no link or image, no block syntax.
    Formulas (``$…$``) keep their TeX: what would be live in them is written as TeX reads it."""
    text = one_line(value)
    out: list[str] = []
    pos = 0
    for m in _MATH.finditer(text):
        out += [_inert_prose(text[pos : m.start()]), _inert_math(m.group(0))]
        pos = m.end()
    out.append(_inert_prose(text[pos:]))
    text = "".join(out)
    # "1." opens an ordered list: its stop is escaped: a backslash before the digit would show.
    text = _NUMBERED.sub(r"\1\\\2", text)
    return _LINE_START.sub(r"\\\1", text)


def _inert_prose(text: str) -> str:
    # "<" would open HTML (or an HTML comment); "&" only matters where it would spell an entity.
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;")
    # A "]" right before "(", "[" or ":" is escaped after it: no [text](url), ![alt](src), [x][ref] or
    # [ref]: url is live, while a citation such as "[1]" reads as it did.
    return _LINK_BRACKET.sub("]\\\\", text)


def md_block(value: object) -> str:
    """Outside text as Markdown paragraphs: each escaped like :func:`md_inline`, blank lines kept."""
    paragraphs = _PARAGRAPHS.split(strip_controls(value))
    return "\n\n".join(md_inline(p) for p in paragraphs if p.strip())


# --- Records --------------------------------------------------------------------------------------------


def _optional(value: str | None) -> str | None:
    return one_line(value) or None if value is not None else None


def clean_meta(meta: PaperMeta) -> PaperMeta:
    """A paper's metadata with every text field cleaned (:func:`clean`; one line where it is a name)."""
    return replace(
        meta,
        title=one_line(meta.title),
        authors=[a for a in (one_line(x) for x in meta.authors) if a],
        categories=[c for c in (one_line(x) for x in meta.categories) if c],
        abstract=strip_controls(meta.abstract),
        doi=_optional(meta.doi),
        journal_ref=_optional(meta.journal_ref),
        comment=_optional(meta.comment),
        published=_optional(meta.published),
        updated=_optional(meta.updated),
        pdf_url=_optional(meta.pdf_url),
    )


def math_safe(formula: str) -> str:
    """A display formula's TeX made inert for its ``$$`` lines, as :func:`md_inline` makes inline ones."""
    return _inert_math(formula)
