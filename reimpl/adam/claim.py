"""The claim, in the regime where it holds: Adam gets far sooner to a low loss than the best SGD rate.

Adam's constant step α leaves a noise floor: with mini-batch gradients it keeps jittering around the optimum
at a distance set by α, and an SGD rate tuned to the problem gets under that floor later in training (at the
full budget it does). So the check looks at the excess loss after ``early_steps`` steps, the same number in
every budget, and the summary reports the end of training too.
"""

from __future__ import annotations

from reimpl.harness import RunResult, Verdict, at_least
from reimpl.toys import seed_mean

MARGIN = 0.7  # log10 units: Adam's early excess loss must be at least 5× below the best SGD rate's


def check(results: list[RunResult]) -> Verdict:
    """Judge on seed means of log10 excess loss after the early steps; SGD gets its best rate in hindsight."""
    adam = seed_mean(results, "adam", "log10_excess_early")
    sgd = {
        arm: seed_mean(results, arm, "log10_excess_early")
        for arm in results[0].arms
        if arm.startswith("sgd_")
    }
    if not sgd:
        raise ValueError("the results hold no SGD arm to compare Adam with")
    best = min(sgd, key=sgd.__getitem__)
    steps = results[0].config.get("early_steps", "?")
    checks = [
        at_least(f"log10 excess loss after {steps} steps: best SGD ({best}) − Adam", sgd[best] - adam, MARGIN)
    ]
    end_adam = seed_mean(results, "adam", "log10_excess")
    end_sgd = min(seed_mean(results, arm, "log10_excess") for arm in sgd)
    summary = (
        f"excess loss after {steps} steps: Adam 10^{adam:.2f}, best SGD ({best.removeprefix('sgd_')}) "
        f"10^{sgd[best]:.2f} — Adam {10 ** (sgd[best] - adam):.1f}× lower; at the end: "
        f"Adam 10^{end_adam:.2f}, "
        f"best SGD 10^{end_sgd:.2f}"
    )
    return Verdict(checks[0].passed, summary, checks)
