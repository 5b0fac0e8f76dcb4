"""The errors paperkit raises on purpose.

Every failure a person can cause or meet (bad input, the network, a broken PDF) is one of these; the CLI
turns them into a one-line message and the exit code below, in one place. Anything else is a bug.
"""

from __future__ import annotations


class PaperkitError(Exception):
    """Base class: a failure with a one-line, human-readable message."""

    exit_code = 1


class BadInput(PaperkitError):
    """The input cannot be used as given (malformed ID, unknown reimplementation, bad option)."""

    exit_code = 2


class NotFound(PaperkitError):
    """arXiv (or the library) has no such paper."""


class NetworkError(PaperkitError):
    """arXiv could not be reached, or kept failing after the retries."""


class DownloadError(NetworkError):
    """A download failed or did not yield a PDF (HTML, truncated, too large)."""


class PdfError(PaperkitError):
    """A PDF cannot be read (corrupt, encrypted, no pages)."""


class LibraryError(PaperkitError):
    """The library on disk is unusable (not a directory, unwritable, corrupt JSON)."""
