"""Toy experiment: one MLP with and without batch norm, trained at a base and a 10× higher learning rate.

Arms (same data, He-initialised linear weights and batches; only the normalisation and the learning rate
differ): ``bn_base``, ``plain_base`` at ``lr_base``; ``bn_high``, ``plain_high`` at ``lr_high``.
``norm="affine"`` (the ablation) keeps BN's γ and β in the ``bn_*`` arms but drops the normalisation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F

from reimpl import harness, toys
from reimpl.batch_norm.model import mlp
from reimpl.harness import ArmResult, Budget, Progress, RunResult


@dataclass(frozen=True)
class Config:
    """Every knob of the experiment; ``run(..., **overrides)`` replaces any of them."""

    depth: int = 4
    width: int = 64
    d_in: int = 16
    classes: int = 8
    n_train: int = 4096
    norm: str = "batch"  # the bn_* arms' layer: "batch"; "affine" (γx + β, no normalising) takes the idea out
    lr_base: float = 0.05
    lr_high: float = 0.5
    momentum: float = 0.9
    batch: int = 64
    steps: int = 600
    threads: int | None = 1


CONFIGS: dict[str, Config] = {
    "ci": Config(steps=400),
    "quick": Config(),
    "full": Config(steps=3000, depth=8),
}


def train_arm(
    arm: str,
    norm: str,
    lr: float,
    cfg: Config,
    data: tuple[torch.Tensor, torch.Tensor],
    seed: int,
    device: torch.device,
    progress: Progress | None,
) -> ArmResult:
    """Train one arm on the training set and measure its loss there."""
    x, y = data
    harness.seed_everything(seed)  # BN adds no random draws, so both nets start from the same linear weights
    with device:  # built on its device
        model = mlp(cfg.d_in, cfg.width, cfg.depth, cfg.classes, norm)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=cfg.momentum)
    batches = toys.make_generator(20_000 + seed, device)
    model.train()

    def step_loss(step: int) -> torch.Tensor:
        idx = torch.randint(0, cfg.n_train, (cfg.batch,), generator=batches, device=device)
        return F.cross_entropy(model(x[idx]), y[idx])

    losses = harness.train(
        step_loss, model.parameters(), optimizer, cfg.steps, device=device, progress=progress
    )
    model.eval()
    with torch.no_grad():
        logits = model(x)
        train_loss = toys.finite_or(float(F.cross_entropy(logits, y)), 1e6)
        train_acc = float((logits.argmax(1) == y).float().mean())
    early = losses[: max(1, cfg.steps // 4)]
    metrics = {
        "early_loss": toys.finite_or(sum(early) / len(early), 1e6),
        "train_loss": train_loss,
        "train_acc": train_acc,
        "chance_loss": math.log(cfg.classes),
        "lr": lr,
    }
    return ArmResult(arm, metrics, {"loss": losses})


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Train the four arms on one seed's training set."""
    cfg = harness.configure(CONFIGS, budget, overrides)
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        data = toys.mlp_teacher(
            cfg.n_train, cfg.d_in, cfg.classes, toys.make_generator(10_000 + seed, device), device
        )
        plan = {
            "bn_base": (cfg.norm, cfg.lr_base),
            "plain_base": ("none", cfg.lr_base),
            "bn_high": (cfg.norm, cfg.lr_high),
            "plain_high": ("none", cfg.lr_high),
        }
        for arm, (norm, lr) in plan.items():
            session.arms[arm] = train_arm(arm, norm, lr, cfg, data, seed, device, session.start(arm))
    return session.result()
