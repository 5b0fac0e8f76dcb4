"""Toy experiment: deep highway and plain MLPs of equal depth, each at every rate of a learning-rate grid.

Both nets have the same input layer, the same ``depth`` layers H(x) = ReLU(W_Hᵀx + b_H) of equal width and
the same classifier; the highway net's layers add the gate T and the carry x · (1 − T). Each arm starts from
the initial scale that suits it best (plain: He's variance 2/width, which keeps a plain ReLU stack's signal;
highway: LeCun's 1/width, the scale at which its gated layers stay stable), and is trained with momentum SGD
at every rate of ``rates``: all (arm, rate) pairs are replicas trained at once on the same batches
(:mod:`reimpl.grid`). The metric is the loss on the whole training set after training: the paper's claim is
about optimisation, not generalisation, so no test set is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch

from reimpl import grid, harness, toys
from reimpl.harness import ArmResult, Budget, Progress, RunResult
from reimpl.highway.model import StackedHighwayNet

DIVERGED = 1e3  # the loss recorded for a replica whose loss became non-finite


@dataclass(frozen=True)
class Config:
    """Every knob of the experiment; ``run(..., **overrides)`` replaces any of them."""

    depth: int = 20
    width: int = 32
    d_in: int = 16
    classes: int = 8
    n_train: int = 2048
    gated: str = "highway"  # the idea arm's layer kind: "no_carry" is the ablation, "fixed_gate" a control
    gate_bias: float = -2.0  # b_T at the start (the paper: −1 to −3)
    gain: float = 1.0  # the gated arm's initial weight variance × width
    plain_gain: float = 2.0  # the plain arm's (He)
    rates: tuple[float, ...] = (0.01, 0.03, 0.1, 0.3)
    momentum: float = 0.9
    clip: float = 1.0  # per-replica gradient-norm clipping: a too-high rate ends finite, not NaN
    batch: int = 64
    steps: int = 300
    report_every: int = 25
    threads: int | None = 1


CONFIGS: dict[str, Config] = {
    "ci": Config(steps=150),
    "quick": Config(),
    "full": Config(steps=1500, depth=30, rates=(0.003, 0.01, 0.03, 0.1, 0.3, 1.0)),
}


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Train the gated and the plain net at every rate of the grid on one seed's training set."""
    cfg = harness.configure(CONFIGS, budget, overrides)
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        x, y = toys.mlp_teacher(
            cfg.n_train, cfg.d_in, cfg.classes, toys.make_generator(10_000 + seed, device), device
        )
        arms = [(cfg.gated, cfg.gain), ("plain", cfg.plain_gain)]
        names = [grid.arm_name(kind, rate) for kind, _ in arms for rate in cfg.rates]
        kinds = [kind for kind, _ in arms for _ in cfg.rates]
        rates = torch.tensor([rate for _ in arms for rate in cfg.rates], device=device)
        harness.seed_everything(seed)
        with device:
            model = StackedHighwayNet(
                cfg.d_in,
                cfg.width,
                cfg.depth,
                cfg.classes,
                kinds,
                [gain for _, gain in arms for _ in cfg.rates],
                cfg.gate_bias,
            )
        optimizer = torch.optim.SGD(model.parameters(), lr=1.0, momentum=cfg.momentum)  # rates: per replica
        losses = grid.fit_classifier(
            model,
            (x, y),
            rates,
            optimizer,
            steps=cfg.steps,
            batch=cfg.batch,
            batches=toys.make_generator(20_000 + seed, device),  # same batches for every replica
            clip=cfg.clip,
            progress=session.start("all arms × rates"),
            report_every=cfg.report_every,
        )
        with torch.no_grad():
            logits = model(x).float()
            final = grid.cross_entropy_per_replica(logits, y)
            acc = (logits.argmax(-1) == y).float().mean(1)
        curves = losses.T.tolist()
        for r, name in enumerate(names):
            loss = toys.finite_or(float(final[r]), DIVERGED)
            metrics = {"train_loss": loss, "train_acc": float(acc[r]), "rate": float(rates[r])}
            curve = [toys.finite_or(v, DIVERGED) for v in curves[r]]
            session.arms[name] = ArmResult(name, metrics, {"loss": curve})
    return session.result()
