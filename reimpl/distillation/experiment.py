"""Toy experiment: a teacher MLP trained on plenty of data; a small student trained on a few points two ways.

The teacher fits ``n_teacher`` points of overlapping Gaussian classes (4,000; 20,000 at the full budget),
stopped at its best accuracy on a validation set. Students (same initial weights, same transfer set of
``n_transfer`` points, Adam) then train full batch on that transfer set:

- ``distilled``: the teacher's soft targets at ``temperature`` (weight ``alpha``) plus the true labels,
- ``labels``: the true labels alone.

Every student is trained at each rate of the grid ``lrs`` and stopped early: its accuracy on the validation
set (``n_val`` points, drawn apart from the transfer and test sets) is taken every ``eval_every`` steps, and
the (rate, step) with the best validation accuracy is the one whose held-out test accuracy is reported. So
each arm is judged best against best, and nothing is chosen on the test set.

``teacher_steps=0`` (the ablation) leaves the teacher untrained: soft targets from a net that knows nothing.
``targets`` swaps the teacher's soft targets for a control that keeps their off-label mass but not which
wrong classes carry it: ``"smooth"`` (label smoothing of matched strength) or ``"shuffled"`` (the wrong
classes' probabilities permuted).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F

from reimpl import harness, toys
from reimpl.distillation.model import distillation_loss_to, soft_targets
from reimpl.harness import ArmResult, Budget, Progress, RunResult


@dataclass(frozen=True)
class Config:
    """Every knob of the experiment, at its default; ``CONFIGS`` and ``run(..., **overrides)`` change them."""

    n_classes: int = 10
    dim: int = 16
    spread: float = 1.2
    n_teacher: int = 4000
    n_transfer: int = 200
    n_val: int = 1000
    n_test: int = 10_000
    teacher_hidden: int = 128
    student_hidden: int = 32
    teacher_steps: int = 300  # 0 leaves the teacher untrained (the ablation)
    teacher_lr: float = 3e-3
    steps: int = 400  # student steps at most (early stopping picks the step)
    lrs: tuple[float, ...] = (1e-3, 3e-3, 1e-2, 3e-2)  # the students' Adam rates
    eval_every: int = 20
    temperature: float = 4.0
    alpha: float = 0.9  # weight of the soft targets in the distilled arm
    targets: str = "teacher"  # "smooth" or "shuffled": the controls
    threads: int | None = 1


CONFIGS: dict[str, Config] = {
    "ci": Config(steps=300),
    "quick": Config(),
    "full": Config(n_teacher=20_000, teacher_steps=1500, steps=2000, n_test=50_000, eval_every=50),
}


def accuracy(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Share of ``x`` classified as ``y`` (a tensor on the device)."""
    return (model(x).argmax(-1) == y).float().mean()


def train_teacher(cfg: Config, data: dict[str, torch.Tensor], seed: int, device: torch.device) -> Any:
    """The teacher: a wide MLP fitted full batch to its training set, kept at its best validation step."""
    harness.seed_everything(10_000 + seed)
    with device:  # built on its device
        teacher = toys.mlp(cfg.dim, cfg.teacher_hidden, cfg.n_classes)
    optimizer = torch.optim.Adam(teacher.parameters(), lr=cfg.teacher_lr)
    best_acc = [-1.0]
    best_state = {k: v.clone() for k, v in teacher.state_dict().items()}

    def after_step(step: int) -> None:
        if (step + 1) % cfg.eval_every == 0:
            with torch.no_grad():
                acc = float(accuracy(teacher, data["x_val"], data["y_val"]))
            if acc > best_acc[0]:
                best_acc[0] = acc
                best_state.update({k: v.clone() for k, v in teacher.state_dict().items()})

    harness.train(
        lambda step: F.cross_entropy(teacher(data["x_teacher"]), data["y_teacher"]),
        teacher.parameters(),
        optimizer,
        cfg.teacher_steps,
        device=device,
        after_step=after_step,
    )
    if cfg.teacher_steps:
        teacher.load_state_dict(best_state)
    teacher.eval()
    return teacher


def train_student(
    alpha: float, lr: float, cfg: Config, data: dict[str, torch.Tensor], seed: int, device: torch.device,
    progress: Progress | None,
) -> tuple[list[float], torch.Tensor, list[dict[str, torch.Tensor]], torch.nn.Module]:  # fmt: skip
    """One student at one rate: its loss curve, validation accuracy and weights at every evaluation."""
    harness.seed_everything(seed)  # same initial student in every arm and at every rate
    with device:
        student = toys.mlp(cfg.dim, cfg.student_hidden, cfg.n_classes, depth=1)
    optimizer = torch.optim.Adam(student.parameters(), lr=lr)
    val: list[torch.Tensor] = []
    states: list[dict[str, torch.Tensor]] = []

    def step_loss(step: int) -> torch.Tensor:
        logits = student(data["x_transfer"])
        return distillation_loss_to(logits, data["soft"], data["y_transfer"], cfg.temperature, alpha)

    def after_step(step: int) -> None:
        if (step + 1) % cfg.eval_every == 0:
            with torch.no_grad():  # kept on the device; synced once at the end
                val.append(accuracy(student, data["x_val"], data["y_val"]))
            states.append({k: v.clone() for k, v in student.state_dict().items()})

    losses = harness.train(
        step_loss, student.parameters(), optimizer, cfg.steps, device=device, progress=progress,
        after_step=after_step,
    )  # fmt: skip
    return losses, torch.stack(val), states, student


def train_arm(
    arm: str, alpha: float, cfg: Config, data: dict[str, torch.Tensor], seed: int, device: torch.device,
    progress: Progress | None,
) -> ArmResult:  # fmt: skip
    """Train the student at every rate; report the test accuracy at the best validation accuracy."""
    runs = {lr: train_student(alpha, lr, cfg, data, seed, device, progress) for lr in cfg.lrs}
    val = torch.stack([runs[lr][1] for lr in cfg.lrs])  # (rates, evaluations)
    flat = int(val.flatten().argmax())  # the first maximum: ties go to the smaller rate, the earlier step
    i, j = divmod(flat, val.shape[1])
    _, _, states, student = runs[cfg.lrs[i]]
    with torch.no_grad():
        last_test = float(accuracy(student, data["x_test"], data["y_test"]))  # trained to the end
        student.load_state_dict(states[j])
        test = float(accuracy(student, data["x_test"], data["y_test"]))  # the test set is read here only
    metrics = {
        "test_acc": test,
        "val_acc": float(val[i, j]),
        "best_lr": cfg.lrs[i],
        "best_step": float((j + 1) * cfg.eval_every),
        "last_test_acc": last_test,  # at the same rate without early stopping: the erosion, if any
        "teacher_acc": float(data["teacher_acc"]),
        "teacher_train_acc": float(data["teacher_train_acc"]),
    }
    curves = {"loss": runs[cfg.lrs[i]][0], "val_acc": val[i].tolist()}
    return ArmResult(arm, metrics, curves)


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Train the teacher, then both students (over the rate grid, stopped on validation), for one seed."""
    cfg = harness.configure(CONFIGS, budget, overrides)
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        gen = toys.make_generator(seed, device)
        x, y, centres = toys.gaussian_blobs(cfg.n_teacher, cfg.n_classes, cfg.dim, cfg.spread, gen, device)
        x_test, y_test, _ = toys.gaussian_blobs(
            cfg.n_test, cfg.n_classes, cfg.dim, cfg.spread, gen, device, centres
        )
        x_val, y_val, _ = toys.gaussian_blobs(
            cfg.n_val, cfg.n_classes, cfg.dim, cfg.spread, gen, device, centres
        )
        data = {
            "x_teacher": x,
            "y_teacher": y,
            "x_val": x_val,
            "y_val": y_val,
            "x_test": x_test,
            "y_test": y_test,
        }
        teacher = train_teacher(cfg, data, seed, device)
        with torch.no_grad():
            x_tr, y_tr = x[: cfg.n_transfer], y[: cfg.n_transfer]
            shuffle = toys.make_generator(30_000 + seed, device)
            data |= {
                "x_transfer": x_tr,
                "y_transfer": y_tr,
                "soft": soft_targets(teacher(x_tr).float(), y_tr, cfg.temperature, cfg.targets, shuffle),
                "teacher_acc": accuracy(teacher, x_test, y_test),
                "teacher_train_acc": accuracy(teacher, x, y),
            }
        for arm, alpha in {"distilled": cfg.alpha, "labels": 0.0}.items():
            session.arms[arm] = train_arm(arm, alpha, cfg, data, seed, device, session.start(arm))
    return session.result()
