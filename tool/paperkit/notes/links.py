"""Where the note's quotes stand in the PDF, and the code the paper links to — from what extraction found.

Each quoted sentence links to the page its paragraph starts on (``paper.pdf#page=N``: Obsidian, VS Code and
browsers open the PDF there); the paragraph is found by the sentence's opening words, folded, so that
hyphenation and ligatures do not matter.
"""

from __future__ import annotations

from paperkit.extraction.citations import paragraphs
from paperkit.extraction.pages import opening_key, repository_urls
from paperkit.records import Sections
from paperkit.text import fold


def sentence_pages(sentences: list[str], sections: Sections, abstract: str) -> dict[str, int]:
    """The 1-based page on which each quoted sentence's paragraph starts, for the sentences found."""
    located: list[tuple[str, int]] = []
    if sections.abstract_page:
        located.append((fold(abstract), sections.abstract_page))
    for part in (sections.introduction, sections.related_work):
        if part is not None and part.paragraph_pages:
            located += [
                (fold(p), n) for p, n in zip(paragraphs(part.text), part.paragraph_pages, strict=False) if n
            ]
    out: dict[str, int] = {}
    if not located:
        return out
    for s in sentences:
        for n in (10, 6):
            key = opening_key(s, n)
            if len(key) < 12:
                continue
            page = next((page for text, page in located if key in text), None)
            if page is not None:
                out[s] = page
                break
    return out


def code_links(abstract: str, printed: list[str]) -> list[str]:
    """Repository URLs of the abstract, then those the paper prints on its first pages, each once."""
    out: dict[str, None] = {}
    for url in repository_urls(abstract) + printed:
        if not any(u.lower() == url.lower() for u in out):
            out[url] = None
    return list(out)
