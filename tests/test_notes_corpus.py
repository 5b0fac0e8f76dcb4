"""The notes of the 40 corpus papers (read at run time from ../shared; skipped when it is absent):
no visible backslash escapes, no layout debris in quoted sentences, related ideas with whole topics."""

from __future__ import annotations

import json
import re
import statistics
from pathlib import Path

import pytest

from paperkit.notes.content import NoteContent, Surroundings, build_note
from paperkit.notes.render import render_note
from paperkit.records import PaperMeta, Sections

# A backslash that Markdown would show: before a letter or a digit ("\1." instead of "1\.").
VISIBLE_ESCAPE = re.compile(r"\\[A-Za-z0-9]")
# Two or more number-only tokens in a row inside a sentence: a figure's axis read as text.
NUMBER_RUN = re.compile(r"(?<![\w.,])\d+(?:\.\d+)?\s+\d+(?:\.\d+)?\s+(?=[A-Za-z])")
QUOTED = re.compile(r"^(?:> |- |1\. |   - |- “|  - how this paper differs: “)(.*)$", re.MULTILINE)


@pytest.fixture(scope="module")
def notes(
    corpus_sections: dict[str, Sections], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[NoteContent, str]]:
    out = {}
    for aid, sections in corpus_sections.items():
        meta = PaperMeta(id=aid, version=None, title=sections.title, abstract=sections.abstract)
        content = build_note(meta, sections, Surroundings(has_pdf=True))
        out[aid] = (content, render_note(content))
    return out


def test_no_visible_backslash_escapes(notes: dict[str, tuple[NoteContent, str]]) -> None:
    bad = [pid for pid, (_, text) in notes.items() if VISIBLE_ESCAPE.search(text.split("## BibTeX")[0])]
    assert bad == []


def test_no_number_runs_in_quoted_sentences(notes: dict[str, tuple[NoteContent, str]]) -> None:
    reading = {pid: text.split("## Reimplementation")[0] for pid, (_, text) in notes.items()}
    bad = [
        (pid, m.group(1)[:60])
        for pid, t in reading.items()
        for m in QUOTED.finditer(t)
        if NUMBER_RUN.search(m.group(1))
    ]
    assert bad == []


def test_related_ideas_for_every_paper_with_related_work(
    corpus: Path, notes: dict[str, tuple[NoteContent, str]]
) -> None:
    truth = [json.loads(line) for line in (corpus / "truth.jsonl").read_text().splitlines() if line.strip()]
    missing = []
    for t in truth:
        content, _ = notes.get(t["arxiv_id"], (None, ""))
        if content is None or not t.get("related_work"):
            continue
        related = content.related
        if content.sections and content.sections.related_work and not related:
            missing.append(t["arxiv_id"])
        for r in related:
            assert not r.topic.endswith(("…", "...")), r.topic
            assert len(r.topic.split()) <= 8, r.topic
    assert missing == []


def test_reading_parts_fit_on_one_screen(notes: dict[str, tuple[NoteContent, str]]) -> None:
    """The part from the title to "Background to look up": at most 300 words for the median paper and
    at most 40% of the abstract and introduction's words for the median paper."""
    sizes, ratios = [], []
    for content, text in notes.values():
        reading = text.split("## Background to look up")[0]
        reading = re.sub(r"\]\([^)\s]*\)", "]", reading[reading.find("\n# ") :])  # link targets are not read
        words = len(reading.split())
        intro = content.introduction.text if content.introduction else ""
        source = len(f"{content.pdf_abstract} {intro}".split())
        sizes.append(words)
        ratios.append(words / max(source, 1))
    assert statistics.median(sizes) <= 300
    assert statistics.median(ratios) <= 0.40
    assert max(sizes) <= 350  # the cap, with the contributions list kept whole and the part's frame
