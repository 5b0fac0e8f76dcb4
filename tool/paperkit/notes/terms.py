"""Key terms a learner must look up: the paper's named methods and systems, acronyms, and field terms.

Acronyms follow the idea of Schwartz and Hearst's abbreviation finder (a short form in parentheses whose
letters can be matched, right to left, in the words just before it); named phrases come from cues such as
"which we call X" or "referred to as X"; names are words the paper capitalises inside a sentence
(``Transformer``, ``fastText``, ``GELU``); field terms are phrases the abstract and introduction repeat
whose words are rare in ordinary English (a word-frequency list, :mod:`wordfreq`, tells them apart).
A term and its acronym are one term. Each comes with the sentence that introduces it and, when that
sentence cites a work right after the term, the work.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from paperkit.extraction.citations import CitationMarker, link_citations
from paperkit.notes.cited_entry import CitedEntry, cited_entry
from paperkit.notes.features import prose
from paperkit.records import Reference
from paperkit.text import fold, sentences

_SHORT = re.compile(r"\(([A-Za-z][A-Za-z0-9\-]{1,9}?)(s)?\)")
# Words that end a named phrase: "called batch normalization is ..." names "batch normalization".
_AFTER_TERM = (
    "and|which|that|to|for|in|or|on|of|with|by|as|is|are|was|were|has|have|had|can|could|will|would|may|"
    "might|uses?|used|does|do"
)
_NAMED = re.compile(
    # Naming cues only: a bare "term" or "name" is too often an ordinary noun ("long term dependencies").
    r"\b(?:we\s+(?:call|term|name|dub|denote)|called|termed|dubbed|named|referred\s+to\s+as|"
    r"known\s+as|coined)\s+(?:the\s+|a\s+|an\s+|as\s+|it\s+|this\s+)?"
    r"[\"“‘']?(?P<term>[A-Za-z][\w\-]*(?:\s+[\w\-]+){0,3}?)[\"”’']?"
    rf"(?=[,.;:)]|\s+(?:{_AFTER_TERM})\b)",
    re.IGNORECASE,
)
_STOP = {"the", "a", "an", "of", "for", "and", "to", "in", "on", "with", "by", "we", "our", "this", "that"}


@dataclass
class Term:
    """A term, what it stands for (acronyms), and the sentence that introduces it."""

    term: str
    expansion: str | None
    sentence: str
    cited: CitedEntry | None = None
    score: float = 0.0


def _expand(short: str, before: str) -> str | None:
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
    if not found or first in _STOP or len(found) <= len(short):
        return None
    return found


_WORDS = re.compile(r"[A-Za-z][A-Za-z\-]*[A-Za-z0-9]|[A-Za-z]")
# Words that never make a term on their own, however rare: function words and the vocabulary of papers.
_PLAIN_WORDS = (
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
    "infer infers calculate calculates compute computes "
)
_PLAIN = set(_PLAIN_WORDS.split())
# Author names are not terms: citations are taken out before names are looked for.
_CITATION = re.compile(
    r"\([^()]*\b(?:19|20)\d\d[a-z]?\)|\b[A-Z][\w\-]+(?: and [A-Z][\w\-]+| et al\.?)(?: \(\d{4}[a-z]?\))?"
)
# "BERT, which stands for Bidirectional Encoder Representations from Transformers"
_STANDS = re.compile(
    r"\b(?P<short>[A-Z][A-Za-z0-9\-]*[A-Z][A-Za-z0-9\-]*),? (?:which |that )?stands for "
    r"(?P<long>[A-Z][\w\-]*(?: [\w\-]+){0,7}?)(?=[,.;:)]|$)"
)
_POSSESSIVE = re.compile(r"(?<=\w)[’']s\b")
_RARE_WORD = 3.2  # ... and a word that is a term on its own, rarer still
_RARE = 4.0  # a word rarer than this (Zipf scale) in ordinary English is a field word
_MAX = 8


@functools.cache
def zipf(word: str) -> float:
    """How common ``word`` is in ordinary English (Zipf scale: 7 for "the", 3 for a field's word)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # wordfreq missing: treat long words as field words
        return 3.0 if len(word) > 9 else 5.0
    return float(zipf_frequency(word, "en"))


def _field_word(word: str, rare: float = _RARE) -> bool:
    w = word.lower()
    if w in _PLAIN or len(w) < 3:
        return False
    return min(zipf(part) for part in w.split("-") if part) < rare


def _norm(phrase: str) -> str:
    """The comparison key of a phrase: folded, a plural ending dropped."""
    f = fold(phrase)
    return f[:-1] if f.endswith("s") and not f.endswith("ss") else f


def _names(sent: str) -> list[str]:
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
        if (inner or rare or len(run) > 1) and not all(w.lower() in _PLAIN for w in run):
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


def _phrases(sent: str) -> list[str]:
    """Runs of up to three words, none plain, ending on a field word or containing one."""
    out = []
    run: list[str] = []
    for m in re.finditer(r"[A-Za-z][A-Za-z\-]*|[^A-Za-z\s]+", sent):
        w = m.group(0)
        if not w[0].isalpha() or w.lower() in _PLAIN or w.lower() in _STOP or (w[0].isupper() and not run):
            run = []
            continue
        run.append(w)
        for n in (1, 2, 3):
            if len(run) >= n:
                gram = run[-n:]
                # A single word must be rarer than a word of a phrase: "transduction", not "mapping".
                rare = _RARE if n > 1 else _RARE_WORD
                # A phrase ends on its noun: not on "neural" or "adaptive" ("recurrent neural" is cut off).
                adjective = n > 1 and gram[-1].lower().endswith(("al", "ive", "ous", "ful", "ic", "able"))
                if adjective:
                    continue
                # A word on its own that is a verb form ("maximizing", "trained") names no concept.
                if n == 1 and gram[0].lower().endswith(("ing", "ed", "ize", "izes", "ise", "ises")):
                    continue
                # An adverb makes a clause, not a name ("arises naturally", "evenly spaced").
                if any(x.lower().endswith("ly") and len(x) > 4 for x in gram):
                    continue
                if any(_field_word(x, rare) for x in gram) and all(x.islower() or "-" in x for x in gram):
                    out.append(" ".join(gram))
    return out


def find_terms(text: str, limit: int = _MAX, title: str = "", references: list[Reference] | None = None,
               introduction: str = "",
               markers: list[CitationMarker] | None = None) -> list[Term]:  # fmt: skip
    """The key terms of ``text`` (the abstract and introduction), most important first, each once
    (``markers``: the introduction's citation markers, when extraction linked them)."""
    sents = sentences(text)
    by_key: dict[str, Term] = {}
    counts: dict[str, int] = {}
    title_key = fold(title)
    abstract_end = len(sents)  # caller's text: abstract first; positions weigh earlier mentions more

    def add(term: str, expansion: str | None, sent: str, weight: float) -> None:
        key = _norm(term)
        if len(key) < 2:
            return
        counts[key] = counts.get(key, 0) + 1
        if key not in by_key:
            by_key[key] = Term(term, expansion, sent, score=weight)
        else:
            t = by_key[key]
            t.score += 0.5 * weight / max(1, counts[key] - 1)
            if expansion and not t.expansion:
                t.expansion, t.sentence = expansion, sent

    for idx, sent in enumerate(sents):
        if not prose(sent, min_words=4):
            continue  # an algorithm box, an equation or a list glued to a sentence: no term to quote
        early = 1.5 if idx < abstract_end // 3 + 3 else 1.0
        sent_words = _POSSESSIVE.sub("", sent)  # "a star's axis": the "s" is not a word of a term
        for m in _SHORT.finditer(sent):
            short = m.group(1)
            if sum(c.isupper() for c in short) < 2:
                continue
            expansion = _expand(short, sent[: m.start()].replace("“", "").replace("”", "").replace('"', ""))
            if expansion:
                add(short, expansion, sent, 4.0 * early)
        for m in _NAMED.finditer(sent):
            words = m.group("term").strip(" -").split()
            while words and words[-1].lower() in _STOP:
                words.pop()
            term = " ".join(words)
            if len(term) >= 3 and term.lower() not in _STOP:
                add(term, None, sent, 4.0 * early)
        for m in _STANDS.finditer(sent):
            add(m.group("short"), m.group("long"), sent, 4.0 * early)
        for name in _names(_CITATION.sub(" ", sent_words)):
            add(name, None, sent, 1.5 * early)
        for phrase in _phrases(sent_words):
            add(phrase, None, sent, (0.8 + 0.4 * phrase.count(" ")) * early)
    head = title_head(title)
    if head:
        # The paper's own name for its method, as its title leads with it, where the text says it.
        said = next((x for x in sents if fold(head) in fold(x) and prose(x, min_words=4)), None)
        if said is not None:
            add(head, None, said, 4.0)
    return _finish(by_key, counts, title_key, limit, references, introduction, markers)


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
    if any(w.lower() in _STOP for w in words) or words[0].lower().endswith("ing"):
        return None
    if all(w.lower() in _PLAIN for w in words) or (head.isupper() and len(words) > 1):
        return None
    return head


def _finish(by_key: dict[str, Term], counts: dict[str, int], title_key: str, limit: int,
            references: list[Reference] | None, introduction: str,
            markers: list[CitationMarker] | None = None) -> list[Term]:  # fmt: skip
    # An acronym and its expansion are one term; a phrase inside a longer term seen as often is that term.
    for t in list(by_key.values()):
        if t.expansion:
            long_key = _norm(t.expansion)
            if long_key in by_key and by_key[long_key] is not t:
                t.score += by_key.pop(long_key).score
    for key, t in by_key.items():
        t.score *= 1.0 + min(counts[key], 6) / 3
        if key and key in title_key:
            t.score *= 2.0
    ranked = sorted(by_key.items(), key=lambda kv: -kv[1].score)
    authors = _surnames(references or [])
    chosen: list[tuple[str, Term]] = []
    for key, t in ranked:
        if not t.expansion and key in authors and not any(c.isupper() for c in t.term[1:]):
            continue  # "as Huang [11] showed": an author of a cited work, not a term
        if counts[key] < 2 and not t.expansion and t.score < 4.0:
            continue  # said once, without a naming cue: not a term the paper leans on
        clash = next(
            (c for c in chosen if key in c[0] or c[0] in key or key in _norm(c[1].expansion or "-")), None
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
        if len(chosen) == limit:
            break
    terms = [t for _, t in chosen]
    if references and introduction:
        _link_sources(terms, references, introduction, markers)
    return terms


def _surnames(references: list[Reference]) -> set[str]:
    """The folded surnames of the cited works' authors (a name printed before "[11]" is one of them)."""
    out = set()
    for r in references:
        for a in r.authors:
            words = [w for w in re.split(r"[\s,.]+", a) if len(w) > 1]
            if words:
                out.add(_norm(words[-1]))
    return out


def _link_sources(
    terms: list[Term],
    references: list[Reference],
    introduction: str,
    markers: list[CitationMarker] | None = None,
) -> None:
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
        if near is not None:
            i = near.targets[0]
            if 0 <= i < len(references):
                t.cited = cited_entry(i, references[i])
