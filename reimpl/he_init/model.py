"""He initialisation ("Delving Deep into Rectifiers", He, Zhang, Ren, Sun 2015) — arXiv 1502.01852.

Study note. A layer computes y_l = W_l x_l with x_l = ReLU(y_{l-1}). With weights drawn i.i.d. from a
zero-mean distribution of variance Var[w_l], and n_l inputs per unit (fan-in),

    Var[y_l] = n_l · Var[w_l] · E[x_l²],      and for a ReLU of a symmetric y:  E[x_l²] = ½ · Var[y_{l-1}]

so  Var[y_L] = Var[y_1] · Π_{l=2..L} (½ · n_l · Var[w_l]).

The product stays at 1 — the signal neither explodes nor vanishes however deep the net — exactly when

    ½ · n_l · Var[w_l] = 1,    i.e.  Var[w_l] = 2 / n_l,    std = sqrt(2 / n_l).

The earlier "Xavier"/Glorot rule derived for linear units gives Var[w] = 1/n; under ReLU each layer then
multiplies the signal's second moment by ½, so after 30 layers it is about 2⁻²⁹ ≈ 10⁻⁹ of what it was. The
backward signal has the same product, so gradients reaching the early layers are tiny and a deep plain net
does not learn. The paper shows a 30-layer net that trains with 2/n and stalls with 1/n.

Here: a plain ReLU MLP (no normalisation, zero biases) whose weights are drawn with variance
``gain / fan_in``; ``gain = 2`` is He, ``gain = 1`` the Xavier-like rule.

Paper: https://arxiv.org/abs/1502.01852
"""

from __future__ import annotations

import itertools
import math

import torch
from torch import nn


def init_linear(
    layer: nn.Linear, gain: float, generator: torch.Generator | None = None, dist: str = "normal"
) -> None:
    """Draw ``layer``'s weights with variance gain / fan_in and zero its bias (He: gain = 2).

    ``dist`` is ``"normal"`` (N(0, gain/n), the paper's) or ``"uniform"`` (U(−a, a) with a = sqrt(3·gain/n),
    the same variance): the derivation only uses the variance. ``generator`` must live on the layer's device.
    """
    fan_in = layer.in_features
    std = math.sqrt(gain / fan_in)  # Var[w] = gain / n_l
    with torch.no_grad():
        if dist == "normal":
            layer.weight.normal_(0.0, std, generator=generator)
        elif dist == "uniform":
            bound = math.sqrt(3.0) * std  # Var[U(−a, a)] = a²/3
            layer.weight.uniform_(-bound, bound, generator=generator)
        else:
            raise ValueError(f"unknown weight distribution {dist!r} (normal or uniform)")
        if layer.bias is not None:
            layer.bias.zero_()


class DeepReLUNet(nn.Module):
    """``depth`` linear layers with a ReLU between each pair; the last one gives the class logits."""

    def __init__(
        self,
        d_in: int,
        width: int,
        depth: int,
        n_out: int,
        gain: float,
        generator: torch.Generator | None = None,
        dist: str = "normal",
    ) -> None:
        super().__init__()
        if depth < 2:
            raise ValueError(f"depth must be at least 2, got {depth}")
        sizes = [d_in] + [width] * (depth - 1) + [n_out]
        device = generator.device if generator is not None else None
        linears = [nn.Linear(a, b, device=device) for a, b in itertools.pairwise(sizes)]  # where it is drawn
        for layer in linears:
            init_linear(layer, gain, generator, dist)
        self.layers = nn.ModuleList(linears)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.forward_with_signal(x)[0]

    def forward_with_signal(self, x: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor]]:
        """The logits and, per layer, the mean squared response E[y_l²] (the signal's scale)."""
        signal: list[torch.Tensor] = []
        h = x
        for i, layer in enumerate(self.layers):
            y = layer(h)
            signal.append(y.detach().pow(2).mean())
            h = torch.relu(y) if i < len(self.layers) - 1 else y
        return h, signal
