"""The text around Figure 1 in a PDF: the running heads that bound its region, the caption as one line."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pymupdf

if TYPE_CHECKING:
    from paperkit.extraction.pdf.figures import _Block


def mark_running_heads(doc: pymupdf.Document, number: int, blocks: list[_Block], previous: str) -> None:
    """Mark the blocks of page ``number``'s top band whose text (digits aside) is a line of a neighbouring
    page too (``previous``: the page before's plain text, read already; else the page after's top band):
    a running head, however few its words or near a figure it sits."""
    top = [b for b in blocks if b.rect.y1 < 0.1 * b.page_height]
    if not top:
        return
    lines = previous.splitlines()[:12] if previous else []
    if not lines and number + 1 < doc.page_count:
        after = doc[number + 1]
        band = (0, 0, after.rect.width, 0.1 * after.rect.height)
        lines = [line for block in after.get_text("blocks", clip=band) for line in block[4].splitlines()]
    heads = {_head_key(line) for line in lines} - {""}
    for b in top:
        b.running = all(_head_key(line) in heads for line in b.text.splitlines() if _head_key(line))


def _head_key(text: str) -> str:
    return re.sub(r"[\d\s]+", " ", text).strip().lower()


def caption_text(text: str, limit: int = 600) -> str:
    """The caption as one line (hyphenation at line ends undone), cut at a sentence end past ``limit``."""
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    text = " ".join(text.split()).lstrip("—–-:. ")  # "FIG. 1: — The …": the label's dash is not the caption
    if len(text) <= limit:
        return text
    cut = text.rfind(". ", 0, limit)
    return text[: cut + 1] if cut > 0 else text[:limit].rstrip() + "…"
