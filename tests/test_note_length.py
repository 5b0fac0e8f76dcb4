"""A note on two screens: works the introduction does not lean on and related topics beyond six are
folded in <details> blocks (kept, not dropped); a key-term quote serves at most two terms; a note says the
introduction cites nothing only when it has no citation marker at all."""

from __future__ import annotations

import re

from paperkit.extraction.entries import parse_references
from paperkit.notes.content import build_note
from paperkit.notes.render import render_note
from paperkit.records import CitationLink, PaperMeta, Reference, Section, Sections


def _visible(note: str) -> str:
    top = note.split("\n## Source text", 1)[0]
    return re.sub(r"<details>.*?</details>", " ", top, flags=re.DOTALL)


def _paper(intro: str, related: str = "", refs: int = 30) -> Sections:
    entries = [
        Reference(f"[{i}] A. Writer{i}. Study of topic {i}. J. Things, 2001.", f"[{i}]")
        for i in range(1, refs + 1)
    ]
    return Sections(
        title="Widgets",
        abstract="Deep networks are hard to train. We propose the Widget, a layer that rescales activations.",
        headings=["1 Introduction", "2 Related work"],
        introduction=Section("1 Introduction", intro),
        related_work=Section("2 Related work", related) if related else None,
        references=parse_references(entries),
        route="pdf",
    )


def _note(sections: Sections) -> str:
    meta = PaperMeta(id="2401.00001", version=1, title=sections.title, abstract=sections.abstract)
    return render_note(build_note(meta, sections))


def test_works_the_introduction_does_not_lean_on_are_folded_not_dropped() -> None:
    once = " ".join(f"Topic {i} was studied before [{i}]." for i in range(1, 26))
    intro = f"{once} Deep networks are hard to train [26]. Gating helps, as said before [26]."
    note = _note(_paper(intro))
    works = note.split("## Works the introduction cites", 1)[1].split("## Related ideas", 1)[0]
    shown = _visible(works)
    assert "[26]" in shown and "Writer26" in shown  # cited twice: shown
    assert "Writer3 " not in shown and "Writer3 (" not in shown  # cited once, unnamed: folded
    folded = works.split("<details>", 1)[1]
    assert all(f"Writer{i}" in folded for i in range(1, 26))  # ... but kept


def test_at_most_six_related_topics_are_shown_the_rest_folded() -> None:
    related = "\n\n".join(
        f"Topic{i} Methods. Earlier work on the topic{i} problem used many tricks [{i}]."
        for i in range(1, 10)
    )
    note = _note(_paper("Deep networks are hard to train [1].", related))
    part = note.split("## Related ideas", 1)[1].split("## Reimplementation", 1)[0]
    shown = re.findall(r"^- \*\*", _visible(part), flags=re.MULTILINE)
    assert len(shown) == 6
    assert "<details><summary>3 more related topics</summary>" in part


def test_no_citations_is_said_only_when_the_introduction_has_no_marker() -> None:
    sections = _paper("Deep networks are hard to train [?]. Gating helps [?].", refs=0)
    sections.citations = [CitationLink("[?]", "introduction"), CitationLink("[?]", "introduction")]
    note = _note(sections)
    assert "No citations found in the introduction" not in note
    assert "The introduction has 2 citation markers" in note
    bare = _note(_paper("Deep networks are hard to train. Gating helps.", refs=0))
    assert "_No citations found in the introduction._" in bare


def test_a_key_term_quote_serves_at_most_two_terms() -> None:
    intro = (
        "The Quorl Filter (QF), the Brantic Gate (BG) and the Mosk Pool (MP) make up the Widget. "
        "The Mosk Pool keeps a running scale of each layer of the network."
    )
    note = _note(_paper(intro))
    terms = note.split("## Key terms", 1)[1].split("## Works", 1)[0]
    quotes = re.findall(r"“([^”]*)”", terms)
    assert len(quotes) == len(set(quotes))  # each sentence quoted once, for one or two terms
    bullets = [b for b in terms.splitlines() if b.startswith("- ")]
    assert all(b.count("**") <= 4 for b in bullets if "“" in b)
