"""Paper metadata from the arXiv API, through the ``arxiv`` package.

``arxiv.Client`` builds its request URL from the class attribute ``query_url_format`` and sends it with
its own ``requests.Session`` (``_session``), without a timeout and with its own fixed-interval retries. We
point the URL at ``settings.api_url``, give the session a default timeout, switch the package's retries
off and retry in :mod:`paperkit.access.retry` instead, where 429's ``Retry-After`` and backoff are honoured.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

import arxiv
import requests

from paperkit import __version__
from paperkit.access.feed import parse_feed, pdf_link, read_body, says_withdrawn
from paperkit.access.ids import ArxivId, parse_arxiv_id
from paperkit.access.retry import (
    Retryable,
    is_retryable_status,
    parse_retry_after,
    retryable_from,
    with_retries,
)
from paperkit.config import Settings
from paperkit.errors import BadInput, NetworkError, NotFound, PaperkitError
from paperkit.records import PaperMeta
from paperkit.sanitize import one_line

# The package logs skipped entries (arXiv's old "Error" entries among them) as warnings; without a handler
# of its own, Python would print them on stderr, and only the CLI speaks to the terminal.
logging.getLogger("arxiv").addHandler(logging.NullHandler())

PAGE_SIZE = 100  # arXiv serves at most this many entries per request without complaint
USER_AGENT = f"paperkit/{__version__} (arxiv.py/{arxiv.__version__})"
# Each request ends within this many PAPERKIT_TIMEOUTs, however slowly the server sends (2 min by default).
DEADLINE_TIMEOUTS = 4
# What is kept of a feed's fields: no paper has more; a feed with more is broken or hostile.
MAX_TITLE, MAX_ABSTRACT, MAX_FIELD, MAX_AUTHORS, MAX_CATEGORIES = 2_000, 20_000, 2_000, 500, 50


class _TimeoutSession(requests.Session):
    """A session whose requests time out unless told otherwise, and that keeps the last response.

    The ``arxiv`` package only tells us the status of a failed request; ``last_response`` lets us read
    its ``Retry-After`` header too.
    """

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout
        self.last_response: requests.Response | None = None

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", self.timeout)
        self.last_response = None
        response = super().request(method, url, *args, **kwargs)
        self.last_response = response
        return response


class _Client(arxiv.Client):
    """``arxiv.Client`` aimed at ``settings.api_url``, with a timeout, an overall deadline per request, a
    size cap, a parse that survives one bad entry (:mod:`paperkit.access.feed`) and without its retries."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(page_size=PAGE_SIZE, delay_seconds=settings.delay, num_retries=0)
        base = settings.api_url.replace("{", "{{").replace("}", "}}")
        self.query_url_format = base + ("&{}" if "?" in base else "?{}")
        timeout = max(settings.timeout, 0.1)
        self.session = _TimeoutSession(timeout)
        self.session.headers["User-Agent"] = USER_AGENT
        self._session = self.session
        self.deadline = DEADLINE_TIMEOUTS * timeout
        self.last_body = b""

    def _parse_feed(self, url: str, first_page: bool = True, _try_index: int = 0) -> Any:
        """One page: the package's polite delay, then a bounded read and a tolerant parse."""
        self.last_body = b""
        last: datetime | None = getattr(self, "_last_request_dt", None)
        if last is not None:
            wait = self.delay_seconds - (datetime.now() - last).total_seconds()
            if wait > 0:
                time.sleep(wait)
        response = self.session.get(url, stream=True)
        self._last_request_dt = datetime.now()
        if response.status_code != 200:
            response.close()
            raise arxiv.HTTPError(url, _try_index, response.status_code)
        self.last_body = read_body(response, url.split("?", 1)[0], self.deadline)
        feed = parse_feed(self.last_body)
        if not feed.results and not first_page:
            raise arxiv.UnexpectedEmptyPageError(url, _try_index, feed)
        return feed


def _optional(text: str | None) -> str | None:
    return one_line(text or "")[:MAX_FIELD] or None


def _iso(when: datetime | None) -> str | None:
    if when is None or when.year <= 1:  # no date, or one the feed could not give (feed.NO_DATE)
        return None
    return when.isoformat()


def _is_error_entry(result: arxiv.Result) -> bool:
    """The old API answered an unknown or malformed ID with an entry titled "Error"."""
    return "/api/errors" in result.entry_id or (one_line(result.title) == "Error" and not result.authors)


def _result_id(result: arxiv.Result) -> ArxivId | None:
    try:
        return parse_arxiv_id(result.get_short_id())
    except BadInput:
        return None


def to_meta(result: arxiv.Result) -> PaperMeta:
    """Map an ``arxiv.Result`` to our :class:`PaperMeta` (ID without version, whitespace collapsed)."""
    parsed = _result_id(result)
    if parsed is not None:
        paper_id, version = parsed.id, parsed.version
    else:  # not an ID we know how to read: keep arXiv's text without a version
        paper_id, version = re.sub(r"v[0-9]+$", "", result.get_short_id()), None
    categories: list[str] = []
    for cat in [result.primary_category, *result.categories][:MAX_CATEGORIES]:
        cat = one_line(cat)[:100]
        if cat and cat not in categories:
            categories.append(cat)
    pdf_url = None if says_withdrawn(result.comment, result.summary) else pdf_link(result)
    authors = [one_line(a.name)[:MAX_FIELD] for a in result.authors[:MAX_AUTHORS]]
    return PaperMeta(
        id=one_line(paper_id),
        version=version,
        title=one_line(result.title)[:MAX_TITLE],
        authors=[a for a in authors if a],
        published=_iso(result.published),
        updated=_iso(result.updated),
        categories=categories,
        abstract=one_line(result.summary)[:MAX_ABSTRACT],
        links=[
            {
                "href": one_line(link.href)[:MAX_FIELD],
                "title": one_line(link.title or ""),
                "rel": one_line(link.rel),
            }
            for link in result.links[:20]
        ],
        pdf_url=pdf_url,
        doi=_optional(result.doi),
        journal_ref=_optional(result.journal_ref),
        comment=_optional(result.comment),
        source="arxiv",
    )


def title_query(title: str) -> str:
    """An arXiv ``ti:"..."`` phrase query for a title, with everything that is query syntax removed."""
    words = re.sub(r"[^\w]+", " ", title).split()
    # Boolean operators are only operators in capitals; lower-casing keeps them as words.
    words = [w.lower() for w in words if w != "_"][:40]
    if not words:
        raise BadInput(f"cannot search arXiv for the title {title[:60]!r}: it has no words")
    return 'ti:"' + " ".join(words) + '"'


class ArxivApi:
    """Ask arXiv about papers: one client per instance, so the request delay holds across calls."""

    def __init__(self, settings: Settings, on_retry: Callable[[str, float], None] | None = None) -> None:
        self.settings = settings
        self.client = _Client(settings)
        self.on_retry = on_retry

    def _run(self, search: arxiv.Search, page_size: int) -> list[arxiv.Result]:
        """All results of a search, retried as a whole under paperkit's policy."""

        where = self.settings.api_url

        def once() -> list[arxiv.Result]:
            self.client.page_size = max(1, min(page_size, PAGE_SIZE))
            found: list[arxiv.Result] = []
            try:
                for result in self.client.results(search):
                    found.append(result)
            except arxiv.UnexpectedEmptyPageError:
                pass  # arXiv promised more than it had: keep what came
            except arxiv.HTTPError as e:
                last = self.client.session.last_response
                retry_after = parse_retry_after(last.headers.get("Retry-After")) if last is not None else None
                if is_retryable_status(e.status):
                    raise Retryable(f"HTTP {e.status}", retry_after) from None
                raise NetworkError(f"arXiv API at {where} refused the query: HTTP {e.status}") from None
            except requests.RequestException as e:
                retryable = retryable_from(e)
                if retryable is None:
                    raise NetworkError(f"arXiv API at {where} failed: {type(e).__name__}") from None
                raise retryable from None
            last = self.client.session.last_response
            if not found and last is not None and b"<feed" not in self.client.last_body[:4096]:
                # A proxy's or portal's HTML page parses as an empty feed; that is no answer from arXiv.
                raise Retryable("the answer is not an Atom feed")
            return found

        return with_retries(once, self.settings, f"arXiv API unreachable at {where}", on_retry=self.on_retry)

    def lookup(self, arxiv_id: ArxivId) -> PaperMeta:
        """The metadata of one paper; :class:`NotFound` when arXiv does not know the ID."""
        answer = self.lookup_many([arxiv_id])[arxiv_id.id]
        if isinstance(answer, PaperkitError):
            raise answer
        return answer

    def lookup_many(self, ids: Iterable[ArxivId]) -> dict[str, PaperMeta | PaperkitError]:
        """Metadata for many papers in as few requests as possible, keyed by ``ArxivId.id``.

        Each value is the paper's metadata, or the error for that ID (:class:`NotFound`, or the
        :class:`NetworkError` of a batch that could not be fetched).
        """
        wanted: dict[str, ArxivId] = {}
        for aid in ids:
            wanted.setdefault(aid.id, aid)
        out: dict[str, PaperMeta | PaperkitError] = {}
        batch = list(wanted.values())
        for start in range(0, len(batch), PAGE_SIZE):
            chunk = batch[start : start + PAGE_SIZE]
            search = arxiv.Search(id_list=[a.versioned for a in chunk], max_results=len(chunk))
            try:
                results = self._run(search, len(chunk))
            except PaperkitError as e:
                out.update({a.id: e for a in chunk})
                continue
            for result in results:
                parsed = _result_id(result)
                if parsed is not None and parsed.id in wanted and not _is_error_entry(result):
                    out.setdefault(parsed.id, to_meta(result))
            for a in chunk:
                out.setdefault(a.id, NotFound(f"arXiv has no paper {a.versioned}"))
        return out

    def search(self, query: str, max_results: int) -> list[PaperMeta]:
        """Papers matching an arXiv query (``all:attention``, ``au:bengio AND ti:rnn``), best first."""
        if not query.strip():
            raise BadInput("empty arXiv search query")
        if max_results < 1:
            raise BadInput(f"max_results must be at least 1, got {max_results}")
        search = arxiv.Search(query=query.strip(), max_results=max_results)
        results = self._run(search, max_results)
        return [to_meta(r) for r in results if not _is_error_entry(r)]

    def search_title(self, title: str, max_results: int = 5) -> list[PaperMeta]:
        """Papers whose title contains ``title`` as a phrase, for resolving a reference by its title."""
        return self.search(title_query(title), max_results)
