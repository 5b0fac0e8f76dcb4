"""Toy experiment: copy a random sequence through a GRU encoder→decoder without attention.

Three arms share the data stream, the initial weights and the optimiser; only the decoder's inputs differ:

- ``teacher_forcing``: ε = 1 throughout (the baseline),
- ``scheduled_sampling``: ε_i follows a decay schedule (inverse sigmoid by default),
- ``always_sampling``: ε = 0 throughout (the paper's ablation; here the control: see ``claim.py``).

Each arm is evaluated on a fixed held-out set in two ways: with the true previous tokens fed (teacher-forced
accuracy) and free running with greedy decoding (the inference setting). Their difference is the exposure gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F

from reimpl import harness, toys
from reimpl.harness import ArmResult, Budget, Progress, RunResult
from reimpl.scheduled_sampling.model import (
    SCHEDULES,
    Seq2Seq,
    exponential_schedule,
    inverse_sigmoid_schedule,
    linear_schedule,
)

ARMS = ("teacher_forcing", "scheduled_sampling", "always_sampling")


@dataclass(frozen=True)
class Config:
    """Every knob of the experiment; ``run(..., **overrides)`` replaces any of them."""

    vocab: int = 9  # symbols to copy
    length: int = 10  # tokens per sequence
    emb: int = 16
    hidden: int = 32  # small on purpose: one vector must hold the whole source
    batch: int = 64
    steps: int = 600
    lr: float = 3e-3
    clip_norm: float = 1.0
    schedule: str = "inverse_sigmoid"
    # The schedule's parameter; 0 picks a default that ends training near ε = 0: k = steps/10 (at least 1)
    # for inverse sigmoid, k = 0.01^(1/steps) for exponential, slope c = 1/steps for linear.
    k: float = 0.0
    hold_eps: float | None = None  # when set, the scheduled arm uses this constant ε instead of a schedule
    rising: bool = False  # the ablation: ε runs the schedule backwards, from own samples to the truth
    arms: tuple[str, ...] = ARMS
    eval_size: int = 1000
    eval_every: int = 50
    threads: int | None = 1  # measured: 1 thread beats 2 by far on a shared 2-core machine

    def eps(self, step: int) -> float:
        """ε at training step ``step`` for the scheduled arm."""
        if self.hold_eps is not None:
            return self.hold_eps
        if self.schedule == "inverse_sigmoid":
            eps = inverse_sigmoid_schedule(step, self.k or max(1.0, self.steps / 10))
        elif self.schedule == "exponential":
            eps = exponential_schedule(step, self.k or 0.01 ** (1 / self.steps))
        elif self.schedule == "linear":
            eps = linear_schedule(step, 1.0, self.k or 1 / self.steps)
        else:
            raise ValueError(f"unknown schedule {self.schedule!r} (one of {', '.join(SCHEDULES)})")
        return 1.0 - eps if self.rising else eps


CONFIGS: dict[str, Config] = {
    "ci": Config(steps=300, arms=("teacher_forcing", "scheduled_sampling"), eval_size=300, eval_every=100),
    "quick": Config(),
    "full": Config(steps=2000, eval_size=4000, eval_every=100),
}


def config_for(budget: Budget, **overrides: Any) -> Config:
    """The budget's config with ``overrides`` applied; an unknown knob is an error, not ignored."""
    cfg = harness.configure(CONFIGS, budget, overrides)
    bad_arms = set(cfg.arms) - set(ARMS)
    if bad_arms:
        raise ValueError(f"unknown arm(s) {', '.join(sorted(bad_arms))}")
    cfg.eps(0)  # validates the schedule and its parameter now, not mid-run
    return cfg


def copy_batch(cfg: Config, n: int, device: torch.device, generator: torch.Generator) -> torch.Tensor:
    """``n`` random sequences; the target is the source itself."""
    return torch.randint(0, cfg.vocab, (n, cfg.length), device=device, generator=generator)


@torch.no_grad()
def evaluate(model: Seq2Seq, src: torch.Tensor) -> dict[str, torch.Tensor]:
    """Teacher-forced and free-running (greedy) token accuracy, exact match and loss; kept on the device."""
    was_training = model.training
    model.eval()
    logits = model(src, src, eps=1.0)
    free = model.greedy(src, src.shape[1])
    model.train(was_training)
    free_hit = (free == src).float()
    return {
        **after_first_error(free_hit),
        "tf_acc": (logits.argmax(-1) == src).float().mean(),
        "free_acc": free_hit.mean(),
        "exact_match": free_hit.min(dim=1).values.mean(),
        "tf_loss": F.cross_entropy(logits.flatten(0, 1), src.flatten()),
    }


def after_first_error(hit: torch.Tensor) -> dict[str, torch.Tensor]:
    """Free-running accuracy on the tokens after each sequence's first mistake: how well a model recovers.

    ``hit`` is (sequences, length), 1 where the greedy token was right. Only sequences with a mistake before
    their last token count; ``after_error_n`` is how many positions were scored.
    """
    length = hit.shape[1]
    wrong = hit == 0
    first = torch.where(
        wrong.any(1), wrong.float().argmax(1), torch.full_like(wrong[:, 0], length, dtype=torch.long)
    )
    after = torch.arange(length, device=hit.device) > first.unsqueeze(1)  # strictly after the first mistake
    n = after.sum()
    return {"after_error_acc": (hit * after).sum() / n.clamp(min=1), "after_error_n": n.float()}


def arm_eps(arm: str, cfg: Config, step: int) -> float:
    """The probability of feeding the truth at ``step`` in ``arm``."""
    if arm == "teacher_forcing":
        return 1.0
    if arm == "always_sampling":
        return 0.0
    return cfg.eps(step)


def train_arm(
    arm: str, cfg: Config, seed: int, device: torch.device, eval_src: torch.Tensor, progress: Progress | None
) -> ArmResult:
    """Train one arm from the seed's initial weights on the seed's data stream; evaluate it."""
    harness.seed_everything(seed)  # same initial weights in every arm
    with device:  # built on its device
        model = Seq2Seq(cfg.vocab, cfg.emb, cfg.hidden)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    data = toys.make_generator(seed + 1, device)  # same batches in every arm
    model.train()

    def step_loss(step: int) -> torch.Tensor:
        src = copy_batch(cfg, cfg.batch, device, data)
        logits = model(src, src, eps=arm_eps(arm, cfg, step))
        return F.cross_entropy(logits.flatten(0, 1), src.flatten())

    curve: list[torch.Tensor] = []  # periodic free-running accuracy, synced once at the end

    def after_step(step: int) -> None:
        if (step + 1) % cfg.eval_every == 0:
            curve.append(evaluate(model, eval_src)["free_acc"])

    losses = harness.train(
        step_loss,
        model.parameters(),
        optimizer,
        cfg.steps,
        device=device,
        progress=progress,
        clip_norm=cfg.clip_norm,
        after_step=after_step,
    )
    final = {k: float(v) for k, v in evaluate(model, eval_src).items()}
    tail = losses[-max(1, cfg.steps // 20) :]
    metrics = {
        **final,
        "exposure_gap": final["tf_acc"] - final["free_acc"],
        "final_loss": sum(tail) / len(tail),  # training loss on the arm's own (mixed) inputs
        "final_eps": arm_eps(arm, cfg, cfg.steps - 1),
    }
    curves = {
        "loss": losses,
        "free_acc": torch.stack(curve).tolist() if curve else [],
        "free_acc_step": [float((j + 1) * cfg.eval_every) for j in range(len(curve))],
    }
    return ArmResult(arm, metrics, curves)


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Train and evaluate every arm of the budget's config for one seed."""
    cfg = config_for(budget, **overrides)
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        # The held-out set comes from its own stream, disjoint from training seeds' streams.
        eval_src = copy_batch(cfg, cfg.eval_size, device, toys.make_generator(10_000 + seed, device))
        for arm in cfg.arms:
            session.arms[arm] = train_arm(arm, cfg, seed, device, eval_src, session.start(arm))
    return session.result()
