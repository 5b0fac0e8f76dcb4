"""Related ideas: the related-work section as a few topics, the works each cites, and how the paper differs.

The section is read as the author wrote it: numbered sub-headings and run-in titles name topics; a
paragraph broken by a float or a page is joined again; a paragraph that opens on the paper itself is its
difference from the work just discussed; paragraphs on the same topic become one item.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from paperkit.extraction.citations import CitationMarker, link_citations, paragraphs
from paperkit.notes.cited_entry import CitedEntry, cited_entry
from paperkit.notes.features import SIGNPOST
from paperkit.notes.terms import find_terms
from paperkit.records import Reference
from paperkit.text import fold, sentences, squash

PLACEHOLDER = "Further related work"
MAX_TOPIC_WORDS = 8


@dataclass
class RelatedIdea:
    """One topic of related work: the works cited on it and how this paper differs from them."""

    topic: str
    works: list[CitedEntry] = field(default_factory=list)
    differs: list[str] = field(default_factory=list)


# Sentences in which a paper sets itself apart from the work it discusses.
_CONTRAST = re.compile(
    r"\b(unlike|in contrast|by contrast|in comparison|compared (to|with)|differs?|different from|whereas|"
    r"instead|rather than|on the other hand|to (the best of )?our knowledge|(is|are) the first|"
    r"our (approach|method|model|work|proposed|algorithm)|we (propose|use|consider|"
    r"show|do not|don't|instead|differ|focus)|this (paper|work)|here we|in this (paper|work))\b",
    re.IGNORECASE,
)
# How a paper marks the sentences where it compares itself with others: a contrast cue, said of itself.
_SELF = re.compile(r"\b(we|our|ours|us|this (paper|work|approach|method)|here)\b", re.IGNORECASE)
# A contrast that opens a sentence ("In comparison to X, our ...") points back at the work just discussed.
_CONTRAST_OPENING = re.compile(
    r"^(unlike|in contrast|by contrast|in comparison|compared (to|with)|as opposed to|whereas|"
    r"on the other hand)\b",
    re.IGNORECASE,
)
# A run-in paragraph title: "Residual Representations. …" or "RMSProp: …".
_RUN_IN = re.compile(r"^([A-Z][\w\-/&’' ]{1,60}?)[.:]\s+(?=[A-Z])")
# A numbered sub-heading standing as a paragraph: "4.1 GRAPH-BASED LEARNING", "2.2 Trust Region Methods".
_HEADING = re.compile(r"^\d+(\.\d+)+\.?\s+([A-Z][A-Za-z][\w\-/&,’' ]{1,80})$")
# "Our work is also related to X", "this paper relates closely to the large body of work on X".
_RELATES = re.compile(
    r"\b(?:relates?|related|is based|builds?|draws?(?: inspiration)?)\s+(?:\w+ly\s+)?(?:to|on|upon|from)\s+"
    r"(?:(?:the|a)\s+)?(?:(?:large|growing|rich|long)\s+)?(?:(?:body|line|field)\s+of\s+)?"
    r"(?:(?:recent|prior|previous)\s+)?(?:(?:work|research|literature)\s+(?:on|in)\s+)?(.+)$",
    re.IGNORECASE,
)

# A title standing as its own paragraph: "Kademlia DHT", "Prior work in robot learning", "S/Kademlia DHT".
_UNNUMBERED = re.compile(r"[A-Z][\w\-/&’']*(?: [\w\-/&’']+){0,7}")
# A sentence that likens the paper to other work says how it is alike, not how it differs ...
_ALIKE = re.compile(
    r"\b(?:similar(?:ly)?|in (?:the same|a similar) (?:spirit|vein|way)|akin to|in line with|inspired by|"
    r"follow(?:s|ed|ing)?|builds? (?:on|upon)|analogous|resembl\w+|like (?:them|theirs|these|those))\b",
    re.IGNORECASE,
)
# ... unless it also says what is different.
_UNLIKE = re.compile(
    r"\b(?:unlike|in contrast|by contrast|whereas|instead|rather than|differ\w*|different|however|but|not|"
    r"only|without|beyond|extend\w*|generali[sz]\w*|improv\w+|outperform\w*|better|more|less|fewer)\b",
    re.IGNORECASE,
)
_QUOTED_TERM = re.compile(r"[“\"]([A-Za-z][\w\- ]{2,40}?)[”\"]")
_CITE = re.compile(r"\s*(\[[^\]]*\]|\([^()]*\d{4}[a-z]?\))")
# A sentence opening on a citation: "[13] proposed …", "Smith et al. (2019) introduced …".
_CITED_SUBJECT = re.compile(
    r"^(?:\[[^\]]*\]|[A-Z][\w\-’']+(?: et al\.?| and [A-Z][\w\-’']+)? \(\d{4}[a-z]?\))\s+"
    r"(?:\w+ly\s+)?(?:proposed?|introduced?|presented?|developed?|studied|describes?|described|used|uses)\s+(.+)$"
)
# Where a sentence's subject ends: its first verb (a small closed list covers how papers open paragraphs).
_VERB = re.compile(
    r"\b(is|are|was|were|has|have|had|can|could|may|might|will|would|should|do|does|did|uses?|used|"
    r"proposed?|propos\w+|introduced?|present(s|ed)?|show(s|ed)?|appl(y|ies|ied)|learns?|relies|rely|"
    r"consists?|allows?|aims?|employs?|achieves?|focus(es)?|includ\w+|rang\w+|form\w*|exist\w*|"
    r"remains?|tackle\w*|addresses|address|stud\w+|explore\w*|provide\w*|generat\w+|attempt\w*|"
    r"builds?|measures?|extends?)\b",
    re.IGNORECASE,
)
_OPENERS = re.compile(
    r"^(in (contrast|addition|particular|practice|recent years|the past)|however|moreover|also|similarly|"
    r"for (instance|example)|in this (line|vein)|along (these|this) lines?|\w+ly(?=,)|"
    r"furthermore|recently|more recently|finally|there (is|are|has been|have been)( a| much| some)?( "
    r"(large|long|rich|growing|rising) (body|line|history|interest))?( of| in)?( (work|research|literature))?"
    r"( on)?)\b[ ,]*",
    re.IGNORECASE,
)
# A generic head ("a similar approach of X", "the goal of X") gives way to what it is of.
_GENERIC_HEAD = re.compile(
    r"^(?:the|a|an)?\s*(?:\w+(?:ar|ed|nt|ve)\s+)?(?:approach|method|idea|goal|aim|notion|concept|problem|"
    r"task|family|class|line)\s+(?:of|to)\s+",
    re.IGNORECASE,
)
# Nouns that only say "a kind of work": as a subject they name nothing; in "X is Y" the topic is Y.
_GENERIC_WORDS = "direction directions approach approaches method methods work works idea ideas area areas"
_GENERIC = set(_GENERIC_WORDS.split())
# An alias in apposition is not part of the topic: "Self-attention, sometimes called intra-attention".
_ALIAS = re.compile(r",\s*(?:sometimes |also |often )?(?:called|known as|termed|or)\b.*$", re.IGNORECASE)

_NOT_FIRST_WORDS = (
    "we our this these those it they such and but since for although here during there in as with while "
    "when to by because unlike like following other another some many most one two its their his her "
    "all both each more recently"
)
_NOT_FIRST = set(_NOT_FIRST_WORDS.split())
_NOT_LAST_WORDS = "that which the a an of to in on for and or with by as been be its their this these"
_NOT_LAST = set(_NOT_LAST_WORDS.split())
_TRAILING_ADVERBS = re.compile(
    r"(\s+(also|often|recently|further|then|first|thus|therefore))+$", re.IGNORECASE
)
_STOP_WORDS = (
    "a an the of to in on for and or with by as is are was were be been that which this these those it its "
    "we our their they from at into than such can also not only each both all other more most between over "
    "under about through via without within per et al"
)
_STOP = set(_STOP_WORDS.split())


def _tidy(phrase: str) -> str:
    """A topic as shown: no alias, no trailing punctuation, first letter capital, never over the word cap."""
    phrase = _ALIAS.sub("", phrase).strip(" ,;:.")
    if not phrase or len(phrase.split()) > MAX_TOPIC_WORDS:
        return ""
    return phrase[0].upper() + phrase[1:]


def _noun_phrase(text: str, max_words: int = 7) -> str:
    """``text`` up to its first clause break (comma, citation, relative pronoun, "to" + verb)."""
    text = _CITE.split(text, 1)[0]
    cut = re.split(
        r",|;|:|\.\s|\b(?:that|which|where|who|whose|to|in order|such as|by|since|because)\b", text
    )
    words = _GENERIC_HEAD.sub("", cut[0].strip()).split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if not 1 <= len(words) <= max_words or words[-1].lower() in _NOT_LAST:
        return ""
    return " ".join(words)


def _subject(sentence: str) -> str:
    """The noun phrase a sentence opens with, before its verb and citations: what the sentence is about."""
    cited = _CITED_SUBJECT.match(_OPENERS.sub("", sentence).strip())
    if cited:  # "[13] proposed an online algorithm …": the topic is what the cited work proposed
        return _noun_phrase(cited.group(1))
    text = _OPENERS.sub("", _CITE.sub("", sentence)).strip(" ,;:")
    verb = _VERB.search(text)
    while verb and re.fullmatch(r"(?:the|a|an)?\s*(?:\w+ly)?\s*", text[: verb.start()], re.IGNORECASE):
        if verb.start() == 0:
            return ""
        verb = _VERB.search(text, verb.end())  # "the recently proposed X is …": a participle as adjective
    if verb is None:
        return ""
    phrase = _TRAILING_ADVERBS.sub("", _ALIAS.sub("", text[: verb.start()].strip(" ,;:")))
    phrase = _GENERIC_HEAD.sub("", phrase)
    phrase = re.sub(r"^(?:the|a|an)\s+(?:\w+ly\s+)?\w+ed\s+(?=\S+\s)", "", phrase, flags=re.IGNORECASE)
    words = phrase.split()
    if words and words[-1].lower() in _GENERIC and verb.group(1).lower() in ("is", "are"):
        # "The first relevant direction is using intermediate steps …": the topic is the complement.
        return _noun_phrase(text[verb.end() :])
    if not 1 <= len(words) <= 7 or words[0].lower() in _NOT_FIRST or words[-1].lower() in _NOT_LAST:
        return ""
    phrase = " ".join(words).strip(" ,;:.")
    bare = re.sub(r"\s*\([A-Z][\w\-]*\)", "", phrase)  # "Deep belief networks (DBNs)": the acronym may stay
    if (
        "et al" in phrase
        or _SELF.search(phrase)
        or not re.fullmatch(r"[A-Za-z][A-Za-z\-’', ]*", bare)
        or any(not any(c.isalpha() for c in w) or len(w) == 1 for w in bare.split())
    ):
        return ""
    if len(words) == 1 and words[0].istitle():
        return ""  # a lone capitalised word is an author's name more often than a topic
    if words[-1].lower() in _GENERIC:
        return ""
    return phrase


def _repeated_name(text: str) -> str:
    """The thing a paragraph keeps naming: a name or a two-word phrase said at least twice, the most often."""
    counts: Counter[str] = Counter()
    for sentence in sentences(_CITE.sub("", text)):
        words = re.findall(r"[A-Za-z][\w\-]*", sentence)
        for i, w in enumerate(words):
            # A name has capitals inside (CamelCase, acronyms); a sentence's first word is no name.
            if i and any(c.isupper() for c in w[1:]) and w.lower() not in _STOP:
                counts[w] += 1
            pair = words[i : i + 2]
            if len(pair) == 2 and all(len(x) > 2 and x.isalpha() and x.lower() not in _STOP for x in pair):
                counts[" ".join(pair).lower()] += 1
    found = [(n, k) for k, n in counts.items() if n >= 2]
    return min(found, key=lambda nk: (-nk[0], -len(nk[1].split())))[1] if found else ""


def _self_opening(sentence: str) -> bool:
    """Whether a sentence opens on the paper itself: its contrast or its subject is the paper's own."""
    if not (_CONTRAST.search(sentence) and _SELF.search(sentence)):
        return False
    text = _OPENERS.sub("", sentence).strip()
    verb = _VERB.search(text)
    return bool(_CONTRAST_OPENING.match(text) or _SELF.search(text[: verb.start()] if verb else text))


def _topic(text: str, heading: str = "") -> tuple[str, bool]:
    """The topic of a paragraph ("" when it only states the paper's difference from the work before it)
    and whether it opens on the paper itself.

    In order: its run-in title, the numbered sub-heading it stands under, what the paper says it relates
    to, the term its first sentence quotes, the noun phrase that sentence is about, the name the paragraph
    keeps repeating, its first key term; never its first words cut off.
    """
    run_in = _RUN_IN.match(text)
    if run_in and len(run_in.group(1).split()) <= 6:
        return run_in.group(1), False
    if heading:
        return heading, False
    sents = sentences(text)
    first = sents[0] if sents else ""
    if _self_opening(first):
        relates = _RELATES.search(_CITE.sub("", first).rstrip(" ."))
        topic = _tidy(_noun_phrase(relates.group(1))) if relates else ""
        return topic, True
    quoted = _QUOTED_TERM.search(first)
    if quoted and len(quoted.group(1).split()) <= 5:
        return quoted.group(1).strip(), False
    terms = find_terms(text, limit=3)
    for candidate in (_subject(first), _repeated_name(text)):
        # A repeated acronym is shown with its expansion when the paragraph spells it out.
        spelled = [
            t for t in terms if t.expansion and fold(t.term) in (fold(candidate), fold(candidate) + "s")
        ]
        if spelled:
            candidate = f"{spelled[0].expansion} ({spelled[0].term})"
        if _tidy(candidate):
            return _tidy(candidate), False
    if terms:
        t = terms[0]
        named = _tidy(f"{t.expansion} ({t.term})" if t.expansion else t.term)
        if named:
            return named, False
    return PLACEHOLDER, False


def _table_like(text: str) -> bool:
    """A table row or figure text read as a paragraph: mostly numbers and short tokens, few sentences."""
    tokens = text.split()
    numeric = sum(1 for t in tokens if any(c.isdigit() for c in t))
    return numeric > 0.3 * len(tokens) or not any(c in text for c in ".;:")


def _title_case(text: str) -> bool:
    """Every word as a title prints it: lower case, Capitalised or an acronym ("SBERTbase" is a cell)."""
    parts = [p for p in re.split(r"[\s/\-]+", text) if p]
    return all(p.islower() or p.isupper() or (p[:1].isupper() and p[1:].islower()) for p in parts)


def _heading(text: str) -> str:
    r"""A sub-heading's title, capitals made sentence case ("4.1 GRAPH-BASED" → "Graph-based"): numbered,
    or a line of its own that reads as a title (a LaTeX ``\subsection`` or ``\paragraph``, an unnumbered
    heading in a PDF: a few capitalised words, no sentence's end, no citation)."""
    m = _HEADING.match(text)
    title = m.group(2).strip() if m else ""
    if not m and _UNNUMBERED.fullmatch(text) and any(len(w) > 2 for w in text.split()) and _title_case(text):
        title = text.strip()
    if not title or len(title.split()) > MAX_TOPIC_WORDS:
        return ""
    return title[0] + title[1:].lower() if title.isupper() else title


def _paragraph_starts(text: str, paras: list[str]) -> list[int]:
    """Where each paragraph begins in ``text`` (paragraphs are in order and start with text of their own)."""
    starts, cursor = [], 0
    for para in paras:
        head = para.split("\n", 1)[0][:40]
        at = text.find(head, cursor)
        starts.append(at if at >= 0 else cursor)
        cursor = max(cursor, at + len(head)) if at >= 0 else cursor
    return starts


@dataclass
class _Block:
    """A paragraph as the author wrote it (joined again where a float cut it), with what it cites."""

    text: str
    heading: str
    targets: dict[int, None]


def _blocks(
    related_work: str, references: list[Reference], markers: list[CitationMarker] | None = None
) -> list[_Block]:
    """The section's paragraphs with their citations; sub-headings become the heading of what follows and
    float debris (figure labels, table rows) drops out without breaking the paragraph it interrupted."""
    paras = paragraphs(related_work)
    starts = _paragraph_starts(related_work, paras)
    if markers is None:  # once over the section, then shared out
        markers = link_citations(related_work, references)
    blocks: list[_Block] = []
    heading = ""
    for i, para in enumerate(paras):
        text = squash(para)
        end = starts[i + 1] if i + 1 < len(starts) else len(related_work) + 1
        targets: dict[int, None] = {}
        for m in markers:
            if starts[i] <= m.start < end:
                targets.update(dict.fromkeys(m.targets))
        if _heading(text):
            heading = _heading(text)
            continue
        if len(text.split()) < 8 or _table_like(text):
            continue
        # A paragraph starting in lower case, or after one stopped mid-sentence, is that one cut by a float.
        if blocks and (not re.search(r"[.!?][\"'”’)\]]*$", blocks[-1].text) or text[:1].islower()):
            blocks[-1].text += " " + text
            blocks[-1].targets.update(targets)
            continue
        blocks.append(_Block(text, heading, targets))
    return blocks


def related_ideas(
    related_work: str, references: list[Reference], markers: list[CitationMarker] | None = None
) -> list[RelatedIdea]:
    """The related-work section as topics: one item per topic, in the order first discussed, each with the
    works cited on it and the sentences where the paper sets itself apart; items saying neither are left out
    (``markers``: the section's markers as extraction linked them).
    """
    ideas: list[RelatedIdea] = []
    by_topic: dict[str, RelatedIdea] = {}
    for block in _blocks(related_work, references, markers):
        works = [cited_entry(t, references[t]) for t in block.targets if 0 <= t < len(references)]
        differs = [
            s
            for s in sentences(block.text)
            if _CONTRAST.search(s)
            and _SELF.search(s)
            and not SIGNPOST.search(s)
            and not (_ALIKE.search(s) and not _UNLIKE.search(s))
        ]
        topic, on_itself = _topic(block.text, block.heading)
        if on_itself and not works and not any(i.works for i in ideas):
            continue  # the section's lead-in: the paper speaking of itself before any work is named
        if on_itself and not topic and ideas:  # the paper's difference from the work just discussed
            idea = ideas[-1]
        else:
            topic = topic or PLACEHOLDER
            key = fold(topic)  # unnamed paragraphs share the one placeholder item: no topic is shown twice
            idea = by_topic.get(key) or RelatedIdea(topic=topic)
            if key not in by_topic:
                by_topic[key] = idea
                ideas.append(idea)
        seen = {w.number for w in idea.works}
        idea.works += [w for w in works if w.number not in seen]
        idea.differs += [d for d in differs if d not in idea.differs and fold(d) != fold(idea.topic)]
    kept = [i for i in ideas if i.works or i.differs]
    for idea in kept:
        idea.differs = idea.differs[:2]
    return kept
