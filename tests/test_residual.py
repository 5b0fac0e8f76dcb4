"""Deep residual learning (arXiv 1512.03385): reproduction at CI budget; ablation without shortcuts."""

from __future__ import annotations

import pytest
import torch
from reimpl.residual import claim, experiment
from reimpl.residual.model import Block

from reimpl_checks import fails_on_finite_metrics


def test_shortcut_adds_the_input() -> None:
    torch.manual_seed(0)
    block = Block(8, skip=True).eval()
    plain = Block(8, skip=False).eval()
    plain.load_state_dict(block.state_dict())
    x = torch.randn(5, 8)
    with torch.no_grad():
        f = block.bn2(block.fc2(torch.relu(block.bn1(block.fc1(x)))))
        assert torch.allclose(block(x), torch.relu(f + x))
        assert torch.allclose(plain(x), torch.relu(f))


@pytest.mark.reproduction
def test_residual_claim_holds() -> None:
    result = experiment.run("ci", seed=0, device=torch.device("cpu"))
    verdict = claim.check([result])
    assert verdict.held, verdict.summary


@pytest.mark.reproduction
def test_ablation_shortcut_without_its_gradient_path_fails() -> None:
    # the shortcut's value is added, but no gradient flows along it
    result = experiment.run("ci", seed=0, device=torch.device("cpu"), skip="detached")
    fails_on_finite_metrics(result, claim.check([result]))
