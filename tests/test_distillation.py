"""Knowledge distillation (arXiv 1503.02531): the loss, the claim, its ablation, the temperature control."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from reimpl.distillation import claim, experiment
from reimpl.distillation.model import distillation_loss, soften
from reimpl.harness import RunResult

from reimpl_checks import arms_differ, fails_on_finite_metrics

CPU = torch.device("cpu")


def test_loss_ends() -> None:
    torch.manual_seed(0)
    s, t, y = torch.randn(4, 5), torch.randn(4, 5), torch.randint(0, 5, (4,))
    assert torch.allclose(distillation_loss(s, t, y, 3.0, 0.0), F.cross_entropy(s, y))
    # α = 1 at T: T² · H(q_T^t, q_T^s), minimised (to T² · H(q_T^t)) when the student copies the teacher
    at_teacher = distillation_loss(t, t, y, 3.0, 1.0)
    entropy = -(soften(t, 3.0) * soften(t, 3.0).log()).sum(-1).mean() * 9.0
    assert torch.allclose(at_teacher, entropy, atol=1e-5)
    assert distillation_loss(s, t, y, 3.0, 1.0) > at_teacher


@pytest.fixture(scope="module")
def hot() -> RunResult:
    return experiment.run("ci", seed=0, device=CPU)


@pytest.mark.reproduction
def test_distillation_claim_holds(hot: RunResult) -> None:
    verdict = claim.check([hot])
    assert verdict.held, verdict.summary


@pytest.mark.reproduction
def test_ablation_untrained_teacher_fails() -> None:
    # soft targets from a teacher that knows nothing: the knowledge taken out, the loss kept
    result = experiment.run("ci", seed=0, device=CPU, teacher_steps=0)
    fails_on_finite_metrics(result, claim.check([result]))


@pytest.mark.reproduction
def test_control_temperature_one_gives_most_of_the_lift_away(hot: RunResult) -> None:
    # the same teacher at T = 1: its small probabilities on wrong classes weigh little, and so does the lift
    cold = experiment.run("ci", seed=0, device=CPU, temperature=1.0)
    lift = {
        name: r.arms["distilled"].metrics["test_acc"] - r.arms["labels"].metrics["test_acc"]
        for name, r in {"hot": hot, "cold": cold}.items()
    }
    assert lift["cold"] < 0.5 * lift["hot"], lift
    arms_differ(cold)
