"""Sort an abstract's sentences by the role they play: the problem, the idea, the result.

Scoring, not rules: each sentence gets points for cue phrases of each role, a nudge from its position
(abstracts run problem → idea → result) and a penalty for hedges on results. Every sentence lands in
exactly one role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from paperkit.text import sentences

_CUES: dict[str, list[str]] = {
    "problem": [
        r"\bhowever\b", r"\bproblem", r"\bchalleng", r"\bdifficult", r"\bsuffer", r"\blimitation",
        r"\bdiscrepanc", r"\bmismatch", r"\black(s|ing)?\b", r"\bremains?\b", r"\bcan lead to\b",
        r"\bfails?\b", r"\bbottleneck", r"\bhard to\b", r"\bcostly\b", r"\bexpensive\b", r"\bslow",
        r"\bexisting\b", r"\bcurrent (approach|method|model|system)s?\b", r"\bstate of the art\b",
        r"\bcomplicat", r"\bunclear\b", r"\bopen question", r"\bissue", r"\bdrawback", r"\bin practice\b",
        r"\bis (a|an) (key|central|fundamental|important)\b", r"\bwidely used\b", r"\btypically\b",
        r"\bdominant\b", r"\bintractable\b", r"\bproblematic\b", r"\bdegrad", r"\bsensitive to\b",
    ],
    "idea": [
        r"\bwe (propose|introduce|present|describe|develop|suggest|design|call|conjecture|extend|"
        r"formulate|derive|use|adopt|replace|apply|study|investigate|argue|show how)\b",
        r"\b(in this|this) (paper|work|note)\b", r"\bour (approach|method|model|framework|idea|technique)\b",
        r"\bnovel\b", r"\bnew (method|approach|architecture|framework|model|technique|algorithm)\b",
        r"\bbased (solely )?on\b", r"\binstead\b", r"\bwhich we call\b", r"\bthe key (idea|insight)\b",
        r"\bcurriculum\b", r"\bmechanism\b", r"\bsimple\b", r"\bstrateg", r"\barchitecture\b",
        r"\bwe (also )?(allow|let|make|train|learn|reformulate|explicitly)\b", r"\bcan be (used|seen)\b",
    ],
    "result": [
        r"\bresults?\b", r"\bachiev", r"\boutperform", r"\bstate[- ]of[- ]the[- ]art\b", r"\bimprov",
        r"\bexperiment", r"\bwe (show|demonstrate|find|observe|obtain|report|establish)\b",
        r"\bdemonstrat", r"\bsignificant", r"\baccuracy\b", r"\bwon\b", r"\b1st place\b", r"\bBLEU\b",
        r"\berror\b", r"\bperformance\b", r"\bbenchmark", r"\bcompetitive\b", r"\bsurpass", r"\bgains?\b",
        r"\bempirical", r"\bevaluat", r"\bfaster\b", r"\bbetter\b", r"\bfewer\b", r"\bbeats?\b",
        r"\d+(\.\d+)?\s?%", r"\bfinally\b", r"\bmoreover\b", r"\bconsistently\b",
    ],
}  # fmt: skip
_COMPILED = {role: [re.compile(p, re.IGNORECASE) for p in pats] for role, pats in _CUES.items()}
_HEDGES = re.compile(r"\b(may|might|could|perhaps|possibly|suggests?)\b", re.IGNORECASE)

ROLES = ("problem", "idea", "result")


@dataclass
class Roles:
    """Sentences sorted by role, each in its original order."""

    problem: list[str] = field(default_factory=list)
    idea: list[str] = field(default_factory=list)
    result: list[str] = field(default_factory=list)


def _scores(sentence: str, position: float) -> dict[str, float]:
    s = {role: float(sum(1 for p in pats if p.search(sentence))) for role, pats in _COMPILED.items()}
    # Position prior: abstracts open with the problem and close with results.
    s["problem"] += 1.0 - 2.0 * position
    s["idea"] += 0.5 - abs(position - 0.4)
    s["result"] += 2.0 * position - 1.0
    if _HEDGES.search(sentence):
        s["result"] -= 0.5
    return s


def sort_roles(text: str) -> Roles:
    """Sort ``text``'s sentences into the problem, the idea and the result."""
    sents = sentences(text)
    roles = Roles()
    n = len(sents)
    for i, sent in enumerate(sents):
        position = i / (n - 1) if n > 1 else 0.5
        scores = _scores(sent, position)
        best = max(ROLES, key=lambda r: scores[r])
        getattr(roles, best).append(sent)
    # An abstract always states an idea; if scoring put none there, take the strongest idea sentence.
    if not roles.idea and n:
        donor = max(
            (r for r in ("problem", "result") if len(getattr(roles, r)) > 1),
            key=lambda r: len(getattr(roles, r)),
            default=None,
        )
        if donor is not None:
            pool: list[str] = getattr(roles, donor)
            pick = max(pool, key=lambda s: _scores(s, 0.4)["idea"])
            pool.remove(pick)
            roles.idea.append(pick)
    return roles
