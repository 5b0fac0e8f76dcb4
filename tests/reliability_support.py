"""Helpers shared by the reliability battery (tests/test_reliability_*.py).

Every case checks three things: the exit code, one line on stderr that says what went wrong, and the
state of the library afterwards. These helpers make the last two short to write.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from fake_arxiv import FakeArxiv
from paperkit.cli import main
from paperkit.notes.note import MARKER, MY_NOTES
from pdfgen import make_paper_pdf

REPO = Path(__file__).resolve().parents[1]
ABSTRACT = (
    "Recurrent networks are trained to predict the next token given the true previous one. "
    "We propose a curriculum that gradually feeds the model its own guesses during training. "
    "Experiments show significant improvements on several sequence tasks."
)
SECTIONS = [
    ("1 Introduction", "Sequence models are everywhere [1]. Teacher forcing is common [2]."),
    ("2 Related Work", "Curriculum learning orders examples by difficulty [2]."),
    ("3 Method", "At each step we flip a coin to pick the input token."),
]
REFERENCES = [
    "A. Graves. Generating sequences with recurrent neural networks. arXiv:1308.0850, 2013.",
    "Y. Bengio, J. Louradour, R. Collobert, J. Weston. Curriculum learning. In ICML, 2009.",
]
TEMP_SUFFIXES = (".part", ".tmp", ".copy")


def run(*args: str) -> Result:
    """Run the CLI in this process (the fake arXiv and the library come from the environment)."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def one_error_line(result: Result) -> str:
    """The one line on stderr that reports the failure (``paperkit: error:`` or ``failed:``)."""
    assert "Traceback" not in result.output + result.stderr, result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("paperkit: error:") or "failed:" in ln]
    assert len(lines) == 1, result.stderr
    assert "internal error" not in lines[0], lines[0]
    assert stray_lines(result.stderr) == []
    return lines[0]


_KNOWN = re.compile(
    r"^(\[\d+/\d+\] |  (warning|failed|fetched|rebuilt|saved): |paperkit: error: |\d+ of \d+ papers fetched$)"
)


def stray_lines(stderr: str) -> list[str]:
    """Lines on stderr that paperkit did not mean to print (a library's noise, a traceback)."""
    return [ln for ln in stderr.splitlines() if ln.strip() and not _KNOWN.match(ln)]


def warning_lines(stderr: str, sources: bool = False) -> list[str]:
    """The warning lines the CLI printed; the one saying a paper has no LaTeX source (these tests' fake
    arXiv serves none, so every fetch falls back to the PDF) only with ``sources``."""
    return [
        ln
        for ln in stderr.splitlines()
        if ln.strip().startswith("warning:") and (sources or "no LaTeX source" not in ln)
    ]


def tree(root: Path) -> list[str]:
    """Every file and folder under ``root``, relative, sorted (the lock file left out)."""
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.name != ".lock")


def temps(root: Path) -> list[str]:
    """Temporary files left behind under ``root``."""
    return [p for p in tree(root) if p.endswith(TEMP_SUFFIXES)]


def paper_pdf(folder: Path, name: str = "paper-src.pdf", **kw: object) -> bytes:
    """The bytes of a small paper-like PDF."""
    args: dict[str, object] = dict(
        title="Scheduled Sampling for Sequence Prediction",
        abstract=ABSTRACT,
        sections=SECTIONS,
        references=REFERENCES,
    )
    args.update(kw)
    return make_paper_pdf(folder / name, **args).read_bytes()  # type: ignore[arg-type]


def add_good_paper(fake: FakeArxiv, folder: Path, arxiv_id: str = "1506.03099", **kw: object) -> None:
    """Register a paper whose PDF is a whole, readable paper."""
    fields: dict[str, object] = dict(
        version=3,
        title="Scheduled Sampling for Sequence Prediction with Recurrent Neural Networks",
        authors=["Samy Bengio", "Oriol Vinyals"],
        abstract=ABSTRACT,
        pdf=paper_pdf(folder, f"{arxiv_id.replace('/', '_')}.pdf"),
    )
    fields.update(kw)
    fake.add_paper(arxiv_id, **fields)


def front_matter(note: str) -> dict[str, object]:
    """The note's YAML front matter, parsed (fails the test when it is not valid YAML)."""
    assert note.startswith("---\n"), note[:200]
    data = yaml.safe_load(note[4 : note.index("\n---\n", 4)])
    assert isinstance(data, dict)
    return data


def assert_whole_note(note: str) -> str:
    """A note in paperkit's shape: YAML front matter, one ``## My notes`` heading, the marker after it.

    Returns the reader's part (everything after the marker line).
    """
    front_matter(note)
    assert MARKER in note.splitlines()
    generated, _ = note.split("\n" + MARKER + "\n", 1)
    lines = generated.splitlines()  # the reader may write anything below the marker, even the heading
    assert lines.count(MY_NOTES) == 1 and lines[-1] == MY_NOTES, [ln for ln in lines if "My notes" in ln]
    fences = [ln for ln in lines[: lines.index(MY_NOTES)] if re.match(r" {0,3}(```|~~~)", ln)]
    assert len(fences) % 2 == 0, fences  # the heading is not swallowed by an open code block
    return note.split(MARKER + "\n", 1)[1]


def without_code(markdown: str) -> str:
    """Markdown with its fenced code blocks removed (text in them is shown literally)."""
    return re.sub(r"(?ms)^ {0,3}```.*?^ {0,3}```[ \t]*$", "", markdown)


def add_my_notes(note_path: Path, text: str) -> None:
    """Write the reader's own notes below the marker, as a person editing the file would."""
    note_path.write_text(note_path.read_text(encoding="utf-8") + text, encoding="utf-8")


def cli_env(fake: FakeArxiv, library: Path, **extra: str) -> dict[str, str]:
    """The environment for a ``python -m paperkit`` subprocess talking to the fake arXiv."""
    env = dict(os.environ)
    env.update(
        PAPERKIT_ARXIV_API=fake.api_url,
        PAPERKIT_LIBRARY=str(library),
        PAPERKIT_ARXIV_DELAY="0",
        PAPERKIT_TIMEOUT="5",
        PAPERKIT_BACKOFF="0.01",
        PAPERKIT_RETRIES="2",
        PYTHONPATH=os.pathsep.join([str(REPO / "tool"), env.get("PYTHONPATH", "")]),
    )
    env.update(extra)
    return env


def paperkit_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "paperkit", *args]
