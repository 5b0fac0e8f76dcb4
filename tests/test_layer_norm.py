"""Layer normalisation (arXiv 1607.06450): the layer, the claim online, its ablation and the batch control."""

from __future__ import annotations

import pytest
import torch
from reimpl.layer_norm import claim, experiment
from reimpl.layer_norm.model import LayerNorm

from reimpl_checks import arms_differ, fails_on_finite_metrics

CPU = torch.device("cpu")


def test_layer_norm_matches_torch_and_needs_no_batch() -> None:
    torch.manual_seed(0)
    x = torch.randn(3, 10) * 5 + 2
    ours, ref = LayerNorm(10), torch.nn.LayerNorm(10)
    assert torch.allclose(ours(x), ref(x), atol=1e-5)
    assert torch.allclose(ours(x[:1]), ref(x)[:1], atol=1e-5)  # one case alone: the same output


@pytest.mark.reproduction
def test_layer_norm_claim_holds() -> None:
    result = experiment.run("ci", seed=0, device=CPU)
    verdict = claim.check([result])
    assert verdict.held, verdict.summary


@pytest.mark.reproduction
def test_ablation_affine_without_normalising_fails() -> None:
    result = experiment.run("ci", seed=0, device=CPU, norm="affine")
    fails_on_finite_metrics(result, claim.check([result]))


@pytest.mark.reproduction
def test_control_batch_norm_trains_with_batches() -> None:
    # with 64 cases per step batch norm trains too: its failure online is the batch size's doing
    result = experiment.run("ci", seed=0, device=CPU, batch=64, steps=300)
    acc = result.arms["batch_norm"].metrics
    assert acc["train_acc"] >= 3 * acc["chance_acc"]
    arms_differ(result)
