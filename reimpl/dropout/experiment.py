"""Toy experiment: a wide MLP on a small, noisy Gaussian-mixture data set, with and without dropout.

Arms (same data, initial weights and optimiser; only the dropout probabilities differ):

- ``dropout``: hidden units dropped with probability ``p`` (½), inputs with ``p_input`` (0.2), a fresh mask
  for every training case at every step; the ablation (``resample=False``) draws the masks once and keeps
  them, which trains one fixed thinner net instead of many random ones,
- ``plain``: no dropout.

Both train full-batch on the same few hundred points (a share of whose labels are flipped) for a fixed number
of steps, with no early stopping, then are evaluated on a large test set drawn from the same clean mixture.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F

from reimpl import harness, toys
from reimpl.dropout.model import MLP
from reimpl.harness import ArmResult, Budget, Progress, RunResult


@dataclass(frozen=True)
class Config:
    """Every knob of the experiment; ``run(..., **overrides)`` replaces any of them."""

    dim: int = 20
    classes: int = 4
    spread: float = 0.8  # class overlap: larger means a higher Bayes error
    label_noise: float = 0.2  # share of training labels flipped to another class
    n_train: int = 200
    n_test: int = 4000
    width: int = 256
    depth: int = 2
    p: float = 0.5  # hidden-unit dropout in the "dropout" arm; 0 takes the idea out
    p_input: float = 0.2  # input dropout in the "dropout" arm, as the paper uses for inputs
    resample: bool = True  # a fresh mask per case and step; False keeps one mask (a fixed thinner net)
    lr: float = 1e-3
    steps: int = 800
    eval_every: int = 50
    threads: int | None = 1


CONFIGS: dict[str, Config] = {
    "ci": Config(steps=500),
    "quick": Config(),
    "full": Config(steps=4000, n_train=500),
}


@torch.no_grad()
def evaluate(model: MLP, x: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Cross-entropy and accuracy in eval mode (all units present); kept on the device."""
    was_training = model.training
    model.eval()
    logits = model(x)
    model.train(was_training)
    return F.cross_entropy(logits, y), (logits.argmax(1) == y).float().mean()


def train_arm(
    arm: str,
    p: float,
    p_input: float,
    cfg: Config,
    data: dict[str, torch.Tensor],
    seed: int,
    device: torch.device,
    progress: Progress | None,
) -> ArmResult:
    """Train full-batch on the noisy training set; evaluate on it and on the test set."""
    harness.seed_everything(seed)  # same initial weights in both arms
    masks = toys.make_generator(30_000 + seed, device)
    with device:  # built on its device
        model = MLP(cfg.dim, cfg.width, cfg.depth, cfg.classes, p, p_input, masks, cfg.resample)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    model.train()
    test_curve: list[torch.Tensor] = []

    def step_loss(step: int) -> torch.Tensor:
        return F.cross_entropy(model(data["x_train"]), data["y_train"])

    def after_step(step: int) -> None:
        if (step + 1) % cfg.eval_every == 0:
            test_curve.append(evaluate(model, data["x_test"], data["y_test"])[0])

    losses = harness.train(
        step_loss,
        model.parameters(),
        optimizer,
        cfg.steps,
        device=device,
        progress=progress,
        after_step=after_step,
    )
    train_loss, train_acc = (float(v) for v in evaluate(model, data["x_train"], data["y_train"]))
    test_loss, test_acc = (float(v) for v in evaluate(model, data["x_test"], data["y_test"]))
    metrics = {
        "train_loss": train_loss,
        "train_acc": train_acc,
        "test_loss": test_loss,
        "test_acc": test_acc,
        "acc_gap": train_acc - test_acc,
        "loss_gap": test_loss - train_loss,
    }
    curves = {
        "loss": losses,
        "test_loss": torch.stack(test_curve).tolist() if test_curve else [],
        "test_loss_step": [float((j + 1) * cfg.eval_every) for j in range(len(test_curve))],
    }
    return ArmResult(arm, metrics, curves)


def make_data(cfg: Config, seed: int, device: torch.device) -> dict[str, torch.Tensor]:
    """A small training set with flipped labels and a large clean test set from the same mixture."""
    gen = toys.make_generator(10_000 + seed, device)
    x_train, y_clean, centres = toys.gaussian_blobs(
        cfg.n_train, cfg.classes, cfg.dim, cfg.spread, gen, device
    )
    y_train, _ = toys.flip_labels(y_clean, cfg.classes, cfg.label_noise, gen)
    x_test, y_test, _ = toys.gaussian_blobs(
        cfg.n_test, cfg.classes, cfg.dim, cfg.spread, gen, device, centres
    )
    return {"x_train": x_train, "y_train": y_train, "x_test": x_test, "y_test": y_test}


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Train both arms on one seed's data set."""
    cfg = harness.configure(CONFIGS, budget, overrides)
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        data = make_data(cfg, seed, device)
        plan = {"dropout": (cfg.p, cfg.p_input), "plain": (0.0, 0.0)}
        for arm, (p, p_input) in plan.items():
            session.arms[arm] = train_arm(arm, p, p_input, cfg, data, seed, device, session.start(arm))
    return session.result()
