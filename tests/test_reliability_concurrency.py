"""Reliability: two paperkits at once, a paperkit killed mid-download, a disk that fills up.

The concurrency and kill cases run the real CLI in subprocesses (``python -m paperkit``) against the fake
arXiv served by this test process; its "slow" fault mode trickles the PDF so there is time to interfere.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

import paperkit.library.store
from fake_arxiv import FakeArxiv
from reliability_support import (
    add_my_notes,
    assert_whole_note,
    cli_env,
    one_error_line,
    paperkit_cmd,
    run,
    temps,
    tree,
)

ID = "1506.03099"
WHOLE = ["1506.03099", "1506.03099/meta.json", "1506.03099/notes.md", "1506.03099/paper.pdf",
         "1506.03099/sections.json", "1506.03099/visuals.json"]  # fmt: skip


def assert_whole_library(library: Path, fake: FakeArxiv) -> None:
    assert tree(library) == WHOLE
    assert (library / ID / "paper.pdf").read_bytes() == fake.papers[ID].pdf
    assert json.loads((library / ID / "meta.json").read_text())["id"] == ID
    json.loads((library / ID / "sections.json").read_text())
    json.loads((library / ID / "visuals.json").read_text())
    assert_whole_note((library / ID / "notes.md").read_text())


def _default_sigint() -> None:
    # A test run started in the background (`pytest &`, some CI runners) hands its children an ignored
    # SIGINT, which Python then keeps: restore it, so Ctrl-C reaches paperkit as from a terminal.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_fetch(fake: FakeArxiv, library: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        paperkit_cmd("fetch", *args),
        env=cli_env(fake, library),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_sigint,
    )


def wait_for_download_start(fake: FakeArxiv, proc: subprocess.Popen[str], seen: int = 0) -> None:
    """Wait until the subprocess is receiving the PDF (``seen``: PDF requests made before it started)."""
    deadline = time.monotonic() + 30.0
    while len(fake.requests_to("/pdf/")) <= seen:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the download never started"
        time.sleep(0.02)
    time.sleep(0.3)  # a few pieces of the body are on their way


# --- Two at once --------------------------------------------------------------------------------------


@pytest.mark.slow  # the real CLI in subprocesses
def test_two_fetches_of_one_paper_wait_for_each_other(served_paper: FakeArxiv, library: Path) -> None:
    served_paper.fail(paper=ID, mode="slow", delay=0.03)  # about 1.2 s of download
    procs = [start_fetch(served_paper, library, ID) for _ in range(2)]
    outs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    verbs = sorted(err.strip().splitlines()[-1].split(":")[0].strip() for _, err in outs)
    assert verbs == ["fetched", "rebuilt"]  # the second waited on the lock, then found the paper there
    assert len(served_paper.requests_to("/pdf/")) == 1 and len(served_paper.requests_to("/api/query")) == 1
    assert_whole_library(library, served_paper)


# --- Interrupted downloads ----------------------------------------------------------------------------


@pytest.mark.slow  # the real CLI in subprocesses
def test_sigint_mid_download_leaves_nothing_and_rerun_completes(
    served_paper: FakeArxiv, library: Path
) -> None:
    served_paper.fail(paper=ID, mode="slow", delay=0.2)
    proc = start_fetch(served_paper, library, ID)
    wait_for_download_start(served_paper, proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert [ln for ln in err.splitlines() if "error" in ln] == ["paperkit: error: interrupted"]
    assert "Traceback" not in err
    assert tree(library) == []  # no partial PDF, no temporary, not even an empty folder
    served_paper.clear_faults()
    result = run("fetch", ID)
    assert result.exit_code == 0, result.stderr
    assert_whole_library(library, served_paper)


@pytest.mark.slow  # the real CLI in subprocesses
def test_sigkill_mid_download_then_rerun_completes(served_paper: FakeArxiv, library: Path) -> None:
    served_paper.fail(paper=ID, mode="slow", delay=0.2)
    proc = start_fetch(served_paper, library, ID)
    wait_for_download_start(served_paper, proc)
    proc.kill()
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert not (library / ID / "paper.pdf").exists()  # the partial body never takes the real name
    served_paper.clear_faults()
    result = run("fetch", ID)
    assert result.exit_code == 0, result.stderr
    assert_whole_library(library, served_paper)  # the killed run's temporary is cleaned up too
    assert len(served_paper.requests_to("/pdf/")) == 2


@pytest.mark.slow  # the real CLI in subprocesses
def test_sigkill_during_forced_refetch_keeps_the_old_paper(served_paper: FakeArxiv, library: Path) -> None:
    assert run("fetch", ID).exit_code == 0
    note = library / ID / "notes.md"
    add_my_notes(note, "my notes\n")
    before = {p.name: p.read_bytes() for p in (library / ID).iterdir() if p.is_file()}
    served_paper.fail(paper=ID, mode="slow", delay=0.2)
    proc = start_fetch(served_paper, library, "--force", ID)
    wait_for_download_start(served_paper, proc, seen=1)
    proc.kill()
    proc.communicate(timeout=30)
    after = {name: (library / ID / name).read_bytes() for name in before}
    assert after == before
    served_paper.clear_faults()
    result = run("fetch", ID)  # not --force: the stored PDF is whole, so it is used, offline
    assert result.exit_code == 0, result.stderr
    assert_whole_library(library, served_paper)
    assert note.read_text().endswith("\nmy notes\n")


# --- A disk that fills up -----------------------------------------------------------------------------


def _enospc(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("where", ["replace", "fsync"])
def test_disk_full_while_writing_the_note_keeps_the_old_one(
    served_paper: FakeArxiv, library: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    assert run("fetch", ID).exit_code == 0
    note = library / ID / "notes.md"
    add_my_notes(note, "my precious notes\n")
    old = note.read_bytes()
    real_replace = os.replace

    def replace(src: str, dst: str | Path) -> None:
        if Path(dst).name == "notes.md":
            _enospc()
        real_replace(src, dst)

    if where == "replace":
        monkeypatch.setattr(paperkit.library.store.os, "replace", replace)
    else:
        monkeypatch.setattr(paperkit.library.store.os, "fsync", _enospc)
    for args in (["notes", ID], ["fetch", ID], ["fetch", "--force", ID]):
        result = run(*args)
        assert result.exit_code == 1, args
        assert "No space left on device" in one_error_line(result)
        assert note.read_bytes() == old
        assert temps(library) == []


def test_disk_full_during_download_keeps_nothing(
    served_paper: FakeArxiv, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("paperkit.access.download.os.fsync", _enospc)
    result = run("fetch", ID)
    assert result.exit_code == 1
    assert "No space left on device" in one_error_line(result)
    assert tree(library) == []
