"""extract_sections on generated PDFs: both layouts, furniture removal, hyphenation, the error cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperkit.errors import PdfError
from paperkit.extract import extract_sections
from pdfgen import (
    make_encrypted_pdf,
    make_paper_pdf,
    make_scanned_pdf,
    make_zero_page_pdf,
)

TITLE = "Learning Small Things with Tiny Networks"
ABSTRACT = (
    "We study how tiny networks learn small things. Our method trains quickly and generalises well "
    "on every toy task we tried, which we report in detail below."
)
INTRO = (
    "Small networks are easy to train and easy to read. This paper shows that they also learn well "
    "when the data is small, as exempli-\nfied by our toy tasks.\n\n"
    "We describe the method, compare it with prior work and conclude with open questions."
)
RELATED = (
    "Earlier studies of small models focused on compression. Pruning removes weights after training, "
    "while distillation trains a small student from a large teacher. Our approach needs neither."
)
METHOD = " ".join(["The method multiplies inputs by weights and adds a bias before a nonlinearity."] * 45)
CONCLUSION = "Tiny networks learn small things well. Future work will try slightly larger things."
REFS = [
    "A. Author and B. Writer. Pruning neural networks. In Proceedings of a Conference, 2019.",
    "C. Teacher. Distilling knowledge into students. arXiv preprint arXiv:1503.02531, 2015.",
    "D. Reader. On small models and large data. Journal of Examples, 12(3):1-10, 2020.",
    "E. Critic. Why bigger is not always better. In Workshop on Sizes, 2021.",
]
STAMP = "arXiv:2101.00001v2  [cs.LG]  4 Jan 2021"


def _sections(numbering: str) -> list[tuple[str, str]]:
    names = ["Introduction", "Related Work", "Method", "Conclusion"]
    bodies = [INTRO, RELATED, METHOD, CONCLUSION]
    return [
        (f"{n}{numbering} {name}", body) for n, (name, body) in enumerate(zip(names, bodies, strict=True), 1)
    ]


@pytest.fixture(params=["one-column", "two-column"])
def paper(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    layout = request.param
    one = layout == "one-column"
    path = make_paper_pdf(
        tmp_path / f"{layout}.pdf",
        title=TITLE,
        abstract=ABSTRACT,
        sections=_sections("" if one else "."),
        references=REFS,
        layout=layout,
        outline=one,  # one column WITH an outline, two columns without
        stamp=STAMP,
        running_header="Preprint. Under review at a toy venue.",
        page_numbers=True,
    )
    return layout, path


def test_title_abstract_and_stamp(paper: tuple[str, Path]) -> None:
    _, path = paper
    s = extract_sections(path)
    assert s.title == TITLE
    assert s.abstract == ABSTRACT
    assert s.arxiv_id == "2101.00001v2"
    assert s.pages >= 2
    assert s.warnings == []


def test_headings_in_reading_order(paper: tuple[str, Path]) -> None:
    layout, path = paper
    s = extract_sections(path)
    sep = "" if layout == "one-column" else "."
    want = [
        f"1{sep} Introduction",
        f"2{sep} Related Work",
        f"3{sep} Method",
        f"4{sep} Conclusion",
        "References",
    ]
    assert s.headings == want
    assert s.found_by["introduction"] == ("outline" if layout == "one-column" else "typography")


def test_introduction_and_related_work(paper: tuple[str, Path]) -> None:
    _, path = paper
    s = extract_sections(path)
    assert s.introduction is not None and s.related_work is not None
    assert s.introduction.heading.endswith("Introduction")
    assert s.introduction.text.startswith("Small networks are easy to train")
    assert s.introduction.text.endswith("conclude with open questions.")
    assert "exemplified by our toy tasks" in s.introduction.text  # hyphenation undone
    assert s.introduction.page_start == 1
    assert s.related_work.heading.endswith("Related Work")
    assert " ".join(s.related_work.text.split()) == RELATED


def test_furniture_left_out(paper: tuple[str, Path]) -> None:
    _, path = paper
    s = extract_sections(path)
    assert s.introduction is not None and s.related_work is not None
    texts = [s.abstract, s.introduction.text, s.related_work.text] + [r.text for r in s.references]
    for text in texts:
        assert "Preprint" not in text
        assert "arXiv:2101" not in text
        assert not any(word.isdigit() for word in text.split())  # no page numbers


def test_references_split_with_labels(paper: tuple[str, Path]) -> None:
    _, path = paper
    refs = extract_sections(path).references
    assert [r.label for r in refs] == ["[1]", "[2]", "[3]", "[4]"]
    assert [r.text for r in refs] == REFS
    assert all(r.authors == [] and r.year is None for r in refs)


def test_no_related_work_is_not_invented(tmp_path: Path) -> None:
    sections = [(h, b) for h, b in _sections("") if "Related" not in h]
    path = make_paper_pdf(
        tmp_path / "p.pdf", title=TITLE, abstract=ABSTRACT, sections=sections, references=REFS, outline=False
    )
    s = extract_sections(path)
    assert s.related_work is None
    assert s.introduction is not None
    assert s.arxiv_id is None


def test_headings_as_images_give_a_warning(tmp_path: Path) -> None:
    path = make_paper_pdf(
        tmp_path / "img.pdf",
        title=TITLE,
        abstract=ABSTRACT,
        sections=_sections(""),
        references=REFS,
        outline=False,
        headings_as_images=True,
    )
    s = extract_sections(path)
    assert s.headings == []
    assert s.introduction is None
    assert any("heading" in w for w in s.warnings)


def test_scanned_pdf_warns_instead_of_failing(tmp_path: Path) -> None:
    s = extract_sections(make_scanned_pdf(tmp_path / "scan.pdf"))
    assert s.title == "" and s.abstract == "" and s.introduction is None
    assert any("scanned" in w for w in s.warnings)
    assert s.pages == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.pdf", b"just some text, not a PDF at all\n"),
        ("empty.pdf", b""),
        ("corrupt.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n\x00\xff garbage"),
        ("truncated.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
    ],
)
def test_unreadable_files_raise_pdf_error(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(PdfError) as info:
        extract_sections(path)
    assert "\n" not in str(info.value)


def test_missing_file_raises_pdf_error(tmp_path: Path) -> None:
    with pytest.raises(PdfError):
        extract_sections(tmp_path / "absent.pdf")


def test_encrypted_pdf_raises_pdf_error(tmp_path: Path) -> None:
    with pytest.raises(PdfError, match="encrypted"):
        extract_sections(make_encrypted_pdf(tmp_path / "locked.pdf"))


def test_zero_page_pdf_raises_pdf_error(tmp_path: Path) -> None:
    with pytest.raises(PdfError, match="no pages"):
        extract_sections(make_zero_page_pdf(tmp_path / "zero.pdf"))


def test_long_pdf_reads_head_and_tail_only(tmp_path: Path) -> None:
    import pymupdf

    from paperkit.extract import HEAD_PAGES, TAIL_PAGES

    src = make_paper_pdf(
        tmp_path / "p.pdf", title=TITLE, abstract=ABSTRACT, sections=_sections(""), references=REFS
    )
    doc = pymupdf.open(src)
    for _ in range(HEAD_PAGES + TAIL_PAGES + 30):
        doc.insert_page(1, text="Filler page of a very long appendix.")
    doc.save(tmp_path / "long.pdf")
    s = extract_sections(tmp_path / "long.pdf")
    assert s.pages == doc.page_count
    assert s.title == TITLE
    assert [r.label for r in s.references] == ["[1]", "[2]", "[3]", "[4]"]
    assert any("only pages" in w for w in s.warnings)
