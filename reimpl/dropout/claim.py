"""The claim: dropout keeps an overfitting net's test loss and accuracy better than the plain net's.

Both nets fit the small noisy training set (training accuracy near 1 in both arms, shown in the summary), so
a train − test accuracy gap would only restate the test accuracy; the two checks measure different things:
how well the test predictions are calibrated in probability (cross-entropy) and how often they are right.
"""

from __future__ import annotations

from reimpl.harness import RunResult, Verdict, at_least
from reimpl.toys import seed_mean

TEST_LOSS = 0.2  # nats by which dropout's test cross-entropy must undercut the plain net's
TEST_ACC = 0.03  # test accuracy dropout must gain


def check(results: list[RunResult]) -> Verdict:
    """Judge on seed means of test loss and test accuracy."""
    m = {
        arm: {k: seed_mean(results, arm, k) for k in ("train_acc", "test_loss", "test_acc")}
        for arm in ("dropout", "plain")
    }
    d, p = m["dropout"], m["plain"]
    checks = [
        at_least("test cross-entropy: plain − dropout", p["test_loss"] - d["test_loss"], TEST_LOSS),
        at_least("test accuracy: dropout − plain", d["test_acc"] - p["test_acc"], TEST_ACC),
    ]
    held = all(c.passed for c in checks)
    summary = (
        f"test loss {d['test_loss']:.3f} vs {p['test_loss']:.3f}, test accuracy {d['test_acc']:.3f} vs "
        f"{p['test_acc']:.3f}, training accuracy {d['train_acc']:.3f} vs {p['train_acc']:.3f} "
        "(dropout vs plain)"
    )
    return Verdict(held, summary, checks)
