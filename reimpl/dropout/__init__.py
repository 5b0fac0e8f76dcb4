"""Dropout: randomly omitting hidden units prevents co-adaptation (arXiv 1207.0580)."""

from __future__ import annotations

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1207.0580",
    title="Improving neural networks by preventing co-adaptation of feature detectors",
    claim=(
        "Dropping each hidden unit with probability ½ (inputs 0.2), afresh on every training case, improves "
        "the test loss and test accuracy of a large net that fits a small noisy data set."
    ),
    toy=(
        "A 2×256 ReLU MLP on 200 points of a 4-class Gaussian mixture in 20-D with 20 % of labels flipped, "
        "instead of MNIST/TIMIT/ImageNet nets; 800 full-batch Adam steps, no early stopping; 4000 clean "
        "test points."
    ),
    metric="test cross-entropy and test accuracy at the end (seed means)",
    margin="test loss ≥ 0.2 nats lower, test accuracy ≥ 0.03 higher with dropout",
)
