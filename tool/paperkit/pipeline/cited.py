"""``paperkit fetch --background``: the arXiv papers a paper's introduction cites, fetched after it.

A cited entry is matched by the arXiv ID it prints, else by an arXiv title search that finds exactly one
paper with the entry's title; the rest are reported as left out.
"""

from __future__ import annotations

from functools import partial

from paperkit.access.ids import ArxivId, parse_arxiv_id
from paperkit.errors import BadInput, NotFound, PaperkitError
from paperkit.extraction.citations import cited_works, stored_markers
from paperkit.library.store import SECTIONS
from paperkit.pipeline.fetch import Fetcher
from paperkit.pipeline.outcomes import FetchOutcome, guarded
from paperkit.records import PaperMeta, id_of_key
from paperkit.text import fold, squash


def fetch_background_all(
    fetcher: Fetcher, items: list[str]
) -> tuple[list[FetchOutcome], dict[str, list[str]]]:
    """:func:`fetch_background` for each item; an item that fails is an outcome, and the batch goes on."""
    if len(items) == 1:
        found, left_out = fetch_background(fetcher, items[0])
        return found, {items[0]: left_out}
    outcomes: list[FetchOutcome] = []
    unmatched: dict[str, list[str]] = {}
    for item in items:
        try:
            found, unmatched[item] = fetch_background(fetcher, item)
        except PaperkitError as e:
            failed = FetchOutcome(input=item, status="failed", message=str(e), exit_code=e.exit_code)
            fetcher.reporter.done(failed)
            found = [failed]
        outcomes += found
    return outcomes, unmatched


def fetch_background(fetcher: Fetcher, item: str) -> tuple[list[FetchOutcome], list[str]]:
    """Fetch the arXiv papers the introduction of ``item`` cites; also returns the works left out.

    A cited entry is resolved by the arXiv ID it prints, else by an arXiv title search when exactly
    one result carries the entry's title. The paper itself is fetched first when it is not in the library.
    """
    first = guarded(item, partial(fetcher.fetch_one, item))
    if first.status == "failed" or first.key is None:
        raise NotFound(f"cannot read {item}'s introduction: {first.message}")
    sections = (
        fetcher.library.read_sections(first.key)
        if first.folder and (first.folder / SECTIONS).is_file()
        else None
    )
    if sections is None or sections.introduction is None:
        raise NotFound(f"paperkit found no introduction in {item}, so no background to fetch")
    refs = sections.references
    wanted: dict[str, tuple[ArxivId, PaperMeta | None]] = {}
    left_out: list[str] = []
    intro = sections.introduction.text
    links = [c for c in sections.citations if c.section == "introduction"]
    for work in cited_works(intro, refs, stored_markers(intro, links) if sections.citations else None):
        ref = work.reference
        found = _id_of(ref.arxiv_id)
        meta = None
        if found is None and ref.title:
            meta = _match_title(fetcher, ref.title)
            found = ArxivId(meta.id, None) if meta else None
        if found is None:
            left_out.append(f"[{work.index + 1}] {squash(ref.text)[:100]}")
        elif found.id != id_of_key(first.key):
            wanted.setdefault(found.id, (found, meta))
    outcomes = []
    for i, (aid, meta) in enumerate(wanted.values(), 1):
        fetcher.reporter.start(aid.id, i, len(wanted))
        outcome = guarded(aid.id, partial(fetcher.fetch_listed, aid, meta))
        fetcher.reporter.done(outcome)
        outcomes.append(outcome)
    fetcher.update_map(outcomes)
    return outcomes, left_out


def _match_title(fetcher: Fetcher, title: str) -> PaperMeta | None:
    """The one arXiv paper with exactly this title (normalised), or None when none or several."""
    try:
        results = fetcher.api.search_title(title, max_results=5)
    except PaperkitError as e:
        fetcher.reporter.warn(f"title search failed for “{title[:60]}”: {e}")
        return None
    want = fold(title)
    same = {m.id: m for m in results if fold(m.title) == want}
    return next(iter(same.values())) if len(same) == 1 else None


def _id_of(text: str | None) -> ArxivId | None:
    if not text:
        return None
    try:
        return parse_arxiv_id(text)
    except BadInput:
        return None
