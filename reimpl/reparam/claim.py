"""The claim: the reparameterised gradient has far lower variance, and the fit it drives gets much closer.

Both checks compare with the plain score-function estimator. The control (the tests) gives the idea arm the
score-function estimator with a baseline instead: the usual repair of its variance is not enough to pass.
"""

from __future__ import annotations

from reimpl.harness import RunResult, Verdict, at_least, at_most
from reimpl.toys import seed_mean

VARIANCE = 2.0  # log10 units: the reparameterised gradient's variance must be ≥ 100× lower
FIT = 0.5  # the reparameterised fit's final KL must be at most this fraction of the score function's


def check(results: list[RunResult]) -> Verdict:
    """Judge on seed means of the log10 gradient variance and the final KL."""
    var = {arm: seed_mean(results, arm, "log10_grad_var") for arm in ("reparam", "score")}
    kl = {arm: seed_mean(results, arm, "final_kl") for arm in ("reparam", "score")}
    checks = [
        at_least(
            "log10 variance of the μ-gradient: score − reparam", var["score"] - var["reparam"], VARIANCE
        ),
        at_most("final KL(q ‖ p): reparam / score", kl["reparam"] / max(kl["score"], 1e-12), FIT),
    ]
    summary = (
        f"gradient variance 10^{var['reparam']:.2f} (reparameterised) vs 10^{var['score']:.2f} (score "
        f"function); final KL {kl['reparam']:.3f} vs {kl['score']:.3f} (from "
        f"{seed_mean(results, 'score', 'start_kl'):.2f})"
    )
    return Verdict(all(c.passed for c in checks), summary, checks)
