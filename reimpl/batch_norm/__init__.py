"""Batch normalization: normalising each unit over the mini-batch speeds training up (arXiv 1502.03167)."""

from __future__ import annotations

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1502.03167",
    title="Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift",
    claim=(
        "Normalising every hidden unit over the mini-batch keeps a net training at a 10× higher learning "
        "rate, where the same net without it (same He initialisation) stalls at chance; at the base rate, "
        "with that init, the speed-up is small."
    ),
    toy=(
        "A 4-hidden-layer ReLU MLP (width 64, He-initialised in every arm) instead of Inception on ImageNet; "
        "4096 points labelled by a random tanh teacher (8 classes); momentum SGD at learning rates 0.05 and "
        "0.5, 600 steps of batch 64."
    ),
    metric="cross-entropy on the whole training set at the end, at the high rate (seed means)",
    margin="at lr 0.5: BN ≥ 0.5 nats below plain and ≤ 70 % of the chance-level loss ln 8",
)
