"""Toy experiment: fit a diagonal Gaussian q to a diagonal Gaussian target with each gradient estimator.

Arms (same target, starting point, noise stream and optimiser; only the gradient estimator differs):
``reparam`` (the paper's; ``estimator`` swaps it for the ablation) and ``score_baseline`` (the
score-function estimator with a leave-one-out baseline, its usual repair). Each arm is trained with Adam at
every rate of the grid ``lrs`` and judged at its best: best against best. The fit is scored by the exact
KL(q ‖ p) averaged over the last ``tail`` share of the steps (one noisy final iterate would decide by
luck). Along the best run, at ``checkpoints`` points from the start to the end, the estimator's variance
is measured over ``repeats`` independent estimates at the parameters reached there: the noise the optimiser
actually saw.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch

from reimpl import harness, toys
from reimpl.harness import ArmResult, Budget, Progress, RunResult
from reimpl.reparam.model import gaussian_kl, kl_divergence, log_normal, surrogate_loss


@dataclass(frozen=True)
class Config:
    """Every knob of the experiment, at its default; ``CONFIGS`` and ``run(..., **overrides)`` change them."""

    dim: int = 16
    samples: int = 8  # Monte Carlo samples per gradient estimate
    repeats: int = 200  # independent estimates per variance measurement
    tail: float = 0.1  # the final KL is the mean over this last share of the steps
    checkpoints: int = 5  # variance measured at this many evenly spaced points of training, start and end too
    steps: int = 300
    lrs: tuple[float, ...] = (0.01, 0.03, 0.1, 0.3)  # Adam's rate: the grid every arm is trained at
    estimator: str = "reparam"  # the idea arm's estimator; "score" (no baseline) takes the idea out
    threads: int | None = 1


CONFIGS: dict[str, Config] = {
    "ci": Config(steps=200),
    "quick": Config(),
    "full": Config(steps=2000, dim=64, repeats=1000, lrs=(0.003, 0.01, 0.03, 0.1)),
}

Target = tuple[torch.Tensor, torch.Tensor]


def fit(
    estimator: str, lr: float, cfg: Config, target: Target, seed: int, device: torch.device,
    progress: Progress | None,
) -> tuple[list[float], list[tuple[torch.Tensor, torch.Tensor]], float]:  # fmt: skip
    """Fit q with one estimator at one rate: the loss curve, the checkpoints' (μ, log σ), the final KL."""
    target_mean, target_log_std = target

    def f(z: torch.Tensor) -> torch.Tensor:
        return log_normal(z, target_mean, target_log_std)  # log p(z): the ELBO's expectation term

    mu = torch.nn.Parameter(torch.zeros(cfg.dim, device=device))
    log_std = torch.nn.Parameter(torch.zeros(cfg.dim, device=device))
    noise = toys.make_generator(20_000 + seed, device)  # same noise stream in every arm and at every rate
    optimizer = torch.optim.Adam([mu, log_std], lr=lr)
    at = {round(i * cfg.steps / (cfg.checkpoints - 1)) for i in range(cfg.checkpoints)}
    saved = [(mu.detach().clone(), log_std.detach().clone())]  # step 0, the start
    kls = torch.zeros(cfg.steps, device=device)  # exact KL after every step, kept on the device

    def step_loss(step: int) -> torch.Tensor:
        return surrogate_loss(mu, log_std, f, cfg.samples, estimator, noise)

    def after_step(step: int) -> None:
        with torch.no_grad():
            kls[step] = gaussian_kl(mu, log_std, target_mean, target_log_std)
        if step + 1 in at:
            saved.append((mu.detach().clone(), log_std.detach().clone()))

    losses = harness.train(
        step_loss,
        [mu, log_std],
        optimizer,
        cfg.steps,
        device=device,
        progress=progress,
        after_step=after_step,
    )
    tail = kls[-max(1, round(cfg.tail * cfg.steps)) :]
    return losses, saved, toys.finite_or(float(tail.mean()), 1e6)


def gradient_variance(
    estimator: str, mu: torch.Tensor, log_std: torch.Tensor, f: Callable[[torch.Tensor], torch.Tensor],
    cfg: Config, generator: torch.Generator,
) -> float:  # fmt: skip
    """log10 of the μ-gradient estimate's per-coordinate variance at (μ, log σ), averaged over coordinates."""
    mu, log_std = mu.clone().requires_grad_(True), log_std.clone().requires_grad_(True)
    grads = []
    for _ in range(cfg.repeats):
        loss = surrogate_loss(mu, log_std, f, cfg.samples, estimator, generator)
        (g_mu,) = torch.autograd.grad(loss, [mu])
        grads.append(g_mu)
    return math.log10(max(float(torch.stack(grads).var(dim=0).mean()), 1e-30))


def train_arm(
    arm: str, estimator: str, cfg: Config, target: Target, seed: int, device: torch.device,
    progress: Progress | None,
) -> ArmResult:  # fmt: skip
    """Fit q at every rate of the grid; at the best, measure the estimator's variance along the way."""
    target_mean, target_log_std = target

    def f(z: torch.Tensor) -> torch.Tensor:
        return log_normal(z, target_mean, target_log_std)

    runs = {lr: fit(estimator, lr, cfg, target, seed, device, progress) for lr in cfg.lrs}
    kls = {lr: run[2] for lr, run in runs.items()}
    best = min(cfg.lrs, key=lambda lr: kls[lr])
    losses, saved, _ = runs[best]
    probe = toys.make_generator(30_000 + seed, device)  # its own stream: the measurement moves no training
    variances = [gradient_variance(estimator, m, s, f, cfg, probe) for m, s in saved]
    start_kl = kl_divergence(
        torch.zeros_like(target_mean), torch.zeros_like(target_mean), target_mean, target_log_std
    )
    metrics = {
        "final_kl": kls[best],  # at the arm's best rate, mean over the last ``tail`` of the steps
        "best_lr": best,
        "log10_grad_var": sum(variances) / len(variances),  # mean over the checkpoints
        "log10_grad_var_start": variances[0],
        "start_kl": start_kl,
        **{f"kl@lr{lr:g}": kl for lr, kl in kls.items()},
    }
    checkpoint_steps = [round(i * cfg.steps / (cfg.checkpoints - 1)) for i in range(cfg.checkpoints)]
    curves = {
        "loss": [toys.finite_or(v, 1e6) for v in losses],
        "log10_grad_var": variances,
        "log10_grad_var_step": [float(s) for s in checkpoint_steps],
    }
    return ArmResult(arm, metrics, curves)


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Fit the seed's target with both estimators, each over the learning-rate grid."""
    cfg = harness.configure(CONFIGS, budget, overrides)
    if cfg.checkpoints < 2:
        raise ValueError(f"checkpoints must be at least 2 (the start and the end), got {cfg.checkpoints}")
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        gen = toys.make_generator(10_000 + seed, device)
        target_mean = torch.randn(cfg.dim, generator=gen, device=device)
        target_log_std = torch.rand(cfg.dim, generator=gen, device=device) * math.log(4.0) - math.log(2.0)
        for arm, estimator in {"reparam": cfg.estimator, "score_baseline": "score_baseline"}.items():
            session.arms[arm] = train_arm(
                arm, estimator, cfg, (target_mean, target_log_std), seed, device, session.start(arm)
            )
    return session.result()
