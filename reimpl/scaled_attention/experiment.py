"""Toy experiment: associative recall (the value stored under a query key), with and without ÷ sqrt(d_k).

Each example holds ``n_pairs`` (key, value) token pairs, distinct keys from ``n_keys``, values from
``n_values``, and a query that is one of the keys; the target is its value. Arms (same data, same initial
weights, same batches; only the scale differs):

- ``scaled``: softmax(q kᵀ / sqrt(d_k)),
- ``unscaled``: softmax(q kᵀ),
- ``start_matched``: softmax(q kᵀ) with W_q and W_k started d_k^(−1/4) narrower, so that the scores start
  at unit variance as the scaled arm's do (no saturation at the start), but stepped at the full rate.

Queries and keys start with unit-variance entries unless ``scaled_qk_std`` or ``unscaled_qk_std`` set an
arm's own, and W_q, W_k train at Adam's rate ``lr`` unless ``unscaled_qk_lr`` scales it in the unscaled arm.
The controls: ``scaled_qk_std = d_k ** 0.25`` starts the scaled arm's scores as wide as the unscaled arm's
(std sqrt(d_k)); ``unscaled_qk_std = d_k ** -0.25`` starts the unscaled arm's at unit variance (the start
matched); adding ``unscaled_qk_lr = d_k ** -0.25`` matches the step too, which under Adam is the scaled arm
exactly (see ``model.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F

from reimpl import harness, toys
from reimpl.harness import ArmResult, Budget, Progress, RunResult
from reimpl.scaled_attention.model import Retriever

ARMS = ("scaled", "unscaled", "start_matched")


@dataclass(frozen=True)
class Config:
    """Every knob of the experiment, at its default; ``CONFIGS`` and ``run(..., **overrides)`` change them."""

    n_keys: int = 32
    n_values: int = 16
    n_pairs: int = 16
    d_model: int = 64
    d_k: int = 256  # the ablation shrinks it: the scores then stay small either way
    d_v: int = 32
    scaled_qk_std: float = 1.0  # std of q's and k's entries at init, per arm: the controls change them
    unscaled_qk_std: float = 1.0
    unscaled_qk_lr: float = 1.0  # W_q's and W_k's rate in the unscaled arm, as a multiple of ``lr``
    arms: tuple[str, ...] = ARMS
    batch: int = 64
    lr: float = 3e-3
    loss_target: float = 0.5  # "trained": the mean training loss over ``window`` steps falls below this
    window: int = 20
    steps: int = 300
    n_test: int = 2048
    threads: int | None = 1


CONFIGS: dict[str, Config] = {
    "ci": Config(steps=200),
    "quick": Config(steps=300),
    "full": Config(steps=2000, n_test=8192),
}


def make_batch(
    cfg: Config, n: int, generator: torch.Generator, device: torch.device
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """``n`` recall examples: keys, values (n, n_pairs), query and target (n,)."""
    keys = torch.rand(n, cfg.n_keys, generator=generator, device=device).argsort(dim=1)[:, : cfg.n_pairs]
    values = torch.randint(0, cfg.n_values, (n, cfg.n_pairs), generator=generator, device=device)
    slot = torch.randint(0, cfg.n_pairs, (n, 1), generator=generator, device=device)
    return keys, values, keys.gather(1, slot).squeeze(1), values.gather(1, slot).squeeze(1)


def steps_to(losses: list[float], target: float, window: int) -> int:
    """Steps until the mean loss over the last ``window`` steps first falls below ``target`` (else all)."""
    for end in range(window, len(losses) + 1):
        if sum(losses[end - window : end]) / window < target:
            return end
    return len(losses)


def train_arm(
    arm: str,
    scaled: bool,
    qk_std: float,
    qk_lr: float,
    cfg: Config,
    test: tuple[torch.Tensor, ...],
    seed: int,
    device: torch.device,
    progress: Progress | None,
) -> ArmResult:
    """Train one retriever and measure its held-out accuracy and its attention at initialisation."""
    harness.seed_everything(seed)  # same initial weights in every arm (up to qk_std's factor)
    with device:  # built on its device
        model = Retriever(cfg.n_keys, cfg.n_values, cfg.d_model, cfg.d_k, cfg.d_v, scaled, qk_std)
    keys, values, query, target = test
    with torch.no_grad():
        scores = model.scores(keys, query).float()  # what the softmax sees at the start
        init_score_std = float(scores.std())
        init_max_weight = float(torch.softmax(scores, dim=-1).max(dim=-1).values.mean())
    qk = model.query_key_parameters()
    rest = [p for p in model.parameters() if all(p is not w for w in qk)]
    groups: list[dict[str, Any]] = [{"params": rest}, {"params": qk, "lr": cfg.lr * qk_lr}]
    optimizer = torch.optim.Adam(groups, lr=cfg.lr)
    batches = toys.make_generator(20_000 + seed, device)  # same batches in the same order in every arm

    def step_loss(step: int) -> torch.Tensor:
        k, v, q, y = make_batch(cfg, cfg.batch, batches, device)
        return F.cross_entropy(model(k, v, q).float(), y)

    losses = harness.train(
        step_loss, model.parameters(), optimizer, cfg.steps, device=device, progress=progress, report_every=50
    )
    with torch.no_grad():
        test_acc = float((model(keys, values, query).argmax(-1) == target).float().mean())
    metrics = {
        "test_acc": test_acc,
        "steps_to_target": float(steps_to(losses, cfg.loss_target, cfg.window)),
        "final_loss": toys.finite_or(sum(losses[-cfg.window :]) / cfg.window, 1e6),
        "init_score_std": init_score_std,
        "init_max_weight": init_max_weight,
        "chance_acc": 1 / cfg.n_values,
    }
    return ArmResult(arm, metrics, {"loss": [toys.finite_or(v, 1e6) for v in losses]})


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Train every arm on one seed's batches and score them on one held-out set."""
    cfg = harness.configure(CONFIGS, budget, overrides)
    if set(cfg.arms) - set(ARMS):
        raise ValueError(
            f"unknown arm(s) {', '.join(sorted(set(cfg.arms) - set(ARMS)))} (one of {', '.join(ARMS)})"
        )
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        test = make_batch(cfg, cfg.n_test, toys.make_generator(10_000 + seed, device), device)
        plan = {
            "scaled": (True, cfg.scaled_qk_std, 1.0),
            "unscaled": (False, cfg.unscaled_qk_std, cfg.unscaled_qk_lr),
            "start_matched": (False, cfg.d_k**-0.25, 1.0),  # unit-variance scores at the start, full step
        }
        for arm in cfg.arms:
            scaled, qk_std, qk_lr = plan[arm]
            session.arms[arm] = train_arm(
                arm, scaled, qk_std, qk_lr, cfg, test, seed, device, session.start(arm)
            )
    return session.result()
