"""Where a paper's paragraphs stand in its PDF, and the code it links to: found once, at extraction.

Each paragraph of the introduction and related work (as :func:`~paperkit.extraction.citations.paragraphs`
splits them) gets the page it starts on, so that the note links every quote to its page
(``paper.pdf#page=N``) without reading the PDF again. The PDF route knows the page of every line; a route
without pages (LaTeX) finds each paragraph's opening words in the PDF's page texts, folded, so that
hyphenation and ligatures do not matter. Code links are the GitHub (GitLab, Bitbucket) URLs the paper
prints on its first pages (footnotes included).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from paperkit.extraction.citations import paragraphs
from paperkit.records import Section, Sections
from paperkit.text import fold

_CODE = re.compile(
    r"(?:https?://|(?<![/\w]))(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org)/[\w.\-]+/[\w.\-]+", re.I
)
FIRST_PAGES = 3  # code links are looked for on these pages
_PAST = 4  # pages without an opening after some were placed: past the introduction and related work


def repository_urls(text: str) -> list[str]:
    """Repository URLs printed in ``text``, in order, each once, as ``https://host/owner/repo``."""
    text = unicodedata.normalize("NFKC", text)  # "ﬂ" -> "fl"
    # A URL broken over two lines by the layout is joined back when the break falls after a "/".
    text = re.sub(r"/\s*\n\s*", "/", text)
    found: dict[str, None] = {}
    for m in _CODE.finditer(text):
        url = re.sub(r"^(?:https?://)?(?:www\.)?", "https://", m.group(0).rstrip(".,;)"), flags=re.I)
        url = re.sub(r"\.git$", "", url)
        if not any(u.lower() == url.lower() for u in found):
            found[url] = None
    return list(found)


def opening_key(text: str, words: int = 8) -> str:
    """The folded opening words of a paragraph or sentence: how it is found in a page's text."""
    return fold(" ".join(text.split()[:words]))


def page_of(key: str, folded_pages: list[str]) -> int | None:
    """The 1-based page whose folded text holds ``key`` (None when none does, or the key is too short)."""
    if len(key) < 12:
        return None
    return next((i + 1 for i, text in enumerate(folded_pages) if key in text), None)


def locate_in_pages(sections: Sections, page_texts: Iterable[str]) -> None:
    """Set the page of the abstract and of every paragraph of the introduction and related work, and the
    code links, from the text of each page (for routes that know no pages of their own). Pages are read
    in order only until every opening is placed (the introduction is near the front of a long paper)."""
    keys: dict[str, int | None] = {}
    if sections.abstract and sections.abstract_page is None:
        keys[opening_key(sections.abstract)] = None
    parts = [
        p for p in (sections.introduction, sections.related_work) if p is not None and not p.paragraph_pages
    ]
    openings = {id(p): [opening_key(x) for x in paragraphs(p.text)] for p in parts}
    keys.update((k, None) for ks in openings.values() for k in ks)
    open_keys = {k for k in keys if len(k) >= 12}
    first: list[str] = []
    idle = 0  # pages read since the last opening was placed
    for n, text in enumerate(page_texts, 1):
        if n <= FIRST_PAGES:
            first.append(text)
        folded = fold(text)
        found = [k for k in open_keys if k in folded]
        keys.update((k, n) for k in found)
        open_keys.difference_update(found)
        idle = 0 if found else idle + 1
        # The parts are runs of pages: past them (or with all placed), the rest need not be read.
        if n >= FIRST_PAGES and (not open_keys or (idle >= _PAST and len(open_keys) < len(keys))):
            break
    if sections.abstract and sections.abstract_page is None:
        sections.abstract_page = keys.get(opening_key(sections.abstract))
    for part in parts:
        part.paragraph_pages = _filled([keys.get(k) for k in openings[id(part)]])
    if not sections.code:
        sections.code = repository_urls("\n".join(first))


def pdf_page_texts(pdf: Path, limit: int = 60) -> Iterator[str]:
    """The plain text of each page of ``pdf`` in order, read as asked for (nothing when it cannot be
    read; at most ``limit`` pages)."""
    try:
        import pymupdf

        with pymupdf.open(pdf) as doc:
            for page in doc.pages(0, min(limit, doc.page_count)):
                yield page.get_text()
    except Exception:  # pages are a convenience: without them, quotes have no page links
        return


def paragraph_pages(part: Section, line_starts: list[tuple[str, int]]) -> list[int]:
    """The page of each paragraph of ``part``, from where each page's first line opens in its text
    (``line_starts``: the opening words of the first line read on each page, and that page)."""
    text = part.text
    breaks: list[tuple[int, int]] = []
    cursor = 0
    for opening, page in line_starts:
        at = text.find(opening, cursor) if opening else -1
        if at >= 0:
            breaks.append((at, page))
            cursor = at
    out = []
    cursor = 0
    for para in paragraphs(text):
        at = text.find(para[:40], cursor)
        at = cursor if at < 0 else at
        cursor = at
        out.append(next((p for o, p in reversed(breaks) if o <= at), part.page_start or 0))
    return out


def _filled(pages: list[int | None]) -> list[int]:
    """Pages not found take the page before (a paragraph rarely starts where its opening is hidden)."""
    out, last = [], 0
    for p in pages:
        last = p if p is not None else last
        out.append(last)
    return out
