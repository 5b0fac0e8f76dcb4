"""The parts of one assembled LaTeX document: title, abstract, the headings as the reader sees them
(numbered the way the class numbers them), and the spans under them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from paperkit.extraction.latex.source import balanced, group_end
from paperkit.extraction.latex.to_text import heading_text
from paperkit.text import fold

_TOKEN = re.compile(
    r"\\(?P<cmd>chapter|section|subsection)(?P<star>\*?)\s*(?:\[[^\]]*\]\s*)?(?=\{)"
    r"|\\(?P<appendix>appendix|appendices)(?![A-Za-z@])"
    r"|\\(?P<toc>tableofcontents)(?![A-Za-z@])"
    r"|\\(?P<bib>bibliography|printbibliography)(?![A-Za-z@]|style)"
    r"|\\begin\s*\{(?P<thebib>thebibliography)\}"
    r"|\\begin\s*\{(?P<ackenv>acknowledg(?:e?ments?))\}"
    r"|\\(?P<ack>acknowledg(?:e?ments?))(?![A-Za-z@])"
    r"|\\(?:renewcommand\*?|def)\s*\{?\s*\\abstractname\s*\}?\s*\{(?P<absname>[^{}]*)\}"
    r"|\\begin\s*\{(?P<absenv>abstract)\}"
)
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]  # fmt: skip
CHAPTER_CLASSES = ("report", "book", "memoir", "scrreprt", "scrbook", "thesis")


def roman(n: int) -> str:
    """``n`` in Roman numerals (REVTeX numbers its sections so)."""
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def letter(n: int) -> str:
    """The n-th appendix letter (1 → A)."""
    return chr(ord("A") + (n - 1) % 26)


@dataclass
class Mark:
    """A heading (or a place that ends a section) in the body: ``body[start:end]`` is its command."""

    start: int
    end: int
    level: int  # 1: top-level, 2: below
    display: str  # as printed, numbering included; "" when nothing is printed
    title: str  # without the numbering
    kind: str  # "section", "appendix", "bibliography", "contents", "acknowledgments"


_COUNTER_FORMS: dict[str, Callable[[int], str]] = {
    "arabic": str, "Roman": roman, "roman": lambda n: roman(n).lower(), "Alph": letter,
    "alph": lambda n: letter(n).lower(),
}  # fmt: skip
_THESECTION = re.compile(
    r"\\(?:re)?newcommand\*?\s*\{?\s*\\the(section|chapter)\s*\}?\s*(?=\{)|\\def\\the(section|chapter)\s*(?=\{)"
)


def section_format(preamble: str, chapters: bool) -> str:
    """The document's own ``\\renewcommand{\\thesection}{…}`` for its top-level numbers ("" when none):
    e.g. ``\\Roman{section}`` or ``S\\arabic{section}``."""
    wanted = "chapter" if chapters else "section"
    found = ""
    for m in _THESECTION.finditer(preamble):
        if (m.group(1) or m.group(2)) == wanted:
            found = balanced(preamble, m.end()) or ""
    return found


@dataclass
class Style:
    """How the document class prints headings (and how the document renumbers its sections)."""

    cls: str
    options: str
    thesection: str = ""  # the preamble's \thesection, e.g. "\Roman{section}"

    @property
    def chapters(self) -> bool:
        return self.cls.lower() in CHAPTER_CLASSES

    @property
    def family(self) -> str:
        c = self.cls.lower()
        if c.startswith("revtex"):
            return "revtex"
        if c.startswith(("aastex", "emulateapj")):
            return "aastex"
        if c.startswith("ieeetran"):
            return "ieee"
        if c in ("sig-alternate", "acm_proc_article-sp", "sigproc", "acm-article", "sig-alternate-05-2015"):
            return "acm-old"
        return "plain"

    def number(self, n: int, appendix: bool, chapter: bool) -> str:
        own = self._own_number(n) if not appendix else ""
        if chapter:
            return f"Appendix {letter(n)}" if appendix else f"Chapter {own or n}"
        if self.family == "revtex":
            return f"Appendix {letter(n)}:" if appendix else f"{own or roman(n)}."
        if self.family == "ieee":
            return f"Appendix {letter(n)}" if appendix else f"{own or roman(n)}."
        label = letter(n) if appendix else (own or str(n))
        return f"{label}." if self.family in ("aastex", "acm-old") else label

    def _own_number(self, n: int) -> str:
        """The number as the document's ``\\thesection`` prints it ("" when it does not say)."""
        m = re.search(r"\\(arabic|Roman|roman|Alph|alph)\s*\{\s*(?:section|chapter)\s*\}", self.thesection)
        if not m:
            return ""
        before = heading_text(self.thesection[: m.start()]) if m.start() else ""
        after = heading_text(self.thesection[m.end() :]) if m.end() < len(self.thesection) else ""
        return f"{before}{_COUNTER_FORMS[m.group(1)](n)}{after}"

    @property
    def appendix_line(self) -> bool:
        """AASTeX from 6.3 on prints an "APPENDIX" line where ``\\appendix`` stands."""
        return bool(re.match(r"aastex(6[3-9]|7)", self.cls.lower()))

    def bibliography_heading(self) -> str | None:
        if self.family == "revtex":
            return None
        return "Bibliography" if self.chapters else "References"


def find_marks(body: str, style: Style) -> list[Mark]:
    """Every heading and section end in the body, in order, numbered as the class numbers them."""
    marks: list[Mark] = []
    top_cmd = "chapter" if style.chapters else "section"
    sub_cmd = "section" if style.chapters else "subsection"
    count = 0
    appendix = False
    abstract_name = ""
    for m in _TOKEN.finditer(body):
        cmd = m.group("cmd")
        if m.group("absname") is not None:
            abstract_name = heading_text(m.group("absname"))
            continue
        if m.group("absenv"):
            # an abstract environment renamed (front matter dressed as one) prints its name as a heading
            if fold(abstract_name) not in ("", "abstract", "summary"):
                marks.append(Mark(m.start(), m.end(), 1, abstract_name, abstract_name, "front"))
            continue
        if cmd:
            raw = balanced(body, m.end())
            if raw is None:
                continue
            end = group_end(body, m.end())
            title = heading_text(raw)
            if cmd == top_cmd:
                star = bool(m.group("star"))
                if not star:
                    count += 1
                number = "" if star else style.number(count, appendix, style.chapters)
                display = f"{number} {title}".strip()
                marks.append(Mark(m.start(), end, 1, display, title, "appendix" if appendix else "section"))
            elif cmd == sub_cmd:
                marks.append(Mark(m.start(), end, 2, title, title, "subsection"))
        elif m.group("appendix"):
            appendix, count = True, 0
            shown = "Appendix" if style.appendix_line else ""
            marks.append(Mark(m.start(), m.end(), 1, shown, shown, "appendix-start"))
        elif m.group("toc"):
            marks.append(Mark(m.start(), m.end(), 1, "Contents", "Contents", "contents"))
        elif m.group("bib") or m.group("thebib"):
            if any(k.kind == "bibliography" for k in marks) and not m.group("thebib"):
                continue
            end = group_end(body, m.end()) if m.group("bib") == "bibliography" else m.end()
            heading = style.bibliography_heading() or ""
            if heading and style.family == "acm-old":
                count += 1
                heading = f"{count}. {heading}"
            marks.append(Mark(m.start(), end, 1, heading, heading, "bibliography"))
        else:
            shown = "Acknowledgments" if style.family == "revtex" else ""
            marks.append(Mark(m.start(), m.end(), 1, shown, shown, "acknowledgments"))
    return marks


def headings(marks: list[Mark]) -> list[str]:
    """The top-level headings as printed."""
    return [m.display for m in marks if m.level == 1 and m.display]


def span_end(body: str, marks: list[Mark], n: int) -> int:
    """Where the section under ``marks[n]`` ends: at the next mark of its level or above."""
    level = marks[n].level
    return next((m.start for m in marks[n + 1 :] if m.level <= level), len(body))


def find_title(document: str, expand: Callable[[str], str] | None = None) -> str:
    """The last ``\\title`` (an input preamble's title is overridden by the main file's); ``expand`` puts
    the author's commands into it (only the title, not the whole document, need be expanded)."""
    found = ""
    for m in re.finditer(r"\\title\s*(?:\[[^\]]*\]\s*)?(?=\{)", document):
        raw = balanced(document, m.end())
        if raw is not None:
            found = raw
    if not found:
        return ""
    found = re.sub(r"\\\\(\[[^\]]*\])?|\\newline\b", " ", expand(found) if expand else found)
    return heading_text(found)


_ABSTRACT_ENV = re.compile(r"\\begin\s*\{abstract\}(.*?)\\end\s*\{abstract\}", re.S)
_ABSTRACT_NAME = re.compile(r"\\(?:renewcommand\*?|def)\s*\{?\s*\\abstractname\s*\}?\s*(?=\{)")
_ABSTRACT_CMD = re.compile(r"\\abstract\s*(?=\{)")


def find_abstract(document: str) -> tuple[str, int, int]:
    """(the abstract's LaTeX, its start, its end) in ``document``; ("", -1, -1) when there is none.

    An ``abstract`` environment counts unless ``\\abstractname`` was renamed before it (a
    front-matter block dressed as an abstract, e.g. "Acknowledgements"); A&A's ``\\abstract{…}{…}``
    gives its groups joined.
    """
    names = []
    for m in _ABSTRACT_NAME.finditer(document):
        value = balanced(document, m.end())
        names.append((m.start(), fold(value or "")))
    for env in _ABSTRACT_ENV.finditer(document):
        current = [v for pos, v in names if pos < env.start()]
        if current and current[-1] not in ("abstract", "summary", ""):
            continue
        return env.group(1), env.start(), env.end()
    for m in _ABSTRACT_CMD.finditer(document):
        parts: list[str] = []
        pos = m.end()
        while True:
            while pos < len(document) and document[pos] in " \t\n":
                pos += 1
            group = balanced(document, pos)
            if group is None:
                break
            parts.append(group)
            pos += len(group) + 2
        text = "\n\n".join(p for p in parts if p.strip())
        if text.strip():
            return text, m.start(), pos
    return "", -1, -1


def opening_span(body: str, marks: list[Mark], after: int) -> tuple[int, int] | None:
    """The un-headed text between the front matter and the first heading, when it is prose that a
    heading follows (a paper whose introduction has no heading)."""
    first = next((m for m in marks if m.level == 1 and m.kind == "section"), None)
    if first is None:
        return None
    start = max(after, 0)
    title_end = max((m.end() for m in re.finditer(r"\\maketitle\b", body[: first.start])), default=0)
    start = max(start, title_end)
    if start >= first.start:
        return None
    words = re.sub(r"\\[A-Za-z@]+|[{}\[\]]", " ", body[start : first.start]).split()
    return (start, first.start) if len(words) >= 60 else None
