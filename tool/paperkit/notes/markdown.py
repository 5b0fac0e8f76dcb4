"""Paper text made safe for a Markdown note: one line or paragraphs, no HTML, no block syntax."""

from __future__ import annotations

import re
from typing import Any

from paperkit.text import squash, strip_controls


def md_inline(value: Any) -> str:
    """Paper text as one Markdown line: no line breaks, no HTML, no heading or list syntax at its start."""
    text = squash(strip_controls(str(value)))
    # "<" would open HTML (or an HTML comment); "&" only matters where it would spell an entity.
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text).replace("<", "&lt;")
    return re.sub(r"^([#>*+\-=|`~]|\d+[.)])", r"\\\1", text)


def md_block(value: Any) -> str:
    """Paper text as Markdown paragraphs: each line escaped like :func:`md_inline`, blank lines kept."""
    paragraphs = re.split(r"\n\s*\n", strip_controls(str(value)))
    return "\n\n".join(md_inline(p) for p in paragraphs if p.strip())
