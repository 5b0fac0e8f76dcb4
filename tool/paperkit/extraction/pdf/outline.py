"""Which pages to read, from the PDF outline: a page that holds no part the study note needs (title,
abstract, introduction, related work, references) is not read at all when the outline already names the
sections that start on it.

Text extraction costs about the same for every page, whatever it holds, so the middle of a long paper
(method, experiments) is the part worth skipping. The outline stands in for the headings there only when
it looks like the printed ones: three top-level entries or more, in page order, most of them numbered as
papers print them ("1 Introduction", "A Proofs"), so their titles match the printed headings.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from paperkit.extraction import related_work as rw
from paperkit.extraction.pdf.headings import REFERENCES
from paperkit.text import fold, squash

_NUMBERED = re.compile(r"^(\d{1,2}(\.\d{1,2})*|[IVX]{1,5}|[A-H])\.?\s+\S")
_LETTERED = re.compile(r"^([A-H]|appendix)\b\.?\s", re.IGNORECASE)
_INTRO = re.compile(r"^introduction\b", re.IGNORECASE)
_ABSTRACT = re.compile(r"^abstract$", re.IGNORECASE)


@dataclass
class Entry:
    """One outline entry: its level (1: the outline's top), title, and 0-based page."""

    level: int
    title: str
    page: int


@dataclass
class Plan:
    """The pages to read (0-based) and the outline's top-level titles of the pages left out."""

    pages: set[int]
    skipped_headings: list[Entry] = field(default_factory=list)
    related: bool = False  # the outline names a related-work part


def _entries(toc: list[list], count: int) -> list[Entry]:
    levels = sorted({int(e[0]) for e in toc})
    top = next((lv for lv in levels if sum(1 for e in toc if e[0] == lv) >= 2), None)
    if top is None:
        return []
    out = []
    for e in toc:
        if int(e[0]) >= top and 1 <= int(e[2]) <= count:
            out.append(Entry(int(e[0]) - top + 1, squash(str(e[1])), int(e[2]) - 1))
    return out


def _title(entry: Entry) -> str:
    """The title without its numbering, as the related-work rules read it."""
    return re.sub(r"^(\d{1,2}(\.\d{1,2})*|[IVX]{1,5}|[A-H])\.?\s+", "", entry.title)


def plan(toc: list[list], count: int) -> Plan | None:
    """The pages worth reading, or None when the outline cannot stand in for the skipped headings."""
    entries = [e for e in _entries(toc, count) if not _ABSTRACT.match(e.title)]
    top = [e for e in entries if e.level == 1]
    if len(top) < 3 or any(b.page < a.page for a, b in itertools.pairwise(top)):
        return None
    if sum(1 for e in top if _NUMBERED.match(e.title)) < 0.8 * len(top):
        return None
    intro = next((n for n, e in enumerate(entries) if e.level == 1 and _INTRO.match(_title(e))), None)
    if intro is None:
        return None
    pages = set(range(entries[intro].page + 1)) | {0, 1}  # the front matter, up to the introduction
    pages |= _span(entries, intro, count)
    parts = [rw.Part(_title(e), min(e.level, 2), lambda: "") for e in entries]
    related, _ = rw.pick(parts, by_content=False)
    if related is not None:
        pages |= _span(entries, related, count)
    else:  # none named: the section after the introduction, where unnamed related work sits
        after = next((n for n in range(intro + 1, len(entries)) if entries[n].level == 1), None)
        if after is not None:
            pages |= _span(entries, after, count)
    refs = next((n for n, e in enumerate(entries) if REFERENCES.match(_title(e))), None)
    if refs is not None:
        pages |= _span(entries, refs, count)
    else:  # the list is not in the outline: it follows the last section, up to the first appendix
        last = max((n for n, e in enumerate(top) if not _LETTERED.match(e.title)), default=0)
        appendix = next((e.page for e in top[last + 1 :] if _LETTERED.match(e.title)), count - 1)
        pages |= set(range(top[last].page, appendix + 1))
    pages |= {e.page for e in top if not _clean(e.title)}  # a garbled title: read the heading instead
    pages = {p for p in pages if p < count}
    skipped = [e for e in top if e.page not in pages]
    return Plan(pages, skipped, related is not None)


def _clean(title: str) -> bool:
    """Whether an outline title reads like a heading, not TeX debris ("qbold0mu ... 2005/06/28 ver: 1.3")."""
    return len(title) <= 120 and "\\" not in title and not re.search(r"\d{4}/\d\d/\d\d|\bver:", title)


def _span(entries: list[Entry], n: int, count: int) -> set[int]:
    """Pages from entry ``n``'s page to the page where the next entry of its level or higher starts."""
    start = entries[n].page
    end = next((e.page for e in entries[n + 1 :] if e.level <= entries[n].level), count - 1)
    return set(range(start, max(start, end) + 1))


def merge_headings(printed: list[tuple[int, str]], skipped: list[Entry]) -> list[str]:
    """The top-level headings in page order: those read from the pages (``(0-based page, text)``) and the
    outline's titles of the pages left out."""
    seen = {fold(text) for _, text in printed}
    lead = _printed_lead([text for _, text in printed], skipped)
    rows = [(page, 0, n, text) for n, (page, text) in enumerate(printed)]
    rows += [(e.page, 1, n, lead + e.title) for n, e in enumerate(skipped) if fold(e.title) not in seen]
    return [text for *_, text in sorted(rows)]


def _printed_lead(printed: list[str], skipped: list[Entry]) -> str:
    """A word that the printed numbered headings all start with and the outline leaves out ("Chapter"
    in "Chapter 4 Transposed convolution" for the outline's "4 Transposed convolution"), with its space."""
    numbered = [t for t in printed if re.match(r"^\w+\s+\d", t)]
    words = {t.split()[0] for t in numbered}
    if len(numbered) < 2 or len(words) != 1 or any(e.title.startswith(next(iter(words))) for e in skipped):
        return ""
    word = next(iter(words))
    return word + " " if word.isalpha() else ""
