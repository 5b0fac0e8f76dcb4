"""The introduction's list of contributions, whole: its items in order, sub-items nested under their item.

Printed lists ("• …", "(1) …", "1) …", with "(a)"/"(i)" sub-items) and prose sequences ("First, we …
Second, … Finally, …") are both read; a sequence is kept together, never cut to its first item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from paperkit.text import sentences, squash

_CUE = re.compile(r"\bcontributions?\b|\bwe make the following\b|\bin summary\b", re.IGNORECASE)
_MARK = re.compile(
    r"(?:^|(?<=\s))(?P<m>[•◦▪●‣∙–]|\(\s?(?:\d{1,2}|[ivx]{1,4}|[a-f])\s?\)|(?:\d{1,2}|[ivx]{1,4}|[a-f])\))\s+"
)
_SEQUENCE = re.compile(
    r"^(first(ly)?|second(ly)?|third(ly)?|fourth(ly)?|next|then|finally|lastly|last|moreover|in addition|"
    r"additionally)\b[ ,]",
    re.IGNORECASE,
)
_OPENS = re.compile(r"^(first(ly)?|to begin|to start)\b", re.IGNORECASE)
_ENDS = re.compile(r"^(finally|lastly|last)\b", re.IGNORECASE)
_MAX_WORDS = 120


@dataclass
class Contribution:
    """One item of the list, and the sub-items printed under it."""

    text: str
    items: list[str] = field(default_factory=list)


def _kind(marker: str) -> str:
    inner = marker.strip("()").strip()
    if inner.isdigit():
        return "number"
    if re.fullmatch(r"[ivx]{1,4}", inner):
        return "roman"
    if re.fullmatch(r"[a-f]", inner):
        return "letter"
    return "dot" if marker != "–" else "dash"


def _item_text(text: str, last: bool) -> str:
    text = squash(text)
    if last:  # the last item runs on into the next paragraph: it ends where its paragraph ends
        parts = sentences(text)
        kept: list[str] = []
        for s in parts:
            if kept and (
                len(" ".join(kept).split()) > 40 or re.match(r"^(the rest|section|in section)", s, re.I)
            ):
                break
            kept.append(s)
        text = " ".join(kept)
    return text


def _printed_list(tail: str, limit: int) -> list[Contribution]:
    marks = list(_MARK.finditer(tail))
    if len(marks) < 2 or marks[0].start() > 200:
        return []
    top = _kind(marks[0].group("m"))
    out: list[Contribution] = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(tail)
        body = tail[m.end() : end]
        last = i + 1 == len(marks)
        if "\n\n" in body:  # a blank line ends the list
            body, last = body.split("\n\n", 1)[0], True
        text = _item_text(body, last)
        if not text or len(text.split()) > _MAX_WORDS:
            break
        if _kind(m.group("m")) == top or not out:
            out.append(Contribution(text))
        else:
            out[-1].items.append(text)
        if last or len(out) > limit:
            break
    return out[:limit] if len(out) >= 2 else []


def _sequence(introduction: str, limit: int) -> list[Contribution]:
    """A "First, … Second, … Finally, …" run of sentences, the whole run."""
    sents = sentences(introduction)
    for i, s in enumerate(sents):
        if not _OPENS.match(s):
            continue
        run = [s]
        for t in sents[i + 1 :]:
            if not _SEQUENCE.match(t):
                if len(run) >= 2 and len(t.split()) < 30 and not _ENDS.match(run[-1]):
                    run[-1] = f"{run[-1]} {t}"  # an item of more than one sentence
                    continue
                break
            run.append(t)
            if _ENDS.match(t):
                break
        items = [Contribution(x) for x in run if len(x.split()) <= _MAX_WORDS]
        if len(items) >= 2 and any(_ENDS.match(x.text) or re.match(r"^second", x.text, re.I) for x in items):
            return items[:limit]
    return []


def contributions(introduction: str, limit: int = 8) -> list[Contribution]:
    """The introduction's contributions: its printed list after the cue, or a first/second/finally run."""
    cue = _CUE.search(introduction)
    if cue is not None:
        found = _printed_list(introduction[cue.end() :], limit)
        if found:
            return found
    return _sequence(introduction, limit) if cue is not None else []
