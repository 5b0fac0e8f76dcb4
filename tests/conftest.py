"""Shared fixtures: a fake arXiv on 127.0.0.1 and a throw-away library, both wired in through env vars;
the evaluation corpus beside the checkout (``../shared/corpus``), read once per test run."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from fake_arxiv import FakeArxiv
from paperkit.records import Sections

# beside the checkout; PAPERKIT_CORPUS points elsewhere (a git worktree lives in another folder)
CORPUS = Path(
    os.environ.get("PAPERKIT_CORPUS") or Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
)


@pytest.fixture
def fake_arxiv(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeArxiv]:
    """A running fake arXiv; ``load_settings()`` points at it, with no delay and short timeouts."""
    fake = FakeArxiv().start()
    monkeypatch.setenv("PAPERKIT_ARXIV_API", fake.api_url)
    monkeypatch.setenv("PAPERKIT_ARXIV_DELAY", "0")
    monkeypatch.setenv("PAPERKIT_TIMEOUT", "2")
    monkeypatch.setenv("PAPERKIT_BACKOFF", "0.01")
    monkeypatch.setenv("PAPERKIT_RETRIES", "4")
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def served_paper(fake_arxiv: FakeArxiv, tmp_path: Path) -> FakeArxiv:
    """The fake arXiv serving one whole, readable paper: 1506.03099."""
    from reliability_support import add_good_paper

    add_good_paper(fake_arxiv, tmp_path, "1506.03099")
    return fake_arxiv


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty library folder, set as ``PAPERKIT_LIBRARY``."""
    lib = tmp_path / "library"
    lib.mkdir()
    monkeypatch.setenv("PAPERKIT_LIBRARY", str(lib))
    return lib


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The evaluation corpus folder; tests that use it skip cleanly when ``../shared`` is absent."""
    if not (CORPUS / "truth.jsonl").is_file():
        pytest.skip(f"no evaluation corpus at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_sections(corpus: Path) -> dict[str, Sections]:
    """arXiv ID → what the PDF route reads in each corpus PDF: extracted once per test run, shared by
    every test that scores the corpus."""
    from paperkit.extraction import PaperFiles, read_paper

    ids = [json.loads(line)["arxiv_id"] for line in (corpus / "truth.jsonl").read_text().splitlines() if line]
    return {aid: read_paper(PaperFiles(pdf=corpus / "pdf" / f"{aid}.pdf"), "pdf") for aid in ids}


# CI runs hypothesis derandomised: a property test either always passes or always fails there.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
