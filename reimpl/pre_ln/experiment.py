"""Toy experiment: a 6-layer transformer encoder learns to reverse token sequences, Post-LN against Pre-LN.

An endless stream of random sequences (``length`` tokens from ``vocab`` symbols); the target at position i
is the token at position length − 1 − i, which takes attention by position. Arms, each trained with Adam
(β₂ = 0.98, the paper's) at every peak learning rate of ``lrs`` from the same initial weights and batches:

- ``pre_ln``: Pre-LN, no warm-up (constant rate from the first step);
- ``post_ln``: Post-LN, no warm-up;
- ``post_ln_warmup``: Post-LN with the rate warmed up linearly over ``warmup`` steps (the control).

Each arm reports, per rate, the held-out token accuracy after ``steps`` steps (the grid), and the largest
rate at which it reaches ``trained_acc`` (the rates it trains at); and its best accuracy over the grid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import torch
from torch.nn import functional as F

from reimpl import harness, toys
from reimpl.harness import ArmResult, Budget, Progress, RunResult
from reimpl.pre_ln.model import Encoder, warmup_factor


@dataclass(frozen=True)
class Config:
    """Every knob of the experiment; ``run(..., **overrides)`` replaces any of them."""

    vocab: int = 10
    length: int = 8
    d: int = 32
    heads: int = 4
    layers: int = 6
    batch: int = 32
    steps: int = 60
    lrs: tuple[float, ...] = (0.004, 0.008, 0.016, 0.032)
    warmup: int = 20  # steps of linear warm-up in the control arm
    trained_acc: float = 0.5  # a run "trains" at a rate when held-out accuracy reaches this (chance: 0.1)
    n_test: int = 512
    pre_ln: bool = True  # False: the pre_ln arm puts its norms back on the residual stream (the ablation)
    threads: int | None = 1


CONFIGS: dict[str, Config] = {
    "ci": Config(lrs=(0.008, 0.016, 0.032)),
    "quick": Config(),
    "full": Config(steps=200, warmup=100, n_test=2048),
}


@dataclass(frozen=True)
class Arm:
    """How an arm builds and trains its encoder."""

    pre_ln: bool
    final_ln: bool
    warmup: int


def train_once(
    cfg: Config, arm: Arm, lr: float, seed: int, device: torch.device, progress: Progress | None
) -> tuple[float, float, list[float]]:
    """Train one encoder at peak rate ``lr``; held-out accuracy, held-out loss and the loss curve."""
    harness.seed_everything(seed)  # the same initial weights in every arm and at every rate
    with device:
        net = Encoder(
            cfg.vocab, cfg.length, cfg.d, cfg.heads, 2 * cfg.d, cfg.layers, arm.pre_ln, final_ln=arm.final_ln
        )
    warmup = arm.warmup
    opt = torch.optim.Adam(net.parameters(), lr=lr, betas=(0.9, 0.98))
    stream = toys.make_generator(20_000 + seed, device)

    def step_loss(step: int) -> torch.Tensor:
        for group in opt.param_groups:
            group["lr"] = lr * warmup_factor(step, warmup)  # lr_t = lr · min(1, t / T_warmup)
        src = toys.random_tokens(cfg.batch, cfg.length, cfg.vocab, stream, device)
        logits = net(src).float()
        return F.cross_entropy(logits.reshape(-1, cfg.vocab), toys.sequence_task(src, "reverse").reshape(-1))

    losses = harness.train(step_loss, net.parameters(), opt, cfg.steps, device=device, progress=progress)
    test = toys.random_tokens(
        cfg.n_test, cfg.length, cfg.vocab, toys.make_generator(30_000 + seed, device), device
    )
    target = toys.sequence_task(test, "reverse")
    with torch.no_grad():
        logits = net(test).float()
    loss = toys.finite_or(float(F.cross_entropy(logits.reshape(-1, cfg.vocab), target.reshape(-1))), 1e6)
    return toys.token_accuracy(logits.argmax(-1), target), loss, [toys.finite_or(v, 1e6) for v in losses]


def sweep(
    name: str, arm: Arm, cfg: Config, seed: int, device: torch.device, progress: Progress | None
) -> ArmResult:
    """Train the arm at every rate of the grid; report each rate's accuracy and the rates it trains at."""
    runs = {lr: train_once(cfg, arm, lr, seed, device, progress) for lr in cfg.lrs}
    best = max(cfg.lrs, key=lambda lr: (runs[lr][0], -runs[lr][1]))
    trains = [lr for lr in cfg.lrs if runs[lr][0] >= cfg.trained_acc]
    metrics = {
        "best_acc": runs[best][0],
        "best_log10_loss": math.log10(max(runs[best][1], 1e-12)),
        "best_lr": best,
        # log10 of the largest rate that trains (log10 of a tenth of the smallest rate when none does)
        "log10_max_trained_lr": math.log10(max(trains) if trains else min(cfg.lrs) / 10),
    }
    metrics |= {f"acc@{lr:g}": runs[lr][0] for lr in cfg.lrs}  # the grid, reported
    return ArmResult(name, metrics, {f"loss@{lr:g}": runs[lr][2] for lr in cfg.lrs})


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Train Pre-LN without warm-up, Post-LN without and with warm-up, each over the learning-rate grid."""
    cfg = harness.configure(CONFIGS, budget, overrides)
    arms = {
        # the ablation moves the Pre-LN arm's norms back onto the residual stream and keeps its final LN
        "pre_ln": Arm(pre_ln=cfg.pre_ln, final_ln=True, warmup=0),
        "post_ln": Arm(pre_ln=False, final_ln=False, warmup=0),
        "post_ln_warmup": Arm(pre_ln=False, final_ln=False, warmup=cfg.warmup),
    }
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        for name, arm in arms.items():
            session.arms[name] = sweep(name, arm, cfg, seed, device, session.start(name))
    return session.result()
