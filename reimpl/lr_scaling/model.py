"""The linear scaling rule with gradual warm-up (Goyal et al. 2017) for minibatch SGD with momentum.

Minibatch SGD with batch B_t of size n takes, at rate η,

    w_{t+1} = w_t − η · (1/n) Σ_{x ∈ B_t} ∇l(x, w_t).

The paper's argument: k small steps on k consecutive batches of n move the weights about as far as one
step on their union (a batch of kn) when the gradients barely change over those k steps, provided the large
step's rate is k times larger. Hence the rule:

    batch kn  →  rate η̂ = k · η                                                   (linear scaling)

It breaks down early in training, when the weights move fast; there the rate is raised gradually, linearly
from η to k·η over the first T_w steps, then held (or decayed as the small-batch schedule would be):

    η_t = η + (k·η − η) · min(1, t / T_w)                                         (gradual warm-up)

Momentum SGD as in the paper (their equation with the rate inside the velocity, which for a constant rate
is PyTorch's form): u_{t+1} = m·u_t + ∇L(w_t), w_{t+1} = w_t − η_t·u_{t+1}, m = 0.9. The rule keeps the
number of epochs: k× the batch means k× fewer steps.

Paper: https://arxiv.org/abs/1706.02677
"""

from __future__ import annotations


def scaled_rate(base_lr: float, k: float) -> float:
    """η̂ = k · η: the rate for a batch k times the one at which ``base_lr`` was tuned."""
    return k * base_lr


def warmup_rate(step: int, start_lr: float, peak_lr: float, warmup_steps: int) -> float:
    """η_t = η + (η̂ − η) · min(1, t / T_w): linear from ``start_lr`` at t = 0 to ``peak_lr``, then held."""
    if warmup_steps <= 0:
        return peak_lr
    return start_lr + (peak_lr - start_lr) * min(1.0, step / warmup_steps)
