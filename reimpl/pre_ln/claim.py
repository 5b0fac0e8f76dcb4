"""The claim: Pre-LN trains without warm-up at rates where Post-LN needs it, and reaches a lower loss.

Three checks on seed means, each arm at every rate of its own grid (reported in the metrics):

1. best against best: Pre-LN's lowest held-out loss over the grid is well below Post-LN's (no warm-up in
   either), because Pre-LN can use the larger rates;
2. the largest rate at which Pre-LN without warm-up trains (held-out accuracy ≥ ``trained_acc``) is at least
   ``RATE_MARGIN`` (log10) above Post-LN's;
3. the control: warm-up lets Post-LN train at a larger rate than it can without — what Post-LN lacks at
   those rates is warm-up, not the capacity to learn the task.

Not claimed: that Post-LN cannot learn the task — at its best rate it reaches full accuracy too.
"""

from __future__ import annotations

from reimpl.harness import RunResult, Verdict, at_least
from reimpl.toys import seed_mean

LOSS_MARGIN = 0.5  # log10: Pre-LN's best held-out loss ≥ 3× below Post-LN's (measured about 10×)
RATE_MARGIN = 0.45  # log10: Pre-LN trains at ≥ 2.8× Post-LN's largest rate (measured 4× on the grid)
WARMUP_MARGIN = 0.15  # log10: warm-up raises Post-LN's largest rate (measured 2× on most seeds)


def check(results: list[RunResult]) -> Verdict:
    """Held when Pre-LN beats Post-LN best against best and trains at larger rates; warm-up helps Post-LN."""
    loss = {
        arm: seed_mean(results, arm, "best_log10_loss") for arm in ("pre_ln", "post_ln", "post_ln_warmup")
    }
    rate = {arm: seed_mean(results, arm, "log10_max_trained_lr") for arm in loss}
    checks = [
        at_least(
            "best log10 held-out loss: Post-LN − Pre-LN (no warm-up)",
            loss["post_ln"] - loss["pre_ln"],
            LOSS_MARGIN,
        ),
        at_least(
            "log10 largest rate that trains: Pre-LN − Post-LN", rate["pre_ln"] - rate["post_ln"], RATE_MARGIN
        ),
        at_least(
            "log10 largest rate that trains: Post-LN with − without warm-up",
            rate["post_ln_warmup"] - rate["post_ln"],
            WARMUP_MARGIN,
        ),
    ]
    summary = (
        f"best held-out loss Pre-LN 10^{loss['pre_ln']:.2f}, Post-LN 10^{loss['post_ln']:.2f}, "
        f"Post-LN + warm-up 10^{loss['post_ln_warmup']:.2f}; largest rate that trains: Pre-LN "
        f"{10 ** rate['pre_ln']:.3g}, Post-LN {10 ** rate['post_ln']:.3g}, Post-LN + warm-up "
        f"{10 ** rate['post_ln_warmup']:.3g} (geometric seed means)"
    )
    return Verdict(all(c.passed for c in checks), summary, checks)
