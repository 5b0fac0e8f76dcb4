"""Toy experiment: shallow and deep MLPs, plain or residual, trained the same way; training loss compared.

Arms (same data, batches and optimiser; only depth and the shortcut differ):

- ``plain_shallow`` / ``plain_deep``: no shortcuts (the degradation pair),
- ``residual_shallow`` / ``residual_deep``: identity shortcuts (the ablation, ``skip="detached"``, keeps
  their forward value but stops the gradient along them).

The metric is the loss on the whole training set after training: degradation is about fitting, not
generalising, so no test set is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F

from reimpl import harness, toys
from reimpl.harness import ArmResult, Budget, Progress, RunResult
from reimpl.residual.model import Net


@dataclass(frozen=True)
class Config:
    """Every knob of the experiment; ``run(..., **overrides)`` replaces any of them."""

    shallow: int = 2  # blocks (2 linear layers each)
    deep: int = 10
    width: int = 32
    d_in: int = 16
    classes: int = 8
    n_train: int = 2048
    skip: bool | str = True  # identity shortcuts in the residual arms; "detached": no gradient along them
    batch: int = 128
    steps: int = 300
    lr: float = 0.02
    momentum: float = 0.9
    threads: int | None = 1


CONFIGS: dict[str, Config] = {
    "ci": Config(steps=250),
    "quick": Config(),
    "full": Config(steps=2000, deep=20),
}


def train_arm(
    arm: str,
    blocks: int,
    skip: bool | str,
    cfg: Config,
    data: tuple[torch.Tensor, torch.Tensor],
    seed: int,
    device: torch.device,
    progress: Progress | None,
) -> ArmResult:
    """Train one architecture on the training set and measure its loss there."""
    x, y = data
    harness.seed_everything(seed)
    with device:  # built on its device
        model = Net(cfg.d_in, cfg.width, blocks, cfg.classes, skip)
    optimizer = torch.optim.SGD(model.parameters(), lr=cfg.lr, momentum=cfg.momentum)
    batches = toys.make_generator(20_000 + seed, device)  # same batch order in every arm
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
    metrics = {"train_loss": train_loss, "train_acc": train_acc, "layers": float(2 * blocks + 2)}
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
        plan: dict[str, tuple[int, bool | str]] = {
            "plain_shallow": (cfg.shallow, False),
            "plain_deep": (cfg.deep, False),
            "residual_shallow": (cfg.shallow, cfg.skip),
            "residual_deep": (cfg.deep, cfg.skip),
        }
        for arm, (blocks, skip) in plan.items():
            session.arms[arm] = train_arm(arm, blocks, skip, cfg, data, seed, device, session.start(arm))
    return session.result()
