"""`paperkit reproduce` and `paperkit reimpls`, and the registry they read, on fake and tiny experiments."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import reimpl
from click.testing import CliRunner
from reimpl import Paper

from paperkit.cli import main
from paperkit.reproduction import registry as reimpls
from paperkit.reproduction.registry import (
    RegistryWarning,
    Reimpl,
    all_reimpls,
    find,
    normalise_id,
    scaffold_hint,
)

FAKE_ID = "2401.00001"

FAKE_EXPERIMENT = """
import os
from reimpl.harness import ArmResult, RunResult

def run(budget, seed, device, progress=None, **overrides):
    score = float(os.environ.get("FAKE_SCORE", "1.0"))
    arms = {}
    for name in ("base", "method"):
        if progress is not None:
            progress(1, 2, {"loss": 1.0})
            progress(2, 2, {"loss": 0.5})
        arms[name] = ArmResult(name, {"score": score if name == "method" else 0.0}, {"loss": [1.0, 0.5]})
    return RunResult("FAKE_ID", "fake", budget, seed, str(device), "x", 0.01, arms, dict(overrides))
""".replace("FAKE_ID", FAKE_ID)

FAKE_CLAIM = """
from reimpl.harness import Verdict, at_least

def check(results):
    score = min(r.arms["method"].metrics["score"] for r in results)
    c = at_least("method score", score, 0.5)
    return Verdict(c.passed, f"score {score}", [c])
"""


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Reimpl]:
    """The registry holds only a fake reimplementation whose claim holds unless FAKE_SCORE < 0.5."""
    pkg = tmp_path / "pkgs" / "fake_reimpl_pkg"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "experiment.py").write_text(FAKE_EXPERIMENT)
    (pkg / "claim.py").write_text(FAKE_CLAIM)
    monkeypatch.syspath_prepend(str(tmp_path / "pkgs"))
    entry = Reimpl("fake", Paper(FAKE_ID, "A Fake Paper", "the method scores"), pkg, "fake_reimpl_pkg")
    monkeypatch.setattr(reimpls, "_scan", lambda: (entry,))
    yield entry
    for name in ("fake_reimpl_pkg", "fake_reimpl_pkg.experiment", "fake_reimpl_pkg.claim"):
        sys.modules.pop(name, None)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


# --- the registry -------------------------------------------------------------------------------------------


def test_registry_finds_scheduled_sampling_under_any_spelling() -> None:
    names = [r.name for r in all_reimpls()]
    assert "scheduled_sampling" in names and names == sorted(names)
    for spelling in ("1506.03099", "1506.03099v3", "arXiv:1506.03099", " arXiv:1506.03099v1 "):
        found = find(spelling)
        assert found is not None and found.name == "scheduled_sampling", spelling
    assert find("1810.04805") is None
    assert normalise_id("arXiv:1506.03099v3") == "1506.03099"


def test_scaffold_hint_is_one_line_with_the_command() -> None:
    hint = scaffold_hint("arXiv:1810.04805v2")
    assert "paperkit scaffold 1810.04805 --name" in hint and "\n" not in hint


def test_listing_does_not_import_torch() -> None:
    code = (
        "import sys; from paperkit.reproduction.registry import all_reimpls; "
        "all_reimpls(); print('torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_broken_folders_are_skipped_with_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "extra"
    for name, body in {
        "zz_broken_pkg": "raise RuntimeError('boom')",
        "zz_nopaper_pkg": "HELPER = 1",
        "zz_badpaper_pkg": "PAPER = 'not a Paper'",
        "zz_dup_pkg": "from reimpl import Paper\nPAPER = Paper('1506.03099v2', 'dup', 'dup')",
        "zz_good_pkg": "from reimpl import Paper\nPAPER = Paper('2402.00002', 'Good', 'works')",
    }.items():
        (extra / name).mkdir(parents=True)
        (extra / name / "__init__.py").write_text(body)
    monkeypatch.setattr(reimpl, "__path__", [*reimpl.__path__, str(extra)])
    reimpls.clear_cache()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            names = [r.name for r in all_reimpls()]
    finally:
        reimpls.clear_cache()
        for name in list(sys.modules):
            if name.startswith("reimpl.zz_"):
                del sys.modules[name]
    assert "zz_good_pkg" in names and "scheduled_sampling" in names
    assert not {"zz_broken_pkg", "zz_nopaper_pkg", "zz_badpaper_pkg", "zz_dup_pkg"} & set(names)
    messages = " ".join(str(w.message) for w in caught if issubclass(w.category, RegistryWarning))
    assert "zz_broken_pkg" in messages and "zz_badpaper_pkg" in messages and "zz_dup_pkg" in messages
    assert "zz_nopaper_pkg" not in messages  # a helper package is not an error


# --- paperkit reproduce -------------------------------------------------------------------------------------


def test_reproduce_writes_result_and_plot(fake: Reimpl, library: Path) -> None:
    code, out, err = invoke(
        "reproduce", f"arXiv:{FAKE_ID}v2", "--seeds", "2", "--seed", "5", "--device", "cpu"
    )
    assert code == 0, err
    folder = library / FAKE_ID / "reproduction"
    data = json.loads((folder / "result.json").read_text())
    assert data["verdict"]["held"] is True
    assert data["seeds"] == [5, 6] and [r["seed"] for r in data["results"]] == [5, 6]
    assert data["budget"] == "quick" and data["timestamp"] and "reproduce" in data["command"]
    assert (folder / "plot.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [v["seed"] for v in data["seed_verdicts"]] == [5, 6]
    assert all(v["held"] for v in data["seed_verdicts"])
    assert "HELD" in out and "method score" in out and "held on 2 of 2" in out
    assert not list(folder.glob(".*.tmp"))  # atomic writes leave nothing behind


def test_reproduce_exit_1_when_the_claim_fails(
    fake: Reimpl, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_SCORE", "0.1")
    code, out, _ = invoke("reproduce", FAKE_ID, "--full")
    assert code == 1
    data = json.loads((library / FAKE_ID / "reproduction" / "result.json").read_text())
    assert data["verdict"]["held"] is False and data["budget"] == "full"
    assert "NOT HELD" in out


def test_reproduce_json(fake: Reimpl, library: Path) -> None:
    code, out, _ = invoke("reproduce", FAKE_ID, "--json", "--budget", "ci")
    assert code == 0
    data = json.loads(out)
    assert data["arxiv_id"] == FAKE_ID and data["verdict"]["held"] is True and data["budget"] == "ci"


def test_reproduce_all_summarises_and_fails_if_any_fails(
    fake: Reimpl, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = Reimpl("fake2", Paper("2401.00002", "Another", "also"), fake.folder, fake.package)
    monkeypatch.setattr(reimpls, "_scan", lambda: (fake, other))
    code, out, _ = invoke("reproduce", "--all")
    assert code == 0 and "fake2" in out and "reimplementation" in out
    monkeypatch.setenv("FAKE_SCORE", "0")
    code, _, _ = invoke("reproduce", "--all")
    assert code == 1


def test_reproduce_refreshes_an_existing_note(
    fake: Reimpl, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from paperkit.pipeline import reproduce

    calls: list[str] = []
    monkeypatch.setattr(reproduce, "refresh_note", lambda lib, key: calls.append(key) or object())
    invoke("reproduce", FAKE_ID)
    assert calls == []  # no note yet: nothing to refresh
    (library / FAKE_ID / "notes.md").write_text("# note\n")
    code, out, _ = invoke("reproduce", FAKE_ID)
    assert code == 0 and calls == [FAKE_ID] and "note refreshed" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["reproduce", "not-an-id"], "not an arXiv ID"),
        (["reproduce", "1810.04805"], "paperkit scaffold 1810.04805 --name"),
        (["reproduce"], "--all"),
        (["reproduce", FAKE_ID, "--seeds", "0"], "--seeds"),
        (["reproduce", FAKE_ID, "--seed", "-1"], "--seed"),
        (["reproduce", FAKE_ID, "--device", "tpu"], "device"),
    ],
)
def test_reproduce_bad_input_exits_2(fake: Reimpl, library: Path, args: list[str], message: str) -> None:
    code, _, err = invoke(*args)
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


# --- paperkit reimpls ---------------------------------------------------------------------------------------


def test_reimpls_lists_with_last_verdict(fake: Reimpl, library: Path) -> None:
    code, out, _ = invoke("reimpls")
    assert code == 0 and FAKE_ID in out and "A Fake Paper" in out and "not reproduced" in out
    invoke("reproduce", FAKE_ID)
    code, out, _ = invoke("reimpls", "--json")
    rows = json.loads(out)
    assert code == 0 and rows[0]["arxiv_id"] == FAKE_ID and rows[0]["last_verdict"]["held"] is True


# --- the real thing, at CI budget ---------------------------------------------------------------------------


@pytest.mark.reproduction
def test_reproduce_scheduled_sampling_end_to_end(library: Path) -> None:
    code, out, err = invoke("reproduce", "1506.03099", "--budget", "ci", "--device", "cpu", "-q")
    assert code == 0, out + err
    folder = library / "1506.03099" / "reproduction"
    data = json.loads((folder / "result.json").read_text())
    assert data["verdict"]["held"] is True
    assert set(data["results"][0]["arms"]) == {"teacher_forcing", "scheduled_sampling"}
    assert (folder / "plot.png").is_file()
