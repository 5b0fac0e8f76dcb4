"""Where the note's quotes stand in the PDF, and the code the paper links to.

Each quoted sentence links to its page (``paper.pdf#page=N``: Obsidian, VS Code and browsers open the PDF
there); the page is found by the sentence's opening words in the page's text, both folded, so hyphenation
and ligatures do not matter. Code links are the GitHub (and GitLab, Bitbucket) URLs the paper prints in
its abstract or on its first pages (footnotes included).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from paperkit.text import fold

_CODE = re.compile(r"https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org)/[\w.\-]+/[\w.\-]+", re.I)
_BARE = re.compile(r"(?<![/\w])(?:github\.com|gitlab\.com|bitbucket\.org)/[\w.\-]+/[\w.\-]+", re.I)
_FIRST_PAGES = 3


def page_texts(pdf: Path) -> list[str]:
    """The text of each page of ``pdf`` (empty when it cannot be read)."""
    try:
        import pymupdf

        with pymupdf.open(pdf) as doc:
            return [page.get_text() for page in doc]
    except Exception:  # a note never fails on its PDF: without pages, quotes have no page links
        return []


def sentence_pages(sentences: list[str], pages: list[str]) -> dict[str, int]:
    """The 1-based page on which each sentence starts, for the sentences found."""
    folded = [fold(p) for p in pages]
    out: dict[str, int] = {}
    for s in sentences:
        words = s.split()
        for n in (10, 6):
            key = fold(" ".join(words[:n]))
            if len(key) < 12:
                continue
            page = next((i for i, text in enumerate(folded) if key in text), None)
            if page is not None:
                out[s] = page + 1
                break
    return out


def code_links(abstract: str, pages: list[str]) -> list[str]:
    """Repository URLs printed in the abstract or on the first pages, in order, each once."""
    text = unicodedata.normalize("NFKC", "\n".join([abstract, *pages[:_FIRST_PAGES]]))  # "ﬂ" -> "fl"
    # A URL broken over two lines by the layout is joined back when the break falls after a "/".
    text = re.sub(r"/\s*\n\s*", "/", text)
    found: dict[str, None] = {}
    for m in list(_CODE.finditer(text)) + list(_BARE.finditer(text)):
        url = re.sub(r"^(?:https?://)?(?:www\.)?", "https://", m.group(0).rstrip(".,;)"), flags=re.I)
        url = re.sub(r"\.git$", "", url)
        if not any(u.lower() == url.lower() for u in found):
            found[url] = None
    return list(found)
