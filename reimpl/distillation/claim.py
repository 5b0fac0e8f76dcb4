"""The claim: a student trained on the teacher's softened outputs beats one trained on the labels alone.

The teacher's accuracy is in the summary: the student is not expected to reach it. The control (the tests)
distils at T = 1: the softened targets then carry less of the wrong classes' probabilities.
"""

from __future__ import annotations

from reimpl.harness import RunResult, Verdict, at_least
from reimpl.toys import seed_mean

MARGIN = 0.02  # held-out accuracy the distilled student must gain over the label-trained one


def check(results: list[RunResult]) -> Verdict:
    """Judge on the seed means of the students' held-out accuracy."""
    distilled = seed_mean(results, "distilled", "test_acc")
    labels = seed_mean(results, "labels", "test_acc")
    checks = [at_least("held-out accuracy: distilled − labels only", distilled - labels, MARGIN)]
    summary = (
        f"student accuracy distilled {distilled:.3f} vs labels only {labels:.3f} (teacher "
        f"{seed_mean(results, 'distilled', 'teacher_acc'):.3f}, T = {results[0].config.get('temperature')})"
    )
    return Verdict(checks[0].passed, summary, checks)
