"""What became of each paper of a batch, how a batch ends (its exit status), and how progress is told.

The pipeline (:mod:`paperkit.pipeline.fetch`) records a :class:`FetchOutcome` per input and tells a
:class:`Reporter` what it is doing; the CLI implements the reporter and turns :func:`exit_code` into the
process's status. Batch policy lives here, once: a bad item is recorded and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from paperkit.errors import PaperkitError, filesystem_error
from paperkit.library.store import META, NOTE, PDF, SECTIONS

Status = Literal["fetched", "updated", "failed"]


@dataclass
class FetchOutcome:
    """What became of one input."""

    input: str
    status: Status
    key: str | None = None
    folder: Path | None = None
    title: str | None = None
    message: str = ""  # the error, for a failed item
    exit_code: int = 0  # the error's exit code, for a failed item
    warnings: list[str] = field(default_factory=list)
    downloaded: bool = False
    partial: bool = False  # the note was written from the metadata alone: no readable PDF

    def to_dict(self) -> dict[str, object]:
        """The outcome as ``fetch --json`` prints it, with the paper's files that exist."""
        names = (PDF, META, SECTIONS, NOTE)
        folder = self.folder
        files = {n: str(folder / n) for n in names if (folder / n).exists()} if folder else {}
        return {
            "input": self.input,
            "status": self.status,
            "key": self.key,
            "title": self.title,
            "folder": str(folder) if folder else None,
            "files": files,
            "downloaded": self.downloaded,
            "warnings": self.warnings,
            "error": self.message or None,
        }


def exit_code(outcomes: list[FetchOutcome]) -> int:
    """The batch's exit status: 2 when every failure was bad input, 1 for any other failure, 3 when every
    paper was fetched but some PDF could not be read, else 0."""
    failed = [o for o in outcomes if o.status == "failed"]
    if failed:
        return 2 if all(o.exit_code == 2 for o in failed) else 1
    return 3 if any(o.partial for o in outcomes) else 0


class Reporter(Protocol):
    """How fetch tells the person what is going on (the CLI prints; tests may record)."""

    def start(self, item: str, index: int, total: int) -> None: ...
    def download(self, done: int, total: int | None) -> None: ...
    def warn(self, message: str) -> None: ...
    def done(self, outcome: FetchOutcome) -> None: ...


class Silent:
    """A reporter that says nothing."""

    def start(self, item: str, index: int, total: int) -> None:
        pass

    def download(self, done: int, total: int | None) -> None:
        pass

    def warn(self, message: str) -> None:
        pass

    def done(self, outcome: FetchOutcome) -> None:
        pass


def guarded(item: str, work: Callable[[], FetchOutcome]) -> FetchOutcome:
    """Run one item's work; paperkit's own errors, and the filesystem's (a folder where a file belongs, a
    read-only or full disk), become a failed outcome with one line, so the batch goes on."""
    try:
        return work()
    except PaperkitError as e:
        return FetchOutcome(input=item, status="failed", message=str(e), exit_code=e.exit_code)
    except OSError as e:
        failure = filesystem_error(e)
        if failure is None:  # not the filesystem: a bug, for the CLI to report
            raise
        return FetchOutcome(input=item, status="failed", message=str(failure), exit_code=failure.exit_code)
