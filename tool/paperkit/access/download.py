"""Download a PDF (or an e-print) whole or not at all.

The body streams into a temporary file beside ``dest`` and is renamed onto it only once it is known to be
a complete PDF: it starts with ``%PDF-``, has the length the server announced, and ends with ``%%EOF``.
Whatever goes wrong (the network, a server sending HTML, a file without end, Ctrl-C), ``dest`` keeps
what it had and no temporary file is left behind.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import requests

from paperkit import __version__
from paperkit.access.retry import (
    Retryable,
    check_status,
    describe_request_error,
    retryable_from,
    with_retries,
)
from paperkit.atomic import replacing
from paperkit.config import Settings
from paperkit.errors import DownloadError, PdfMissing, filesystem_error

MAX_PDF_BYTES = 100 * 1024 * 1024  # no paper is this big; a server sending more is broken
# A server may dribble a byte just inside every read timeout; the whole download still ends.
MAX_DOWNLOAD_SECONDS = 1800.0
MAX_REDIRECTS = 10
CHUNK = 64 * 1024
EOF_WINDOW = 1024  # the PDF spec puts %%EOF within the last 1024 bytes
USER_AGENT = f"paperkit/{__version__}"

Progress = Callable[[int, int | None], None]


def _content_length(response: requests.Response) -> int | None:
    raw = response.headers.get("Content-Length")
    if raw is None or not raw.strip().isdigit():
        return None
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    # A compressed body's length says nothing about the bytes we write.
    return int(raw) if encoding in ("", "identity") else None


def _a(what: str) -> str:
    return f"an {what}" if what[:1] in "aeiou" else f"a {what}"


def _looks_like_html(head: bytes) -> bool:
    # Error pages, captchas and "please wait" pages are markup; a PDF never starts with "<".
    return head.lstrip().startswith(b"<")


def _fetch_once(
    url: str,
    tmp: Path,
    settings: Settings,
    progress: Progress | None,
    max_bytes: int,
    deadline: float,
    what: str = "PDF",
) -> int:
    """One attempt: stream ``url`` into ``tmp`` and check it; returns the size."""
    timeout = max(settings.timeout, 0.1)
    with requests.Session() as session:
        session.max_redirects = MAX_REDIRECTS
        headers = {"User-Agent": USER_AGENT, "Accept": "application/pdf", "Accept-Encoding": "identity"}
        try:
            response = session.get(url, headers=headers, stream=True, timeout=(timeout, timeout))
        except requests.TooManyRedirects:
            raise DownloadError(f"redirect loop at {url} (more than {MAX_REDIRECTS} redirects)") from None
        except requests.RequestException as e:
            retryable = retryable_from(e)
            if retryable is None:
                raise DownloadError(f"cannot download {url}: {describe_request_error(e)}") from None
            raise retryable from None
        with response:
            check_status(response)
            if response.status_code == 404:
                raise PdfMissing(f"no {what} at {url} (HTTP 404)")
            if response.status_code != 200:
                raise DownloadError(f"cannot download {url}: HTTP {response.status_code}")
            total = _content_length(response)
            if total is not None and total > max_bytes:
                raise DownloadError(
                    f"{url} is {total} bytes, more than the {max_bytes}-byte limit for a {what}"
                )
            return _stream(response, url, tmp, progress, max_bytes, total, deadline, what)


def _stream(
    response: requests.Response,
    url: str,
    tmp: Path,
    progress: Progress | None,
    max_bytes: int,
    total: int | None,
    deadline: float,
    what: str = "PDF",
) -> int:
    pdf = what == "PDF"  # an e-print may be a tar, a gzip or a PDF: only HTML is refused up front
    started = time.monotonic()
    size = 0
    head = b""
    tail = b""
    with open(tmp, "wb") as f:
        try:
            for chunk in response.iter_content(CHUNK):
                if not chunk:
                    continue
                if len(head) < 5:
                    head += chunk[:16]
                    if len(head) >= 5 and not head.startswith(b"%PDF-"):
                        if _looks_like_html(head + chunk[16:256]):
                            raise DownloadError(f"server sent HTML, not {_a(what)} ({url})")
                        if pdf:
                            raise DownloadError(f"server sent something that is not a PDF ({url})")
                if time.monotonic() - started > deadline:
                    raise DownloadError(f"{url} was still sending after {deadline:.0f} s; giving up")
                size += len(chunk)
                if size > max_bytes:
                    raise DownloadError(f"{url} sent more than {max_bytes} bytes; no {what} is that big")
                f.write(chunk)
                tail = (tail + chunk)[-EOF_WINDOW:]
                if progress is not None:
                    progress(size, total)
        except requests.RequestException as e:
            # The connection dropped mid-body; urllib3 reports a short body this way too.
            if isinstance(e, requests.exceptions.ChunkedEncodingError):
                expected = f"all {total} bytes" if total is not None else f"the end of the {what}"
                raise Retryable(f"truncated: the connection closed before {expected} arrived") from None
            raise Retryable(f"{describe_request_error(e)} after {size} bytes") from None
        f.flush()
        os.fsync(f.fileno())
    if size < 5:
        raise DownloadError(f"server sent {size} bytes, not {_a(what)} ({url})")
    if total is not None and size != total:
        raise Retryable(f"truncated (got {size} of {total} bytes)")
    if pdf and b"%%EOF" not in tail:
        raise DownloadError(f"the PDF from {url} is truncated: it has no %%EOF at its end ({size} bytes)")
    return size


def download_pdf(
    url: str,
    dest: Path,
    settings: Settings,
    progress: Progress | None = None,
    max_bytes: int = MAX_PDF_BYTES,
    deadline: float = MAX_DOWNLOAD_SECONDS,
) -> int:
    """Download the PDF at ``url`` to ``dest`` atomically and return its size in bytes.

    ``progress(bytes_so_far, total_or_None)`` is called as the bytes arrive (from 0 again on a retry).
    Transient failures are retried under :mod:`paperkit.access.retry`'s policy; a 404, HTML, an oversized or
    truncated body raise :class:`DownloadError` and leave ``dest`` untouched.
    """
    return _download(url, dest, settings, progress, max_bytes, deadline, "PDF")


def download_eprint(
    url: str,
    dest: Path,
    settings: Settings,
    progress: Progress | None = None,
    max_bytes: int = MAX_PDF_BYTES,
    deadline: float = MAX_DOWNLOAD_SECONDS,
) -> int:
    """Download an e-print (``/e-print/<id>``: a tar, a gzip or a PDF) like :func:`download_pdf`: the same
    retries, timeouts and size cap; HTML and a 404 raise :class:`DownloadError`; what the bytes are is
    left to the reader (:mod:`paperkit.extraction.latex.archive`)."""
    return _download(url, dest, settings, progress, max_bytes, deadline, "e-print")


def _download(
    url: str,
    dest: Path,
    settings: Settings,
    progress: Progress | None,
    max_bytes: int,
    deadline: float,
    what: str,
) -> int:
    def attempt() -> int:
        try:
            with replacing(dest, suffix="part") as tmp:
                return _fetch_once(url, tmp, settings, progress, max_bytes, deadline, what)
        except OSError as e:
            if isinstance(e, requests.RequestException):
                raise
            # The disk (full, read-only), not the network: no retry, and no "internal error".
            raise filesystem_error(e, dest, "write") or e from None

    return with_retries(attempt, settings, f"download of {url} failed", error=DownloadError)
