"""Fit the role sorter's two logistic regressions (shared by ``dev/train_roles.py`` and the benchmarks).

A softmax over the roles (none, problem, idea, result), and a binary scorer for the sentence that states
the idea in one breath, both over the named features of :mod:`paperkit.notes.features`. Full-batch
gradient descent with L2, a fixed number of steps, and sums taken in a fixed order (sparse products by
``np.add.reduceat`` over sorted indices, no threaded BLAS): the same data always gives the same weights.
CSAbstruct's "background" allows two classes (context or gap): its loss is that of the pair.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from dev.roles_data import CORPUS, Example, corpus_examples, external_examples, load_sections, split
from paperkit.notes import roles as roles_mod

CLASSES = roles_mod.CLASSES
# Settings, chosen by cross-validation over the tuning papers only (dev/cv_roles.py).
MIN_DOCS = 3  # a feature must hold in sentences of at least this many documents (papers or abstracts)
L2_ROLE, L2_BREATH, STEPS, RATE, MOMENTUM = 20.0, 20.0, 100, 0.5, 0.9
EXTERNAL = 0.1  # weight of a CSAbstruct sentence against a development paper's
# An introduction sentence the reader did not list is "none" only for want of a label (the reader lists
# 1-3 sentences per role): such negatives count for this much of a labelled example.
INTRO_NONE = 0.7
ROLE_SKIP: tuple[str, ...] = ()  # feature families a model leaves out (by name prefix)
BREATH_SKIP: tuple[str, ...] = ()


class _Sparse:
    """A binary matrix by its nonzeros, with products summed in a fixed order."""

    def __init__(self, rows: np.ndarray, cols: np.ndarray, n: int, d: int) -> None:
        order = np.lexsort((cols, rows))
        self.r_rows, self.r_cols = rows[order], cols[order]
        order = np.lexsort((rows, cols))
        self.c_rows, self.c_cols = rows[order], cols[order]
        self.n, self.d = n, d
        self.r_start = np.searchsorted(self.r_rows, np.arange(n))
        self.c_start = np.searchsorted(self.c_cols, np.arange(d))
        self.r_has = np.bincount(self.r_rows, minlength=n) > 0
        self.c_has = np.bincount(self.c_cols, minlength=d) > 0

    def dot(self, w: np.ndarray) -> np.ndarray:
        """``X @ w``."""
        return _sums(w, self.r_cols, self.r_start, self.r_has)

    def tdot(self, g: np.ndarray) -> np.ndarray:
        """``X.T @ g``."""
        return _sums(g, self.c_rows, self.c_start, self.c_has)


def _sums(v: np.ndarray, index: np.ndarray, start: np.ndarray, has: np.ndarray) -> np.ndarray:
    # Sums of v's rows over runs of ``index``, one run per output row (rows with no run stay zero).
    out = np.zeros((len(has), v.shape[1]))
    if len(index):
        vt = np.ascontiguousarray(v.T)
        out[has] = np.add.reduceat(vt[:, index], start[has], axis=1).T
    return out


def _fit(x: _Sparse, allowed: np.ndarray, sw: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression; ``allowed`` is a 0/1 mask (n × k) of the classes each label allows."""
    n, k = allowed.shape
    w, b = np.zeros((x.d, k)), np.zeros(k)
    vw, vb = np.zeros_like(w), np.zeros_like(b)
    for _ in range(STEPS):  # Nesterov's accelerated gradient: the gradient at the look-ahead point
        lw, lb = w + MOMENTUM * vw, b + MOMENTUM * vb
        z = x.dot(lw) + lb
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        q = p * allowed
        q /= q.sum(axis=1, keepdims=True)
        g = (p - q) * sw[:, None] / n
        vw = MOMENTUM * vw - RATE * (x.tdot(g) + l2 * lw / n)
        vb = MOMENTUM * vb - RATE * g.sum(axis=0)
        w, b = w + vw, b + vb
    return w, b


def _vocab(docs: list[list[Example]]) -> list[str]:
    seen: dict[str, int] = {}
    for doc in docs:
        for f in {f for e in doc for f in e.feats}:
            seen[f] = seen.get(f, 0) + 1
    return sorted(f for f, c in seen.items() if c >= MIN_DOCS)


def _matrix(rows: list[Example], col: dict[str, int], skip: tuple[str, ...]) -> _Sparse:
    pairs = sorted(
        {(i, col[f]) for i, e in enumerate(rows) for f in e.feats if f in col and not f.startswith(skip)}
    )
    r = np.array([p[0] for p in pairs], dtype=np.int64)
    c = np.array([p[1] for p in pairs], dtype=np.int64)
    return _Sparse(r, c, len(rows), len(col))


def train(corpus: dict[str, list[Example]], external: list[list[Example]]) -> dict[str, Any]:
    """The model as shipped (a JSON-able record, provenance aside), trained on the development papers
    ``corpus`` (ID → examples) and the abstracts ``external``."""
    docs = [corpus[k] for k in sorted(corpus)] + external
    vocab = _vocab(docs)
    col = {f: i for i, f in enumerate(vocab)}
    rows = [e for doc in docs for e in doc]
    k = len(CLASSES)
    allowed = np.zeros((len(rows), k))
    for i, e in enumerate(rows):
        allowed[i, list(e.allowed)] = 1.0
    # Rare classes count as much as the common "none": each example weighs by its first class's rarity.
    first = np.array([e.allowed[0] for e in rows])
    counts = np.bincount(first, minlength=k).astype(float)
    sw = (len(rows) / (k * np.maximum(counts, 1.0)))[first]
    sw *= np.array([EXTERNAL if e.source == "external" else 1.0 for e in rows])
    sw *= np.array([INTRO_NONE if e.allowed == (0,) and "intro" in e.feats else 1.0 for e in rows])
    w, b = _fit(_matrix(rows, col, ROLE_SKIP), allowed, sw, L2_ROLE)
    known = [e for e in rows if e.breath >= 0]
    yb = np.array([e.breath for e in known])
    ab = np.eye(2)[yb]
    bw = np.array([EXTERNAL if e.source == "external" else 1.0 for e in known])
    pos = max(float((yb * bw).sum()), 1.0)
    # Positives weigh as much as negatives in all, and the two together as much as the examples.
    bw = bw * np.where(yb == 1, (bw.sum() - pos) / pos, 1.0) / 2
    wb, bb = _fit(_matrix(known, col, BREATH_SKIP), ab, bw, L2_BREATH)
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


def held_out_models(
    corpus: Path = CORPUS, cache: Path | None = None, held_back: bool = True
) -> dict[str, dict[str, Any]]:
    """arXiv ID → a role model that never saw that paper (one per fold, one for the held-back group)."""
    sections = load_sections(corpus, cache)
    papers = corpus_examples(corpus, sections)
    external = external_examples(corpus)
    held, folds = split(list(papers))
    out: dict[str, dict[str, Any]] = {}
    for group in [held, *folds] if held_back else folds:
        model = train({k: v for k, v in papers.items() if k not in group}, external)
        out.update((pid, model) for pid in group)
    return out
