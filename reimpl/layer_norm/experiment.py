"""Toy experiment: one deep MLP trained with small batches under layer norm, batch norm or neither.

Arms (same data, He-initialised weights and batches; only the layer after each hidden linear layer
differs): ``layer_norm`` (``norm`` swaps it for the ablation), ``batch_norm`` and ``plain``. Each arm is
trained at every learning rate of the grid ``lrs`` (plain SGD), all rates side by side in one stack of nets
(:class:`reimpl.toys.NormMLP` with ``copies``), and judged at its best rate: best against best. Accuracy is
measured on the whole training set at the end in inference mode (batch norm then uses its running averages).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F

from reimpl import harness, toys
from reimpl.harness import ArmResult, Budget, Progress, RunResult
from reimpl.layer_norm.model import mlp


@dataclass(frozen=True)
class Config:
    """Every knob of the experiment, at its default; ``CONFIGS`` and ``run(..., **overrides)`` change them."""

    depth: int = 6
    width: int = 64
    d_in: int = 16
    classes: int = 8
    n_train: int = 4096
    norm: str = "layer"  # the idea arm's layer; "affine" (g ⊙ a + b, no normalising) takes the idea out
    batch: int = 4  # a small batch above one: batch norm's statistics come from 4 cases
    lrs: tuple[float, ...] = (0.01, 0.03, 0.1, 0.3)  # the grid every arm is trained at
    steps: int = 1000
    threads: int | None = 1


CONFIGS: dict[str, Config] = {
    "ci": Config(steps=500),
    "quick": Config(steps=1000),
    "full": Config(steps=8000),
}


def lr_key(lr: float) -> str:
    """The metric name of the accuracy at one learning rate of the grid."""
    return f"acc@lr{lr:g}"


def train_arm(
    arm: str,
    norm: str,
    cfg: Config,
    data: tuple[torch.Tensor, torch.Tensor],
    seed: int,
    device: torch.device,
    progress: Progress | None,
) -> ArmResult:
    """Train one net per learning rate of the grid, side by side, and measure each on the training set."""
    x, y = data
    copies = len(cfg.lrs)
    harness.seed_everything(seed)  # same initial linear weights in every arm (norms draw nothing)
    with device:  # built on its device
        model = mlp(cfg.d_in, cfg.width, cfg.depth, cfg.classes, norm, copies=copies)
    lrs = torch.tensor(cfg.lrs, device=device)
    # SGD at rate 1 on Σ_g lr_g · loss_g is SGD at lr_g on copy g: the copies share no parameter
    optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
    order = toys.make_generator(20_000 + seed, device)  # same batches in the same order in every arm
    per_copy = torch.zeros(cfg.steps, copies, device=device)
    model.train()

    def step_loss(step: int) -> torch.Tensor:
        idx = torch.randint(0, cfg.n_train, (cfg.batch,), generator=order, device=device)
        logits = model(x[idx]).float()  # (copies, batch, classes)
        losses = F.cross_entropy(logits.transpose(1, 2), y[idx].expand(copies, -1), reduction="none").mean(1)
        per_copy[step] = losses.detach()
        return (lrs * losses).sum()

    harness.train(
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
        acc = (model(x).float().argmax(-1) == y).float().mean(-1)  # one per learning rate
    accs = [float(a) for a in acc]
    best = max(range(copies), key=lambda i: accs[i])
    metrics = {
        "train_acc": accs[best],  # at the arm's best rate
        "best_lr": cfg.lrs[best],
        "chance_acc": 1 / cfg.classes,
        **{lr_key(lr): a for lr, a in zip(cfg.lrs, accs, strict=True)},
    }
    # the best rate's loss as a running mean: a few examples' loss is too noisy to plot
    window = max(1, cfg.steps // 50)
    curve = per_copy[:, best].tolist()
    smooth = [sum(curve[i : i + window]) / window for i in range(0, cfg.steps - window + 1, window)]
    return ArmResult(arm, metrics, {"loss": [toys.finite_or(v, 1e6) for v in smooth]})


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Train the three arms, each over the learning-rate grid, on one seed's training set."""
    cfg = harness.configure(CONFIGS, budget, overrides)
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        data = toys.mlp_teacher(
            cfg.n_train, cfg.d_in, cfg.classes, toys.make_generator(10_000 + seed, device), device
        )
        for arm, norm in {"layer_norm": cfg.norm, "batch_norm": "batch", "plain": "none"}.items():
            session.arms[arm] = train_arm(arm, norm, cfg, data, seed, device, session.start(arm))
    return session.result()
