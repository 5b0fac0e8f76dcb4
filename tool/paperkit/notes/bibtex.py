"""BibTeX for an arXiv paper, in arXiv's own ``@misc`` form."""

from __future__ import annotations

import re

from paperkit.records import PaperMeta
from paperkit.sanitize import one_line
from paperkit.text import ascii_fold

_STOPWORDS = {
    "a",
    "an",
    "the",
    "on",
    "of",
    "for",
    "to",
    "in",
    "and",
    "with",
    "from",
    "by",
    "towards",
    "toward",
}
_SPECIAL = re.compile(r"([&%$#_])")


def citekey(meta: PaperMeta) -> str:
    """``surname`` + ``year`` + first significant title word, lower-case ASCII: ``bengio2015scheduled``."""
    surname = ""
    if meta.authors:
        parts = ascii_fold(meta.authors[0]).split()
        surname = parts[-1] if parts else ""
    title_words = re.findall(r"[A-Za-z0-9]+", ascii_fold(meta.title))
    word = next((w for w in title_words if w.lower() not in _STOPWORDS), "")
    key = re.sub(r"[^a-z0-9]", "", f"{surname}{meta.year or ''}{word}".lower())
    return key or re.sub(r"[^a-z0-9]", "", meta.key.lower()) or "paper"


def _escape(value: str) -> str:
    """Make a value safe inside ``{...}``: braces balanced, TeX specials escaped, one line."""
    value = one_line(value).replace("\\", "")
    depth = 0
    kept = []
    for ch in value:
        if ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0:
                continue  # an unmatched closing brace would end the field early
            depth -= 1
        kept.append(ch)
    value = "".join(kept) + "}" * depth
    return _SPECIAL.sub(r"\\\1", value)


def bibtex(meta: PaperMeta, key: str | None = None) -> str:
    """The paper's BibTeX entry (``@misc`` with eprint, archivePrefix, primaryClass), under ``key`` (its
    :func:`citekey` by default)."""
    fields: list[tuple[str, str]] = [
        ("title", meta.title),
        ("author", " and ".join(meta.authors)),
        ("year", str(meta.year) if meta.year else ""),
    ]
    if meta.source == "arxiv" or "/" in meta.id or re.match(r"^\d{4}\.\d{4,5}$", meta.id):
        fields += [
            ("eprint", meta.id),
            ("archivePrefix", "arXiv"),
            ("primaryClass", meta.primary_category or ""),
            ("url", f"https://arxiv.org/abs/{meta.id}"),
        ]
    if meta.doi:
        fields.append(("doi", meta.doi))
    if meta.journal_ref:
        fields.append(("note", meta.journal_ref))
    body = ",\n".join(f"  {name}={{{_escape(value)}}}" for name, value in fields if value)
    return f"@misc{{{key or citekey(meta)},\n{body}\n}}"
