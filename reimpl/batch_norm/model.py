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

Here: a ReLU MLP whose hidden layers are followed by :class:`BatchNorm` when ``normalize`` is on, and by
the identity when it is off.

Paper: https://arxiv.org/abs/1502.03167
"""

from __future__ import annotations

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
                self.running_mean.lerp_(mu, self.momentum)
                self.running_var.lerp_(var * m / max(m - 1, 1), self.momentum)
        else:
            mu, var = self.running_mean, self.running_var
        x_hat = (x - mu) / torch.sqrt(var + self.eps)  # x̂ = (x − μ) / sqrt(σ² + ε)
        return self.gamma * x_hat + self.beta  # y = γ x̂ + β


class MLP(nn.Module):
    """``depth`` hidden layers Linear → (BatchNorm | identity) → ReLU, then a linear classifier."""

    def __init__(self, d_in: int, width: int, depth: int, n_out: int, normalize: bool) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        size = d_in
        for _ in range(depth):
            layers += [nn.Linear(size, width), BatchNorm(width) if normalize else nn.Identity(), nn.ReLU()]
            size = width
        self.body = nn.Sequential(*layers)
        self.head = nn.Linear(width, n_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.body(x))
