"""Toy experiment: the same 30-layer ReLU MLP initialised two ways, its signal measured, then trained.

Arms (identical data, batches and optimiser; only the weight variance differs):

- ``he``: Var[w] = ``idea_gain`` / fan_in with ``idea_gain = 2`` (the paper's rule), drawn from ``idea_dist``
  (normal; the control draws uniform weights of the same variance, the ablation uniform ones of variance 1/n),
- ``xavier``: Var[w] = 1 / fan_in, normal (the rule the paper improves on).

At initialisation each arm records E[y_l²] per layer on a held-out batch (the forward signal); then it trains
with momentum SGD on labels from a random linear teacher and records its training loss curve.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F

from reimpl import harness, toys
from reimpl.harness import ArmResult, Budget, Progress, RunResult
from reimpl.he_init.model import DeepReLUNet


@dataclass(frozen=True)
class Config:
    """Every knob of the experiment; ``run(..., **overrides)`` replaces any of them."""

    depth: int = 30  # linear layers, as in the paper's 30-layer experiment
    width: int = 64
    d_in: int = 64
    classes: int = 2
    idea_gain: float = 2.0  # the "he" arm's Var[w]·fan_in; 1.0 takes the idea out
    idea_dist: str = "normal"  # the "he" arm's weight distribution; "uniform" has the same variance
    baseline_gain: float = 1.0
    batch: int = 128
    steps: int = 200
    lr: float = 0.01
    momentum: float = 0.9
    eval_size: int = 1024
    threads: int | None = 1


CONFIGS: dict[str, Config] = {
    "ci": Config(steps=250),
    "quick": Config(steps=400),
    "full": Config(steps=1500, width=128, d_in=128),
}


def train_arm(
    arm: str, gain: float, dist: str, cfg: Config, seed: int, device: torch.device, progress: Progress | None
) -> ArmResult:
    """Initialise with variance ``gain / fan_in``, measure the signal, train, report."""
    init = toys.make_generator(seed, device)  # same underlying draws in both arms, scaled differently
    model = DeepReLUNet(cfg.d_in, cfg.width, cfg.depth, cfg.classes, gain, init, dist)  # on ``device``
    task = toys.make_generator(10_000 + seed, device)
    _, _, teacher = toys.linear_teacher(1, cfg.d_in, cfg.classes, task, device)
    probe = torch.randn(cfg.eval_size, cfg.d_in, generator=task, device=device)

    with torch.no_grad():
        _, signal = model.forward_with_signal(probe)
    log_signal = [math.log10(max(float(s), 1e-300)) for s in signal]

    data = toys.make_generator(20_000 + seed, device)  # same batches in both arms
    optimizer = torch.optim.SGD(model.parameters(), lr=cfg.lr, momentum=cfg.momentum)

    def step_loss(step: int) -> torch.Tensor:
        x = torch.randn(cfg.batch, cfg.d_in, generator=data, device=device)
        return F.cross_entropy(model(x), (x @ teacher).argmax(dim=1))

    losses = harness.train(
        step_loss, model.parameters(), optimizer, cfg.steps, device=device, progress=progress
    )
    head = losses[: max(1, cfg.steps // 20)]
    tail = losses[-max(1, cfg.steps // 10) :]
    start, final = sum(head) / len(head), toys.finite_or(sum(tail) / len(tail), 1e6)
    with torch.no_grad():
        acc = float((model(probe).argmax(1) == (probe @ teacher).argmax(1)).float().mean())
    metrics = {
        # hidden layers only: the first layer's response against the last hidden layer's (index depth-2)
        "log10_signal_ratio": log_signal[-2] - log_signal[0],
        "start_loss": start,
        "final_loss": final,
        "loss_ratio": final / start,
        "accuracy": acc,
    }
    # the signal is per layer, not per step: the name says so on the plot
    return ArmResult(arm, metrics, {"loss": losses, "log10_signal_by_layer": log_signal})


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Measure and train both arms for one seed."""
    cfg = harness.configure(CONFIGS, budget, overrides)
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        plan = {"he": (cfg.idea_gain, cfg.idea_dist), "xavier": (cfg.baseline_gain, "normal")}
        for arm, (gain, dist) in plan.items():
            session.arms[arm] = train_arm(arm, gain, dist, cfg, seed, device, session.start(arm))
    return session.result()
