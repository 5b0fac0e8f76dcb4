"""arXiv identifiers: parse what a person types, find the one printed in a PDF, name local PDFs.

Two schemes exist (https://info.arxiv.org/help/arxiv_identifier.html): since April 2007 ``YYMM.NNNN``
(four digits to 2014, five from 2015), before that ``archive(.SC)/YYMMNNN``. Everything here is strict on
purpose: an ID becomes a folder name in the library, so nothing that could leave that folder gets through.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from paperkit.errors import BadInput
from paperkit.records import library_key

# re.ASCII throughout: \d and \w must not accept unicode digits or letters that only look like ours.
_NEW = r"(?P<new>(?P<yy>[0-9]{2})(?P<mm>[0-9]{2})\.(?P<num>[0-9]{4,5}))"
_OLD = (
    r"(?P<old>(?P<archive>[A-Za-z]+(?:-[A-Za-z]+)*)(?P<sc>\.[A-Za-z]{2})?"
    r"/(?P<oyy>[0-9]{2})(?P<omm>[0-9]{2})[0-9]{3})"
)
_VERSION = r"(?:[vV](?P<version>[0-9]{1,4}))?"
_ID = rf"(?:{_NEW}|{_OLD}){_VERSION}"

_BARE = re.compile(rf"(?:arxiv:)?{_ID}", re.ASCII | re.IGNORECASE)
_URL = re.compile(
    rf"(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/{_ID}(?:\.pdf)?/?(?:[?#].*)?",
    re.ASCII | re.IGNORECASE,
)
# In running text: "arXiv:1506.03099v3 [cs.LG] 23 Sep 2015" or "arxiv.org/abs/hep-th/9901001".
_IN_TEXT = re.compile(
    rf"(?<![A-Za-z0-9])(?:arXiv:\s?|arxiv\.org/(?:abs|pdf)/){_ID}(?![0-9])", re.ASCII | re.IGNORECASE
)
_STAMP_TAIL = re.compile(r"\s*\[[A-Za-z-]+(?:\.[A-Za-z-]+)?\]", re.ASCII)

HELP = "expected an arXiv ID like 1506.03099, 1506.03099v3, hep-th/9901001 or an arxiv.org/abs/ URL"


@dataclass(frozen=True)
class ArxivId:
    """A validated arXiv identifier; ``id`` never carries the version."""

    id: str
    version: int | None = None

    @property
    def key(self) -> str:
        """The library folder name: ``hep-th/9901001`` → ``hep-th_9901001``."""
        return library_key(self.id)

    @property
    def versioned(self) -> str:
        """``1506.03099v3`` when a version is known, else the bare ID."""
        return f"{self.id}v{self.version}" if self.version is not None else self.id

    def __str__(self) -> str:
        return self.versioned


def _from_match(m: re.Match[str]) -> ArxivId | None:
    """Check the parts a regex cannot (month range, number width by year); None when invalid."""
    version = m.group("version")
    if version is not None and int(version) == 0:
        return None
    v = int(version) if version is not None else None
    if m.group("new"):
        yymm = int(m.group("yy") + m.group("mm"))
        month = int(m.group("mm"))
        if not 1 <= month <= 12 or yymm < 704:  # the scheme began in April 2007
            return None
        # Four-digit numbers until December 2014, five from January 2015.
        if len(m.group("num")) != (4 if yymm <= 1412 else 5):
            return None
        return ArxivId(m.group("new"), v)
    month = int(m.group("omm"))
    year = int(m.group("oyy"))
    # Old IDs run from August 1991 to March 2007.
    if not 1 <= month <= 12 or 8 <= year <= 90 or (year == 7 and month > 3) or (year == 91 and month < 8):
        return None
    archive = m.group("archive").lower()
    sc = (m.group("sc") or "").upper()
    number = m.group("old").rsplit("/", 1)[1]
    return ArxivId(f"{archive}{sc}/{number}", v)


def _shown(text: str) -> str:
    """The input as quoted in an error message: one line, bounded length."""
    return repr(text if len(text) <= 60 else text[:57] + "...")


def parse_arxiv_id(text: str) -> ArxivId:
    """Parse an arXiv ID or arxiv.org URL as a person would type or paste it.

    Raises :class:`BadInput` for anything else, with a message that shows what a valid ID looks like.
    """
    stripped = text.strip()
    for pattern in (_BARE, _URL):
        m = pattern.fullmatch(stripped)
        if m:
            parsed = _from_match(m)
            if parsed is not None:
                return parsed
    raise BadInput(f"not an arXiv ID: {_shown(stripped)}; {HELP}")


def find_arxiv_id(text: str) -> ArxivId | None:
    """The arXiv ID printed in a text, e.g. a PDF's margin stamp; None when there is none.

    A stamped ID (``arXiv:1506.03099v3 [cs.LG] ...``) wins over one merely cited, since a paper's first
    page can cite other preprints before its own stamp is reached in reading order.
    """
    first: ArxivId | None = None
    for m in _IN_TEXT.finditer(text):
        parsed = _from_match(m)
        if parsed is None:
            continue
        if _STAMP_TAIL.match(text, m.end()):
            return parsed
        if first is None:
            first = parsed
    return first


def _is_arxiv_url(text: str) -> bool:
    return re.match(r"(?:https?://)?(?:www\.|export\.)?arxiv\.org/", text, re.IGNORECASE) is not None


def parse_paper_arg(text: str) -> ArxivId | Path:
    """A command-line paper argument: a local PDF (→ Path) or an arXiv ID or URL (→ ArxivId)."""
    stripped = text.strip()
    if not stripped:
        raise BadInput(f"no paper given; {HELP}, or a path to a PDF")
    if _is_arxiv_url(stripped):
        return parse_arxiv_id(stripped)
    path = Path(stripped).expanduser()
    if path.is_file():
        return path
    if path.is_dir():
        try:  # a folder named like an ID (say, run inside the library) still means the ID
            return parse_arxiv_id(stripped)
        except BadInput:
            if any(path.glob("*.tex")):
                return path  # a folder of LaTeX sources
            raise BadInput(
                f"{_shown(stripped)} is a directory; give the path of a PDF file "
                "or of a folder of LaTeX sources"
            ) from None
    if stripped.lower().endswith(".pdf"):
        raise BadInput(f"no such file: {_shown(stripped)}")
    return parse_arxiv_id(stripped)


MAX_KEY_LEN = 100


def local_key(path: Path) -> str:
    """A library key for a PDF without an arXiv ID, made from its file name.

    Only ``[A-Za-z0-9._-]`` survive, runs of dots collapse (so never ``..``), it starts with a letter or
    digit and is at most 100 characters. A name with nothing usable left (say, all Chinese) gets a short
    hash of the name instead, so the same file always gets the same key.
    """
    stem = path.name[:-4] if path.name.lower().endswith(".pdf") else path.name
    key = re.sub(r"[^A-Za-z0-9._-]+", "_", stem, flags=re.ASCII)
    key = re.sub(r"\.{2,}", ".", key)
    key = re.sub(r"_{2,}", "_", key)
    key = key.lstrip("._-")[:MAX_KEY_LEN].rstrip("._-")
    if not re.search(r"[A-Za-z0-9]", key, re.ASCII):
        digest = hashlib.sha1(path.name.encode("utf-8", "surrogateescape")).hexdigest()[:10]
        key = f"paper-{digest}"
    return key


_TRAILING_VERSION = re.compile(r"v\d+$")


def normalise_id(text: str) -> str:
    """``arXiv:2101.00001v3`` → ``2101.00001``: the prefix, the version and surrounding space stripped.

    Strict (:func:`parse_arxiv_id`) when the text is an ID; else a lenient rule, so that a
    reimplementation can be asked about by a name the parser does not know (a local stem).
    """
    text = text.strip()
    try:
        return parse_arxiv_id(text).id
    except BadInput:
        pass
    if text.lower().startswith("arxiv:"):
        text = text[len("arxiv:") :].strip()
    return _TRAILING_VERSION.sub("", text)


def key_of(text: str) -> str:
    """The library folder of a paper named leniently (:func:`normalise_id`)."""
    return library_key(normalise_id(text))
