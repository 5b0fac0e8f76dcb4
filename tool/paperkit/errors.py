"""The errors paperkit raises on purpose.

Every failure a person can cause or meet (bad input, the network, a broken PDF) is one of these; the CLI
turns them into a one-line message and the exit code below, in one place. Anything else is a bug.
"""

from __future__ import annotations

import errno


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


class PdfMissing(DownloadError):
    """The server answered 404 for the PDF: arXiv has none for this paper (withdrawn)."""


class PdfError(PaperkitError):
    """A PDF cannot be read (corrupt, encrypted, no pages)."""


class LibraryError(PaperkitError):
    """The library on disk is unusable (not a directory, unwritable, corrupt JSON)."""


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: raised like Ctrl-C's KeyboardInterrupt, so the same cleanup runs
    (temporaries removed, locks released), and the CLI exits 128 + the signal's number."""

    def __init__(self, signum: int, name: str) -> None:
        super().__init__(name)
        self.signum = signum
        self.name = name


# What a person can do about each state of the filesystem paperkit may meet.
_WAY_OUT = {
    errno.EISDIR: "a folder stands where paperkit keeps a file: move it away and run again",
    errno.ENOTDIR: "a file stands where paperkit keeps a folder: move it away and run again",
    errno.EEXIST: "something else stands there: move it away and run again",
    errno.EACCES: "paperkit may not write there: fix the permissions, or choose another --library",
    errno.EPERM: "paperkit may not write there: fix the permissions, or choose another --library",
    errno.EROFS: "the library is on a read-only file system: choose another --library",
    errno.ENOSPC: "the disk is full (no space or no inodes left): free some and run again",
    errno.EDQUOT: "the disk quota is used up: free some space and run again",
    errno.ENAMETOOLONG: "the path is too long: choose a shorter --library",
    errno.ELOOP: "a symbolic link there loops: remove it and run again",
    errno.EMFILE: "too many files are open: close some programs and run again",
    errno.EIO: "the disk reported an I/O error: check it, then run again",
}


def filesystem_error(e: OSError, path: object = None, verb: str = "use") -> LibraryError | None:
    """The one line for an ``OSError`` from the filesystem: the path, what went wrong, what to do.

    None when ``e`` is not about the filesystem (no errno: a library's own error) and so is a bug to report.
    """
    if e.errno is None:
        return None
    where = path if path is not None else e.filename
    what = e.strerror or errno.errorcode.get(e.errno, str(e.errno))
    way_out = _WAY_OUT.get(e.errno, "check the path and run again")
    return LibraryError(
        f"cannot {verb} {where if where is not None else 'a file in the library'}: {what}; {way_out}"
    )
