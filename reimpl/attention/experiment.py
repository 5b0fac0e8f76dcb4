"""Toy experiment: copy a long random sequence, with and without additive attention.

Both arms are the same bidirectional-GRU encoder–decoder (same parameters, same initialisation, same
training batches); the only difference is the decoder's context: a fresh attention-weighted sum of the
encoder states per output token, or the encoder's fixed final state. Copying ``length`` random symbols
asks a fixed vector to hold length·log2(vocab) bits, which gets hard as the sequence grows, while
attention only has to learn to look at position i when writing token i.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch
from torch.nn import functional as F

from reimpl import harness
from reimpl.attention.model import EncoderDecoder
from reimpl.harness import ArmResult, Budget, Progress, RunResult
from reimpl.toys import make_generator, random_tokens, sequence_accuracy, sequence_task, token_accuracy


@dataclass(frozen=True)
class Config:
    """Toy size and training length; one instance per budget."""

    vocab: int = 8
    length: int = 14
    task: str = "copy"  # "copy" or "reverse"
    emb: int = 16
    hidden: int = 32
    attn_hidden: int = 32
    batch: int = 64
    steps: int = 200
    lr: float = 1e-2
    eval_n: int = 512
    probe_n: int = 256  # held-out sequences scored every ``eval_every`` steps for the accuracy curve
    eval_every: int = 50
    uniform: bool = False  # True gives the idea arm uniform weights α_ij = 1/T (the ablation: no search)
    threads: int | None = 1  # tiny recurrent models run fastest single-threaded on a shared CPU


CONFIGS: dict[str, Config] = {
    "ci": Config(),
    "quick": Config(steps=300),
    "full": Config(length=28, hidden=64, attn_hidden=64, steps=2000, lr=5e-3, eval_n=2048),
}


def train_arm(
    cfg: Config, attention: bool, seed: int, device: torch.device, progress: Progress | None
) -> ArmResult:
    """Train one encoder–decoder and measure free-running accuracy on held-out sequences."""
    harness.seed_everything(seed)  # same initialisation in both arms
    with device:  # built on its device
        model = EncoderDecoder(
            cfg.vocab, cfg.emb, cfg.hidden, cfg.attn_hidden, attention=attention, uniform=cfg.uniform
        )
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    data_gen = make_generator(seed, device)  # same training batches in both arms

    def step_loss(step: int) -> torch.Tensor:
        model.train()
        src = random_tokens(cfg.batch, cfg.length, cfg.vocab, data_gen, device)
        tgt = sequence_task(src, cfg.task)
        logits = model(src, tgt)
        return F.cross_entropy(logits.reshape(-1, cfg.vocab), tgt.reshape(-1))

    test_gen = make_generator(10_000 + seed, device)  # held-out sequences, unseen in training
    src = random_tokens(cfg.eval_n, cfg.length, cfg.vocab, test_gen, device)
    tgt = sequence_task(src, cfg.task)
    curve: list[torch.Tensor] = []  # periodic free-running accuracy, kept on the device

    def after_step(step: int) -> None:
        if (step + 1) % cfg.eval_every == 0:
            model.eval()
            probe = src[: cfg.probe_n]
            curve.append((model.greedy(probe, cfg.length) == tgt[: cfg.probe_n]).float().mean())

    losses = harness.train(
        step_loss, model.parameters(), opt, cfg.steps, device=device, progress=progress, after_step=after_step
    )

    model.eval()
    pred = model.greedy(src, cfg.length)
    metrics = {
        "free_token_acc": token_accuracy(pred, tgt),
        "free_seq_acc": sequence_accuracy(pred, tgt),
        "final_loss": float(sum(losses[-20:]) / len(losses[-20:])),
    }
    if attention and not cfg.uniform:
        # the alignment the paper draws: for copying, output i should look near source position i
        # (within ±1: a bidirectional annotation h_j also carries its neighbours' tokens)
        alpha = model.alignments(src[:256], cfg.length)  # (batch, output i, source j)
        pos = torch.arange(cfg.length, device=device)
        aligned = pos.flip(0) if cfg.task == "reverse" else pos
        band = (pos.unsqueeze(0) - aligned.unsqueeze(1)).abs() <= 1  # (output i, source j)
        metrics["attention_near_aligned"] = float((alpha * band).sum(-1).mean())
    curves = {
        "loss": losses,
        "free_acc": torch.stack(curve).tolist() if curve else [],
        "free_acc_step": [float((j + 1) * cfg.eval_every) for j in range(len(curve))],
    }
    return ArmResult("attention" if attention else "fixed", metrics, curves)


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Train both arms (attention, fixed final state) at ``budget`` and return their metrics and curves."""
    cfg = harness.configure(CONFIGS, budget, overrides)  # unknown budget or knob: ValueError
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        for arm, attention in {"attention": True, "fixed": False}.items():
            session.arms[arm] = train_arm(cfg, attention, seed, device, session.start(arm))
    return session.result()
