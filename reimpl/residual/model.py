"""Residual learning (He, Zhang, Ren, Sun 2015) — arXiv 1512.03385.

Study note. Stacking more layers onto a working net should never hurt its *training* error: the extra
layers could learn the identity and copy the shallow net. In practice deeper plain nets train to a higher
error than shallower ones ("degradation"); since the training error rises, it is an optimisation problem,
not overfitting (batch norm rules out vanishing signals as the cause).

The fix is to let a block learn what it should *add* to its input rather than the whole mapping. If the
wanted mapping is H(x), the block's layers fit the residual F(x) = H(x) − x and the block outputs

    y = F(x, {W_i}) + x                 e.g.  F = W_2 · ReLU(BN(W_1 x)), then BN, then y = ReLU(F + x)

The shortcut is a plain identity (no parameters, no extra cost). Learning the identity now means pushing
F towards zero, which is easy, and the signal and its gradient also travel along the chain of shortcuts
instead of only through every stacked layer. The paper's residual nets train better the deeper they get.

Here: the same block with and without the ``+ x``; ``skip=False`` gives the plain net of equal depth.

Paper: https://arxiv.org/abs/1512.03385
"""

from __future__ import annotations

import torch
from torch import nn


class Block(nn.Module):
    """Two linear layers with batch norm; ``skip`` adds the block's input before the last ReLU.

    ``skip="detached"`` (the ablation) adds the input's value but passes no gradient along the shortcut: the
    forward signal is the residual net's, the backward path is the plain net's.
    """

    def __init__(self, width: int, skip: bool | str) -> None:
        super().__init__()
        self.skip = skip
        self.fc1 = nn.Linear(width, width, bias=False)  # BN's shift makes a bias redundant
        self.bn1 = nn.BatchNorm1d(width)
        self.fc2 = nn.Linear(width, width, bias=False)
        self.bn2 = nn.BatchNorm1d(width)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        f = self.bn2(self.fc2(torch.relu(self.bn1(self.fc1(x)))))  # F(x)
        if self.skip == "detached":
            return torch.relu(f + x.detach())
        return torch.relu(f + x if self.skip else f)  # y = ReLU(F(x) + x)


class Net(nn.Module):
    """Input layer → ``blocks`` blocks → linear classifier."""

    def __init__(self, d_in: int, width: int, blocks: int, n_out: int, skip: bool | str) -> None:
        super().__init__()
        self.stem = nn.Sequential(nn.Linear(d_in, width, bias=False), nn.BatchNorm1d(width), nn.ReLU())
        self.blocks = nn.Sequential(*(Block(width, skip) for _ in range(blocks)))
        self.head = nn.Linear(width, n_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.blocks(self.stem(x)))
