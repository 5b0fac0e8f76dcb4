"""PDF downloads against the fake arXiv: success, every way a server can fail, and a clean folder after."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pymupdf
import pytest

from fake_arxiv import FakeArxiv, make_pdf_bytes, unused_url
from paperkit.access.arxiv_api import ArxivApi
from paperkit.access.download import download_pdf
from paperkit.access.ids import ArxivId
from paperkit.config import Settings, load_settings
from paperkit.errors import DownloadError

OLD = b"the previous paper.pdf, which a failed download must leave alone"
# PDF-shaped bytes big enough to arrive in several chunks; the downloader checks only head, length, tail.
BIG = b"%PDF-1.4\n%" + b"0123456789" * 30_000 + b"\n%%EOF\n"


@pytest.fixture
def paper(fake_arxiv: FakeArxiv) -> str:
    """The URL of a registered paper's PDF on the fake."""
    fake_arxiv.add_paper("1506.03099", version=3, title="Scheduled Sampling", pdf=BIG)
    return fake_arxiv.pdf_url("1506.03099", 3)


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    folder = tmp_path / "papers" / "1506.03099"
    folder.mkdir(parents=True)
    path = folder / "paper.pdf"
    path.write_bytes(OLD)
    return path


def assert_untouched(dest: Path) -> None:
    """``dest`` still holds the old bytes and no temporary file is left beside it."""
    assert dest.read_bytes() == OLD
    assert [p.name for p in dest.parent.iterdir()] == [dest.name]


def test_download_ok_with_progress(paper: str, dest: Path) -> None:
    calls: list[tuple[int, int | None]] = []
    size = download_pdf(
        paper, dest, load_settings(), progress=lambda done, total: calls.append((done, total))
    )
    assert size == len(BIG)
    assert dest.read_bytes() == BIG
    assert len(calls) >= 2
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert calls[-1] == (len(BIG), len(BIG))
    assert [p.name for p in dest.parent.iterdir()] == [dest.name]


def test_download_creates_the_folder_and_a_real_pdf_opens(fake_arxiv: FakeArxiv, tmp_path: Path) -> None:
    fake_arxiv.add_paper("1706.03762", title="Attention", pdf=make_pdf_bytes("Attention", pages=2))
    meta = ArxivApi(load_settings()).lookup(ArxivId("1706.03762"))
    assert meta.pdf_url is not None
    target = tmp_path / "new" / "folder" / "paper.pdf"
    download_pdf(meta.pdf_url, target, load_settings())
    with pymupdf.open(target) as doc:
        assert doc.page_count == 2
        assert "Attention" in doc[0].get_text()


def test_html_instead_of_pdf(fake_arxiv: FakeArxiv, paper: str, dest: Path) -> None:
    fake_arxiv.fail(paper="1506.03099", mode="html")
    with pytest.raises(DownloadError, match="server sent HTML, not a PDF"):
        download_pdf(paper, dest, load_settings())
    assert_untouched(dest)
    assert len(fake_arxiv.requests_to("/pdf/")) == 1


def test_not_a_pdf(fake_arxiv: FakeArxiv, paper: str, dest: Path) -> None:
    fake_arxiv.fail(paper="1506.03099", mode="not_pdf")
    with pytest.raises(DownloadError, match="not a PDF"):
        download_pdf(paper, dest, load_settings())
    assert_untouched(dest)


def test_truncated_every_time(fake_arxiv: FakeArxiv, paper: str, dest: Path) -> None:
    fake_arxiv.fail(paper="1506.03099", mode="truncated")
    with pytest.raises(DownloadError, match="after 4 tries: truncated"):
        download_pdf(paper, dest, load_settings())
    assert_untouched(dest)
    assert len(fake_arxiv.requests_to("/pdf/")) == 4


def test_truncated_once_then_whole(fake_arxiv: FakeArxiv, paper: str, dest: Path) -> None:
    fake_arxiv.fail(paper="1506.03099", mode="truncated", times=1)
    assert download_pdf(paper, dest, load_settings()) == len(BIG)
    assert dest.read_bytes() == BIG


def test_missing_eof_is_truncation(fake_arxiv: FakeArxiv, paper: str, dest: Path) -> None:
    fake_arxiv.fail(paper="1506.03099", mode="no_eof")
    with pytest.raises(DownloadError, match="%%EOF"):
        download_pdf(paper, dest, load_settings())
    assert_untouched(dest)


def test_endless_stream_hits_the_cap(fake_arxiv: FakeArxiv, paper: str, dest: Path) -> None:
    fake_arxiv.fail(paper="1506.03099", mode="endless")
    with pytest.raises(DownloadError, match="more than 1000000 bytes"):
        download_pdf(paper, dest, load_settings(), max_bytes=1_000_000)
    assert_untouched(dest)
    assert len(fake_arxiv.requests_to("/pdf/")) == 1


def test_a_dribbling_server_is_bounded_by_the_deadline(fake_arxiv: FakeArxiv, paper: str, dest: Path) -> None:
    fake_arxiv.fail(paper="1506.03099", mode="slow", delay=0.05)  # every read is quick, the whole is not
    with pytest.raises(DownloadError, match="still sending"):
        download_pdf(paper, dest, load_settings(), deadline=0.3)
    assert_untouched(dest)
    assert len(fake_arxiv.requests_to("/pdf/")) == 1  # not retried: it would dribble again


def test_announced_size_over_the_cap_is_refused_early(fake_arxiv: FakeArxiv, paper: str, dest: Path) -> None:
    seen: list[int] = []
    with pytest.raises(DownloadError, match="limit"):
        download_pdf(paper, dest, load_settings(), progress=lambda d, t: seen.append(d), max_bytes=1000)
    assert seen == []
    assert_untouched(dest)


def test_redirect_loop(fake_arxiv: FakeArxiv, paper: str, dest: Path) -> None:
    fake_arxiv.fail(paper="1506.03099", mode="redirect_loop")
    with pytest.raises(DownloadError, match="redirect loop"):
        download_pdf(paper, dest, load_settings())
    assert_untouched(dest)


def test_404_is_not_retried(fake_arxiv: FakeArxiv, dest: Path) -> None:
    url = fake_arxiv.pdf_url("2412.99999", 1)
    with pytest.raises(DownloadError, match="404"):
        download_pdf(url, dest, load_settings())
    assert_untouched(dest)
    assert len(fake_arxiv.requests_to("/pdf/")) == 1


def test_429_with_retry_after_then_success(fake_arxiv: FakeArxiv, paper: str, dest: Path) -> None:
    fake_arxiv.fail(paper="1506.03099", status=429, times=1, retry_after=1)
    assert download_pdf(paper, dest, load_settings()) == len(BIG)
    first, second = fake_arxiv.requests_to("/pdf/")
    assert second.time - first.time >= 0.9


def test_503_exhaustion(fake_arxiv: FakeArxiv, paper: str, dest: Path) -> None:
    fake_arxiv.fail(paper="1506.03099", status=503)
    with pytest.raises(DownloadError) as info:
        download_pdf(paper, dest, load_settings())
    assert str(info.value) == f"download of {paper} failed after 4 tries: HTTP 503"
    assert_untouched(dest)
    assert len(fake_arxiv.requests_to("/pdf/")) == 4


def test_hang_is_bounded_by_the_timeout(fake_arxiv: FakeArxiv, paper: str, dest: Path) -> None:
    fake_arxiv.fail(paper="1506.03099", mode="hang")
    settings = dataclasses.replace(load_settings(), timeout=0.3, retries=2)
    start = time.monotonic()
    with pytest.raises(DownloadError, match="timed out"):
        download_pdf(paper, dest, settings)
    assert time.monotonic() - start < 10
    assert_untouched(dest)


def test_stall_mid_body_is_bounded_by_the_read_timeout(fake_arxiv: FakeArxiv, paper: str, dest: Path) -> None:
    fake_arxiv.fail(paper="1506.03099", mode="stall", times=1)
    settings = dataclasses.replace(load_settings(), timeout=0.3)
    seen: list[int] = []
    assert download_pdf(paper, dest, settings, progress=lambda d, t: seen.append(d)) == len(BIG)
    assert dest.read_bytes() == BIG
    assert 0 < seen[0] < len(BIG)  # the stalled try got part of the body before timing out
    assert len(fake_arxiv.requests_to("/pdf/")) == 2


def test_stall_every_time(fake_arxiv: FakeArxiv, paper: str, dest: Path) -> None:
    fake_arxiv.fail(paper="1506.03099", mode="stall")
    settings = dataclasses.replace(load_settings(), timeout=0.3, retries=2)
    with pytest.raises(DownloadError, match="after 2 tries: timed out"):
        download_pdf(paper, dest, settings)
    assert_untouched(dest)


def test_connection_refused(dest: Path) -> None:
    url = unused_url() + "/pdf/1506.03099"
    settings = Settings(library=dest.parent, delay=0, timeout=1, retries=2, backoff=0.01)
    with pytest.raises(DownloadError, match="after 2 tries: connection refused"):
        download_pdf(url, dest, settings)
    assert_untouched(dest)


def test_ctrl_c_mid_download_cleans_up(paper: str, dest: Path) -> None:
    def interrupt(done: int, total: int | None) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        download_pdf(paper, dest, load_settings(), progress=interrupt)
    assert_untouched(dest)


def test_unsupported_url_is_a_clean_error(dest: Path) -> None:
    with pytest.raises(DownloadError):
        download_pdf("ftp://example.invalid/x.pdf", dest, load_settings())
    assert_untouched(dest)
