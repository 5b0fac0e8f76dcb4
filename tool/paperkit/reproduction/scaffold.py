"""Start a reimplementation: ``reimpl/<name>/`` and its test, from the templates, for a paper in the library.

The new folder is a working skeleton (it imports, trains a placeholder and returns a result) whose claim
check raises until the reader writes it, so its test fails until then: a scaffold never passes vacuously.
Nothing is overwritten; every file is written whole or not at all.
"""

from __future__ import annotations

import ast
import contextlib
import json
import keyword
import os
import re
import textwrap
from pathlib import Path

import jinja2

from paperkit.access.ids import normalise_id, parse_arxiv_id
from paperkit.atomic import atomic_write
from paperkit.errors import BadInput, PaperkitError
from paperkit.library.store import META, NOTE, Library
from paperkit.library.visuals import read_visuals
from paperkit.records import PaperMeta
from paperkit.reproduction.registry import clear_cache
from paperkit.resources import templates_dir
from paperkit.text import one_line

# What the templates produce: template name → path relative to the new folder (None: the test file).
FILES = {
    "__init__.py.j2": "__init__.py",
    "model.py.j2": "model.py",
    "experiment.py.j2": "experiment.py",
    "claim.py.j2": "claim.py",
}
TEST_TEMPLATE = "test.py.j2"

# A package name in the style of the others: lowercase ASCII, digits and underscores.
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$", re.ASCII)


def default_dirs() -> tuple[Path, Path | None]:
    """Where reimplementations and their tests live: the ``reimpl`` package's folder and, in a checkout,
    the ``tests/`` folder beside it (None when there is none, e.g. an installed wheel)."""
    import reimpl

    root = Path(reimpl.__file__).resolve().parent
    tests = root.parent / "tests"
    return root, tests if tests.is_dir() else None


def check_name(name: str, reimpl_root: Path, tests_root: Path) -> None:
    """Refuse a name that is not a plain lowercase identifier or that a module or test already uses."""
    if not _NAME.match(name) or keyword.iskeyword(name) or name.startswith("test"):
        raise BadInput(
            f"not a usable reimplementation name: {name!r}; use a lowercase Python identifier "
            "(letters, digits, underscores, starting with a letter), e.g. residual_nets"
        )
    taken = [reimpl_root / name, reimpl_root / f"{name}.py", tests_root / f"test_{name}.py"]
    for path in taken:
        if path.exists() or path.is_symlink():
            raise BadInput(f"the name {name!r} is taken: {path} exists; pick another --name")


def declared_ids(reimpl_root: Path) -> dict[str, str]:
    """arXiv ID → folder name for every ``<reimpl_root>/*/__init__.py`` declaring ``PAPER = Paper(...)``.

    Read with :mod:`ast`, not imported: nothing in a folder runs, and a broken one cannot stop the scan.
    """
    found: dict[str, str] = {}
    if not reimpl_root.is_dir():
        return found
    for init in sorted(reimpl_root.glob("*/__init__.py")):
        try:
            tree = ast.parse(init.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    value = kw.value.value if isinstance(kw.value, ast.Constant) else None
                    if kw.arg == "arxiv_id" and isinstance(value, str):
                        found.setdefault(normalise_id(value), init.parent.name)
    return found


def _paper_meta(library: Library, arxiv_id: str) -> PaperMeta:
    """The library's metadata of the paper; one that is not there is refused with the way to fetch it."""
    parsed = parse_arxiv_id(arxiv_id)
    if not (library.paper_dir(parsed.key) / META).is_file():
        raise BadInput(
            f"{parsed.id} is not in the library {library.root}; fetch it first: paperkit fetch {parsed.id}"
        )
    return library.read_meta(parsed.key)


# Filters that turn metadata into valid Python source and docstrings.


def _doc(text: str) -> str:
    """Text that is safe inside a triple-quoted docstring (no backslash escapes, no closing quotes)."""
    safe = one_line(text).replace("\\", "\\\\")
    # Escape every quote that another quote follows, and a last one (it would merge with the closing
    # quotes): no run of unescaped quotes can then end the docstring early.
    return re.sub(r'"(?=")|"$', r'\\"', safe)


def _wrap(text: str, width: int = 100) -> str:
    return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or text


def _literal(text: str) -> str:
    """A Python string literal of ``text``, quoted the way ``ruff format`` would quote it."""
    body = json.dumps(text, ensure_ascii=False)[1:-1]  # JSON escapes are valid Python escapes
    if text.count('"') > text.count("'"):  # fewer escapes inside single quotes
        return "'" + body.replace('\\"', '"').replace("'", "\\'") + "'"
    return '"' + body + '"'


def _pystr(text: str, indent: int = 0, width: int = 96) -> str:
    """A Python string literal of ``text``; a long one becomes implicitly joined parts in parentheses."""
    text = one_line(text)
    if len(text) + indent + 14 <= width:
        return _literal(text)
    parts = textwrap.wrap(text, width - indent - 8, drop_whitespace=False, break_long_words=False)
    pad = " " * (indent + 4)
    body = "\n".join(pad + _literal(p) for p in parts)
    return "(\n" + body + "\n" + " " * indent + ")"


def environment(folder: Path | None = None) -> jinja2.Environment:
    """The jinja2 environment of the scaffold templates (``templates/scaffold`` unless ``folder``)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder or templates_dir() / "scaffold")),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # the output is Python, not HTML
    )
    env.filters.update(doc=_doc, wrap=_wrap, pystr=_pystr)
    return env


def render(
    meta: PaperMeta,
    name: str,
    note_link: str | None,
    equations: list[str] | None = None,
    result: str = "",
) -> dict[str, str]:
    """Template name → rendered text, for every file of a scaffold (``equations``: the note's key
    equations, for the model's docstring; ``result``: the sentence that states the paper's result)."""
    env = environment()
    context = {
        "arxiv_id": meta.id,
        "title": one_line(meta.title) or meta.id,
        "name": name,
        "note_link": note_link,
        "equations": [one_line(e) for e in equations or [] if e.strip()],
        "result": one_line(result),
    }
    try:
        return {t: env.get_template(t).render(context) for t in (*FILES, TEST_TEMPLATE)}
    except jinja2.TemplateNotFound as e:
        raise PaperkitError(
            f"scaffold template {e.name} is missing from {templates_dir() / 'scaffold'}"
        ) from None


def from_note(library: Library, key: str) -> tuple[list[str], str]:
    """What the paper's note gives the scaffold: its key equations (the stored formulas that render) and
    the first sentence of its "The result" section (the note's Markdown unescaped); empty when absent."""
    equations = [f.tex for f in read_visuals(library, key).formulas if f.renders]
    try:
        note = (library.paper_dir(key) / NOTE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return equations, ""
    m = re.search(r"^## The result\n+- (.+)$", note, re.M)
    if not m:
        return equations, ""
    sentence = re.sub(r"\s*\[p\. \d+\]\([^)]*\)$", "", m.group(1))  # the page link the note adds
    sentence = re.sub(r"\\([\\`*_{}\[\]()#+\-.!>|~=])", r"\1", sentence)
    return equations, sentence.replace("&lt;", "<").replace("&amp;", "&")


def _note_link(library: Library, key: str, folder: Path) -> str | None:
    """The paper's note as seen from the new folder: relative when they share a folder, else absolute."""
    note = library.paper_dir(key).resolve() / NOTE
    if not note.is_file():
        return None
    here = folder.resolve()
    try:
        shared = Path(os.path.commonpath([note, here]))
    except ValueError:  # another drive on Windows
        return note.as_posix()
    if shared == Path(shared.anchor):  # nothing in common but the root: a relative path would mislead
        return note.as_posix()
    return os.path.relpath(note, here).replace(os.sep, "/")


def scaffold(
    library: Library,
    arxiv_id: str,
    name: str,
    reimpl_root: Path | None = None,
    tests_root: Path | None = None,
) -> list[Path]:
    """Create ``<reimpl_root>/<name>/`` (four files) and ``<tests_root>/test_<name>.py``; return their paths.

    The roots default to :func:`default_dirs`. Refused (:class:`BadInput`) when the paper is not in the
    library, already has a reimplementation under ``reimpl_root``, or ``name`` is not a free lowercase
    identifier. On failure nothing is left behind.
    """
    default_reimpl, default_tests = default_dirs()
    reimpl_root = reimpl_root or default_reimpl
    tests_root = tests_root or default_tests
    if tests_root is None:
        raise BadInput(f"no tests folder beside {default_reimpl}; pass --tests-dir")
    meta = _paper_meta(library, arxiv_id)
    existing = declared_ids(reimpl_root).get(meta.id)
    if existing:
        raise BadInput(f"{meta.id} already has a reimplementation: {reimpl_root / existing}")
    check_name(name, reimpl_root, tests_root)
    if not reimpl_root.is_dir():
        raise BadInput(f"no reimplementation folder at {reimpl_root}; pass --reimpl-dir")
    if not tests_root.is_dir():
        raise BadInput(f"no tests folder at {tests_root}; pass --tests-dir")

    folder = reimpl_root / name
    equations, result = from_note(library, meta.key)
    texts = render(meta, name, _note_link(library, meta.key, folder), equations, result)  # before the disk
    targets = [(folder / out, texts[t]) for t, out in FILES.items()]
    targets.append((tests_root / f"test_{name}.py", texts[TEST_TEMPLATE]))

    try:
        folder.mkdir()  # claims the name: a concurrent scaffold of the same name fails here
    except FileExistsError:
        raise BadInput(f"the name {name!r} is taken: {folder} exists; pick another --name") from None
    written: list[Path] = []
    try:
        for path, text in targets:
            try:
                atomic_write(path, text, exclusive=True)
            except FileExistsError:
                raise BadInput(f"{path} appeared while scaffolding; nothing was kept") from None
            written.append(path)
    except BaseException:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        with contextlib.suppress(OSError):
            folder.rmdir()
        raise
    clear_cache()  # a registry scanned earlier in this process must see the new folder
    return written
