"""arXiv's feed as it answers today and as it answered before: the PDF link found either way; a feed that
trickles, is huge, or has one bad entry never holds up or spoils the batch (issue #12)."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path

import arxiv
import pytest

from conftest import CORPUS
from fake_arxiv import FakeArxiv
from paperkit.access.arxiv_api import MAX_ABSTRACT, ArxivApi, to_meta
from paperkit.access.feed import parse_feed, pdf_link, says_withdrawn
from paperkit.access.ids import parse_arxiv_id
from paperkit.config import load_settings
from reliability_support import add_good_paper, one_error_line, run, tree

ID = "1506.03099"
ATOM = CORPUS / "atom"


def _result(*links: arxiv.Result.Link, entry_id: str = "http://arxiv.org/abs/1506.03099v3") -> arxiv.Result:
    when = datetime(2015, 6, 9, tzinfo=timezone.utc)
    return arxiv.Result(entry_id=entry_id, updated=when, published=when, title="T", links=list(links))


def _link(
    href: str, title: str | None = None, rel: str = "alternate", ctype: str | None = None
) -> arxiv.Result.Link:
    return arxiv.Result.Link(href=href, title=title, rel=rel, content_type=ctype)


ABS = "https://arxiv.org/abs/1506.03099v3"


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        ([_link(ABS, ctype="text/html"), _link("https://x.org/a", title="pdf")], "https://x.org/a"),
        ([_link(ABS), _link("https://x.org/b", ctype="application/pdf")], "https://x.org/b"),
        (  # today's form: no title, both alternate text/html
            [_link(ABS, ctype="text/html"), _link("https://arxiv.org/pdf/1506.03099v3", ctype="text/html")],
            "https://arxiv.org/pdf/1506.03099v3",
        ),
        ([_link(ABS, ctype="text/html")], "https://arxiv.org/pdf/1506.03099v3"),  # built from /abs/
        ([], "http://arxiv.org/pdf/1506.03099v3"),  # built from the entry's id
        ([_link("javascript:alert(1)", title="pdf"), _link(ABS)], "https://arxiv.org/pdf/1506.03099v3"),
    ],
    ids=["titled", "typed", "today", "abs-link", "entry-id", "not-http"],
)
def test_pdf_link_is_found_in_every_form(links: list[arxiv.Result.Link], expected: str) -> None:
    assert pdf_link(_result(*links)) == expected


def test_withdrawn_only_when_the_entry_says_so() -> None:
    assert says_withdrawn("This paper has been withdrawn by the author", "")
    assert says_withdrawn(None, "This paper has been withdrawn due to an error in Lemma 2.")
    assert not says_withdrawn("12 pages, 3 figures", "Funds withdrawn early alter the model's equilibrium.")
    r = _result(_link(ABS))
    r.comment = "withdrawn"
    assert to_meta(r).pdf_url is None
    assert to_meta(_result(_link(ABS))).pdf_url == "https://arxiv.org/pdf/1506.03099v3"


@pytest.mark.parametrize("form", ["today", "titled", "abs_only"])
def test_fetch_gets_the_pdf_and_a_full_note_in_every_feed_form(
    fake_arxiv: FakeArxiv, library: Path, tmp_path: Path, form: str
) -> None:
    fake_arxiv.feed_form = form
    add_good_paper(fake_arxiv, tmp_path, ID)
    result = run("fetch", ID)
    assert result.exit_code == 0, result.stderr
    assert (library / ID / "paper.pdf").is_file() and (library / ID / "sections.json").is_file()
    note = (library / ID / "notes.md").read_text()
    assert "Warning" not in note and "## Source text" in note


def test_the_default_feed_form_is_todays(fake_arxiv: FakeArxiv, tmp_path: Path) -> None:
    add_good_paper(fake_arxiv, tmp_path, ID)
    feed = fake_arxiv.feed({"id_list": [ID]})
    assert 'title="pdf"' not in feed and feed.count('rel="alternate" type="text/html"') == 2


def test_a_pdf_url_that_answers_404_is_a_withdrawn_paper(fake_arxiv: FakeArxiv, library: Path) -> None:
    fake_arxiv.add_paper("1501.00002", title="Gone Quietly", pdf=None)  # linked, but the PDF is 404
    result = run("fetch", "1501.00002")
    assert result.exit_code == 3, result.stderr
    assert any("withdrawn" in ln for ln in result.stderr.splitlines() if "warning:" in ln)
    assert tree(library) == ["1501.00002", "1501.00002/meta.json", "1501.00002/notes.md"]


@pytest.mark.skipif(not ATOM.is_dir(), reason="corpus not present")
@pytest.mark.parametrize("name", sorted(p.name for p in ATOM.glob("*.xml")) if ATOM.is_dir() else [])
def test_real_arxiv_feeds_give_a_pdf_for_every_entry(name: str) -> None:
    feed = parse_feed((ATOM / name).read_bytes())
    for result in feed.results:
        meta = to_meta(result)
        assert meta.pdf_url and "/pdf/" in meta.pdf_url, (name, result.links)
        assert meta.published and meta.title


def test_a_malformed_date_in_one_entry_does_not_spoil_the_batch(
    fake_arxiv: FakeArxiv, library: Path, tmp_path: Path
) -> None:
    add_good_paper(fake_arxiv, tmp_path, ID, published="2015-13-45T99:00:00Z")
    add_good_paper(fake_arxiv, tmp_path, "1706.03762", published="not a date")
    add_good_paper(fake_arxiv, tmp_path, "1512.03385")
    result = run("fetch", ID, "1706.03762", "1512.03385")
    assert result.exit_code == 0, result.stderr
    metas = ArxivApi(load_settings()).lookup_many([parse_arxiv_id(ID), parse_arxiv_id("1512.03385")])
    bad, good = metas[ID], metas["1512.03385"]
    assert not isinstance(bad, Exception) and bad.published is None and bad.pdf_url
    assert not isinstance(good, Exception) and good.published == "2015-06-09T22:21:28+00:00"


def test_an_api_that_trickles_its_feed_is_bounded(
    fake_arxiv: FakeArxiv, library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_good_paper(fake_arxiv, tmp_path, ID)
    monkeypatch.setenv("PAPERKIT_TIMEOUT", "0.25")  # each byte within the read timeout; the deadline is 1 s
    fake_arxiv.fail("/api/query", mode="trickle", delay=0.02)
    started = time.monotonic()
    result = run("fetch", ID)
    assert time.monotonic() - started < 10
    assert result.exit_code == 1
    assert "still sending" in one_error_line(result)
    assert tree(library) == []
    assert len(fake_arxiv.requests_to("/api/query")) == 1  # not retried: it would only trickle again


def test_what_is_read_from_a_feed_is_capped(fake_arxiv: FakeArxiv, library: Path, tmp_path: Path) -> None:
    add_good_paper(fake_arxiv, tmp_path, ID, abstract="word " * 200_000, title="T " * 10_000)
    meta = ArxivApi(load_settings()).lookup(parse_arxiv_id(ID))
    assert len(meta.abstract) <= MAX_ABSTRACT and len(meta.title) <= 2_000
