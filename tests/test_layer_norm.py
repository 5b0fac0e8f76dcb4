"""Layer normalisation (arXiv 1607.06450): the layer, the stack of nets, the claim, ablation and controls."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from reimpl.harness import RunResult
from reimpl.layer_norm import claim, experiment
from reimpl.layer_norm.model import LayerNorm, mlp

from reimpl_checks import arms_differ, fails_on_finite_metrics

CPU = torch.device("cpu")


def test_layer_norm_matches_torch_and_needs_no_batch() -> None:
    torch.manual_seed(0)
    x = torch.randn(3, 10) * 5 + 2
    ours, ref = LayerNorm(10), torch.nn.LayerNorm(10)
    assert torch.allclose(ours(x), ref(x), atol=1e-5)
    assert torch.allclose(ours(x[:1]), ref(x)[:1], atol=1e-5)  # one case alone: the same output


@pytest.mark.parametrize("norm", ["layer", "batch", "none"])
def test_a_stack_of_nets_trains_each_at_its_own_rate(norm: str) -> None:
    # SGD at rate 1 on Σ_g lr_g · loss_g moves copy g exactly as SGD at lr_g on its own loss would
    torch.manual_seed(0)
    lrs = torch.tensor([0.01, 0.3])
    stack = mlp(5, 8, 2, 3, norm, copies=2)
    x, y = torch.randn(4, 5), torch.randint(0, 3, (4,))
    losses = F.cross_entropy(stack(x).transpose(1, 2), y.expand(2, -1), reduction="none").mean(1)
    params = list(stack.parameters())
    alone = [torch.autograd.grad(losses[g], params, retain_graph=True) for g in range(2)]  # each copy's own
    (lrs * losses).sum().backward()
    for i, p in enumerate(params):
        assert p.grad is not None
        for g in range(2):
            assert torch.allclose(p.grad[g], lrs[g] * alone[g][i][g], atol=1e-6)
    assert all(float(alone[0][i][1].abs().max()) == 0.0 for i in range(len(params)))  # copies share nothing


@pytest.fixture(scope="module")
def small_batches() -> RunResult:
    return experiment.run("ci", seed=0, device=CPU)


@pytest.mark.reproduction
def test_layer_norm_claim_holds_best_against_best(small_batches: RunResult) -> None:
    verdict = claim.check([small_batches])
    assert verdict.held, verdict.summary
    cfg = small_batches.config
    assert cfg["batch"] >= 2  # batch norm has statistics to use: no x − μ_B = 0 by arithmetic
    assert len(cfg["lrs"]) >= 3 and claim.HIGH_LR in cfg["lrs"]
    for arm in small_batches.arms.values():  # each arm judged at its own best rate of the grid
        grid = [arm.metrics[experiment.lr_key(lr)] for lr in cfg["lrs"]]
        assert arm.metrics["train_acc"] == max(grid)
    arms_differ(small_batches)


@pytest.mark.reproduction
def test_ablation_affine_without_normalising_fails_the_high_rate_check() -> None:
    # gain and bias kept, the normalising taken out: it fails where normalisation is what helps (the top
    # rate), while it still beats small-batch batch norm (it needs no batch statistics either)
    result = experiment.run("ci", seed=0, device=CPU, norm="affine")
    verdict = claim.check([result])
    fails_on_finite_metrics(result, verdict)
    _, beats_bn, tolerates = verdict.checks
    assert not tolerates.passed, verdict.summary
    assert beats_bn.passed, verdict.summary


@pytest.mark.reproduction
def test_control_batch_norm_trains_with_batches_of_64() -> None:
    # with 64 cases per step batch norm is level with layer norm: its failure above is the batch size's doing
    result = experiment.run("ci", seed=0, device=CPU, batch=64, steps=300)
    best = {arm: result.arms[arm].metrics["train_acc"] for arm in result.arms}
    assert best["batch_norm"] >= best["layer_norm"] - 0.03, best
    assert not claim.check([result]).checks[1].passed
    arms_differ(result)
