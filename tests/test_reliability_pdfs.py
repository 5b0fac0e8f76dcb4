"""Reliability: PDFs that cannot be read, or can only partly be read.

A bad PDF never fails the fetch: the note is written from arXiv's metadata, with a warning in the note
and on stderr. Exit status 3 says "fetched, but the PDF could not be read" (README, Exit status).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

import pymupdf
import pytest

from fake_arxiv import FakeArxiv
from paperkit.extraction.pdf import HEAD_PAGES, TAIL_PAGES, extract_sections
from pdfgen import make_encrypted_pdf, make_scanned_pdf, make_zero_page_pdf
from reliability_support import (
    ABSTRACT,
    REFERENCES,
    SECTIONS,
    assert_whole_note,
    paper_pdf,
    run,
    stray_lines,
    temps,
    warning_lines,
)

ID = "1506.03099"
TITLE = "Scheduled Sampling for Sequence Prediction with Recurrent Neural Networks"
EXTRACT_BOUND = 20.0  # seconds for the 1,000-page PDF: loose, the machine is shared and noisy


def serve(fake: FakeArxiv, pdf: bytes) -> None:
    fake.add_paper(ID, title=TITLE, abstract=ABSTRACT, authors=["Samy Bengio"], pdf=pdf)


def fetched_note(library: Path) -> str:
    note = (library / ID / "notes.md").read_text(encoding="utf-8")
    assert_whole_note(note)
    assert TITLE in note and "We propose a curriculum" in note  # the metadata made it in
    return note


def assert_unreadable_outcome(result_stderr: str, exit_code: int, library: Path, says: str) -> None:
    assert exit_code == 3, result_stderr
    warnings = warning_lines(result_stderr)
    assert len(warnings) == 1 and says in warnings[0], result_stderr
    assert stray_lines(result_stderr) == []
    note = fetched_note(library)
    assert "> **Warning:** the PDF could not be read" in note
    # The PDF is kept (it is what arXiv serves); no sections.json is claimed for it.
    assert sorted(p.name for p in (library / ID).iterdir() if p.name != ".lock") == [
        "meta.json",
        "notes.md",
        "paper.pdf",
    ]
    assert temps(library) == []


# --- Unreadable: exit 3, note from metadata -----------------------------------------------------------


def test_corrupt_pdf(fake_arxiv: FakeArxiv, library: Path) -> None:
    serve(fake_arxiv, b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    result = run("fetch", ID)
    assert_unreadable_outcome(result.stderr, result.exit_code, library, "could not be read")


def test_encrypted_pdf(fake_arxiv: FakeArxiv, library: Path, tmp_path: Path) -> None:
    serve(fake_arxiv, make_encrypted_pdf(tmp_path / "enc.pdf").read_bytes())
    result = run("fetch", ID)
    assert_unreadable_outcome(result.stderr, result.exit_code, library, "encrypted")


def test_zero_page_pdf(fake_arxiv: FakeArxiv, library: Path, tmp_path: Path) -> None:
    serve(fake_arxiv, make_zero_page_pdf(tmp_path / "zero.pdf").read_bytes())
    result = run("fetch", ID)
    assert_unreadable_outcome(result.stderr, result.exit_code, library, "no pages")


def test_scanned_pdf(fake_arxiv: FakeArxiv, library: Path, tmp_path: Path) -> None:
    serve(fake_arxiv, make_scanned_pdf(tmp_path / "scan.pdf").read_bytes())
    result = run("fetch", ID)
    assert result.exit_code == 3, result.stderr
    assert any("scanned" in w for w in warning_lines(result.stderr)), result.stderr
    assert stray_lines(result.stderr) == []
    assert "> **Warning:** the PDF could not be read" in fetched_note(library)


# --- Partly readable: exit 0, the note says what is missing -------------------------------------------


def test_pdf_without_headings(fake_arxiv: FakeArxiv, library: Path, tmp_path: Path) -> None:
    doc = pymupdf.open()
    for i in range(3):
        page = doc.new_page()
        page.insert_textbox(pymupdf.Rect(72, 72, 540, 720), (ABSTRACT + " ") * (4 + i), fontsize=10)
    serve(fake_arxiv, doc.tobytes())
    result = run("fetch", ID)
    assert result.exit_code == 0, result.stderr
    assert any("no section headings" in w for w in warning_lines(result.stderr)), result.stderr
    note = fetched_note(library)
    assert "**Warning:** no section headings found" in note
    sections = json.loads((library / ID / "sections.json").read_text())
    assert sections["headings"] == [] and sections["introduction"] is None


def test_headings_only_in_images(fake_arxiv: FakeArxiv, library: Path, tmp_path: Path) -> None:
    serve(fake_arxiv, paper_pdf(tmp_path, headings_as_images=True, outline=False))
    result = run("fetch", ID)
    assert result.exit_code == 0, result.stderr
    assert any("no section headings" in w for w in warning_lines(result.stderr)), result.stderr
    assert "**Warning:** no section headings found" in fetched_note(library)


def test_broken_pdf_at_rebuild_keeps_my_notes(fake_arxiv: FakeArxiv, library: Path, tmp_path: Path) -> None:
    serve(fake_arxiv, paper_pdf(tmp_path))
    assert run("fetch", ID).exit_code == 0
    note = library / ID / "notes.md"
    note.write_text(note.read_text() + "my thoughts\n")
    (library / ID / "paper.pdf").write_bytes(b"%PDF-1.4\nrubbish\n%%EOF\n")  # the disk rotted
    result = run("fetch", ID)
    assert result.exit_code == 3, result.stderr
    assert assert_whole_note(note.read_text()) == "\nmy thoughts\n"
    assert not (library / ID / "sections.json").exists()  # stale sections are not passed off as this PDF's


# --- 1,000 pages --------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def thousand_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1,000-page paper, made once per session: small pages, a line or two each."""
    path = tmp_path_factory.mktemp("big") / "thousand.pdf"
    doc = pymupdf.open()
    page = doc.new_page(width=300, height=200)
    page.insert_text((20, 30), "A Very Long Paper", fontsize=14)
    page.insert_text((20, 60), "Abstract", fontsize=11)
    page.insert_text((20, 80), ABSTRACT[:60], fontsize=8)
    heading, body = SECTIONS[0]
    page.insert_text((20, 110), heading, fontsize=11)
    page.insert_text((20, 130), body[:60], fontsize=8)
    for n in range(2, 1000):
        p = doc.new_page(width=300, height=200)
        p.insert_text((20, 40), f"Appendix page {n}: the proof goes on.", fontsize=8)
    last = doc.new_page(width=300, height=200)
    last.insert_text((20, 40), "References", fontsize=11)
    for i, ref in enumerate(REFERENCES, 1):
        last.insert_text((20, 60 + 14 * i), f"[{i}] {ref[:55]}", fontsize=7)
    doc.save(path, garbage=1, deflate=True)
    doc.close()
    return path


def test_thousand_pages_bounded_time_and_memory(thousand_pages: Path) -> None:
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    sections = extract_sections(thousand_pages)
    elapsed = time.monotonic() - started
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    assert sections.pages == 1000
    assert any(f"only pages 1-{HEAD_PAGES}" in w for w in sections.warnings)
    assert elapsed < EXTRACT_BOUND, elapsed
    assert grown_kb < (400 * 1024 if sys.platform != "darwin" else 400 * 1024 * 1024)  # KB on Linux
    # The tail is read: the reference list on the last page is found.
    assert sections.references and "Graves" in sections.references[0].text
    assert TAIL_PAGES < 1000


def test_thousand_pages_end_to_end(fake_arxiv: FakeArxiv, library: Path, thousand_pages: Path) -> None:
    serve(fake_arxiv, thousand_pages.read_bytes())
    result = run("fetch", ID)
    assert result.exit_code == 0, result.stderr
    assert any("long PDF" in w for w in warning_lines(result.stderr))
    assert "long PDF" in fetched_note(library)
