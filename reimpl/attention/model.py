"""Additive attention (Bahdanau, Cho, Bengio 2014), small enough to read top to bottom.

A plain encoder–decoder squeezes the whole source into one fixed vector c and decodes every target
token from it, so the longer the source, the more that single vector must hold. Bahdanau et al. keep
*all* encoder states h_1..h_T (the "annotations", from a bidirectional RNN) and let the decoder pick a
fresh context for each output token i, a soft search over source positions:

    e_ij = vᵀ tanh(W s_{i-1} + U h_j)        score: how well annotation j fits the decoder state
    α_ij = exp(e_ij) / Σ_k exp(e_ik)         alignment weights over source positions (softmax)
    c_i  = Σ_j α_ij h_j                      context vector for output i
    s_i  = f(s_{i-1}, y_{i-1}, c_i)          decoder state (a GRU here)
    P(y_i | y_<i, x) = g(s_i, c_i, y_{i-1})  output layer (a linear layer on [s_i; c_i] here)

The alignment is learnt jointly with translation, end to end, from the output loss alone. The baseline
(RNNencdec in the paper) is the same network with c_i = c, the encoder's final states, for every i.

Paper: https://arxiv.org/abs/1409.0473
"""

from __future__ import annotations

import torch
from torch import nn


class AdditiveAttention(nn.Module):
    """α_ij = softmax_j(vᵀ tanh(W s_{i-1} + U h_j)) and c_i = Σ_j α_ij h_j."""

    def __init__(self, state: int, annotation: int, hidden: int) -> None:
        super().__init__()
        self.W = nn.Linear(state, hidden, bias=False)
        self.U = nn.Linear(annotation, hidden)
        self.v = nn.Linear(hidden, 1, bias=False)

    def project(self, annotations: torch.Tensor) -> torch.Tensor:
        """U h_j for all j, (batch, T, hidden): it does not depend on i, so it is computed once."""
        return self.U(annotations)

    def forward(
        self, s_prev: torch.Tensor, annotations: torch.Tensor, projected: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Context c_i (batch, annotation) and weights α_i (batch, T) for decoder state s_{i-1}."""
        e = self.v(torch.tanh(self.W(s_prev).unsqueeze(1) + projected)).squeeze(-1)  # (batch, T)
        alpha = torch.softmax(e, dim=-1)
        context = torch.bmm(alpha.unsqueeze(1), annotations).squeeze(1)
        return context, alpha


class EncoderDecoder(nn.Module):
    """Bidirectional GRU encoder → GRU decoder whose context is attention (c_i) or fixed (c).

    Both settings have exactly the same parameters; ``attention=False`` only stops using W, U and v, so
    any difference between the two comes from where the context comes from, not from model size.
    ``uniform=True`` (the ablation) keeps a per-token context over all annotations but without the search:
    α_ij = 1/T, so c_i is the annotations' mean for every i.
    """

    def __init__(
        self,
        vocab: int,
        emb: int,
        hidden: int,
        attn_hidden: int,
        attention: bool = True,
        uniform: bool = False,
    ) -> None:
        super().__init__()
        self.vocab = vocab
        self.bos = vocab  # the decoder's start token, one past the symbols
        self.attention = attention
        self.uniform = uniform
        self.src_emb = nn.Embedding(vocab, emb)
        self.tgt_emb = nn.Embedding(vocab + 1, emb)
        self.encoder = nn.GRU(emb, hidden, batch_first=True, bidirectional=True)
        self.init_state = nn.Linear(2 * hidden, hidden)  # s_0 = tanh(W_s · summary), as in the paper
        self.attn = AdditiveAttention(hidden, 2 * hidden, attn_hidden)
        self.cell = nn.GRUCell(emb + 2 * hidden, hidden)
        self.out = nn.Linear(hidden + 2 * hidden, vocab)

    def encode(self, src: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Annotations h_j = [→h_j; ←h_j] (batch, T, 2H) and the fixed summary [→h_T; ←h_1] (batch, 2H)."""
        annotations, h_n = self.encoder(self.src_emb(src))
        summary = torch.cat([h_n[0], h_n[1]], dim=-1)  # final forward state, final backward state
        return annotations, summary

    def decode(self, src: torch.Tensor, length: int, tgt: torch.Tensor | None = None) -> torch.Tensor:
        """Logits (batch, length, vocab); feeds ``tgt`` (teacher forcing) when given, else its own argmax."""
        annotations, summary = self.encode(src)
        projected = self.attn.project(annotations) if self.attention else None
        s = torch.tanh(self.init_state(summary))
        prev = torch.full((src.shape[0],), self.bos, dtype=torch.long, device=src.device)
        logits = []
        for i in range(length):
            if projected is not None and self.uniform:
                context = annotations.mean(dim=1)  # α_ij = 1/T: every position alike, no alignment
            elif projected is not None:
                context, _ = self.attn(s, annotations, projected)
            else:
                context = summary  # c_i = c for every i: the fixed-vector encoder–decoder
            s = self.cell(torch.cat([self.tgt_emb(prev), context], dim=-1), s)
            step_logits = self.out(torch.cat([s, context], dim=-1))
            logits.append(step_logits)
            prev = tgt[:, i] if tgt is not None else step_logits.argmax(-1)
        return torch.stack(logits, dim=1)

    def forward(self, src: torch.Tensor, tgt: torch.Tensor) -> torch.Tensor:
        """Teacher-forced logits (batch, length, vocab) for training."""
        return self.decode(src, tgt.shape[1], tgt)

    @torch.no_grad()
    def greedy(self, src: torch.Tensor, length: int) -> torch.Tensor:
        """Free-running inference: feed back the argmax token each step. Returns (batch, length) tokens."""
        return self.decode(src, length).argmax(-1)

    @torch.no_grad()
    def alignments(self, src: torch.Tensor, length: int) -> torch.Tensor:
        """The weights α (batch, length, T) of a greedy decode — the paper's alignment pictures."""
        annotations, summary = self.encode(src)
        projected = self.attn.project(annotations)
        s = torch.tanh(self.init_state(summary))
        prev = torch.full((src.shape[0],), self.bos, dtype=torch.long, device=src.device)
        weights = []
        for _ in range(length):
            context, alpha = self.attn(s, annotations, projected)
            weights.append(alpha)
            s = self.cell(torch.cat([self.tgt_emb(prev), context], dim=-1), s)
            prev = self.out(torch.cat([s, context], dim=-1)).argmax(-1)
        return torch.stack(weights, dim=1)
