"""Scheduled sampling for sequence prediction with recurrent neural networks (arXiv 1506.03099)."""

from __future__ import annotations

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1506.03099",
    title="Scheduled Sampling for Sequence Prediction with Recurrent Neural Networks",
    claim=(
        "Training on the model's own sampled tokens, fed with a probability that grows during training "
        "(scheduled sampling), makes free-running generation more accurate than always feeding the truth "
        "(teacher forcing), and lets the model recover after its own first mistake; on this toy always "
        "sampling does as well, so what is credited is training on its own samples, not the schedule."
    ),
    toy=(
        "Copy 10 random tokens from 9 symbols with a small GRU encoder→decoder without attention "
        "(hidden 32, 600 steps of batch 64): too small to copy perfectly, so early mistakes compound."
    ),
    metric=(
        "free-running (greedy) token accuracy on held-out sequences; the same on the tokens after each "
        "sequence's first mistake (recovery)"
    ),
    margin=("SS beats TF in free-running accuracy by ≥ 0.05 and in recovery by ≥ 0.1 (seed means)"),
)
