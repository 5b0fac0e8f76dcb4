"""What the role sorter sees of a sentence: the evidence the literature uses to tell a paper's moves apart.

Cue phrases of each role, where the sentence stands (abstract or introduction, how far in, first or last
of its paragraph), tense, first person, hedges, citations and numbers, and the sentence's opening words.
Each feature is a name; a sentence is the set of names that hold for it (see :mod:`paperkit.notes.roles`
for the weights that turn them into a role).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from paperkit.text import sentences

# Each cue is named by what it matches (a weight follows its cue, not its place in a list); the classes
# are the moves the literature tells apart, and a sentence's count of cues per class is a feature too.
_CUES: dict[str, dict[str, str]] = {
    "problem": {
        "however": r"\bhowever\b", "problem": r"\bproblem", "challenge": r"\bchalleng",
        "difficult": r"\bdifficult", "suffer": r"\bsuffer", "limitation": r"\blimitation",
        "discrepancy": r"\bdiscrepanc", "mismatch": r"\bmismatch", "lack": r"\black(s|ing)?\b",
        "remain": r"\bremains?\b", "can_lead_to": r"\bcan lead to\b", "fail": r"\bfails?\b",
        "bottleneck": r"\bbottleneck", "hard_to": r"\bhard to\b", "costly": r"\bcostly\b",
        "expensive": r"\bexpensive\b", "slow": r"\bslow", "complicated": r"\bcomplicat",
        "unclear": r"\bunclear\b", "open_question": r"\bopen question", "issue": r"\bissue",
        "drawback": r"\bdrawback", "is_a_key": r"\bis (a|an) (key|central|fundamental|important)\b",
        "intractable": r"\bintractable\b", "problematic": r"\bproblematic\b", "degrade": r"\bdegrad",
        "sensitive_to": r"\bsensitive to\b", "preclude": r"\bprecludes?\b", "restrict": r"\brestrict",
        "none_of": r"\bnone of\b", "prevent": r"\bprevent", "hinder": r"\bhinder",
        "impractical": r"\bimpractical\b", "inefficient": r"\binefficien", "cannot": r"\bcannot\b",
        "need_to": r"\bneeds? (to|for)\b", "without": r"\bwithout\b",
        "ignore": r"\b(ignore|neglect|overlook)", "unable": r"\bunable\b", "limits": r"\blimits\b",
        "not_yet": r"\bnot (yet|well|clear)\b", "little_is": r"\b(little|few) (is|work|attention)\b",
        "whether": r"\bwhether\b",
        # A sentence that turns against what came before, and words for what goes wrong.
        "turn": r"^(but|yet|while|whereas|although|though|despite|nevertheless|nonetheless|unfortunately)\b"
        r"|\bdespite\b",
        "poor": r"\bpoor(ly)?\b", "struggle": r"\bstruggl", "brittle": r"\b(brittle|fragile|vulnerable)\b",
        "inaccurate": r"\b(inaccura|unreliab|insufficien|inadequa|suboptimal|error[- ]prone|tedious)",
    },
    "idea": {
        "we_propose": r"\bwe (propose|introduce|present|describe|develop|suggest|design|call|conjecture|"
        r"extend|formulate|derive|use|adopt|replace|apply|study|investigate|argue|show how)\b",
        "this_paper": r"\b(in this|this) (paper|work|note|article)\b",
        "our_method": r"\bour (approach|method|model|framework|idea|technique)\b", "novel": r"\bnovel\b",
        "new_method": r"\bnew (method|approach|architecture|framework|model|technique|algorithm)\b",
        "based_on": r"\bbased (solely )?on\b", "instead": r"\binstead\b",
        "which_we_call": r"\bwhich we call\b",
        "key_idea": r"\bthe key (idea|insight)\b", "mechanism": r"\bmechanism\b", "simple": r"\bsimple\b",
        "strategy": r"\bstrateg", "architecture": r"\barchitecture\b",
        "we_make": r"\bwe (also )?(allow|let|make|train|learn|reformulate|explicitly)\b",
        "can_be_used": r"\bcan be (used|seen)\b", "called": r"\b(called|termed|dubbed|named)\b",
        "by_using": r"\bby (using|adding|replacing|learning)\b",
        "consists_of": r"\b(consists? of|composed of|comprises?)\b",
        "aim": r"\b(the )?(aim|goal|purpose|objective) of (this|our|the present)\b|\bwe aim to\b",
        "we_measure": r"\bwe (measure|estimate|compute|model|analy[sz]e|prove|review|survey)\b",
        "software": r"\b(open[- ]source|python|package|library|software|toolkit)\b",
    },
    "result": {
        "result": r"\bresults?\b", "achieve": r"\bachiev", "outperform": r"\boutperform",
        "state_of_the_art": r"\bstate[- ]of[- ]the[- ]art\b", "improve": r"\bimprov",
        "experiment": r"\bexperiment",
        "we_show": r"\bwe (show|demonstrate|find|observe|obtain|report|establish)\b",
        "demonstrate": r"\bdemonstrat", "significant": r"\bsignificant", "accuracy": r"\baccuracy\b",
        "won": r"\b(won|1st place)\b", "error": r"\berror\b",
        "performance": r"\bperformance\b", "benchmark": r"\bbenchmark", "competitive": r"\bcompetitive\b",
        "surpass": r"\bsurpass", "gain": r"\bgains?\b", "empirical": r"\bempirical",
        "evaluate": r"\bevaluat", "faster": r"\bfaster\b", "better": r"\bbetter\b", "fewer": r"\bfewer\b",
        "beat": r"\bbeats?\b", "percent": r"\d+(\.\d+)?\s?%", "moreover": r"\bmoreover\b",
        "consistently": r"\bconsistently\b", "dataset": r"\bdataset", "lead_to": r"\bleads? to\b",
        "allow_to": r"\ballows? (us )?to\b",
        "works_well": r"\bworks? (surprisingly |very |remarkably )?well\b",
        "on_par": r"\bon par\b", "no_need": r"\bno need\b", "eliminate": r"\beliminat",
        "tasks": r"\b(tasks|datasets|benchmarks)\b", "compared_to": r"\bcompared (to|with)\b",
        "times": r"\b\d+(\.\d+)?\s?(x|×|times|fold)\b", "reduce": r"\b(reduc|lower|increas|speed)",
    },
    "background": {
        "existing": r"\bexisting\b", "current_methods": r"\bcurrent (approach|method|model|system)s?\b",
        "state_of_art": r"\bstate of the art\b", "in_practice": r"\bin practice\b",
        "widely_used": r"\bwidely (used|adopted|studied)\b", "typically": r"\btypically\b",
        "dominant": r"\bdominant\b", "recent": r"\brecent(ly)?\b",
        "has_been": r"\b(has|have) (been|become|shown|led|emerged)\b", "popular": r"\bpopular",
        "prior_work": r"\b(previous|prior|earlier) (work|approach|method|stud)",
        "many_methods": r"\b(many|most|several) (\w+ )?"
        r"(approaches|methods|models|works|researchers|studies)\b",
        "commonly": r"\bcommonly\b", "success": r"\bsuccess", "introduced_by": r"\bintroduced by\b",
        "proposed_by": r"\bproposed (by|in)\b", "is_standard": r"\b(is|are) (a|an|the) (standard|common)\b",
        "classic": r"\b(classic(al)?|de[- ]facto|long[- ]standing|well[- ](known|studied|established))\b",
        "plays_a_role": r"\bplays? (a|an) (\w+ )?(role|part)\b",
    },
    "roadmap": {
        "organised": r"\bis organi[sz]ed as follows\b",
        "rest_of": r"\b(the )?(rest|remainder) of (this|the) (paper|article)\b",
        "in_section": r"\bin sections? \d",
        "section_does": r"\bsection \d (describes|presents|introduces|discusses|concludes)",
        "code_available": r"\b(code|implementation)s? (is|are) (publicly )?available\b",
        "url": r"https?://|github\.com", "then_conclude": r"\bwe (then|finally) (conclude|discuss)\b",
    },
    # What the paper asks or plans before it says what it does: not the idea itself.
    "aside": {
        "question": r"\?|\bwe (investigate|ask|explore|examine) (why|whether|how|what)\b",
        "plan": r"^to (test|evaluate|validate|verify|assess|check)\b",
        "appendix": r"\b(appendix|appendices|supplementary material)\b",
        "version": r"\b(first|earlier|previous|preliminary) version of this\b",
    },
}  # fmt: skip
# Matched on the lower-cased sentence, case-sensitively: several times faster than re.IGNORECASE.
_COMPILED = [(f"cue:{role}:{name}", re.compile(p)) for role, ps in _CUES.items() for name, p in ps.items()]


def _prefilter(pattern: str) -> re.Pattern[str]:
    # A leading \b stops the regex engine's literal-prefix scan (35 times slower on a sentence): the
    # pattern without it, which every match of the whole also matches, is tried first.
    return re.compile(pattern[2:] if pattern.startswith("\\b") else pattern)


_FAST = [(name, _prefilter(p.pattern), p) for name, p in _COMPILED]


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*out, pattern[start:]]


class Wording:
    """A case-blind pattern searched quickly: on the lower-cased text, case-sensitively, after a looser
    pattern (each top-level alternative without its leading word boundary) has found a place to try."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._full = re.compile(pattern)
        self._fast = re.compile("|".join(a.removeprefix("\\b") for a in _alternatives(pattern)))

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in ``text`` (positions as in ``text``), or None."""
        low = text.lower()
        return self._full.search(low) if self._fast.search(low) else None


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
# The case-blind tests run on the lower-cased sentence without re.IGNORECASE (faster).
_TEST_RUN = [
    (n, _prefilter(p.pattern), re.compile(p.pattern) if p.flags & re.IGNORECASE else p, bool(p.flags & re.I))
    for n, p in _TESTS.items()
]
_WORD = re.compile(r"[a-z]+")
# The paper's own move: "we propose / in this paper", or a sentence opening on what "we" do.
OWN_MOVE = Wording(
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
)


# Asides a reader does not take for the problem, the idea or the result: the paper's plan ("We then
# present results in Section 4"), where its code is, and its hopes for the future.
ASIDE = Wording(
    r"\b(?:code|implementations?|software|data)(?: \w+)? (?:is|are) (?:publicly |freely |openly )?available\b"
    r"|\bwe (?:have )?(?:released|release|publish|make (?:\w+ )?available)\b|github\.com|\bwe hope\b"
    r"|\bfuture (?:work|studies|research|directions)\b"
    # The paper's own history ("The first version of this paper was written in ..."; "An earlier version
    # appeared at ...") and pointers to its appendix or supplement ("In the appendix, we ...").
    r"|\b(?:first|earlier|previous|preliminary|shorter|original|conference) version of "
    r"(?:this|the present|our)"
    r"|\bversion of this (?:paper|work|article|manuscript)\b|\b(?:an?|the) (?:earlier|preliminary|shorter) "
    r"version\b|\bthis (?:paper|article|manuscript) (?:supersedes|extends our|is an extended)"
    r"|\b(?:in|see) (?:the )?(?:appendix|appendices|supplement(?:ary (?:material|information))?)\b"
    r"|^(?:the )?(?:appendix|appendices|supplementary material)\b",
)
SIGNPOST = Wording(
    r"\b(?:in|see) (?:sections?|sec\.|§)\s?\d|\bsections?\s\d+(?:\.\d+)?,? (?:we )?(?:describes?|presents?|"
    r"introduces?|discuss(?:es)?|concludes?|shows?|reports?)\b|\b(?:rest|remainder) of (?:this|the) (?:paper|"
    r"article)|\bis organi[sz]ed as follows|\bwe (?:then|next|finally) (?:present|describe|discuss|conclude|"
    r"review|summari[sz]e)\b(?! that\b)",  # "we then conclude that X" is a finding
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


_GAP = [re.compile(p) for p in _CUES["problem"].values()]


# "Problems" that name tasks ("prediction problems such as translation") state no gap.
_TASKS = re.compile(r"\bproblems,? (?:including|such as|like|e\.g\.)", re.IGNORECASE)


def cites(text: str) -> bool:
    """Whether ``text`` cites a work ("[12]", "Smith et al.", "(Smith, 2019)"): it speaks of earlier work."""
    return bool(_TESTS["cite_num"].search(text) or _TESTS["cite_name"].search(text))


def states_a_gap(text: str) -> bool:
    """Whether ``text`` has a word that states a gap: a limitation, a difficulty, "however", "cannot" ..."""
    text = _TASKS.sub(" ", text).lower()
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
    after: str = ""  # the next sentence of the same part


def locate(abstract: str, introduction: str) -> list[Located]:
    """The abstract's and the introduction's sentences, in reading order, each with where it stands."""
    paragraphs = [sentences(para) for para in re.split(r"\n\s*\n", introduction)]
    return locate_split(sentences(abstract), paragraphs)


def locate_split(abstract: list[str], introduction: list[list[str]]) -> list[Located]:
    """:func:`locate` for text already cut into sentences (the introduction's in paragraphs)."""
    out = [Located(text, "abstract", i, len(abstract)) for i, text in enumerate(abstract)]
    intro: list[Located] = []
    for sents in introduction:
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
            s.after = part[i + 1].text if i + 1 < len(part) else ""
    return out + intro


@functools.lru_cache(maxsize=4096)
def _cues(text: str) -> tuple[str, ...]:
    """The names of the cues ``text`` holds (cached: a sentence is also its neighbours' neighbour)."""
    low = text.lower()
    return tuple(name for name, fast, full in _FAST if fast.search(low) and full.search(low))


def _cue_classes(text: str) -> set[str]:
    return {_ROLE_OF_CUE[name] for name in _cues(text)}


def features(s: Located) -> list[str]:
    """The names of the features that hold for ``s``: its cues (named), their classes, where it stands,
    its tense, person, citations and numbers, its opening word, its length and its neighbours' cues."""
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
    if s.to_anchor is not None and abs(s.to_anchor) <= 2:
        out.append(f"{where}:to_anchor{s.to_anchor:+d}")
    out.extend(f"prev:{c}" for c in _cue_classes(s.before) if s.before)
    out.extend(f"next:{c}" for c in _cue_classes(s.after) if s.after)
    per_role: dict[str, int] = {}
    for name in _cues(text):
        out.append(name)
        role = _ROLE_OF_CUE[name]
        per_role[role] = per_role.get(role, 0) + 1
    for role, n in per_role.items():
        out.append(f"{where}:cues:{role}:{min(n, 3)}")
    low = text.lower()
    for name, fast, pattern, blind in _TEST_RUN:
        seen = low if blind else text
        if fast.search(seen) and pattern.search(seen):
            out.append(name)
            out.append(f"{where}:{name}")
    words = _WORD.findall(low)
    # The opening word ("however", "we", "this", "to") and no other single word: words of the papers the
    # model was trained on do not transfer to papers of other fields.
    out.extend(f"w0:{w}" for w in words[:1])
    n = len(text.split())
    out.append("short" if n < 12 else "long" if n > 35 else "mid")
    return out
