"""Highway networks (arXiv 1505.00387): reproduction at CI budget, the ablation and the controls."""

from __future__ import annotations

import pytest
import torch
from reimpl import grid
from reimpl.highway import claim, experiment
from reimpl.highway.model import StackedHighwayNet

from reimpl_checks import arms_differ, fails_on_finite_metrics


def _net(kinds: list[str], gate_bias: float = -2.0) -> StackedHighwayNet:
    torch.manual_seed(0)
    return StackedHighwayNet(4, 8, 3, 2, kinds, [1.0] * len(kinds), gate_bias)


def test_layer_kinds_follow_their_equations() -> None:
    kinds = ["highway", "plain", "no_carry", "fixed_gate"]
    torch.manual_seed(0)
    net = StackedHighwayNet(4, 8, 1, 3, kinds, [1.0] * 4, -1.0)
    x = torch.randn(5, 4)
    got = net(x).detach()
    for r, kind in enumerate(kinds):
        h = torch.relu(x @ net.w_in[r])
        z = h @ net.w[r, 0] + net.b[r, 0]
        transform, gate = torch.relu(z[:, :8]), torch.sigmoid(z[:, 8:])
        fixed = torch.sigmoid(net.b[r, 0, :, 8:])
        y = {
            "highway": transform * gate + h * (1 - gate),  # y = H·T + x·(1 − T)
            "plain": transform,  # y = H
            "no_carry": transform * gate,  # y = H·T
            "fixed_gate": transform * fixed + h * (1 - fixed),  # T ≡ σ(b_T)
        }[kind]
        assert torch.allclose(got[r], (y @ net.w_out[r] + net.b_out[r]).detach(), atol=1e-5), kind


def test_a_closed_gate_carries_the_input_through() -> None:
    net = _net(["highway"], gate_bias=-50.0)  # T ≈ 0: y = x at every layer
    x = torch.randn(6, 4)
    h0 = torch.relu(x @ net.w_in[0])
    assert torch.allclose(net(x)[0], h0 @ net.w_out[0] + net.b_out[0], atol=1e-5)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown layer kind"):
        _net(["residual"])


def test_rates_scale_each_replica_step() -> None:
    w = torch.nn.Parameter(torch.ones(3, 2))
    w.grad = torch.ones(3, 2)
    grid.step_at_rates(torch.optim.SGD([w], lr=1.0), [w], torch.tensor([0.0, 0.1, 1.0]))
    assert torch.allclose(w.detach()[:, 0], torch.tensor([1.0, 0.9, 0.0]))


@pytest.mark.reproduction
def test_highway_claim_holds() -> None:
    result = experiment.run("ci", seed=0, device=torch.device("cpu"))
    verdict = claim.check([result])
    assert verdict.held, verdict.summary


@pytest.mark.reproduction
def test_ablation_without_the_carry_fails() -> None:
    # y = H·T: the gates kept, the carry term x·(1 − T) cut — a gated plain net
    result = experiment.run("ci", seed=0, device=torch.device("cpu"), gated="no_carry")
    fails_on_finite_metrics(result, claim.check([result]))


@pytest.mark.reproduction
def test_control_gates_started_open_fail() -> None:
    # b_T = 0: half of every layer's input is lost at the start and the stack trains no better than plain
    result = experiment.run("ci", seed=0, device=torch.device("cpu"), gate_bias=0.0)
    fails_on_finite_metrics(result, claim.check([result]))


@pytest.mark.reproduction
def test_control_a_constant_gate_does_as_well() -> None:
    # T ≡ σ(b_T), never learned: the claim credits the open carry path, not learned gating
    result = experiment.run("ci", seed=0, device=torch.device("cpu"), gated="fixed_gate")
    assert claim.check([result]).held
    arms_differ(result)
