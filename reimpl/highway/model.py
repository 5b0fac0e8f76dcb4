"""Highway networks (Srivastava, Greff, Schmidhuber 2015) — arXiv 1505.00387.

Study note. A plain layer computes y = H(x, W_H), e.g. H = ReLU(W_Hᵀx + b_H). Stacked deep, such nets are
hard to optimise: the signal and its gradient must pass through every layer's weights, and the error
after training rises with depth. A highway layer adds two gates that decide, per unit and per input, how
much of the layer's input is transformed and how much is carried through unchanged:

    y = H(x, W_H) · T(x, W_T) + x · C(x, W_C)

with the carry gate tied to the transform gate, C = 1 − T:

    y = H(x, W_H) · T(x, W_T) + x · (1 − T(x, W_T)),     T(x) = σ(W_Tᵀx + b_T)

so y = x where T = 0 and y = H(x) where T = 1. The paper starts b_T negative (−1 to −3): every gate starts
mostly closed, the net starts close to a chain of identities, and both the signal and the gradient pass
through the carry path x · (1 − T) however deep the stack. Learning then opens the gates where a
transformation pays.

Here every layer of the stack is one of three kinds, chosen per replica (see :mod:`reimpl.grid`):

- ``"highway"``: the equation above,
- ``"plain"``: y = H(x) (T ≡ 1: the plain net of equal depth and equal H),
- ``"no_carry"``: y = H(x) · T(x) (the gates kept, the carry term x · (1 − T) cut: the ablation),
- ``"fixed_gate"``: T ≡ σ(b_T), a constant that is never learned (a control: the carry path without
  gating, y = σ(b_T) · H(x) + (1 − σ(b_T)) · x).

Paper: https://arxiv.org/abs/1505.00387
"""

from __future__ import annotations

import math

import torch
from torch import nn

KINDS = ("highway", "plain", "no_carry", "fixed_gate")


class StackedHighwayNet(nn.Module):
    """``replicas`` independent nets, input layer → ``depth`` layers of width ``width`` → linear classifier.

    Every weight has a leading replica dimension; ``kinds[r]`` names replica r's layer kind (one of
    :data:`KINDS`) and ``init_gains[r]`` the variance gain of its H and T weights (Var w = gain / width: 1
    is LeCun's scale, 2 is He's). Inputs (batch, d_in) are shared by every replica; outputs are
    (replicas, batch, classes).
    """

    def __init__(
        self,
        d_in: int,
        width: int,
        depth: int,
        classes: int,
        kinds: list[str],
        init_gains: list[float],
        gate_bias: float,
    ) -> None:
        super().__init__()
        unknown = set(kinds) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown layer kind(s) {sorted(unknown)} (one of {', '.join(KINDS)})")
        g = len(kinds)
        gains = torch.tensor(init_gains, dtype=torch.float32).view(g, 1, 1, 1)
        self.width = width
        self.w_in = nn.Parameter(torch.randn(g, d_in, width) * math.sqrt(2.0 / d_in))
        # W_H and W_T side by side: one batched product gives both H's and T's pre-activations
        self.w = nn.Parameter(torch.randn(g, depth, width, 2 * width) * (gains / width).sqrt())
        bias = torch.zeros(g, depth, 1, 2 * width)
        bias[..., width:] = gate_bias  # b_T < 0: gates start mostly closed, the carry mostly open
        self.b = nn.Parameter(bias)
        self.w_out = nn.Parameter(torch.randn(g, width, classes) / math.sqrt(width))
        self.b_out = nn.Parameter(torch.zeros(g, 1, classes))

        def mask(flags: list[bool]) -> torch.Tensor:
            return torch.tensor(flags).view(g, 1, 1)

        self.plain: torch.Tensor
        self.fixed: torch.Tensor
        self.carry: torch.Tensor
        self.register_buffer("plain", mask([k == "plain" for k in kinds]))
        self.register_buffer("fixed", mask([k == "fixed_gate" for k in kinds]))
        self.register_buffer("carry", mask([k not in ("plain", "no_carry") for k in kinds]))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Logits (replicas, batch, classes) for inputs (batch, d_in)."""
        h = torch.relu(torch.matmul(x, self.w_in))  # (replicas, batch, width)
        any_fixed, any_cut = bool(self.fixed.any()), bool((~self.carry & ~self.plain).any())
        for layer in range(self.w.shape[1]):
            z = torch.baddbmm(self.b[:, layer], h, self.w[:, layer])
            transform = torch.relu(z[..., : self.width])  # H(x) = ReLU(W_Hᵀx + b_H)
            gate_pre = z[..., self.width :]
            if any_fixed:
                gate_pre = torch.where(self.fixed, self.b[:, layer, :, self.width :], gate_pre)
            gate = torch.sigmoid(gate_pre).masked_fill(self.plain, 1.0)  # T(x) = σ(W_Tᵀx + b_T); plain: 1
            carried = h * (1 - gate)  # x · (1 − T): zero where T ≡ 1
            if any_cut:
                carried = carried.masked_fill(~self.carry, 0.0)
            h = transform * gate + carried  # y = H·T + x·(1 − T)
        return torch.baddbmm(self.b_out, h, self.w_out)
