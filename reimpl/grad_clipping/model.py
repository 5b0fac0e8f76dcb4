"""Gradient-norm clipping (Pascanu, Mikolov, Bengio 2012), small enough to read top to bottom.

A recurrent net h_t = tanh(W_rec h_{t-1} + W_in x_t + b) is trained by backpropagation through time.
The gradient of a loss at step t with respect to a state k steps earlier is a product of Jacobians,

    ∂h_t/∂h_k = Π_{k<i≤t} W_recᵀ diag(tanh'(·)),

so its size grows or shrinks roughly like (largest singular value of W_rec)^(t−k). With large recurrent
weights the product can blow up: the loss surface has steep "cliffs" where one gradient step throws the
parameters far away (exploding gradients), and training diverges. The paper's remedy is to rescale the
gradient whenever its norm exceeds a threshold, keeping its direction:

    ĝ ← ∂E/∂θ
    if ‖ĝ‖ ≥ threshold:  ĝ ← threshold · ĝ / ‖ĝ‖

A step can then be at most lr·threshold long, even at a cliff. (The paper also proposes a regulariser
against vanishing gradients; that half is not reimplemented here.)

Paper: https://arxiv.org/abs/1211.5063
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import torch
from torch import nn


def global_grad_norm(params: Iterable[nn.Parameter]) -> torch.Tensor:
    """‖g‖: the 2-norm of all parameters' gradients taken together, as a 0-d tensor."""
    squares = [p.grad.detach().float().pow(2).sum() for p in params if p.grad is not None]
    if not squares:
        return torch.tensor(0.0)
    return torch.stack(squares).sum().sqrt()


def clip_gradient_norm(params: Iterable[nn.Parameter], threshold: float) -> torch.Tensor:
    """The paper's rule, in place: if ‖g‖ ≥ threshold then g ← threshold · g / ‖g‖. Returns ‖g‖ before.

    The rescaling is done with ``torch.where`` on a device tensor rather than a Python ``if``, so no
    host sync is needed. A non-finite norm makes the gradient non-finite too: callers stop before
    stepping on it (no rescaling can rescue an overflowed gradient).
    """
    if threshold <= 0:
        raise ValueError(f"clipping threshold must be positive, got {threshold}")
    params = [p for p in params if p.grad is not None]
    norm = global_grad_norm(params)
    scale = torch.where(norm >= threshold, threshold / norm, torch.ones_like(norm))
    for p in params:
        assert p.grad is not None  # filtered above; for mypy
        p.grad.mul_(scale.to(p.grad.dtype))
    return norm


class TanhRNN(nn.Module):
    """An Elman RNN with a linear read-out; W_rec starts with gain ``gain`` (spectral radius ≈ gain).

    Entries of W_rec are drawn from N(0, gain²/hidden), so its eigenvalues fill a disc of radius ≈ gain:
    gain < 1 makes gradients vanish over time, gain > 1 makes them prone to explode.
    """

    def __init__(self, inputs: int, hidden: int, outputs: int, gain: float) -> None:
        super().__init__()
        self.rnn = nn.RNN(inputs, hidden, nonlinearity="tanh", batch_first=True)  # the recurrence above
        self.readout = nn.Linear(hidden, outputs)
        w_rec = self.rnn.weight_hh_l0
        assert isinstance(w_rec, torch.Tensor)  # a Parameter; the attribute is typed loosely by torch
        nn.init.normal_(w_rec, 0.0, gain / math.sqrt(hidden))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Outputs (batch, time, outputs) for inputs (batch, time, inputs).

        The recurrence runs in float32 even under autocast: 50 steps of bfloat16 rounding swamp the echo the
        net has to carry, and the size of the gradient (what the paper is about) needs float32's precision.
        """
        with torch.autocast(x.device.type, enabled=False):
            states, _ = self.rnn(x.float())
        return self.readout(states)
