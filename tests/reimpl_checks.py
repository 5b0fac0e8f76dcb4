"""What every reimplementation's ablation and control tests assert about a run, written once."""

from __future__ import annotations

import math

from reimpl.harness import RunResult, Verdict


def arms_differ(result: RunResult) -> None:
    """No two arms of the run are the same: a check cannot pass or fail merely because they coincide."""
    seen: dict[str, str] = {}
    for name, arm in result.arms.items():
        fingerprint = repr((sorted(arm.metrics.items()), sorted(arm.curves.items())))
        assert fingerprint not in seen, f"arms {seen.get(fingerprint)} and {name} are identical"
        seen[fingerprint] = name


def fails_on_finite_metrics(result: RunResult, verdict: Verdict) -> None:
    """The idea's own check fails, on finite measurements, with arms that differ."""
    assert not verdict.held, verdict.summary
    assert all(math.isfinite(c.observed) for c in verdict.checks), verdict.checks
    assert any(not c.passed for c in verdict.checks)
    arms_differ(result)
