"""Every reimplementation at its CI budget under CPU bfloat16 autocast: it runs, and its claim still holds.

On CUDA the harness trains under bfloat16 autocast; this is the nearest check a machine without a GPU can
make (low-precision matmuls, float32 state kept where it must be, no dtype clash in an in-place update).
"""

from __future__ import annotations

import importlib
import math
import pkgutil

import pytest
import reimpl
import torch


def _names() -> list[str]:
    found = []
    for info in pkgutil.iter_modules(reimpl.__path__):
        if info.ispkg and hasattr(importlib.import_module(f"reimpl.{info.name}"), "PAPER"):
            found.append(info.name)
    return sorted(found)


@pytest.mark.reproduction
@pytest.mark.parametrize("name", _names())
def test_claim_holds_under_bfloat16_autocast(name: str) -> None:
    experiment = importlib.import_module(f"reimpl.{name}.experiment")
    claim = importlib.import_module(f"reimpl.{name}.claim")
    with torch.autocast("cpu", dtype=torch.bfloat16):
        result = experiment.run("ci", seed=0, device=torch.device("cpu"))
    verdict = claim.check([result])
    assert all(math.isfinite(c.observed) for c in verdict.checks), verdict.checks
    assert verdict.held, verdict.summary
