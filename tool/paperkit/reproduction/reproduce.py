"""Run a reimplementation's experiment over seeds, check the paper's claim, record the outcome.

The outcome goes to ``<library>/<key>/reproduction/``: ``result.json`` (every seed's RunResult, the
Verdict, when and how it ran) and ``plot.png`` (training curves per arm). The paper need not have been
fetched; when its note exists, the note is rebuilt to show the verdict. Nothing here prints: the CLI
shows what it returns (:mod:`~paperkit.reproduction.report`), and the plot is drawn by
:mod:`~paperkit.reproduction.plot`.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from statistics import mean, pstdev
from typing import TYPE_CHECKING, Any

from reimpl import BUDGETS

from paperkit.access.ids import key_of, normalise_id, parse_arxiv_id
from paperkit.atomic import atomic_write
from paperkit.errors import BadInput
from paperkit.library.store import REPRODUCTION, Library, write_json
from paperkit.reproduction.plot import plot_png
from paperkit.reproduction.registry import Reimpl, find, scaffold_hint
from paperkit.reproduction.verdicts import PLOT, RESULT

if TYPE_CHECKING:
    import torch
    from reimpl.harness import Progress, RunResult, Verdict

MAX_SEEDS = 100


@dataclass
class Reproduction:
    """One reproduction of one paper's claim: every seed's result and the verdict on all of them."""

    reimpl: Reimpl
    budget: str
    device: str
    seeds: list[int]
    results: list[RunResult]
    verdict: Verdict
    timestamp: str  # ISO 8601, UTC, when the run finished
    command: str
    seconds: float
    result_path: Path | None = None
    plot_path: Path | None = None
    note_refreshed: bool = False
    warnings: list[str] = field(default_factory=list)
    seed_verdicts: list[Verdict] = field(default_factory=list)  # the same check on each seed alone

    @property
    def key(self) -> str:
        """The paper's folder in the library."""
        return key_of(self.reimpl.paper.arxiv_id)

    def to_dict(self) -> dict[str, Any]:
        """The ``result.json`` record (also what ``--json`` prints)."""
        paper = self.reimpl.paper
        return {
            "arxiv_id": normalise_id(paper.arxiv_id),
            "name": self.reimpl.name,
            "title": paper.title,
            "claim": paper.claim,
            "toy": paper.toy,
            "metric": paper.metric,
            "margin": paper.margin,
            "budget": self.budget,
            "device": self.device,
            "seeds": self.seeds,
            "seconds": round(self.seconds, 3),
            "timestamp": self.timestamp,
            "command": self.command,
            "verdict": self.verdict.to_dict(),
            "seed_verdicts": [
                {"seed": r.seed, **v.to_dict()}
                for r, v in zip(self.results, self.seed_verdicts, strict=False)
            ],
            "arm_means": arm_means(self.results),
            "results": [r.to_dict() for r in self.results],
            "files": {
                "result": str(self.result_path) if self.result_path else None,
                "plot": str(self.plot_path) if self.plot_path else None,
            },
            "note_refreshed": self.note_refreshed,
        }


def resolve(text: str) -> Reimpl:
    """The reimplementation for a leniently typed arXiv ID; :class:`BadInput` naming the way out if none."""
    if not text.strip():
        raise BadInput("no arXiv ID given; e.g. paperkit reproduce 1506.03099")
    arxiv_id = parse_arxiv_id(text).id  # raises BadInput on a malformed ID
    found = find(arxiv_id)
    if found is None:
        raise BadInput(f"no reimplementation of {arxiv_id} yet; {scaffold_hint(arxiv_id)}")
    return found


def seed_list(seed: int, count: int) -> list[int]:
    """Seeds ``seed .. seed+count-1``, validated."""
    if seed < 0:
        raise BadInput(f"--seed must not be negative, got {seed}")
    if not 1 <= count <= MAX_SEEDS:
        raise BadInput(f"--seeds must be between 1 and {MAX_SEEDS}, got {count}")
    return list(range(seed, seed + count))


def pick_device(requested: str | None) -> torch.device:
    """The torch device for ``auto``/``cpu``/``cuda``; an unusable one is :class:`BadInput`."""
    from reimpl.harness import pick_device as harness_pick

    try:
        device = harness_pick(requested)
    except ValueError as e:
        raise BadInput(str(e)) from None
    if device.type != "cpu":  # "mps" without Apple's GPU, "cuda:7" on a one-GPU machine: one line, exit 2
        import torch

        try:
            torch.zeros(1, device=device)
        except (RuntimeError, AssertionError, ValueError):
            message = f"device {requested!r} is not available on this machine (try --device cpu)"
            raise BadInput(message) from None
    return device


def _arm_values(results: list[RunResult]) -> dict[str, dict[str, list[float]]]:
    """Each arm's metrics over seeds: ``{arm: {metric: [one value per seed that has it]}}``."""
    values: dict[str, dict[str, list[float]]] = {}
    for r in results:
        for arm_name, arm in r.arms.items():
            for metric, value in arm.metrics.items():
                values.setdefault(arm_name, {}).setdefault(metric, []).append(float(value))
    return values


def arm_means(results: list[RunResult]) -> dict[str, dict[str, float]]:
    """Each arm's metrics averaged over seeds (arms and metrics missing from some seeds use the rest)."""
    return {arm: {m: mean(v) for m, v in ms.items()} for arm, ms in _arm_values(results).items()}


def arm_spread(results: list[RunResult]) -> dict[str, dict[str, float]]:
    """Each arm's metrics' population standard deviation over seeds (0 for one seed)."""
    return {arm: {m: pstdev(v) for m, v in ms.items()} for arm, ms in _arm_values(results).items()}


def run_seeds(
    reimpl: Reimpl,
    seeds: list[int],
    budget: str,
    device: torch.device,
    progress: Progress | None = None,
    **overrides: Any,
) -> list[RunResult]:
    """Run the experiment once per seed; a display with ``start_seed(seed)`` is told when each begins."""
    if budget not in BUDGETS:
        raise BadInput(f"unknown budget {budget!r} (one of {', '.join(BUDGETS)})")
    from reimpl.harness import tell  # torch: imported when training, not when listing

    results = []
    for seed in seeds:
        tell(progress, "start_seed", seed)
        try:
            results.append(reimpl.run(budget, seed, device, progress, **overrides))
        except ValueError as e:  # a bad override or config: the user's input, not a bug
            raise BadInput(f"{reimpl.name}: {e}") from None
    return results


def rerun_command(reimpl: Reimpl, seeds: list[int], budget: str, device: torch.device) -> str:
    """The command that runs this reproduction again (recorded in result.json)."""
    args = [
        "paperkit",
        "reproduce",
        reimpl.paper.arxiv_id,
        "--seed",
        str(seeds[0]),
        "--seeds",
        str(len(seeds)),
    ]
    args += ["--full"] if budget == "full" else ["--budget", "ci"] if budget == "ci" else []
    return shlex.join([*args, "--device", device.type])


def reproduce(
    reimpl: Reimpl,
    seeds: list[int],
    budget: str,
    device: torch.device,
    library: Library | None,
    progress: Progress | None = None,
    command: str | None = None,
    **overrides: Any,
) -> Reproduction:
    """Run every seed and check the claim; with a ``library``, record the outcome and refresh the note."""
    import time

    start = time.perf_counter()
    if library is not None:
        library.check()  # fail before training, not after
        library.paper_dir(key_of(reimpl.paper.arxiv_id))
    results = run_seeds(reimpl, seeds, budget, device, progress, **overrides)
    verdict = reimpl.check(results)
    seed_verdicts = [reimpl.check([r]) for r in results] if len(results) > 1 else [verdict]
    repro = Reproduction(
        reimpl=reimpl,
        budget=budget,
        device=str(device),
        seeds=list(seeds),
        results=results,
        verdict=verdict,
        timestamp=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        command=command if command is not None else rerun_command(reimpl, seeds, budget, device),
        seconds=time.perf_counter() - start,
        seed_verdicts=seed_verdicts,
    )
    if library is not None:
        record(repro, library)
    return repro


def record(repro: Reproduction, library: Library) -> None:
    """Write ``result.json`` and ``plot.png`` atomically (the pipeline then rebuilds the note)."""
    key = repro.key
    folder = library.paper_dir(key) / REPRODUCTION
    with library.lock(key):
        repro.result_path = folder / RESULT
        try:
            verdict = "claim held" if repro.verdict.held else "claim not reproduced"
            paper, span = repro.reimpl.paper, _seed_span(repro.seeds)
            title = f"{paper.arxiv_id} {repro.reimpl.name}: {verdict} ({repro.budget} budget, {span})"
            png = plot_png(repro.results, title)
        except Exception as e:  # a plot that fails must not lose the result
            repro.warnings.append(f"plot not drawn ({type(e).__name__}: {e})")
        else:
            repro.plot_path = folder / PLOT
            atomic_write(repro.plot_path, png)
        write_json(repro.result_path, repro.to_dict())


def _seed_span(seeds: list[int]) -> str:
    """``seed 0``, ``seeds 0–4`` or ``seeds 1, 5, 9``."""
    if len(seeds) == 1:
        return f"seed {seeds[0]}"
    if seeds == list(range(seeds[0], seeds[-1] + 1)):
        return f"seeds {seeds[0]}–{seeds[-1]}"
    return "seeds " + ", ".join(map(str, seeds))
