"""Reliability: the filesystem in states paperkit did not make, and signals other than Ctrl-C (issue #12).

Every state is met by one mechanism (``errors.filesystem_error`` in ``outcomes.guarded`` and the CLI's
error handler): one line naming the path and the way out, the batch going on with the next paper, exit 1,
and nothing half-written (no temporary, no partial PDF, no empty folder of the failed paper).
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from fake_arxiv import FakeArxiv
from reliability_support import (
    add_good_paper,
    cli_env,
    one_error_line,
    paperkit_cmd,
    run,
    stray_lines,
    temps,
    tree,
)

BAD, GOOD = "1506.03099", "1706.03762"


@pytest.fixture
def served_bad_and_good(fake_arxiv: FakeArxiv, tmp_path: Path) -> FakeArxiv:
    add_good_paper(fake_arxiv, tmp_path, BAD)
    add_good_paper(fake_arxiv, tmp_path, GOOD, title="Attention Is All You Need")
    return fake_arxiv


def _dir_at(name: str) -> Callable[[Path, pytest.MonkeyPatch], None]:
    def make(library: Path, _mp: pytest.MonkeyPatch) -> None:
        (library / BAD / name).mkdir(parents=True)
        (library / BAD / name / "keep.txt").write_text("mine")

    return make


def _paper_folder_is_a_file(library: Path, _mp: pytest.MonkeyPatch) -> None:
    (library / BAD).write_text("not a folder")


def _failing(call: str, err: int, when: Callable[[str], bool]) -> Callable[[Path, pytest.MonkeyPatch], None]:
    """Make ``os.<call>`` fail with ``err`` for the paths ``when`` picks (a read-only or full disk)."""

    def make(_library: Path, mp: pytest.MonkeyPatch) -> None:
        real = getattr(os, call)

        def fake(path: object, *args: object, **kwargs: object) -> object:
            if when(os.fsdecode(path)):  # type: ignore[arg-type]
                raise OSError(err, os.strerror(err), os.fsdecode(path))  # type: ignore[arg-type]
            return real(path, *args, **kwargs)

        mp.setattr(os, call, fake)

    return make


def _lock_of_bad(path: str) -> bool:
    return path.endswith(f"{BAD}/.lock")


def _in_bad(path: str) -> bool:
    return f"/{BAD}" in path


STATES: dict[str, tuple[Callable[[Path, pytest.MonkeyPatch], None], str]] = {
    "notes.md is a folder": (_dir_at("notes.md"), "a folder stands where paperkit keeps a file"),
    ".lock is a folder": (_dir_at(".lock"), "a folder stands where paperkit keeps a file"),
    "meta.json is a folder": (_dir_at("meta.json"), "a folder stands where paperkit keeps a file"),
    "paper.pdf is a folder": (_dir_at("paper.pdf"), "a folder stands where paperkit keeps a file"),
    "sections.json is a folder": (_dir_at("sections.json"), "a folder stands where paperkit keeps a file"),
    "the paper's folder is a file": (_paper_folder_is_a_file, "something else stands there"),
    "read-only library": (_failing("mkdir", errno.EROFS, _in_bad), "read-only file system"),
    "no permission for the lock": (_failing("open", errno.EACCES, _lock_of_bad), "fix the permissions"),
    "out of inodes taking the lock": (_failing("open", errno.ENOSPC, _lock_of_bad), "free some"),
    "disk quota when taking the lock": (_failing("open", errno.EDQUOT, _lock_of_bad), "quota"),
}


@pytest.mark.parametrize("state", list(STATES))
def test_every_filesystem_state_is_one_line_and_the_batch_goes_on(
    served_bad_and_good: FakeArxiv, library: Path, monkeypatch: pytest.MonkeyPatch, state: str
) -> None:
    make, way_out = STATES[state]
    make(library, monkeypatch)
    before = {p: p.read_bytes() for p in library.rglob("*") if p.is_file()}
    result = run("fetch", BAD, GOOD)
    assert result.exit_code == 1, result.stderr
    line = one_error_line(result)
    assert "failed:" in line and way_out in line and "cannot" in line, line
    assert str(library) in line or BAD in line, line  # the path is named
    # The batch went on: the next paper is whole.
    assert (library / GOOD / "paper.pdf").is_file() and (library / GOOD / "notes.md").is_file()
    # Nothing half-written: no temporary, what was there before is unchanged.
    assert temps(library) == []
    assert all(p.read_bytes() == data for p, data in before.items())
    assert not (library / BAD / "paper.pdf").is_file() or state == "notes.md is a folder" or "json" in state


def test_a_folder_where_the_note_goes_is_one_line_for_notes_too(
    served_bad_and_good: FakeArxiv, library: Path
) -> None:
    assert run("fetch", BAD).exit_code == 0
    (library / BAD / "notes.md").unlink()
    (library / BAD / "notes.md").mkdir()
    result = run("notes", BAD)
    assert result.exit_code == 1
    line = one_error_line(result)
    assert "notes.md" in line and "move it away" in line


# --- Signals --------------------------------------------------------------------------------------------


def _start(fake: FakeArxiv, library: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        paperkit_cmd("fetch", BAD),
        env=cli_env(fake, library),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow  # the real CLI in subprocesses
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_and_sighup_clean_up_like_ctrl_c(
    served_bad_and_good: FakeArxiv, library: Path, sig: signal.Signals, code: int
) -> None:
    import time

    served_bad_and_good.fail(paper=BAD, mode="slow", delay=0.2)
    proc = _start(served_bad_and_good, library)
    deadline = time.monotonic() + 30
    while not served_bad_and_good.requests_to("/pdf/") and time.monotonic() < deadline:
        assert proc.poll() is None
        time.sleep(0.02)
    time.sleep(0.3)  # mid-body
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == code, err
    assert [ln for ln in err.splitlines() if "error" in ln] == [f"paperkit: error: terminated ({sig.name})"]
    assert "Traceback" not in err and stray_lines(err) == []
    assert tree(library) == [] and not (library / BAD).exists()  # no .part, no .lock, no empty folder
