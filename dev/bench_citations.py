"""Benchmark citation finding and linking on the evaluation corpus.

    python -m dev.bench_citations --corpus ../shared/corpus [--sample 30] [--verbose]

Prints: the share of ground-truth Introduction markers (citations.jsonl) found and correctly linked, the
share of linked markers among all markers found in introductions and related-work sections, the share of
reference entries parsed with a year and a title, and the extracted reference counts against truth.jsonl.
``--sample N`` prints N random links (fixed seed) for a person to check by hand.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from paperkit.extraction.citations import CitationMarker, link_citations
from paperkit.extraction.entries import parse_references
from paperkit.records import Reference, Sections
from paperkit.text import fold


@dataclass
class Paper:
    arxiv_id: str
    sections: Sections
    references: list[Reference]  # parsed


def load(corpus: Path) -> list[Paper]:
    """Extract and parse every corpus PDF (papers whose extraction fails are reported and skipped)."""
    from paperkit.extraction.pdf import extract_sections

    papers = []
    for pdf in sorted((corpus / "pdf").glob("*.pdf")):
        try:
            sections = extract_sections(pdf)
        except Exception as exc:  # a benchmark reports failures instead of stopping
            print(f"{pdf.stem}: extraction failed: {exc}", file=sys.stderr)
            continue
        papers.append(Paper(pdf.stem, sections, parse_references(sections.references)))
    return papers


def _records(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as fh:
        return {r["arxiv_id"]: r for r in map(json.loads, fh) if r}


@dataclass
class TruthScore:
    markers: int = 0
    found: int = 0
    linked: int = 0  # found and every target right


def score_truth(markers: list[CitationMarker], truth: list[dict]) -> TruthScore:
    """Match ground-truth markers to found ones in reading order by their folded text."""
    score = TruthScore(markers=len(truth))
    used: set[int] = set()
    cursor = 0
    for t in truth:
        key = fold(t["marker"])
        order = [*range(cursor, len(markers)), *range(cursor)]
        hit = next((i for i in order if i not in used and fold(markers[i].text) == key), None)
        if hit is None:
            continue
        used.add(hit)
        cursor = hit + 1
        score.found += 1
        if sorted(x + 1 for x in markers[hit].targets) == sorted(r["n"] for r in t["refs"]):
            score.linked += 1
    return score


def section_markers(paper: Paper) -> list[tuple[str, CitationMarker]]:
    """Markers of the introduction and the related-work section, tagged with the section."""
    out: list[tuple[str, CitationMarker]] = []
    for name, sec in (("intro", paper.sections.introduction), ("related", paper.sections.related_work)):
        if sec is not None:
            out.extend((name, m) for m in link_citations(sec.text, paper.references))
    return out


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} = {100 * a / b:.1f}%" if b else f"{a}/0"


def run(corpus: Path, sample: int, verbose: bool) -> None:
    papers = load(corpus)
    truth = _records(corpus / "truth.jsonl")
    cites = _records(corpus / "citations.jsonl")

    total = TruthScore()
    for p in papers:
        if p.arxiv_id not in cites:
            continue
        intro = p.sections.introduction
        markers = link_citations(intro.text, p.references) if intro else []
        s = score_truth(markers, cites[p.arxiv_id]["markers"])
        total.markers += s.markers
        total.found += s.found
        total.linked += s.linked
        print(f"  {p.arxiv_id:11} truth markers {s.markers:3}  found {s.found:3}  linked right {s.linked:3}")
    print(f"truth markers found:            {_pct(total.found, total.markers)}")
    print(f"truth markers found and linked: {_pct(total.linked, total.markers)}")

    found = linked = 0
    links: list[tuple[str, str, CitationMarker, int]] = []
    for p in papers:
        ms = section_markers(p)
        n_linked = sum(bool(m.targets) for _, m in ms)
        found += len(ms)
        linked += n_linked
        links.extend((p.arxiv_id, sec, m, t) for sec, m in ms for t in m.targets)
        if verbose:
            print(f"  {p.arxiv_id:11} markers {len(ms):3}  linked {n_linked:3}")
            for sec, m in ms:
                if not m.targets:
                    print(f"      unlinked [{sec}] {m.text!r}")
    print(f"intro + related-work markers linked: {_pct(linked, found)}")

    entries = [r for p in papers for r in p.references]
    parsed = sum(bool(r.year and r.title) for r in entries)
    print(f"entries parsed with year and title: {_pct(parsed, len(entries))}")
    exact = 0
    for p in papers:
        want = truth.get(p.arxiv_id, {}).get("reference_count")
        exact += want == len(p.references)
        if verbose or want != len(p.references):
            print(f"  {p.arxiv_id:11} references extracted {len(p.references):3}  truth {want}")
    print(f"reference count equal to truth: {_pct(exact, len(papers))}")

    if sample:
        print(f"\n--- {sample} random links (seed 0) ---")
        for i, (aid, sec, m, t) in enumerate(random.Random(0).sample(links, min(sample, len(links))), 1):
            ref = next(p for p in papers if p.arxiv_id == aid).references[t]
            print(
                f"{i:2}. {aid} [{sec}] {m.text}\n    sentence: {m.sentence}\n    entry {t + 1}: {ref.text}\n"
            )


@click.command()
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True)
@click.option("--sample", type=int, default=0, help="Print this many random links to check by hand.")
@click.option("--verbose", is_flag=True, help="Per-paper counts and unlinked markers.")
def main(corpus: Path, sample: int, verbose: bool) -> None:
    """Measure citation finding and linking on the corpus."""
    run(corpus, sample, verbose)


if __name__ == "__main__":
    main()
