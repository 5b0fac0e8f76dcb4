"""Train the notes' role sorter and ship its weights (``tool/paperkit/notes/role_model.json``).

    python -m dev.train_roles [--corpus ../shared/corpus] [--cache FILE] [--check]

Data (read from ``../shared/corpus`` at run time; no paper's text is kept in the repo): the reader's
truth for the 40 development papers (``roles.jsonl``, matched to the sentences the PDF route reads from
``pdf/``) and CSAbstruct's 2,189 labelled abstracts (``external/csabstruct/``, Apache-2.0). The fit
(:mod:`dev.roles_fit`) is deterministic: the same data gives the same file, which records its
provenance (the data and a digest of the examples, the settings, the date and the commit it was trained
at). ``--check`` trains and compares with the shipped file instead of writing it (the stamp aside).
Figures on papers the model never saw: ``python -m dev.cv_roles``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from dev import roles_fit
from dev.roles_data import CORPUS, CSABSTRUCT, corpus_examples, data_digest, external_examples, load_sections
from paperkit.notes import roles as roles_mod
from paperkit.records import Sections

MODEL_PATH = Path(roles_mod.__file__).with_name("role_model.json")
_SETTINGS = ("MIN_DOCS", "L2_ROLE", "L2_BREATH", "STEPS", "RATE", "MOMENTUM", "EXTERNAL",
             "INTRO_NONE", "ROLE_SKIP", "BREATH_SKIP")  # fmt: skip


def _commit() -> str:
    root = Path(__file__).resolve().parents[1]
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain"], capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    head = out.stdout.strip() or "unknown"
    return head + ("+changes" if dirty.stdout.strip() else "")


def build_model(corpus: Path = CORPUS, sections: dict[str, Sections] | None = None) -> dict[str, Any]:
    """The role model trained on the repo's data, with its provenance (the stamp included)."""
    papers = corpus_examples(corpus, sections)
    external = external_examples(corpus)
    model = roles_fit.train(papers, external)
    model["provenance"] = {
        "data": {
            "development": f"roles.jsonl: {len(papers)} papers, {sum(map(len, papers.values()))} sentences "
            "(abstract and introduction as the PDF route reads pdf/<id>.pdf)",
            "external": f"external/csabstruct/{{{','.join(CSABSTRUCT)}}}: {len(external)} abstracts, "
            f"{sum(map(len, external))} sentences (CSAbstruct, Apache-2.0)",
            "digest": data_digest([papers[k] for k in sorted(papers)], external),
        },
        "settings": {k: getattr(roles_fit, k) for k in _SETTINGS},
        "trainer": "python -m dev.train_roles (dev/roles_fit.py)",
        "stamp": {"date": datetime.date.today().isoformat(), "commit": _commit()},
    }
    return model


def unstamped(model: dict[str, Any]) -> dict[str, Any]:
    """``model`` without the date and commit it was trained at (all else must reproduce exactly)."""
    out = json.loads(json.dumps(model))
    out.get("provenance", {}).pop("stamp", None)
    return out


def dumps(model: dict[str, Any]) -> str:
    """The model file's text."""
    return json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--cache", type=Path, default=None, help="pickle of the extracted sections")
    parser.add_argument("--check", action="store_true", help="compare with the shipped model, write nothing")
    args = parser.parse_args(argv)
    if not (args.corpus / "roles.jsonl").is_file():
        print(f"error: no corpus at {args.corpus} (roles.jsonl missing)", file=sys.stderr)
        return 2
    model = build_model(args.corpus, load_sections(args.corpus, args.cache))
    if args.check:
        shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
        same = unstamped(shipped) == unstamped(model)
        print(
            "the shipped model reproduces"
            if same
            else "the shipped model differs: run python -m dev.train_roles"
        )
        return 0 if same else 1
    MODEL_PATH.write_text(dumps(model), encoding="utf-8")
    print(
        f"wrote {MODEL_PATH} ({len(model['weights'])} role features, {len(model['breath'])} breath features)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
