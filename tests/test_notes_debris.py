"""Debris in every corpus note (the 40 PDFs by the PDF route, the 16 sources of ``corpus/latex`` by the
LaTeX route; skipped when ``../shared`` is absent): the sentences a note quotes have no word broken at a
line end, no citation number glued to its word, no author block, no hole where a macro expanded to
nothing; and the same detectors catch each kind of debris in sentences made up here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from paperkit.notes.content import Surroundings, build_note
from paperkit.notes.render import render_note
from paperkit.records import PaperMeta, Sections
from paperkit.text import zipf

# A quoted sentence as the note prints it: from the first “ to the last ” of a bullet or a quote line.
_QUOTE_LINE = re.compile(r"^(?:> |- |1\. |   - |  - )(.*)$", re.MULTILINE)
_HYPHENATED = re.compile(r"(?<![\w-])([A-Za-z]{2,})-([a-z]{2,})(?![\w-])")
_GLUED = re.compile(r"(?<![\w-])([a-z]{4,})(\d{1,2})(?=[\s,.;:)])")
_HOLES = (
    re.compile(r"\(\s*\)"),  # "(\sys)" expanded to nothing
    re.compile(r"(?<=[A-Za-z]) {2,}(?=[A-Za-z])"),  # "the  library"
    re.compile(r"(?<=[a-z]) [,.;:](?= )"),  # "using , we" / "the ."
    re.compile(r"\{\}|\\xspace"),
)
_AUTHOR_BLOCK = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\b(?:Department|Dept\.) of\b|\bUniversity of \w+,")


def quotes(note: str) -> list[str]:
    """The paper's sentences a note quotes, above "Source text"."""
    top = note.split("\n## Source text", 1)[0]
    out = []
    for line in _QUOTE_LINE.findall(top):
        if "“" in line and "”" in line:
            out.append(line[line.index("“") + 1 : line.rindex("”")])
        elif line and not line.startswith(("**", "[", "_", "works:")):
            out.append(re.sub(r"\s*\[p\. \d+\]\(.*$", "", line))
    return out


def debris(sentence: str, printed: str = "") -> list[str]:
    """What in ``sentence`` is left over from layout or markup, by kind; a hole the paper itself prints
    (``printed``: its PDF's text, whitespace squashed) is the paper's, not debris."""
    found = []
    for m in _HYPHENATED.finditer(sentence):
        head, tail = m.group(1).lower(), m.group(2)
        # "classi-fication": one word cut at a line end (a real compound joins two words: "end-to-end").
        if zipf(head + tail) >= 2.5 and min(zipf(head), zipf(tail)) < 1.5:
            found.append(f"broken word {m.group(0)!r}")
    for m in _GLUED.finditer(sentence):
        if zipf(m.group(1)) >= 3.0:
            found.append(f"glued mark {m.group(0)!r}")
    for p in _HOLES:
        for m in p.finditer(sentence):
            around = " ".join(sentence[max(0, m.start() - 12) : m.end() + 12].split())
            if around not in printed:
                found.append(f"hole {m.group(0)!r}")
    found += [f"author block {m.group(0)!r}" for m in _AUTHOR_BLOCK.finditer(sentence)]
    return found


def test_the_detectors_catch_each_kind_of_debris() -> None:
    assert debris("Deep nets need classi-fication layers at the end.") == ["broken word 'classi-fication'"]
    assert debris("We train end-to-end with a state-of-the-art recipe.") == []
    assert debris("The Bethe lattice4 has played a role.") == ["glued mark 'lattice4'"]
    assert debris("The Bethe lattice⁴ has played a role, on CIFAR-10 and conv5 features.") == []
    assert debris("The library () is an open-source tool.")[0].startswith("hole")
    assert debris("We use the  library , which is fast.")[:1] == ["hole '  '"]
    assert debris("Jane Roe, University of Nowhere, jane@nowhere.edu We study X.")[0].startswith(
        "author block"
    )


def _note(aid: str, sections: Sections) -> str:
    meta = PaperMeta(id=aid, version=None, title=sections.title, abstract=sections.abstract)
    return render_note(build_note(meta, sections, Surroundings(has_pdf=True)))


@pytest.fixture(scope="module")
def latex_sections(corpus: Path) -> dict[str, Sections]:
    from paperkit.extraction import PaperFiles, read_paper

    out = {}
    for d in sorted(p for p in (corpus / "latex").glob("*") if (p / "source.tar.gz").is_file()):
        out[d.name] = read_paper(PaperFiles(pdf=d / "paper.pdf", source=d / "source.tar.gz"))
    return out


def _printed(pdf: Path) -> str:
    """The PDF's own text, lines joined (a hole the author's build left is in it too)."""
    import pymupdf

    with pymupdf.open(pdf) as doc:
        text = " ".join(page.get_text() for page in doc)
    return " ".join(text.replace("-\n", "").split())


def _report(sections: dict[str, Sections], pdfs: dict[str, Path]) -> list[str]:
    bad = []
    for aid, s in sections.items():
        printed = _printed(pdfs[aid]) if aid in pdfs else ""
        for q in quotes(_note(aid, s)):
            bad += [f"{aid}: {d} in “{q[:80]}”" for d in debris(q, printed)]
    return bad


def test_no_debris_in_the_pdf_route_notes(corpus: Path, corpus_sections: dict[str, Sections]) -> None:
    pdfs = {aid: corpus / "pdf" / f"{aid}.pdf" for aid in corpus_sections}
    assert _report(corpus_sections, pdfs) == []


def test_no_debris_in_the_latex_route_notes(latex_sections: dict[str, Sections]) -> None:
    assert _report(latex_sections, {}) == []
