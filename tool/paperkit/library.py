"""The library on disk: one folder per paper, files written whole or not at all.

Layout (other tools read it, keep the names)::

    <library>/<key>/paper.pdf       the PDF as downloaded
    <library>/<key>/meta.json       PaperMeta
    <library>/<key>/sections.json   Sections
    <library>/<key>/notes.md        the study note
    <library>/<key>/reproduction/   result.json and plot.png of the last reproduction
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from paperkit.errors import BadInput, LibraryError
from paperkit.model import PaperMeta, Sections

PDF, META, SECTIONS, NOTE = "paper.pdf", "meta.json", "sections.json", "notes.md"
REPRODUCTION = "reproduction"

# A key is an arXiv ID without version with "/" turned into "_", or a local PDF's sanitised stem.
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A reader sees the old file or the new one, never half of either; a failed write (disk full) leaves
    the old file untouched and no temporary behind.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_json(path: Path, data: Any) -> None:
    atomic_write(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def read_json(path: Path) -> Any:
    """Read a JSON file of the library; a broken one is a :class:`LibraryError` naming the way out."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise LibraryError(
            f"{path} is unreadable ({type(e).__name__}); run again with --force to rebuild it"
        ) from None


@dataclass(frozen=True)
class Library:
    """A library folder. Every path it hands out lies inside ``root``."""

    root: Path

    def check(self) -> None:
        """Fail early and clearly when the library cannot be used."""
        if self.root.exists() and not self.root.is_dir():
            raise LibraryError(f"library {self.root} exists and is not a directory")
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise LibraryError(f"cannot create library {self.root}: {e.strerror or e}") from None
        if not os.access(self.root, os.W_OK | os.X_OK):
            raise LibraryError(f"library {self.root} is not writable")

    def paper_dir(self, key: str) -> Path:
        """The folder of one paper; a key that could leave the library is refused."""
        if not _KEY.match(key) or ".." in key:
            raise BadInput(f"not a valid library key: {key!r}")
        root = self.root.resolve()
        path = root / key
        # A key folder that is a symlink pointing elsewhere would let writes escape the library.
        if path.is_symlink() or (path.exists() and path.resolve().parent != root):
            raise LibraryError(f"{path} points outside the library; remove it and try again")
        return path

    def paper_keys(self) -> list[str]:
        """The keys of the papers in the library (folders holding a meta.json), sorted."""
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if (p / META).is_file() and _KEY.match(p.name))

    @contextlib.contextmanager
    def lock(self, key: str, timeout: float = 600.0) -> Iterator[None]:
        """Hold the paper's lock: a second paperkit working on the same paper waits here."""
        folder = self.paper_dir(key)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            with FileLock(str(folder / ".lock"), timeout=timeout):
                yield
        except Timeout:
            raise LibraryError(f"{key} is locked by another paperkit; try again when it is done") from None

    # Typed readers and writers for the files of one paper.

    def read_meta(self, key: str) -> PaperMeta:
        return PaperMeta.from_dict(read_json(self.paper_dir(key) / META))

    def write_meta(self, meta: PaperMeta) -> None:
        write_json(self.paper_dir(meta.key) / META, meta.to_dict())

    def read_sections(self, key: str) -> Sections:
        return Sections.from_dict(read_json(self.paper_dir(key) / SECTIONS))

    def write_sections(self, key: str, sections: Sections) -> None:
        write_json(self.paper_dir(key) / SECTIONS, sections.to_dict())
