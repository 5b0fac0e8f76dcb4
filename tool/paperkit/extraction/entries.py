"""Reference-list entries → authors, year, title, venue, arXiv ID and DOI (best effort, never raising).

Handles the usual machine-learning styles: numbered IEEE/CVPR/NeurIPS entries ("Y. Bengio, P. Simard,
and P. Frasconi. Title. Venue, 1994."), surname-first ICML/APA entries ("Bengio, Y., Simard, P., and
Frasconi, P. (1994). Title. Venue."), ACL entries with the year after the authors ("Alan Akbik and Roland
Vollgraf. 2018. Title. In Venue."), quoted titles ('“Title”. In: Venue. 2015.') and title-less science
entries ("D. E. Rumelhart, G. E. Hinton, Nature 323, 533 (1986).").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace

from paperkit.records import Reference
from paperkit.text import fold, join_broken_words, squash

# PyMuPDF returns LaTeX accents as spacing characters beside the letter ("Daum´e", "c¸"); after NFKC they
# become a space and a combining mark ("Daum \u0301e"). Both forms are put back on their letter.
_SPACING_ACCENTS = {
    "´": "\u0301",
    "¨": "\u0308",
    "ˆ": "\u0302",
    "˜": "\u0303",
    "ˇ": "\u030c",
    "˘": "\u0306",
    "˙": "\u0307",
    "˚": "\u030a",
    "˝": "\u030b",
    "¯": "\u0304",
    "`": "\u0300",
}
_SPACING = "´¨ˆ˜ˇ˘˙˚˝¯"
_COMBINING = "\u0300-\u0326\u0329-\u036f"  # all but cedilla and ogonek, which follow their letter
ACCENT_CHARS = _SPACING + "¸`\u0300-\u036f"  # for character classes
_FIXES = [
    (re.compile(r"([A-Za-z])\s?[¸\u0327]\s?(?=[a-z])|([A-Za-z])\s?[¸\u0327]"), "\u0327"),
    (re.compile(rf"\s?([{_SPACING}])\s?([a-zı])|\s([{_COMBINING}])\s?([a-zı])"), None),
    (re.compile(rf"([{_SPACING}])\s?([A-Z])|(?<![A-Za-z])([{_COMBINING}])([A-Z])"), None),
    (re.compile(r"(?<=[A-Za-z])`([aeiouAEIOU])"), "\u0300"),
]


def _move_accent(m: re.Match[str]) -> str:
    mark, letter = (m[1], m[2]) if m[1] else (m[3], m[4])
    return ("i" if letter == "ı" else letter) + _SPACING_ACCENTS.get(mark, mark)


_YEAR = r"(?:1[6-9]|20)\d{2}"
# A year, not part of an arXiv ID ("2001.08361"), a page range or a longer number; optional letter suffix.
_YEAR_IN_TEXT = re.compile(r"(?<![\d./:–-])(" + _YEAR + r")([a-z](?![A-Za-z]))?(?![\d–-]|\.\d)")
_LEADING_YEAR = re.compile(r"^\(?(" + _YEAR + r"[a-z]?)\)?[.,:]?\s*")
_PAREN_YEAR = re.compile(r"\((" + _YEAR + r"[a-z]?)\)")
_LABEL = re.compile(r"^\s*(?:\[[^\[\]]{1,40}\]|\d{1,4}\.(?=\s))\s*")
_BACK_REFS = re.compile(r"(?<=\.)\s+\d{1,3}(?:\s*,\s*\d{1,3})*\s*$")  # CVPR "…, 2015. 2, 4"
# the archives of old-style IDs ("hep-ph/0001025"), printed bare in physics reference lists
_ARCHIVES = (
    r"(?:hep-(?:ph|th|ex|lat)|astro-ph|gr-qc|nucl-(?:th|ex)|quant-ph|cond-mat|math-ph|nlin|physics|math|cs"
    r"|q-bio|q-fin|stat|chao-dyn|solv-int|patt-sol|adap-org|comp-gas|chem-ph|supr-con|mtrl-th)"
)
_ARXIV = [
    re.compile(
        r"ar[Xx]iv\W{0,3}(?:(?:preprint|report|e-?prints?|paper)\W{0,3})?(?:ar[Xx]iv\s*:\s*)?"
        r"(\d{4}\.\s?\d{4,5})(?!\d)",
        re.I,
    ),
    re.compile(r"\babs/(\d{4}\.\d{4,5})"),
    re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})", re.I),
    re.compile(r"ar[Xx]iv\s*:\s*([a-z\-]+(?:\.[A-Z]{2})?/\d{7})", re.I),
    re.compile(r"arxiv\.org/(?:abs|pdf)/([a-z\-]+(?:\.[A-Z]{2})?/\d{7})", re.I),
    re.compile(rf"(?<![\w/-])({_ARCHIVES}(?:\.[A-Z]{{2}})?/\d{{7}})(?!\d)"),
]
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)")
_ET_AL = re.compile(r",?\s*\bet\.?\s+al\.?\s*$")
_NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+")
_INITIALS = re.compile(r"(?:[A-Z]\.?-?)*[A-Z]")
_PARTICLES = frozenset(
    ["van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "le", "la", "ter", "bin"]
)
_SUFFIXES = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"])


def _add_mark(mark: str) -> Callable[[re.Match[str]], str]:
    return lambda m: "".join(g or "" for g in m.groups()) + mark


def fix_accents(text: str) -> str:
    """Put PyMuPDF's detached accents back on their letters: 'Merri¨enboer', 'Merri \u0308enboer' →
    'Merriënboer'."""
    for pattern, mark in _FIXES:
        text = pattern.sub(_move_accent if mark is None else _add_mark(mark), text)
    return unicodedata.normalize("NFC", text)


def clean_entry(text: str) -> str:
    """One line of readable text: ligatures expanded, accents attached, hyphenated line breaks joined."""
    text = unicodedata.normalize("NFKC", fix_accents(text))
    return squash(join_broken_words(text))


def name_words(name: str) -> list[str]:
    """The folded words of a person's surname part: 'Cho, K.' → ['cho'], 'Erik F Tjong Kim Sang' →
    ['erik', 'f', 'tjong', 'kim', 'sang'] (match markers against a suffix of these)."""
    part = name.split(",")[0] if "," in name else name
    # "Seager S.", "Rix H.-W." (MNRAS, A&A): the initials after the surname are no part of it
    part = re.sub(r"(?:\s+(?:[A-Z]\.-?)+)+$", "", part) if re.search(r"^\S{2,}", part) else part
    words = [fold(w) for w in re.split(r"[\s\-]+", part)]
    words = [w for w in words if w and w not in {"jr", "sr", "ii", "iii", "iv"}]
    return words


def _is_initial(token: str) -> bool:
    return bool(_INITIALS.fullmatch(token.rstrip(".")))


def _looks_like_name(segment: str) -> bool:
    # Footnote marks glued to a name ("Ke1", "Bengio∗") are not part of it.
    words = [re.sub(r"(?<=[^\W\d_])[\d∗*†‡]+$", "", w) for w in segment.split()]
    if not 1 <= len(words) <= 6 or re.search(r"\d|[:;()\[\]“”\"]", " ".join(words)):
        return False
    capital = [w[:1].isupper() or not w[:1].isalpha() for w in words]
    plain = [w.lower() in _PARTICLES or w.lower() in _SUFFIXES for w in words]
    # Every word capitalised, save particles ("van den Oord") and, in a short name, a middle word
    # ("Wei jing Zhu").
    return all(
        c or p or (0 < i < len(words) - 1 and len(words) <= 4)
        for i, (c, p) in enumerate(zip(capital, plain, strict=True))
    ) and (capital[-1] or plain[-1])


def _surname_first(body: str) -> bool:
    """'Bengio, Y., …' or 'Duchi, John, …' rather than 'Y. Bengio, …'."""
    m = re.match(r"\s*([^,.]{1,60}),\s*([^,]{1,60})", body)
    if not m or "." in m[1]:
        return False
    first = [w for w in m[1].split() if w.lower() not in _PARTICLES]
    if len(first) == 1:
        return True
    given = re.split(r"\s+(?:and|&)\s+|\.\s+(?=\S)", m[2])[0]
    return all(_is_initial(w) for w in given.split())


def _author_block_end(body: str, surname_first: bool) -> int:
    """Index just past the full stop that ends the author list (len(body) when none is found)."""
    for m in re.finditer(r"\.(?=\s|[“\"]|$)", body):
        word = body[: m.start()].rsplit(None, 1)[-1] if body[: m.start()].strip() else ""
        word = word.rsplit("-", 1)[-1] if "-" in word and _is_initial(word) else word
        after = body[m.end() :].lstrip()
        if _is_initial(word):
            if not surname_first:
                continue  # "Y. Bengio": a surname follows the initials
            if re.match(r"(?:[A-Z]\.|and\b|&|,)", after):
                continue  # more initials or more authors
        elif word.lower() in {"jr", "sr"} and re.match(r"(?:and\b|&|,)", after):
            continue
        return m.end()
    return len(body)


def _split_names(block: str, surname_first: bool) -> tuple[list[str], bool]:
    block = block.strip()
    if block.endswith(".") and not _is_initial(block[:-1].rsplit(None, 1)[-1] if block[:-1].strip() else ""):
        block = block[:-1].rstrip()
    et_al = bool(_ET_AL.search(block))
    block = _ET_AL.sub("", block)
    parts = [p.strip() for p in _NAME_SPLIT.split(block) if p and p.strip()]
    if surname_first:
        names = []
        i = 0
        while i < len(parts):
            if i + 1 < len(parts) and all(_is_initial(w) or w[:1].isupper() for w in parts[i + 1].split()):
                # "Cho", "K." → "Cho, K."; a given-name part never starts a new author here
                names.append(f"{parts[i]}, {parts[i + 1]}")
                i += 2
            else:
                names.append(parts[i])
                i += 1
        return names, et_al
    return parts, et_al


def _authors(body: str) -> tuple[list[str], bool, str, bool]:
    """(authors, et_al, rest of the entry, clean) — clean is False when the list ran into non-names."""
    surname_first = _surname_first(body)
    end = _author_block_end(body, surname_first)
    paren = _PAREN_YEAR.search(body)
    if paren and paren.start() < end:
        end = paren.start()  # APA: "Bengio, Y. and LeCun, Y. (2007). Title."
    names, et_al = _split_names(body[:end], surname_first)
    good: list[str] = []
    initials = False
    for name in names:
        if not _looks_like_name(name.replace(",", " ")):
            break
        # after "J. Smith, A. Jones," a single word is a journal's abbreviation ("Phys. Rev. Lett. 104, 1
        # (2010)": physics entries print no title), not an author
        if initials and not surname_first and len(name.split()) == 1:
            break
        initials = initials or any(_is_initial(w) for w in name.split())
        good.append(name)
    if len(good) == len(names):
        return good, et_al, body[end:], True
    # Cut at the first segment that is no name: the rest (title or venue) starts there.
    cut = body.find(names[len(good)]) if names[len(good)] in body else end
    return good, False, body[cut:], False


def _title_and_rest(rest: str) -> tuple[str | None, str]:
    rest = rest.lstrip(" .,;:")
    quoted = re.match(r"[“\"](.+?)[”\"]\s*[.,]?\s*", rest)
    if quoted:
        return quoted[1].strip(" .,"), rest[quoted.end() :]
    if re.match(r"In\b|In:", rest):
        return None, rest
    m = re.search(r"[.?!](?=\s|$)", rest)
    title = rest[: m.start() + (0 if rest[m.start()] == "." else 1)] if m else rest
    title = re.sub(r",?\s*" + _YEAR + r"[a-z]?\s*$", "", title).strip(" ,")
    return (title or None), (rest[m.end() :] if m else "")


def _venue(rest: str) -> str | None:
    v = re.sub(r"^\s*In:?\s+", "", rest)
    for pattern in [*_ARXIV, _DOI]:
        v = pattern.sub("", v)
    v = re.sub(r"https?://\S+", "", v)
    v = re.sub(r"\b(?:pages|pp\.|vol\.|volume|no\.)\s*[\d–\-]+", "", v, flags=re.I)
    v = re.sub(r"\d+\s*(?:\(\d+\))?\s*:\s*[\d–\-]+|\b\d+[–\-]\d+\b", "", v)
    v = _YEAR_IN_TEXT.sub("", v)
    v = re.sub(r"\(\s*\)|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?=[\s,.]|$)", "", v)
    v = re.sub(r"(?:\s*[,.;:]\s*)+$", "", re.sub(r"\s+([,.;:])", r"\1", squash(v)))
    v = re.sub(r"^[\s,.;:]+|(?:[\s,.;:]+\d{1,4})+$", "", v)
    return v or None


def _arxiv_id(text: str) -> str | None:
    """The arXiv ID an entry cites; an ID broken over two lines ("arXiv:1604.002-" / "89", "hep-ph/00" /
    "01025") is read once its pieces are joined."""
    for candidate in (text, _WRAPPED_ID.sub(r"\1\2", text)):
        for pattern in _ARXIV:
            m = pattern.search(candidate)
            if m:
                return m[1].replace(" ", "")
    return None


_WRAPPED_ID = re.compile(r"((?:\d{4}\.|/)\d{1,6})-?\s+(\d{1,6})\b")


def _doi(text: str) -> str | None:
    m = _DOI.search(text)
    return m[1].rstrip(".,;)]") if m else None


def _last_year(text: str) -> str | None:
    years = [m[1] + (m[2] or "") for m in _YEAR_IN_TEXT.finditer(text)]
    return years[-1] if years else None


def _parse(ref: Reference) -> Reference:
    body = clean_entry(ref.text)
    if ref.label and body.startswith(ref.label):
        body = body[len(ref.label) :].lstrip()
    elif ref.label is None:
        body = _LABEL.sub("", body, count=1)
    body = _BACK_REFS.sub("", body)
    authors, _et_al, rest, clean = _authors(body)
    year = None
    lead = _LEADING_YEAR.match(rest.lstrip(" .,"))
    if lead and clean:
        year = lead[1]
        rest = rest.lstrip(" .,")[lead.end() :]
    title, after = _title_and_rest(rest) if clean else _title_after_names(rest) if authors else (None, rest)
    if title and _JOURNAL_VOLUME.match(title):
        title, after = None, rest  # "ApJ, 721, 1861": an astronomy entry prints no title
    return replace(
        ref,
        authors=authors,
        year=year or _last_year(body),
        title=title,
        venue=_venue(after),
        arxiv_id=_arxiv_id(body),
        doi=_doi(body),
    )


_JOURNAL_VOLUME = re.compile(r"^[A-Z][\w&.]*(?: [A-Z&][\w&.]*){0,3}, \d{1,4}\b")


def _title_after_names(rest: str) -> tuple[str | None, str]:
    """A title where the author list ran into it without a full stop ("L. Positselski, Homological algebra
    of semimodules, Birkhäuser, 2010", as mathematics prints entries): a run of words, some in lower case,
    no digits, up to the next full stop or comma; else no title."""
    m = re.match(r"\s*([A-Z][^.,\d]*?\s[^.,\d]+)[.,](?=\s|$)", rest)
    if m and len(m[1].split()) >= 2 and any(w[:1].islower() for w in m[1].split()[1:]):
        return m[1].strip(), rest[m.end() :]
    return None, rest


def parse_reference(ref: Reference) -> Reference:
    """A copy of ``ref`` with authors, year ('2014a' when printed), title, venue, arXiv ID and DOI filled
    from its text, as far as they can be read. Never raises."""
    try:
        return _parse(ref)
    except Exception:  # a malformed entry must not stop the rest of the note
        return replace(ref)


def parse_references(refs: list[Reference]) -> list[Reference]:
    """:func:`parse_reference` for each entry, in order."""
    return [parse_reference(r) for r in refs]


_SUFFIX = re.compile(r"^(jr|sr|ii|iii|iv)\.?$", re.IGNORECASE)


def _surname(name: str) -> str:
    name = squash(name)
    if "," in name and not _SUFFIX.match(name.split(",", 1)[1].strip()):  # "Bengio, Y.", "Daumé III, H."
        return " ".join(w for w in name.split(",", 1)[0].split() if not _SUFFIX.match(w))
    words = [
        w.strip(".,")
        for w in re.split(r"[\s,]+", name)
        if w and not re.fullmatch(r"[A-Z]\.?(-[A-Z]\.?)?", w) and not _SUFFIX.match(w)
    ]
    return words[-1] if words else name


def who(authors: list[str]) -> str:
    """A short author list: one surname, two joined by 'and', or the first and 'et al.'."""
    names = [_surname(a) for a in authors if a.strip() and a.strip().lower() not in ("others", "et al.")]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."
