"""Sort a paper's sentences by role (the problem, the idea, the result) and find its idea in one breath.

A small trained model and classes of wording over it: :mod:`paperkit.notes.features` names the evidence
in each sentence of the abstract and the introduction (named cue phrases, position, tense, first person,
hedges, citations, its neighbours' cues), and two logistic regressions shipped as weights
(``role_model.json``, trained by ``python -m dev.train_roles`` on the reader's truth for the development
papers and on CSAbstruct's labelled abstracts) turn it into a role (or none: context and roadmap are not
shown) and into a score for stating the idea "in one breath". :mod:`paperkit.notes.role_cues` holds the
wordings a reader takes as unambiguous (a finding, the paper's aim, a question, a plan, the field's
standing, a sentence leaning on the one before), applied over the model.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paperkit.notes import role_cues as cue
from paperkit.notes.features import (
    ASIDE,
    OWN_MOVE,
    SIGNPOST,
    Located,
    cites,
    features,
    locate,
    prose,
)

CLASSES = ("none", "problem", "idea", "result")
ROLES = CLASSES[1:]
Model = dict[str, Any]
_MODEL_FILE = Path(__file__).with_name("role_model.json")
_override: list[Model] = []
_GAP_FLOOR = 0.1  # the gap before the idea: chosen on the tune half too
_INTRO_GAP = 1  # sentences before the introduction's own move that may state its gap
_FLOOR = 0.3  # chosen on the tune half of the corpus (dev/train_roles.py)
_BREATH_IDEA = 1.0  # weight of the role model's idea probability in the one-breath pick
_IDEA = CLASSES.index("idea")


@dataclass
class Roles:
    """Sentences sorted by role, each in reading order (abstract first); the idea in one breath apart."""

    problem: list[str] = field(default_factory=list)
    idea: list[str] = field(default_factory=list)
    result: list[str] = field(default_factory=list)
    breath: list[str] = field(default_factory=list)
    confidence: dict[str, float] = field(default_factory=dict)  # a shown sentence -> how sure its role is


@functools.cache
def shipped_model() -> Model:
    """The weights shipped with paperkit."""
    loaded: Model = json.loads(_MODEL_FILE.read_text(encoding="utf-8"))
    return loaded


@contextmanager
def use_model(model: Model) -> Iterator[None]:
    """Sort with ``model`` instead of the shipped weights inside the block (cross-validation, tests)."""
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()


def _model() -> Model:
    return _override[-1] if _override else shipped_model()


def score(model: Model, feats: list[str]) -> tuple[list[float], float]:
    """The probability of each class of :data:`CLASSES`, and the one-breath score, for a feature set."""
    z = list(model["bias"])
    weights = model["weights"]
    breath = model["breath_bias"]
    for f in set(feats):
        w = weights.get(f)
        if w is not None:
            z = [a + b for a, b in zip(z, w, strict=True)]
        breath += model["breath"].get(f, 0.0)
    top = max(z)
    e = [math.exp(v - top) for v in z]
    total = sum(e)
    return [v / total for v in e], breath


_ABSTRACT_FIRST = 0.15
_NUMBER = 0.15  # a result with its number goes before one without
_HAS_NUMBER = re.compile(r"\d")


def _ruled(text: str, probs: list[float]) -> list[float]:
    """``probs`` with an unambiguous cue's role made the likeliest (the model's order kept within it)."""
    # First match wins: a finding stated by "we" is a result, "we study the problem of" the problem.
    rules = (
        ("result", bool(cue.RESULT.search(text))),
        ("problem", bool(cue.PROBLEM.search(text))),
        ("idea", bool(cue.IDEA.search(text)) or _opens_own(text, anywhere=False)),
    )
    role = next((r for r, hit in rules if hit), None)
    if role is None:
        return probs
    out = [v * 0.1 for v in probs]
    out[CLASSES.index(role)] += 0.9
    return out


# A pronoun that needs the sentence before ("... defy this and ...", "It ..."); "these impurities" names
# its noun and may still state the idea.
_LEANS_BACK = re.compile(
    r"^(?:\S+\s){0,6}?(?:(?:this|these|those)(?=\s*[,.;:]|\s+(?:and|or|but|is|are|was|were|to|in|by|with|"
    r"for|as|has|have)\b)|it|they)\b",
    re.IGNORECASE,
)
_PLAN = re.compile(
    r"\b(?:to (?:test|evaluate|validate|verify|assess)|in sections?\s\d|(?:rest|remainder) of)\b", re.I
)


_PASSIVE_MOVE = re.compile(
    r"^to \w+\b[^.;]{0,150}?, [^.;]{0,150}?\b(?:is|are|was|were|has been|have been) (?:\w+ly )?(?:built|"
    r"developed|designed|constructed|proposed|introduced|devised|implemented|created|derived|formulated)\b",
    re.IGNORECASE,
)


def _opens_own(text: str, anywhere: bool) -> bool:
    """Whether ``text`` states the paper's own move and is long enough to say what it is; outside the
    abstract the move must open the sentence ("In this paper we ...", not "... not in this paper")."""
    m = OWN_MOVE.search(text)
    return m is not None and len(text.split()) >= 12 and (anywhere or m.start() <= 20)


def _own_not_gap(text: str) -> bool:
    return _opens_own(text, anywhere=False) and not cue.PROBLEM.search(text)


def _stands_alone(s: Located) -> bool:
    """A sentence that can state the paper's idea on its own: not prior work (no citation), not leaning on
    the sentence before ("... defy this"), not the paper's plan ("To test this, we ...")."""
    return not (cites(s.text) or _LEANS_BACK.search(s.text) or _PLAN.search(s.text))


def _key(sentence: str) -> str:
    return re.sub(r"[^a-z0-9]", "", sentence.lower())


def sort_roles(text: str, introduction: str = "", per_role: int = 3) -> Roles:
    """Sort the sentences of ``text`` (the abstract) and ``introduction`` into the problem, the idea and
    the result, at most ``per_role`` each, and pick the sentence that states the idea in one breath.

    A sentence appears once at most; context, prior work and roadmap sentences are left out."""
    model = _model()
    located = [
        s
        for s in _with_listed_aims(locate(text, introduction))
        # A quote never opens in lower case: such a "sentence" is a fragment the splitter cut.
        if prose(s.text)
        and not SIGNPOST.search(s.text)
        and not ASIDE.search(s.text)
        and not s.text[0].islower()
    ]
    seen: set[str] = set()
    scored: list[tuple[Located, list[float], float]] = []
    for s in located:
        k = _key(s.text)
        if k in seen:
            continue
        seen.add(k)
        probs, breath = score(model, features(s))
        if s.where == "abstract":
            probs = _ruled(s.text, probs)
            if s.anchor == -1:
                # An abstract sets the scene before it says "we propose": context or the gap, not the idea.
                probs = [probs[0], probs[1], 0.0, 0.0]
                probs = [v / sum(probs) for v in probs]
        elif cue.PROBLEM.search(s.text):
            # "We consider the problem of ..." names the problem wherever it stands.
            probs = [v * 0.1 for v in probs]
            probs[CLASSES.index("problem")] += 0.9
        if cue.not_idea(s.text) and probs[_IDEA] < 1.0:
            probs = [0.0 if i == _IDEA else v for i, v in enumerate(probs)]
            probs = [v / sum(probs) for v in probs]
        scored.append((s, probs, breath))
    roles = Roles()
    if not scored:
        return roles
    # The paper's own statement comes first: an abstract sentence that says what it proposes and is long
    # enough to say what that is; the model's pick among them, or among all sentences when none does.
    own = [t for t in scored if t[0].where == "abstract" and _opens_own(t[0].text, anywhere=True)]
    # Written without "we propose": the abstract's own statement of aim (a review's, a package's).
    own = own or [t for t in scored if t[0].where == "abstract" and cue.AIM.search(t[0].text)]
    # An abstract that only reports: the introduction's own statement, when it opens the sentence.
    own = own or [t for t in scored if t[0].where == "intro" and _opens_own(t[0].text, anywhere=False)]
    own = own or [t for t in scored if t[0].where == "intro" and cue.AIM.search(t[0].text)]
    # Written without "we": an abstract's purpose and what was made for it ("To remove X, a Y was built").
    own = own or [t for t in scored if t[0].where == "abstract" and _PASSIVE_MOVE.search(t[0].text)]
    # ... or what is achieved and the means ("X is greatly reduced by randomly omitting Y"), not a finding.
    own = own or [
        t
        for t in scored
        if t[0].where == "abstract" and cue.MEANS.search(t[0].text) and not cue.RESULT.search(t[0].text)
    ]
    # A statement that cites is about earlier work (often the authors' own): the uncited ones first.
    own = [t for t in own if not cites(t[0].text)] or own
    own = [t for t in own if not cue.not_idea(t[0].text)]
    # The one-breath score, and how likely the sentence is to state the idea at all (not a finding).
    candidates = own or [t for t in scored if _stands_alone(t[0]) and not cue.not_idea(t[0].text)] or scored
    best = max(candidates, key=lambda t: t[2] + _BREATH_IDEA * math.log(t[1][_IDEA] + 1e-9))
    best = _what_it_does(best, scored)
    said = _with_antecedent(best[0], [])
    if said is None:  # a statement that leans on one we cannot show: the likeliest that stands alone
        alone = [t for t in candidates if not cue.LEANS_ON_BEFORE.search(t[0].text)]
        best = max(alone or candidates, key=lambda t: t[2] + _BREATH_IDEA * math.log(t[1][_IDEA] + 1e-9))
        said = _with_antecedent(best[0], []) or best[0].text
    roles.breath = [said]
    order = {id(t[0]): i for i, t in enumerate(scored)}
    top = {id(t[0]): max(range(len(CLASSES)), key=t[1].__getitem__) for t in scored}
    taken: set[int] = {id(best[0])}
    for r in ROLES:
        c = CLASSES.index(r)
        # Each sentence under one role at most: not one shown already, nor one likelier to be another role.

        def sure(t: _Scored, r: str = r, c: int = c) -> float:
            # The abstract's own statement of the problem goes before the introduction's; a finding with
            # its number (the headline) before one without.
            first = _ABSTRACT_FIRST if r in ("problem", "result") and t[0].where == "abstract" else 0.0
            return t[1][c] + first + (_NUMBER if r == "result" and _HAS_NUMBER.search(t[0].text) else 0.0)

        ranked = sorted(
            (t for t in scored if id(t[0]) not in taken and top[id(t[0])] in (0, c)), key=lambda t: -sure(t)
        )
        if r == "problem":
            # A problem is stated with a word for it (a limitation, a difficulty, "however"); a sentence
            # with none is the context the problem stands in, unless it names the problem it takes on.
            # "In this paper we propose X ..." is the paper's move, whatever gap words it repeats.
            ranked = [t for t in ranked if cue.a_gap(t[0].text) and not _own_not_gap(t[0].text)]
        # A sentence whose likeliest role is this one, or that states it with some likelihood when the
        # role's bullets are not yet full (the reader would rather see the problem than miss it).
        pool = [t for t in ranked if top[id(t[0])] == c][:per_role]
        pool += [t for t in ranked if t not in pool and t[1][c] >= _FLOOR][: per_role - len(pool)]
        if r == "problem" and not any(t[0].where == "abstract" for t in pool):
            # Abstracts state their gap just before their idea: the likeliest problem among the sentences
            # before the abstract's first "we propose" is the problem, unless it is plainly context.
            before = [t for t in ranked if t[0].where == "abstract" and t[0].anchor == -1 and t not in pool]
            if before and before[0][1][c] >= _GAP_FLOOR:
                pool = [before[0], *pool][:per_role]
        if r == "idea" and not any(t[0].where == "intro" for t in pool):
            # The introduction's own statement ("In this paper we propose X, which ...") says how the idea
            # works at more length than the abstract: shown unless the note says it already.
            stated = [
                t
                for t in scored
                if t[0].where == "intro" and id(t[0]) not in taken and _opens_own(t[0].text, anywhere=False)
            ]
            if stated:
                pool = [*pool[: per_role - 1], stated[0]]
        if r == "problem":
            # So do introductions: the likeliest problem among the few sentences before the introduction's
            # own "In this paper we propose", when none of them is shown yet.
            near = [t for t in ranked if t[0].where == "intro" and -_INTRO_GAP <= (t[0].to_anchor or 0) < 0]
            if near and not any(t in pool for t in near) and near[0][1][c] >= _GAP_FLOOR:
                pool = [*pool[: per_role - 1], near[0]]
        for t in sorted(pool, key=lambda t: order[id(t[0])]):
            quote = _with_antecedent(t[0], roles.breath + roles.problem + roles.idea + roles.result)
            if quote is not None and quote not in roles.breath:
                getattr(roles, r).append(quote)
                roles.confidence[quote] = sure(t)
        taken.update(id(t[0]) for t in pool)
    return roles


_MAX_JOINED = 70  # words of a sentence quoted with the one it leans on


def _with_antecedent(s: Located, shown: list[str]) -> str | None:
    """``s`` as it may be quoted: alone when it stands alone or the note quotes its antecedent before it
    (``shown``: the quotes so far, in the note's order); with the sentence before it when it leans on it
    ("This/These/Such <noun> ...", "It ..."); else not at all."""
    if not cue.LEANS_ON_BEFORE.search(s.text) or (s.before and any(q.endswith(s.before) for q in shown)):
        return s.text
    before = s.before
    if not before or cue.LEANS_ON_BEFORE.search(before) or not prose(before) or before[0].islower():
        return None
    if SIGNPOST.search(before) or ASIDE.search(before) or len(f"{before} {s.text}".split()) > _MAX_JOINED:
        return None
    return f"{before} {s.text}"


_LIST_OPEN = re.compile(r"\s*(?:\b\d{1,2}\.|\(?\d{1,2}\)|[•◦▪●‣∙–-])?\s*$")
_ITEM_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|\(\d{1,2}\)|[•◦▪●‣∙–-])\s*")


def _with_listed_aims(located: list[Located]) -> list[Located]:
    """A statement of aim that announces a list ("This guide's objective is twofold: 1.") read together
    with the list's first item: on its own it says nothing of what the paper does."""
    out = list(located)
    for i, s in enumerate(out[:-1]):
        head = _LIST_OPEN.sub("", s.text)
        if not head.endswith(":") or not cue.AIM.search(head):
            continue
        after = [t for t in out[i + 1 : i + 3] if t.where == s.where and _ITEM_MARK.sub("", t.text).strip()]
        item = _ITEM_MARK.sub("", after[0].text) if after else ""
        if item and not item[0].islower():
            out[i] = dataclasses.replace(s, text=f"{head} {item}")
    return out


_NAME = re.compile(r"\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*s?\b|\b[A-Z][a-z]+[A-Z]\w*\b")
_Scored = tuple[Located, list[float], float]


def _what_it_does(best: _Scored, scored: list[_Scored]) -> _Scored:
    """A short "We propose X." only names the idea: when the next abstract sentence says what X is or
    does (it names X early and reports no result), that sentence states the idea in one breath."""
    s = best[0]
    if s.where != "abstract" or len(s.text.split()) >= 20:
        return best
    names = {m.group(0) for m in _NAME.finditer(s.text) if m.start() > 0}
    after = next((t for t in scored if t[0].where == "abstract" and t[0].index == s.index + 1), None)
    if after is None or not names or after[1][CLASSES.index("result")] >= 0.5:
        return best
    opening = " ".join(after[0].text.split()[:4])
    return after if any(n in opening for n in names) else best


def in_one_breath(abstract: str, roles: Roles | None = None) -> list[str]:
    """The paper's idea in one of its own sentences: its clearest statement of what it proposes."""
    if roles is not None and roles.breath:
        return roles.breath[:1]
    return sort_roles(abstract).breath[:1]
