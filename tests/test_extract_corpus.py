"""The extraction figures on the ground-truth corpus stay above their targets (skipped without it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from dev.bench_extraction import TARGETS, evaluate, summarize

# beside the repository; PAPERKIT_CORPUS points elsewhere (a git worktree lives in another directory)
BESIDE = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
CORPUS = Path(os.environ.get("PAPERKIT_CORPUS", BESIDE))

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    if not (CORPUS / "truth.jsonl").is_file():
        pytest.skip(f"no corpus at {CORPUS}")
    return summarize(evaluate(CORPUS))


@pytest.mark.parametrize("field", sorted(TARGETS))
def test_field_meets_target(figures: dict[str, float], field: str) -> None:
    assert figures[field] >= TARGETS[field], f"{field}: {figures[field]:.3f} < {TARGETS[field]}"


def test_no_related_work_invented(figures: dict[str, float]) -> None:
    assert figures["related_work_none"] >= TARGETS["related_work"]
    assert figures["related_work_present"] >= TARGETS["related_work"]
