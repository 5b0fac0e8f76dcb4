"""mixup (Zhang, Cisse, Dauphin, Lopez-Paz 2017), small enough to read top to bottom.

Empirical risk minimisation fits the training pairs (x_i, y_i) themselves, and a big enough network
will fit them exactly, wrong labels included. mixup trains instead on convex combinations of random
pairs of examples *and* of their one-hot labels:

    λ ~ Beta(α, α)
    x̃ = λ x_i + (1 − λ) x_j
    ỹ = λ y_i + (1 − λ) y_j          (y as one-hot vectors, so ỹ is a soft label)

    loss = H(ỹ, p(· | x̃)) = λ H(y_i, p(· | x̃)) + (1 − λ) H(y_j, p(· | x̃))

This asks the network to behave linearly between training examples. The paper reports better accuracy
than ERM on CIFAR with 20–80% of labels corrupted. On the toy here the lift is real, but not because the
wrong labels are memorised less: at the training points themselves mixup reproduces them about as often
as ERM does. What changes is the fit between the points, where the mixed training inputs lie; mixing the
inputs alone, each keeping its major partner's label, gives most of the lift. Here λ is drawn per
example (the paper's code draws one per minibatch); α controls how far mixes stray from the real points
(α → 0 recovers ERM).

Paper: https://arxiv.org/abs/1710.09412
"""

from __future__ import annotations

import torch


def sample_lambda(n: int, alpha: float, device: torch.device) -> torch.Tensor:
    """λ ~ Beta(α, α), one per example, shape (n, 1); α = 0 gives λ = 1 (no mixing)."""
    if alpha < 0:
        raise ValueError(f"mixup α must not be negative, got {alpha}")
    if alpha == 0:
        return torch.ones(n, 1, device=device)
    concentration = torch.full((n, 1), float(alpha), device=device)
    return torch.distributions.Beta(concentration, concentration).sample()


def mix(
    x: torch.Tensor, y_onehot: torch.Tensor, lam: torch.Tensor, partner: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    """x̃ = λ x + (1 − λ) x[partner] and ỹ = λ y + (1 − λ) y[partner]; ``partner`` is a permutation."""
    return lam * x + (1 - lam) * x[partner], lam * y_onehot + (1 - lam) * y_onehot[partner]


def soft_cross_entropy(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """H(ỹ, p) = −Σ_k ỹ_k log p_k, averaged over the batch (ỹ may be any distribution)."""
    return -(target * torch.log_softmax(logits, dim=-1)).sum(-1).mean()
