"""The claim: Adam at one learning rate beats the best rate of an SGD grid on a badly scaled problem."""

from __future__ import annotations

from reimpl.harness import RunResult, Verdict, at_least
from reimpl.toys import seed_mean

MARGIN = 0.7  # log10 units: Adam's excess loss must be at least 5× below the best SGD rate's


def check(results: list[RunResult]) -> Verdict:
    """Judge on seed means of log10 excess loss; the SGD rate is picked after the fact (its best case)."""
    adam = seed_mean(results, "adam", "log10_excess")
    sgd = {arm: seed_mean(results, arm, "log10_excess") for arm in results[0].arms if arm.startswith("sgd_")}
    if not sgd:
        raise ValueError("the results hold no SGD arm to compare Adam with")
    best = min(sgd, key=sgd.__getitem__)
    checks = [at_least(f"log10 excess loss: best SGD ({best}) − Adam", sgd[best] - adam, MARGIN)]
    summary = (
        f"excess loss: Adam 10^{adam:.2f}, best SGD ({best.removeprefix('sgd_')}) 10^{sgd[best]:.2f} — "
        f"Adam {10 ** (sgd[best] - adam):.1f}× lower"
    )
    return Verdict(checks[0].passed, summary, checks)
