"""The last recorded reproduction of a paper, read back from ``<key>/reproduction/result.json``.

``paperkit reproduce`` writes the record (:mod:`~paperkit.reproduction.reproduce`); the note, ``paperkit
list`` and
``paperkit reimpls`` read it here, in one place, and treat a missing or unreadable record as none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from paperkit.library.store import REPRODUCTION

RESULT, PLOT = "result.json", "plot.png"


@dataclass
class LastVerdict:
    """What the last reproduction decided, and when."""

    held: bool
    summary: str  # the claim check's one-line account of the measurements
    timestamp: str  # ISO 8601, UTC; "" when the record has none
    budget: str
    plot: Path | None  # the training curves, when they were drawn

    @property
    def when(self) -> str:
        """The timestamp to the minute, for people (``2025-01-31 14:05``); "" when unknown."""
        return self.timestamp[:16].replace("T", " ")

    @property
    def word(self) -> str:
        """``held`` or ``not held``."""
        return "held" if self.held else "not held"


def last_verdict(paper_dir: Path) -> LastVerdict | None:
    """The verdict recorded in a paper's folder, or None when there is no readable record."""
    folder = paper_dir / REPRODUCTION
    try:
        data = json.loads((folder / RESULT).read_text(encoding="utf-8"))
        verdict = data["verdict"]
        return LastVerdict(
            held=bool(verdict["held"]),
            summary=str(verdict.get("summary", "")),
            timestamp=str(data.get("timestamp") or ""),
            budget=str(data.get("budget") or ""),
            plot=folder / PLOT if (folder / PLOT).is_file() else None,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
