"""Paper text made safe for a Markdown note: one line or paragraphs, no HTML, no live link or image, no
block syntax. The rules live in :mod:`paperkit.sanitize`, the one sanitiser for outside text."""

from __future__ import annotations

import re

from paperkit.sanitize import md_block, md_inline

__all__ = ["md_block", "md_inline", "quote"]

# Two or more number-only tokens in a row: a figure's axis labels or a table read into a sentence.
_NUMBER_RUN = re.compile(r"(?<![\w.,%(\[])(?:\d+(?:\.\d+)?\s+)+\d+(?:\.\d+)?(?![\w.,%)\]]|\.\d)\s*")


def quote(value: object) -> str:
    """A sentence of the paper quoted in the note: layout debris dropped, then made one Markdown line."""
    return md_inline(_NUMBER_RUN.sub("", str(value)))
