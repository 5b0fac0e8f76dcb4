"""Lines → running text: paragraphs, line-break hyphenation undone, URLs re-joined."""

from __future__ import annotations

import re
from collections.abc import Iterable

from paperkit.extraction.pdf.page import Line
from paperkit.extraction.pdf.superscripts import Policy, render
from paperkit.text import keeps_hyphen

_WORD_TAIL = re.compile(r"([A-Za-z][\w-]*)-$")
_URL_END = re.compile(r"(https?://|www\.)\S*[/.\-_]$")
_SENTENCE_END = re.compile(r"[.!?:]\W*$")


class Vocabulary:
    """Words seen in the document, to decide whether a line-break hyphen belongs to the word."""

    def __init__(self, lines: Iterable[Line]) -> None:
        self.words: set[str] = set()
        for ln in lines:
            self.words.update(w.strip(".,;:()[]\"'").lower() for w in ln.text.split())

    def keeps_hyphen(self, head: str, tail: str) -> bool:
        """Whether ``head-`` at a line end and ``tail`` on the next line form a hyphenated compound: the
        document's own spelling decides, else a dictionary check (:func:`paperkit.text.keeps_hyphen`)."""
        return keeps_hyphen(head, tail, self.words)


def line_text(ln: Line, superscripts: Policy | None) -> str:
    """The line's text, with the superscript numbers that the policy keeps (none without one)."""
    if superscripts is None or ln.rich is None:
        return ln.text
    return render(ln.rich, lambda number: superscripts(ln, number))


def join_lines(lines: list[Line], vocab: Vocabulary, superscripts: Policy | None = None) -> str:
    """Running text of lines: one paragraph per PyMuPDF block, hyphenated words and URLs re-joined;
    superscript numbers kept where ``superscripts`` says (see ``extract.superscripts``)."""
    out = ""
    prev_block: int | None = None
    for ln in lines:
        text = line_text(ln, superscripts)
        # the end of the text so far is all the tests below look at (searching the whole text for
        # each line would cost time quadratic in its length)
        tail = out[-200:]
        head = _WORD_TAIL.search(tail) if out else None
        if not out:
            out = text
        elif head and text[:1].isalnum():
            out = out + text if vocab.keeps_hyphen(head.group(1), text) else out[:-1] + text
        elif _URL_END.search(tail):
            out += text  # a URL broken at a slash or dot
        else:
            # a new block is a new paragraph, unless a sentence runs on into it (across a column or
            # page break, or round a figure or footnote): no full stop before, lower case after
            runs_on = not _SENTENCE_END.search(tail) and text[:1].islower()
            out += ("\n\n" if ln.block != prev_block and not runs_on else " ") + text
        prev_block = ln.block
    return out.strip()
