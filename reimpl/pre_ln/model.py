"""Where the layer norm goes in a transformer block (Xiong et al. 2020): Post-LN against Pre-LN.

The original transformer (Post-LN) normalises the residual stream after each sub-layer is added:

    x_{l,i} = LN(x_l + Attn(x_l)),          x_{l+1} = LN(x_{l,i} + FFN(x_{l,i}))            (Post-LN)

Pre-LN normalises only the sub-layer's input and leaves the residual stream alone, with one LN at the end:

    x_{l,i} = x_l + Attn(LN(x_l)),          x_{l+1} = x_{l,i} + FFN(LN(x_{l,i})),   out = LN(x_L)  (Pre-LN)

The paper shows (mean-field, at initialisation) that in Post-LN the expected gradient of the last layer's
parameters does not shrink with depth, ‖∂L/∂W_L‖ = O(d sqrt(ln d)), so the first Adam steps at a usual
learning rate are too large and training goes wrong unless the rate is warmed up from 0 over the first
steps; in Pre-LN it scales as O(d sqrt(ln d / L)), and training works without warm-up. Warm-up (the
original recipe): lr_t = lr_max · min(1, t / T_warmup).

Attention here is multi-head scaled dot-product self-attention (bidirectional, an encoder), FFN a ReLU MLP
of width ``ff``; the blocks differ only in where the norms sit.

Paper: https://arxiv.org/abs/2002.04745
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F


class Block(nn.Module):
    """One transformer encoder layer, Post-LN (``pre_ln=False``) or Pre-LN (``pre_ln=True``)."""

    def __init__(self, d: int, heads: int, ff: int, pre_ln: bool) -> None:
        super().__init__()
        self.heads, self.pre_ln = heads, pre_ln
        self.qkv = nn.Linear(d, 3 * d)
        self.out = nn.Linear(d, d)
        self.ff1, self.ff2 = nn.Linear(d, ff), nn.Linear(ff, d)
        self.norm1, self.norm2 = nn.LayerNorm(d), nn.LayerNorm(d)

    def attention(self, x: torch.Tensor) -> torch.Tensor:
        """Multi-head softmax(QKᵀ/sqrt(d_k)) V, then the output projection."""
        b, t, d = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        weights = torch.softmax(q @ k.transpose(-2, -1) / (d // self.heads) ** 0.5, dim=-1)
        y = weights @ v  # written out: at these sizes faster on the CPU than the fused kernel
        return self.out(y.transpose(1, 2).reshape(b, t, d))

    def ffn(self, x: torch.Tensor) -> torch.Tensor:
        """FFN(x) = W₂ ReLU(W₁ x + b₁) + b₂."""
        return self.ff2(F.relu(self.ff1(x)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.pre_ln:
            x = x + self.attention(self.norm1(x))  # x + Attn(LN(x))
            return x + self.ffn(self.norm2(x))  # x + FFN(LN(x))
        x = self.norm1(x + self.attention(x))  # LN(x + Attn(x))
        return self.norm2(x + self.ffn(x))  # LN(x + FFN(x))


class Encoder(nn.Module):
    """Token and learned position embeddings, ``layers`` blocks, a linear read-out per position.

    Pre-LN ends with a final LN on the residual stream (the paper's Figure 1); Post-LN's last block already
    ends with one. ``final_ln`` forces that final LN on or off.
    """

    def __init__(
        self,
        vocab: int,
        length: int,
        d: int,
        heads: int,
        ff: int,
        layers: int,
        pre_ln: bool,
        final_ln: bool | None = None,
    ) -> None:
        super().__init__()
        self.embed = nn.Embedding(vocab, d)
        self.position = nn.Parameter(torch.randn(length, d))
        self.blocks = nn.ModuleList(Block(d, heads, ff, pre_ln) for _ in range(layers))
        self.final = nn.LayerNorm(d) if (pre_ln if final_ln is None else final_ln) else nn.Identity()
        self.readout = nn.Linear(d, vocab)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        x = self.embed(tokens) + self.position[: tokens.shape[1]]
        for block in self.blocks:
            x = block(x)
        return self.readout(self.final(x))


def warmup_factor(step: int, warmup_steps: int) -> float:
    """min(1, (t + 1) / T_warmup): the share of the peak learning rate at step t (1 when T_warmup = 0)."""
    return 1.0 if warmup_steps <= 0 else min(1.0, (step + 1) / warmup_steps)
