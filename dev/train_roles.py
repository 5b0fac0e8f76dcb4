"""Train the note's role sorter on the reader's ground truth and ship its weights.

    python -m dev.train_roles --corpus ../shared/corpus [--cache FILE] [--cv]

The model is two logistic regressions over :mod:`paperkit.notes.features`: a softmax over the roles
(none, problem, idea, result) for abstract and introduction sentences, and a binary scorer for the
sentence that states the idea "in one breath". Trained with numpy (full-batch gradient descent, L2, fixed
iterations: deterministic); the weights go to ``tool/paperkit/notes/role_model.json``, read at run time
with the standard library. ``--cv`` prints the leave-one-paper-out figures of the sorter alone;
:func:`held_out_model` is what ``dev/bench_notes_roles.py --cv`` uses to build each paper's note with a
model that never saw it.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from paperkit.notes import roles as roles_mod
from paperkit.notes.features import features, locate

CLASSES = roles_mod.CLASSES
MODEL_PATH = Path(roles_mod.__file__).with_name("role_model.json")
CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
MIN_PAPERS = 2  # a feature must hold in sentences of at least this many training papers
L2_ROLE, L2_BREATH, STEPS, RATE = 20.0, 20.0, 400, 0.5
# An introduction sentence the reader did not list is "none" only for want of a label (the reader lists
# 1-3 sentences per role): such negatives count for this much of a labelled example.
INTRO_NONE = 0.7
# Feature families each model leaves out (the one-breath scorer has ~100 positives: no vocabulary).
ROLE_SKIP: tuple[str, ...] = ()
BREATH_SKIP: tuple[str, ...] = ("u:", "w01:")


def _matches(sentence: str, first_words: str) -> bool:
    from dev.bench_notes_roles import matches

    return matches(sentence, first_words)


def paper_examples(truth: dict[str, Any], abstract: str, intro: str) -> list[tuple[list[str], int, int]]:
    """(features, role class, is a one-breath sentence) for each sentence of the abstract and introduction."""
    out = []
    for s in locate(abstract, intro):
        role = "none"
        if s.where == "abstract":
            role = next((a["role"] for a in truth["abstract"] if _matches(s.text, a["first_words"])), "none")
            role = role if role in CLASSES else "none"
        if role == "none":
            for r in ("problem", "idea", "result"):
                if any(_matches(s.text, fw) for fw in truth[f"{r}_sentences"]):
                    role = r
                    break
        breath = int(any(_matches(s.text, fw) for fw in truth["idea_sentences"]))
        out.append((features(s), CLASSES.index(role), breath))
    return out


@functools.cache
def dataset(corpus: Path = CORPUS, cache: Path | None = None) -> dict[str, list[tuple[list[str], int, int]]]:
    from dev.bench_notes_roles import load_sections

    truth = {}
    for line in (corpus / "roles.jsonl").read_text().splitlines():
        if line.strip():
            record = json.loads(line)
            truth[record["arxiv_id"]] = record
    sections = load_sections(corpus, cache)
    return {
        pid: paper_examples(truth[pid], s.abstract, s.introduction.text if s.introduction else "")
        for pid, s in sections.items()
        if pid in truth
    }


def _softmax_fit(
    rows: np.ndarray,
    cols: np.ndarray,
    n: int,
    d: int,
    y: np.ndarray,
    k: int,
    l2: float,
    ew: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression on a binary sparse matrix given by its nonzero (row, column) pairs."""
    w, b = np.zeros((d, k)), np.zeros(k)
    onehot = np.eye(k)[y]
    # Rare classes count as much as the common "none": weight each example by its class's rarity.
    counts = np.bincount(y, minlength=k).astype(float)
    sw = (n / (k * np.maximum(counts, 1.0)))[y][:, None]
    if ew is not None:
        sw = sw * ew[:, None]
    for _ in range(STEPS):
        z = np.stack([np.bincount(rows, weights=w[cols, j], minlength=n) for j in range(k)], axis=1) + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * sw / n
        gw = np.stack([np.bincount(cols, weights=g[rows, j], minlength=d) for j in range(k)], axis=1)
        w -= RATE * (gw + l2 * w / n)
        b -= RATE * g.sum(axis=0)
    return w, b


def _nonzeros(
    rows: list[tuple[list[str], int, int]], col: dict[str, int], skip: tuple[str, ...]
) -> tuple[np.ndarray, np.ndarray]:
    pairs = sorted(
        {(i, col[f]) for i, (fs, _, _) in enumerate(rows) for f in fs if f in col and not f.startswith(skip)}
    )
    return np.array([p[0] for p in pairs], dtype=np.int64), np.array([p[1] for p in pairs], dtype=np.int64)


def train(papers: dict[str, list[tuple[list[str], int, int]]]) -> dict[str, Any]:
    """The model as shipped (a JSON-able record), trained on ``papers``."""
    seen: dict[str, set[str]] = {}
    for pid, examples in papers.items():
        for feats, _, _ in examples:
            for f in feats:
                seen.setdefault(f, set()).add(pid)
    vocab = sorted(f for f, pids in seen.items() if len(pids) >= MIN_PAPERS)
    col = {f: i for i, f in enumerate(vocab)}
    rows = [ex for examples in papers.values() for ex in examples]
    n, d = len(rows), len(vocab)
    y = np.array([r[1] for r in rows])
    yb = np.array([r[2] for r in rows])
    ri, ci = _nonzeros(rows, col, ROLE_SKIP)
    ew = np.array([INTRO_NONE if r[1] == 0 and "intro" in r[0] else 1.0 for r in rows])
    w, b = _softmax_fit(ri, ci, n, d, y, len(CLASSES), L2_ROLE, ew)
    ri, ci = _nonzeros(rows, col, BREATH_SKIP)
    wb, bb = _softmax_fit(ri, ci, n, d, yb, 2, L2_BREATH)
    breath = wb[:, 1] - wb[:, 0]
    return {
        "classes": list(CLASSES),
        "bias": [round(float(v), 4) for v in b],
        "weights": {
            f: [round(float(v), 4) for v in w[i]] for f, i in col.items() if np.abs(w[i]).max() > 1e-3
        },
        "breath_bias": round(float(bb[1] - bb[0]), 4),
        "breath": {f: round(float(breath[i]), 4) for f, i in col.items() if abs(breath[i]) > 1e-3},
    }


@contextmanager
def held_out_model(pid: str, corpus: Path = CORPUS, cache: Path | None = None) -> Iterator[None]:
    """Inside the block, the notes' role model is one trained on every corpus paper except ``pid``."""
    papers = {k: v for k, v in dataset(corpus, cache).items() if k != pid}
    with roles_mod.use_model(train(papers)):
        yield


def cross_validate(papers: dict[str, list[tuple[list[str], int, int]]], on: list[str]) -> None:
    """Leave-one-paper-out on the papers ``on``: the sorter's per-sentence accuracy on labelled sentences,
    and its one-breath pick."""
    right = total = breath_ok = 0
    for pid in on:
        model = train({k: v for k, v in papers.items() if k != pid})
        scored = [(roles_mod.score(model, feats), role, b) for feats, role, b in papers[pid]]
        for (probs, _), role, _ in scored:
            if role != 0:
                total += 1
                right += int(max(range(len(probs)), key=probs.__getitem__) == role)
        best = max(scored, key=lambda t: t[0][1])
        breath_ok += best[2]
    print(f"labelled sentences given their role: {right / total:.2f} ({right}/{total})")
    print(f"one-breath pick accepted: {breath_ok / len(on):.2f} ({breath_ok}/{len(on)})")


def half(ids: list[str], which: str) -> list[str]:
    """Settings (features, regularisation) are chosen on the "tune" half only: the papers at even places of
    the sorted IDs; the "report" half is never looked at while choosing."""
    if which == "all":
        return ids
    return ids[0::2] if which == "tune" else ids[1::2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train the notes' role sorter (issue 13).")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--cv", action="store_true", help="print leave-one-paper-out figures, write nothing")
    parser.add_argument(
        "--half",
        choices=("tune", "report", "all"),
        default="tune",
        help="--cv on the papers settings are chosen on (even places), the others, or all",
    )
    args = parser.parse_args(argv)
    papers = dataset(args.corpus, args.cache)
    if args.cv:
        cross_validate(papers, half(sorted(papers), args.half))
        return 0
    model = train(papers)
    MODEL_PATH.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n")
    print(
        f"wrote {MODEL_PATH} ({len(model['weights'])} role features, {len(model['breath'])} breath features)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
