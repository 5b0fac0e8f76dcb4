"""The claim (Müller et al. 2019): label smoothing brings held-out confidence closer to held-out accuracy.

Not claimed, but shown in the summary: on this toy smoothing costs held-out accuracy (4–6 points).
"""

from __future__ import annotations

from reimpl.harness import RunResult, Verdict, at_least
from reimpl.toys import seed_mean

MARGIN = 0.07  # measured drops are about 0.15 in both ECE and over-confidence at toy scale


def _over_confidence(results: list[RunResult], arm: str) -> float:
    return seed_mean(results, arm, "confidence") - seed_mean(results, arm, "accuracy")


def check(results: list[RunResult]) -> Verdict:
    """Held when smoothing lowers both the seed-mean ECE and the over-confidence by MARGIN."""
    ece_ls = seed_mean(results, "smoothed", "ece")
    ece_oh = seed_mean(results, "one_hot", "ece")
    over_ls = _over_confidence(results, "smoothed")
    over_oh = _over_confidence(results, "one_hot")
    checks = [
        at_least("held-out ECE: one-hot − smoothed", ece_oh - ece_ls, MARGIN),
        at_least("over-confidence (confidence − accuracy): one-hot − smoothed", over_oh - over_ls, MARGIN),
    ]
    summary = (
        f"ECE smoothed {ece_ls:.3f} vs one-hot {ece_oh:.3f}; over-confidence {over_ls:+.3f} vs "
        f"{over_oh:+.3f} (need both lower by ≥ {MARGIN}); held-out accuracy "
        f"{seed_mean(results, 'smoothed', 'accuracy'):.3f} vs {seed_mean(results, 'one_hot', 'accuracy'):.3f}"
    )
    return Verdict(held=all(c.passed for c in checks), summary=summary, checks=checks)
