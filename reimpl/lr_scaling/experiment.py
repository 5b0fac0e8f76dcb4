"""Toy experiment: the same MLP classifier trained for the same epochs at batch n and at batch k·n.

Data: ``n_train`` Gaussian points in ``dim`` dimensions labelled by a random tanh teacher
(``toys.mlp_teacher``) and a held-out set from the same teacher. Every run starts from the same initial
weights and draws its batches from the same per-epoch shuffles; momentum SGD (m = 0.9) for ``epochs``
epochs, so batch k·n takes k times fewer steps. Arms:

- ``small``: batch n at every rate of the grid ``lrs``; its best rate η* (lowest held-out loss) is the
  rate "tuned at batch n";
- ``large``: batch k·n at every rate of the same grid, constant rate, no warm-up — what "just tune it"
  finds at the large batch (its best rate, and its entries at η* (unscaled) and k·η* (scaled, no warm-up));
- ``scaled``: batch k·n at the rule's rate k·η*, warmed up linearly from η* over the first ``warmup_frac``
  of the steps (the paper's recipe). ``scale=False`` (the ablation) keeps η* instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import torch
from torch.nn import functional as F

from reimpl import harness, toys
from reimpl.harness import ArmResult, Budget, Progress, RunResult
from reimpl.lr_scaling.model import scaled_rate, warmup_rate


@dataclass(frozen=True)
class Config:
    """Every knob of the experiment; ``run(..., **overrides)`` replaces any of them."""

    dim: int = 16
    classes: int = 8
    n_train: int = 1024
    n_test: int = 2048
    hidden: int = 64
    batch: int = 16  # n
    k: int = 8  # the large batch is k·n
    epochs: int = 5
    momentum: float = 0.9
    lrs: tuple[float, ...] = tuple(0.0025 * 2**i for i in range(8))  # 0.0025 … 0.32, both batch sizes
    warmup_frac: float = 0.2  # share of the large batch's steps spent warming up (0: none)
    scale: bool = True  # False: the scaled arm keeps the small batch's rate (the ablation)
    threads: int | None = 1


CONFIGS: dict[str, Config] = {
    "ci": Config(lrs=tuple(0.0025 * 2**i for i in range(1, 8))),  # the grid without its smallest rate
    "quick": Config(),
    "full": Config(n_train=4096, epochs=8, n_test=4096),
}


@dataclass(frozen=True)
class Data:
    """Training and held-out sets, and the seed of the batch shuffles."""

    x: torch.Tensor
    y: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor
    shuffle_seed: int


def make_data(cfg: Config, seed: int, device: torch.device) -> Data:
    """One teacher's training and held-out points (the held-out ones are never trained on)."""
    gen = toys.make_generator(10_000 + seed, device)
    x, y = toys.mlp_teacher(cfg.n_train + cfg.n_test, cfg.dim, cfg.classes, gen, device)
    return Data(x[: cfg.n_train], y[: cfg.n_train], x[cfg.n_train :], y[cfg.n_train :], 20_000 + seed)


def train_once(
    cfg: Config,
    data: Data,
    batch: int,
    peak_lr: float,
    start_lr: float,
    warmup_steps: int,
    seed: int,
    device: torch.device,
    progress: Progress | None,
) -> tuple[float, float, list[float]]:
    """Train for ``cfg.epochs`` epochs at ``batch``; held-out accuracy, held-out loss and the loss curve."""
    harness.seed_everything(seed)  # the same initial weights in every run
    with device:
        net = toys.mlp(cfg.dim, cfg.hidden, cfg.classes)
    opt = torch.optim.SGD(net.parameters(), lr=peak_lr, momentum=cfg.momentum, foreach=True)
    per_epoch = cfg.n_train // batch
    shuffles = toys.make_generator(data.shuffle_seed, device)
    order = torch.cat(
        [torch.randperm(cfg.n_train, generator=shuffles, device=device) for _ in range(cfg.epochs)]
    )

    def step_loss(step: int) -> torch.Tensor:
        for group in opt.param_groups:
            group["lr"] = warmup_rate(step, start_lr, peak_lr, warmup_steps)
        epoch, i = divmod(step, per_epoch)
        idx = order[epoch * cfg.n_train + i * batch : epoch * cfg.n_train + (i + 1) * batch]
        return F.cross_entropy(net(data.x[idx]), data.y[idx])

    steps = per_epoch * cfg.epochs
    losses = harness.train(step_loss, net.parameters(), opt, steps, device=device, progress=progress)
    with torch.no_grad():
        logits = net(data.x_test).float()
    loss = toys.finite_or(float(F.cross_entropy(logits, data.y_test)), 1e6)
    acc = float((logits.argmax(1) == data.y_test).float().mean())
    return acc, loss, [toys.finite_or(v, 1e6) for v in losses]


def sweep(
    name: str, cfg: Config, data: Data, batch: int, seed: int, device: torch.device, progress: Progress | None
) -> ArmResult:
    """Train at every rate of the grid at ``batch`` (constant rate); report the grid and its best rate."""
    runs = {lr: train_once(cfg, data, batch, lr, lr, 0, seed, device, progress) for lr in cfg.lrs}
    best = min(cfg.lrs, key=lambda lr: runs[lr][1])  # lowest held-out loss
    metrics = {"best_lr": best, "log10_best_lr": math.log10(best), "best_acc": runs[best][0]}
    metrics |= {f"acc@{lr:g}": runs[lr][0] for lr in cfg.lrs}
    metrics |= {f"loss@{lr:g}": runs[lr][1] for lr in cfg.lrs}
    return ArmResult(name, metrics, {f"loss@{lr:g}": runs[lr][2] for lr in cfg.lrs})


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Sweep the rate grid at batch n and k·n, then train k·n at the rule's rate with warm-up."""
    cfg = harness.configure(CONFIGS, budget, overrides)
    large = cfg.k * cfg.batch
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        data = make_data(cfg, seed, device)
        small = sweep("small", cfg, data, cfg.batch, seed, device, session.start("small"))
        session.arms["small"] = small
        session.arms["large"] = sweep("large", cfg, data, large, seed, device, session.start("large"))
        base = small.metrics["best_lr"]
        peak = scaled_rate(base, cfg.k) if cfg.scale else base
        warmup = round(cfg.warmup_frac * (cfg.n_train // large) * cfg.epochs)
        acc, loss, curve = train_once(
            cfg, data, large, peak, base, warmup, seed, device, session.start("scaled")
        )
        session.arms["scaled"] = ArmResult(
            "scaled", {"acc": acc, "loss": loss, "lr": peak, "warmup_steps": warmup}, {"loss": curve}
        )
    return session.result()
