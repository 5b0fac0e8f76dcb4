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

With a batch of m cases batch norm's x̂ is built from m numbers per unit: for m = 2 it is exactly ±1
(the sign of the difference of the two cases), for m = 4 a noisy estimate, and what the net sees in
training differs from what it sees at test time, when the running averages stand in. Layer norm's x̂ is the
same function of one case whatever the batch.

Here: the shared pluggable-norm MLP of :mod:`reimpl.toys` whose hidden layers are followed by
:class:`LayerNorm`, by batch norm (the written-out layer of :mod:`reimpl.batch_norm.model`), by the affine
map g ⊙ a + b alone (the ablation: the gain and bias kept, the normalising taken out), or by nothing.

Paper: https://arxiv.org/abs/1607.06450
"""

from __future__ import annotations

import torch
from torch import nn

from reimpl.batch_norm.model import Affine, BatchNorm
from reimpl.toys import NormMLP, norm_shape


class LayerNorm(nn.Module):
    """Layer normalisation over the last dimension of (batch, features) inputs, written out.

    With ``copies`` > 1 (a stack of nets, :class:`reimpl.toys.NormMLP`) the gain and bias are per copy; the
    statistics are per case anyway.
    """

    def __init__(self, features: int, eps: float = 1e-5, copies: int = 1) -> None:
        super().__init__()
        self.eps = eps
        self.gain = nn.Parameter(torch.ones(norm_shape(features, copies)))
        self.bias = nn.Parameter(torch.zeros(norm_shape(features, copies)))

    def forward(self, a: torch.Tensor) -> torch.Tensor:
        mu = a.mean(dim=-1, keepdim=True)  # μ over the layer's units, one per case
        var = a.var(dim=-1, keepdim=True, unbiased=False)
        return self.gain * (a - mu) / torch.sqrt(var + self.eps) + self.bias  # g ⊙ (a − μ)/σ + b


def make_norm(norm: str, features: int, copies: int = 1) -> nn.Module:
    """``"layer"``, ``"batch"``, ``"affine"`` (g ⊙ a + b alone) or ``"none"`` (the identity)."""
    if norm == "layer":
        return LayerNorm(features, copies=copies)
    if norm == "batch":
        return BatchNorm(features, copies=copies)
    if norm == "affine":
        return Affine(features, copies)
    if norm == "none":
        return nn.Identity()
    raise ValueError(f"unknown norm {norm!r} (layer, batch, affine or none)")


def mlp(d_in: int, width: int, depth: int, n_out: int, norm: str, copies: int = 1) -> NormMLP:
    """``depth`` hidden layers Linear → ``norm`` → ReLU (He-initialised), then a linear classifier.

    ``copies`` independent nets side by side (one per learning rate of a grid), logits (copies, batch, n_out).
    """
    make_norm(norm, 1)  # an unknown norm fails here, before any layer is built
    return NormMLP(d_in, width, depth, n_out, lambda f, c: make_norm(norm, f, c), copies)
