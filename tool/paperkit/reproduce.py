"""Run a reimplementation's experiment over seeds, check the paper's claim, record the outcome.

The outcome goes to ``<library>/<key>/reproduction/``: ``result.json`` (every seed's RunResult, the
Verdict, when and how it ran) and ``plot.png`` (training curves per arm). The paper need not have been
fetched; when its note exists, the note is rebuilt to show the verdict. Nothing here prints: the CLI
shows what it returns.
"""

from __future__ import annotations

import io
import json
import math
import shlex
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from statistics import mean, pstdev
from typing import TYPE_CHECKING, Any

from paperkit.errors import BadInput, LibraryError
from paperkit.library import NOTE, REPRODUCTION, Library, atomic_write, write_json
from paperkit.reimpls import Reimpl, find, normalise_id, scaffold_hint

if TYPE_CHECKING:
    import torch
    from reimpl.harness import Progress, RunResult, Verdict

BUDGETS = ("ci", "quick", "full")
RESULT, PLOT = "result.json", "plot.png"
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
        return library_key(self.reimpl.paper.arxiv_id)

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


def library_key(arxiv_id: str) -> str:
    """The library folder of a paper: its ID without version, ``/`` turned into ``_``."""
    return normalise_id(arxiv_id).replace("/", "_")


def resolve(text: str) -> Reimpl:
    """The reimplementation for a leniently typed arXiv ID; :class:`BadInput` naming the way out if none."""
    if not text.strip():
        raise BadInput("no arXiv ID given; e.g. paperkit reproduce 1506.03099")
    try:
        from paperkit.ids import parse_arxiv_id
    except ImportError:  # pragma: no cover - the parser is optional here
        arxiv_id = normalise_id(text)
    else:
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
        return harness_pick(requested)
    except ValueError as e:
        raise BadInput(str(e)) from None


def arm_means(results: list[RunResult]) -> dict[str, dict[str, float]]:
    """Each arm's metrics averaged over seeds (arms and metrics missing from some seeds use the rest)."""
    values: dict[str, dict[str, list[float]]] = {}
    for r in results:
        for arm_name, arm in r.arms.items():
            for metric, value in arm.metrics.items():
                values.setdefault(arm_name, {}).setdefault(metric, []).append(float(value))
    return {arm: {m: mean(v) for m, v in metrics.items()} for arm, metrics in values.items()}


def arm_spread(results: list[RunResult]) -> dict[str, dict[str, float]]:
    """Each arm's metrics' population standard deviation over seeds (0 for one seed)."""
    values: dict[str, dict[str, list[float]]] = {}
    for r in results:
        for arm_name, arm in r.arms.items():
            for metric, value in arm.metrics.items():
                values.setdefault(arm_name, {}).setdefault(metric, []).append(float(value))
    return {arm: {m: pstdev(v) for m, v in metrics.items()} for arm, metrics in values.items()}


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
    results = []
    for seed in seeds:
        hook = getattr(progress, "start_seed", None)
        if callable(hook):
            hook(seed)
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
        library.paper_dir(library_key(reimpl.paper.arxiv_id))
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
    """Write ``result.json`` and ``plot.png`` atomically, then rebuild the note if there is one."""
    key = repro.key
    folder = library.paper_dir(key) / REPRODUCTION
    with library.lock(key):
        repro.result_path = folder / RESULT
        try:
            png = plot_png(repro)
        except Exception as e:  # a plot that fails must not lose the result
            repro.warnings.append(f"plot not drawn ({type(e).__name__}: {e})")
        else:
            repro.plot_path = folder / PLOT
            atomic_write(repro.plot_path, png)
        write_json(repro.result_path, repro.to_dict())
    if (library.paper_dir(key) / NOTE).is_file():
        repro.note_refreshed = refresh_note(library, key, repro.warnings)


def refresh_note(library: Library, key: str, warnings: list[str]) -> bool:
    """Rebuild the paper's note to show the verdict (keeping the reader's notes); False when it could not."""
    from paperkit import note

    refresh = getattr(note, "refresh_note", None)
    if refresh is None:
        warnings.append("note not refreshed (paperkit.note.refresh_note is missing)")
        return False
    try:
        return refresh(library, key) is not None
    except LibraryError as e:
        warnings.append(f"note not refreshed: {e}")
        return False


# --- the plot -----------------------------------------------------------------------------------------------


def _curve_names(results: list[RunResult]) -> list[str]:
    """Curves to draw: every curve of any arm, except the ``<name>_step`` x axes."""
    names: list[str] = []
    for r in results:
        for arm in r.arms.values():
            names += [n for n in arm.curves if not n.endswith("_step") and n not in names]
    return names[:4]


def _mean_curve(curves: list[list[float]]) -> list[float]:
    n = min(len(c) for c in curves)
    return [mean(c[i] for c in curves) for i in range(n)]


def plot_png(repro: Reproduction) -> bytes:
    """Each curve (loss, free-running accuracy, ...) per arm, the seeds' mean bold and each seed faint."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = _curve_names(repro.results) or ["(no curves)"]
    fig, axes = plt.subplots(1, len(names), figsize=(5.2 * len(names), 3.8), squeeze=False)
    arms = list(dict.fromkeys(a for r in repro.results for a in r.arms))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for ax, name in zip(axes[0], names, strict=True):
        for i, arm in enumerate(arms):
            runs = [r.arms[arm] for r in repro.results if arm in r.arms and r.arms[arm].curves.get(name)]
            if not runs:
                continue
            colour = colours[i % len(colours)]
            xs_of = [
                run.curves.get(f"{name}_step") or list(range(1, len(run.curves[name]) + 1)) for run in runs
            ]
            for run, xs in zip(runs, xs_of, strict=True):
                if len(runs) > 1:
                    ax.plot(xs, run.curves[name], color=colour, alpha=0.2, linewidth=0.8)
            ys = _mean_curve([run.curves[name] for run in runs])
            ax.plot(xs_of[0][: len(ys)], ys, color=colour, linewidth=1.8, label=arm.replace("_", " "))
        ax.set_title(name.replace("_", " "))
        ax.set_xlabel("training step")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    verdict = "claim held" if repro.verdict.held else "claim not reproduced"
    fig.suptitle(
        f"{repro.reimpl.paper.arxiv_id} {repro.reimpl.name}: {verdict} "
        f"({repro.budget} budget, {_seed_span(repro.seeds)})",
        fontsize=10,
    )
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    return buf.getvalue()


def _seed_span(seeds: list[int]) -> str:
    if len(seeds) == 1:
        return f"seed {seeds[0]}"
    if seeds == list(range(seeds[0], seeds[-1] + 1)):
        return f"seeds {seeds[0]}–{seeds[-1]}"
    return "seeds " + ", ".join(map(str, seeds))


# --- text reports -------------------------------------------------------------------------------------------


def _fmt(value: float) -> str:
    if math.isnan(value) or math.isinf(value):
        return str(value)
    return f"{value:.4f}" if abs(value) < 1000 else f"{value:.4g}"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain-text table with aligned columns."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def format_report(repro: Reproduction) -> str:
    """Per-arm metrics (seed means, ± spread), per-seed times, the claim's checks and the verdict."""
    paper = repro.reimpl.paper
    means, spread = arm_means(repro.results), arm_spread(repro.results)
    metrics = list(dict.fromkeys(m for arm in means.values() for m in arm))
    multi = len(repro.results) > 1
    rows = []
    for arm, values in means.items():
        cells = []
        for m in metrics:
            if m not in values:
                cells.append("-")
            elif multi:
                cells.append(f"{_fmt(values[m])}±{spread[arm][m]:.3f}")
            else:
                cells.append(_fmt(values[m]))
        rows.append([arm, *cells])
    check_rows = [
        [c.name, _fmt(c.observed), _fmt(c.threshold), "pass" if c.passed else "FAIL"]
        for c in repro.verdict.checks
    ]
    seeds = ", ".join(f"seed {r.seed}: {r.wall_time_s:.1f}s" for r in repro.results)
    parts: list[str | None] = [
        f"{paper.arxiv_id}  {paper.title}",
        f"claim: {paper.claim}",
        f"toy: {paper.toy}" if paper.toy else None,
        f"budget {repro.budget}, device {repro.device}, {seeds}",
        "",
        "per-arm metrics" + (f" (mean ± std over {len(repro.results)} seeds)" if multi else "") + ":",
        table(["arm", *metrics], rows),
        "",
        "checks" + (f" (margin: {paper.margin})" if paper.margin else "") + ":",
        table(["check", "observed", "threshold", ""], check_rows),
        "",
        f"verdict: {'HELD' if repro.verdict.held else 'NOT HELD'} — {repro.verdict.summary}",
    ]
    if len(repro.seed_verdicts) > 1:
        held = sum(v.held for v in repro.seed_verdicts)
        per_seed = ", ".join(
            f"{r.seed} {'held' if v.held else 'NOT held'} ("
            + ", ".join(_fmt(c.observed) for c in v.checks)
            + ")"
            for r, v in zip(repro.results, repro.seed_verdicts, strict=True)
        )
        parts.append(f"per seed, held on {held} of {len(repro.seed_verdicts)}: {per_seed}")
    if repro.result_path:
        parts.append(
            f"wrote {repro.result_path}" + (f" and {repro.plot_path.name}" if repro.plot_path else "")
        )
    if repro.note_refreshed:
        parts.append("note refreshed")
    parts += [f"warning: {w}" for w in repro.warnings]
    return "\n".join(p for p in parts if p is not None)


def format_summary(repros: list[Reproduction]) -> str:
    """One line per reproduction, for ``--all``."""
    rows = [
        [
            r.reimpl.paper.arxiv_id,
            r.reimpl.name,
            "held" if r.verdict.held else "NOT HELD",
            f"{r.seconds:.1f}s",
            f"{sum(c.passed for c in r.verdict.checks)}/{len(r.verdict.checks)}",
            "; ".join(
                f"{c.name}: {_fmt(c.observed)} vs {_fmt(c.threshold)}"
                for c in r.verdict.checks
                if not c.passed
            ),
        ]
        for r in repros
    ]
    held = sum(r.verdict.held for r in repros)
    summary = f"{held} of {len(repros)} claims held"
    return (
        table(["ID", "reimplementation", "verdict", "time", "checks passed", "failed checks"], rows)
        + "\n"
        + summary
    )


# --- last recorded verdicts ---------------------------------------------------------------------------------


@dataclass
class LastVerdict:
    held: bool
    summary: str
    timestamp: str
    budget: str


def last_verdict(library: Library, arxiv_id: str) -> LastVerdict | None:
    """The verdict recorded by the last reproduction in ``library``, or None (missing or unreadable)."""
    try:
        path = library.paper_dir(library_key(arxiv_id)) / REPRODUCTION / RESULT
        data = json.loads(path.read_text(encoding="utf-8"))
        verdict = data["verdict"]
        return LastVerdict(
            held=bool(verdict["held"]),
            summary=str(verdict.get("summary", "")),
            timestamp=str(data.get("timestamp", "")),
            budget=str(data.get("budget", "")),
        )
    except (OSError, ValueError, KeyError, TypeError, BadInput, LibraryError):
        return None


def listing(library: Library) -> list[dict[str, Any]]:
    """Every reimplementation with its paper and last recorded verdict, for ``paperkit reimpls``."""
    from paperkit.reimpls import all_reimpls

    rows = []
    for r in all_reimpls():
        last = last_verdict(library, r.paper.arxiv_id)
        rows.append(
            {
                "arxiv_id": r.paper.arxiv_id,
                "name": r.name,
                "title": r.paper.title,
                "claim": r.paper.claim,
                "folder": str(r.folder),
                "last_verdict": None
                if last is None
                else {
                    "held": last.held,
                    "summary": last.summary,
                    "timestamp": last.timestamp,
                    "budget": last.budget,
                },
            }
        )
    return rows
