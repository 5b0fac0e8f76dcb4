"""KaTeX over formulas, through Node (``dev/katex``): what the project test and the benchmark use to say
whether every formula of a note renders as Markdown viewers render it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

KATEX_DIR = Path(__file__).resolve().parent / "katex"
# A note's mathematics, as the note writes it: "$$...$$", or "$...$" read the Pandoc way.
NOTE_MATH = re.compile(
    r"(?<!\\)\$\$(?P<d>[^$]+?)\$\$|(?<![\\$])\$(?=[^\s$])(?P<i>(?:\\.|[^$\\\n])+?)(?<=[^\s\\])\$(?![$\d])"
)


def unavailable() -> str | None:
    """Why KaTeX cannot be run here, or None when it can."""
    if shutil.which("node") is None:
        return "Node.js is not installed (KaTeX runs on Node)"
    if not (KATEX_DIR / "node_modules" / "katex").is_dir():
        return "katex is not installed: run `npm ci --prefix dev/katex`"
    return None


def note_formulas(text: str) -> list[tuple[str, bool]]:
    """The formulas of a note's text (outside code spans and fences), each with whether it is display."""
    text = re.sub(r"```.*?```|`[^`\n]*`", " ", text, flags=re.S)
    return [
        (m.group("d"), True) if m.group("d") is not None else (m.group("i"), False)
        for m in NOTE_MATH.finditer(text)
    ]


def katex_errors(formulas: list[tuple[str, bool]]) -> list[str | None]:
    """KaTeX's error for each formula (``throwOnError``), None where it renders."""
    if not formulas:
        return []
    payload = json.dumps([{"tex": tex, "display": display} for tex, display in formulas])
    done = subprocess.run(
        ["node", str(KATEX_DIR / "check.js")],
        input=payload,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=KATEX_DIR,
    )
    return list(json.loads(done.stdout))
