"""Citations in every field's styles resolved to their entries (issues 19 and 21), on invented entries:
astronomy's author-year entries without titles (also "Surname I.," as MNRAS prints them), physics'
"A. Author, Journal Vol, page (year)", mathematics' alphabetic keys and notes ("[Pos06, Theorem 2.1]"),
and numeric ranges across any dash a PDF prints."""

from __future__ import annotations

import pytest

from paperkit.extraction.citations import link_citations
from paperkit.extraction.entries import parse_reference
from paperkit.records import Reference


def _links(text: str, refs: list[Reference]) -> list[tuple[str, list[int]]]:
    return [(m.text, m.targets) for m in link_citations(text, refs)]


def test_author_year_entries_without_titles() -> None:
    refs = [
        Reference("Fielder, A., Grove, B. N., & Hale, C. 2011, ApJ, 701, 1861"),
        Reference("Moor, D. 2009, MNRAS, 376, L61"),
        Reference("Heath S., Marsh D., 2012, A&A, 48, 631"),
    ]
    text = "Warm discs (Fielder et al. 2011; Moor 2009) and cold ones (Heath & Marsh 2012) differ."
    assert _links(text, refs) == [("(Fielder et al. 2011; Moor 2009)", [0, 1]), ("(Heath & Marsh 2012)", [2])]
    parsed = parse_reference(refs[0])
    assert parsed.title is None and parsed.venue == "ApJ"  # no title: the journal is no title


def test_physics_entries_keep_the_journal_out_of_the_authors() -> None:
    ref = parse_reference(Reference("J. Ridge, A. Vale, and B. Moss, Phys. Rev. Lett. 104, 123401 (2010)."))
    assert ref.authors == ["J. Ridge", "A. Vale", "B. Moss"]
    assert ref.year == "2010" and ref.title is None
    refs = [ref, Reference("M. Brook and P. Ford, Nucl. Phys. B 512, 33 (1998).")]
    assert _links("as Ridge et al. (2010) and Brook and Ford (1998) found", refs) == [
        ("Ridge et al. (2010)", [0]),
        ("Brook and Ford (1998)", [1]),
    ]


def test_alphabetic_keys_with_notes_and_particles() -> None:
    refs = [
        Reference("L. Pond, Algebra of ponds, Example Press, 2006.", label="[Pon06]"),
        Reference("A. Bee, C. Cee, D. Dee, et al. A title. 2020.", label="[BCD+20]"),
        Reference("J. van der Moor. Another title. 2001.", label="[vdM01]"),
    ]
    text = "By [Pon06, Theorem 2.1] and [BCD+20], as in [vdM01, §3] and [BCD+20, Pon06]."
    assert _links(text, refs) == [
        ("[Pon06, Theorem 2.1]", [0]),
        ("[BCD+20]", [1]),
        ("[vdM01, §3]", [2]),
        ("[BCD+20, Pon06]", [1, 0]),
    ]
    assert parse_reference(refs[0]).title == "Algebra of ponds"


@pytest.mark.parametrize("dash", ["-", "–", "—", "−", "‒", "‐"])
def test_numeric_ranges_across_any_dash(dash: str) -> None:
    refs = [
        Reference(f"A. Author{n}, Title {n}. J. Ex. {n} (2010) {n}.", label=f"[{n}]") for n in range(1, 41)
    ]
    assert _links(f"Many works [3{dash}36, 38] and [7, p. 5] study this.", refs) == [
        (f"[3{dash}36, 38]", [*range(2, 36), 37]),
        ("[7, p. 5]", [6]),
    ]
    numbered = [Reference(r.text, label=f"{n}.") for n, r in enumerate(refs, 1)]
    assert _links(f"superconductors1, and chains2{dash}6 here", numbered) == [
        ("1", [0]),
        (f"2{dash}6", [1, 2, 3, 4, 5]),
    ]
