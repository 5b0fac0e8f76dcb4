"""What the role sorter sees of a sentence: the evidence the literature uses to tell a paper's moves apart.

Cue phrases of each role, where the sentence stands (abstract or introduction, how far in, first or last
of its paragraph), tense, first person, hedges, citations and numbers, and the sentence's opening words.
Each feature is a name; a sentence is the set of names that hold for it (see :mod:`paperkit.notes.roles`
for the weights that turn them into a role).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from paperkit.text import sentences

_CUES: dict[str, list[str]] = {
    "problem": [
        r"\bhowever\b", r"\bproblem", r"\bchalleng", r"\bdifficult", r"\bsuffer", r"\blimitation",
        r"\bdiscrepanc", r"\bmismatch", r"\black(s|ing)?\b", r"\bremains?\b", r"\bcan lead to\b",
        r"\bfails?\b", r"\bbottleneck", r"\bhard to\b", r"\bcostly\b", r"\bexpensive\b", r"\bslow",
        r"\bcomplicat", r"\bunclear\b", r"\bopen question", r"\bissue", r"\bdrawback",
        r"\bis (a|an) (key|central|fundamental|important)\b", r"\bintractable\b", r"\bproblematic\b",
        r"\bdegrad", r"\bsensitive to\b", r"\bprecludes?\b", r"\brestrict", r"\bnone of\b", r"\bprevent",
        r"\bhinder", r"\bimpractical\b", r"\binefficien", r"\bcannot\b", r"\bneeds? (to|for)\b",
        r"\bwithout\b", r"\b(ignore|neglect|overlook)",
        r"\bunable\b", r"\blimits\b",
        r"\bnot (yet|well|clear)\b", r"\b(little|few) (is|work|attention)\b", r"\bwhether\b",
    ],
    "idea": [
        r"\bwe (propose|introduce|present|describe|develop|suggest|design|call|conjecture|extend|"
        r"formulate|derive|use|adopt|replace|apply|study|investigate|argue|show how)\b",
        r"\b(in this|this) (paper|work|note|article)\b",
        r"\bour (approach|method|model|framework|idea|technique)\b",
        r"\bnovel\b", r"\bnew (method|approach|architecture|framework|model|technique|algorithm)\b",
        r"\bbased (solely )?on\b", r"\binstead\b", r"\bwhich we call\b", r"\bthe key (idea|insight)\b",
        r"\bmechanism\b", r"\bsimple\b", r"\bstrateg", r"\barchitecture\b",
        r"\bwe (also )?(allow|let|make|train|learn|reformulate|explicitly)\b", r"\bcan be (used|seen)\b",
        r"\b(called|termed|dubbed|named)\b", r"\bby (using|adding|replacing|learning)\b",
    ],
    "result": [
        r"\bresults?\b", r"\bachiev", r"\boutperform", r"\bstate[- ]of[- ]the[- ]art\b", r"\bimprov",
        r"\bexperiment", r"\bwe (show|demonstrate|find|observe|obtain|report|establish)\b",
        r"\bdemonstrat", r"\bsignificant", r"\baccuracy\b", r"\bwon\b", r"\b1st place\b", r"\bBLEU\b",
        r"\berror\b", r"\bperformance\b", r"\bbenchmark", r"\bcompetitive\b", r"\bsurpass", r"\bgains?\b",
        r"\bempirical", r"\bevaluat", r"\bfaster\b", r"\bbetter\b", r"\bfewer\b", r"\bbeats?\b",
        r"\d+(\.\d+)?\s?%", r"\bmoreover\b", r"\bconsistently\b", r"\bdataset", r"\bleads? to\b",
        r"\ballows? (us )?to\b", r"\bworks? (surprisingly |very |remarkably )?well\b", r"\bon par\b",
        r"\bno need\b", r"\beliminat", r"\b(tasks|datasets|benchmarks)\b", r"\bcompared (to|with)\b",
    ],
    "background": [
        r"\bexisting\b", r"\bcurrent (approach|method|model|system)s?\b", r"\bstate of the art\b",
        r"\bin practice\b", r"\bwidely (used|adopted|studied)\b", r"\btypically\b", r"\bdominant\b",
        r"\brecent(ly)?\b", r"\b(has|have) (been|become|shown|led|emerged)\b", r"\bpopular",
        r"\b(previous|prior|earlier) (work|approach|method|stud)", r"\b(many|most|several) (\w+ )?"
        r"(approaches|methods|models|works|researchers|studies)\b", r"\bcommonly\b", r"\bsuccess",
        r"\bintroduced by\b", r"\bproposed (by|in)\b", r"\b(is|are) (a|an|the) (standard|common)\b",
    ],
    "roadmap": [
        r"\bis organi[sz]ed as follows\b", r"\b(the )?(rest|remainder) of (this|the) (paper|article)\b",
        r"\bin sections? \d", r"\bsection \d (describes|presents|introduces|discusses|concludes)",
        r"\b(code|implementation)s? (is|are) (publicly )?available\b", r"https?://|github\.com",
        r"\bwe (then|finally) (conclude|discuss)\b",
    ],
}  # fmt: skip
_COMPILED = [
    (f"cue:{role}:{i}", re.compile(p, re.IGNORECASE)) for role, ps in _CUES.items() for i, p in enumerate(ps)
]
_ROLE_OF_CUE = {name: name.split(":")[1] for name, _ in _COMPILED}

_TESTS: dict[str, re.Pattern[str]] = {
    "we": re.compile(r"\b(we|our|us)\b", re.IGNORECASE),
    "this_paper": re.compile(r"\b(this|the present|our) (paper|work|article|note|study)\b", re.IGNORECASE),
    "we_past": re.compile(r"\bwe (\w+ )?\w+ed\b", re.IGNORECASE),
    "we_present": re.compile(r"\bwe (\w+ly )?(propose|introduce|present|show|find|describe|develop)\b", re.I),
    "past": re.compile(r"\b(was|were|did|had|showed|found|obtained|achieved)\b", re.IGNORECASE),
    "perfect": re.compile(r"\b(has|have) (been|\w+ed)\b", re.IGNORECASE),
    "future": re.compile(r"\b(will|shall)\b", re.IGNORECASE),
    "modal": re.compile(r"\b(can|could|may|might|should|would)\b", re.IGNORECASE),
    "hedge": re.compile(r"\b(may|might|could|perhaps|possibly|suggests?|likely|appears?|seems?)\b", re.I),
    "cite_num": re.compile(r"\[\s?\d+(?:\s?[,–-]\s?\d+)*\s?\]"),
    "cite_name": re.compile(r"\bet al\.?|\(\s?[A-Z][A-Za-z\-]+[^()]{0,40}?,? (19|20)\d\d[a-z]?\s?\)"),
    "number": re.compile(r"\d"),
    "percent": re.compile(r"\d\s?%|\bpercent\b"),
    "colon": re.compile(r":"),
    "negation": re.compile(r"\b(not|no|cannot|never|without)\b", re.IGNORECASE),
    "contrast": re.compile(r"\b(but|although|though|while|whereas|yet|despite)\b", re.IGNORECASE),
    "question": re.compile(r"\?"),
    "dangling": re.compile(r"^(\w+\s){0,8}?(this|these|those|such|it)\b(?! (paper|work|article))", re.I),
    "name_it": re.compile(r"(?:,\s|\bthe\s)[A-Z][\w\-]*[A-Z][\w\-]*\b|\b[A-Z][a-z]+[A-Z]\w*\b"),
}
_WORD = re.compile(r"[a-z]+")
# The paper's own move: "we propose / in this paper", or a sentence opening on what "we" do.
OWN_MOVE = re.compile(
    r"\b(we (propose|introduce|present|describe|develop)|in this (paper|work)|this (paper|work) "
    r"(proposes|introduces|presents))\b"
    # A sentence that opens on what "we" do (extend, address, simplify, define ...), after at most a short
    # clause ("Given a graph G, we ..."), states the paper's own move too, unless the clause is a test
    # ("To evaluate it, we ..."), or the verb reports a finding, an experiment or the paper's plan, or
    # states a claim ("we argue that ...": often the problem).
    r"|^(?:here,? |in (?:this|the present) (?:paper|work|note|article),? "
    r"|(?!to (?:test|evaluate|validate|verify|assess|measure|compare|check|demonstrate|show)\b)"
    r"[^,.;:]{3,80}, )?we (?:\w+ly )?"
    r"(?!(?:show|find|found|demonstrate|observe|obtain|achieve|outperform|surpass|beat|exceed|attain|improve"
    r"|set|report|evaluate|test|compare|conduct|perform|run|train|experiment|also|then|further|first|finally|thank|conclude|discuss|review|summari[sz]e"
    r"|begin|start|will|can|could|may|might|would|should|have|had|are|were|do|did|find)\w*\b)"
    r"[a-z]+\b(?! that\b)",
    re.IGNORECASE,
)


# Asides a reader does not take for the problem, the idea or the result: the paper's plan ("We then
# present results in Section 4"), where its code is, and its hopes for the future.
ASIDE = re.compile(
    r"\b(?:code|implementations?|software|data)(?: \w+)? (?:is|are) (?:publicly |freely |openly )?available\b"
    r"|\bwe (?:have )?(?:released|release|publish|make (?:\w+ )?available)\b|github\.com|\bwe hope\b"
    r"|\bfuture (?:work|studies|research|directions)\b",
    re.IGNORECASE,
)
SIGNPOST = re.compile(
    r"\b(?:in|see) (?:sections?|sec\.|§)\s?\d|\bsections?\s\d+(?:\.\d+)?,? (?:we )?(?:describes?|presents?|"
    r"introduces?|discuss(?:es)?|concludes?|shows?|reports?)\b|\b(?:rest|remainder) of (?:this|the) (?:paper|"
    r"article)|\bis organi[sz]ed as follows|\bwe (?:then|next|finally) (?:present|describe|discuss|conclude|"
    r"review|summari[sz]e)\b(?! that\b)",  # "we then conclude that X" is a finding
    re.IGNORECASE,
)
_NUMBER_MARKS = set(".,;:%()[]-–'’\"“”×/")
# Runs of two or more number-only tokens before a word: a figure's axis read as text.
_DEBRIS = re.compile(r"(?<![\w.,])\d+(?:\.\d+)?\s+\d+(?:\.\d+)?\s+(?=[A-Za-z])")
_BULLET = re.compile(
    r"(?:^|\s)(?:[•◦▪●‣∙]|\(\s?(?:\d{1,2}|[ivx]{1,4}|[a-f])\s?\)|(?<!\S)(?:\d{1,2}|[ivx]{1,4})\))\s+"
)


def prose(sentence: str, min_words: int = 6) -> bool:
    """A sentence of running prose: not a bullet list, an equation or figure debris."""
    if _BULLET.search(sentence):
        return False
    words = sentence.split()
    if not min_words <= len(words) <= 80:  # a long abstract sentence may be the whole idea
        return False
    if _DEBRIS.search(sentence):
        return False
    # Results are stated in numbers ("3.1% error", "40 ms at 30 mAP"): digits and the marks that go
    # with them are prose; symbols of an equation are not.
    letters = sum(c.isalpha() or c.isspace() for c in sentence)
    plain = letters + sum(c.isdigit() or c in _NUMBER_MARKS for c in sentence)
    return letters / len(sentence) > 0.7 and plain / len(sentence) > 0.97


_GAP = [re.compile(p, re.IGNORECASE) for p in _CUES["problem"]]


# "Problems" that name tasks ("prediction problems such as translation") state no gap.
_TASKS = re.compile(r"\bproblems,? (?:including|such as|like|e\.g\.)", re.IGNORECASE)


def cites(text: str) -> bool:
    """Whether ``text`` cites a work ("[12]", "Smith et al.", "(Smith, 2019)"): it speaks of earlier work."""
    return bool(_TESTS["cite_num"].search(text) or _TESTS["cite_name"].search(text))


def states_a_gap(text: str) -> bool:
    """Whether ``text`` has a word that states a gap: a limitation, a difficulty, "however", "cannot" ..."""
    text = _TASKS.sub(" ", text)
    return any(p.search(text) for p in _GAP)


@dataclass
class Located:
    """A sentence and where it stands: in the abstract or the introduction, and how far in."""

    text: str
    where: str  # "abstract" | "intro"
    index: int  # the sentence's place in its part
    count: int  # sentences in the part
    para_first: bool = False
    para_last: bool = False
    anchor: int = 2  # -1 before the part's first "we propose"-like sentence, 0 that sentence, 1 after, 2 none
    to_anchor: int | None = None  # sentences from that "we propose" sentence (negative: before it)
    before: str = ""  # the previous sentence of the same part


def locate(abstract: str, introduction: str) -> list[Located]:
    """The abstract's and the introduction's sentences, in reading order, each with where it stands."""
    out = [Located(text, "abstract", i, 0) for i, text in enumerate(sentences(abstract))]
    for s in out:
        s.count = len(out)
    intro: list[Located] = []
    for para in re.split(r"\n\s*\n", introduction):
        sents = sentences(para)
        for j, text in enumerate(sents):
            intro.append(
                Located(text, "intro", len(intro), 0, para_first=j == 0, para_last=j == len(sents) - 1)
            )
    for s in intro:
        s.count = len(intro)
    for part in (out, intro):
        at = next((i for i, s in enumerate(part) if OWN_MOVE.search(s.text)), None)
        for i, s in enumerate(part):
            s.anchor = 2 if at is None else (i > at) - (i < at)
            s.to_anchor = None if at is None else i - at
            s.before = part[i - 1].text if i else ""
    return out + intro


def features(s: Located) -> list[str]:
    """The names of the features that hold for ``s``."""
    text, where = s.text, s.where
    pos = s.index / (s.count - 1) if s.count > 1 else 0.5
    out = [f"{where}", f"{where}:pos{min(4, int(pos * 5))}"]
    if s.index == 0:
        out.append(f"{where}:first")
    if s.index == s.count - 1:
        out.append(f"{where}:last")
    if s.para_first:
        out.append("para_first")
    if s.para_last:
        out.append("para_last")
    out.append(f"{where}:anchor{s.anchor}")
    for name, pattern in _COMPILED:
        if s.before and pattern.search(s.before):
            out.append(f"prev:{_ROLE_OF_CUE[name]}")
    per_role: dict[str, int] = {}
    for name, pattern in _COMPILED:
        if pattern.search(text):
            out.append(name)
            role = _ROLE_OF_CUE[name]
            per_role[role] = per_role.get(role, 0) + 1
    for role, n in per_role.items():
        out.append(f"{where}:cues:{role}:{min(n, 3)}")
    for name, pattern in _TESTS.items():
        if pattern.search(text):
            out.append(name)
            out.append(f"{where}:{name}")
    words = _WORD.findall(text.lower())
    out.extend(f"w0:{w}" for w in words[:1])
    if len(words) >= 2:
        out.append(f"w01:{words[0]}_{words[1]}")
    n = len(text.split())
    out.append("short" if n < 12 else "long" if n > 35 else "mid")
    out.extend(f"u:{w}" for w in set(words) if len(w) > 2)
    return out
