"""Fit the note's reading part on one screen: the idea in one breath, the roles, the contributions.

The reading part (from the title to "Background to look up") should take a small share of the time
the abstract and introduction take: at most :data:`SHARE` of their words, never more than :data:`CAP`
and always :data:`FLOOR` (see :func:`budget`). The contributions list is kept whole (it is the paper's
own summary); the role bullets give way, the least certain first, but every role keeps its surest
bullet. A bullet that restates the one-breath sentence, a contribution or another bullet is dropped
first: the reader would read it twice.
"""

from __future__ import annotations

import re

from paperkit.notes.contributions import Contribution
from paperkit.notes.roles import ROLES, Roles
from paperkit.notes.terms import zipf

CAP = 300  # words of the reading part, whatever the paper's length
FLOOR = 200  # words it may always take: below this a note would drop what the reader came for
SHARE = 0.50  # of the abstract's and introduction's words (the median note stays under 0.40)
OVERHEAD = 45  # the part's headings, byline, links and the closing line
ORDER = 0.2  # how much an earlier bullet (the abstract comes first) is preferred, in probability
_SAME = 0.6  # share of a bullet's content words already said elsewhere that makes it a repeat
_COMMON = 5.8  # Zipf frequency of "which", "also", "these": words this common are not content
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]+")


def words(text: str) -> int:
    """Words a reader reads in ``text``."""
    return len(text.split())


def _content(text: str) -> set[str]:
    # Words as common as "which" or "also" in English (a word-frequency list tells) carry no content.
    return {w for w in (x.lower() for x in _WORD.findall(text)) if zipf(w) < _COMMON}


def repeats(sentence: str, said: list[str]) -> bool:
    """Whether most of ``sentence``'s content words are in one of the sentences already ``said``."""
    mine = _content(sentence)
    if not mine:
        return False
    return any(len(mine & _content(s)) >= _SAME * len(mine) for s in said if s != sentence)


def budget(source_words: int) -> int:
    """Words the reading part may take for an abstract and introduction of ``source_words`` words: a
    share of them, at least :data:`FLOOR` (a short paper still gets its roles) and at most :data:`CAP`."""
    return max(FLOOR, min(CAP, int(SHARE * source_words)))


def condense(roles: Roles, contributions: list[Contribution], source_words: int, title: str = "") -> Roles:
    """``roles`` cut to the reading part's budget: repeats out first, then the least certain bullets."""
    said = roles.breath[:1] + [c.text for c in contributions] + [i for c in contributions for i in c.items]
    kept = {r: [s for s in getattr(roles, r) if not repeats(s, said)] for r in ROLES}
    for r in ROLES:  # nor twice within a role: the surer of two restatements stays
        sure = sorted(kept[r], key=lambda s: -roles.confidence.get(s, 0.0))
        kept[r] = [s for s in kept[r] if not repeats(s, sure[: sure.index(s)])]
    for r in ROLES:  # a role keeps one bullet even when it repeats: its heading must not stand empty
        if not kept[r] and getattr(roles, r):
            kept[r] = getattr(roles, r)[:1]
    fixed = OVERHEAD + words(title) + sum(words(s) for s in said)
    room = budget(source_words) - fixed

    # Each role's surest bullet stays; the others compete for the room left, surest first.
    def rank(r: str, s: str) -> float:
        return roles.confidence.get(s, 0.0) - kept[r].index(s) * ORDER

    firsts = {r: max(kept[r], key=lambda s: rank(r, s)) for r in ROLES if kept[r]}
    room -= sum(words(s) for s in firsts.values())
    rest = sorted(
        ((rank(r, s), r, s) for r in ROLES for s in kept[r] if s != firsts.get(r)),
        key=lambda t: -t[0],
    )
    chosen = set(firsts.values())
    for _, _, s in rest:
        if words(s) <= room:
            chosen.add(s)
            room -= words(s)
    out = Roles(breath=roles.breath, confidence=roles.confidence)
    for r in ROLES:
        getattr(out, r).extend(s for s in kept[r] if s in chosen)  # reading order kept
    return out
