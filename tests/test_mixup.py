"""mixup (arXiv 1710.09412): reproduction at CI budget, and the ablation with α = 0 (plain ERM)."""

from __future__ import annotations

import pytest
import torch
from reimpl.mixup import claim, experiment
from reimpl.mixup.model import mix, sample_lambda, soft_cross_entropy

from reimpl_checks import arms_differ, fails_on_finite_metrics


def test_mix_is_a_convex_combination_of_inputs_and_labels() -> None:
    x = torch.tensor([[0.0, 0.0], [2.0, 4.0]])
    y = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    lam = torch.tensor([[0.25], [1.0]])
    x_mix, y_mix = mix(x, y, lam, torch.tensor([1, 0]))
    assert torch.allclose(x_mix, torch.tensor([[1.5, 3.0], [2.0, 4.0]]))
    assert torch.allclose(y_mix, torch.tensor([[0.25, 0.75], [0.0, 1.0]]))
    assert torch.allclose(y_mix.sum(-1), torch.ones(2))


def test_lambda_lies_in_the_unit_interval_and_alpha_zero_means_no_mixing() -> None:
    torch.manual_seed(0)
    lam = sample_lambda(1000, 1.0, torch.device("cpu"))
    assert lam.shape == (1000, 1) and bool(((lam >= 0) & (lam <= 1)).all())
    assert 0.4 < float(lam.mean()) < 0.6  # Beta(1, 1) is uniform
    assert torch.equal(sample_lambda(3, 0.0, torch.device("cpu")), torch.ones(3, 1))
    with pytest.raises(ValueError, match="negative"):
        sample_lambda(3, -1.0, torch.device("cpu"))


def test_soft_cross_entropy_on_one_hot_is_the_usual_loss() -> None:
    torch.manual_seed(0)
    logits, labels = torch.randn(4, 3), torch.tensor([0, 2, 1, 1])
    one_hot = torch.nn.functional.one_hot(labels, 3).float()
    assert torch.isclose(
        soft_cross_entropy(logits, one_hot), torch.nn.functional.cross_entropy(logits, labels)
    )


@pytest.mark.reproduction
def test_mixup_claim_holds() -> None:
    result = experiment.run("ci", seed=0, device=torch.device("cpu"))
    verdict = claim.check([result])
    assert verdict.held, verdict.summary


@pytest.mark.reproduction
def test_ablation_mixes_that_stay_at_the_points_fail() -> None:
    # α = 0.02: λ is almost always within a hair of 0 or 1, so the mixes are the training points
    result = experiment.run("ci", seed=0, device=torch.device("cpu"), alpha=0.02)
    fails_on_finite_metrics(result, claim.check([result]))


@pytest.mark.reproduction
def test_control_mixing_inputs_alone_still_lifts() -> None:
    # what the toy credits: training on points between examples; the soft labels are not needed here
    result = experiment.run("ci", seed=0, device=torch.device("cpu"), mix_labels=False)
    assert claim.check([result]).held
    arms_differ(result)
