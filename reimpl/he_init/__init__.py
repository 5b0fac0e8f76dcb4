"""Delving deep into rectifiers: variance-preserving initialisation for ReLU nets (arXiv 1502.01852)."""

from __future__ import annotations

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1502.01852",
    title="Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification",
    claim=(
        "Drawing each ReLU layer's weights with variance 2/fan_in keeps the forward signal's scale constant "
        "through a 30-layer net, which then trains; variance 1/fan_in halves it at every layer and the net "
        "stalls."
    ),
    toy=(
        "A 30-layer ReLU MLP (width 64, no normalisation) instead of a 30-layer conv net on ImageNet; "
        "2-class labels from a random linear teacher on Gaussian inputs, 400 steps of momentum SGD."
    ),
    metric=(
        "log10 of the last hidden layer's mean squared activation over the first's, at initialisation; "
        "training loss after a fixed number of steps relative to its start"
    ),
    margin=(
        "2/n keeps the signal ratio within 100× either way, 1/n shrinks it by ≥ 10⁵; 2/n ends at ≤ 60 % of "
        "its starting loss and ≥ 0.3 nats below 1/n"
    ),
)
