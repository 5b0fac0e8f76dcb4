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
_KEYWORDS = re.compile(
    r"^(keywords|key words|index terms|ccs concepts|pacs numbers|subject headings|msc\b|"
    r"(\d{4} )?(ams )?mathematics subject classification|ams subject classification)\b",
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


def find_abstract(
    lines: list[Line], headings: list[Heading], vocab: Vocabulary, superscripts: Policy | None = None
) -> tuple[str, int, str]:
    """(abstract text, index of the line after it, found_by). Under an "Abstract" heading (or run-in
    "Abstract—"), up to the next heading; else the first long paragraph on page 1 before any section.
    ``superscripts`` says which superscript numbers stay in the text."""
    starts = {h.start for h in headings}
    first_section = next((h.start for h in headings if h.level == 1), len(lines))
    for i, ln in enumerate(lines[: first_section + 1]):
        if ln.page > 2:
            break
        run_in = _ABSTRACT_RUN_IN.match(ln.text)
        if _ABSTRACT_ALONE.match(ln.text) or run_in:
            j = i + 1
            while j < len(lines) and j not in starts and not _KEYWORDS.match(lines[j].text):
                j += 1
            keep = text_filter(_main_size(lines[i + 1 : j]), lines)
            picked = [k for k in range(i + 1, j) if keep(k)]
            text = join_lines([lines[k] for k in picked], vocab, superscripts)
            if run_in:
                text = (run_in.group(1) + " " + text).strip()
            link = _title_block_link(lines, i)
            return (text + " " + link if link else text), j, "typography"
    # no heading: the first block of 30 words or more on page 1 before the first section
    blocks: dict[int, list[int]] = {}
    for i in range(first_section):
        if lines[i].page == 1:
            blocks.setdefault(lines[i].block, []).append(i)
    for idx in blocks.values():
        if _is_prose(join_lines([lines[k] for k in idx], vocab)):
            idx = idx + _runs_on(lines, idx[-1], first_section, starts)
            return join_lines([lines[k] for k in idx], vocab, superscripts), idx[-1] + 1, "fallback"
    return "", 0, "fallback"


_LINK_LINE = re.compile(
    r"^(code|project( page)?|website|models?|data(set)?|demo|code and (data|models))"
    r"( (is|are) (publicly )?available( at)?)?\s*:?\s*(https?://|www\.|github\.com)\S+$",
    re.IGNORECASE,
)


def _title_block_link(lines: list[Line], heading: int) -> str:
    """A code or project link printed in the title block just above the abstract heading ("Code:
    https://..."): the abstract's last line, as the paper's arXiv abstract gives it."""
    for k in range(heading - 1, max(-1, heading - 5), -1):
        if lines[k].page != lines[heading].page:
            break
        if _LINK_LINE.match(lines[k].text):
            return lines[k].text
    return ""


def _runs_on(lines: list[Line], last: int, stop: int, starts: set[int]) -> list[int]:
    """Lines after ``lines[last]`` that carry its paragraph on although PyMuPDF gave them other blocks
    (it cuts a block at a root sign or a tall formula): same type, same column, at the usual spacing."""
    more: list[int] = []
    k = last + 1
    while k < stop and k not in starts:
        prev, ln = lines[k - 1], lines[k]
        gap = ln.y0 - prev.y1
        same = (ln.page, ln.col) == (prev.page, prev.col) and abs(ln.size - prev.size) < 0.3
        if not same or not -0.5 * ln.height <= gap < 0.6 * ln.height or _KEYWORDS.match(ln.text):
            break
        more.append(k)
        k += 1
    return more


def _is_prose(text: str) -> bool:
    """A paragraph of sentences (30 words or more, mostly lower case), not an author or address block."""
    words = text.split()
    lower = sum(1 for w in words if w[:1].islower())
    return len(words) >= 30 and lower >= 0.5 * len(words) and (". " in text or text.rstrip().endswith("."))


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
