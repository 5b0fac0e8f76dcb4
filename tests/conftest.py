"""Shared fixtures: a fake arXiv on 127.0.0.1 and a throw-away library, both wired in through env vars."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from fake_arxiv import FakeArxiv


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
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty library folder, set as ``PAPERKIT_LIBRARY``."""
    lib = tmp_path / "library"
    lib.mkdir()
    monkeypatch.setenv("PAPERKIT_LIBRARY", str(lib))
    return lib


# CI runs hypothesis derandomised: a property test either always passes or always fails there.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
