"""Scaled dot-product attention (Vaswani et al. 2017) — arXiv 1706.03762.

Study note. The Transformer's attention compares a query with every key by their dot product and mixes the
values with the softmax of those scores, after dividing them by sqrt(d_k):

    Attention(Q, K, V) = softmax(Q Kᵀ / sqrt(d_k)) V

Why the division: if the d_k components of q and k are independent with mean 0 and variance 1, then
q · k = Σ_i q_i k_i has mean 0 and variance d_k. At d_k = 256 the scores are spread with a standard
deviation of 16, so the softmax puts almost all its weight on one key — a random one at initialisation —
and its Jacobian, ∂α_j/∂e_i = α_j (δ_ij − α_i), is nearly 0 everywhere: the gradient that would teach the
queries and keys which key to pick vanishes. Dividing by sqrt(d_k) brings the scores back to unit variance
whatever d_k is. (The paper gives the argument in a footnote; additive attention, its comparison, has no
such problem because its tanh bounds the score's inputs.)

What the division does during training depends on the optimiser. Write c = d_k^(−1/4), so that
(c W_q e)·(c W_k e') = (W_q e)·(W_k e') / sqrt(d_k): the scaled layer with weights W is the unscaled layer
with weights V = c W. Adam's step is invariant to the gradient's scale (m / sqrt(v)), and ∂L/∂V = (∂L/∂W) / c,
so Adam at rate η on W moves V = c W by c · η in the same direction. Under Adam, then, dividing by sqrt(d_k)
is exactly: start W_q and W_k c times narrower (scores at unit variance, no saturation at the start) and step
them at c times the rate (each step moves the scores sqrt(d_k) times less). The toy tells the two halves
apart: the matched start alone still trains slower; the matched start and step reproduce the scaled layer.

Here: a single attention layer over embedded key and value tokens with ``scaled`` switching the 1/sqrt(d_k)
on or off, and ``qk_std`` setting the standard deviation of the query and key entries at initialisation
(the experiment sets W_q's and W_k's own learning rate).

Paper: https://arxiv.org/abs/1706.03762
"""

from __future__ import annotations

import math

import torch
from torch import nn


def attention_scores(q: torch.Tensor, k: torch.Tensor, scaled: bool = True) -> torch.Tensor:
    """Q Kᵀ / sqrt(d_k) for q (..., n_q, d_k), k (..., n_k, d_k), what the softmax sees (unscaled: Q Kᵀ)."""
    scores = q @ k.transpose(-2, -1)  # Q Kᵀ: one score per (query, key) pair
    return scores / math.sqrt(q.shape[-1]) if scaled else scores  # ÷ sqrt(d_k): back to unit variance


def attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, scaled: bool = True) -> torch.Tensor:
    """softmax(Q Kᵀ / sqrt(d_k)) V for q (..., n_q, d_k), k (..., n_k, d_k), v (..., n_k, d_v).

    ``scaled=False`` is softmax(Q Kᵀ) V, the unscaled dot product the paper warns against.
    """
    weights = torch.softmax(attention_scores(q, k, scaled).float(), dim=-1)  # over the keys, in float32
    return weights.to(v.dtype) @ v


class Retriever(nn.Module):
    """One attention layer that reads the value stored under a query key.

    Tokens are embedded (N(0, 1) entries, ``d_model`` wide); queries and keys are linear maps of the
    embeddings to ``d_k`` dimensions whose weights are drawn so that each entry of q and k has standard
    deviation ``qk_std`` (1: the unit variance of the paper's argument); values are embedded separately
    and the attention output is read out to the value vocabulary.
    """

    def __init__(
        self,
        n_keys: int,
        n_values: int,
        d_model: int,
        d_k: int,
        d_v: int,
        scaled: bool = True,
        qk_std: float = 1.0,
    ) -> None:
        super().__init__()
        self.scaled = scaled
        self.key_embed = nn.Embedding(n_keys, d_model)  # shared by the query and the stored keys
        self.value_embed = nn.Embedding(n_values, d_v)
        self.w_q = nn.Linear(d_model, d_k, bias=False)
        self.w_k = nn.Linear(d_model, d_k, bias=False)
        for w in (self.w_q, self.w_k):
            nn.init.normal_(w.weight, std=qk_std / math.sqrt(d_model))  # Var(q_i) = d_model·1·std²/d_model
        self.readout = nn.Linear(d_v, n_values)

    def forward(self, keys: torch.Tensor, values: torch.Tensor, query: torch.Tensor) -> torch.Tensor:
        """Logits over the value vocabulary for keys, values (batch, n) and query (batch,) tokens."""
        q = self.w_q(self.key_embed(query)).unsqueeze(1)  # (batch, 1, d_k)
        k = self.w_k(self.key_embed(keys))  # (batch, n, d_k)
        v = self.value_embed(values)  # (batch, n, d_v)
        return self.readout(attention(q, k, v, self.scaled).squeeze(1))

    def scores(self, keys: torch.Tensor, query: torch.Tensor) -> torch.Tensor:
        """The attention scores (batch, n) that :func:`attention` puts through its softmax in ``forward``."""
        q = self.w_q(self.key_embed(query)).unsqueeze(1)
        k = self.w_k(self.key_embed(keys))
        return attention_scores(q, k, self.scaled).squeeze(1)

    def query_key_parameters(self) -> list[torch.Tensor]:
        """W_q and W_k: the weights the division by sqrt(d_k) acts on."""
        return [self.w_q.weight, self.w_k.weight]
