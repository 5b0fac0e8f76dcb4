"""Gradient-norm clipping (arXiv 1211.5063): reproduction at CI budget, and the ablation without clipping."""

from __future__ import annotations

import pytest
import torch
from reimpl.grad_clipping import claim, experiment
from reimpl.grad_clipping.model import clip_gradient_norm, global_grad_norm

from reimpl_checks import arms_differ, fails_on_finite_metrics


def _params_with_grads(scale: float) -> list[torch.nn.Parameter]:
    torch.manual_seed(0)
    params = [torch.nn.Parameter(torch.randn(3, 4)), torch.nn.Parameter(torch.randn(5))]
    for p in params:
        p.grad = scale * torch.randn_like(p)
    return params


def test_clipping_matches_the_rule_and_torch() -> None:
    ours = _params_with_grads(10.0)
    theirs = _params_with_grads(10.0)
    before = clip_gradient_norm(ours, 1.0)
    torch.nn.utils.clip_grad_norm_(theirs, 1.0)
    assert float(before) > 1.0
    assert torch.isclose(global_grad_norm(ours), torch.tensor(1.0), atol=1e-5)
    for a, b in zip(ours, theirs, strict=True):
        assert a.grad is not None and b.grad is not None
        assert torch.allclose(a.grad, b.grad, atol=1e-6)


def test_small_gradients_are_left_alone() -> None:
    params = _params_with_grads(1e-3)
    grads = [p.grad.clone() for p in params if p.grad is not None]
    clip_gradient_norm(params, 1.0)
    assert all(p.grad is not None and torch.equal(p.grad, g) for p, g in zip(params, grads, strict=True))


def test_threshold_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        clip_gradient_norm(_params_with_grads(1.0), 0.0)


@pytest.mark.reproduction
def test_grad_clipping_claim_holds() -> None:
    result = experiment.run("ci", seed=0, device=torch.device("cpu"))
    verdict = claim.check([result])
    assert verdict.held, verdict.summary


@pytest.mark.reproduction
def test_ablation_clipping_too_loose_to_bound_a_step_fails() -> None:
    # a threshold of 1000 rescales only the overflowing gradients: a step can still be 100 long
    result = experiment.run("ci", seed=0, device=torch.device("cpu"), threshold=1000.0)
    fails_on_finite_metrics(result, claim.check([result]))
    assert result.arms["clipped"].metrics["diverged"] == 0.0  # finite, yet it does not learn


@pytest.mark.reproduction
def test_control_a_tenfold_threshold_still_holds() -> None:
    # what matters is that the step is bounded, not the threshold's exact value
    result = experiment.run("ci", seed=0, device=torch.device("cpu"), threshold=10.0)
    assert claim.check([result]).held
    arms_differ(result)
