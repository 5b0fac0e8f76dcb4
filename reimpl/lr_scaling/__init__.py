"""Goyal et al. 2017: large-minibatch SGD, the linear scaling rule with warm-up (arXiv 1706.02677)."""

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1706.02677",
    title="Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour",
    claim=(
        "For the same number of epochs, a batch k = 8 times larger trained at k times the small batch's "
        "best rate (warmed up from it) comes within a few points of the small batch's held-out accuracy, "
        "while at the small batch's rate it falls far short; the best rate of a grid grows about k-fold with "
        "the batch (8–16× measured); warm-up adds nothing measurable at this k on the toy."
    ),
    toy=(
        "8 classes from a random tanh teacher in 16-d, 1024 training points, a 2×64 ReLU MLP (instead of "
        "ResNet-50 on ImageNet), momentum-SGD for 5 epochs at batch 16 against batch 128, per-arm rate grid "
        "0.0025–0.32 (×2 steps), warm-up over the first 20 % of steps"
    ),
    metric=(
        "held-out accuracy (seed means); log10 of the ratio of the two batch sizes' best rates "
        "(lowest held-out loss on the grid)"
    ),
    margin=(
        "scaled large batch ≥ small-batch accuracy − 0.1 and ≥ unscaled + 0.2; best-rate ratio within "
        "log10 8 −0.4 … +0.4"
    ),
)
