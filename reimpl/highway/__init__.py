"""Highway networks: gated carry paths let very deep nets train (arXiv 1505.00387)."""

from __future__ import annotations

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1505.00387",
    title="Highway Networks",
    claim=(
        "A 20-layer highway net whose gates start mostly closed (b_T = −2) trains to a far lower training "
        "loss than a plain net of equal depth and layers, each at its best rate of a momentum-SGD grid; the "
        "toy credits the carry path the closed gates open: a constant gate σ(b_T) does as well, while "
        "cutting the carry or starting the gates open (b_T = 0) fails."
    ),
    toy=(
        "MLPs of 20 layers × 32 units (30 at the full budget) on 2048 points labelled by a random tanh "
        "teacher (8 classes), instead of MNIST/CIFAR nets of 10–100 layers; 300 steps of batch 64, momentum "
        "SGD at rates 0.01, 0.03, 0.1, 0.3 per arm (0.003–1 at the full budget), gradients clipped at 1."
    ),
    metric="training-set cross-entropy after training, seed mean, at each arm's best rate",
    margin="highway ≥ 0.4 nats below plain, and ≤ ½ ln 8 (it trains)",
)
