"""Pages no part needs are not read when the outline names the numbered sections on them; the outline's
titles stand in for their headings. Without a numbered outline every page is read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from paperkit.extraction.pdf import extract_sections, layout, outline
from paperkit.extraction.pdf.page import PageText
from pdfgen import make_paper_pdf

INTRO = "Small networks are easy to train. This paper shows that they also learn well on small data."
RELATED = (
    "Earlier studies of small models focused on compression [1], while distillation [2] trains students."
)
LONG = " ".join(["The method multiplies inputs by weights and adds a bias before a nonlinearity."] * 120)
REFS = [f"A. Author{n}. A title of paper {n}. In a Conference, 20{10 + n}." for n in range(1, 9)]


def _paper(tmp_path: Path, names: list[str]) -> Path:
    bodies = [INTRO, LONG, LONG, LONG, RELATED, "Tiny networks learn small things."]
    return make_paper_pdf(
        tmp_path / "paper.pdf",
        title="Learning Small Things with Tiny Networks",
        abstract="We study how tiny networks learn small things, and report what we find below.",
        sections=list(zip(names, bodies, strict=True)),
        references=REFS,
        outline=True,
    )


@pytest.fixture
def pages_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    read: list[int] = []
    original = layout.read_page

    def counting(page: Any, page_no: int, *args: Any) -> PageText:
        read.append(page_no)
        return original(page, page_no, *args)

    monkeypatch.setattr(layout, "read_page", counting)
    return read


NUMBERED = ["1 Introduction", "2 Method", "3 Analysis", "4 Experiments", "5 Related Work", "6 Conclusion"]


def test_middle_pages_are_skipped_and_their_headings_come_from_the_outline(
    tmp_path: Path, pages_read: list[int]
) -> None:
    pdf = _paper(tmp_path, NUMBERED)
    s = extract_sections(pdf)
    assert s.headings == [*NUMBERED, "References"]
    assert s.introduction is not None and s.introduction.text.startswith("Small networks")
    assert s.related_work is not None and s.related_work.heading == "5 Related Work"
    assert len(s.references) == len(REFS)
    assert len(set(pages_read)) < s.pages


def test_an_unnumbered_outline_reads_every_page(tmp_path: Path, pages_read: list[int]) -> None:
    names = [n.split(" ", 1)[1] for n in NUMBERED]
    pdf = _paper(tmp_path, names)
    s = extract_sections(pdf)
    assert len(set(pages_read)) == s.pages


def test_plan_keeps_front_matter_introduction_related_work_and_references() -> None:
    toc = [
        [1, "1 Introduction", 2],
        [1, "2 Method", 3],
        [1, "3 Experiments", 6],
        [1, "4 Related Work", 9],
        [1, "5 Conclusion", 10],
        [1, "References", 11],
        [1, "A Proofs", 13],
    ]
    p = outline.plan(toc, 15)
    assert p is not None
    assert {0, 1, 2} <= p.pages  # front matter and the introduction's pages
    assert {8, 9} <= p.pages and {10, 11, 12} <= p.pages  # related work, references
    assert not {3, 4, 5, 13, 14} & p.pages
    assert [e.title for e in p.skipped_headings] == ["3 Experiments"]


def test_printed_lead_word_is_kept_for_skipped_headings() -> None:
    skipped = [outline.Entry(1, "4 Transposed convolution", 9)]
    printed = [(2, "Chapter 1 Introduction"), (5, "Chapter 2 Convolution"), (12, "Chapter 5 More")]
    merged = outline.merge_headings(printed, skipped)
    assert merged == [
        "Chapter 1 Introduction",
        "Chapter 2 Convolution",
        "Chapter 4 Transposed convolution",
        "Chapter 5 More",
    ]


def test_a_batch_read_ahead_on_a_pool_hands_each_paper_over_once(tmp_path: Path) -> None:
    from paperkit.extraction import PaperFiles
    from paperkit.extraction.batch import Job, ReadAhead

    good = Job(PaperFiles(pdf=_paper(tmp_path, NUMBERED)), "pdf")
    bad_pdf = tmp_path / "broken.pdf"
    bad_pdf.write_bytes(b"%PDF-1.4 not really")
    bad = Job(PaperFiles(pdf=bad_pdf), "pdf")
    with ReadAhead([good, bad, good], workers=2) as ahead:
        read = ahead.take(good)
        assert read is not None  # the sections, and the figure and formulas read with them
        first = read.sections
        assert first.headings[0] == "1 Introduction"
        assert first.route == "pdf" and first.found_by["introduction"].startswith("pdf/")
        assert ahead.take(good) is None  # handed over once: the pipeline reads it itself after that
        assert ahead.take(bad) is None  # the pipeline reads it again, to report why
    with ReadAhead([good], workers=2) as alone:  # one paper: no pool
        assert alone.take(good) is None


def test_an_outline_with_wrong_pages_falls_back_to_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pymupdf

    import paperkit.extraction.pdf as pdf_route

    pdf = _paper(tmp_path, NUMBERED)
    with pymupdf.open(pdf) as doc:
        toc = doc.get_toc()
        count = doc.page_count
        # from the related work on, every entry points at the last page: the plan misses its pages
        late = [t for _, t, _ in toc].index("5 Related Work")
        doc.set_toc([[lv, t, count if n >= late else p] for n, (lv, t, p) in enumerate(toc)])
        doc.save(tmp_path / "misled.pdf")
    reads: list[bool] = []
    original = pdf_route._extract

    def counting(doc: Any, skip: bool = True) -> Any:
        reads.append(skip)
        return original(doc, skip)

    monkeypatch.setattr(pdf_route, "_extract", counting)
    s = extract_sections(tmp_path / "misled.pdf")
    assert reads == [True, False]
    assert s.introduction is not None and s.introduction.text.startswith("Small networks")
    assert s.related_work is not None and s.related_work.heading == "5 Related Work"
    assert len(s.references) == len(REFS)
