"""Title, abstract and the spans of the introduction and the related-work section."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from paperkit.extraction import related_work as rw
from paperkit.extraction.pages import paragraph_pages
from paperkit.extraction.pdf.headings import Heading
from paperkit.extraction.pdf.lines import Vocabulary, join_lines
from paperkit.extraction.pdf.page import Line
from paperkit.extraction.pdf.superscripts import Policy
from paperkit.records import Section

_ABSTRACT_ALONE = re.compile(r"^abstract[\s.:—–-]*$", re.IGNORECASE)
_ABSTRACT_RUN_IN = re.compile(r"^abstract\s*[.:—–-]+\s*(\S.*)$", re.IGNORECASE)
_CAPTION = re.compile(
    r"^(fig\.|figure|table|algorithm|listing)\s*[A-Z]?\d+(\.\d+)*\s*[.:|]|^algorithm \d+ [A-Z]", re.IGNORECASE
)
KEYWORDS = re.compile(
    r"^(keywords|key words|index terms|ccs concepts|pacs numbers|subject headings|msc\b|"
    r"(\d{4} )?(ams )?mathematics subject classification|ams subject classification)\b",
    re.IGNORECASE,
)
# lines of the front matter that no running text opens with: a contents list, the copyright, where the
# paper was submitted, the corresponding author's address, ACM's reference format and permission notes
FRONT_MATTER = re.compile(
    r"^((table of )?contents\s*$|©|\(c\) ?(19|20)\d\d|copyright\b|submitted to\b|accepted (for publication )?"
    r"(in|by)\b|published in\b|preprint submitted\b|to appear in\b|\*?\s*corresponding author|e-?mail:|"
    r"acm reference format|permission to make)",
    re.IGNORECASE,
)
# the numbered steps of an algorithm float ("4: end for", "Require: data D")
_ALGORITHM_LINE = re.compile(r"^(\d{1,2}:|require:|ensure:)\s", re.IGNORECASE)


def text_filter(body: float, lines: list[Line]) -> Callable[[int], bool]:
    """Which lines are running text: not footnotes or figure labels (smaller type than ``body``, or a
    footnote block at the foot of a page), not captions."""
    caption_blocks = {ln.block for i, ln in enumerate(lines) if is_caption(lines, i)}
    notes = footnote_lines(lines, body)
    # 0.5 pt below the body size: rounding noise passes, a 9 pt footnote under 10 pt text does not
    return lambda i: (
        lines[i].size >= body - 0.5
        and lines[i].block not in caption_blocks
        and i not in notes
        and not _ALGORITHM_LINE.match(lines[i].text)
    )


def is_caption(lines: list[Line], i: int) -> bool:
    """Whether ``lines[i]`` opens a figure or table caption. "Figure 1." at the start of a line is only
    a reference to the figure when the sentence runs on into it from the line above in the same block
    ("... as illustrated in" / "Figure 1. NMT is ..."): dropping that block would lose running text.
    A short figure label above a caption in the same block is no such sentence."""
    ln = lines[i]
    if not _CAPTION.match(ln.text):
        return False
    if i == 0:
        return True
    prev = lines[i - 1]
    wide = prev.x1 - prev.x0 >= 0.7 * (ln.x1 - ln.x0)
    return not (prev.block == ln.block and wide and re.search(r"[a-z,]$", prev.text))


def footnote_lines(lines: list[Line], body: float) -> set[int]:
    """Indices of footnote lines set at (nearly) body size: from a line in the lower part of a page that
    starts with a raised marker, goes on in words ("3In fact, ...", "*Equal contribution") and stands
    apart from the line above, down to the foot of its column, where nothing larger follows (else it
    was a table's note). Smaller footnotes are caught by their size."""
    out: set[int] = set()
    for i, ln in enumerate(lines):
        if not _opens_footnote(lines, i, body):
            continue
        below: list[int] = []
        for j in range(i, len(lines)):
            if lines[j].page != ln.page:
                break
            if lines[j].col == ln.col and lines[j].y0 >= ln.y0 - 1:
                below.append(j)
        if all(lines[j].size <= ln.size + 0.3 for j in below):
            out.update(below)
    return out


def _opens_footnote(lines: list[Line], i: int, body: float) -> bool:
    ln = lines[i]
    if not ln.lead_marker or ln.y0 < 0.6 * ln.page_height or ln.size > body + 0.3:
        return False
    if len(re.findall(r"[A-Za-z]{2,}", ln.text)) < 3:
        return False
    if i == 0:
        return True
    prev = lines[i - 1]
    if (prev.page, prev.col) != (ln.page, ln.col) or prev.y1 > ln.y0:
        return True
    return ln.y0 - prev.y1 >= 0.5 * ln.height  # set apart (by a rule) from the text above


def _main_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[ln.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def find_title(lines: list[Line], stop: int) -> str:
    """The largest type on page 1 (before the abstract), consecutive lines joined."""
    page1 = [
        i
        for i in range(min(stop, len(lines)))
        if lines[i].page == 1 and re.search(r"[A-Za-z]{2}", lines[i].text)
    ]
    if not page1:
        return ""
    top = max(lines[i].max_size for i in page1)
    picked = [i for i in page1 if lines[i].max_size >= top - 0.5]
    run = [picked[0]]
    for i in picked[1:]:
        if i != run[-1] + 1:
            break
        run.append(i)
    return " ".join(lines[i].text for i in run)


def opens_abstract(text: str) -> bool:
    """Whether a line is an "Abstract" heading or starts a run-in abstract ("Abstract—We ...")."""
    return bool(_ABSTRACT_ALONE.match(text) or _ABSTRACT_RUN_IN.match(text))


def after_abstract_heading(lines: list[Line], headings: list[Heading]) -> list[Heading]:
    """The headings without the styled lines of the title block: nothing above an "Abstract" heading on
    the first pages is a section (centred small-caps author names look like AASTeX headings)."""
    opening = next(
        (i for i, ln in enumerate(lines) if ln.page <= 2 and opens_abstract(ln.text)),
        None,
    )
    if opening is None:
        return headings
    return [h for h in headings if h.start >= opening or h.level > 1]


def span(
    lines: list[Line],
    headings: list[Heading],
    n: int,
    keep: Callable[[int], bool],
    vocab: Vocabulary,
    superscripts: Policy | None = None,
) -> Section:
    """The section under ``headings[n]``, up to the next heading of the same or a higher level;
    ``superscripts`` says which superscript numbers stay in the text."""
    h = headings[n]
    end = next((g.start for g in headings[n + 1 :] if g.level <= h.level), len(lines))
    inner = {g.start: g for g in headings[n + 1 :] if g.start < end}
    picked: list[Line] = []
    i = h.end
    while i < end:
        g = inner.get(i)
        if g is not None:
            if picked:  # a subheading inside the span stays as its own paragraph
                picked.append(Line(g.text, lines[i].page, 0, 0, 0, 0, 0, 0, False, -1 - i, 0))
            i = g.end
            continue
        if keep(i):
            picked.append(lines[i])
        i += 1
    text = join_lines(picked, vocab, superscripts)
    last_page = lines[end - 1].page if end > h.end else lines[h.start].page
    part = Section(heading=h.text, text=text, page_start=lines[h.start].page, page_end=last_page)
    # Where each page's text opens, for the page of every paragraph (quotes link to their page).
    starts, page = [], 0
    for ln in picked:
        if ln.page != page:
            page = ln.page
            starts.append((" ".join(ln.text.split()[:2]), page))
    part.paragraph_pages = paragraph_pages(part, starts)
    return part


OPENING = "(opening text)"  # the heading an introduction printed without one is given


def opening_text(
    lines: list[Line],
    headings: list[Heading],
    start: int,
    keep: Callable[[int], bool],
    vocab: Vocabulary,
    superscripts: Policy | None = None,
) -> Section | None:
    """The introduction of a paper that prints none under its name (an essay, seminar notes): the running
    text from ``start`` (after the abstract) to the first section, when that section is a part of the
    body (not the references or an appendix: a paper with no sections has no introduction) and the text
    is a paragraph or more (60 words)."""
    first = next((h for h in headings if h.level == 1 and h.start >= start), None)
    if first is None or rw.is_back_matter(first.title):
        return None
    k = start
    while k < first.start and (len(lines[k].text.split()) < 6 or KEYWORDS.match(lines[k].text)):
        k += 1  # keyword lines, dates and notes under the title block
    inner = [h for h in headings if k <= h.start < first.start]
    if inner:
        return None  # a heading sits between: the text is not one opening
    # blocks of front matter (keywords, CCS concepts, copyright, a reference format) are no opening text
    front = {
        lines[i].block
        for i in range(k, first.start)
        if KEYWORDS.match(lines[i].text) or FRONT_MATTER.match(lines[i].text)
    }
    picked = [lines[i] for i in range(k, first.start) if keep(i) and lines[i].block not in front]
    text = join_lines(picked, vocab, superscripts)
    words = text.split()
    if len(words) < 60 or sum(w[:1].islower() for w in words) < 0.5 * len(words):
        return None  # not a paragraph of running text (an author list, a table)
    return Section(OPENING, text, page_start=picked[0].page, page_end=picked[-1].page)


def find_introduction(headings: list[Heading]) -> int | None:
    """Index of the introduction heading (top-level preferred): the shared rule of
    :mod:`paperkit.extraction.related_work`."""
    return rw.find_introduction([rw.Part(h.title, h.level, str) for h in headings])


def find_related(headings: list[Heading], text_of: Callable[[int], str] | None = None) -> int | None:
    """Index of the related-work heading: by name, else (with ``text_of``, the text under a heading) by
    content; the shared rules live in :mod:`paperkit.extraction.related_work`."""

    def text(n: int) -> Callable[[], str]:
        return lambda: text_of(n) if text_of is not None else ""

    parts = [rw.Part(h.title, h.level, text(n)) for n, h in enumerate(headings)]
    n, _ = rw.pick(parts, by_content=text_of is not None)
    return n
