"""Dropout (Hinton, Srivastava, Krizhevsky, Sutskever, Salakhutdinov 2012) — arXiv 1207.0580.

Study note. A large net trained on a small data set fits the noise: hidden units learn to fix each other's
mistakes on the training cases (co-adaptation), and those joint fixes do not carry over to new cases. Dropout
omits each hidden unit at random, independently, on every training case, with probability p (½ in the
paper, 0.2 for inputs). A unit can then rely on no particular other unit being present and must be useful
on its own, in many random sub-networks; training trains an exponential number of thinned nets that share
their weights.

    training:  r_j ~ Bernoulli(1 − p),   h̃_j = r_j · h_j
    test:      all units present, outgoing weights scaled by (1 − p)  (the expected input of the next layer)

The test net approximates the geometric mean of the predictions of all thinned nets. Here the equivalent
"inverted" form is used: scale the surviving units by 1/(1 − p) at training time,

    h̃_j = r_j · h_j / (1 − p),    so that E[h̃_j] = h_j,

and at test time the layer is the identity; the trained weights then need no rescaling.

Paper: https://arxiv.org/abs/1207.0580
"""

from __future__ import annotations

import torch
from torch import nn


class Dropout(nn.Module):
    """Zero each unit with probability ``p`` in training, rescale the rest by 1/(1 − p); identity in eval.

    ``resample=False`` draws one mask per unit at the first call and keeps it (the ablation): a fixed thinner
    net instead of a fresh random one on every training case.
    """

    def __init__(self, p: float, generator: torch.Generator | None = None, resample: bool = True) -> None:
        super().__init__()
        if not 0.0 <= p < 1.0:
            raise ValueError(f"dropout probability must lie in [0, 1), got {p}")
        self.p = p
        self.generator = generator  # an explicit stream keeps runs reproducible per seed
        self.resample = resample
        self.fixed: torch.Tensor | None = None

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        if not self.training or self.p == 0.0:
            return h
        keep = 1.0 - self.p
        if self.resample:
            r = torch.rand(h.shape, generator=self.generator, device=h.device) < keep  # r ~ Bern(1−p)
        else:
            if self.fixed is None:
                self.fixed = torch.rand(h.shape[1:], generator=self.generator, device=h.device) < keep
            r = self.fixed
        return h * r.to(h.dtype) / keep  # h̃ = r·h/(1 − p)


class MLP(nn.Module):
    """Input dropout → (Linear → ReLU → dropout) × ``depth`` → linear classifier."""

    def __init__(
        self,
        d_in: int,
        width: int,
        depth: int,
        n_out: int,
        p_hidden: float,
        p_input: float = 0.0,
        generator: torch.Generator | None = None,
        resample: bool = True,
    ) -> None:
        super().__init__()
        layers: list[nn.Module] = [Dropout(p_input, generator, resample)]
        size = d_in
        for _ in range(depth):
            layers += [nn.Linear(size, width), nn.ReLU(), Dropout(p_hidden, generator, resample)]
            size = width
        self.body = nn.Sequential(*layers)
        self.head = nn.Linear(width, n_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.body(x))
