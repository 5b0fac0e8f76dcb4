"""Files written whole or not at all: the one way paperkit writes a file.

Every write goes to a temporary file beside its target and is renamed over it, so a reader sees the old
file or the new one, never half of either, and a write that fails (a full disk, Ctrl-C) leaves the old
file untouched and no temporary behind. Temporaries are named ``.<name>.<random>.<suffix>`` so that the
library can sweep up what a killed process left (``library.store.remove_stale_temps``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from paperkit.errors import filesystem_error


def make_readable(path: str | Path) -> None:
    """Give a ``mkstemp`` file (private, 0600) the mode a plain ``open()`` would have given it."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


@contextlib.contextmanager
def replacing(path: Path, suffix: str = "tmp", exclusive: bool = False) -> Iterator[Path]:
    """A temporary file beside ``path`` to fill; when the block ends cleanly it becomes ``path``.

    ``exclusive``: never replace an existing ``path`` (``FileExistsError``). An error in the block, or in
    the rename, removes the temporary; an ``OSError`` of the file system becomes a one-line
    :class:`~paperkit.errors.LibraryError` naming the file.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".{suffix}", dir=path.parent)
    except OSError as e:
        raise filesystem_error(e, path, "write") or e from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        make_readable(tmp)
        if exclusive:
            _link_new(tmp, path)
        else:
            os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _link_new(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)  # atomic, and refuses an existing target
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: exclusive creation still never overwrites
        with open(path, "xb") as out, open(tmp, "rb") as f:
            shutil.copyfileobj(f, out)


def atomic_write(path: Path, data: bytes | str, exclusive: bool = False) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` whole or not at all (see :func:`replacing`)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with replacing(path, exclusive=exclusive) as tmp, open(tmp, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
    except FileExistsError:
        raise
    except OSError as e:  # disk full, read-only, quota: the library's problem, not a bug
        raise filesystem_error(e, path, "write") or e from None


def copy_atomic(src: Path, dest: Path) -> None:
    """Copy ``src`` to ``dest``: ``dest`` is whole or untouched."""
    try:
        with replacing(dest, suffix="copy") as tmp:
            shutil.copyfile(src, tmp)
    except OSError as e:
        raise filesystem_error(e, dest, "write") or e from None
