"""Toy experiment: noisy linear regression whose features span two orders of magnitude in scale.

Feature j has standard deviation s_j (log-spaced between ``scale_min`` and ``scale_max``) and true weight
z_j / s_j, so every feature explains the same share of the target: fitting the small-scale features
matters as much as the large ones, but their gradients are s_j² times smaller. The curvature along w_j is
s_j², so the condition number is (scale_max / scale_min)⁴.

Arms (same data stream, weights start at 0): ``adam`` at one learning rate, and ``sgd_<lr>`` for each rate of
a small grid. The metric is the exact excess population loss ½ Σ_j s_j² (w_j − w*_j)² (no test-set noise).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import torch

from reimpl import harness, toys
from reimpl.adam.model import Adam, scaled_features
from reimpl.harness import ArmResult, Budget, Progress, RunResult

DIVERGED = 1e6  # excess loss recorded for a run that blew up


@dataclass(frozen=True)
class Config:
    """Every knob of the experiment; ``run(..., **overrides)`` replaces any of them."""

    dim: int = 32
    scale_min: float = 0.1
    scale_max: float = 10.0
    noise: float = 0.1
    batch: int = 32
    steps: int = 1500
    adam_lr: float = 0.05
    beta1: float = 0.9
    beta2: float = 0.999
    per_parameter_scaling: bool = True  # False freezes v ≡ 1: Adam becomes momentum SGD (the ablation)
    sgd_lrs: tuple[float, ...] = (0.001, 0.003, 0.01, 0.03)
    sgd_momentum: float = 0.9  # the grid gets Adam's β₁ as momentum: only the per-parameter scaling differs
    early_steps: int = 500  # the claim's regime: the excess loss after this many steps (Adam's early speed)
    threads: int | None = 1


CONFIGS: dict[str, Config] = {
    "ci": Config(steps=1000),
    "quick": Config(),
    "full": Config(steps=10_000, dim=128),
}


def excess_loss(w: torch.Tensor, w_star: torch.Tensor, scales: torch.Tensor) -> float:
    """½ Σ s_j² (w_j − w*_j)²: the population loss above the noise floor, exactly."""
    value = float(0.5 * (scales**2 * (w - w_star) ** 2).sum())
    return toys.finite_or(value, DIVERGED)


def train_arm(
    arm: str,
    make_optimizer: Any,
    cfg: Config,
    problem: tuple[torch.Tensor, torch.Tensor],
    seed: int,
    device: torch.device,
    progress: Progress | None,
) -> ArmResult:
    """Fit w from 0 with one optimiser on the seed's data stream."""
    scales, w_star = problem
    w = torch.nn.Parameter(torch.zeros(cfg.dim, device=device))
    optimizer = make_optimizer([w])
    stream = toys.make_generator(20_000 + seed, device)  # same mini-batches in every arm
    excess: list[float] = []
    early: list[float] = []

    def step_loss(step: int) -> torch.Tensor:
        x = scaled_features(cfg.batch, scales, stream, device)
        y = x @ w_star + cfg.noise * torch.randn(cfg.batch, generator=stream, device=device)
        return 0.5 * ((x @ w - y) ** 2).mean()

    def after_step(step: int) -> None:
        if step + 1 == cfg.early_steps:
            early.append(excess_loss(w.detach(), w_star, scales))
        if (step + 1) % max(1, cfg.steps // 50) == 0:  # 50 evaluations, synced at once (a float each)
            excess.append(excess_loss(w.detach(), w_star, scales))

    losses = harness.train(
        step_loss, [w], optimizer, cfg.steps, device=device, progress=progress, after_step=after_step
    )
    final = excess_loss(w.detach(), w_star, scales)
    start = excess_loss(torch.zeros_like(w_star), w_star, scales)
    early_excess = early[0] if early else final
    metrics = {
        "excess_loss": final,
        "log10_excess": math.log10(max(final, 1e-12)),
        "log10_excess_early": math.log10(max(early_excess, 1e-12)),
        "start_excess": start,
    }
    # log10 scale: the arms span orders of magnitude, and a diverged arm would flatten a linear plot
    every = max(1, cfg.steps // 50)
    curves = {
        "log10_loss": [math.log10(toys.finite_or(max(v, 1e-12), DIVERGED)) for v in losses],
        "log10_excess": [math.log10(max(v, 1e-12)) for v in excess],
        "log10_excess_step": [float((j + 1) * every) for j in range(len(excess))],
    }
    return ArmResult(arm, metrics, curves)


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Fit the seed's regression problem with Adam and with SGD at each rate of the grid."""
    cfg = harness.configure(CONFIGS, budget, overrides)
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        gen = toys.make_generator(10_000 + seed, device)
        scales = torch.logspace(math.log10(cfg.scale_min), math.log10(cfg.scale_max), cfg.dim, device=device)
        w_star = torch.randn(cfg.dim, generator=gen, device=device) / scales
        problem = (scales, w_star)
        optimizers: dict[str, Any] = {
            "adam": lambda ps: Adam(
                ps, cfg.adam_lr, (cfg.beta1, cfg.beta2), per_parameter_scaling=cfg.per_parameter_scaling
            )
        }
        for lr in cfg.sgd_lrs:
            optimizers[f"sgd_{lr:g}"] = lambda ps, lr=lr: torch.optim.SGD(
                ps, lr=lr, momentum=cfg.sgd_momentum
            )
        for arm, make_optimizer in optimizers.items():
            session.arms[arm] = train_arm(arm, make_optimizer, cfg, problem, seed, device, session.start(arm))
    return session.result()
