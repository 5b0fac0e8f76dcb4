"""extract_sections on generated PDFs: both layouts, furniture removal, hyphenation, the error cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperkit.errors import PdfError
from paperkit.extraction.pdf import extract_sections
from pdf_styles import Style
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

    from paperkit.extraction.pdf import HEAD_PAGES, TAIL_PAGES

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


# --- the paper's own arXiv ID: a stamp or a line of its own, never a cited preprint ---------------

CITED = "1308.0850"
CITING_INTRO = (
    "Sequence models were trained with teacher forcing, see Graves (arXiv:1308.0850) for an account "
    "of how such models generate text one symbol at a time, as exempli-\nfied by handwriting."
)
CITING_REFS = [
    "A. Graves. Generating sequences with recurrent neural networks. arXiv preprint\narXiv:1308.0850, 2013.",
    *REFS[:3],
]


def _short_paper(path: Path, **kw: object) -> Path:
    """A paper short enough that its whole reference list, citing arXiv:1308.0850, is on page 1."""
    args: dict[str, object] = dict(
        title=TITLE,
        abstract=ABSTRACT,
        sections=[("1 Introduction", CITING_INTRO), ("2 Conclusion", CONCLUSION)],
        references=CITING_REFS,
        outline=False,
        footnotes={1: [("1", "The preprint is arXiv:1308.0850 [cs.NE], cited here for its samples.")]},
    )
    args.update(kw)
    return make_paper_pdf(path, **args)


def test_cited_preprint_is_not_the_papers_id(tmp_path: Path) -> None:
    s = extract_sections(_short_paper(tmp_path / "cites.pdf"))
    assert s.introduction is not None and "1308.0850" in s.introduction.text  # printed on page 1
    assert any("1308.0850" in r.text for r in s.references)
    assert s.arxiv_id is None


def test_stamp_wins_over_cited_preprint(tmp_path: Path) -> None:
    s = extract_sections(_short_paper(tmp_path / "stamped.pdf", stamp=STAMP))
    assert s.arxiv_id == "2101.00001v2"


@pytest.mark.parametrize(
    "where",
    [
        {"first_page_header": "arXiv:2101.00001v2 [cs.LG] 4 Jan 2021"},
        {"first_page_header": "Preprint, under review.  arXiv:2101.00001v2 [cs.LG]"},
        {"first_page_footer": "arXiv:2101.00001v2"},
        {"title_block": ["University of Nowhere", "arXiv:2101.00001v2"]},
    ],
    ids=["header-stamp", "header-with-stamp", "footer-id", "title-block-id"],
)
def test_id_printed_horizontally_on_page_one(tmp_path: Path, where: dict[str, object]) -> None:
    s = extract_sections(_short_paper(tmp_path / "horizontal.pdf", **where))
    assert s.arxiv_id == "2101.00001v2"
    assert "2101.00001" not in s.title + s.abstract


def test_id_in_running_header_of_later_pages_only_is_ignored(tmp_path: Path) -> None:
    # a header on every page naming another paper ("Extends arXiv:1308.0850") is not this paper's ID
    s = extract_sections(
        _short_paper(tmp_path / "hdr.pdf", running_header="Extends arXiv:1308.0850 to words")
    )
    assert s.arxiv_id is None


# --- footnotes stay out of the running text --------------------------------------------------------

FOOTNOTE = "In fact, in our runs the method was not meaningfully slower to train than the baseline."


@pytest.mark.parametrize("size", [8.0, 9.0, 10.0])
@pytest.mark.parametrize("layout", ["one-column", "two-column"])
def test_footnote_inside_a_section_is_left_out(tmp_path: Path, size: float, layout: str) -> None:
    """A footnote at the foot of a page the related work runs across, in smaller or body-size type
    with a raised marker, does not split the section's sentence."""
    long_related = " ".join([RELATED] * 30)
    path = make_paper_pdf(
        tmp_path / "fn.pdf",
        title=TITLE,
        abstract=ABSTRACT,
        sections=[(h, long_related if "Related" in h else b) for h, b in _sections("")],
        references=REFS,
        layout=layout,
        outline=False,
        style=Style(footnote_size=size),
        footnotes={
            1: [("*", "Equal contribution. Work done while visiting the Toy Institute.")],
            2: [("3", FOOTNOTE), ("4", "Code at https://example.org/tiny, with every toy task.")],
        },
    )
    s = extract_sections(path)
    assert s.introduction is not None and s.related_work is not None
    assert s.related_work.page_end >= 2  # the footnote page is inside the span
    for text in (s.abstract, s.introduction.text, s.related_work.text):
        assert "meaningfully slower" not in text
        assert "Equal contribution" not in text
        assert "example.org" not in text
    assert " ".join(s.related_work.text.split()) == long_related
    # no sentence is cut into two paragraphs by the page break and the footnote
    assert all(para.endswith(".") for para in s.related_work.text.split("\n\n"))


def test_old_style_stamp(tmp_path: Path) -> None:
    s = extract_sections(_short_paper(tmp_path / "old.pdf", stamp="arXiv:hep-th/9901001v1  3 Jan 1999"))
    assert s.arxiv_id == "hep-th/9901001v1"


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("arXiv:1506.03099v3 [cs.LG] 23 Sep 2015", "1506.03099v3"),
        ("arXiv:1506.03099v3", "1506.03099v3"),
        ("Preprint arXiv:1506.03099", "1506.03099"),
        ("arXiv preprint arXiv:1308.0850, 2013.", None),  # the end of a reference entry
        ("see arXiv:1308.0850 for the samples", None),
        ("[3] A. Graves. arXiv:1308.0850", None),
        ("arXiv:1399.00001", None),  # month 99: not an ID
        ("Deep Residual Learning", None),
    ],
)
def test_stamp_line(line: str, want: str | None) -> None:
    from paperkit.extraction.pdf.stamp import stamp_line

    got = stamp_line(line)
    assert (str(got) if got else None) == want
