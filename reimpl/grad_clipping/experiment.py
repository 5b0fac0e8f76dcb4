"""Toy experiment: an RNN with large recurrent weights learns a delayed echo, with and without clipping.

The task: read white noise x_t and output y_t = x_{t−d} (remember the last few inputs). The recurrent
weights start with gain 2, in the regime where backpropagated gradients explode. Both arms use the same
initialisation, batches and plain SGD learning rate; the idea arm rescales the gradient to norm at most
``threshold`` before each step. A run that meets a non-finite loss or gradient stops changing its weights
there and counts as diverged (its final loss is recorded as ``LOSS_CAP``); the check happens on the device,
so the loop never waits for the host.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import torch

from reimpl import harness
from reimpl.grad_clipping.model import TanhRNN, clip_gradient_norm, global_grad_norm
from reimpl.harness import ArmResult, Budget, Progress, RunResult
from reimpl.toys import finite_or, make_generator

LOSS_CAP = 1e6  # the loss recorded for a diverged run (the target variance is 1: predicting 0 scores ≈ 1)
NORM_CAP = 1e30  # the gradient norm recorded when it overflowed to inf


@dataclass(frozen=True)
class Config:
    """Toy size and training length; one instance per budget."""

    hidden: int = 64
    gain: float = 2.0  # spectral radius of the initial W_rec; > 1 invites exploding gradients
    length: int = 50
    delay: int = 3
    batch: int = 32
    steps: int = 300
    lr: float = 0.1
    threshold: float | None = 1.0  # the idea arm's threshold; 1000 clips too loosely to bound a step
    report_every: int = 25
    threads: int | None = 1  # tiny recurrent models run fastest single-threaded on a shared CPU


CONFIGS: dict[str, Config] = {
    "ci": Config(),
    "quick": Config(steps=500),
    "full": Config(hidden=128, length=100, steps=3000),
}


def delayed_echo(
    batch: int, length: int, delay: int, generator: torch.Generator, device: torch.device
) -> tuple[torch.Tensor, torch.Tensor]:
    """Inputs x ~ N(0, 1) of shape (batch, length, 1) and targets y_t = x_{t−delay} (0 before the start)."""
    x = torch.randn(batch, length, 1, generator=generator, device=device)
    y = torch.zeros_like(x)
    y[:, delay:] = x[:, :-delay]
    return x, y


def train_arm(
    cfg: Config, threshold: float | None, seed: int, device: torch.device, progress: Progress | None
) -> ArmResult:
    """Train with plain SGD, clipping at ``threshold`` (None: never), and record loss and gradient norms."""
    harness.seed_everything(seed)  # same initialisation in both arms
    with device:  # built on its device
        model = TanhRNN(1, cfg.hidden, 1, cfg.gain)
    params = list(model.parameters())
    opt = torch.optim.SGD(params, lr=cfg.lr)
    data_gen = make_generator(seed, device)  # same training batches in both arms
    losses = torch.full((cfg.steps,), math.nan, device=device)  # nan: a step after the run diverged
    norms = torch.full((cfg.steps,), math.nan, device=device)
    alive = torch.ones((), dtype=torch.bool, device=device)  # no non-finite loss or gradient met yet
    for step in range(cfg.steps):
        x, y = delayed_echo(cfg.batch, cfg.length, cfg.delay, data_gen, device)
        opt.zero_grad(set_to_none=True)
        with harness.mixed_precision(device):
            loss = torch.mean((model(x).float() - y) ** 2)
        loss.backward()
        norm = global_grad_norm(params) if threshold is None else clip_gradient_norm(params, threshold)
        # a toy this small cannot afford a step on an inf/nan gradient: from the first one on, steps are zero
        alive &= torch.isfinite(loss.detach()) & torch.isfinite(norm)
        for p in params:
            if p.grad is not None:
                p.grad = torch.where(alive, p.grad, torch.zeros_like(p.grad))
        opt.step()
        harness.fresh_casts()
        losses[step] = torch.where(alive, loss.detach().float(), math.nan)
        norms[step] = norm.float()  # the overflowing norm too: the peak of the explosion
        if progress is not None and ((step + 1) % cfg.report_every == 0 or step + 1 == cfg.steps):
            progress(step + 1, cfg.steps, {"loss": float(losses[step]), "grad_norm": float(norm)})
    loss_list = [v for v in losses.tolist() if math.isfinite(v)]
    norm_list = norms.tolist()
    diverged = len(loss_list) < cfg.steps
    finite_norms = sorted(v for v in norm_list if math.isfinite(v))
    largest_seen = max(norm_list, key=lambda v: v if not math.isnan(v) else -1.0)  # inf counts
    tail = loss_list[-max(1, cfg.steps // 10) :]
    metrics = {
        # capped so that results stay plain JSON: a diverged run is recorded at the cap
        "final_loss": LOSS_CAP if diverged or not tail else finite_or(sum(tail) / len(tail), LOSS_CAP),
        "diverged": float(diverged),
        "steps_trained": float(len(loss_list)),
        # orders of magnitude read better than 1e19 in a table; an overflow is recorded as 10^30
        "log10_max_grad_norm": math.log10(max(finite_or(largest_seen, NORM_CAP), 1e-12)),
        "log10_median_grad_norm": (
            math.log10(max(finite_norms[len(finite_norms) // 2], 1e-12)) if finite_norms else -12.0
        ),
    }
    name = "clipped" if threshold is not None else "unclipped"
    # log10 scale: an exploding run climbs through 20 orders of magnitude before it overflows
    curves = {
        "log10_loss": [math.log10(max(v, 1e-12)) for v in loss_list],
        "log10_grad_norm": [
            math.log10(max(finite_or(v, NORM_CAP), 1e-12)) for v in norm_list[: len(loss_list)]
        ],
    }
    return ArmResult(name, metrics, curves)


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Train both arms (clipped, unclipped) at ``budget`` and return their metrics and curves."""
    cfg = harness.configure(CONFIGS, budget, overrides)  # unknown budget or knob: ValueError
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        for arm, threshold in {"clipped": cfg.threshold, "unclipped": None}.items():
            session.arms[arm] = train_arm(cfg, threshold, seed, device, session.start(arm))
    return session.result()
