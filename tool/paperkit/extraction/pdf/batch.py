"""Extraction of many PDFs on every core: what a batch (``paperkit fetch --offline`` of many papers) needs.

``extract_one`` never raises, so a worker process returns every outcome as a value (a PyMuPDF error
object need not pickle); ``extract_many`` runs it over a process pool and yields results in the order of
the paths. A worker process starts once per core and reads many PDFs, so its import cost is paid once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from paperkit.errors import PaperkitError
from paperkit.records import Sections

Outcome = tuple[Sections | None, str | None]  # (the parts, None) or (None, why the PDF gave nothing)


def extract_one(path: Path | str) -> Outcome:
    """``extract_sections(path)`` as a value: (sections, None), or (None, the error's message)."""
    from paperkit.extraction.pdf import extract_sections

    try:
        return extract_sections(Path(path)), None
    except PaperkitError as exc:
        return None, str(exc)


def workers_for(count: int) -> int:
    """Worker processes for ``count`` PDFs: one per core, no more than PDFs, one at least."""
    return max(1, min(count, os.cpu_count() or 1))


def extract_many(paths: Iterable[Path | str], workers: int | None = None) -> Iterator[tuple[Path, Outcome]]:
    """(path, outcome) for each PDF, in the order given; ``workers`` processes (default: one per core).
    One PDF, or one worker, runs in this process (a pool would only add its start-up)."""
    todo = [Path(p) for p in paths]
    n = workers or workers_for(len(todo))
    if n <= 1 or len(todo) <= 1:
        for p in todo:
            yield p, extract_one(p)
        return
    with ProcessPoolExecutor(max_workers=n) as pool:
        # small chunks keep both cores busy when one PDF is much longer than the rest
        yield from zip(todo, pool.map(extract_one, todo, chunksize=2), strict=True)
