"""Toy experiment: an MLP fits Gaussian classes whose training labels are 40% wrong, with or without mixup.

Both arms share initialisation, data (the same corrupted labels) and optimiser, and train full batch;
the idea arm sees mixed inputs and soft mixed labels each step. Accuracy is measured against the
*clean* labels of a large held-out set from the same distribution.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch
from torch.nn import functional as F

from reimpl import harness
from reimpl.harness import ArmResult, Budget, Progress, RunResult
from reimpl.mixup.model import mix, sample_lambda, soft_cross_entropy
from reimpl.toys import flip_labels, gaussian_blobs, make_generator, mlp


@dataclass(frozen=True)
class Config:
    """Toy size and training length; one instance per budget."""

    n_classes: int = 10
    dim: int = 16
    spread: float = 1.0
    n_train: int = 1000
    n_test: int = 10_000
    noise: float = 0.4  # share of training labels flipped to another class
    hidden: int = 128
    steps: int = 400
    lr: float = 2e-3
    alpha: float = 1.0  # the idea arm's Beta(α, α)
    mix_labels: bool = True  # False mixes the inputs only, each keeping its major partner's label (ablation)
    threads: int | None = 1


CONFIGS: dict[str, Config] = {
    "ci": Config(),
    "quick": Config(steps=500),
    "full": Config(n_train=5000, n_test=50_000, hidden=256, steps=3000),
}


def train_arm(
    cfg: Config,
    alpha: float,
    data: tuple[torch.Tensor, ...],
    seed: int,
    device: torch.device,
    progress: Progress | None,
) -> ArmResult:
    """Fit the MLP on the noisy labels (mixup with ``alpha``; 0 = ERM) and measure clean accuracy."""
    x_train, y_noisy, x_test, y_test, flipped = data
    harness.seed_everything(seed)  # same initialisation (and λ / partner draws) in both arms
    with device:  # built on its device
        model = mlp(cfg.dim, cfg.hidden, cfg.n_classes)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    y_onehot = F.one_hot(y_noisy, cfg.n_classes).float()

    def step_loss(step: int) -> torch.Tensor:
        model.train()
        if alpha == 0:
            return soft_cross_entropy(model(x_train), y_onehot)
        lam = sample_lambda(cfg.n_train, alpha, device)
        partner = torch.randperm(cfg.n_train, device=device)
        x_mix, y_mix = mix(x_train, y_onehot, lam, partner)
        if not cfg.mix_labels:  # the label of whichever example weighs more in the mix, one-hot
            y_mix = torch.where(lam >= 0.5, y_onehot, y_onehot[partner])
        return soft_cross_entropy(model(x_mix), y_mix)

    losses = harness.train(step_loss, model.parameters(), opt, cfg.steps, device=device, progress=progress)

    model.eval()
    with torch.no_grad():
        test_pred = model(x_test).argmax(-1)
        train_pred = model(x_train).argmax(-1)
    metrics = {
        "clean_test_acc": float((test_pred == y_test).float().mean()),
        # how many wrong training labels the network reproduces: memorisation of the noise
        "memorised_noise": float((train_pred[flipped] == y_noisy[flipped]).float().mean()),
    }
    return ArmResult("mixup" if alpha > 0 else "erm", metrics, {"loss": losses})


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Train both arms (mixup, ERM) at ``budget`` on the same noisy data; return metrics and curves."""
    cfg = harness.configure(CONFIGS, budget, overrides)  # unknown budget or knob: ValueError
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        gen = make_generator(seed, device)
        x_train, y_train, centres = gaussian_blobs(
            cfg.n_train, cfg.n_classes, cfg.dim, cfg.spread, gen, device
        )
        x_test, y_test, _ = gaussian_blobs(
            cfg.n_test, cfg.n_classes, cfg.dim, cfg.spread, gen, device, centres
        )
        y_noisy, flipped = flip_labels(y_train, cfg.n_classes, cfg.noise, gen)
        data = (x_train, y_noisy, x_test, y_test, flipped)
        for arm, alpha in {"mixup": cfg.alpha, "erm": 0.0}.items():
            session.arms[arm] = train_arm(cfg, alpha, data, seed, device, session.start(arm))
    return session.result()
