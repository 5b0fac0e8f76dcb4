"""Reliability: a network and a server that misbehave in every way we could think of.

Each case asserts the exit code, one line on stderr, and that the library holds no partial file: a
paper either has a whole ``paper.pdf`` or none, and a good PDF from before is never replaced by a bad one.
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path

import pytest

import paperkit.pipeline.fetch
from fake_arxiv import FakeArxiv, unused_url
from paperkit.access.download import download_pdf
from reliability_support import one_error_line, run, temps, tree

ID = "1506.03099"


def assert_nothing_kept(library: Path) -> None:
    assert tree(library) == [], tree(library)


# --- The API ------------------------------------------------------------------------------------------


def test_429_with_retry_after_is_honoured(served_paper: FakeArxiv, library: Path) -> None:
    served_paper.fail("/api/query", status=429, times=2, retry_after=1)
    result = run("fetch", ID)
    assert result.exit_code == 0, result.stderr
    asked = [r.time for r in served_paper.requests_to("/api/query")]
    assert len(asked) == 3
    assert asked[1] - asked[0] >= 0.9 and asked[2] - asked[1] >= 0.9  # backoff alone is ~0.01 s
    assert (library / ID / "notes.md").is_file()


def test_429_storm_gives_up_after_the_retries(served_paper: FakeArxiv, library: Path) -> None:
    served_paper.fail("/api/query", status=429)
    result = run("fetch", ID)
    assert result.exit_code == 1
    line = one_error_line(result)
    assert "429" in line and "4 tries" in line
    assert len(served_paper.requests_to("/api/query")) == 4
    assert_nothing_kept(library)


def test_retry_after_as_http_date_is_understood(served_paper: FakeArxiv, library: Path) -> None:
    when = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 2))
    served_paper.fail("/api/query", status=503, times=1, retry_after=when)
    result = run("fetch", ID)
    assert result.exit_code == 0, result.stderr
    first, second = (r.time for r in served_paper.requests_to("/api/query")[:2])
    assert second - first >= 0.5


def test_503_then_success(served_paper: FakeArxiv, library: Path) -> None:
    served_paper.fail("/api/query", status=503, times=2)
    served_paper.fail(paper=ID, status=502, times=1)
    result = run("fetch", ID)
    assert result.exit_code == 0, result.stderr
    assert (library / ID / "paper.pdf").read_bytes() == served_paper.papers[ID].pdf
    assert temps(library) == []


def test_503_forever_on_the_pdf(served_paper: FakeArxiv, library: Path) -> None:
    served_paper.fail(paper=ID, status=503)
    result = run("fetch", ID)
    assert result.exit_code == 1
    assert "503" in one_error_line(result)
    assert_nothing_kept(library)


def test_connection_refused(served_paper: FakeArxiv, library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERKIT_ARXIV_API", unused_url() + "/api/query")
    started = time.monotonic()
    result = run("fetch", ID)
    assert result.exit_code == 1
    assert "refused" in one_error_line(result)
    assert time.monotonic() - started < 10
    assert_nothing_kept(library)


def test_api_that_never_answers_times_out(
    served_paper: FakeArxiv, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAPERKIT_TIMEOUT", "0.3")
    monkeypatch.setenv("PAPERKIT_RETRIES", "2")
    served_paper.fail("/api/query", mode="hang")
    started = time.monotonic()
    result = run("fetch", ID)
    assert result.exit_code == 1
    assert "timed out" in one_error_line(result)
    assert time.monotonic() - started < 10  # two tries of 0.3 s, not the server's 60 s
    assert_nothing_kept(library)


def test_html_page_instead_of_a_feed(
    served_paper: FakeArxiv, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAPERKIT_RETRIES", "2")
    served_paper.fail("/api/query", mode="html")
    result = run("fetch", ID)
    assert result.exit_code == 1
    assert "not an Atom feed" in one_error_line(result)
    assert_nothing_kept(library)


# --- The PDF download ---------------------------------------------------------------------------------


def test_pdf_that_stalls_mid_body_times_out(
    served_paper: FakeArxiv, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAPERKIT_TIMEOUT", "0.3")
    monkeypatch.setenv("PAPERKIT_RETRIES", "2")
    served_paper.fail(paper=ID, mode="stall")
    started = time.monotonic()
    result = run("fetch", ID)
    assert result.exit_code == 1
    assert "timed out" in one_error_line(result)
    assert time.monotonic() - started < 10
    assert_nothing_kept(library)


def test_pdf_that_streams_forever_hits_the_size_cap(
    served_paper: FakeArxiv, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real cap is 100 MB; the same code path with a 2 MB cap keeps the test fast.
    capped = partial(download_pdf, max_bytes=2 * 1024 * 1024)
    monkeypatch.setattr(paperkit.pipeline.fetch, "download_pdf", capped)
    served_paper.fail(paper=ID, mode="endless")
    result = run("fetch", ID)
    assert result.exit_code == 1
    assert "more than 2097152 bytes" in one_error_line(result)
    assert_nothing_kept(library)


def test_announced_size_over_the_cap_is_refused_before_download(
    served_paper: FakeArxiv, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paperkit.pipeline.fetch, "download_pdf", partial(download_pdf, max_bytes=100))
    result = run("fetch", ID)
    assert result.exit_code == 1
    assert "100-byte limit" in one_error_line(result)
    assert_nothing_kept(library)


@pytest.mark.parametrize(
    ("mode", "says"),
    [
        ("html", "HTML"),
        ("not_pdf", "not a PDF"),
        ("truncated", "truncated"),
        ("no_eof", "truncated"),
        ("redirect_loop", "redirect loop"),
    ],
)
def test_bad_pdf_bodies_keep_no_pdf(served_paper: FakeArxiv, library: Path, mode: str, says: str) -> None:
    served_paper.fail(paper=ID, mode=mode)
    result = run("fetch", ID)
    assert result.exit_code == 1
    assert says in one_error_line(result)
    assert_nothing_kept(library)


def test_truncated_once_then_whole(served_paper: FakeArxiv, library: Path) -> None:
    served_paper.fail(paper=ID, mode="truncated", times=1)
    result = run("fetch", ID)
    assert result.exit_code == 0, result.stderr
    assert (library / ID / "paper.pdf").read_bytes() == served_paper.papers[ID].pdf
    assert len(served_paper.requests_to("/pdf/")) == 2
    assert temps(library) == []


@pytest.mark.parametrize("mode", ["html", "truncated", "no_eof"])
def test_failed_refetch_keeps_the_good_pdf_and_note(
    served_paper: FakeArxiv, library: Path, mode: str
) -> None:
    assert run("fetch", ID).exit_code == 0
    folder = library / ID
    before = {name: (folder / name).read_bytes() for name in ("paper.pdf", "meta.json", "notes.md")}
    served_paper.fail(paper=ID, mode=mode)
    result = run("fetch", "--force", ID)
    assert result.exit_code == 1
    one_error_line(result)
    assert {name: (folder / name).read_bytes() for name in before} == before
    assert temps(library) == []
