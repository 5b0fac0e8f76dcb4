"""The claim: a deep plain net trains worse than a shallow one; identity shortcuts remove the gap."""

from __future__ import annotations

from reimpl.harness import RunResult, Verdict, at_least, at_most
from reimpl.toys import seed_mean

DEGRADATION = 0.3  # nats by which the deep plain net must trail the shallow plain net
RESCUE = 0.3  # nats by which the deep residual net must beat the deep plain net
TOLERANCE = 0.2  # nats the deep residual net may trail the shallow plain net (seed noise ≈ ±0.1)


def check(results: list[RunResult]) -> Verdict:
    """Judge on the seed means of the final training-set loss."""
    loss = {arm: seed_mean(results, arm, "train_loss") for arm in results[0].arms}
    checks = [
        at_least(
            "train loss: plain deep − plain shallow", loss["plain_deep"] - loss["plain_shallow"], DEGRADATION
        ),
        at_least(
            "train loss: plain deep − residual deep", loss["plain_deep"] - loss["residual_deep"], RESCUE
        ),
        at_most(
            "train loss: residual deep − plain shallow",
            loss["residual_deep"] - loss["plain_shallow"],
            TOLERANCE,
        ),
    ]
    held = all(c.passed for c in checks)
    summary = (
        f"training loss: plain shallow {loss['plain_shallow']:.3f}, plain deep {loss['plain_deep']:.3f}, "
        f"residual deep {loss['residual_deep']:.3f} (residual shallow {loss['residual_shallow']:.3f})"
    )
    return Verdict(held, summary, checks)
