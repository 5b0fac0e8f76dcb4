"""Toy experiment: a teacher MLP trained on plenty of data; a small student trained on a few points two ways.

The teacher fits 8000 points of overlapping Gaussian classes. Students (same initial weights, same transfer
set of ``n_transfer`` points, same optimiser) then train on that transfer set:

- ``distilled``: the teacher's soft targets at ``temperature`` (weight ``alpha``) plus the true labels,
- ``labels``: the true labels alone.

``teacher_steps=0`` (the ablation) leaves the teacher untrained: soft targets from a net that knows nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F

from reimpl import harness, toys
from reimpl.distillation.model import distillation_loss
from reimpl.harness import ArmResult, Budget, Progress, RunResult


@dataclass(frozen=True)
class Config:
    """Every knob of the experiment, at its default; ``CONFIGS`` and ``run(..., **overrides)`` change them."""

    n_classes: int = 10
    dim: int = 16
    spread: float = 1.2
    n_teacher: int = 4000
    n_transfer: int = 200
    n_test: int = 10_000
    teacher_hidden: int = 128
    student_hidden: int = 32
    teacher_steps: int = 300  # 0 leaves the teacher untrained (the ablation)
    steps: int = 300  # student steps
    lr: float = 3e-3
    temperature: float = 4.0
    alpha: float = 0.9  # weight of the soft targets in the distilled arm
    threads: int | None = 1


CONFIGS: dict[str, Config] = {
    "ci": Config(),
    "quick": Config(steps=500),
    "full": Config(n_teacher=20_000, teacher_steps=1500, steps=2000, n_test=50_000),
}


def train_teacher(cfg: Config, x: torch.Tensor, y: torch.Tensor, seed: int, device: torch.device) -> Any:
    """The teacher: a wide MLP fitted full batch to the large training set."""
    harness.seed_everything(10_000 + seed)
    with device:  # built on its device
        teacher = toys.mlp(cfg.dim, cfg.teacher_hidden, cfg.n_classes)
    optimizer = torch.optim.Adam(teacher.parameters(), lr=cfg.lr)
    harness.train(
        lambda step: F.cross_entropy(teacher(x), y),
        teacher.parameters(),
        optimizer,
        cfg.teacher_steps,
        device=device,
    )
    teacher.eval()
    return teacher


def train_arm(
    arm: str,
    alpha: float,
    cfg: Config,
    data: dict[str, torch.Tensor],
    seed: int,
    device: torch.device,
    progress: Progress | None,
) -> ArmResult:
    """Train the student on the transfer set with soft-target weight ``alpha`` (0: labels only)."""
    harness.seed_everything(seed)  # same initial student in every arm
    with device:
        student = toys.mlp(cfg.dim, cfg.student_hidden, cfg.n_classes, depth=1)
    optimizer = torch.optim.Adam(student.parameters(), lr=cfg.lr)

    def step_loss(step: int) -> torch.Tensor:
        logits = student(data["x_transfer"])
        return distillation_loss(logits, data["teacher_logits"], data["y_transfer"], cfg.temperature, alpha)

    losses = harness.train(
        step_loss, student.parameters(), optimizer, cfg.steps, device=device, progress=progress
    )
    with torch.no_grad():
        acc = float((student(data["x_test"]).argmax(-1) == data["y_test"]).float().mean())
    return ArmResult(arm, {"test_acc": acc, "teacher_acc": float(data["teacher_acc"])}, {"loss": losses})


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Train the teacher, then both students, for one seed."""
    cfg = harness.configure(CONFIGS, budget, overrides)
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        gen = toys.make_generator(seed, device)
        x, y, centres = toys.gaussian_blobs(cfg.n_teacher, cfg.n_classes, cfg.dim, cfg.spread, gen, device)
        x_test, y_test, _ = toys.gaussian_blobs(
            cfg.n_test, cfg.n_classes, cfg.dim, cfg.spread, gen, device, centres
        )
        teacher = train_teacher(cfg, x, y, seed, device)
        with torch.no_grad():
            data = {
                "x_transfer": x[: cfg.n_transfer],
                "y_transfer": y[: cfg.n_transfer],
                "teacher_logits": teacher(x[: cfg.n_transfer]).float(),
                "x_test": x_test,
                "y_test": y_test,
                "teacher_acc": (teacher(x_test).argmax(-1) == y_test).float().mean(),
            }
        for arm, alpha in {"distilled": cfg.alpha, "labels": 0.0}.items():
            session.arms[arm] = train_arm(arm, alpha, cfg, data, seed, device, session.start(arm))
    return session.result()
