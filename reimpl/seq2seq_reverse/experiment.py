"""Toy experiment: an LSTM encoder–decoder copies random sequences, source reversed or not.

Both arms share the architecture, initialisation and training batches; only the order in which the
encoder reads the source differs. Copying keeps the alignment monotone (target i ↔ source i), like a
translation between languages of similar word order, which is where the paper's trick applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch
from torch.nn import functional as F

from reimpl import harness
from reimpl.harness import ArmResult, Budget, Progress, RunResult
from reimpl.seq2seq_reverse.model import Seq2Seq
from reimpl.toys import make_generator, random_tokens, sequence_accuracy, token_accuracy


@dataclass(frozen=True)
class Config:
    """Toy size and training length; one instance per budget."""

    vocab: int = 8
    length: int = 10
    emb: int = 16
    hidden: int = 64
    batch: int = 64
    steps: int = 300
    lr: float = 5e-3
    eval_n: int = 1024
    probe_n: int = 256  # held-out sequences scored every ``eval_every`` steps for the accuracy curve
    eval_every: int = 50
    order: str = "reversed"  # the idea arm's source order; "shuffled" (a fixed shuffle) is the ablation
    threads: int | None = 1  # tiny recurrent models run fastest single-threaded on a shared CPU


CONFIGS: dict[str, Config] = {
    "ci": Config(),
    "quick": Config(length=12, steps=400),
    "full": Config(length=16, hidden=128, steps=2000, eval_n=4096),
}


def train_arm(
    cfg: Config, order: str, seed: int, device: torch.device, progress: Progress | None
) -> ArmResult:
    """Train one encoder–decoder and measure free-running accuracy on held-out sequences."""
    harness.seed_everything(seed)  # same initialisation in both arms
    with device:  # built on its device
        model = Seq2Seq(cfg.vocab, cfg.emb, cfg.hidden, order)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    data_gen = make_generator(seed, device)  # same training batches in both arms

    def step_loss(step: int) -> torch.Tensor:
        model.train()
        src = random_tokens(cfg.batch, cfg.length, cfg.vocab, data_gen, device)
        logits = model(src, src)  # copy: the target is the source
        return F.cross_entropy(logits.reshape(-1, cfg.vocab), src.reshape(-1))

    test_gen = make_generator(10_000 + seed, device)  # held-out sequences, unseen in training
    src = random_tokens(cfg.eval_n, cfg.length, cfg.vocab, test_gen, device)
    curve: list[torch.Tensor] = []  # periodic free-running accuracy, kept on the device

    def after_step(step: int) -> None:
        if (step + 1) % cfg.eval_every == 0:
            model.eval()
            probe = src[: cfg.probe_n]
            curve.append((model.greedy(probe, cfg.length) == probe).float().mean())

    losses = harness.train(
        step_loss, model.parameters(), opt, cfg.steps, device=device, progress=progress, after_step=after_step
    )

    model.eval()
    pred = model.greedy(src, cfg.length)
    per_pos = (pred == src).float().mean(0).tolist()
    metrics = {
        "free_token_acc": token_accuracy(pred, src),
        "free_seq_acc": sequence_accuracy(pred, src),
        "first_half_acc": float(sum(per_pos[: cfg.length // 2]) / (cfg.length // 2)),
        "final_loss": float(sum(losses[-20:]) / len(losses[-20:])),
    }
    curves = {
        "loss": losses,
        "free_acc": torch.stack(curve).tolist() if curve else [],
        "free_acc_step": [float((j + 1) * cfg.eval_every) for j in range(len(curve))],
    }
    return ArmResult(order, metrics, curves)


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Train both arms (reversed source, source as is) at ``budget``; return their metrics and curves."""
    cfg = harness.configure(CONFIGS, budget, overrides)  # unknown budget or knob: ValueError
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        for arm, order in {"reversed": cfg.order, "forward": "forward"}.items():
            session.arms[arm] = train_arm(cfg, order, seed, device, session.start(arm))
    return session.result()
