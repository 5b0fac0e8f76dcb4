"""Batch normalisation (Ioffe, Szegedy 2015) — arXiv 1502.03167.

Study note. As the layers below it learn, the distribution of each layer's input keeps moving, so every layer
chases a moving target; deep nets then need small learning rates and careful initialisation. Batch norm
fixes the first two moments of every unit's input, per mini-batch B = {x_1..x_m}:

    μ_B  = (1/m) Σ_i x_i                    σ²_B = (1/m) Σ_i (x_i − μ_B)²
    x̂_i  = (x_i − μ_B) / sqrt(σ²_B + ε)     y_i  = γ · x̂_i + β

γ and β are learned per unit, so the layer can still represent the identity (γ = σ, β = μ). Gradients flow
through μ_B and σ²_B too, so the optimiser cannot undo the normalisation by shifting the weights. At test
time the batch statistics are replaced by running averages collected in training (a fixed affine map).

A consequence the paper stresses: the output of a normalised layer does not change when its weights are
scaled, BN(a·Wx) = BN(Wx), and the gradient with respect to a·W shrinks by 1/a; large weights (as a high
learning rate produces) therefore slow their own growth instead of blowing up. This allows much higher
learning rates, and training reaches a given accuracy in far fewer steps.

Here: a ReLU MLP whose hidden layers are followed by :class:`BatchNorm`, by the identity (the plain net), or
by BN's affine map without the normalisation (the ablation).

Paper: https://arxiv.org/abs/1502.03167
"""

from __future__ import annotations

import torch
from torch import nn

from reimpl.toys import NormMLP, norm_shape


class BatchNorm(nn.Module):
    """Batch normalisation over the batch dimension of (batch, features) inputs, written out.

    With ``copies`` > 1 it serves a stack of nets (:class:`reimpl.toys.NormMLP`): inputs (copies, batch,
    features), statistics, γ and β per copy.
    """

    def __init__(self, features: int, eps: float = 1e-5, momentum: float = 0.1, copies: int = 1) -> None:
        super().__init__()
        self.eps, self.momentum = eps, momentum
        shape = norm_shape(features, copies)
        self.gamma = nn.Parameter(torch.ones(shape))
        self.beta = nn.Parameter(torch.zeros(shape))
        self.running_mean: torch.Tensor
        self.running_var: torch.Tensor
        self.register_buffer("running_mean", torch.zeros(shape))
        self.register_buffer("running_var", torch.ones(shape))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.training:
            stack = x.dim() > 2  # (copies, batch, features): keep the copies apart
            mu = x.mean(dim=-2, keepdim=stack)  # μ_B
            var = x.var(dim=-2, unbiased=False, keepdim=stack)  # σ²_B
            with torch.no_grad():  # running averages for inference (unbiased variance, as the paper uses)
                m = x.shape[-2]
                # the state stays float32 under autocast: a bfloat16 μ_B is cast up before it is averaged in
                self.running_mean.lerp_(mu.to(self.running_mean.dtype), self.momentum)
                self.running_var.lerp_((var * m / max(m - 1, 1)).to(self.running_var.dtype), self.momentum)
        else:
            mu, var = self.running_mean, self.running_var
        x_hat = (x - mu) / torch.sqrt(var + self.eps)  # x̂ = (x − μ) / sqrt(σ² + ε)
        return self.gamma * x_hat + self.beta  # y = γ x̂ + β


class Affine(nn.Module):
    """y = γ x + β without the normalisation: BN's parameters with its idea taken out (the ablation)."""

    def __init__(self, features: int, copies: int = 1) -> None:
        super().__init__()
        self.gamma = nn.Parameter(torch.ones(norm_shape(features, copies)))
        self.beta = nn.Parameter(torch.zeros(norm_shape(features, copies)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.gamma * x + self.beta


def make_norm(norm: str, features: int, copies: int = 1) -> nn.Module:
    """The layer after each hidden linear layer: ``"batch"``, ``"affine"`` or ``"none"`` (the identity)."""
    if norm == "batch":
        return BatchNorm(features, copies=copies)
    if norm == "affine":
        return Affine(features, copies)
    if norm == "none":
        return nn.Identity()
    raise ValueError(f"unknown norm {norm!r} (batch, affine or none)")


def mlp(d_in: int, width: int, depth: int, n_out: int, norm: str) -> NormMLP:
    """``depth`` hidden layers Linear → norm → ReLU (He-initialised), then a linear classifier.

    ``norm`` is ``"batch"`` (:class:`BatchNorm`), ``"affine"`` (γx + β only) or ``"none"``: the shared
    pluggable-norm MLP of :mod:`reimpl.toys` with batch norm's layers plugged in.
    """
    make_norm(norm, 1)  # an unknown norm fails here, before any layer is built
    return NormMLP(d_in, width, depth, n_out, lambda features, copies: make_norm(norm, features, copies))
