"""Toy experiment: an RNN with large recurrent weights learns a delayed echo, with and without clipping.

The task: read white noise x_t and output y_t = x_{t−d} (remember the last few inputs). The recurrent
weights start with gain 2, in the regime where backpropagated gradients explode. Both arms use the same
initialisation, batches and plain SGD learning rate; the idea arm rescales the gradient to norm at most
``threshold`` before each step. A run that meets a non-finite loss or gradient stops there and counts
as diverged (its final loss is recorded as ``LOSS_CAP``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import torch

from reimpl.grad_clipping.model import TanhRNN, clip_gradient_norm, global_grad_norm
from reimpl.harness import (
    ArmResult,
    Budget,
    Progress,
    RunResult,
    Stopwatch,
    cpu_threads,
    seed_everything,
    start_arm,
)
from reimpl.toys import configure, finite_or, make_generator, run_record

ARXIV_ID = "1211.5063"
NAME = "grad_clipping"
LOSS_CAP = 100.0  # the loss recorded for a diverged run: 100× the target variance (predicting 0 scores ≈ 1)
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
    threshold: float | None = 1.0  # clipping threshold of the idea arm; None is the ablation
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
    seed_everything(seed)  # same initialisation in both arms
    model = TanhRNN(1, cfg.hidden, 1, cfg.gain).to(device)
    params = list(model.parameters())
    opt = torch.optim.SGD(params, lr=cfg.lr)
    data_gen = make_generator(seed, device)  # same training batches in both arms
    losses: list[float] = []
    norms: list[float] = []
    diverged = False
    largest_seen = 0.0  # the largest gradient norm met, including the one that overflowed (inf)
    for step in range(cfg.steps):
        x, y = delayed_echo(cfg.batch, cfg.length, cfg.delay, data_gen, device)
        opt.zero_grad(set_to_none=True)
        loss = torch.mean((model(x) - y) ** 2)
        loss.backward()
        norm = global_grad_norm(params) if threshold is None else clip_gradient_norm(params, threshold)
        # one host sync per step: a toy this small cannot afford to take a step on an inf/nan gradient
        loss_value, norm_value = float(loss.detach()), float(norm)
        if not (math.isfinite(loss_value) and math.isfinite(norm_value)):
            diverged = True
            largest_seen = max(largest_seen, norm_value if not math.isnan(norm_value) else math.inf)
            break
        largest_seen = max(largest_seen, norm_value)
        opt.step()
        losses.append(loss_value)
        norms.append(norm_value)
        if progress is not None and ((step + 1) % cfg.report_every == 0 or step + 1 == cfg.steps):
            progress(step + 1, cfg.steps, {"loss": loss_value, "grad_norm": norm_value})
    tail = losses[-max(1, cfg.steps // 10) :]
    metrics = {
        # capped so that results stay plain JSON: a diverged run is recorded at the cap
        "final_loss": LOSS_CAP if diverged or not tail else finite_or(sum(tail) / len(tail), LOSS_CAP),
        "diverged": float(diverged),
        "steps_trained": float(len(losses)),
        # orders of magnitude read better than 1e19 in a table; an overflow is recorded as 10^30
        "log10_max_grad_norm": math.log10(max(finite_or(largest_seen, NORM_CAP), 1e-12)),
        "log10_median_grad_norm": math.log10(max(sorted(norms)[len(norms) // 2], 1e-12)) if norms else -12.0,
    }
    name = "clipped" if threshold is not None else "unclipped"
    # log10 scale: an exploding run climbs through 20 orders of magnitude before it overflows
    curves = {
        "log10_loss": [math.log10(max(v, 1e-12)) for v in losses],
        "log10_grad_norm": [math.log10(max(v, 1e-12)) for v in norms],
    }
    return ArmResult(name, metrics, curves)


def run(
    budget: Budget,
    seed: int,
    device: torch.device,
    progress: Progress | None = None,
    **overrides: Any,
) -> RunResult:
    """Train both arms (clipped, unclipped) at ``budget`` and return their metrics and curves."""
    cfg = configure(CONFIGS, budget, overrides)  # unknown budget or knob: ValueError
    watch = Stopwatch()
    with cpu_threads(cfg.threads if device.type == "cpu" else None):
        start_arm(progress, "clipped")
        idea = train_arm(cfg, cfg.threshold, seed, device, progress)
        start_arm(progress, "unclipped")
        base = train_arm(cfg, None, seed, device, progress)
    return run_record(ARXIV_ID, NAME, budget, seed, device, watch, {"clipped": idea, "unclipped": base}, cfg)
