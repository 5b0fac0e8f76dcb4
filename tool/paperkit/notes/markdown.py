"""Paper text made safe for a Markdown note: one line or paragraphs, no HTML, no live link or image, no
block syntax. The rules live in :mod:`paperkit.sanitize`, the one sanitiser for outside text."""

from __future__ import annotations

from paperkit.sanitize import md_block, md_inline

__all__ = ["md_block", "md_inline"]
