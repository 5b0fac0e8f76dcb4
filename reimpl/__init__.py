"""Minimal reimplementations of papers' core ideas, one folder per paper.

Each folder ``reimpl/<name>/`` holds:

- ``__init__.py`` declaring ``PAPER = Paper(...)`` (arXiv ID, title, claim; no torch import here, so that
  listing reimplementations stays fast),
- ``model.py``: the idea itself, small, with the paper's equations beside the code,
- ``experiment.py``: ``run(budget, seed, device, progress) -> RunResult`` (toy data, training, evaluation),
- ``claim.py``: ``check(results: list[RunResult]) -> Verdict``, the paper's claim and the check deciding it.

Shared helpers (device, seeding, the run wrapper ``Session``, training loop, result record) live in
:mod:`reimpl.harness`; the budgets are listed here, once.
The registry (:mod:`paperkit.reproduction.registry`) is built by scanning these folders for ``PAPER``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Budget = Literal["ci", "quick", "full"]
BUDGETS: tuple[Budget, ...] = ("ci", "quick", "full")  # every experiment's CONFIGS has these keys


@dataclass(frozen=True)
class Paper:
    """What a reimplementation declares about the paper it reimplements."""

    arxiv_id: str  # without version
    title: str
    claim: str  # the paper's claim in our own words, one line, as checked at toy scale
    toy: str = ""  # the toy task, one line, saying what was scaled down
    metric: str = ""  # what is measured
    margin: str = ""  # the margin the check demands, in words
