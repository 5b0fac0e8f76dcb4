"""Scaled dot-product attention (arXiv 1706.03762): the formula, the claim, its ablation, the init control."""

from __future__ import annotations

import math

import pytest
import torch
from reimpl.scaled_attention import claim, experiment
from reimpl.scaled_attention.model import attention

from reimpl_checks import fails_on_finite_metrics

CPU = torch.device("cpu")


def test_attention_matches_the_formula_and_torch() -> None:
    torch.manual_seed(0)
    q, k, v = torch.randn(2, 3, 16), torch.randn(2, 5, 16), torch.randn(2, 5, 4)
    by_hand = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(16), dim=-1) @ v
    assert torch.allclose(attention(q, k, v), by_hand, atol=1e-6)
    reference = torch.nn.functional.scaled_dot_product_attention(q, k, v)
    assert torch.allclose(attention(q, k, v), reference, atol=1e-5)
    unscaled = torch.softmax(q @ k.transpose(-2, -1), dim=-1) @ v
    assert torch.allclose(attention(q, k, v, scaled=False), unscaled, atol=1e-6)


def test_unit_variance_scores_grow_like_sqrt_dk() -> None:
    gen = torch.Generator().manual_seed(0)
    for d_k in (4, 64, 256):
        q, k = torch.randn(4096, d_k, generator=gen), torch.randn(4096, d_k, generator=gen)
        std = float((q * k).sum(-1).std())
        assert 0.9 * math.sqrt(d_k) < std < 1.1 * math.sqrt(d_k), (d_k, std)


@pytest.mark.reproduction
def test_scaled_attention_claim_holds() -> None:
    result = experiment.run("ci", seed=0, device=CPU)
    verdict = claim.check([result])
    assert verdict.held, verdict.summary
    assert result.arms["unscaled"].metrics["init_max_weight"] > 0.8  # the softmax starts saturated


@pytest.mark.reproduction
def test_ablation_small_dk_fails() -> None:
    # d_k = 4: unscaled scores are only twice as wide, the softmax does not saturate, the scale barely matters
    result = experiment.run("ci", seed=0, device=CPU, d_k=4)
    verdict = claim.check([result])
    fails_on_finite_metrics(result, verdict)
    assert verdict.checks[1].passed, verdict.summary  # both arms learn: it is the speed-up that goes


@pytest.mark.reproduction
def test_control_wide_scores_with_the_division_stall_too() -> None:
    # keep ÷ sqrt(d_k) but draw q and k with entries of std d_k^(1/4): the scores start as wide as the
    # unscaled arm's (std sqrt(d_k)) and the scaled arm stalls too — the division helps by keeping them small
    result = experiment.run("ci", seed=0, device=CPU, scaled_qk_std=256**0.25)
    scaled = result.arms["scaled"].metrics
    assert scaled["init_score_std"] > 0.5 * math.sqrt(256)
    assert scaled["steps_to_target"] >= 0.9 * result.config["steps"], scaled
    fails_on_finite_metrics(result, claim.check([result]))
