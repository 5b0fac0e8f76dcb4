"""The words of key terms: what makes a phrase a term, and the kinds of term a text offers.

Acronyms follow the idea of Schwartz and Hearst's abbreviation finder (a short form in parentheses whose
letters can be matched, right to left, in the words just before it); named phrases come from cues such as
"which we call X" or "referred to as X"; names are words the paper capitalises inside a sentence
(``Transformer``, ``fastText``, ``GELU``); field phrases are runs of words, ending on a noun, whose words
are rare in ordinary English (a word-frequency list, :mod:`wordfreq`, tells them apart); the title's noun
phrases are its runs of content words between prepositions and punctuation.
"""

from __future__ import annotations

import functools
import re

from paperkit.text import fold

SHORT = re.compile(r"\(([A-Za-z][A-Za-z0-9\-]{1,9}?)(s)?\)")
# Words that end a named phrase: "called batch normalization is ..." names "batch normalization".
_AFTER_TERM = (
    "and|which|that|to|for|in|or|on|of|with|by|as|is|are|was|were|has|have|had|can|could|will|would|may|"
    "might|uses?|used|does|do"
)
NAMED = re.compile(
    # Naming cues only: a bare "term" or "name" is too often an ordinary noun ("long term dependencies").
    r"\b(?:we\s+(?:call|term|name|dub|denote)|called|termed|dubbed|named|referred\s+to\s+as|"
    r"known\s+as|coined)\s+(?:the\s+|a\s+|an\s+|as\s+|it\s+|this\s+)?"
    r"[\"“‘']?(?P<term>[A-Za-z][\w\-]*(?:\s+[\w\-]+){0,3}?)[\"”’']?"
    rf"(?=[,.;:)]|\s+(?:{_AFTER_TERM})\b)",
    re.IGNORECASE,
)
STOP = {"the", "a", "an", "of", "for", "and", "to", "in", "on", "with", "by", "we", "our", "this", "that"}


def expand(short: str, before: str) -> str | None:
    """Match the short form's letters right to left in the words before it; the long form, or None."""
    words = before.split()
    if not words:
        return None
    window = words[-min(len(words), len(short) + 5, 2 * len(short) + 2) :]
    long_form = " ".join(window)
    s = [c.lower() for c in short if c.isalnum()]
    lf = long_form.lower()
    si, li = len(s) - 1, len(lf) - 1
    while si >= 0:
        c = s[si]
        # The first letter of the short form must start a word of the long form.
        while li >= 0 and (lf[li] != c or (si == 0 and li > 0 and lf[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        si -= 1
        li -= 1
    start = lf.rfind(" ", 0, li + 1) + 1
    found = long_form[start:].strip(" ,;:(")
    first = found.split()[0].lower() if found.split() else ""
    if not found or first in STOP or len(found) <= len(short):
        return None
    return found


_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9\-]*[A-Za-z0-9]|[A-Za-z]")
# Words that never make a term on their own, however rare: function words and the vocabulary of papers.
PLAIN_WORDS = (
    "a an the of for and or to in on with by from as at is are was were be been being it its this that "
    "these those which who whom whose we our us they their them he she his her you your can could may "
    "might will would should must do does did has have had not no nor but if then than so such both each "
    "every all any some many most more less few other another same also only just very well into over "
    "under between through during about against among via per while where when how what why there here "
    "however thus hence therefore moreover furthermore although though since because whether either "
    "neither yet still paper work approach method methods model models result results show shows shown "
    "propose proposed present presents introduce introduced use used using based new novel simple first "
    "second third one two three several various different large small high low good better best state art "
    "recent recently problem problems task tasks performance significant significantly achieve achieves "
    "experiments experimental data set sets number way ways order case cases terms term example examples "
    "fact section figure table et al respectively i e g main key important particular general existing "
    "standard previous prior further effective efficient improve improves improved able given known "
    "made taken seen done dataset datasets baseline baselines benchmark benchmarks outperform outperforms "
    "infer infers calculate calculates compute computes theorem theorems lemma lemmas proposition corollary "
    "definition remark equation equations eq eqs appendix fig figs sec chapter "
)
PLAIN = set(PLAIN_WORDS.split())
# Generic nouns that are no term alone but end one: "degradation problem", "Ising model", "test set".
HEADS = {"problem", "problems", "model", "models", "method", "methods", "task", "tasks", "set", "sets"}
# Author names are not terms: citations are taken out before names are looked for.
CITATION = re.compile(
    r"\([^()]*\b(?:19|20)\d\d[a-z]?\)|\b[A-Z][\w\-]+(?: and [A-Z][\w\-]+| et al\.?)(?: \(\d{4}[a-z]?\))?"
)
# "BERT, which stands for Bidirectional Encoder Representations from Transformers"
STANDS = re.compile(
    r"\b(?P<short>[A-Z][A-Za-z0-9\-]*[A-Z][A-Za-z0-9\-]*),? (?:which |that )?stands for "
    r"(?P<long>[A-Z][\w\-]*(?: [\w\-]+){0,7}?)(?=[,.;:)]|$)"
)
POSSESSIVE = re.compile(r"(?<=\w)[’']s\b")
_RARE_WORD = 3.2  # ... and a word that is a term on its own, rarer still
_RARE = 4.3  # a word rarer than this (Zipf scale) in ordinary English is a field word
MAX_TERMS = 8


@functools.cache
def zipf(word: str) -> float:
    """How common ``word`` is in ordinary English (Zipf scale: 7 for "the", 3 for a field's word)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # wordfreq missing: treat long words as field words
        return 3.0 if len(word) > 9 else 5.0
    return float(zipf_frequency(word, "en"))


def field_word(word: str, rare: float = _RARE) -> bool:
    w = word.lower()
    if w in PLAIN or len(w) < 3:
        return False
    return min(zipf(part) for part in w.split("-") if part) < rare


@functools.lru_cache(maxsize=8192)
def norm(phrase: str) -> str:
    """The comparison key of a phrase: folded, a plural ending dropped."""
    f = fold(phrase)
    return f[:-1] if f.endswith("s") and not f.endswith("ss") else f


def names(sent: str) -> list[str]:
    """Names the sentence capitalises inside it: ``Transformer``, ``fastText``, ``GELU``, and runs of
    capitalised words such as ``Batch Normalization`` (kept whole)."""
    out: list[str] = []
    run: list[str] = []
    last_end = -1

    def flush() -> None:
        if not run:
            return
        inner = any(any(c.isupper() for c in w[1:]) for w in run)
        rare = any(zipf(w.lower()) < _RARE for w in run)
        # A capitalised ordinary word ("Test F1") is not a name; two in a row ("Batch Normalization") are.
        if (inner or rare or len(run) > 1) and not all(w.lower() in PLAIN for w in run):
            out.append(" ".join(run))
        run.clear()

    for i, m in enumerate(_WORDS.finditer(sent)):
        w = m.group(0)
        inner_cap = any(c.isupper() for c in w[1:])
        capital = (w[0].isupper() and (i > 0 or inner_cap)) or inner_cap
        if capital and len(w) > 2 and len(run) < 4 and (not run or sent[last_end : m.start()] == " "):
            run.append(w)
        else:
            flush()
            if capital and len(w) > 2:
                run.append(w)
        last_end = m.end()
    flush()
    return out


def phrases(sent: str) -> list[str]:
    """Runs of up to three words, none plain, ending on a field word or containing one."""
    out = []
    run: list[str] = []
    for m in re.finditer(r"[A-Za-z][A-Za-z\-]*|[^A-Za-z\s]+", sent):
        w = m.group(0)
        if w.lower() in HEADS and run:
            # A generic noun closes a phrase it names: "degradation problem", "language model".
            for n in (1, 2):
                gram = run[-n:]
                if len(run) >= n and any(field_word(x) for x in gram) and all(x.islower() for x in gram):
                    out.append(" ".join([*gram, w]))
            run = []
            continue
        if not w[0].isalpha() or w.lower() in PLAIN or w.lower() in STOP or (w[0].isupper() and not run):
            run = []
            continue
        if zipf(w.lower()) >= 6.0:  # a word as common as "up" or "been" makes a clause ("summed up")
            run = []
            continue
        run.append(w)
        for n in (1, 2, 3):
            if len(run) >= n:
                gram = run[-n:]
                # A single word must be rarer than a word of a phrase: "transduction", not "mapping".
                rare = _RARE if n > 1 else _RARE_WORD
                # A phrase ends on its noun: not on "neural" or "adaptive" ("recurrent neural" is cut off).
                adjective = n > 1 and gram[-1].lower().endswith(
                    ("al", "ive", "ous", "ful", "ic", "able", "ed")
                )
                if adjective:
                    continue
                # A word on its own that is a verb form ("maximizing", "trained") names no concept.
                if n == 1 and gram[0].lower().endswith(("ing", "ed", "ize", "izes", "ise", "ises")):
                    continue
                # An adverb makes a clause, not a name ("arises naturally", "evenly spaced").
                if any(x.lower().endswith("ly") and len(x) > 4 for x in gram):
                    continue
                if any(field_word(x, rare) for x in gram) and all(x.islower() or "-" in x for x in gram):
                    out.append(" ".join(gram))
    return out


_TITLE_SPLIT = re.compile(r"\s*(?::|\s-\s|\s–\s|\s—\s)\s*|\s+(?:for|with|via|in|on|as|from|by|using)\s+")


def title_head(title: str) -> str | None:
    """The name a title leads with ("Batch Normalization: Accelerating ...", "Scheduled Sampling for ..."):
    up to four words before its first colon, dash or preposition; None when the title has no such head."""
    parts = _TITLE_SPLIT.split(" ".join(title.split()), maxsplit=1)
    head = parts[0].strip(" .,")
    words = head.split()
    if (len(parts) < 2 and len(words) > 3) or not 1 <= len(words) <= 4:
        return None
    # A name has no articles and does not open on an action ("Distilling the Knowledge"); a shouted
    # title's head is not a name as printed.
    if any(w.lower() in STOP for w in words) or words[0].lower().endswith("ing"):
        return None
    if all(w.lower() in PLAIN for w in words) or (head.isupper() and len(words) > 1):
        return None
    return head


_ADJECTIVE_ENDS = ("al", "ive", "ous", "ful", "ic", "able", "ible", "less", "ary")


def adjective(term: str) -> bool:
    """Whether a one-word term is an adjective ("scalable", "differentiable", "non-Abelian", "unsteady"):
    it names no concept a learner could look up on its own."""
    if " " in term:
        return False
    w = term.lower()
    if w.startswith("non-") or w.endswith((*_ADJECTIVE_ENDS, "ed")):
        return True
    return w.startswith("un") and len(w) > 5 and zipf(w[2:]) > 3.0 and zipf(w) < zipf(w[2:])


# Words that open a title's phrase without belonging to the name: "Towards", "Improving", "Deep".
_TITLE_OPENERS = {"towards", "toward", "deep", "efficient", "simple", "fast", "scalable", "novel", "better"}
# Prepositions and conjunctions a title's phrases stand between.
_TITLE_LINK_WORDS = (
    "past over under through beyond without within across against versus vs into onto upon at via using "
    "towards toward from like near around after before is are"
)
_TITLE_LINKS = set(_TITLE_LINK_WORDS.split())


def title_phrases(title: str) -> list[str]:
    """The noun phrases of a title, as it prints them: runs of one to four content words between its
    prepositions, verbs and punctuation ("Deep Residual Learning", "Image Recognition"); a run that
    opens on an action ("Reducing Internal Covariate Shift") loses that word."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        while run and (run[0].lower() in _TITLE_OPENERS or (run[0].lower().endswith("ing") and len(run) > 1)):
            run.pop(0)
        if (
            run
            and len(run) <= 4 + ("to" in run)
            and (len(run) > 1 or field_word(run[0], _RARE_WORD) or run[0][1:] != run[0][1:].lower())
        ):
            out.append(" ".join(run))
        run.clear()

    after_to = False  # "Learning to Align and Translate": what follows "to" is an action, not a name
    tokens = [t.strip() for t in re.split(r"(\s+|[:;,?!()\u2013\u2014]|\s-\s)", " ".join(title.split()))]
    tokens = [t for t in tokens if t]
    for i, w in enumerate(tokens):
        if w.lower() == "to" and run and i + 1 < len(tokens) and tokens[i + 1].lower() == run[-1].lower():
            run.append(w)  # "Sequence to Sequence Learning", "Image to Image": one name
            continue
        if w.lower() == "to":
            after_to = True
            flush()
            continue
        if after_to:
            after_to = w.lower() == "and" or (w[:1].isupper() and w.lower() not in STOP)
            continue
        if (
            not re.fullmatch(r"[A-Za-z][\w\-'’]*", w)
            or w.lower() in STOP
            or w.lower() in _TITLE_LINKS
            or (w.lower() in PLAIN and not (run and w.lower() in HEADS))
        ):
            flush()
            continue
        run.append(w)
    flush()
    return out
