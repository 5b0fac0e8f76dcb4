"""Citation markers in running text, linked to reference-list entries.

Finds numeric markers ('[7]', '[3, 5-7]'), alphanumeric labels ('[KW13]'), author-year groups
('(Bengio et al., 2015; Hinton, 2012)', '[Ioffe and Szegedy, 2015]'), narrative citations
('Bengio et al. (2015)') and, when a text has nothing else, superscript numbers ('chains.2 While').
:func:`link_citations` resolves them against the parsed reference list; :func:`cited_works` and
:func:`paragraphs` are what the study note builds on.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from paperkit.extraction.entries import clean_entry, name_words, parse_reference
from paperkit.extraction.marker_forms import (
    Candidate,
    Item,
    Style,
    View,
    candidates,
    display_view,
    match_view,
)
from paperkit.records import CitationLink, Reference
from paperkit.text import fold, sentences


@dataclass
class CitationMarker:
    """One citation marker as printed; ``targets`` are 0-based indices into the reference list."""

    text: str
    start: int  # offsets into the text that was searched
    end: int
    style: Style
    sentence: str
    targets: list[int] = field(default_factory=list)


@dataclass
class CitedWork:
    """A reference-list entry as a text cites it: where first, in which sentence, with which markers."""

    index: int  # 0-based position in the reference list
    reference: Reference
    sentence: str  # the first sentence that cites it
    markers: list[str]  # every marker text that points to it, in order
    order: int  # 0 for the first work mentioned, 1 for the next, ...


# --- a view of the text with offsets back into the original ---------------------------------------------


@dataclass
class _Entry:
    first: list[str]  # folded words of the first author's name
    second: list[str]
    n_authors: int
    year: str  # '' when unknown
    head: list[str]  # folded words before the year: a fallback when no authors were parsed


def _entry(ref: Reference) -> _Entry:
    authors = ref.authors
    year = ref.year or ""
    text = clean_entry(ref.text)
    head_text = text.split(year[:4], 1)[0] if year else text[:80]
    return _Entry(
        first=name_words(authors[0]) if authors else [],
        second=name_words(authors[1]) if len(authors) > 1 else [],
        n_authors=len(authors),
        year=year,
        head=[fold(w) for w in re.split(r"[\s,.\-]+", head_text[:120]) if fold(w)],
    )


def _is_suffix(words: list[str], of: list[str]) -> bool:
    return bool(words) and len(words) <= len(of) and of[len(of) - len(words) :] == words


def _score(entry: _Entry, first: list[str], second: list[str] | None, et_al: bool, year: str) -> int:
    """How well an entry fits 'first [and second] [et al.] (year)'; 0 when it does not."""
    if entry.year and entry.year[:4] != year[:4]:
        return 0
    if entry.year != year and entry.year[4:] and year[4:]:
        return 0  # 2014a vs 2014b
    if _is_suffix(first, entry.first):
        score = 6
    elif first and all(w in entry.head for w in first) and not entry.first:
        score = 3  # authors not parsed: the name is in the entry's opening
    else:
        return 0
    # An entry whose year was lost (a cut-off entry) can still match on names, after any dated one.
    score += 2 if entry.year == year else 1 if entry.year else -1
    if second is not None:
        score += 2 if _is_suffix(second, entry.second) else -2
        score += entry.n_authors == 2
    elif et_al:
        score += entry.n_authors >= 3 or entry.n_authors == 0
    else:
        score += entry.n_authors == 1
    return score


def _words(name: str) -> list[str]:
    return [w for w in (fold(x) for x in re.split(r"[\s\-]+", name)) if w]


def _resolve_year(entries: list[_Entry], item: Item, year: str, first: list[str]) -> int | None:
    second = _words(item.names[1]) if len(item.names) == 2 else None
    scores = [_score(e, first, second, item.et_al, year) for e in entries]
    best = max(scores, default=0)
    if best <= 0:
        return None
    tied = [i for i, s in enumerate(scores) if s == best]
    letter = year[4:]
    if len(tied) > 1 and letter and not entries[tied[0]].year[4:]:
        # Letter suffixes not printed in the list: the a/b order follows the list order.
        k = ord(letter) - ord("a")
        return tied[k] if k < len(tied) else None
    return tied[0]


def _resolve_item(entries: list[_Entry], item: Item) -> tuple[list[int], int]:
    """Entry indices for each year of the item, and how many leading name words were not part of the
    name (a capitalised word before a narrative citation: 'Unlike Radford et al.')."""
    words = _words(item.names[0]) if item.names else []
    for skip in range(len(words)):
        first = words[skip:]
        hits = [_resolve_year(entries, item, y, first) for y in item.years]
        if any(h is not None for h in hits):
            return [h for h in hits if h is not None], skip
    return [], 0


def _number_index(refs: list[Reference]) -> dict[int, int]:
    out: dict[int, int] = {}
    for i, ref in enumerate(refs):
        m = re.search(r"\d+", ref.label or "")
        if m:
            out.setdefault(int(m[0]), i)
    return out


def _dedupe(xs: list[int]) -> list[int]:
    return list(dict.fromkeys(xs))


def _link(
    cand: Candidate, refs: list[Reference], entries: list[_Entry], numbers: dict[int, int], text: str
) -> bool:
    """Fill the candidate's targets; False when it should not count as a citation at all."""
    if cand.unresolved:
        cand.numbers = []
        return True
    if cand.numbers:
        if any(n > len(refs) and n not in numbers for n in cand.numbers):
            return False  # a numeric marker must point into the list
        cand.numbers = _dedupe([numbers.get(n, n - 1) for n in cand.numbers])
        return True
    if cand.labels:
        by_label = {(r.label or "").strip("[] "): i for i, r in enumerate(refs)}
        cand.numbers = _dedupe([by_label[x] for x in cand.labels if x in by_label])
        return bool(cand.numbers)
    targets: list[int] = []
    strong = False
    for item in cand.items:
        hits, skip = _resolve_item(entries, item)
        targets.extend(hits)
        strong = strong or item.strong
        if cand.narrative and skip:
            cand.start = _skip_words(text, cand.start, skip)
    cand.numbers = _dedupe(targets)
    return bool(targets) or strong


_WORD = re.compile(r"\S+\s+")


def _skip_words(text: str, pos: int, skip: int) -> int:
    """Start of a narrative marker after dropping ``skip`` words that turned out not to be the name."""
    for _ in range(skip):
        m = _WORD.match(text, pos)
        if not m:
            break
        pos = m.end()
    return pos


# --- sentences ----------------------------------------------------------------------------------------


class _Sentences:
    """Sentence spans of a text (by :func:`paperkit.text.sentences`), looked up by original offsets."""

    def __init__(self, display: View) -> None:
        self.display = display
        self.starts: list[int] = []
        self.items: list[str] = []
        cursor = 0
        for s in sentences(display.text):
            at = display.text.find(s, cursor)
            if at < 0:
                continue
            self.starts.append(at)
            self.items.append(s)
            cursor = at + len(s)

    def around(self, start: int) -> str:
        # display offset of the original offset ``start``
        d = bisect_right(self.display.pos, start) - 1
        i = bisect_right(self.starts, max(d, 0)) - 1
        return clean_entry(self.items[i]) if 0 <= i < len(self.items) else ""


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds the span start..end ('et al.', 'e.g.', 'i.e.', 'Fig.', 'Eq.' and
    initials do not end a sentence), on one line with hyphenation undone."""
    del end  # a marker never spans a sentence boundary; its start decides
    return _Sentences(display_view(text)).around(start)


# --- public API ---------------------------------------------------------------------------------------


def _markers(text: str, refs: list[Reference] | None) -> list[CitationMarker]:
    display = display_view(text)
    view = match_view(display)
    numbered = refs is not None and bool(refs) and all(re.fullmatch(r"\d+\.?", r.label or "1") for r in refs)
    cands = candidates(view, len(refs) if refs is not None else None, numbered)
    if refs is not None:
        parsed = [r if r.authors or r.year else parse_reference(r) for r in refs]
        entries = [_entry(r) for r in parsed]
        numbers = _number_index(refs)
        cands = [c for c in cands if _link(c, refs, entries, numbers, view.text)]
    else:
        cands = [c for c in cands if _plausible(c)]
        for c in cands:
            if c.narrative and c.items:
                # No list to tell a name from a sentence opening ('As Bengio et al.'): keep its last word.
                words = c.items[0].names[0].split()
                keep = len(words) - 1
                while keep > 0 and words[keep - 1].islower():
                    keep -= 1  # particles: 'van der Maaten'
                c.start = _skip_words(view.text, c.start, keep)
    sents = _Sentences(display)
    out: list[CitationMarker] = []
    for c in cands:
        start, end = view.span(c.start, c.end)
        targets = c.numbers if refs is not None else []
        marker_text = clean_entry(text[start:end])
        out.append(CitationMarker(marker_text, start, end, c.style, sents.around(start), list(targets)))
    return out


def _plausible(cand: Candidate) -> bool:
    """Without a reference list: author-year spans only when they look like names."""
    if cand.style != "author-year" or cand.unresolved:
        return True
    return any(it.strong for it in cand.items)


def find_markers(text: str) -> list[CitationMarker]:
    """Citation markers in ``text`` in reading order, unresolved (``targets`` empty)."""
    return _markers(text, None)


def link_citations(text: str, references: list[Reference]) -> list[CitationMarker]:
    """Citation markers in ``text`` with their targets in ``references`` (0-based indices): numeric markers
    by label number or position, author-year markers by first-author surname and year."""
    return _markers(text, references)


def stored_markers(text: str, links: list[CitationLink]) -> list[CitationMarker]:
    """The markers extraction linked in ``text`` (a section's ``citations``), as :class:`CitationMarker`
    with their sentences: the links are used as stored, not found again. A link that does not say where it
    stands is looked for by its text after the one before; one not found is left out."""
    links = place_links(text, [replace(c) for c in links])
    sents = _Sentences(display_view(text)) if any(not c.sentence for c in links) else None
    out: list[CitationMarker] = []
    for link in links:
        if link.at is not None and 0 <= link.at <= len(text):
            at, end = link.at, link.at + len(link.marker)
            sentence = link.sentence or (sents.around(at) if sents else "")
            out.append(CitationMarker(link.marker, at, end, "stored", sentence, list(link.targets)))
    return out


def place_links(text: str, links: list[CitationLink]) -> list[CitationLink]:
    """Set where each link's marker stands in ``text`` when the link does not say: its text looked for
    after the one before (markers are linked in reading order). Returns ``links``."""
    cursor = 0
    for link in links:
        if link.at is None and link.marker:
            found = text.find(link.marker, cursor)
            link.at = found if found >= 0 else None
        if link.at is not None:
            cursor = link.at + len(link.marker)
    return links


def place_sentences(text: str, links: list[CitationLink]) -> list[CitationLink]:
    """Set each placed link's sentence (on one line), so that the note need not split the text again."""
    placed = [c for c in place_links(text, links) if c.at is not None and not c.sentence]
    if placed:
        sents = _Sentences(display_view(text))
        for c in placed:
            c.sentence = sents.around(c.at or 0)
    return links


def cited_works(
    text: str, references: list[Reference], markers: list[CitationMarker] | None = None
) -> list[CitedWork]:
    """The works ``text`` cites, in order of first mention, each with its first citing sentence
    (``markers``: the text's markers when they are known, e.g. :func:`stored_markers`)."""
    works: dict[int, CitedWork] = {}
    for marker in link_citations(text, references) if markers is None else markers:
        for t in marker.targets:
            if not 0 <= t < len(references):
                continue
            if t not in works:
                works[t] = CitedWork(t, references[t], marker.sentence, [], len(works))
            works[t].markers.append(marker.text)
    return sorted(works.values(), key=lambda w: w.order)


_PARA_END = re.compile(r"[.!?:][\"'”’)\]]*\s*$")


def paragraphs(text: str) -> list[str]:
    """Split a section's text into paragraphs: at blank lines when it has them (joining a paragraph that a
    page or column break cut), else at short lines that end a sentence."""
    if re.search(r"\n\s*\n", text):
        chunks = [c.strip() for c in re.split(r"\n\s*\n", text) if c.strip()]
        out: list[str] = []
        for c in chunks:
            if out and not _PARA_END.search(out[-1]) and c[:1].islower():
                out[-1] = out[-1] + " " + c
            else:
                out.append(c)
        return out
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 3:
        return [text.strip()] if text.strip() else []
    width = sorted(len(ln.rstrip()) for ln in lines)[int(0.9 * (len(lines) - 1))]
    out, current = [], []
    for ln in lines:
        current.append(ln.strip())
        if _PARA_END.search(ln) and len(ln.rstrip()) < 0.8 * width:
            out.append("\n".join(current))
            current = []
    if current:
        out.append("\n".join(current))
    return out
