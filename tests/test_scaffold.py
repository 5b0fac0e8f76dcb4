"""``paperkit scaffold``: a new reimplementation folder and its test, from templates, for a library paper."""

from __future__ import annotations

import ast
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import reimpl
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from paperkit.cli import main
from paperkit.errors import BadInput
from paperkit.library.store import Library
from paperkit.records import PaperMeta
from paperkit.reproduction import registry as reimpls
from paperkit.reproduction.scaffold import FILES, TEST_TEMPLATE, _doc, _pystr, declared_ids, scaffold
from paperkit.resources import templates_dir
from paperkit.text import one_line

ID = "2401.00001"
TITLE = 'A "Toy" Paper: \\alpha-Nets that\nspan   lines'


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    """A library holding one paper (metadata and a note)."""
    library = Library(tmp_path / "library")
    library.write_meta(PaperMeta(id=ID, version=2, title=TITLE, published="2024-01-01T00:00:00Z"))
    (library.paper_dir(ID) / "notes.md").write_text("# note\n", encoding="utf-8")
    return library


@pytest.fixture
def roots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    """A tmp reimplementation folder that is part of the ``reimpl`` package, and a tmp tests folder."""
    reimpl_root, tests_root = tmp_path / "reimpl_extra", tmp_path / "tests"
    reimpl_root.mkdir()
    tests_root.mkdir()
    monkeypatch.setattr(reimpl, "__path__", [*reimpl.__path__, str(reimpl_root)])
    reimpls.clear_cache()
    yield reimpl_root, tests_root
    for mod in [m for m in sys.modules if m.startswith("reimpl.toy_paper")]:
        del sys.modules[mod]
    reimpls.clear_cache()


def _load_test_module(path: Path) -> ModuleType:
    for mod in [m for m in sys.modules if m.startswith("reimpl.toy_paper")]:
        del sys.modules[mod]  # pick up edited files
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TRIVIAL_CLAIM = """
from reimpl.harness import RunResult, Verdict, at_least
from reimpl.toys import seed_mean


def check(results: list[RunResult]) -> Verdict:
    gain = seed_mean(results, "baseline", "final_loss") - seed_mean(results, "idea", "final_loss")
    checks = [at_least("final loss: baseline - idea", gain, 1e-3)]
    return Verdict(checks[0].passed, f"gain {gain:.4f}", checks)
"""


def test_templates_are_found() -> None:
    folder = templates_dir() / "scaffold"
    assert {*FILES, TEST_TEMPLATE} <= {p.name for p in folder.iterdir()}


def test_round_trip_fails_until_the_claim_is_written(lib: Library, roots: tuple[Path, Path]) -> None:
    reimpl_root, tests_root = roots
    written = scaffold(lib, f"arXiv:{ID}v2", "toy_paper", reimpl_root, tests_root)
    folder = reimpl_root / "toy_paper"
    assert sorted(written) == sorted(
        [*(folder / f for f in FILES.values()), tests_root / "test_toy_paper.py"]
    )

    # The metadata went in: ID, title (one line), the link to the note.
    init_text = (folder / "__init__.py").read_text(encoding="utf-8")
    model_text = (folder / "model.py").read_text(encoding="utf-8")
    assert "../../library/2401.00001/notes.md" in init_text + model_text
    assert f"https://arxiv.org/abs/{ID}" in model_text

    # The registry picks the new folder up with no other edit.
    found = reimpls.find(ID)
    assert found is not None and found.name == "toy_paper"
    assert found.paper.arxiv_id == ID and found.paper.title == " ".join(TITLE.split())
    assert declared_ids(reimpl_root) == {ID: "toy_paper"}

    # The generated test fails while the claim check is unwritten: both the reproduction and the ablation.
    test = _load_test_module(tests_root / "test_toy_paper.py")
    with pytest.raises(NotImplementedError, match="claim check"):
        test.test_toy_paper_claim_holds()
    with pytest.raises(NotImplementedError):
        test.test_toy_paper_ablation_fails()

    # A trivial claim check written by the reader: now the claim holds, and the ablation breaks it.
    (folder / "claim.py").write_text(TRIVIAL_CLAIM, encoding="utf-8")
    test = _load_test_module(tests_root / "test_toy_paper.py")
    test.test_toy_paper_claim_holds()
    test.test_toy_paper_ablation_fails()


def test_refuses_a_paper_not_in_the_library(lib: Library, roots: tuple[Path, Path]) -> None:
    with pytest.raises(BadInput, match=r"paperkit fetch 1706\.03762") as e:
        scaffold(lib, "1706.03762", "toy_paper", *roots)
    assert "\n" not in str(e.value)
    assert list(roots[0].iterdir()) == [] and list(roots[1].iterdir()) == []


def test_refuses_a_paper_already_reimplemented(lib: Library, roots: tuple[Path, Path]) -> None:
    reimpl_root, tests_root = roots
    other = reimpl_root / "older"
    other.mkdir()
    (other / "__init__.py").write_text(
        f'from reimpl import Paper\nPAPER = Paper(arxiv_id="{ID}v1", title="t", claim="c")\n',
        encoding="utf-8",
    )
    with pytest.raises(BadInput, match="already has a reimplementation"):
        scaffold(lib, ID, "toy_paper", reimpl_root, tests_root)
    assert not (reimpl_root / "toy_paper").exists()


@pytest.mark.parametrize("name", ["Toy", "toy-paper", "1toy", "class", "_toy", "test_toy", "tøy", ""])
def test_refuses_a_bad_name(lib: Library, roots: tuple[Path, Path], name: str) -> None:
    with pytest.raises(BadInput, match="not a usable reimplementation name"):
        scaffold(lib, ID, name, *roots)


@pytest.mark.parametrize("taken", ["toy_paper/", "toy_paper.py", "TESTS/test_toy_paper.py"])
def test_never_overwrites(lib: Library, roots: tuple[Path, Path], taken: str) -> None:
    reimpl_root, tests_root = roots
    path = tests_root / taken.removeprefix("TESTS/") if taken.startswith("TESTS/") else reimpl_root / taken
    if taken.endswith("/"):
        path.mkdir()
    else:
        path.write_text("keep me\n", encoding="utf-8")
    with pytest.raises(BadInput, match="is taken"):
        scaffold(lib, ID, "toy_paper", reimpl_root, tests_root)
    if path.is_file():
        assert path.read_text(encoding="utf-8") == "keep me\n"
    assert not (tests_root / "test_toy_paper.py").exists() or taken.startswith("TESTS/")
    assert not (reimpl_root / "toy_paper" / "__init__.py").exists()


def test_a_failed_write_leaves_nothing_behind(
    lib: Library, roots: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import paperkit.reproduction.scaffold as sc

    real, calls = sc.atomic_write, []

    def flaky(path: Path, text: str, exclusive: bool = False) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(path, text, exclusive)

    monkeypatch.setattr(sc, "atomic_write", flaky)
    with pytest.raises(OSError):
        scaffold(lib, ID, "toy_paper", *roots)
    assert list(roots[0].iterdir()) == [] and list(roots[1].iterdir()) == []


def test_cli_scaffolds_then_refuses_a_second_time(lib: Library, roots: tuple[Path, Path]) -> None:
    reimpl_root, tests_root = roots
    args = ["scaffold", ID, "--name", "toy_paper", "--library", str(lib.root)]
    args += ["--reimpl-dir", str(reimpl_root), "--tests-dir", str(tests_root)]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert (reimpl_root / "toy_paper" / "claim.py").is_file()
    assert "claim.py" in first.output
    second = CliRunner().invoke(main, [*args[:3], "toy_paper2", *args[4:]])
    assert second.exit_code == 2
    assert "already has a reimplementation" in second.output
    assert len(second.output.strip().splitlines()) == 1


def test_cli_unknown_paper_is_one_line(lib: Library, roots: tuple[Path, Path]) -> None:
    args = ["scaffold", "1706.03762", "--name", "toy_paper", "--library", str(lib.root)]
    result = CliRunner().invoke(main, [*args, "--reimpl-dir", str(roots[0]), "--tests-dir", str(roots[1])])
    assert result.exit_code == 2
    expected = f"1706.03762 is not in the library {lib.root}; fetch it first: paperkit fetch 1706.03762"
    assert result.output.strip().splitlines() == [f"paperkit: error: {expected}"]


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)


@given(_TEXT, st.integers(0, 8))
def test_string_literals_round_trip(text: str, indent: int) -> None:
    assert ast.literal_eval(_pystr(text, indent)) == one_line(text)


@given(_TEXT)
def test_docstring_text_round_trips(text: str) -> None:
    for source in (f'"""{_doc(text)}"""', f'"""{_doc(text)}\n"""', f'"""x {_doc(text)} (y)."""'):
        value = ast.literal_eval(source)
        assert one_line(text) in value


def test_squash_makes_one_clean_line() -> None:
    assert (
        one_line("Deep\n  Residual\tLearning\x00\x07 for\u2028Images") == "Deep Residual Learning for Images"
    )


def test_the_scaffold_starts_from_the_notes_equations_and_result(
    lib: Library, roots: tuple[Path, Path]
) -> None:
    from paperkit.library.visuals import write_visuals
    from paperkit.records import Formula, Visuals

    key = lib.read_meta(ID).key
    write_visuals(
        lib,
        key,
        Visuals(
            formulas=[
                Formula(tex=r"y = \frac{x}{\sqrt{\sigma^2 + \epsilon}}", sentence="We normalise:"),
                Formula(tex=r"\mathcal{T}[x]", renders=False),
            ]
        ),
    )
    result = "- Mixing cuts the error by 3\\.5 points &lt; 1\\. [p. 1](paper.pdf#page=1)"
    note = f"# note\n\n## The result\n\n{result}\n"
    (lib.paper_dir(key) / "notes.md").write_text(note, encoding="utf-8")
    reimpl_root, tests_root = roots
    scaffold(lib, ID, "toy_paper", reimpl_root, tests_root)
    model = (reimpl_root / "toy_paper" / "model.py").read_text()
    claim = (reimpl_root / "toy_paper" / "claim.py").read_text()
    assert r"y = \\frac{x}{\\sqrt{\\sigma^2 + \\epsilon}}" in model  # a docstring: backslashes doubled
    assert "mathcal{T}" not in model  # what KaTeX cannot render is not offered as the paper's symbols
    assert ast.get_docstring(ast.parse(model)).count(r"\frac{x}") == 1
    assert '"Mixing cuts the error by 3.5 points < 1."' in ast.get_docstring(ast.parse(claim))
