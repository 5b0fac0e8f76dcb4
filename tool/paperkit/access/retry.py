"""One retry policy for everything paperkit asks of the network (the arXiv API and PDF downloads).

A failure worth another try (HTTP 429 or 5xx, a refused or dropped connection, a timeout) is raised as
:class:`Retryable` by the function being retried; anything else passes straight through. Between tries we
wait ``settings.backoff`` seconds doubling each time, plus jitter so that many clients do not return in
step, or what the server's ``Retry-After`` asks (capped). After the last try the caller's error class is
raised with one line: what failed, after how many tries, and the last reason.
"""

from __future__ import annotations

import email.utils
import random
import re
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TypeVar

import requests
import tenacity

from paperkit.config import Settings
from paperkit.errors import NetworkError

T = TypeVar("T")

MAX_RETRY_AFTER = 60.0  # seconds: a server asking for longer is waited on this long, not more
MAX_BACKOFF = 60.0  # seconds: the longest computed wait between two tries


class Retryable(Exception):
    """A failure that another try may cure; ``reason`` is a short phrase such as ``HTTP 503``."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def is_retryable_status(status: int) -> bool:
    """HTTP statuses that say "not now" rather than "never": 408, 429 and the 5xx family."""
    return status in (408, 429) or 500 <= status <= 599


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date); None if absent/bad."""
    if value is None:
        return None
    value = value.strip()
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    current = datetime.now(timezone.utc).timestamp() if now is None else now
    return max(0.0, when.timestamp() - current)


def describe_request_error(error: requests.RequestException) -> str:
    """A short phrase for a connection failure, without urllib3's nested reprs."""
    text = str(error)
    # A read timeout in the middle of a body arrives as a ConnectionError wrapping urllib3's error.
    if isinstance(error, requests.Timeout) or "timed out" in text:
        return "timed out"
    errno = re.search(r"\[Errno -?\d+\] ([^'\")]+)", text)
    if errno:
        return errno.group(1).strip().rstrip(".").lower()
    if "RemoteDisconnected" in text or "Connection aborted" in text:
        return "connection closed by the server"
    return type(error).__name__


def retryable_from(error: requests.RequestException) -> Retryable | None:
    """The :class:`Retryable` for a transient ``requests`` failure, None for a permanent one."""
    if isinstance(error, requests.TooManyRedirects | requests.exceptions.InvalidURL):
        return None
    if isinstance(error, requests.Timeout | requests.ConnectionError):
        return Retryable(describe_request_error(error))
    if isinstance(error, requests.exceptions.ChunkedEncodingError):
        return Retryable("connection broken mid-response")
    return None


def check_status(response: requests.Response) -> None:
    """Raise :class:`Retryable` for a transient error status (with its Retry-After), else return."""
    if is_retryable_status(response.status_code):
        raise Retryable(
            f"HTTP {response.status_code}", parse_retry_after(response.headers.get("Retry-After"))
        )


def backoff_seconds(attempt: int, base: float) -> float:
    """The wait after failed try ``attempt`` (1-based): ``base`` doubling each time, plus up to ``base``
    of jitter, capped at :data:`MAX_BACKOFF`."""
    return min(base * 2 ** (attempt - 1), MAX_BACKOFF) + random.uniform(0, base)


def _plural(n: int) -> str:
    return f"{n} try" if n == 1 else f"{n} tries"


def with_retries(
    func: Callable[[], T],
    settings: Settings,
    what: str,
    error: type[NetworkError] = NetworkError,
    on_retry: Callable[[str, float], None] | None = None,
) -> T:
    """Call ``func`` up to ``settings.retries`` times while it raises :class:`Retryable`.

    ``what`` starts the final message, e.g. ``"arXiv API unreachable at URL"`` gives
    ``"arXiv API unreachable at URL after 4 tries: HTTP 503"``. ``on_retry(reason, seconds)`` is told of
    each wait, for a progress line.
    """
    attempts = max(1, settings.retries)

    def wait(state: tenacity.RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, Retryable) and exc.retry_after is not None:
            return min(exc.retry_after, MAX_RETRY_AFTER)
        return backoff_seconds(state.attempt_number, settings.backoff)

    def before_sleep(state: tenacity.RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        if on_retry is not None and isinstance(exc, Retryable):
            on_retry(exc.reason, state.upcoming_sleep)

    retrying = tenacity.Retrying(
        stop=tenacity.stop_after_attempt(attempts),
        wait=wait,
        retry=tenacity.retry_if_exception_type(Retryable),
        before_sleep=before_sleep,
        sleep=time.sleep,
        reraise=True,
    )
    try:
        return retrying(func)
    except Retryable as e:
        raise error(f"{what} after {_plural(attempts)}: {e.reason}") from None
