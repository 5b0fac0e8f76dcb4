"""Key terms a learner must look up: the paper's named methods and systems, acronyms, and field terms.

Candidates come from :mod:`~paperkit.notes.term_words` (acronyms with their expansion, "we call X",
capitalised names, field phrases, the title's noun phrases, and the terms the LaTeX source emphasises
where it introduces them). They are ranked by how the paper uses them: said often, said early, said in
the sentences that state its problem and idea, or in its title. A term and its acronym are one term; a
word the text mostly prints inside a longer phrase is that phrase ("Oseen" -> "Oseen semigroup"); a bare
adjective is no term. Each comes with the sentence that introduces it — a defining sentence when the
paper has one — and one sentence serves at most two terms. When that sentence cites a work right after
the term, the work comes too.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from paperkit.extraction.citations import CitationMarker, link_citations
from paperkit.notes.cited_entry import CitedEntry, cited_entry
from paperkit.notes.features import prose
from paperkit.notes.term_words import (
    CITATION,
    HEADS,
    MAX_TERMS,
    NAMED,
    PLAIN,
    POSSESSIVE,
    SHORT,
    STANDS,
    STOP,
    adjective,
    expand,
    names,
    norm,
    phrases,
    title_head,
    title_phrases,
    zipf,
)
from paperkit.records import Reference
from paperkit.text import fold, sentences

__all__ = ["Term", "find_terms", "title_head", "zipf"]

_QUOTED = re.compile(r"[“\"]([A-Za-z][\w\- ]{1,40}?)[”\"]")
_NOT_WORDS = re.compile(r"\$[^$]*\$|\[[^\]]*\]|\\[A-Za-z]+")  # maths, bracketed labels, commands
PER_SENTENCE = 2  # terms one quoted sentence may serve
FOCUS = 2.0  # weight of a mention in a sentence stating the problem or the idea
LONG = 30  # words: a longer first mention gives way to a shorter later one
_CUE_WEIGHT = 4.0  # an acronym's expansion, "we call X", an emphasised term, the title's phrase


@dataclass
class Term:
    """A term, what it stands for (acronyms), and the sentence that introduces it."""

    term: str
    expansion: str | None
    sentence: str
    cited: CitedEntry | None = None
    score: float = 0.0
    defined: bool = False  # the sentence was chosen because it introduces the term by a cue
    mentions: list[str] = field(default_factory=list, repr=False)  # every sentence saying it, in order


def find_terms(text: str, limit: int = MAX_TERMS, title: str = "", references: list[Reference] | None = None,
               introduction: str = "", focus: list[str] | None = None,
               emphasised: list[str] | None = None,
               markers: list[CitationMarker] | None = None) -> list[Term]:  # fmt: skip
    """The key terms of ``text`` (the abstract and introduction), most important first, each once.

    ``markers`` are the introduction's citation markers as extraction linked them (found again when
    None); ``focus`` holds the sentences stating the paper's problem and idea (terms there weigh more);
    ``emphasised`` the phrases the source sets in italics or bold (a LaTeX ``\\emph{...}``)."""
    sents = [s for s in sentences(text) if prose(s, min_words=4)]  # no algorithm box, equation, list
    by_key: dict[str, Term] = {}
    counts: Counter[str] = Counter()
    focus_keys = {fold(s)[:60] for s in focus or []}
    early_end = len(sents) // 3 + 3

    def add(term: str, expansion: str | None, sent: str, weight: float, cue: bool = False) -> None:
        key = norm(term)
        if len(key) < 2:
            return
        counts[key] += 1
        t = by_key.get(key)
        if t is None:
            t = by_key[key] = Term(term, expansion, sent, score=weight, defined=cue)
        else:
            t.score += 0.5 * weight / max(1, counts[key] - 1)
            if cue and not t.defined:
                t.sentence, t.defined = sent, True
            if expansion and not t.expansion:
                t.expansion, t.sentence, t.defined = expansion, sent, True
        if sent not in t.mentions:
            t.mentions.append(sent)

    emph = [e for e in map(_unarticled, emphasised or []) if _emphasised_term(e) and _said(text, e)]
    for idx, sent in enumerate(sents):
        w = (1.5 if idx < early_end else 1.0) * (FOCUS if fold(sent)[:60] in focus_keys else 1.0)
        low_sent = sent.lower()
        # "a star's axis": the "s" is not a word of a term; nor is a formula's or a label's ("[Mni+15]").
        sent_words = _NOT_WORDS.sub(" ", POSSESSIVE.sub("", sent))
        for m in SHORT.finditer(sent):
            short = m.group(1)
            if sum(c.isupper() for c in short) < 2:
                continue
            expansion = expand(short, sent[: m.start()].replace("“", "").replace("”", "").replace('"', ""))
            if expansion:
                add(short, expansion, sent, _CUE_WEIGHT * w, cue=True)
        for m in NAMED.finditer(sent):
            words = m.group("term").strip(" -").split()
            while words and words[-1].lower() in STOP:
                words.pop()
            term = " ".join(words)
            if len(term) >= 3 and term.lower() not in STOP:
                add(term, None, sent, _CUE_WEIGHT * w, cue=True)
        for m in STANDS.finditer(sent):
            add(m.group("short"), m.group("long"), sent, _CUE_WEIGHT * w, cue=True)
        for e in emph:
            if e[:4].lower() in low_sent and (printed := _said(sent, e)):
                # A phrase set apart is the paper's term; one word may only be stressed ("Left").
                named = " " in e or zipf(e.lower()) < 4.0
                add(printed, None, sent, (_CUE_WEIGHT if named else 1.5) * w, cue=named)
        for m in _QUOTED.finditer(sent):
            # A phrase set in quotation marks where the paper brings it in: 'random “dropout”'.
            phrase = _unarticled(m.group(1))
            rare = any(zipf(x.lower()) < 4.5 or x[:1].isupper() for x in phrase.split())
            if rare and _emphasised_term(phrase) and not adjective(phrase):  # not a “good enough”
                add(phrase, None, sent, _CUE_WEIGHT * w, cue=True)
        for name in names(CITATION.sub(" ", sent_words)):
            add(name, None, sent, 1.5 * w)
        for phrase in phrases(sent_words):
            add(phrase, None, sent, (0.8 + 0.4 * phrase.count(" ")) * w)
    for phrase in _title_terms(title):
        # The title's own phrases, where the text says them (its head noun phrase when the text drops a
        # leading modifier: "Convolutional Sequence to Sequence Learning"): what the paper is about.
        for shorter in (phrase, phrase.split(" ", 1)[-1]) if phrase.count(" ") > 1 else (phrase,):
            said = [(x, p) for x in sents if (p := _said(x, shorter))]
            for x, printed in said:
                add(printed, None, x, _CUE_WEIGHT, cue=True)  # as printed: a title capitalises every word
            if said:
                break
    terms = _finish(by_key, counts, fold(title), limit, references, sents)
    if references and introduction:
        _link_sources(terms, references, introduction, markers)
    return terms


def _camel(name: str) -> bool:
    """A name spelt as one ("AdaGrad", "RMSProp", "fastText"): a method or a system, even said once."""
    return " " not in name and any(c.islower() for c in name) and any(c.isupper() for c in name[1:])


def _unarticled(phrase: str) -> str:
    words = phrase.split()
    while words and words[0].lower() in STOP:
        words.pop(0)
    return " ".join(words)


def _emphasised_term(phrase: str) -> bool:
    """Whether an emphasised phrase can be a term: not a stressed everyday word ("not", "all", "very",
    "much faster"), nor a bare adjective."""
    words = phrase.split()
    if not 1 <= len(words) <= 5 or all(w.lower() in PLAIN or w.lower() in STOP for w in words):
        return False
    if len(words) == 1 and phrase.islower() and (zipf(phrase) >= 4.5 or adjective(phrase)):
        return False
    return not any(zipf(w.lower()) >= 6.0 for w in words[-1:])


def _title_terms(title: str) -> list[str]:
    head = title_head(title)
    out = [head] if head else []
    return out + [p for p in title_phrases(title) if not head or fold(p) != fold(head)]


@functools.lru_cache(maxsize=4096)
def _pattern(phrase: str) -> re.Pattern[str]:
    words = phrase.split() or [phrase]
    if words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]  # singular or plural, as the sentence has it
    body = r"[\s\-]+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w-]){body}s?(?![\w-])", re.IGNORECASE)


def _said(sentence: str, phrase: str) -> str | None:
    """``phrase`` as ``sentence`` prints it (its casing, its plural), or None when it does not say it."""
    m = _pattern(phrase).search(sentence)
    return m.group(0) if m else None


def _content(word: str) -> bool:
    return word in HEADS or (word not in PLAIN and word not in STOP and zipf(word) < 5.5)


def _extension(term: str, low_text: str) -> tuple[str | None, float]:
    """The next word ``term`` is mostly printed with ("oseen" -> "semigroup"), when it is: the term is
    a fragment of a longer name; and the share of its mentions that go on with a content word."""
    ends = [m.end() for m in re.finditer(rf"(?<![\w-]){re.escape(term.lower())}(?![\w-])", low_text)]
    printed = [m.group(1) for e in ends if (m := re.match(r" ([a-z][\w\-]*)", low_text[e : e + 40]))]
    printed = [w for w in printed if _content(w)]
    nxt = Counter(norm(w) for w in printed)  # "system" and "systems" are one word
    if not nxt:
        return None, 0.0
    key, n = nxt.most_common(1)[0]
    word = next(w for w in printed if norm(w) == key)
    return (word if n >= 0.6 * len(ends) else None), sum(nxt.values()) / len(ends)


def _whole(t: Term, text: str) -> Term | None:
    """``t`` as the longer phrase it is a fragment of, or ``t`` itself; None when it is no term."""
    if t.expansion:
        return t
    if adjective(t.term):
        return None  # even a title's or an emphasised one: "Versioned", "scalable"
    if t.defined:
        return t
    low = text.lower()
    word, going_on = _extension(t.term, low)
    if word is None and going_on >= 0.8 and t.term.islower() and " " in t.term:
        return None  # "online convex" (optimization, programming): a fragment of several phrases
    if t.term.islower() and " " not in t.term and len(t.mentions) < 3 and word is None:
        return None  # a lone lowercase word said once or twice ("encode"): no term the paper leans on
    if word is None or len(t.term.split()) >= 4:
        return t
    at = low.find(f"{t.term.lower()} {word}")
    longer = text[at : at + len(t.term) + 1 + len(word)]
    mentions = [s for s in t.mentions if longer.lower() in s.lower()]
    if not mentions:
        return None
    return Term(longer, None, mentions[0], score=t.score, mentions=mentions)


# A sentence leaning on the one before it ("This problem ...", "These gates ..."): not a quote on its own.
_LEANS = re.compile(r"^(?:This|These|Those|Such)\s+(?!paper|work|article|survey|chapter|study|note)[a-z]+")


def _defining(t: Term) -> str:
    """The sentence that introduces ``t``: the cue's sentence, else the first mention short enough that
    stands on its own."""
    if t.defined or not t.mentions:
        return t.sentence
    fits = [s for s in t.mentions if len(s.split()) <= LONG]
    return next((s for s in fits if not _LEANS.match(s)), fits[0] if fits else t.mentions[0])


def _finish(by_key: dict[str, Term], counts: Counter[str], title_key: str, limit: int,
            references: list[Reference] | None, sents: list[str]) -> list[Term]:  # fmt: skip
    # An acronym and its expansion are one term.
    for t in list(by_key.values()):  # an acronym and its expansion
        if t.expansion:
            long_key = norm(t.expansion)
            if long_key in by_key and by_key[long_key] is not t:
                t.score += by_key.pop(long_key).score
    for key, t in by_key.items():
        t.score *= 1.0 + min(counts[key], 6) / 3
        if key and key in title_key:
            t.score *= 2.0
    ranked = sorted(by_key.items(), key=lambda kv: -kv[1].score)
    text = " ".join(sents)
    lows = [x.lower() for x in sents]
    authors = _surnames(references or [])
    chosen: list[tuple[str, Term]] = []
    for key, t0 in ranked:
        if not t0.expansion and key in authors and not any(c.isupper() for c in t0.term[1:]):
            continue  # "as Huang [11] showed": an author of a cited work, not a term
        if counts[key] < 2 and not t0.defined and not _camel(t0.term):
            continue  # said once, without a naming cue or a name's own spelling: no term it leans on
        # Every sentence saying the term: its quote may be any of them.
        names = [t0.term] + ([t0.expansion] if t0.expansion else [])
        heads = [n.split()[0].lower()[:4] for n in names if n.split()]  # a cheap test before the pattern
        t0.mentions += [
            x
            for x, low in zip(sents, lows, strict=True)
            if any(h in low for h in heads) and x not in t0.mentions and any(_said(x, n) for n in names)
        ]
        whole = _whole(t0, text)
        if whole is None:
            continue
        t, key = whole, norm(whole.term)
        clash = next(
            (c for c in chosen if key in c[0] or c[0] in key or key in norm(c[1].expansion or "-")), None
        )
        words = set(t.term.lower().split())
        if clash is None and any(len(words & set(c[1].term.lower().split())) >= 2 for c in chosen):
            continue  # "reducing internal covariate" beside "internal covariate shift"
        if clash is not None:
            # "residual learning" said as often as "residual" is the term; otherwise the first stays.
            if clash[0] in key and " " in t.term and counts[key] >= max(2, counts[clash[0]] // 2):
                chosen[chosen.index(clash)] = (key, t)
            continue
        chosen.append((key, t))
        if len(chosen) == 2 * limit:  # spares for the terms whose every sentence is taken
            break
    return _quote([t for _, t in chosen], limit)


def _quote(terms: list[Term], limit: int) -> list[Term]:
    """The first ``limit`` of ``terms`` that can be quoted, each with its sentence, a sentence serving at
    most :data:`PER_SENTENCE` terms, terms sharing a sentence side by side. A term said in one sentence
    only picks first; a term whose every sentence is taken is left out (a spare takes its place)."""
    uses: Counter[str] = Counter()
    quoted: dict[int, str] = {}

    def assign(t: Term) -> None:
        first = _defining(t)
        # A sentence leaning on the one before is quoted only where it brings the term in by a cue.
        options = [s for s in [first, *t.mentions] if not _LEANS.match(s) or (t.defined and s == first)]
        sent = next((s for s in options if uses[s] < PER_SENTENCE), None)
        if sent is not None:
            uses[sent] += 1
            quoted[id(t)] = sent

    for t in sorted(terms[:limit], key=lambda t: len(t.mentions) > 1):
        assign(t)
    for t in terms[limit:]:
        if len(quoted) >= limit:
            break
        assign(t)
    kept = [t for t in terms if id(t) in quoted][:limit]
    for t in kept:
        t.sentence = quoted[id(t)]
    out: list[Term] = []
    for t in kept:
        if t not in out:
            out.append(t)
            out.extend(o for o in kept if o is not t and o.sentence == t.sentence and o not in out)
    return out


def _surnames(references: list[Reference]) -> set[str]:
    """The folded surnames of the cited works' authors (a name printed before "[11]" is one of them)."""
    out = set()
    for r in references:
        for a in r.authors:
            words = [w for w in re.split(r"[\s,.]+", a) if len(w) > 1]
            if words:
                out.add(norm(words[-1]))
    return out


def _link_sources(terms: list[Term], references: list[Reference], introduction: str,
                  markers: list[CitationMarker] | None) -> None:  # fmt: skip
    """The cited work that introduced a term: a citation right after the term's first mention."""
    if markers is None:
        markers = link_citations(introduction, references)
    low = introduction.lower()
    for t in terms:
        at = low.find(t.term.lower())
        if at < 0:
            continue
        end = at + len(t.term)
        # Only a citation printed right after the term ("dropout [12]") says the work introduced it.
        near = next((m for m in markers if m.targets and 0 <= m.start - end <= 2), None)
        if near is not None and 0 <= near.targets[0] < len(references):
            i = near.targets[0]
            t.cited = cited_entry(i, references[i])
