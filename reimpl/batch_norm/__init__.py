"""Batch normalization: normalising each unit over the mini-batch speeds training up (arXiv 1502.03167)."""

from __future__ import annotations

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1502.03167",
    title="Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift",
    claim=(
        "Normalising every hidden unit over the mini-batch makes a net train faster at the same learning "
        "rate and keeps it training at a 10× higher one, where the same net without it stalls."
    ),
    toy=(
        "A 4-hidden-layer ReLU MLP (width 64) instead of Inception on ImageNet; 4096 points labelled by a "
        "random tanh teacher (8 classes); momentum SGD at learning rates 0.05 and 0.5, 600 steps of batch 64."
    ),
    metric=(
        "mean training loss over the first quarter of training (speed) and cross-entropy on the whole "
        "training set at the end (seed means)"
    ),
    margin=(
        "early loss: BN ≥ 0.3 nats below plain at lr 0.05; final loss at lr 0.5: BN ≥ 0.5 nats below plain "
        "and ≤ 60 % of the chance-level loss ln 8"
    ),
)
