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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from paperkit.atomic import atomic_write
from paperkit.errors import BadInput, LibraryError
from paperkit.records import PaperMeta, Sections, id_of_key

PDF, META, SECTIONS, NOTE = "paper.pdf", "meta.json", "sections.json", "notes.md"
SOURCE = "source.tar.gz"  # the LaTeX source (arXiv's e-print, or a local draft packed), when there is one
REPRODUCTION = "reproduction"

# A key is an arXiv ID without version with "/" turned into "_", or a local PDF's sanitised stem.
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


# What atomic_write, the download and the PDF copy leave behind when the process is killed mid-write.
_TEMP = re.compile(r"^\..+\.(?:tmp|part|copy)$")


def remove_stale_temps(folder: Path) -> None:
    """Delete the temporaries a killed paperkit left in a paper's folder; only call it under the lock."""
    with contextlib.suppress(OSError):
        for p in folder.iterdir():
            if _TEMP.match(p.name) and p.is_file() and not p.is_symlink():
                with contextlib.suppress(OSError):
                    p.unlink()


def write_json(path: Path, data: Any) -> None:
    """Write ``data`` as indented UTF-8 JSON, atomically (:func:`atomic_write`)."""
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


def _fields(data: Any, path: Path) -> dict[str, Any]:
    """A record read from ``path`` must be a JSON object."""
    if not isinstance(data, dict):
        raise LibraryError(f"{path} is unreadable (not a JSON object); run again with --force to rebuild it")
    return data


def _refetch_hint(key: str) -> str:
    """The command that rebuilds a paper's metadata: its arXiv ID again, or its original PDF."""
    from paperkit.access.ids import parse_arxiv_id

    try:
        return f"paperkit fetch --force {parse_arxiv_id(id_of_key(key)).id}"
    except BadInput:
        return "paperkit fetch --force with the paper's original PDF"


def remove_if_empty(folder: Path) -> None:
    """Remove a folder this fetch created when it holds nothing but the lock file."""
    try:
        rest = [p for p in folder.iterdir() if p.name != ".lock"]
        if not rest:
            with contextlib.suppress(FileNotFoundError):
                (folder / ".lock").unlink()
            folder.rmdir()
    except OSError:
        pass


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
                remove_stale_temps(folder)  # every writer holds this lock: what is left is a killed run's
                yield
        except Timeout:
            raise LibraryError(f"{key} is locked by another paperkit; try again when it is done") from None

    # Typed readers and writers for the files of one paper.

    def read_meta(self, key: str) -> PaperMeta:
        """The paper's arXiv metadata (``meta.json``); FileNotFoundError when there is none."""
        path = self.paper_dir(key) / META
        try:
            return PaperMeta.from_dict(_fields(read_json(path), path))
        except (LibraryError, TypeError, ValueError, AttributeError, KeyError):  # broken, or the wrong shape
            # --force on notes would read it again: only a new fetch rewrites the metadata.
            raise LibraryError(f"{path} is unreadable; fetch the paper again: {_refetch_hint(key)}") from None

    def write_meta(self, meta: PaperMeta) -> None:
        """Write ``meta.json`` of the paper the metadata names, atomically."""
        write_json(self.paper_dir(meta.key) / META, meta.to_dict())

    def read_sections(self, key: str) -> Sections:
        """What extraction found in the paper's PDF; FileNotFoundError when it was never extracted."""
        path = self.paper_dir(key) / SECTIONS
        try:
            return Sections.from_dict(_fields(read_json(path), path))
        except (LibraryError, TypeError, ValueError, AttributeError, KeyError):  # broken, or the wrong shape
            raise LibraryError(
                f"{path} is unreadable; extract the PDF again: paperkit notes --force {key}"
            ) from None

    def write_sections(self, key: str, sections: Sections) -> None:
        """Write the paper's ``sections.json``, atomically."""
        write_json(self.paper_dir(key) / SECTIONS, sections.to_dict())
