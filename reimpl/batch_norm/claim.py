"""The claim: batch norm keeps a net training at a learning rate where the same net without it stalls.

Both nets start from He's initialisation, so the init is not what differs. With that care the plain net
trains nearly as fast as the normalised one at the base rate (the summary shows both); the paper's larger
effect, a much higher usable learning rate, is what the check demands.
"""

from __future__ import annotations

from reimpl.harness import RunResult, Verdict, at_least, at_most
from reimpl.toys import seed_mean

HIGH_LR_GAP = 0.5  # nats by which BN's final loss must undercut the plain net's at the high rate
TRAINS = 0.7  # BN at the high rate must end at most this fraction of the chance-level loss ln C


def check(results: list[RunResult]) -> Verdict:
    """Judge on the seed means of the final training losses at the high rate."""
    final = {arm: seed_mean(results, arm, "train_loss") for arm in results[0].arms}
    early = {arm: seed_mean(results, arm, "early_loss") for arm in ("bn_base", "plain_base")}
    chance = seed_mean(results, "bn_high", "chance_loss")
    checks = [
        at_least(
            "final training loss at high lr: plain − BN", final["plain_high"] - final["bn_high"], HIGH_LR_GAP
        ),
        at_most("final training loss at high lr, BN / ln C", final["bn_high"] / chance, TRAINS),
    ]
    held = all(c.passed for c in checks)
    summary = (
        f"final loss at high lr: BN {final['bn_high']:.2f} vs plain {final['plain_high']:.3g} (chance "
        f"{chance:.2f}); at base lr, same He init: early loss BN {early['bn_base']:.2f} vs plain "
        f"{early['plain_base']:.2f}, final {final['bn_base']:.2f} vs {final['plain_base']:.2f}"
    )
    return Verdict(held, summary, checks)
