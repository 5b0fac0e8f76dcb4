"""The paper's own arXiv ID, read off page 1: never one it merely cites.

arXiv prints ``arXiv:1506.03099v3 [cs.LG] 23 Sep 2015`` rotated in the left margin of page 1. Without
that stamp, an ID counts only when it is printed the way a paper labels itself: a line that is the ID
(stamp-like, or bare as in "arXiv:1506.03099v3") in the page's header or footer band or in the title
block above the abstract, or a header/footer line ending in a stamp. An ID inside a reference entry, a
footnote sentence or running text is a citation and is ignored. ID syntax lives in :mod:`paperkit.access.ids`.
"""

from __future__ import annotations

import re

from paperkit.access.ids import ArxivId, find_arxiv_id
from paperkit.extraction.pdf.page import Line

# What may surround a paper's own ID on its line: "arXiv:", "preprint", a [category], a date.
_LABEL_WORDS = re.compile(r"\b(arxiv|e-?print|preprint|version)\b|\[[\w.-]+\]", re.IGNORECASE)
_DATE = re.compile(r"\b\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+(19|20)\d\d\b")
_CATEGORY = re.compile(r"\s*\[[A-Za-z-]+(?:\.[A-Za-z-]+)?\]")


def _locate(text: str, aid: ArxivId) -> tuple[int, int] | None:
    """Where the ID sits in ``text`` (the version as printed, if any)."""
    low = text.lower()
    for form in (aid.versioned, aid.id):
        start = low.find(form.lower())
        if start >= 0:
            return start, start + len(form)
    return None


def stamp_line(text: str) -> ArxivId | None:
    """The ID of a line that consists of an arXiv ID and nothing but its label, category and date."""
    if "arxiv" not in text.lower():
        return None  # cheap pre-check: a bare number could be anything
    aid = find_arxiv_id(text)
    where = _locate(text, aid) if aid else None
    if aid is None or where is None:
        return None
    rest = text[: where[0]] + " " + text[where[1] :]
    rest = _DATE.sub(" ", _LABEL_WORDS.sub(" ", rest))
    return aid if not re.search(r"[A-Za-z0-9]", rest) else None


def is_stamp(text: str) -> bool:
    """Whether a line is an arXiv stamp: the ID with its [category], and nothing else but a date."""
    return stamp_line(text) is not None and _CATEGORY.search(text) is not None


def _stamp_tail(text: str) -> ArxivId | None:
    """The ID of a line that ends in an ``arXiv:ID [category] date`` stamp, whatever comes before it
    (a venue's header: "Preprint, under review. arXiv:2101.00001v2 [cs.LG]")."""
    if "arxiv" not in text.lower():
        return None
    aid = find_arxiv_id(text)
    where = _locate(text, aid) if aid else None
    if aid is None or where is None:
        return None
    tail = _CATEGORY.match(text, where[1])
    if tail is None or re.search(r"[A-Za-z0-9]", _DATE.sub(" ", text[tail.end() :])):
        return None
    return aid


def own_arxiv_id(rotated: list[str], page1: list[Line], title_block_end: float) -> str | None:
    """The paper's own arXiv ID, versioned as printed, or None.

    ``rotated`` are page 1's rotated texts (where arXiv's margin stamp lives), ``page1`` its horizontal
    lines and ``title_block_end`` the y coordinate where the abstract or first section begins.
    """
    for text in rotated:
        aid = stamp_line(text) or _stamp_tail(text)
        if aid is not None:
            return str(aid)
    block_sizes: dict[int, int] = {}
    for ln in page1:
        block_sizes[ln.block] = block_sizes.get(ln.block, 0) + 1
    for ln in page1:
        if ln.lead_marker:
            continue  # a footnote cites a preprint, it never names the paper
        own_block = block_sizes[ln.block] == 1  # not the wrapped end of a footnote or reference
        alone = stamp_line(ln.text)
        # a bare ID in the title block or a header/footer; a full stamp also when set apart on its own
        if alone is not None and (
            ln.y1 <= title_block_end or (own_block and (ln.in_band or _CATEGORY.search(ln.text)))
        ):
            return str(alone)
        header = ln.y1 < ln.page_height / 2 and ln.in_band  # footers are where footnotes live
        tail = _stamp_tail(ln.text) if header and own_block else None
        if tail is not None:
            return str(tail)
    return None
