"""Formulas in the note keep their TeX (nothing HTML-escaped inside ``$…$``), and stay inert."""

from __future__ import annotations

from paperkit.sanitize import md_block, md_inline


def test_formulas_keep_their_tex_and_prose_is_escaped() -> None:
    assert md_inline(r"if $a<b$ and $f[0,1](x)$ then <b>") == r"if $a\lt b$ and $f[0,1] (x)$ then &lt;b>"
    assert md_inline(r"$$\sum_{i<n} x_i$$ & more &amp;") == r"$$\sum_{i\lt n} x_i$$ & more &amp;amp;"
    assert md_inline("costs $5 and $10 <b>") == "costs $5 and $10 &lt;b>"  # dollars, no formula


def test_a_formula_cannot_open_html_or_a_link() -> None:
    text = md_block("$<script>alert(1)</script>$ and $[x](javascript:alert(1))$")
    assert "<script" not in text and "](" not in text
