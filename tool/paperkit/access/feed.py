"""Reading an arXiv Atom feed: bounded in time and size, one bad entry never spoiling the others, and the
PDF link found however arXiv spells it.

The ``arxiv`` package reads a response without a deadline, parses the whole page in one go (so one
``<published>`` it cannot read raises out of every entry) and finds the PDF only by a link titled "pdf".
:func:`read_body` and :func:`parse_feed` replace its transport and parsing; :func:`pdf_link` its PDF rule.
"""

from __future__ import annotations

import logging
import re
import time
import urllib.parse
from typing import Any

import arxiv
import requests
import urllib3
from arxiv import _feed
from lxml import etree

from paperkit.access.ids import ArxivId
from paperkit.errors import NetworkError

MAX_FEED_BYTES = 16 * 1024 * 1024  # a page of 100 entries is ~300 kB; more is a broken server
CHUNK = 64 * 1024
# A date arXiv's own parser cannot read is replaced by this one, which paperkit reads as "no date".
NO_DATE = "0001-01-01T00:00:00Z"
_DATES = ("published", "updated")

log = logging.getLogger("paperkit.feed")


def read_body(
    response: requests.Response, url: str, deadline: float, max_bytes: int = MAX_FEED_BYTES
) -> bytes:
    """The whole body of a streamed response, within ``deadline`` seconds and ``max_bytes`` bytes.

    A server that trickles its answer a byte at a time, each byte inside the read timeout, is stopped at
    the deadline (:class:`NetworkError`, not retried: it would do the same again).
    """
    started = time.monotonic()
    parts: list[bytes] = []
    size = 0
    with response:
        while True:
            chunk = _read_some(response)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise NetworkError(
                    f"arXiv API at {url} sent more than {max_bytes} bytes; no feed is that big"
                )
            parts.append(chunk)
            if time.monotonic() - started > deadline:
                raise NetworkError(f"arXiv API at {url} was still sending after {deadline:.0f} s; giving up")
    return b"".join(parts)


def _read_some(response: requests.Response) -> bytes:
    """What has arrived (at least a byte, at most :data:`CHUNK`; b"" at the end), not waiting for a full
    chunk: a trickling server must not keep the deadline from being looked at. urllib3's errors are
    raised as the requests errors they are everywhere else."""
    try:
        return bytes(response.raw.read1(CHUNK, decode_content=True))
    except urllib3.exceptions.ReadTimeoutError as e:
        raise requests.exceptions.ReadTimeout(e) from None
    except (urllib3.exceptions.HTTPError, OSError) as e:
        raise requests.exceptions.ConnectionError(e) from None


def _repair_dates(entry: Any) -> None:
    """Give a date arXiv's parser would choke on (``2015-13-45``) the value that means "no date"."""
    for name in _DATES:
        found = entry.find(f"atom:{name}", _feed._NS)
        if found is None:
            found = etree.SubElement(entry, f"{{{_feed._NS['atom']}}}{name}")
        try:
            if _feed._parse_datetime(found.text) is None:
                raise ValueError("missing")
        except (ValueError, TypeError, OverflowError):
            found.text = NO_DATE


def parse_feed(content: bytes) -> _feed.ParsedFeed:
    """The package's parse, entry by entry: a bad field makes that entry's field empty, not the page fail."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as exc:
        return _feed.ParsedFeed(header=_feed.FeedHeader(), malformed=True, error=exc)
    if root is None:
        return _feed.ParsedFeed(header=_feed.FeedHeader(), malformed=True, error=ValueError("empty document"))

    def number(path: str) -> int:
        text = _feed._text(root, path) or ""
        return int(text.strip()) if text.strip().isdigit() else 0

    header = _feed.FeedHeader(
        total_results=number("opensearch:totalResults"),
        items_per_page=number("opensearch:itemsPerPage"),
        start_index=number("opensearch:startIndex"),
    )
    results: list[arxiv.Result] = []
    for entry in root.iterfind("atom:entry", _feed._NS):
        _repair_dates(entry)
        try:
            result = _feed._build_result(entry)
        except (ValueError, TypeError, OverflowError) as e:  # a field no one can read: skip that entry only
            log.debug("skipping an entry: %s", e)
            continue
        if result is not None:
            results.append(result)
    return _feed.ParsedFeed(header=header, results=results)


# --- The PDF link ----------------------------------------------------------------------------------------

_WITHDRAWN_COMMENT = re.compile(r"\bwithdrawn\b", re.I)
_WITHDRAWN_SUMMARY = re.compile(
    r"\b(?:has been|have been|is|was|been) withdrawn\b|\bwithdrawn by the author", re.I
)


def _path(href: str) -> str:
    try:
        parts = urllib.parse.urlsplit(href)
    except ValueError:
        return ""
    return parts.path if parts.scheme in ("http", "https") else ""


def pdf_link(result: arxiv.Result) -> str | None:
    """The entry's PDF URL: a link titled "pdf", else one of type application/pdf, else one whose href is
    an arXiv ``/pdf/`` URL, else the ``/abs/`` link (or the entry's id) made into ``/pdf/``."""
    links = list(result.links)
    for wanted in (
        lambda link: (link.title or "").strip().lower() == "pdf",
        lambda link: (link.content_type or "").split(";")[0].strip().lower() == "application/pdf",
        lambda link: _path(link.href).startswith("/pdf/"),
    ):
        for link in links:
            if wanted(link) and _path(link.href):
                return str(link.href)
    for href in [link.href for link in links] + [result.entry_id]:
        path = _path(href)
        if path.startswith("/abs/") and len(path) > len("/abs/"):
            return urllib.parse.urlunsplit(
                urllib.parse.urlsplit(href)._replace(
                    path="/pdf/" + path[len("/abs/") :], query="", fragment=""
                )
            )
    return None


def says_withdrawn(comment: str | None, summary: str | None) -> bool:
    """Whether arXiv's comment or the abstract says the paper was withdrawn."""
    return bool(_WITHDRAWN_COMMENT.search(comment or "") or _WITHDRAWN_SUMMARY.search((summary or "")[:2000]))


def versioned_pdf_url(url: str, arxiv_id: ArxivId) -> str:
    """The feed's PDF link, pinned to the version asked for (the feed gives the latest)."""
    if arxiv_id.version is None:
        return url
    head, _, _ = url.rpartition("/")
    return f"{head}/{arxiv_id.id.rsplit('/', 1)[-1]}v{arxiv_id.version}" if head else url
