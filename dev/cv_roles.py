"""Figures of the role sorter as the note uses it, on papers its model never saw (no note is built).

    python -m dev.cv_roles [--corpus ../shared/corpus] [--cache FILE] [-v]

Every development paper is sorted by a model trained on CSAbstruct and the other development papers
only: the 32 tuning papers in folds of papers (:data:`dev.roles_data.FOLDS`), the 8 held-back papers
(:data:`dev.roles_data.HELD_BACK`, never looked at while tuning) by one model trained without all eight.
:func:`paperkit.notes.roles.sort_roles` sorts the abstract and introduction and
:func:`paperkit.notes.condense.condense` cuts them as the note does; the figures are the benchmark's:
one-breath accepted, role bullets placed right, first labelled sentence found; beside them the one-line
baseline (:func:`dev.roles_data.baseline`). ``-v`` prints the tuning papers' misses, never the held-back's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from dev.roles_data import (
    CORPUS,
    HELD_BACK,
    baseline,
    load_sections,
    matches,
    quote_faults,
    score_roles,
    truth,
)
from dev.roles_fit import held_out_models
from paperkit.notes import roles as roles_mod
from paperkit.notes.condense import condense, words
from paperkit.notes.contributions import contributions
from paperkit.records import Sections


def sort_paper(s: Sections, model: dict[str, Any], cut: bool = True) -> roles_mod.Roles:
    """The paper's roles as its note shows them, sorted with ``model``."""
    intro = s.introduction.text if s.introduction else ""
    with roles_mod.use_model(model):
        r = roles_mod.sort_roles(s.abstract, intro)
    if cut:  # as the note shows them: cut to the reading part's budget
        r = condense(r, contributions(intro), words(s.abstract) + words(intro), s.title)
    return r


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--cache", type=Path, default=None, help="pickle of the extracted sections")
    parser.add_argument("--verbose", "-v", action="store_true", help="the tuning papers' misses")
    parser.add_argument("--held-back", action="store_true", help="also the held-back group (report only)")
    parser.add_argument(
        "--no-condense", dest="condense", action="store_false", help="the sorter's bullets, uncut"
    )
    args = parser.parse_args(argv)
    records = truth(args.corpus)
    sections = load_sections(args.corpus, args.cache)
    models = held_out_models(args.corpus, args.cache, args.held_back)
    rows: dict[str, dict[str, Any]] = {}
    for pid in sorted(models):
        t, s = records[pid], sections[pid]
        r = sort_paper(s, models[pid], args.condense)
        shown = {"problem": r.problem, "idea": r.idea, "result": r.result}
        row = score_roles(t, shown, r.breath[:1])
        row["breath"] = any(matches(x, fw) for fw in t["idea_sentences"] for x in r.breath[:1])
        row["baseline"] = any(matches(x, fw) for fw in t["idea_sentences"] for x in baseline(s.abstract))
        quotes = r.breath[:1] + r.problem + r.idea + r.result
        intro = s.introduction.text if s.introduction else ""
        row["quotes"] = len(quotes)
        row["leaning"], row["lower"] = quote_faults(quotes, s.abstract, intro)
        rows[pid] = row
        if args.verbose and pid not in HELD_BACK:
            pick = "" if row["breath"] or not r.breath else f" | {r.breath[0][:70]}"
            print(f"{pid}: breath={row['breath']}{pick}")
            for line in row["misplaced"] + [f"missing {m}" for m in row["missing"]]:
                print("   ", line)
    tuning = [p for p in rows if p not in HELD_BACK]
    for name, ids in (
        ("all 40 (cv)", list(rows)),
        ("tuning 32 (cv)", tuning),
        ("held back 8", list(HELD_BACK)),
    ):
        print(summary(name, [rows[p] for p in ids if p in rows]))
    return 0


def summary(name: str, rows: list[dict[str, Any]]) -> str:
    """One line of figures for a set of papers."""
    n = len(rows)
    b, base = sum(r["breath"] for r in rows), sum(r["baseline"] for r in rows)
    p, po = sum(r["placed"] for r in rows), sum(r["placed_of"] for r in rows)
    f, fo = sum(r["found"] for r in rows), sum(r["found_of"] for r in rows)
    q, lean, low = (sum(r[k] for r in rows) for k in ("quotes", "leaning", "lower"))
    return (f"{name:16s} one-breath {b / n:.3f} ({b}/{n}; baseline {base / n:.3f})  placed "
            f"{p / max(po, 1):.3f} ({p}/{po})  found {f / max(fo, 1):.3f} ({f}/{fo})  quotes leaning "
            f"without antecedent {lean}/{q}, lower-case {low}")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
