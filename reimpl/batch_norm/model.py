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

from collections.abc import Callable

import torch
from torch import nn


class BatchNorm(nn.Module):
    """Batch normalisation over the batch dimension of (batch, features) inputs, written out."""

    def __init__(self, features: int, eps: float = 1e-5, momentum: float = 0.1) -> None:
        super().__init__()
        self.eps, self.momentum = eps, momentum
        self.gamma = nn.Parameter(torch.ones(features))
        self.beta = nn.Parameter(torch.zeros(features))
        self.running_mean: torch.Tensor
        self.running_var: torch.Tensor
        self.register_buffer("running_mean", torch.zeros(features))
        self.register_buffer("running_var", torch.ones(features))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.training:
            mu = x.mean(dim=0)  # μ_B
            var = x.var(dim=0, unbiased=False)  # σ²_B
            with torch.no_grad():  # running averages for inference (unbiased variance, as the paper uses)
                m = x.shape[0]
                # the state stays float32 under autocast: a bfloat16 μ_B is cast up before it is averaged in
                self.running_mean.lerp_(mu.to(self.running_mean.dtype), self.momentum)
                self.running_var.lerp_((var * m / max(m - 1, 1)).to(self.running_var.dtype), self.momentum)
        else:
            mu, var = self.running_mean, self.running_var
        x_hat = (x - mu) / torch.sqrt(var + self.eps)  # x̂ = (x − μ) / sqrt(σ² + ε)
        return self.gamma * x_hat + self.beta  # y = γ x̂ + β


class Affine(nn.Module):
    """y = γ x + β without the normalisation: BN's parameters with its idea taken out (the ablation)."""

    def __init__(self, features: int) -> None:
        super().__init__()
        self.gamma = nn.Parameter(torch.ones(features))
        self.beta = nn.Parameter(torch.zeros(features))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.gamma * x + self.beta


NormMaker = Callable[[str, int], nn.Module]


def make_norm(norm: str, features: int) -> nn.Module:
    """The layer after each hidden linear layer: ``"batch"``, ``"affine"`` or ``"none"`` (the identity)."""
    if norm == "batch":
        return BatchNorm(features)
    if norm == "affine":
        return Affine(features)
    if norm == "none":
        return nn.Identity()
    raise ValueError(f"unknown norm {norm!r} (batch, affine or none)")


class MLP(nn.Module):
    """``depth`` hidden layers Linear → norm → ReLU, then a linear classifier.

    ``norm`` is ``"batch"`` (:class:`BatchNorm`), ``"affine"`` (γx + β only) or ``"none"``. Every hidden layer
    starts from He's N(0, 2/fan_in), whatever the norm: the plain net gets the same careful initialisation, so
    a difference between the arms is the normalisation's, not the init's.
    """

    def __init__(
        self, d_in: int, width: int, depth: int, n_out: int, norm: str, make: NormMaker | None = None
    ) -> None:
        super().__init__()
        make = make or make_norm  # another paper's norms (layer norm) plug in here
        layers: list[nn.Module] = []
        size = d_in
        for _ in range(depth):
            linear = nn.Linear(size, width)
            nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")  # Var[w] = 2 / fan_in
            nn.init.zeros_(linear.bias)
            layers += [linear, make(norm, width), nn.ReLU()]
            size = width
        self.body = nn.Sequential(*layers)
        self.head = nn.Linear(width, n_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.body(x))
