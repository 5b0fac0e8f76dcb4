"""Scheduled sampling (Bengio, Vinyals, Jaitly, Shazeer 2015), small enough to read top to bottom.

A sequence model is trained on  log P(y | x) = Σ_t log P(y_t | y_<t, x),  each step conditioned on the
*true* previous token y_{t-1} (teacher forcing). At inference the true token is unknown, so the model is
fed its own guess ŷ_{t-1}, a context it never saw in training; an early mistake then compounds
("exposure bias"). Scheduled sampling flips a coin per token and per example during training:

    input_t = y_{t-1}     with probability ε_i          (the truth)
    input_t = ŷ_{t-1}     with probability 1 − ε_i,     ŷ_{t-1} ~ P(· | ŷ/y_<t-1, x)   (the model's own token)

where i counts training steps and ε_i decays from 1 (pure teacher forcing) towards 0 (pure free running)
along a schedule: linear, exponential or inverse sigmoid. No gradient flows through the choice or the
sampled token; the model only learns to recover from the contexts it produces.

The model here is a GRU encoder→decoder without attention: the whole source lives in one hidden vector,
which keeps the model capacity-limited so that it makes the mistakes that exposure bias feeds on.
"""

from __future__ import annotations

import math

import torch
from torch import nn

# ---------------------------------------------------------------------------------------------------------
# The three decay schedules: ε_i, the probability of feeding the true previous token at training step i.


def linear_schedule(i: int, k: float = 1.0, c: float = 1e-3, eps_min: float = 0.0) -> float:
    """ε_i = max(ε, k − c·i): a straight line from ``k`` down to the floor ``eps_min`` (ε in the paper)."""
    if not 0.0 <= eps_min <= 1.0:
        raise ValueError(f"linear schedule: the floor must lie in [0, 1], got {eps_min}")
    if not 0.0 <= k <= 1.0:
        raise ValueError(f"linear schedule: k must lie in [0, 1], got {k}")
    if c < 0:
        raise ValueError(f"linear schedule: the slope c must not be negative, got {c}")
    return max(eps_min, k - c * i)


def exponential_schedule(i: int, k: float = 0.99) -> float:
    """ε_i = kⁱ with 0 < k < 1: a geometric decay from 1."""
    if not 0.0 < k < 1.0:
        raise ValueError(f"exponential schedule: k must lie in (0, 1), got {k}")
    return k ** max(i, 0)


def inverse_sigmoid_schedule(i: int, k: float = 10.0) -> float:
    """ε_i = k / (k + exp(i/k)) with k ≥ 1: flat near 1, then an S-shaped fall to 0 around i ≈ k·ln k."""
    if k < 1.0:
        raise ValueError(f"inverse sigmoid schedule: k must be at least 1, got {k}")
    x = max(i, 0) / k
    if x > 700:  # exp would overflow; ε is 0 to double precision long before this
        return 0.0
    return k / (k + math.exp(x))


SCHEDULES = {
    "linear": linear_schedule,
    "exponential": exponential_schedule,
    "inverse_sigmoid": inverse_sigmoid_schedule,
}


# ---------------------------------------------------------------------------------------------------------
# The coin flip: which previous token each example sees.


def mix_inputs(
    true_prev: torch.Tensor, model_prev: torch.Tensor, eps: float, generator: torch.Generator | None = None
) -> torch.Tensor:
    """Per example, keep the true previous token with probability ``eps``, else the model's own.

    ``eps == 1`` returns exactly ``true_prev`` (teacher forcing), ``eps == 0`` exactly ``model_prev``
    (free running): ``torch.rand`` lies in [0, 1), so ``u < 1`` always holds and ``u < 0`` never does.
    """
    u = torch.rand(true_prev.shape, device=true_prev.device, generator=generator)
    return torch.where(u < eps, true_prev, model_prev)


# ---------------------------------------------------------------------------------------------------------
# The model.


class Seq2Seq(nn.Module):
    """GRU encoder → GRU decoder; the decoder starts from the encoder's last state, without attention."""

    def __init__(self, vocab: int, emb: int, hidden: int) -> None:
        super().__init__()
        self.vocab = vocab
        self.bos = vocab  # the decoder's start token, one past the symbols
        self.src_emb = nn.Embedding(vocab, emb)
        self.tgt_emb = nn.Embedding(vocab + 1, emb)
        self.encoder = nn.GRU(emb, hidden, batch_first=True)
        self.cell = nn.GRUCell(emb, hidden)
        self.out = nn.Linear(hidden, vocab)

    def encode(self, src: torch.Tensor) -> torch.Tensor:
        """h_0 of the decoder: the encoder's final state, shape (batch, hidden)."""
        _, h = self.encoder(self.src_emb(src))
        return h[0]

    def forward(self, src: torch.Tensor, tgt: torch.Tensor, eps: float = 1.0) -> torch.Tensor:
        """Logits (batch, length, vocab) of P(y_t | inputs_<t, x), each input chosen by a coin with ``eps``.

        ``eps = 1`` is teacher forcing; ``eps = 0`` feeds only sampled tokens ("always sampling").
        """
        h = self.encode(src)
        prev = torch.full_like(tgt[:, 0], self.bos)
        logits = []
        for t in range(tgt.shape[1]):
            h = self.cell(self.tgt_emb(prev), h)
            step_logits = self.out(h)
            logits.append(step_logits)
            if eps >= 1.0:  # pure teacher forcing: no sampling needed (same result as mix_inputs)
                prev = tgt[:, t]
                continue
            with torch.no_grad():  # the sampled token is an input, not a decision to differentiate
                sampled = torch.multinomial(torch.softmax(step_logits.float(), dim=-1), 1).squeeze(1)
            prev = mix_inputs(tgt[:, t], sampled, eps)
        return torch.stack(logits, dim=1)

    @torch.no_grad()
    def greedy(self, src: torch.Tensor, length: int) -> torch.Tensor:
        """Free-running inference: feed back the argmax token each step. Returns (batch, length) tokens."""
        h = self.encode(src)
        prev = torch.full((src.shape[0],), self.bos, dtype=torch.long, device=src.device)
        out = []
        for _ in range(length):
            h = self.cell(self.tgt_emb(prev), h)
            prev = self.out(h).argmax(-1)
            out.append(prev)
        return torch.stack(out, dim=1)
