"""An e-print (or a local source) read into memory, safely: never unpacked onto the disk.

arXiv answers ``/e-print/<id>`` with a gzipped tar (the usual case), a gzipped single ``.tex``, a PDF
(a PDF-only submission) or, when something is wrong, an HTML or error page. What it is is decided by
the bytes, not by the name. Only the files a LaTeX reader needs (``.tex`` and friends, ``.bbl``,
``.bib``, arXiv's ``00README``) are kept, as ``{relative path: bytes}``; a member with an absolute path,
``..``, a link or a device is skipped, and reading stops with :class:`SourceError` past
:data:`MAX_UNPACKED_BYTES` decompressed bytes or :data:`MAX_MEMBERS` members (a decompression bomb).
"""

from __future__ import annotations

import gzip
import io
import posixpath
import tarfile
import zlib
from pathlib import Path
from typing import IO

from paperkit.extraction.seam import ExtractionError

MAX_UNPACKED_BYTES = 512 * 1024 * 1024  # the whole decompressed stream, figures included
MAX_KEPT_BYTES = 64 * 1024 * 1024  # the text files kept in memory
MAX_FILE_BYTES = 16 * 1024 * 1024  # one text file
MAX_MEMBERS = 5000
KEPT_SUFFIXES = (".tex", ".ltx", ".latex", ".bbl", ".bib", ".sty", ".cls", ".txt", ".json", ".xxx")

Files = dict[str, bytes]


class SourceError(ExtractionError):
    """The source cannot be read as LaTeX; ``kind`` says why, for the fallback's warning."""

    def __init__(self, message: str, kind: str = "unreadable") -> None:
        super().__init__(message)
        self.kind = kind  # "pdf", "html", "corrupt", "empty", "too-big", "no-main", "unparsable"


class _Capped(io.RawIOBase):
    """A read-only stream that raises once more than ``limit`` bytes have been read through it."""

    def __init__(self, inner: IO[bytes], limit: int) -> None:
        self.inner, self.limit, self.count = inner, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.inner.read(len(buffer))
        self.count += len(data)
        if self.count > self.limit:
            raise SourceError(f"the source unpacks to more than {self.limit} bytes", "too-big")
        buffer[: len(data)] = data
        return len(data)


def kind_of(head: bytes) -> str:
    """What a file is, from its first bytes: "gzip", "tar", "pdf", "html", "tex" or "unknown"."""
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if len(head) > 262 and head[257:262] == b"ustar":
        return "tar"
    stripped = head.lstrip()
    if stripped[:1] == b"<":
        return "html"
    if b"\\" in head and b"\x00" not in head:
        return "tex"
    return "unknown"


def read_source(path: Path) -> Files:
    """The LaTeX files of a source: an e-print file as arXiv serves it, a ``.tex`` file, or a folder."""
    if path.is_dir():
        return _read_folder(path)
    try:
        with path.open("rb") as f:
            head = f.read(512)
            f.seek(0)
            kind = kind_of(head)
            if kind == "gzip":
                return _read_gzip(f, path.name)
            if kind == "tar":
                return _read_tar(io.BufferedReader(_Capped(f, MAX_UNPACKED_BYTES)))
            if kind == "tex":
                return {_single_name(path.name): f.read(MAX_FILE_BYTES)}
    except OSError as e:
        raise SourceError(f"cannot read {path.name}: {e.strerror or e}", "corrupt") from None
    if kind == "pdf":
        raise SourceError("the e-print is a PDF (no LaTeX source was submitted)", "pdf")
    if kind == "html":
        raise SourceError("the e-print is an HTML page, not a source", "html")
    raise SourceError("the e-print is neither a tar, a gzip nor TeX", "corrupt")


def _single_name(name: str) -> str:
    stem = name.split(".")[0] or "main"
    return f"{stem}.tex"


def _gunzip(raw: bytes) -> bytes:
    """The whole gzip stream decompressed in memory (in C, at once), refused past the cap."""
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflate.decompress(raw, MAX_UNPACKED_BYTES + 1)
    except zlib.error as e:
        raise SourceError(f"the e-print is a corrupt gzip ({e})", "corrupt") from None
    if len(data) > MAX_UNPACKED_BYTES or inflate.unconsumed_tail:
        raise SourceError(f"the source unpacks to more than {MAX_UNPACKED_BYTES} bytes", "too-big")
    return data  # a truncated stream gives what it holds: the tar reader keeps what it can read


def _read_gzip(f: IO[bytes], name: str) -> Files:
    raw = f.read(MAX_UNPACKED_BYTES + 1)
    if len(raw) > MAX_UNPACKED_BYTES:
        raise SourceError(f"the e-print is larger than {MAX_UNPACKED_BYTES} bytes", "too-big")
    data = _gunzip(raw)
    if len(data) > 262 and data[257:262] == b"ustar":
        return _read_tar(io.BytesIO(data), seekable=True)
    if not data:
        raise SourceError("the e-print is a corrupt gzip (empty)", "corrupt")
    body = data[: MAX_FILE_BYTES + 1]
    kind = kind_of(body[:512])
    if kind == "pdf":
        raise SourceError("the e-print is a gzipped PDF (no LaTeX source was submitted)", "pdf")
    if kind != "tex" or len(data) > MAX_FILE_BYTES:
        raise SourceError("the e-print's gzip holds neither a tar nor TeX", "corrupt")
    return {_single_name(name): body}


def safe_name(name: str) -> str | None:
    """A member name made relative and normalised; None for one that is absolute or climbs out."""
    name = name.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    norm = posixpath.normpath(name)
    if norm in (".", "") or norm.startswith("../") or norm == "..":
        return None
    return norm


def _read_tar(stream: IO[bytes], seekable: bool = False) -> Files:
    files: Files = {}
    kept = members = 0
    try:
        # In memory, the reader seeks past members it skips (figures) instead of reading them.
        with tarfile.open(fileobj=stream, mode="r:" if seekable else "r|") as tar:
            for member in tar:
                members += 1
                if members > MAX_MEMBERS:
                    raise SourceError(f"the source has more than {MAX_MEMBERS} files", "too-big")
                if not member.isreg():
                    continue  # links, devices, folders: nothing to read, nothing to follow
                name = safe_name(member.name)
                if name is None or (
                    not name.lower().endswith(KEPT_SUFFIXES) and "00readme" not in name.lower()
                ):
                    continue
                if member.size > MAX_FILE_BYTES or kept + member.size > MAX_KEPT_BYTES:
                    continue
                handle = tar.extractfile(member)
                if handle is None:
                    continue
                data = handle.read(MAX_FILE_BYTES + 1)
                kept += len(data)
                files[name] = data
    except SourceError:
        raise
    except (tarfile.TarError, OSError, EOFError, zlib.error) as e:
        if not files:
            raise SourceError(f"the e-print is a corrupt archive ({e})", "corrupt") from None
    if not files:
        raise SourceError("the e-print holds no TeX files", "empty")
    return files


def _read_folder(root: Path) -> Files:
    files: Files = {}
    kept = count = 0
    for path in sorted(root.rglob("*")):
        count += 1
        if count > MAX_MEMBERS:
            raise SourceError(f"{root} has more than {MAX_MEMBERS} files", "too-big")
        if path.is_symlink() or not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        if not rel.lower().endswith(KEPT_SUFFIXES) and "00readme" not in rel.lower():
            continue
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES or kept + size > MAX_KEPT_BYTES:
                continue
            files[rel] = path.read_bytes()
        except OSError:
            continue
        kept += size
    if not files:
        raise SourceError(f"{root} holds no TeX files", "empty")
    return files


def decode(data: bytes) -> str:
    """A TeX file's text: UTF-8, else Latin-1 (older sources)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def pack(files: Files) -> bytes:
    """The files as a gzipped tar (how a local source is kept in the library, like an e-print)."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as gz, tarfile.open(fileobj=gz, mode="w") as tar:
        for name in sorted(files):
            info = tarfile.TarInfo(name)
            info.size = len(files[name])
            tar.addfile(info, io.BytesIO(files[name]))
    return out.getvalue()
