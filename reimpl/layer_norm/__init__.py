"""Ba, Kiros, Hinton 2016: layer normalisation needs no batch statistics, so small batches do not hurt it."""

from __future__ import annotations

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1607.06450",
    title="Layer Normalization",
    claim=(
        "Normalising each hidden layer over its units, per training case, makes a deep net trained with "
        "small batches (4 cases) train well where batch norm falters, and keeps it training at learning "
        "rates where the unnormalised net fails; best learning rate against best, it is level with the "
        "unnormalised net."
    ),
    toy=(
        "A 6-hidden-layer ReLU MLP (width 64) trained with SGD on batches of 4 from 4096 points of a random "
        "tanh teacher (8 classes), instead of RNNs on text and images; each arm at learning rates 0.01, "
        "0.03, 0.1, 0.3; 1000 steps (quick)."
    ),
    metric="accuracy on the whole training set at the end, in inference mode, each arm at its best rate",
    margin="LN ≥ 3× chance; LN ≥ BN + 0.1 (best against best); at lr 0.3, LN ≥ plain + 0.1",
)
