"""The ``paperkit`` command line: parse, call the module that does the work, print.

Errors raised on purpose (:mod:`paperkit.errors`) become one line on stderr and their exit code here,
in one place; nothing else in paperkit prints to the terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from paperkit import __version__
from paperkit.errors import NotFound, PaperkitError

F = TypeVar("F", bound=Callable[..., Any])

library_option = click.option(
    "--library",
    type=click.Path(path_type=Path, file_okay=True, dir_okay=True),
    envvar="PAPERKIT_LIBRARY",
    default=None,
    show_envvar=True,
    help="Library folder (default: ./papers).",
)


def fail(message: str, code: int) -> None:
    """Print a one-line error and exit with ``code``."""
    click.echo(f"paperkit: error: {' '.join(message.split())}", err=True)
    sys.exit(code)


def handle_errors(func: F) -> F:
    """Turn paperkit's own errors, Ctrl-C and a closed pipe into one line and an exit code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PaperkitError as e:
            fail(str(e), e.exit_code)
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except BrokenPipeError:
            sys.exit(1)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as e:  # a bug: still one line, with a way to see more
            if os.environ.get("PAPERKIT_DEBUG"):
                raise
            fail(f"internal error: {type(e).__name__}: {e} (set PAPERKIT_DEBUG=1 to see where)", 1)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="paperkit")
def main() -> None:
    """paperkit: read a deep-learning paper by its ideas, then reimplement it small.

    \b
    The method:  fetch a paper → read its study note (problem, idea, result,
                 background citations, related ideas) → reproduce its claim.
    \b
      paperkit fetch 1506.03099        # PDF, metadata, sections and a study note
      paperkit reproduce 1506.03099    # train the toy reimplementation, check the claim
    """


# --- fetch --------------------------------------------------------------------------------------------


class _FetchReporter:
    """Progress on stderr: a line per paper, a download bar, warnings."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar: Any = None

    def start(self, item: str, index: int, total: int) -> None:
        if not self.quiet:
            click.echo(f"[{index}/{total}] {item}", err=True)

    def download(self, done: int, total: int | None) -> None:
        if self.quiet:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(
                total=total,
                unit="B",
                unit_scale=True,
                desc="  PDF",
                leave=False,
                file=sys.stderr,
                disable=None,
            )
        self.bar.update(done - self.bar.n)

    def _close_bar(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def warn(self, message: str) -> None:
        self._close_bar()
        click.echo(f"  warning: {' '.join(message.split())}", err=True)

    def done(self, outcome: Any) -> None:
        self._close_bar()
        if outcome.status == "failed":
            click.echo(f"  failed: {' '.join(outcome.message.split())}", err=True)
        elif not self.quiet:
            verb = "fetched" if outcome.downloaded else "rebuilt" if outcome.status == "updated" else "saved"
            click.echo(f"  {verb}: {outcome.folder / 'notes.md'}", err=True)


def _fetch_exit_code(outcomes: list[Any]) -> int:
    failed = [o for o in outcomes if o.status == "failed"]
    if failed:
        return 2 if all(o.exit_code == 2 for o in failed) else 1
    return 3 if any(o.partial for o in outcomes) else 0


@main.command()
@click.argument("papers", nargs=-1, metavar="[PAPER]...")
@click.option("--search", "query", metavar="QUERY", help="Fetch the top results of an arXiv search instead.")
@click.option(
    "--max", "max_results", type=click.IntRange(1, 100), default=5, show_default=True,
    help="How many search results to fetch.",
)  # fmt: skip
@click.option(
    "--background", is_flag=True,
    help="Fetch the arXiv papers each PAPER's introduction cites (by arXiv ID, or by an unambiguous title).",
)  # fmt: skip
@click.option("--force", is_flag=True, help="Download again even when the paper is in the library.")
@click.option("--offline", is_flag=True, help="Never contact arXiv (local PDFs and rebuilds only).")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary on stdout.")
@click.option("-q", "--quiet", is_flag=True, help="Only print warnings and errors.")
@library_option
@handle_errors
def fetch(
    papers: tuple[str, ...],
    query: str | None,
    max_results: int,
    background: bool,
    force: bool,
    offline: bool,
    as_json: bool,
    quiet: bool,
    library: Path | None,
) -> None:
    """Fetch papers from arXiv and write a study note for each.

    PAPER is an arXiv ID (1506.03099, 1506.03099v3, arXiv:1506.03099, hep-th/9901001), an arxiv.org
    /abs/ or /pdf/ URL, or the path of a local PDF. Each paper lands in LIBRARY/KEY/: paper.pdf,
    meta.json, sections.json and notes.md (your "## My notes" section is kept on every rebuild).
    A paper already in the library is not downloaded again (unless --force): its note is rebuilt
    from the stored PDF, offline.

    \b
    Examples:
      paperkit fetch 1506.03099
      paperkit fetch 1706.03762 https://arxiv.org/abs/1512.03385 ~/Downloads/paper.pdf
      paperkit fetch --search "scheduled sampling" --max 3
      paperkit fetch --background 1506.03099   # the arXiv papers its introduction cites

    \b
    Environment: PAPERKIT_ARXIV_API (API query URL), PAPERKIT_ARXIV_DELAY (seconds between
    requests, default 3), PAPERKIT_TIMEOUT (seconds, default 30).
    Exit status: 0 all fetched; 1 an item failed; 2 bad input; 3 all fetched, but a PDF could
    not be read (its note was written from the metadata).
    """
    from paperkit.config import load_settings
    from paperkit.fetch import Fetcher

    if not papers and query is None:
        raise click.UsageError("give at least one PAPER, or --search QUERY")
    if papers and query is not None:
        raise click.UsageError("give PAPERs or --search, not both")
    if background and (query is not None or offline):
        raise click.UsageError(
            "--background works on PAPERs and needs arXiv (not with --search or --offline)"
        )
    fetcher = Fetcher(load_settings(library), force=force, offline=offline, reporter=_FetchReporter(quiet))
    if background:
        outcomes = []
        for paper in papers:
            found, left_out = fetcher.fetch_background(paper)
            outcomes += found
            if left_out and not quiet:
                click.echo(f"{len(left_out)} cited works of {paper} have no arXiv match:", err=True)
                for line in left_out:
                    click.echo(f"  {line}", err=True)
    elif query is not None:
        outcomes = fetcher.fetch_search(query, max_results)
    else:
        outcomes = fetcher.fetch_all(list(papers))
    if as_json:
        import json

        click.echo(json.dumps([_outcome_json(o) for o in outcomes], indent=2, ensure_ascii=False))
    code = _fetch_exit_code(outcomes)
    if len(outcomes) > 1 and not quiet:
        ok = sum(o.status != "failed" for o in outcomes)
        click.echo(f"{ok} of {len(outcomes)} papers fetched", err=True)
    if code:
        sys.exit(code)


def _outcome_json(o: Any) -> dict[str, Any]:
    files = {}
    if o.folder is not None:
        files = {n: str(o.folder / n) for n in ("paper.pdf", "meta.json", "sections.json", "notes.md")
                 if (o.folder / n).exists()}  # fmt: skip
    return {
        "input": o.input,
        "status": o.status,
        "key": o.key,
        "title": o.title,
        "folder": str(o.folder) if o.folder else None,
        "files": files,
        "downloaded": o.downloaded,
        "warnings": o.warnings,
        "error": o.message or None,
    }


# --- the library: notes, show, list ---------------------------------------------------------------


@main.command()
@click.argument("papers", nargs=-1, required=True, metavar="ID...")
@click.option("--force", is_flag=True, help="Extract the stored PDF again instead of reading sections.json.")
@library_option
@handle_errors
def notes(papers: tuple[str, ...], force: bool, library: Path | None) -> None:
    """Rebuild the study notes of papers in the library, offline.

    Your "## My notes" section is kept as it is. A note whose frame you changed (front matter
    deleted) is kept beside the new one as notes.<date>.md.bak.

    \b
    Example:
      paperkit notes 1506.03099
    """
    from paperkit.config import load_settings
    from paperkit.fetch import Fetcher
    from paperkit.listing import resolve_key

    fetcher = Fetcher(load_settings(library), force=force, offline=True, reporter=_FetchReporter(quiet=True))
    for paper in papers:
        outcome = fetcher.rebuild(resolve_key(fetcher.library, paper))
        click.echo(str(outcome.folder / "notes.md") if outcome.folder else paper)


@main.command()
@click.argument("paper", metavar="ID")
@click.option("--raw", is_flag=True, help="Print the Markdown as it is on disk.")
@library_option
@handle_errors
def show(paper: str, raw: bool, library: Path | None) -> None:
    """Print a paper's study note in the terminal.

    \b
    Example:
      paperkit show 1506.03099
    """
    from paperkit.config import load_settings
    from paperkit.library import NOTE, Library
    from paperkit.listing import resolve_key

    lib = Library(load_settings(library).library)
    path = lib.paper_dir(resolve_key(lib, paper)) / NOTE
    if not path.is_file():
        raise NotFound(f"{paper} has no note yet; build it: paperkit notes {paper}")
    text = path.read_text(encoding="utf-8", errors="replace")
    if raw or not sys.stdout.isatty():
        click.echo(text, nl=False)
        return
    from rich.console import Console
    from rich.markdown import Markdown

    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") and "\n---\n" in text[4:] else text
    console = Console()
    with console.pager(styles=True):
        console.print(Markdown(body))


@main.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@library_option
@handle_errors
def list_(as_json: bool, library: Path | None) -> None:
    """List the papers in the library: ID, year, title, reimplementation, last reproduction."""
    from dataclasses import asdict

    from paperkit.config import load_settings
    from paperkit.library import Library
    from paperkit.listing import list_papers

    lib = Library(load_settings(library).library)
    rows = list_papers(lib)
    if as_json:
        import json

        click.echo(json.dumps([asdict(r) for r in rows], indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo(f"The library {lib.root} is empty. Fetch a paper: paperkit fetch 1506.03099", err=True)
        return
    for r in rows:
        if r.error:
            click.echo(f"{r.key:<18} (unreadable: {r.error})")
            continue
        extra = f"  [reimpl: {r.reimplementation}" if r.reimplementation else ""
        if r.reimplementation:
            extra += f", {r.last_reproduction}]" if r.last_reproduction else ", not reproduced]"
        title = r.title if len(r.title) <= 70 else r.title[:69] + "…"
        click.echo(f"{r.id:<18} {r.year or '':<4}  {title}{extra}")
