"""Sort a paper's sentences by role (the problem, the idea, the result) and find its idea in one breath.

A small trained model, not rules: :mod:`paperkit.notes.features` names the evidence in each sentence of
the abstract and the introduction (cue phrases, position, tense, first person, hedges, citations), and
two logistic regressions shipped as weights (``role_model.json``, trained by ``dev/train_roles.py`` on the
reader's ground truth) turn it into a role (or none: context and roadmap are not shown) and into a score
for stating the idea "in one breath". Inference is a few dictionary look-ups per sentence.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paperkit.notes.features import (
    ASIDE,
    OWN_MOVE,
    SIGNPOST,
    Located,
    cites,
    features,
    locate,
    prose,
    states_a_gap,
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


# Cues a reader takes as unambiguous in an abstract: they override the model (each a class of wording,
# tested on invented abstracts in tests/test_roles.py).
_RULE_RESULT = re.compile(
    r"\b(we|our (results|experiments)) (also |further )?(show|find|demonstrate|observe|obtain)\b(?! how)"
    r"|\b(results|experiments) (show|demonstrate|indicate|confirm)|\boutperform|\bachiev(es|ed|ing)\b"
    r"|\bsurpass|\bexperiments (on|with)\b|\bempirical(ly)?\b"
    # What the method lets one do or how it compares is a finding, not the idea itself.
    r"|\bperform(s|ed)? (\w+ )?(better|worse|comparabl)|\b(allows|enables) us to\b"
    # A finding reported in the passive or in a second clause ("X was found to ...", "... and find that").
    r"|\b(is|are|was|were) (found|shown|observed) (to|that)\b|\band (find|show|demonstrate|observe)s? that\b",
    re.IGNORECASE,
)
# The paper's own move; and after it (earlier sentences cannot be the idea), "X does A rather than B",
# which says how the idea works.
_RULE_IDEA = re.compile(
    r"\b(we|this (paper|work)) (propose|introduce|present)s?\b|\b(rather than|instead of)\b", re.IGNORECASE
)
# The paper naming the problem it takes on ("We consider the problem of ...", "The focus of this paper
# is on ...") states the problem.
_RULE_PROBLEM = re.compile(
    r"\bwe (consider|study|address|tackle|investigate|focus on|revisit) the (\w+ )?"
    r"(problem|task|question|challenge)s? of\b"
    r"|\b(the )?focus of (this|our|the present) (paper|work|study) is\b"
    r"|\bthis (paper|work|study) (focuses|is concerned) (on|with)\b",
    re.IGNORECASE,
)
_ABSTRACT_FIRST = 0.15
_NUMBER = 0.15  # a result with its number goes before one without
_HAS_NUMBER = re.compile(r"\d")


def _ruled(text: str, probs: list[float]) -> list[float]:
    """``probs`` with an unambiguous cue's role made the likeliest (the model's order kept within it)."""
    # First match wins: a finding stated by "we" is a result, "we study the problem of" the problem.
    rules = (
        ("result", bool(_RULE_RESULT.search(text))),
        ("problem", bool(_RULE_PROBLEM.search(text))),
        ("idea", bool(_RULE_IDEA.search(text)) or _opens_own(text, anywhere=False)),
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


# A question or a plan is not what the paper does: "In this paper, we investigate why ...", "Can X ...?",
# "To test this, we constructed ...". Either may still state the problem.
_QUESTION = re.compile(
    r"\?\s*[\"”’)]?$|\bwe (?:\w+ )?(?:investigate|ask|explore|examine|study|analy[sz]e|seek to understand|"
    r"wonder) (?:why|whether|how|what|if|when)\b",
    re.IGNORECASE,
)
_PLAN_OPEN = re.compile(
    r"^(?:in order )?to (?:test|evaluate|validate|verify|assess|check|examine|probe|measure|quantify|"
    r"compare|demonstrate|illustrate|show)\b[^.;]{0,150}?,\s*(?:we|a|an|the)\b",
    re.IGNORECASE,
)
# The field's standing, not a gap: "X is a classic problem in ...", "Y is the de-facto choice for ...",
# "Z has been studied for decades". Such a sentence states a problem only with a word of a gap besides.
_STANDING = re.compile(
    r"\b(?:classic(?:al)?|long[- ]standing|well[- ](?:known|studied|established)|de[- ]facto|"
    r"ubiquitous|cornerstone|workhorse)\b|\bfor (?:decades|many years|a long time)\b"
    # (its importance, "X is a fundamental problem", may well be the gap the paper takes on)
    r"|\b(?:is|are|has been|have been) (?:a|an|the) (?:\w+ )?(?:popular|standard|common|usual|default|"
    r"active) (?:\w+ )?(?:problem|task|choice|tool|topic|question|area|method)",
    re.IGNORECASE,
)
_GAP_WORD = re.compile(
    r"\b(?:however|but|yet|although|though|despite|unfortunately|limitation|limited|fails?|failure|cannot|"
    r"unable|suffers?|lacks?|lacking|remains? (?:unclear|unknown|open|difficult|challenging|elusive)|"
    r"drawback|bottleneck|costly|expensive|prohibitive|intractable|not (?:yet|well|clear))\b",
    re.IGNORECASE,
)
# The aim of a paper written without "we propose": a review's, a package's, a measurement's statement
# ("The aim of this review is to ...", "X is an open-source package for ...", "This note presents ...").
_AIM = re.compile(
    r"\b(?:the )?(?:aim|goal|purpose|objective)s? of (?:this|the present|our) (?:\w+ )?(?:paper|work|study|"
    r"review|survey|note|article|letter|report|thesis)\b"
    r"|\b(?:this|the present|our) (?:paper|work|study|review|survey|note|article|letter|report|tutorial|"
    r"guide) (?:\w+ly )?(?:presents?|describes?|provides?|reports?|reviews?|summari[sz]es?|proves?|"
    r"establishes?|derives?|gives?|offers?|studies|examines?|investigates?|introduces?|proposes?|"
    r"develops?|aims?|seeks?|addresses?|explores?)\b"
    r"|^[\w\-.+ ]{1,40}? (?:is|are) (?:a|an) (?:\w+[- ]?){0,3}?(?:package|library|toolkit|software|"
    r"framework|code|tool|system|platform|pipeline|protocol|project)\b",
    re.IGNORECASE,
)
# A sentence that leans on the one before it: "This/These/Such <noun> ...", "It ...", "They ...".
_LEANS_ON_BEFORE = re.compile(
    r"^(?:this|these|those|such|it|they|both|the latter|the former)\b"
    r"(?! (?:paper|work|article|study|note|letter|review|report|thesis|manuscript|survey|chapter)\b)",
    re.IGNORECASE,
)


def _not_idea(text: str) -> bool:
    """A question the paper asks or a plan it follows: neither is what it does."""
    return bool(_QUESTION.search(text) or _PLAN_OPEN.search(text))


def _a_gap(text: str) -> bool:
    """Whether ``text`` states a gap: a word for one, and, when it tells the field's standing ("a classic
    problem", "the de-facto choice"), a word of a gap besides."""
    if _RULE_PROBLEM.search(text):
        return True
    if not states_a_gap(text):
        return False
    return not _STANDING.search(text) or bool(_GAP_WORD.search(text))


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
        for s in locate(text, introduction)
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
        elif _RULE_PROBLEM.search(s.text):
            # "We consider the problem of ..." names the problem wherever it stands.
            probs = [v * 0.1 for v in probs]
            probs[CLASSES.index("problem")] += 0.9
        if _not_idea(s.text) and probs[_IDEA] < 1.0:
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
    own = own or [t for t in scored if t[0].where == "abstract" and _AIM.search(t[0].text)]
    # An abstract that only reports: the introduction's own statement, when it opens the sentence.
    own = own or [t for t in scored if t[0].where == "intro" and _opens_own(t[0].text, anywhere=False)]
    # Written without "we": an abstract's purpose and what was made for it ("To remove X, a Y was built").
    own = own or [t for t in scored if t[0].where == "abstract" and _PASSIVE_MOVE.search(t[0].text)]
    # A statement that cites is about earlier work (often the authors' own): the uncited ones first.
    own = [t for t in own if not cites(t[0].text)] or own
    own = [t for t in own if not _not_idea(t[0].text)]
    # The one-breath score, and how likely the sentence is to state the idea at all (not a finding).
    candidates = own or [t for t in scored if _stands_alone(t[0]) and not _not_idea(t[0].text)] or scored
    best = max(candidates, key=lambda t: t[2] + _BREATH_IDEA * math.log(t[1][_IDEA] + 1e-9))
    best = _what_it_does(best, scored)
    said = _with_antecedent(best[0], [])
    if said is None:  # a statement that leans on one we cannot show: the likeliest that stands alone
        alone = [t for t in candidates if not _LEANS_ON_BEFORE.search(t[0].text)]
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
            ranked = [t for t in ranked if _a_gap(t[0].text)]
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
    if not _LEANS_ON_BEFORE.search(s.text) or (s.before and any(q.endswith(s.before) for q in shown)):
        return s.text
    before = s.before
    if not before or _LEANS_ON_BEFORE.search(before) or not prose(before) or before[0].islower():
        return None
    if SIGNPOST.search(before) or ASIDE.search(before) or len(f"{before} {s.text}".split()) > _MAX_JOINED:
        return None
    return f"{before} {s.text}"


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
