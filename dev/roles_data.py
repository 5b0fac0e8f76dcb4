"""The role sorter's data, shared by its trainer (``dev/train_roles.py``) and its benchmarks
(``dev/bench_notes_roles.py``, ``dev/cv_roles.py``), which never import each other.

Two sources, both read from ``../shared/corpus`` at run time (no paper's text is kept in the repo):

- the reader's truth for the 40 development papers (``roles.jsonl``), matched by first words to the
  sentences the PDF route reads from each ``pdf/<id>.pdf``;
- CSAbstruct (``external/csabstruct/``, Apache-2.0): 2,189 computer-science abstracts, each sentence
  labelled background / objective / method / result / other.

Papers are split once, before any setting was chosen: :data:`HELD_BACK` (the sorted IDs at places 2, 7,
12, ...) is never looked at while tuning; the others are cross-validated in :data:`FOLDS` folds by paper.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paperkit.extraction import PaperFiles, read_paper
from paperkit.notes.features import features, locate, locate_split
from paperkit.notes.role_cues import DOCUMENT
from paperkit.notes.roles import CLASSES
from paperkit.records import Sections
from paperkit.text import fold, sentences

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
CSABSTRUCT = ("train.jsonl", "dev.jsonl", "test.jsonl")
# Held back from all tuning: eight development papers (two physics, six machine learning), chosen by their
# place in the sorted IDs before any figure was looked at. Never printed per paper while tuning.
HELD_BACK = (
    "1111.2011", "1409.0473", "1506.03099", "1605.03844",
    "1702.03275", "1707.06347", "1911.05722", "2201.03545",
)  # fmt: skip
FOLDS = 8
# CSAbstruct's labels as the sorter's classes: its "background" holds both the context (none) and the gap
# (problem), so a background sentence may be either; its objective and method both say what is done.
EXTERNAL_ROLES = {
    "background": ("none", "problem"),
    "objective": ("idea",),
    "method": ("idea",),
    "result": ("result",),
    "other": ("none",),
}


@dataclass
class Example:
    """One sentence as the trainer sees it."""

    feats: list[str]
    allowed: tuple[int, ...]  # the classes its label allows (one, or two for CSAbstruct's background)
    breath: int  # 1: states the idea in one breath; 0: not; -1: unknown
    source: str  # "corpus" | "external"


def truth(corpus: Path = CORPUS) -> dict[str, dict[str, Any]]:
    """arXiv ID → the reader's roles record."""
    out = {}
    for line in (corpus / "roles.jsonl").read_text().splitlines():
        if line.strip():
            record = json.loads(line)
            out[record["arxiv_id"]] = record
    return out


def load_sections(corpus: Path = CORPUS, cache: Path | None = None) -> dict[str, Sections]:
    """arXiv ID → what the PDF route reads in each corpus PDF (pickled to ``cache`` when given)."""
    if cache and cache.is_file():
        loaded: dict[str, Sections] = pickle.loads(cache.read_bytes())
        return loaded
    out = {pdf.stem: read_paper(PaperFiles(pdf=pdf), "pdf") for pdf in sorted((corpus / "pdf").glob("*.pdf"))}
    if cache:
        cache.write_bytes(pickle.dumps(out))
    return out


def _letters(text: str) -> str:
    # Digits dropped too: superscripts ("85Kr") and footnote marks come and go with the extraction.
    return "".join(c for c in fold(text) if c.isalpha())


def matches(sentence: str, first_words: str) -> bool:
    """Whether ``sentence`` is the truth's sentence starting ``first_words`` (case, accents, digits and
    punctuation ignored)."""
    fw = _letters(first_words)
    return bool(fw) and fw in _letters(sentence)


def paper_examples(record: dict[str, Any], abstract: str, intro: str) -> list[Example]:
    """Each sentence of a paper's abstract and introduction with the role the reader gave it."""
    out = []
    for s in locate(abstract, intro):
        role = "none"
        if s.where == "abstract":
            role = next((a["role"] for a in record["abstract"] if matches(s.text, a["first_words"])), "none")
            role = role if role in CLASSES else "none"
        if role == "none":
            for r in ("problem", "idea", "result"):
                if any(matches(s.text, fw) for fw in record[f"{r}_sentences"]):
                    role = r
                    break
        breath = int(any(matches(s.text, fw) for fw in record["idea_sentences"]))
        out.append(Example(features(s), (CLASSES.index(role),), breath, "corpus"))
    return out


def corpus_examples(
    corpus: Path = CORPUS, sections: dict[str, Sections] | None = None
) -> dict[str, list[Example]]:
    """arXiv ID → the examples of each development paper."""
    sections = sections if sections is not None else load_sections(corpus)
    records = truth(corpus)
    return {
        pid: paper_examples(records[pid], s.abstract, s.introduction.text if s.introduction else "")
        for pid, s in sorted(sections.items())
        if pid in records
    }


def external_examples(corpus: Path = CORPUS) -> list[list[Example]]:
    """CSAbstruct's abstracts, each a list of examples (objective sentences count as stating the idea)."""
    out = []
    for name in CSABSTRUCT:
        for line in (corpus / "external" / "csabstruct" / name).read_text().splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            located = locate_split(record["sentences"], [])
            out.append(
                [
                    Example(
                        features(s),
                        tuple(CLASSES.index(c) for c in EXTERNAL_ROLES[label]),
                        int(label == "objective"),
                        "external",
                    )
                    for s, label in zip(located, record["labels"], strict=True)
                ]
            )
    return out


def data_digest(corpus: list[list[Example]], external: list[list[Example]]) -> str:
    """A short hash of the training examples: the shipped model records the one it was trained on."""
    h = hashlib.sha256()
    for doc in [*corpus, *external]:
        for e in doc:
            h.update(json.dumps([sorted(e.feats), e.allowed, e.breath]).encode())
    return h.hexdigest()[:16]


def split(ids: list[str]) -> tuple[list[str], list[list[str]]]:
    """The held-back papers, and the others in :data:`FOLDS` folds (by place in the sorted IDs)."""
    rest = [i for i in sorted(ids) if i not in HELD_BACK]
    return [i for i in sorted(ids) if i in HELD_BACK], [rest[k::FOLDS] for k in range(FOLDS)]


_BASELINE = re.compile(
    r"\bwe (propose|introduce|present|describe|show)\b|\bthis (paper|work)\b", re.IGNORECASE
)


def baseline(abstract: str) -> list[str]:
    """The one-line baseline of issue 19: the abstract's first sentence with "we propose / introduce /
    present / describe / show" or "this paper / work" (none when no sentence has one)."""
    return next(([s] for s in sentences(abstract) if _BASELINE.search(s)), [])


def labels_of(sentence: str, record: dict[str, Any]) -> set[str]:
    """Every role the truth gives a sentence ("background"/"other" included); empty when unlabelled."""
    found = {a["role"] for a in record["abstract"] if matches(sentence, a["first_words"])}
    for role in ("problem", "idea", "result"):
        if any(matches(sentence, fw) for fw in record[f"{role}_sentences"]):
            found.add(role)
    return found


def score_roles(record: dict[str, Any], shown: dict[str, list[str]], breath: list[str]) -> dict[str, Any]:
    """How the role bullets ``shown`` (role -> sentences) and the one-breath sentences meet the truth:
    bullets that match a labelled sentence placed under its role, and each role's first labelled sentence
    found under it (the idea also in the one-breath line)."""
    placed = total = 0
    misplaced = []
    for role, sents in shown.items():
        for s in sents:
            lab = labels_of(s, record)
            if lab:
                total += 1
                placed += role in lab
                if role not in lab:
                    misplaced.append(f"{role}<-{'/'.join(sorted(lab))}: {s[:70]}")
    found = found_of = 0
    missing = []
    for role in ("problem", "idea", "result"):
        if record[f"{role}_sentences"]:
            found_of += 1
            pool = shown[role] + (breath if role == "idea" else [])
            hit = any(matches(s, record[f"{role}_sentences"][0]) for s in pool)
            found += hit
            if not hit:
                missing.append(f"{role}: {record[f'{role}_sentences'][0]}")
    return {"placed": placed, "placed_of": total, "misplaced": misplaced,
            "found": found, "found_of": found_of, "missing": missing}  # fmt: skip


_LEANS = re.compile(rf"^(?:this|these|those|such)\s+(?!{DOCUMENT})[a-z]", re.IGNORECASE)


def quote_faults(quotes: list[str], abstract: str, intro: str) -> tuple[int, int]:
    """Of ``quotes`` (in the note's order): how many open on "This/These/Such <noun>" while the note
    quotes no sentence ending in the one they lean on before them, and how many open in lower case."""
    before = {s.text: s.before for s in locate(abstract, intro)}
    leaning = lower = 0
    for i, q in enumerate(quotes):
        lower += q[:1].islower()
        if _LEANS.search(q):
            prev = before.get(q, "")
            leaning += not (prev and any(p.endswith(prev) for p in quotes[:i]))
    return leaning, lower
