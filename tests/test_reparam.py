"""Reparameterisation (arXiv 1312.6114): every estimator unbiased; the claim, its ablation, a control."""

from __future__ import annotations

import pytest
import torch
from reimpl.harness import RunResult
from reimpl.reparam import claim, experiment
from reimpl.reparam.model import kl_divergence, log_normal, surrogate_loss

from reimpl_checks import arms_differ, fails_on_finite_metrics

CPU = torch.device("cpu")


@pytest.mark.parametrize("estimator", ["reparam", "score", "score_baseline"])
def test_every_estimator_is_unbiased(estimator: str) -> None:
    # f(z) = −½‖z − c‖²: ∇_μ E_q[f] = c − μ exactly; the entropy term does not depend on μ
    torch.manual_seed(0)
    c = torch.tensor([1.0, -2.0, 0.5])
    mu = torch.zeros(3, requires_grad=True)
    log_std = torch.zeros(3, requires_grad=True)
    gen = torch.Generator().manual_seed(1)

    def f(z: torch.Tensor) -> torch.Tensor:
        return -0.5 * ((z - c) ** 2).sum(-1)

    (grad,) = torch.autograd.grad(surrogate_loss(mu, log_std, f, 200_000, estimator, gen), [mu])
    assert torch.allclose(-grad, c, atol=0.05)


def test_kl_is_zero_at_the_target_and_log_normal_matches_torch() -> None:
    m, s = torch.tensor([0.3, -1.0]), torch.tensor([0.2, -0.5])
    assert kl_divergence(m, s, m, s) == pytest.approx(0.0, abs=1e-7)
    z = torch.randn(5, 2)
    ref = torch.distributions.Normal(m, s.exp()).log_prob(z).sum(-1)
    assert torch.allclose(log_normal(z, m, s), ref, atol=1e-5)


@pytest.fixture(scope="module")
def fitted() -> RunResult:
    return experiment.run("ci", seed=0, device=CPU)


@pytest.mark.reproduction
def test_reparam_claim_holds_against_the_baselined_score_function(fitted: RunResult) -> None:
    verdict = claim.check([fitted])
    assert verdict.held, verdict.summary
    assert set(fitted.arms) == {"reparam", "score_baseline"}  # the competitor is the repaired estimator
    arms_differ(fitted)


@pytest.mark.reproduction
def test_variance_is_measured_through_training_and_judged_at_the_worst_point(fitted: RunResult) -> None:
    steps = fitted.arms["reparam"].curves["log10_grad_var_step"]
    assert len(steps) >= 3 and steps[0] == 0 and steps[-1] == fitted.config["steps"]
    gaps = [
        b - r
        for r, b in zip(
            fitted.arms["reparam"].curves["log10_grad_var"],
            fitted.arms["score_baseline"].curves["log10_grad_var"],
            strict=True,
        )
    ]
    assert claim.check([fitted]).checks[0].observed == pytest.approx(min(gaps))
    assert min(gaps) < gaps[0]  # the start is the easy point: one measurement there would overstate the gap


@pytest.mark.reproduction
def test_fit_competitor_trains_at_its_best_rate(fitted: RunResult) -> None:
    # the fit check is not met by a competitor that diverged: the baselined arm's best KL is finite and far
    # below where it started, and each arm's final KL is its best over the grid
    base = fitted.arms["score_baseline"].metrics
    assert base["final_kl"] <= 0.1 * base["start_kl"]
    for arm in fitted.arms.values():
        grid = [arm.metrics[f"kl@lr{lr:g}"] for lr in fitted.config["lrs"]]
        assert arm.metrics["final_kl"] == min(grid)


@pytest.mark.reproduction
def test_ablation_plain_score_function_fails() -> None:
    # the idea arm without the path derivative and without the baseline: it fails both checks
    result = experiment.run("ci", seed=0, device=CPU, estimator="score")
    verdict = claim.check([result])
    fails_on_finite_metrics(result, verdict)
    assert not any(c.passed for c in verdict.checks), verdict.summary


@pytest.mark.reproduction
def test_control_many_samples_per_step_still_holds() -> None:
    # the gap is the estimator's, not too few samples: at 32 samples per step both variances shrink alike
    result = experiment.run("ci", seed=0, device=CPU, samples=32)
    assert claim.check([result]).held, claim.check([result]).summary
    arms_differ(result)
