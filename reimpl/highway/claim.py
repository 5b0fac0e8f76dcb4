"""The claim: a deep highway net, gates started closed, trains far better than a plain net of equal depth.

Each arm is judged at its best learning rate of the grid (seed means of the final training-set loss), so
the plain net's failure is not a badly chosen rate. Two facts: the gated arm beats the plain one by
``MARGIN`` nats, and it trains (ends at most ``TRAINS`` · ln C, where predicting the class frequencies
scores about ln C). What the toy credits is the carry path x · (1 − T) held open by the negative gate bias:
a constant gate σ(b_T) passes the same check (``gated="fixed_gate"``), while cutting the carry
(``"no_carry"``) or starting the gates open (b_T = 0) fails it.
"""

from __future__ import annotations

import math

from reimpl.grid import best_rate, grid_summary
from reimpl.harness import RunResult, Verdict, at_least, at_most

MARGIN = 0.4  # nats: the gated arm's best loss must be this far below the plain arm's best
TRAINS = 0.5  # the gated arm's best loss must end at most half of ln C (chance)


def check(results: list[RunResult]) -> Verdict:
    """Judge on seed means of the final training loss, each arm at its best rate of the grid."""
    plain_name, plain = best_rate(results, "plain", "train_loss")  # first: a clear error when empty
    gated_arm = next(name.split("@")[0] for name in results[0].arms if not name.startswith("plain@"))
    gated_name, gated = best_rate(results, gated_arm, "train_loss")
    chance = math.log(int(results[0].config.get("classes", 8)))
    checks = [
        at_least(f"train loss: best plain ({plain_name}) − best {gated_name}", plain - gated, MARGIN),
        at_most(f"train loss of {gated_name} / ln C", gated / chance, TRAINS),
    ]
    depth = results[0].config.get("depth", "?")
    summary = (
        f"{depth} layers, training loss at each arm's best rate: {gated_name} {gated:.3f}, {plain_name} "
        f"{plain:.3f} (chance {chance:.2f}); by rate, {gated_arm}: "
        f"{grid_summary(results, gated_arm, 'train_loss')}; "
        f"plain: {grid_summary(results, 'plain', 'train_loss')}"
    )
    return Verdict(all(c.passed for c in checks), summary, checks)
