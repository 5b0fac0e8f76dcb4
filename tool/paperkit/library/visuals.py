"""A paper's figure and formulas in the library: ``<key>/figures/fig1.png`` and ``<key>/visuals.json``.

The image is written before the record that names it, each atomically, so a reader never finds a record
pointing at a half-written file; a paper without a figure keeps no stale image from an earlier fetch.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from paperkit.errors import LibraryError
from paperkit.library.store import Library, atomic_write, read_json, write_json
from paperkit.records import Visuals

VISUALS = "visuals.json"
FIGURES = "figures"
FIGURE_FILE = f"{FIGURES}/fig1.png"


def write_visuals(library: Library, key: str, visuals: Visuals) -> None:
    """Store the paper's figure (its PNG) and formulas; the caller holds the paper's lock."""
    folder = library.paper_dir(key)
    figure = visuals.figure
    if (folder / FIGURES).is_symlink():  # a link would carry the write out of the library
        figure = visuals.figure = None
    if figure is not None and figure.png:
        atomic_write(folder / FIGURE_FILE, figure.png)
        figure.path = FIGURE_FILE
    elif not (folder / FIGURES).is_symlink():
        with contextlib.suppress(FileNotFoundError):
            (folder / FIGURE_FILE).unlink()
        visuals.figure = None
    write_json(folder / VISUALS, visuals.to_dict())


def remove_visuals(library: Library, key: str) -> None:
    """Forget the paper's figure and formulas (its files could not be read); the caller holds the lock."""
    folder = library.paper_dir(key)
    paths = [folder / VISUALS] + ([] if (folder / FIGURES).is_symlink() else [folder / FIGURE_FILE])
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    with contextlib.suppress(OSError):
        (folder / FIGURES).rmdir()  # only when empty


def read_visuals(library: Library, key: str) -> Visuals:
    """The paper's stored figure and formulas; none when there is no record, or it is broken (the next
    fetch writes it again), or its image is gone."""
    folder = library.paper_dir(key)
    try:
        data = read_json(folder / VISUALS)
        visuals = Visuals.from_dict(data) if isinstance(data, dict) else Visuals()
    except (FileNotFoundError, LibraryError, TypeError, ValueError):
        return Visuals()
    if visuals.figure is not None:
        visuals.figure.path = FIGURE_FILE  # never a path the record names: it could point anywhere
        if (folder / FIGURES).is_symlink() or not _is_file(folder / FIGURE_FILE):
            visuals.figure = None
    return visuals


def _is_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()
