"""The claim: with batch norm a net trains faster, and keeps training at a rate where it otherwise stalls."""

from __future__ import annotations

from reimpl.harness import RunResult, Verdict, at_least, at_most
from reimpl.toys import seed_mean

FASTER = 0.3  # nats by which BN's early training loss must undercut the plain net's at the base rate
HIGH_LR_GAP = 0.5  # nats by which BN's final loss must undercut the plain net's at the high rate
TRAINS = 0.6  # BN at the high rate must end at most this fraction of the chance-level loss ln C


def check(results: list[RunResult]) -> Verdict:
    """Judge on the seed means of the early and final training losses."""
    early = {arm: seed_mean(results, arm, "early_loss") for arm in ("bn_base", "plain_base")}
    final = {arm: seed_mean(results, arm, "train_loss") for arm in results[0].arms}
    chance = seed_mean(results, "bn_high", "chance_loss")
    checks = [
        at_least(
            "early training loss at base lr: plain − BN", early["plain_base"] - early["bn_base"], FASTER
        ),
        at_least(
            "final training loss at high lr: plain − BN", final["plain_high"] - final["bn_high"], HIGH_LR_GAP
        ),
        at_most("final training loss at high lr, BN / ln C", final["bn_high"] / chance, TRAINS),
    ]
    held = all(c.passed for c in checks)
    summary = (
        f"early loss at base lr: BN {early['bn_base']:.2f} vs plain {early['plain_base']:.2f}; final loss at "
        f"high lr: BN {final['bn_high']:.2f} vs plain {final['plain_high']:.3g} (chance {chance:.2f})"
    )
    return Verdict(held, summary, checks)
