"""The claim: gradients explode without clipping; with the norm clipped the RNN trains and learns the task.

Three separate facts: the unclipped gradient norm explodes (so there is something to tame), no clipped run
diverges, and the clipped run learns the echo (its error ends well below the target's variance, which is
what predicting 0 scores). The unclipped run's loss is not compared: once it has diverged, a gap to it would
only restate that it diverged.
"""

from __future__ import annotations

import math

from reimpl.harness import RunResult, Verdict, at_least, at_most
from reimpl.toys import seed_mean

EXPLOSION = 3.0  # orders of magnitude: the unclipped gradient must reach 1000 × the threshold
LEARNS = 0.5  # the clipped run's final MSE must end at most half the target variance (≈ 1)


def check(results: list[RunResult]) -> Verdict:
    """Held when the unclipped gradients explode, every clipped run stays finite and learns the echo."""
    clipped_diverged = seed_mean(results, "clipped", "diverged")  # first: a clear error when empty
    threshold = results[0].config.get("threshold")
    # every seed must show the explosion, so take the smallest peak over seeds
    peak = min(r.arms["unclipped"].metrics["log10_max_grad_norm"] for r in results)
    explosion = peak - math.log10(threshold or 1.0)
    clipped = seed_mean(results, "clipped", "final_loss")
    checks = [
        at_least("log10(unclipped max ‖g‖ / threshold), smallest over seeds", explosion, EXPLOSION),
        at_most("share of clipped runs that diverged", clipped_diverged, 0.0),
        at_most("clipped final MSE (target variance ≈ 1)", clipped, LEARNS),
    ]
    summary = (
        f"unclipped max ‖g‖ 10^{explosion:.1f} × threshold; clipped final MSE {clipped:.3g} (diverged: "
        f"clipped {clipped_diverged:.0%}, unclipped {seed_mean(results, 'unclipped', 'diverged'):.0%})"
    )
    return Verdict(held=all(c.passed for c in checks), summary=summary, checks=checks)
