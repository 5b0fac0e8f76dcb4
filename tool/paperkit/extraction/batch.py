"""Reading a batch of papers on every core: what ``paperkit fetch`` of many files on disk needs.

The pipeline writes notes one paper at a time under each paper's lock; the reading (the costly part) of
the papers whose files are already on disk can start at once for all of them, in a process pool, one
worker per core. :class:`ReadAhead` starts those reads and hands each result over when the pipeline
asks for it; a paper the pool could not read is read again in the pipeline, which reports why.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from types import TracebackType

from paperkit.extraction import ExtractionError, PaperFiles, read_paper
from paperkit.extraction.visuals import visuals_of
from paperkit.records import Sections, Visuals


@dataclass(frozen=True)
class Job:
    """One paper's files, the route choice to read them with, and whether to look for its figure."""

    files: PaperFiles
    choice: str = "auto"
    figures: bool = True


@dataclass
class Read:
    """What reading a paper gives: its sections and what it shows (figure, formulas)."""

    sections: Sections
    visuals: Visuals


def read(job: Job) -> Read:
    """Read a paper whole: :func:`read_paper`, then its figure and formulas from the same files;
    :class:`ExtractionError` when no route reads them."""
    sections = read_paper(job.files, job.choice)
    return Read(sections, visuals_of(job.files, sections, job.figures))


def read_job(job: Job) -> Read | None:
    """:func:`read` in a worker: None when the files cannot be read (the pipeline reads them again to
    report why)."""
    try:
        return read(job)
    except ExtractionError:
        return None


def workers_for(count: int) -> int:
    """Worker processes for ``count`` papers: one per core, no more than papers."""
    return max(1, min(count, os.cpu_count() or 1))


class ReadAhead:
    """Reads ``jobs`` in a process pool from the moment it is entered; :meth:`take` hands results over.

    Fewer than two jobs, or one core, start no pool (it would only add its start-up): :meth:`take` then
    returns None and the pipeline reads the paper itself.
    """

    def __init__(self, jobs: list[Job], workers: int | None = None) -> None:
        self.jobs = list(dict.fromkeys(jobs))
        self.workers = workers or workers_for(len(self.jobs))
        self._pool: ProcessPoolExecutor | None = None
        self._pending: dict[Job, Future[Read | None]] = {}

    def __enter__(self) -> ReadAhead:
        if len(self.jobs) >= 2 and self.workers >= 2:
            self._pool = ProcessPoolExecutor(max_workers=self.workers)
            self._pending = {job: self._pool.submit(read_job, job) for job in self.jobs}
        return self

    def take(self, job: Job) -> Read | None:
        """What was read ahead for ``job`` (once), or None when it was not read ahead or failed."""
        future = self._pending.pop(job, None)
        if future is None:
            return None
        try:
            return future.result()
        except Exception:  # a worker that died (out of memory, a crash in PyMuPDF): read it here
            return None

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._pool is not None:
            # interrupted or done: what was not taken is not needed
            self._pool.shutdown(wait=kind is None, cancel_futures=True)
            self._pool = None
        self._pending.clear()
