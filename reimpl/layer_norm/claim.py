"""The claim: with one example per step, layer norm trains a deep net, batch norm cannot, and it beats none.

Judged on training-set accuracy in inference mode: batch norm's running variance, averaged from one-case
batches, is 0, so its inference-mode loss is not finite, while its accuracy still says what it learned.
The control (the tests) trains with batches of 64 instead: batch norm then trains too, so its failure
online is the batch size's doing, not a broken layer.
"""

from __future__ import annotations

from reimpl.harness import RunResult, Verdict, at_least, at_most
from reimpl.toys import seed_mean

TRAINS = 3.0  # layer norm's training accuracy must reach this multiple of chance (1/C)
FAILS = 2.0  # batch norm's must stay below this multiple of chance
BEATS_NONE = 0.05  # accuracy by which layer norm must beat the unnormalised net


def check(results: list[RunResult]) -> Verdict:
    """Judge on the seed means of the final training-set accuracy."""
    acc = {arm: seed_mean(results, arm, "train_acc") for arm in ("layer_norm", "batch_norm", "plain")}
    chance = seed_mean(results, "layer_norm", "chance_acc")
    checks = [
        at_least("training accuracy, LN / chance", acc["layer_norm"] / chance, TRAINS),
        at_most("training accuracy, BN / chance", acc["batch_norm"] / chance, FAILS),
        at_least("training accuracy: LN − plain", acc["layer_norm"] - acc["plain"], BEATS_NONE),
    ]
    summary = (
        f"training accuracy with batch size {results[0].config.get('batch')}: layer norm "
        f"{acc['layer_norm']:.3f}, batch norm {acc['batch_norm']:.3f}, none {acc['plain']:.3f} (chance "
        f"{chance:.3f})"
    )
    return Verdict(all(c.passed for c in checks), summary, checks)
