"""Deep residual learning: identity shortcuts remove the degradation of deep plain nets (arXiv 1512.03385)."""

from __future__ import annotations

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1512.03385",
    title="Deep Residual Learning for Image Recognition",
    claim=(
        "A deeper plain net reaches a higher training loss than a shallower one (degradation, an "
        "optimisation failure, not overfitting); adding identity shortcuts lets the deep net train at least "
        "as well."
    ),
    toy=(
        "MLPs with batch norm (width 32) instead of ImageNet conv nets: 2 vs 10 two-layer blocks, plain or "
        "residual, 300 steps of momentum SGD on 2048 points labelled by a random tanh teacher (8 classes)."
    ),
    metric="cross-entropy on the whole training set at the end of training (seed mean)",
    margin=(
        "plain deep ≥ plain shallow + 0.3 nats; residual deep ≤ plain deep − 0.3 nats and ≤ plain shallow "
        "+ 0.2"
    ),
)
