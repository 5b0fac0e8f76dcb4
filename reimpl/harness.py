"""What every reimplementation shares: device, seeds, a training loop and the result record.

Kept small and GPU-ready: tensors are created on the device, the loop keeps losses on the device and
syncs with the host only when it reports progress, and CUDA runs use mixed precision.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import torch

Budget = Literal["ci", "quick", "full"]
BUDGETS: tuple[Budget, ...] = ("ci", "quick", "full")

# Called as progress(step, total_steps, metrics); metrics holds at least "loss".
Progress = Callable[[int, int, dict[str, float]], None]


def start_arm(progress: Progress | None, arm: str) -> None:
    """Tell the progress display that training of ``arm`` begins (a no-op for plain callables).

    A display that wants arm names defines ``start_arm(name)``; experiments call this before each arm.
    """
    hook = getattr(progress, "start_arm", None)
    if callable(hook):
        hook(arm)


def pick_device(requested: str | None = None) -> torch.device:
    """``cuda`` when available, else ``cpu``; ``requested`` ("cpu", "cuda", "cuda:1", "auto") overrides."""
    if requested in (None, "", "auto"):
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        device = torch.device(requested)
    except RuntimeError:
        raise ValueError(f"unknown device {requested!r} (try cpu, cuda or auto)") from None
    if device.type == "cuda" and not torch.cuda.is_available():
        raise ValueError("CUDA was asked for but is not available on this machine (try --device cpu)")
    if device.type not in ("cpu", "cuda", "mps"):
        raise ValueError(f"unsupported device {requested!r} (try cpu, cuda or auto)")
    return device


def seed_everything(seed: int) -> None:
    """Seed Python, torch (all devices) and ask for deterministic kernels where they exist."""
    random.seed(seed)
    torch.manual_seed(seed)
    torch.cuda.manual_seed_all(seed)
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    torch.use_deterministic_algorithms(True, warn_only=True)
    torch.backends.cudnn.benchmark = False


@contextmanager
def cpu_threads(n: int | None) -> Iterator[None]:
    """Temporarily set torch's intra-op threads (small models run faster on fewer threads)."""
    if n is None:
        yield
        return
    old = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(old)


def train(
    step_loss: Callable[[int], torch.Tensor],
    params: list[torch.nn.Parameter] | Any,
    optimizer: torch.optim.Optimizer,
    steps: int,
    *,
    device: torch.device,
    progress: Progress | None = None,
    report_every: int = 25,
    clip_norm: float | None = None,
    after_step: Callable[[int], None] | None = None,
) -> list[float]:
    """Run ``steps`` optimisation steps of ``step_loss(step)`` and return the loss curve.

    ``step_loss`` builds a batch, runs the model and returns a scalar loss; it owns the model's mode.
    Losses stay on the device until the end (no per-step host sync) except every ``report_every``
    steps, when the progress callback gets the mean recent loss. ``after_step(step)``, when given, runs
    after each optimiser step (e.g. a periodic evaluation that keeps its results on the device).
    """
    params = list(params)
    use_amp = device.type == "cuda"
    scaler = torch.amp.GradScaler("cuda", enabled=use_amp)
    losses = torch.zeros(steps, device=device)
    last_report = 0
    for step in range(steps):
        optimizer.zero_grad(set_to_none=True)
        with torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=use_amp):
            loss = step_loss(step)
        scaler.scale(loss).backward()
        if clip_norm is not None:
            scaler.unscale_(optimizer)
            torch.nn.utils.clip_grad_norm_(params, clip_norm)
        scaler.step(optimizer)
        scaler.update()
        losses[step] = loss.detach().float()
        if after_step is not None:
            after_step(step)
        if progress is not None and (step + 1 - last_report >= report_every or step + 1 == steps):
            progress(step + 1, steps, {"loss": float(losses[last_report : step + 1].mean())})
            last_report = step + 1
    return losses.tolist()


@dataclass
class ArmResult:
    """One arm of an experiment (e.g. teacher forcing, scheduled sampling): its metrics and curves."""

    name: str
    metrics: dict[str, float]
    curves: dict[str, list[float]] = field(default_factory=dict)  # e.g. {"loss": [...], "free_acc": [...]}


@dataclass
class RunResult:
    """One seed's run of an experiment: every arm, and how and where it ran."""

    arxiv_id: str
    name: str  # the reimplementation's folder name
    budget: str
    seed: int
    device: str
    torch_version: str
    wall_time_s: float
    arms: dict[str, ArmResult]
    config: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The run as plain JSON-ready data (the ``results`` of ``result.json``)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunResult:
        """The run back from :meth:`to_dict`'s data."""
        arms = {k: ArmResult(**v) for k, v in data["arms"].items()}
        return cls(**{**data, "arms": arms})


class Stopwatch:
    """Wall time of a run, for the result record."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    @property
    def seconds(self) -> float:
        """Seconds since the stopwatch was made."""
        return time.perf_counter() - self.start


@dataclass
class Check:
    """One comparison a claim makes: ``observed`` against ``threshold``."""

    name: str  # e.g. "free-running accuracy: SS − TF"
    observed: float
    threshold: float
    passed: bool


@dataclass
class Verdict:
    """Whether the claim held, and the checks that decided it."""

    held: bool
    summary: str  # the measurements in one line a person reads; whoever shows it says held or not
    checks: list[Check] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The verdict as plain JSON-ready data."""
        return asdict(self)


def at_least(name: str, observed: float, threshold: float) -> Check:
    """A check that passes when ``observed >= threshold``."""
    return Check(name, float(observed), float(threshold), bool(observed >= threshold))


def at_most(name: str, observed: float, threshold: float) -> Check:
    """A check that passes when ``observed <= threshold``."""
    return Check(name, float(observed), float(threshold), bool(observed <= threshold))
