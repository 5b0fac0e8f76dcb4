"""Hinton, Vinyals, Dean 2015: a small net learns more from a big net's softened outputs than from labels."""

from __future__ import annotations

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1503.02531",
    title="Distilling the Knowledge in a Neural Network",
    claim=(
        "A small net trained on a trained teacher's class probabilities softened at temperature T = 4 (plus "
        "the true labels) reaches higher held-out accuracy than the same net trained on the labels alone, "
        "when the transfer set is small; each student at its best rate and step chosen on validation."
    ),
    toy=(
        "10 overlapping Gaussian classes in 16-d instead of MNIST and speech: a 2×128 teacher trained on "
        "4,000 points (20,000 at the full budget), a 1×32 student trained on 200 of them; full-batch Adam at "
        "rates 0.001–0.03, early stopping on 1,000 validation points."
    ),
    metric="student accuracy on 10,000 held-out points (50,000 at the full budget), seed means",
    margin="distilled student ≥ label-trained student + 0.03 accuracy",
)
