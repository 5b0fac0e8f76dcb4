"""Sort an abstract's sentences by the role they play: the problem, the idea, the result.

Scoring, not rules: each sentence gets points for cue phrases of each role, a nudge from its position
(abstracts run problem → idea → result) and a penalty for hedges on results. Every sentence lands in
exactly one role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from paperkit.text import sentences, squash

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
# Sentences that only describe the paper's layout, or only point at citations, carry no role.
_ROADMAP = re.compile(
    r"\b(is organi[sz]ed as follows|the rest of (this|the) paper|remainder of (this|the) paper|in section \d|"
    r"section \d (describes|presents|introduces|discusses|concludes))",
    re.IGNORECASE,
)
_STRONG_IDEA = re.compile(
    r"\b(we (propose|introduce|present|describe|develop|call)|in this (paper|work)|this (paper|work) "
    r"(proposes|introduces|presents)|our (approach|method|model))\b",
    re.IGNORECASE,
)
_CONTRIB_CUE = re.compile(r"\bcontributions?\b|\bwe make the following\b|\bin summary\b", re.IGNORECASE)
_BULLET = re.compile(
    r"(?:^|\s)(?:[•◦▪●‣∙]|\(\s?(?:\d{1,2}|[ivx]{1,4}|[a-f])\s?\)|(?<!\S)(?:\d{1,2}|[ivx]{1,4})\))\s+"
)


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


_FIRST_PERSON = re.compile(r"\b(we|our|this (paper|work))\b", re.IGNORECASE)


def _prose(sentence: str, min_words: int = 6) -> bool:
    """A sentence of running prose: not a roadmap, a bullet list, an equation or figure debris."""
    if _ROADMAP.search(sentence) or _CONTRIB_CUE.search(sentence) or _BULLET.search(sentence):
        return False
    words = sentence.split()
    if not min_words <= len(words) <= 60:
        return False
    letters = sum(c.isalpha() or c.isspace() for c in sentence)
    return letters / len(sentence) > 0.9


def _key(sentence: str) -> str:
    return re.sub(r"[^a-z0-9]", "", sentence.lower())


def sort_roles(text: str, introduction: str = "", per_role_from_intro: int = 2) -> Roles:
    """Sort ``text``'s (the abstract's) sentences into the problem, the idea and the result.

    With an ``introduction``, up to ``per_role_from_intro`` of its sentences that state a role clearly
    (strong cues, no roadmap) are added to each role after the abstract's; every sentence appears once.
    """
    roles = _sort_abstract(text)
    if introduction:
        seen = {_key(s) for r in ROLES for s in getattr(roles, r)}
        added = dict.fromkeys(ROLES, 0)
        for sent in sentences(introduction):
            if _key(sent) in seen or not _prose(sent):
                continue
            scores = _scores(sent, 0.5)
            best = max(ROLES, key=lambda r: scores[r])
            others = max(scores[r] for r in ROLES if r != best)
            # The introduction is long and cites others: only first-person claims of an idea or result,
            # and only problems that say so in words, are taken.
            if best != "problem" and not _FIRST_PERSON.search(sent):
                continue
            if scores[best] >= 2.0 and scores[best] - others >= 1.0 and added[best] < per_role_from_intro:
                getattr(roles, best).append(sent)
                added[best] += 1
                seen.add(_key(sent))
    return roles


def in_one_breath(abstract: str, roles: Roles) -> list[str]:
    """The paper's idea in one or two of its own sentences: the clearest statement of what it proposes."""
    in_abstract = sentences(abstract)
    known = set(in_abstract)
    candidates = in_abstract + [s for s in roles.idea if s not in known]
    strong = next((s for s in candidates if _STRONG_IDEA.search(s)), None)
    pick = [strong] if strong is not None else roles.idea[:1] or candidates[:1]
    if pick and len(pick[0].split()) < 14:
        # A short statement ("We propose X.") reads better with the sentence that says what X does.
        at = candidates.index(pick[0]) + 1
        if at < len(candidates) and candidates[at] not in pick and candidates.index(candidates[at]) == at:
            pick.append(candidates[at])
    return pick


def contributions(introduction: str, limit: int = 8) -> list[str]:
    """The introduction's list of contributions, when it prints one as bullets or numbered items."""
    cue = _CONTRIB_CUE.search(introduction)
    if cue is None:
        return []
    tail = introduction[cue.end() :]
    starts = list(_BULLET.finditer(tail))
    # The list must follow its announcement ("... as follows:"), not turn up pages later.
    if len(starts) < 2 or starts[0].start() > 200:
        return []
    items = []
    for i, m in enumerate(starts[:limit]):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(tail)
        item = squash(tail[m.end() : end])
        # The last item runs on into the next paragraph: keep its first sentence only.
        if i + 1 == len(starts) or i + 1 == limit:
            item = sentences(item)[0] if item else item
        if _prose(item, min_words=3):
            items.append(item)
    return items if len(items) >= 2 else []


def _cues(sentence: str) -> dict[str, int]:
    return {role: sum(1 for p in pats if p.search(sentence)) for role, pats in _COMPILED.items()}


def _sort_abstract(text: str) -> Roles:
    """Abstracts run context → idea → consequences: anchor on the first sentence that states the idea."""
    sents = sentences(text)
    anchor = next((i for i, s in enumerate(sents) if _STRONG_IDEA.search(s)), None)
    if anchor is None:
        return _sort_by_scores(sents)
    roles = Roles()
    for i, sent in enumerate(sents):
        c = _cues(sent)
        if i < anchor:
            # Before the idea: the problem and its context, unless the sentence plainly reports a result.
            role = "result" if c["result"] >= 2 and c["result"] > c["problem"] + c["idea"] else "problem"
        elif i == anchor:
            role = "idea"
        else:
            # After it: more of the idea (what it does, its properties) unless results are reported.
            hedged = bool(_HEDGES.search(sent))
            role = "result" if c["result"] >= 1 and c["result"] >= c["idea"] and not hedged else "idea"
        getattr(roles, role).append(sent)
    return roles


def _sort_by_scores(sents: list[str]) -> Roles:
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
