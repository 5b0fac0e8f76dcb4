"""Toy experiment: one deep MLP trained online (one example per step) with layer norm, batch norm or neither.

Arms (same data, He-initialised weights and example order; only the layer after each hidden linear layer
differs): ``layer_norm`` (``norm`` swaps it for the ablation), ``batch_norm`` and ``plain``. The training-set
loss is measured at the end in inference mode (batch norm then uses its running averages).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F

from reimpl import harness, toys
from reimpl.harness import ArmResult, Budget, Progress, RunResult
from reimpl.layer_norm.model import MLP


@dataclass(frozen=True)
class Config:
    """Every knob of the experiment, at its default; ``CONFIGS`` and ``run(..., **overrides)`` change them."""

    depth: int = 6
    width: int = 64
    d_in: int = 16
    classes: int = 8
    n_train: int = 4096
    norm: str = "layer"  # the idea arm's layer; "affine" (g ⊙ a + b, no normalising) takes the idea out
    batch: int = 1  # online learning: the regime batch norm cannot handle
    lr: float = 0.05
    steps: int = 3000
    threads: int | None = 1


CONFIGS: dict[str, Config] = {
    "ci": Config(steps=1000),
    "quick": Config(steps=2000),
    "full": Config(steps=12_000),
}


def train_arm(
    arm: str,
    norm: str,
    cfg: Config,
    data: tuple[torch.Tensor, torch.Tensor],
    seed: int,
    device: torch.device,
    progress: Progress | None,
) -> ArmResult:
    """Train one net online and measure its loss on the whole training set."""
    x, y = data
    harness.seed_everything(seed)  # same initial linear weights in every arm (norms draw nothing)
    with device:  # built on its device
        model = MLP(cfg.d_in, cfg.width, cfg.depth, cfg.classes, norm)
    optimizer = torch.optim.SGD(model.parameters(), lr=cfg.lr)
    order = toys.make_generator(20_000 + seed, device)  # same examples in the same order in every arm
    model.train()

    def step_loss(step: int) -> torch.Tensor:
        idx = torch.randint(0, cfg.n_train, (cfg.batch,), generator=order, device=device)
        return F.cross_entropy(model(x[idx]), y[idx])

    losses = harness.train(
        step_loss,
        model.parameters(),
        optimizer,
        cfg.steps,
        device=device,
        progress=progress,
        report_every=250,
    )
    model.eval()
    with torch.no_grad():
        logits = model(x).float()
        train_loss = toys.finite_or(float(F.cross_entropy(logits, y)), 1e6)
        train_acc = float((logits.argmax(1) == y).float().mean())
    metrics = {"train_loss": train_loss, "train_acc": train_acc, "chance_acc": 1 / cfg.classes}
    # a running mean: one example's loss is too noisy to plot
    window = max(1, cfg.steps // 50)
    smooth = [sum(losses[i : i + window]) / window for i in range(0, cfg.steps - window + 1, window)]
    return ArmResult(arm, metrics, {"loss": [toys.finite_or(v, 1e6) for v in smooth]})


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Train the three arms on one seed's training set."""
    cfg = harness.configure(CONFIGS, budget, overrides)
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        data = toys.mlp_teacher(
            cfg.n_train, cfg.d_in, cfg.classes, toys.make_generator(10_000 + seed, device), device
        )
        for arm, norm in {"layer_norm": cfg.norm, "batch_norm": "batch", "plain": "none"}.items():
            session.arms[arm] = train_arm(arm, norm, cfg, data, seed, device, session.start(arm))
    return session.result()
