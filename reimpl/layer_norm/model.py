"""Layer normalisation (Ba, Kiros, Hinton 2016) — arXiv 1607.06450.

Study note. Batch normalisation standardises each unit with the mean and variance of its inputs over the
mini-batch. That ties a training case's output to the other cases in its batch, needs batches large enough
for the statistics to mean something, and does not fit online learning (one case at a time) or recurrent
nets, whose statistics differ at every time step. With a single case, x − μ_B is exactly 0: every unit outputs
its β and nothing is learned. Layer norm computes the statistics over the H hidden units of one layer,
for each case separately:

    μ^l = (1/H) Σ_i a_i^l              σ^l = sqrt((1/H) Σ_i (a_i^l − μ^l)² + ε)
    h^l = f( g ⊙ (a^l − μ^l) / σ^l + b )

so it behaves the same in training and at test time and with any batch size, including 1. The gain g and
bias b are learned per unit, as BN's γ and β.

Here: a ReLU MLP whose hidden layers are followed by :class:`LayerNorm`, by batch norm (the written-out
layer of :mod:`reimpl.batch_norm.model`), by the affine map g ⊙ a + b alone (the ablation), or by nothing.

Paper: https://arxiv.org/abs/1607.06450
"""

from __future__ import annotations

import torch
from torch import nn

from reimpl.batch_norm import model as batch_norm


class LayerNorm(nn.Module):
    """Layer normalisation over the last dimension of (batch, features) inputs, written out."""

    def __init__(self, features: int, eps: float = 1e-5) -> None:
        super().__init__()
        self.eps = eps
        self.gain = nn.Parameter(torch.ones(features))
        self.bias = nn.Parameter(torch.zeros(features))

    def forward(self, a: torch.Tensor) -> torch.Tensor:
        mu = a.mean(dim=-1, keepdim=True)  # μ over the layer's units, one per case
        var = a.var(dim=-1, keepdim=True, unbiased=False)
        return self.gain * (a - mu) / torch.sqrt(var + self.eps) + self.bias  # g ⊙ (a − μ)/σ + b


def make_norm(norm: str, features: int) -> nn.Module:
    """``"layer"``, or one of batch norm's: ``"batch"``, ``"affine"`` (g ⊙ a + b alone) or ``"none"``."""
    if norm == "layer":
        return LayerNorm(features)
    if norm in ("batch", "affine", "none"):
        return batch_norm.make_norm(norm, features)
    raise ValueError(f"unknown norm {norm!r} (layer, batch, affine or none)")


class MLP(batch_norm.MLP):
    """Batch norm's MLP (``depth`` hidden layers Linear → norm → ReLU, He-initialised, then a linear
    classifier) with layer norm among its norms."""

    def __init__(self, d_in: int, width: int, depth: int, n_out: int, norm: str) -> None:
        super().__init__(d_in, width, depth, n_out, norm, make=make_norm)
