"""Batch normalization (arXiv 1502.03167): reproduction at CI budget, and the ablation with BN as identity."""

from __future__ import annotations

import pytest
import torch
from reimpl.batch_norm import claim, experiment
from reimpl.batch_norm.model import BatchNorm

from reimpl_checks import arms_differ, fails_on_finite_metrics


def test_batch_norm_matches_torch_in_training_and_inference() -> None:
    torch.manual_seed(0)
    ours, theirs = BatchNorm(6), torch.nn.BatchNorm1d(6)
    with torch.no_grad():
        ours.gamma.uniform_(0.5, 2.0)
        ours.beta.uniform_(-1.0, 1.0)
        theirs.weight.copy_(ours.gamma)
        theirs.bias.copy_(ours.beta)
    for _ in range(3):
        x = torch.randn(32, 6) * 3 + 1
        assert torch.allclose(ours(x), theirs(x), atol=1e-5)
    assert torch.allclose(ours.running_mean, theirs.running_mean, atol=1e-6)
    assert torch.allclose(ours.running_var, theirs.running_var, atol=1e-6)
    ours.eval()
    theirs.eval()
    x = torch.randn(8, 6)
    assert torch.allclose(ours(x), theirs(x), atol=1e-5)


def test_normalised_units_have_zero_mean_unit_variance() -> None:
    x = torch.randn(256, 4) * torch.tensor([0.1, 1.0, 10.0, 100.0]) + 5
    y = BatchNorm(4)(x).detach()
    assert torch.allclose(y.mean(0), torch.zeros(4), atol=1e-4)
    assert torch.allclose(y.var(0, unbiased=False), torch.ones(4), atol=1e-2)


@pytest.mark.reproduction
def test_batch_norm_claim_holds() -> None:
    result = experiment.run("ci", seed=0, device=torch.device("cpu"))
    verdict = claim.check([result])
    assert verdict.held, verdict.summary


@pytest.mark.reproduction
def test_ablation_affine_without_normalising_fails() -> None:
    result = experiment.run("ci", seed=0, device=torch.device("cpu"), norm="affine")
    fails_on_finite_metrics(result, claim.check([result]))


@pytest.mark.reproduction
def test_control_plain_net_with_the_same_init_trains_at_the_base_rate() -> None:
    # the baseline is a fair one: He-initialised, it trains at the base rate (below 40 % of ln C)
    result = experiment.run("ci", seed=0, device=torch.device("cpu"))
    plain = result.arms["plain_base"].metrics
    assert plain["train_loss"] <= 0.4 * plain["chance_loss"]
    arms_differ(result)
