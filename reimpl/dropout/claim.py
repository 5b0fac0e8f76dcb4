"""The claim: dropout narrows the train–test gap of an overfitting net and improves it on the test set."""

from __future__ import annotations

from reimpl.harness import RunResult, Verdict, at_least
from reimpl.toys import seed_mean

GAP = 0.05  # train − test accuracy gap must shrink by at least this
TEST_LOSS = 0.2  # nats by which dropout's test cross-entropy must undercut the plain net's
TEST_ACC = 0.03  # test accuracy dropout must gain


def check(results: list[RunResult]) -> Verdict:
    """Judge on seed means of the accuracy gap, test loss and test accuracy."""
    m = {
        arm: {k: seed_mean(results, arm, k) for k in ("acc_gap", "test_loss", "test_acc")}
        for arm in ("dropout", "plain")
    }
    d, p = m["dropout"], m["plain"]
    checks = [
        at_least("train − test accuracy gap: plain − dropout", p["acc_gap"] - d["acc_gap"], GAP),
        at_least("test cross-entropy: plain − dropout", p["test_loss"] - d["test_loss"], TEST_LOSS),
        at_least("test accuracy: dropout − plain", d["test_acc"] - p["test_acc"], TEST_ACC),
    ]
    held = all(c.passed for c in checks)
    summary = (
        f"accuracy gap {d['acc_gap']:.3f} vs {p['acc_gap']:.3f}, test loss {d['test_loss']:.3f} vs "
        f"{p['test_loss']:.3f}, test accuracy {d['test_acc']:.3f} vs {p['test_acc']:.3f} (dropout vs plain)"
    )
    return Verdict(held, summary, checks)
