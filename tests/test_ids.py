"""arXiv ID parsing: what a person may type, what must be refused, and keys that stay inside the library."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import CORPUS
from paperkit.access.ids import ArxivId, find_arxiv_id, local_key, parse_arxiv_id, parse_paper_arg
from paperkit.errors import BadInput
from paperkit.library.store import Library

VALID = [
    ("1506.03099", "1506.03099", None),
    ("1506.03099v3", "1506.03099", 3),
    ("arXiv:1506.03099", "1506.03099", None),
    ("ARXIV:1506.03099v12", "1506.03099", 12),
    ("arxiv:2301.12345", "2301.12345", None),
    ("0704.0001", "0704.0001", None),
    ("1412.6980v9", "1412.6980", 9),
    ("  1706.03762\n", "1706.03762", None),
    ("hep-th/9901001", "hep-th/9901001", None),
    ("cs/0112017v1", "cs/0112017", 1),
    ("math.GT/0309136", "math.GT/0309136", None),
    ("math.gt/0309136", "math.GT/0309136", None),
    ("cond-mat/0603029v1", "cond-mat/0603029", 1),
    ("https://arxiv.org/abs/1506.03099", "1506.03099", None),
    ("http://arxiv.org/abs/1506.03099v3", "1506.03099", 3),
    ("https://www.arxiv.org/abs/1506.03099/", "1506.03099", None),
    ("https://export.arxiv.org/abs/1506.03099", "1506.03099", None),
    ("https://arxiv.org/pdf/1506.03099v3.pdf", "1506.03099", 3),
    ("https://arxiv.org/pdf/1506.03099v3", "1506.03099", 3),
    ("arxiv.org/abs/1506.03099", "1506.03099", None),
    ("https://arxiv.org/abs/1506.03099?context=cs", "1506.03099", None),
    ("https://arxiv.org/abs/1506.03099v2#section", "1506.03099", 2),
    ("https://arxiv.org/abs/hep-th/9901001v2", "hep-th/9901001", 2),
    ("https://arxiv.org/pdf/cs/0112017v1.pdf", "cs/0112017", 1),
    ("HTTPS://ARXIV.ORG/ABS/1506.03099", "1506.03099", None),
]

INVALID = [
    "",
    "   ",
    "1506",
    "1506.0309",  # four digits after 2014
    "1506.030991",
    "1412.69801",  # five digits before 2015
    "1513.03099",  # month 13
    "1500.03099",  # month 00
    "0612.0001",  # before the new scheme began
    "0000.0000",
    "1506.03099v0",
    "1506.03099v",
    "1506.03099 v3",
    "1506 .03099",
    "15O6.03099",  # letter O
    "１５０６.０３０９９",  # full-width digits
    "1506.03099\u200b",  # zero-width space inside
    "1506٫03099",  # Arabic decimal separator
    "../../x",
    "cs/../../x",
    "../1506.03099",
    "1506.03099/..",
    "/etc/passwd",
    "/abs/1506.03099",
    "C:\\papers\\1506.03099",
    "hep-th/990100",  # six digits
    "hep-th/99010011",
    "hep-th/9913001",  # month 13
    "hep_th/9901001",
    "-th/9901001",
    "hep-th-/9901001",
    "math.GTX/0309136",
    "cs/1112001",  # 2011 is not old-style
    "https://example.org/abs/1506.03099",
    "https://arxiv.org/list/1506.03099",
    "https://arxiv.org.evil.com/abs/1506.03099",
    "https://arxiv.org/abs/1506.03099/extra",
    "arXiv:",
    "arXiv: 1506.03099",
    "doi:10.1000/1506.03099",
]


@pytest.mark.parametrize(("text", "expected_id", "version"), VALID)
def test_valid_ids_parse(text: str, expected_id: str, version: int | None) -> None:
    parsed = parse_arxiv_id(text)
    assert parsed.id == expected_id
    assert parsed.version == version


@pytest.mark.parametrize("text", INVALID)
def test_invalid_ids_are_refused_with_a_helpful_line(text: str) -> None:
    with pytest.raises(BadInput) as info:
        parse_arxiv_id(text)
    message = str(info.value)
    assert "\n" not in message
    assert "1506.03099" in message  # shows what a valid ID looks like


def test_message_quotes_long_input_briefly() -> None:
    with pytest.raises(BadInput) as info:
        parse_arxiv_id("x" * 500)
    assert len(str(info.value)) < 250


def test_arxiv_id_properties() -> None:
    old = ArxivId("hep-th/9901001", 2)
    assert old.key == "hep-th_9901001"
    assert old.versioned == "hep-th/9901001v2"
    assert str(old) == "hep-th/9901001v2"
    new = ArxivId("1506.03099", None)
    assert new.key == "1506.03099"
    assert new.versioned == str(new) == "1506.03099"


def test_find_arxiv_id_reads_the_margin_stamp() -> None:
    text = "Scheduled Sampling\narXiv:1506.03099v3  [cs.LG]  23 Sep 2015\nAbstract ..."
    assert find_arxiv_id(text) == ArxivId("1506.03099", 3)
    assert find_arxiv_id("see arXiv:hep-th/9901001 for details") == ArxivId("hep-th/9901001", None)


def test_find_arxiv_id_prefers_the_stamp_over_a_citation() -> None:
    text = "as shown in arXiv:1409.0473, ... \narXiv:1706.03762v5 [cs.CL] 6 Dec 2017"
    assert find_arxiv_id(text) == ArxivId("1706.03762", 5)
    assert find_arxiv_id("cited: arXiv:1409.0473v7 and more") == ArxivId("1409.0473", 7)


def test_find_arxiv_id_none_and_invalid() -> None:
    assert find_arxiv_id("no identifier here, only 1506.03099 without the prefix") is None
    assert find_arxiv_id("arXiv:1513.03099 [cs.LG]") is None  # month 13
    assert find_arxiv_id("arXiv:1506.030991") is None
    assert find_arxiv_id("") is None


@pytest.mark.corpus
def test_find_arxiv_id_in_corpus_stamps() -> None:
    """Every corpus PDF's first page yields its own ID and the version of its stamp (truth.jsonl)."""
    corpus = CORPUS
    if not (corpus / "truth.jsonl").is_file():
        pytest.skip("corpus not present")
    import json

    import pymupdf

    records = [json.loads(line) for line in (corpus / "truth.jsonl").read_text().splitlines() if line.strip()]
    assert records
    for record in records:
        stamp = parse_arxiv_id(record["arxiv_stamp"].split()[0])
        with pymupdf.open(corpus / "pdf" / f"{record['arxiv_id']}.pdf") as doc:
            found = find_arxiv_id(doc[0].get_text())
        assert found == ArxivId(record["arxiv_id"], stamp.version), record["arxiv_id"]


def test_parse_paper_arg_local_and_remote(tmp_path: Path) -> None:
    pdf = tmp_path / "my paper.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert parse_paper_arg(str(pdf)) == pdf
    assert parse_paper_arg("1506.03099v3") == ArxivId("1506.03099", 3)
    assert parse_paper_arg("https://arxiv.org/pdf/1506.03099v3.pdf") == ArxivId("1506.03099", 3)
    with pytest.raises(BadInput, match="no such file"):
        parse_paper_arg(str(tmp_path / "missing.pdf"))
    with pytest.raises(BadInput):
        parse_paper_arg("not-an-id")
    with pytest.raises(BadInput):
        parse_paper_arg("")


def test_parse_paper_arg_names_a_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("downloads", "folder.pdf"):
        (tmp_path / name).mkdir()
        with pytest.raises(BadInput, match="is a directory") as caught:
            parse_paper_arg(str(tmp_path / name))
        assert "no such file" not in str(caught.value)
    # a folder that happens to carry an ID's name (the library's own, say) still means the ID
    monkeypatch.chdir(tmp_path)
    (tmp_path / "1506.03099").mkdir()
    assert parse_paper_arg("1506.03099") == ArxivId("1506.03099", None)


def test_parse_paper_arg_prefers_an_existing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("1506.03099").write_bytes(b"%PDF-1.4\n")
    assert parse_paper_arg("1506.03099") == Path("1506.03099")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Attention Is All You Need.pdf", "Attention_Is_All_You_Need"),
        ("1506.03099v3.pdf", "1506.03099v3"),
        ("..evil...name.PDF", "evil.name"),
        ("a/b", "b"),
        ("-x-.pdf", "x"),
    ],
)
def test_local_key_examples(name: str, expected: str) -> None:
    assert local_key(Path(name)) == expected


def test_local_key_of_unusable_name_is_a_stable_hash() -> None:
    key = local_key(Path("对比学习.pdf"))
    assert re.fullmatch(r"paper-[0-9a-f]{10}", key)
    assert key == local_key(Path("对比学习.pdf"))
    assert key != local_key(Path("另一个.pdf"))


# Property tests.

new_ids = st.builds(
    lambda yymm, num, v: (f"{yymm:04d}.{num:0{4 if yymm <= 1412 else 5}d}", v),
    st.sampled_from([y * 100 + m for y in range(7, 30) for m in range(1, 13) if y * 100 + m >= 704]),
    st.integers(0, 9999),
    st.one_of(st.none(), st.integers(1, 99)),
)
old_ids = st.builds(
    lambda archive, sc, yy, mm, n, v: (f"{archive}{sc}/{yy:02d}{mm:02d}{n:03d}", v),
    st.sampled_from(["hep-th", "cs", "math", "cond-mat", "astro-ph", "quant-ph"]),
    st.sampled_from(["", ".GT", ".AI"]),
    st.sampled_from([92, 95, 99, 0, 3, 6]),
    st.integers(1, 12),
    st.integers(0, 999),
    st.one_of(st.none(), st.integers(1, 9)),
)


@given(st.one_of(new_ids, old_ids), st.sampled_from(["{}", "arXiv:{}", "https://arxiv.org/abs/{}"]))
def test_every_valid_id_round_trips(case: tuple[str, int | None], form: str) -> None:
    ident, version = case
    parsed = parse_arxiv_id(form.format(ArxivId(ident, version).versioned))
    assert parsed == ArxivId(ident, version)
    assert parse_arxiv_id(str(parsed)) == parsed
    assert Library(Path("/lib")).paper_dir(parsed.key).name == parsed.key


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_no_accepted_input_yields_an_unsafe_key(text: str) -> None:
    try:
        parsed = parse_arxiv_id(text)
    except BadInput:
        return
    assert "/" not in parsed.key and ".." not in parsed.key
    assert re.fullmatch(r"[A-Za-z0-9._-]+", parsed.key)


@given(st.text(alphabet="./-_aZ09 \\", max_size=30).map(lambda s: "1506." + s))
def test_near_misses_never_yield_an_unsafe_key(text: str) -> None:
    try:
        parsed = parse_arxiv_id(text)
    except BadInput:
        return
    assert "/" not in parsed.key and ".." not in parsed.key


@given(st.text(max_size=200))
def test_local_key_is_always_safe(name: str) -> None:
    key = local_key(Path(name.replace("/", "_").replace("\x00", "") or "x"))
    assert 0 < len(key) <= 100
    assert ".." not in key
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", key)
    Library(Path("/lib")).paper_dir(key)  # the library accepts it
