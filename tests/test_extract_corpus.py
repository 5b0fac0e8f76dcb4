"""The extraction figures on the ground-truth corpus stay above their targets (skipped without it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from dev.bench_extraction import NEW_PAPERS, NEW_TARGETS, TARGETS, PaperScore, evaluate, summarize

from paperkit.records import Sections

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def scores(corpus: Path, corpus_sections: dict[str, Sections]) -> list[PaperScore]:
    return evaluate(corpus, corpus_sections)


@pytest.fixture(scope="module")
def figures(scores: list[PaperScore]) -> dict[str, float]:
    return summarize(scores)


@pytest.mark.parametrize("field", sorted(NEW_TARGETS))
def test_field_meets_target_on_the_papers_added_last(scores: list[PaperScore], field: str) -> None:
    new = summarize(scores[-NEW_PAPERS:])
    assert new[field] >= NEW_TARGETS[field], f"{field}: {new[field]:.3f} < {NEW_TARGETS[field]}"


@pytest.mark.parametrize("field", sorted(TARGETS))
def test_field_meets_target(figures: dict[str, float], field: str) -> None:
    assert figures[field] >= TARGETS[field], f"{field}: {figures[field]:.3f} < {TARGETS[field]}"


def test_no_related_work_invented(figures: dict[str, float]) -> None:
    assert figures["related_work_none"] == 1.0
    assert figures["related_work_present"] >= TARGETS["related_work"]
