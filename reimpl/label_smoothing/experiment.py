"""Toy experiment: an over-parameterised MLP on overlapping Gaussian classes, with and without smoothing.

A small training set drawn from a mixture of overlapping Gaussians (so even the best classifier errs)
is fitted by an MLP much bigger than it needs; with one-hot targets it memorises the training labels and
grows over-confident. Both arms share initialisation, data and optimiser; the idea arm trains on
smoothed targets. Calibration is measured on a large held-out set from the same distribution.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch

from reimpl import harness
from reimpl.harness import ArmResult, Budget, Progress, RunResult
from reimpl.label_smoothing.model import expected_calibration_error, resample_labels, smoothed_cross_entropy
from reimpl.toys import gaussian_blobs, make_generator, mlp


@dataclass(frozen=True)
class Config:
    """Toy size and training length; one instance per budget."""

    n_classes: int = 10
    dim: int = 16
    spread: float = 1.5  # class overlap: the Bayes-optimal classifier is far from 100% right
    n_train: int = 1000
    n_test: int = 10_000
    hidden: int = 128
    steps: int = 300
    lr: float = 2e-3
    eps: float = 0.1  # the idea arm's smoothing
    soft: bool = True  # False: the idea arm gets hard labels resampled from q' instead (the ablation)
    bins: int = 15
    threads: int | None = 1  # small full-batch MLPs gain little from a second, shared core


CONFIGS: dict[str, Config] = {
    "ci": Config(),
    "quick": Config(steps=500),
    "full": Config(n_train=5000, n_test=50_000, hidden=256, steps=3000),
}


def train_arm(
    cfg: Config,
    eps: float,
    data: tuple[torch.Tensor, ...],
    seed: int,
    device: torch.device,
    progress: Progress | None,
) -> ArmResult:
    """Fit the MLP with smoothing ``eps`` (full batch) and measure held-out accuracy and calibration."""
    x_train, y_train, x_test, y_test = data
    harness.seed_everything(seed)  # same initialisation in both arms
    with device:  # built on its device
        model = mlp(cfg.dim, cfg.hidden, cfg.n_classes)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    labels = y_train
    if eps > 0 and not cfg.soft:
        labels = resample_labels(y_train, cfg.n_classes, eps, make_generator(30_000 + seed, device))

    def step_loss(step: int) -> torch.Tensor:
        model.train()
        return smoothed_cross_entropy(model(x_train), labels, eps if cfg.soft else 0.0)

    losses = harness.train(step_loss, model.parameters(), opt, cfg.steps, device=device, progress=progress)

    model.eval()
    with torch.no_grad():
        probs = torch.softmax(model(x_test).float(), dim=-1)
        train_acc = float((model(x_train).argmax(-1) == y_train).float().mean())
    confidence = probs.max(-1).values
    metrics = {
        "ece": expected_calibration_error(probs, y_test, cfg.bins),
        "confidence": float(confidence.mean()),
        "accuracy": float((probs.argmax(-1) == y_test).float().mean()),
        "nll": float(-probs.gather(1, y_test.unsqueeze(1)).clamp_min(1e-12).log().mean()),
        "train_accuracy": train_acc,
    }
    return ArmResult("smoothed" if eps > 0 else "one_hot", metrics, {"loss": losses})


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Train both arms (smoothed targets, one-hot targets) at ``budget``; return metrics and curves."""
    cfg = harness.configure(CONFIGS, budget, overrides)  # unknown budget or knob: ValueError
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        gen = make_generator(seed, device)
        x_train, y_train, centres = gaussian_blobs(
            cfg.n_train, cfg.n_classes, cfg.dim, cfg.spread, gen, device
        )
        x_test, y_test, _ = gaussian_blobs(
            cfg.n_test, cfg.n_classes, cfg.dim, cfg.spread, gen, device, centres
        )
        data = (x_train, y_train, x_test, y_test)
        for arm, eps in {"smoothed": cfg.eps, "one_hot": 0.0}.items():
            session.arms[arm] = train_arm(cfg, eps, data, seed, device, session.start(arm))
    return session.result()
