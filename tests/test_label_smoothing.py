"""Label smoothing (arXiv 1512.00567): reproduction at CI budget, and the ablation with ε = 0."""

from __future__ import annotations

import pytest
import torch
from reimpl.label_smoothing import claim, experiment
from reimpl.label_smoothing.model import expected_calibration_error, smoothed_cross_entropy, smoothed_targets
from torch.nn import functional as F

from reimpl_checks import fails_on_finite_metrics


def test_smoothed_targets_are_distributions() -> None:
    q = smoothed_targets(torch.tensor([0, 2]), 4, 0.2)
    assert torch.allclose(q.sum(-1), torch.ones(2))
    assert torch.allclose(q[0], torch.tensor([0.85, 0.05, 0.05, 0.05]))
    with pytest.raises(ValueError, match="ε"):
        smoothed_targets(torch.tensor([0]), 4, 1.0)


def test_smoothed_cross_entropy_matches_torch() -> None:
    torch.manual_seed(0)
    logits, labels = torch.randn(6, 5), torch.randint(0, 5, (6,))
    for eps in (0.0, 0.1, 0.3):
        ours = smoothed_cross_entropy(logits, labels, eps)
        assert torch.isclose(ours, F.cross_entropy(logits, labels, label_smoothing=eps), atol=1e-6)


def test_ece_is_zero_when_calibrated_and_large_when_not() -> None:
    labels = torch.tensor([0, 0, 0, 0, 1])  # 80% of the top-class guesses "0" are right
    calibrated = torch.tensor([[0.8, 0.2]]).repeat(5, 1)
    assert expected_calibration_error(calibrated, labels) == pytest.approx(0.0, abs=1e-6)
    certain = torch.tensor([[1.0, 0.0]]).repeat(5, 1)
    assert expected_calibration_error(certain, labels) == pytest.approx(0.2, abs=1e-6)


@pytest.mark.reproduction
def test_label_smoothing_claim_holds() -> None:
    result = experiment.run("ci", seed=0, device=torch.device("cpu"))
    verdict = claim.check([result])
    assert verdict.held, verdict.summary


@pytest.mark.reproduction
def test_ablation_hard_labels_resampled_from_the_smoothed_target_fail() -> None:
    # the same ε of label mass off the truth, as fixed hard labels: memorised, no calibration
    result = experiment.run("ci", seed=0, device=torch.device("cpu"), soft=False)
    fails_on_finite_metrics(result, claim.check([result]))
