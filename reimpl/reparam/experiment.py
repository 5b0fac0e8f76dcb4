"""Toy experiment: fit a diagonal Gaussian q to a diagonal Gaussian target with each gradient estimator.

Arms (same target, starting point, noise stream and optimiser; only the gradient estimator differs):
``reparam`` (the paper's; ``estimator`` swaps it for the ablation) and ``score`` (the score-function
estimator). Each arm first measures its estimator's variance at the starting point over ``repeats``
independent draws, then trains.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import torch

from reimpl import harness, toys
from reimpl.harness import ArmResult, Budget, Progress, RunResult
from reimpl.reparam.model import kl_divergence, log_normal, surrogate_loss


@dataclass(frozen=True)
class Config:
    """Every knob of the experiment, at its default; ``CONFIGS`` and ``run(..., **overrides)`` change them."""

    dim: int = 16
    samples: int = 8  # Monte Carlo samples per gradient estimate
    repeats: int = 500  # independent estimates for the variance at the start
    steps: int = 300
    lr: float = 0.05
    estimator: str = "reparam"  # the idea arm's estimator; "score_baseline" takes the idea out
    threads: int | None = 1


CONFIGS: dict[str, Config] = {
    "ci": Config(steps=200),
    "quick": Config(),
    "full": Config(steps=2000, dim=64, repeats=2000),
}


def train_arm(
    arm: str,
    estimator: str,
    cfg: Config,
    target: tuple[torch.Tensor, torch.Tensor],
    seed: int,
    device: torch.device,
    progress: Progress | None,
) -> ArmResult:
    """Measure the estimator's variance at the start, then fit q with it and report the exact KL."""
    target_mean, target_log_std = target

    def f(z: torch.Tensor) -> torch.Tensor:
        return log_normal(z, target_mean, target_log_std)  # log p(z): the ELBO's expectation term

    mu = torch.nn.Parameter(torch.zeros(cfg.dim, device=device))
    log_std = torch.nn.Parameter(torch.zeros(cfg.dim, device=device))
    noise = toys.make_generator(20_000 + seed, device)  # same noise stream in every arm

    grads = []
    for _ in range(cfg.repeats):
        (g_mu,) = torch.autograd.grad(surrogate_loss(mu, log_std, f, cfg.samples, estimator, noise), [mu])
        grads.append(g_mu)
    variance = torch.stack(grads).var(dim=0).mean()  # per-coordinate variance, averaged

    optimizer = torch.optim.Adam([mu, log_std], lr=cfg.lr)

    def step_loss(step: int) -> torch.Tensor:
        return surrogate_loss(mu, log_std, f, cfg.samples, estimator, noise)

    losses = harness.train(step_loss, [mu, log_std], optimizer, cfg.steps, device=device, progress=progress)
    with torch.no_grad():
        kl = kl_divergence(mu, log_std, target_mean, target_log_std)
        start_kl = kl_divergence(torch.zeros_like(mu), torch.zeros_like(mu), target_mean, target_log_std)
    metrics = {
        "log10_grad_var": math.log10(max(float(variance), 1e-30)),
        "final_kl": toys.finite_or(kl, 1e6),
        "start_kl": start_kl,
    }
    return ArmResult(arm, metrics, {"loss": losses})


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Fit the seed's target with both estimators."""
    cfg = harness.configure(CONFIGS, budget, overrides)
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        gen = toys.make_generator(10_000 + seed, device)
        target_mean = torch.randn(cfg.dim, generator=gen, device=device)
        target_log_std = torch.rand(cfg.dim, generator=gen, device=device) * math.log(4.0) - math.log(2.0)
        for arm, estimator in {"reparam": cfg.estimator, "score": "score"}.items():
            session.arms[arm] = train_arm(
                arm, estimator, cfg, (target_mean, target_log_std), seed, device, session.start(arm)
            )
    return session.result()
