"""Generative adversarial nets (Goodfellow et al. 2014): a generator and a discriminator in a minimax game.

A generator G maps noise z ~ p_z to a sample G(z); a discriminator D(x) ∈ (0, 1) gives the probability that
x came from the data rather than from G. The two play the two-player minimax game with value function

    min_G max_D V(D, G) = E_{x ~ p_data}[log D(x)] + E_{z ~ p_z}[log(1 − D(G(z)))]

For a fixed G the best discriminator is D*(x) = p_data(x) / (p_data(x) + p_g(x)), and against it the game's
value is −log 4 + 2 · JSD(p_data ‖ p_g), least exactly when p_g = p_data. Training alternates a gradient
step up V for D with a step down V for G.

Early in training D rejects G's samples with confidence and log(1 − D(G(z))) saturates, so the paper
suggests (and we use) the non-saturating generator loss: G maximises log D(G(z)) instead, which has the
same fixed point and much stronger gradients at the start. Both losses are written as binary cross-entropy
on D's logit.

Paper: https://arxiv.org/abs/1406.2661
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F

from reimpl.toys import mlp


class Generator(nn.Module):
    """G: noise z ~ N(0, I) of ``noise`` dimensions → a point in the plane."""

    def __init__(self, noise: int, hidden: int, depth: int = 2) -> None:
        super().__init__()
        self.noise = noise
        self.net = mlp(noise, hidden, 2, depth)  # ReLU MLP

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.net(z)


class Discriminator(nn.Module):
    """D: a point in the plane → the logit of D(x), the probability that x is data (sigmoid of the logit)."""

    def __init__(self, hidden: int, depth: int = 2) -> None:
        super().__init__()
        self.net = mlp(2, hidden, 1, depth)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x).squeeze(-1)


def discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """−V(D, G) for D's step: −log D(x) − log(1 − D(G(z))), averaged over the batch."""
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake


def generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    """The non-saturating generator loss −log D(G(z)) (the paper's practical choice over log(1 − D(G(z))))."""
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
