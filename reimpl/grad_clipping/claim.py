"""The claim: gradients explode without clipping, and clipping keeps training finite with a lower loss."""

from __future__ import annotations

import math

from reimpl.harness import RunResult, Verdict, at_least, at_most
from reimpl.toys import seed_mean

EXPLOSION = 3.0  # orders of magnitude: the unclipped gradient must reach 1000 × the threshold
LOSS_GAP = 0.3  # clipped MSE ≈ 0.2 against a target variance ≈ 1; a diverged run is recorded at 100


def check(results: list[RunResult]) -> Verdict:
    """Held when the unclipped gradients explode, every clipped run stays finite and its loss is lower."""
    clipped_diverged = seed_mean(results, "clipped", "diverged")  # first: a clear error when empty
    threshold = results[0].config.get("threshold")
    # every seed must show the explosion, so take the smallest peak over seeds
    peak = min(r.arms["unclipped"].metrics["log10_max_grad_norm"] for r in results)
    explosion = peak - math.log10(threshold or 1.0)
    clipped = seed_mean(results, "clipped", "final_loss")
    unclipped = seed_mean(results, "unclipped", "final_loss")
    gap = unclipped - clipped
    checks = [
        at_least("log10(unclipped max ‖g‖ / threshold), smallest over seeds", explosion, EXPLOSION),
        at_most("share of clipped runs that diverged", clipped_diverged, 0.0),
        at_least("final MSE: unclipped − clipped", gap, LOSS_GAP),
    ]
    summary = (
        f"unclipped max ‖g‖ 10^{explosion:.1f} × threshold; clipped final MSE {clipped:.3g} vs unclipped "
        f"{unclipped:.3g} (diverged: clipped {clipped_diverged:.0%}, unclipped "
        f"{seed_mean(results, 'unclipped', 'diverged'):.0%})"
    )
    return Verdict(held=all(c.passed for c in checks), summary=summary, checks=checks)
