"""Vaswani et al. 2017: attention divides its scores by sqrt(d_k), or wide keys saturate the softmax."""

from __future__ import annotations

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1706.03762",
    title="Attention Is All You Need",
    claim=(
        "Without the 1/sqrt(d_k) scale, dot products of d_k-dimensional queries and keys with unit-variance "
        "entries spread like sqrt(d_k), the softmax saturates on one key and its gradients nearly vanish, so "
        "attention with wide keys (d_k = 256) trains markedly slower than the scaled form."
    ),
    toy=(
        "Associative recall instead of translation: 16 (key, value) token pairs and a query key, one "
        "attention layer with d_k = 256 over embedded tokens, unit-variance q and k at init; 400 Adam steps."
    ),
    metric="steps until the training loss (mean of 20 steps) falls below 0.5 (seed means); held-out accuracy",
    margin="unscaled needs ≥ 1.8× the scaled arm's steps; the scaled arm reaches ≥ 0.9 held-out accuracy",
)
