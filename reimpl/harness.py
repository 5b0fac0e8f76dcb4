"""What every reimplementation shares: device, seeds, the run wrapper, a training loop and the records.

Kept small and GPU-ready: tensors are created on the device, the loop keeps losses on the device and
syncs with the host only when it reports progress, and CUDA runs use bfloat16 autocast (no loss scaling).
"""

from __future__ import annotations

import importlib
import os
import random
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, TypeVar

import torch

from reimpl import BUDGETS as BUDGETS  # re-exported: the budgets are declared once, in reimpl/__init__.py
from reimpl import Budget as Budget

# Called as progress(step, total_steps, metrics); metrics holds at least "loss".
Progress = Callable[[int, int, dict[str, float]], None]


def tell(progress: Progress | None, event: str, value: object) -> None:
    """Tell the progress display that something begins: ``event`` is "start_seed" or "start_arm".

    The one way training reports more than steps: a display that wants to know defines a method of that
    name (the CLI's bars do); a plain callable, or no display, is told nothing.
    """
    hook = getattr(progress, event, None)
    if callable(hook):
        hook(value)


def start_arm(progress: Progress | None, arm: str) -> None:
    """Tell the progress display that training of ``arm`` begins; experiments call this before each arm."""
    tell(progress, "start_arm", arm)


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

    On CUDA the forward pass runs under bfloat16 autocast. bfloat16 has float32's exponent range, so no
    loss scaling (GradScaler) is needed, and none of its per-step host syncs. Elsewhere no autocast context
    is entered, so a caller's own (``torch.autocast("cpu", dtype=torch.bfloat16)`` in the tests) applies.
    """
    params = list(params)
    losses = torch.zeros(steps, device=device)
    last_report = 0
    for step in range(steps):
        optimizer.zero_grad(set_to_none=True)
        with mixed_precision(device):
            loss = step_loss(step)
        loss.backward()
        if clip_norm is not None:
            torch.nn.utils.clip_grad_norm_(params, clip_norm)
        optimizer.step()
        fresh_casts()
        losses[step] = loss.detach().float()
        if after_step is not None:
            after_step(step)
        if progress is not None and (step + 1 - last_report >= report_every or step + 1 == steps):
            progress(step + 1, steps, {"loss": float(losses[last_report : step + 1].mean())})
            last_report = step + 1
    return losses.tolist()


def fresh_casts() -> None:
    """Drop autocast's cached low-precision copies of the weights after an optimiser step.

    Autocast keeps the bfloat16 copy of each weight it casts until the outermost autocast context exits. A
    caller that holds one context around a whole run (the CPU bfloat16 test does) would otherwise train
    weights the forward pass never sees again. Cheap, and a no-op when autocast is off.
    """
    if torch.is_autocast_cache_enabled() and (
        torch.is_autocast_enabled("cpu") or torch.is_autocast_enabled("cuda")
    ):
        torch.clear_autocast_cache()


def mixed_precision(device: torch.device) -> AbstractContextManager[Any]:
    """bfloat16 autocast on CUDA; on other devices nothing (an enclosing autocast stays in force)."""
    if device.type == "cuda":
        return torch.autocast(device_type="cuda", dtype=torch.bfloat16)
    return nullcontext()


_C = TypeVar("_C")


def configure(configs: Mapping[str, _C], budget: str, overrides: Mapping[str, Any]) -> _C:
    """The budget's config dataclass with ``overrides`` applied; an unknown budget or knob is a ValueError.

    nanoGPT's split: an experiment's ``Config`` holds the defaults, ``CONFIGS`` the per-budget overrides,
    and ``run(..., **overrides)`` the caller's (an ablation test's ``use_idea=False``, say).
    """
    if budget not in configs:
        raise ValueError(f"unknown budget {budget!r} (one of {', '.join(configs)})")
    base = configs[budget]
    known = {f.name for f in fields(base)}  # type: ignore[arg-type]
    unknown = set(overrides) - known
    if unknown:
        known_list = ", ".join(sorted(known))
        raise ValueError(f"unknown override(s) {', '.join(sorted(unknown))}; known: {known_list}")
    return replace(base, **overrides)  # type: ignore[type-var]


class Session:
    """The wrapper every experiment's ``run()`` shares, written once: one seed's run of every arm.

    ::

        cfg = harness.configure(CONFIGS, budget, overrides)
        with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
            data = make_data(cfg, seed, device)
            for arm in ("idea", "baseline"):
                session.arms[arm] = train_arm(arm, cfg, data, seed, device, session.start(arm))
        return session.result()

    It sets torch's CPU threads to ``cfg.threads`` (on the CPU), times the run, announces each arm to the
    progress display, and records the :class:`RunResult`; the paper's ID and the folder's name come from
    the experiment module's package (``reimpl.<name>``, whose ``PAPER`` says the ID), so no literal repeats.
    """

    def __init__(
        self,
        module: str,
        cfg: Any,
        budget: str,
        seed: int,
        device: torch.device,
        progress: Progress | None = None,
    ) -> None:
        package = module.rsplit(".", 1)[0] if module.endswith(".experiment") else module
        self.paper = importlib.import_module(package).PAPER
        self.name = package.rsplit(".", 1)[-1]
        self.cfg, self.budget, self.seed, self.device, self.progress = cfg, budget, seed, device, progress
        self.arms: dict[str, ArmResult] = {}
        self._threads = cpu_threads(getattr(cfg, "threads", None) if device.type == "cpu" else None)
        self._clock = Stopwatch()
        self._seconds: float | None = None

    def __enter__(self) -> Session:
        self._threads.__enter__()
        self._clock = Stopwatch()
        return self

    def __exit__(self, *exc: object) -> None:
        self._seconds = self._clock.seconds
        self._threads.__exit__(None, None, None)

    def start(self, arm: str) -> Progress | None:
        """Announce ``arm`` to the progress display; returns the callback to hand to its training."""
        start_arm(self.progress, arm)
        return self.progress

    def result(self) -> RunResult:
        """The :class:`RunResult` of the run (call it after the ``with`` block)."""
        config = {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self.cfg).items()}
        return RunResult(
            arxiv_id=self.paper.arxiv_id,
            name=self.name,
            budget=self.budget,
            seed=self.seed,
            device=str(self.device),
            torch_version=torch.__version__,
            wall_time_s=self._seconds if self._seconds is not None else self._clock.seconds,
            arms=dict(self.arms),
            config=config,
        )


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
