"""Leave-one-paper-out figures of the role sorter as the note uses it, fast (no note is built).

    python -m dev.cv_roles --corpus ../shared/corpus --cache FILE [--half tune|report|all] [-v]

For each paper of the half, the role model is trained on every other corpus paper and
:func:`paperkit.notes.roles.sort_roles` sorts the paper's abstract and introduction and
:func:`paperkit.notes.condense.condense` cuts them as the note does; the figures are the
benchmark's (``dev/bench_notes_roles.py``): one-breath accepted, role bullets placed right, first labelled
sentence found. Settings are chosen with ``--half tune``; ``--half report`` is looked at once, at the end.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dev.bench_notes_roles import load_sections, matches, score_roles
from dev.train_roles import CORPUS, dataset, half, train
from paperkit.notes import roles as roles_mod
from paperkit.notes.condense import condense, words
from paperkit.notes.contributions import contributions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--half", choices=("tune", "report", "all"), default="tune")
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument(
        "--no-condense", dest="condense", action="store_false", help="the sorter's bullets, uncut"
    )
    args = parser.parse_args(argv)
    truth = {}
    for line in (args.corpus / "roles.jsonl").read_text().splitlines():
        if line.strip():
            truth[json.loads(line)["arxiv_id"]] = json.loads(line)
    sections = load_sections(args.corpus, args.cache)
    papers = dataset(args.corpus, args.cache)
    breath = placed = placed_of = found = found_of = 0
    on = half(sorted(papers), args.half)
    for pid in on:
        t, s = truth[pid], sections[pid]
        with roles_mod.use_model(train({k: v for k, v in papers.items() if k != pid})):
            intro = s.introduction.text if s.introduction else ""
            r = roles_mod.sort_roles(s.abstract, intro)
        if args.condense:  # as the note shows them: cut to the reading part's budget
            r = condense(r, contributions(intro), words(s.abstract) + words(intro), s.title)
        ok = any(matches(x, fw) for fw in t["idea_sentences"] for x in r.breath[:1])
        breath += ok
        shown = {"problem": r.problem, "idea": r.idea, "result": r.result}
        score = score_roles(t, shown, r.breath[:1])
        placed, placed_of = placed + score["placed"], placed_of + score["placed_of"]
        found, found_of = found + score["found"], found_of + score["found_of"]
        bad, miss = score["misplaced"], [f"missing {m}" for m in score["missing"]]
        if args.verbose:
            n = sum(len(v) for v in shown.values())
            pick = "" if ok or not r.breath else f" | {r.breath[0][:70]}"
            print(f"{pid}: breath={ok} bullets={n}{pick}")
            for line in bad + miss:
                print("   ", line)
    print(f"[{args.half}] one-breath {breath / len(on):.3f} ({breath}/{len(on)})  placed "
          f"{placed / max(placed_of, 1):.3f} ({placed}/{placed_of})  found {found / max(found_of, 1):.3f} "
          f"({found}/{found_of})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
