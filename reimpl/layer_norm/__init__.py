"""Ba, Kiros, Hinton 2016: layer normalisation works where batch normalisation cannot (one case per batch)."""

from __future__ import annotations

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1607.06450",
    title="Layer Normalization",
    claim=(
        "Normalising each hidden layer over its units, per training case, needs no batch: a deep net "
        "trained online (batch size 1) with it trains, the same net with batch norm cannot, and without "
        "normalisation it trains worse at the same learning rate."
    ),
    toy=(
        "A 6-hidden-layer ReLU MLP (width 64) trained online with SGD on 4096 points of a random tanh "
        "teacher (8 classes), instead of RNNs on text and images; 2000 steps of one example (quick)."
    ),
    metric="accuracy on the whole training set at the end, in inference mode (seed means)",
    margin="LN ≥ 3× chance (1/8); BN < 2× chance; LN ≥ 0.05 above the unnormalised net",
)
