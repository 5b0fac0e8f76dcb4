"""Metadata through the real ``arxiv`` client against the fake arXiv: lookups, searches and faults."""

from __future__ import annotations

import dataclasses
import time
from datetime import datetime, timezone
from pathlib import Path

import arxiv
import pytest

from conftest import CORPUS
from fake_arxiv import FakeArxiv, unused_url
from paperkit.access import retry
from paperkit.access.arxiv_api import ArxivApi, _is_error_entry, title_query, to_meta
from paperkit.access.ids import ArxivId, parse_arxiv_id
from paperkit.config import Settings, load_settings
from paperkit.errors import BadInput, NetworkError, NotFound


def _add_samples(fake: FakeArxiv) -> None:
    fake.add_paper(
        "1506.03099",
        version=3,
        title="Scheduled Sampling for Sequence Prediction\n    with Recurrent Neural Networks",
        authors=["Samy Bengio", "Oriol Vinyals", "Navdeep Jaitly", "Noam Shazeer"],
        abstract="  Recurrent Neural Networks can be trained\n to produce sequences of tokens.  ",
        categories=["cs.LG", "cs.CL", "cs.CV"],
        published="2015-06-09T22:21:28Z",
        updated="2015-09-23T15:09:32Z",
        comment="Accepted to NIPS 2015",
        doi="10.5555/2969239.2969370",
        journal_ref="NIPS 2015",
        pdf=b"%PDF-1.4\n%%EOF\n",
    )
    fake.add_paper("1706.03762", version=7, title="Attention Is All You Need", categories=["cs.CL", "cs.LG"])
    fake.add_paper("hep-th/9901001", version=2, title="An Old-Style Paper", categories=["hep-th"])
    fake.add_paper("1311.1234", title="A Withdrawn Paper", withdrawn=True)


@pytest.fixture
def api(fake_arxiv: FakeArxiv) -> ArxivApi:
    _add_samples(fake_arxiv)
    return ArxivApi(load_settings())


def test_settings_point_at_the_fake(fake_arxiv: FakeArxiv) -> None:
    settings = load_settings()
    assert settings.api_url == fake_arxiv.api_url
    assert settings.delay == 0 and settings.backoff < 0.1


def test_lookup_maps_every_field(api: ArxivApi, fake_arxiv: FakeArxiv) -> None:
    meta = api.lookup(parse_arxiv_id("1506.03099"))
    assert meta.id == "1506.03099" and meta.version == 3
    assert meta.title == "Scheduled Sampling for Sequence Prediction with Recurrent Neural Networks"
    assert meta.abstract == "Recurrent Neural Networks can be trained to produce sequences of tokens."
    assert meta.authors == ["Samy Bengio", "Oriol Vinyals", "Navdeep Jaitly", "Noam Shazeer"]
    assert meta.categories == ["cs.LG", "cs.CL", "cs.CV"]
    assert meta.published is not None and meta.published.startswith("2015-06-09T22:21:28")
    assert meta.updated is not None and meta.updated.startswith("2015-09-23T15:09:32")
    assert datetime.fromisoformat(meta.published).tzinfo is not None
    assert meta.year == 2015
    assert meta.pdf_url == fake_arxiv.pdf_url("1506.03099", 3)
    assert meta.doi == "10.5555/2969239.2969370"
    assert meta.journal_ref == "NIPS 2015" and meta.comment == "Accepted to NIPS 2015"
    assert {"href": "https://arxiv.org/abs/1506.03099v3", "title": "", "rel": "alternate"} in meta.links
    assert meta.source == "arxiv"
    [request] = fake_arxiv.requests_to("/api/query")
    assert request.query["id_list"] == ["1506.03099"]
    assert request.query["max_results"] == ["1"]


def test_lookup_versioned_and_old_style(api: ArxivApi) -> None:
    meta = api.lookup(parse_arxiv_id("1706.03762v2"))
    assert (meta.id, meta.version) == ("1706.03762", 2)
    old = api.lookup(parse_arxiv_id("hep-th/9901001"))
    assert (old.id, old.version, old.key) == ("hep-th/9901001", 2, "hep-th_9901001")


def test_lookup_unknown_id_is_not_found(api: ArxivApi, fake_arxiv: FakeArxiv) -> None:
    with pytest.raises(NotFound, match=r"2412\.99999"):
        api.lookup(parse_arxiv_id("2412.99999"))
    fake_arxiv.unknown_style = "error"  # the old API's "Error" entry instead of an empty feed
    with pytest.raises(NotFound):
        api.lookup(parse_arxiv_id("2412.99998"))
    assert len(fake_arxiv.requests_to("/api/query")) == 2  # a clean "no" is not retried


def test_error_entry_is_recognised() -> None:
    when = datetime(2020, 1, 1, tzinfo=timezone.utc)
    error = arxiv.Result(
        "http://arxiv.org/api/errors#incorrect_id_format_for_1", when, when, title="Error", summary="bad"
    )
    paper = arxiv.Result(
        "http://arxiv.org/abs/1506.03099v1", when, when, title="Error", authors=[arxiv.Result.Author("A")]
    )
    assert _is_error_entry(error)
    assert not _is_error_entry(paper)


def test_withdrawn_paper_has_no_pdf_url(api: ArxivApi) -> None:
    meta = api.lookup(parse_arxiv_id("1311.1234"))
    assert meta.pdf_url is None
    assert meta.comment and "withdrawn" in meta.comment


def test_lookup_many_is_one_batched_request(api: ArxivApi, fake_arxiv: FakeArxiv) -> None:
    ids = [parse_arxiv_id(t) for t in ("1506.03099", "hep-th/9901001", "2412.99999", "1506.03099v3")]
    out = api.lookup_many(ids)
    assert set(out) == {"1506.03099", "hep-th/9901001", "2412.99999"}
    first = out["1506.03099"]
    assert not isinstance(first, Exception) and first.title.startswith("Scheduled Sampling")
    assert isinstance(out["2412.99999"], NotFound)
    assert len(fake_arxiv.requests_to("/api/query")) == 1


def test_lookup_many_reports_network_failure_per_id(fake_arxiv: FakeArxiv) -> None:
    _add_samples(fake_arxiv)
    fake_arxiv.fail("/api/query", status=503)
    out = ArxivApi(dataclasses.replace(load_settings(), retries=2)).lookup_many(
        [ArxivId("1506.03099"), ArxivId("1706.03762")]
    )
    assert all(isinstance(v, NetworkError) for v in out.values())


def test_search_and_title_search(api: ArxivApi, fake_arxiv: FakeArxiv) -> None:
    found = api.search("all:attention", max_results=5)
    assert [m.id for m in found] == ["1706.03762"]
    assert api.search("au:vinyals AND ti:sampling", max_results=5)[0].id == "1506.03099"
    assert api.search("ti:nonexistentword", max_results=5) == []

    by_title = api.search_title('Scheduled Sampling for Sequence "Prediction": (with) Recurrent')
    assert [m.id for m in by_title] == ["1506.03099"]
    sent = fake_arxiv.requests_to("/api/query")[-1].query
    assert sent["search_query"] == ['ti:"scheduled sampling for sequence prediction with recurrent"']
    assert sent["max_results"] == ["5"]


def test_search_pages_through_many_results(fake_arxiv: FakeArxiv) -> None:
    for i in range(1, 131):
        fake_arxiv.add_paper(f"2001.{i:05d}", title=f"Common topic number {i}")
    found = ArxivApi(load_settings()).search("ti:common", max_results=120)
    assert len(found) == 120
    assert len({m.id for m in found}) == 120
    assert len(fake_arxiv.requests_to("/api/query")) == 2  # pages of 100


def test_title_query_strips_query_syntax() -> None:
    assert title_query('Attention: "All" (you) NEED AND OR') == 'ti:"attention all you need and or"'
    with pytest.raises(BadInput):
        title_query(' ":() ')


def test_bad_search_arguments(api: ArxivApi) -> None:
    with pytest.raises(BadInput):
        api.search("  ", max_results=3)
    with pytest.raises(BadInput):
        api.search("all:x", max_results=0)


def test_429_then_success(api: ArxivApi, fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.fail("/api/query", status=429, times=2)
    assert api.lookup(parse_arxiv_id("1506.03099")).id == "1506.03099"
    assert len(fake_arxiv.requests_to("/api/query")) == 3


def test_retry_after_is_honoured(api: ArxivApi, fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.fail("/api/query", status=429, times=1, retry_after=1)
    api.lookup(parse_arxiv_id("1506.03099"))
    first, second = fake_arxiv.requests_to("/api/query")
    assert second.time - first.time >= 0.9  # the backoff alone would be ~0.01 s


def test_retry_after_is_capped(api: ArxivApi, fake_arxiv: FakeArxiv, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retry, "MAX_RETRY_AFTER", 0.05)
    fake_arxiv.fail("/api/query", status=503, times=1, retry_after=3600)
    start = time.monotonic()
    api.lookup(parse_arxiv_id("1506.03099"))
    assert time.monotonic() - start < 2


def test_503_exhaustion_is_a_network_error(api: ArxivApi, fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.fail("/api/query", status=503)
    with pytest.raises(NetworkError) as info:
        api.lookup(parse_arxiv_id("1506.03099"))
    assert str(info.value) == f"arXiv API unreachable at {fake_arxiv.api_url} after 4 tries: HTTP 503"
    assert len(fake_arxiv.requests_to("/api/query")) == 4


def test_client_error_is_not_retried(api: ArxivApi, fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.fail("/api/query", status=400)
    with pytest.raises(NetworkError, match="HTTP 400"):
        api.lookup(parse_arxiv_id("1506.03099"))
    assert len(fake_arxiv.requests_to("/api/query")) == 1


def test_html_answer_is_retried_not_taken_for_an_empty_feed(api: ArxivApi, fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.fail("/api/query", mode="html", times=1)
    assert api.lookup(parse_arxiv_id("1506.03099")).version == 3
    assert len(fake_arxiv.requests_to("/api/query")) == 2


def test_hang_is_bounded_by_the_timeout(fake_arxiv: FakeArxiv) -> None:
    _add_samples(fake_arxiv)
    fake_arxiv.fail("/api/query", mode="hang")
    settings = dataclasses.replace(load_settings(), timeout=0.3, retries=2)
    start = time.monotonic()
    with pytest.raises(NetworkError, match="after 2 tries: timed out"):
        ArxivApi(settings).lookup(parse_arxiv_id("1506.03099"))
    assert time.monotonic() - start < 10
    assert len(fake_arxiv.requests_to("/api/query")) == 2


def test_hang_once_then_success(fake_arxiv: FakeArxiv) -> None:
    _add_samples(fake_arxiv)
    fake_arxiv.fail("/api/query", mode="hang", times=1)
    settings = dataclasses.replace(load_settings(), timeout=0.3)
    assert ArxivApi(settings).lookup(parse_arxiv_id("1506.03099")).version == 3


def test_connection_refused(tmp_path: Path) -> None:
    url = unused_url() + "/api/query"
    settings = Settings(library=tmp_path, api_url=url, delay=0, timeout=1, retries=3, backoff=0.01)
    with pytest.raises(NetworkError) as info:
        ArxivApi(settings).lookup(ArxivId("1506.03099"))
    assert str(info.value) == f"arXiv API unreachable at {url} after 3 tries: connection refused"


def test_on_retry_is_told_of_each_wait(api: ArxivApi, fake_arxiv: FakeArxiv) -> None:
    seen: list[tuple[str, float]] = []
    api.on_retry = lambda reason, seconds: seen.append((reason, seconds))
    fake_arxiv.fail("/api/query", status=502, times=2)
    api.lookup(parse_arxiv_id("1506.03099"))
    assert [reason for reason, _ in seen] == ["HTTP 502", "HTTP 502"]
    assert all(0 <= seconds < 1 for _, seconds in seen)


def test_delay_is_kept_between_requests(fake_arxiv: FakeArxiv) -> None:
    _add_samples(fake_arxiv)
    api = ArxivApi(dataclasses.replace(load_settings(), delay=0.4))
    api.lookup(ArxivId("1506.03099"))
    api.lookup(ArxivId("1706.03762"))
    first, second = fake_arxiv.requests_to("/api/query")
    assert second.time - first.time >= 0.35


@pytest.mark.corpus
def test_real_corpus_feeds_map_cleanly() -> None:
    atom = CORPUS / "atom"
    if not atom.is_dir():
        pytest.skip("corpus not present")
    from arxiv import _feed

    feed = _feed.parse((atom / "id_list_1111.2011v2.xml").read_bytes())
    [meta] = [to_meta(r) for r in feed.results]
    assert (meta.id, meta.version) == ("1111.2011", 2)
    assert meta.categories[0] == "cond-mat.str-el"
    assert "\n" not in meta.title and "  " not in meta.abstract
    assert meta.doi == "10.1103/PhysRevB.85.115117"
    old = [
        to_meta(r)
        for r in _feed.parse((atom / "search_del_maestro_and_checkerboard.xml").read_bytes()).results
    ]
    assert old[0].id == "cond-mat/0603029" and old[0].key == "cond-mat_0603029"
    assert _feed.parse((atom / "id_list_0000.0000_no_entries.xml").read_bytes()).results == []
