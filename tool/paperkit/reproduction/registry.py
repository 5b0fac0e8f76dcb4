"""The registry of reimplementations, found by scanning the ``reimpl`` package for ``PAPER``.

There is no hand-kept list: a folder ``reimpl/<name>/`` whose ``__init__.py`` declares ``PAPER = Paper(...)``
is a reimplementation. Listing imports only those ``__init__`` modules (no torch); ``Reimpl.run`` and
``Reimpl.check`` import ``experiment`` and ``claim`` when first called.
"""

from __future__ import annotations

import importlib
import pkgutil
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reimpl import Paper

from paperkit.access.ids import normalise_id

if TYPE_CHECKING:
    import torch
    from reimpl.harness import Progress, RunResult, Verdict


class RegistryWarning(UserWarning):
    """A folder under ``reimpl/`` looks like a reimplementation but cannot be used."""


@dataclass(frozen=True)
class Reimpl:
    """One reimplementation: its folder name, what it declares, and where its modules are."""

    name: str  # the folder name, e.g. "scheduled_sampling"
    paper: Paper
    folder: Path
    package: str  # "reimpl.scheduled_sampling"

    @property
    def experiment_module(self) -> str:
        """The module with ``run(budget, seed, device, progress)``."""
        return f"{self.package}.experiment"

    @property
    def claim_module(self) -> str:
        """The module with ``check(results) -> Verdict``."""
        return f"{self.package}.claim"

    def run(
        self, budget: str, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
    ) -> RunResult:
        """Train and evaluate every arm of the experiment for one seed (imports torch on first use)."""
        experiment = importlib.import_module(self.experiment_module)
        result: RunResult = experiment.run(budget, seed, device, progress, **overrides)
        return result

    def check(self, results: list[RunResult]) -> Verdict:
        """Decide the paper's claim on the results of one or more seeds."""
        claim = importlib.import_module(self.claim_module)
        verdict: Verdict = claim.check(results)
        return verdict


def _load(name: str) -> Reimpl | None:
    """The reimplementation in ``reimpl/<name>``, or None (with a warning when it is broken)."""
    package = f"reimpl.{name}"
    try:
        module = importlib.import_module(package)
    except Exception as e:  # a broken folder must not take the registry down
        warnings.warn(
            f"skipping {package}: importing it failed ({type(e).__name__}: {e})", RegistryWarning, 2
        )
        return None
    paper = getattr(module, "PAPER", None)
    if paper is None:
        return None  # a helper package, not a reimplementation
    if not isinstance(paper, Paper) or not isinstance(paper.arxiv_id, str) or not paper.arxiv_id.strip():
        warnings.warn(f"skipping {package}: PAPER is not a Paper with an arXiv ID", RegistryWarning, 2)
        return None
    folder = Path(module.__file__).parent if module.__file__ else Path(*package.split("."))
    return Reimpl(name=name, paper=paper, folder=folder, package=package)


@lru_cache(maxsize=1)
def _scan() -> tuple[Reimpl, ...]:
    """Every usable ``reimpl/<name>/`` package, by name; a second claim on one arXiv ID is skipped."""
    import reimpl

    found: list[Reimpl] = []
    seen: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(reimpl.__path__), key=lambda i: i.name):
        if not info.ispkg or info.name.startswith("_"):
            continue
        entry = _load(info.name)
        if entry is None:
            continue
        key = normalise_id(entry.paper.arxiv_id)
        if key in seen:
            warnings.warn(
                f"skipping reimpl.{entry.name}: {key} is already reimplemented by reimpl.{seen[key]}",
                RegistryWarning,
                2,
            )
            continue
        seen[key] = entry.name
        found.append(entry)
    return tuple(found)


def all_reimpls() -> list[Reimpl]:
    """Every reimplementation, sorted by folder name (scanned once per process)."""
    return list(_scan())


def find(arxiv_id: str) -> Reimpl | None:
    """The reimplementation of ``arxiv_id`` (any version, with or without ``arXiv:``), or None."""
    wanted = normalise_id(arxiv_id)
    return next((r for r in _scan() if normalise_id(r.paper.arxiv_id) == wanted), None)


def scaffold_hint(arxiv_id: str) -> str:
    """One line telling how to start a reimplementation of ``arxiv_id``."""
    return f"start one with: paperkit scaffold {normalise_id(arxiv_id)} --name NAME"


def clear_cache() -> None:
    """Forget the scan (tests that add folders, or a long-lived process after scaffolding)."""
    _scan.cache_clear()
