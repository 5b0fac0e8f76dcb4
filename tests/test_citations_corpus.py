"""Citation linking on the evaluation corpus (citations.jsonl): found-and-linked share stays high."""

from __future__ import annotations

import json

import pytest
from dev.bench_citations import score_truth, section_markers

from conftest import CORPUS
from paperkit.extraction.citations import link_citations
from paperkit.records import Reference, Sections

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def extracted(corpus_sections: dict[str, Sections]) -> dict[str, tuple[str, str, list[Reference]]]:
    """arXiv id → (introduction text, related-work text, parsed references) for the citation papers."""
    out = {}
    for line in (CORPUS / "citations.jsonl").read_text(encoding="utf-8").splitlines():
        aid = json.loads(line)["arxiv_id"]
        s = corpus_sections[aid]
        intro = s.introduction.text if s.introduction else ""
        related = s.related_work.text if s.related_work else ""
        out[aid] = (intro, related, s.references)
    return out


def test_truth_markers_found_and_linked(extracted: dict[str, tuple[str, str, list[Reference]]]) -> None:
    markers = found = linked = 0
    for line in (CORPUS / "citations.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        intro, _, refs = extracted[record["arxiv_id"]]
        score = score_truth(link_citations(intro, refs), record["markers"])
        markers, found, linked = markers + score.markers, found + score.found, linked + score.linked
    assert markers > 0
    assert found / markers >= 0.9
    assert linked / markers >= 0.9


def test_intro_and_related_markers_mostly_linked(
    extracted: dict[str, tuple[str, str, list[Reference]]],
) -> None:
    from dev.bench_citations import Paper

    from paperkit.records import Section, Sections

    total = resolved = 0
    for aid, (intro, related, refs) in extracted.items():
        sections = Sections(
            title="",
            abstract="",
            headings=[],
            introduction=Section("Introduction", intro, 1, 1),
            related_work=Section("Related Work", related, 1, 1) if related else None,
            references=refs,
        )
        ms = section_markers(Paper(aid, sections, refs))
        total += len(ms)
        resolved += sum(bool(m.targets) for _, m in ms)
    assert total > 0
    assert resolved / total >= 0.85
