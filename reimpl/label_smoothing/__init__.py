"""Szegedy et al. 2015: smoothing the one-hot target keeps a classifier from growing over-confident."""

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1512.00567",
    title="Rethinking the Inception Architecture for Computer Vision",
    claim=(
        "Label smoothing (ε = 0.1) lowers over-confidence and the expected calibration error on held-out "
        "data (a memorising MLP on overlapping Gaussian classes instead of Inception on ImageNet)."
    ),
    toy="10 overlapping Gaussian classes in 16-d, 1000 training points, MLP 2×128, 500 full-batch Adam steps",
    metric="15-bin expected calibration error and mean confidence − accuracy on 10,000 held-out points",
    margin="ECE and over-confidence both lower by ≥ 0.07 with smoothing (seed mean)",
)
