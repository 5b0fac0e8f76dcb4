"""The ``paperkit`` command line: parse, call the module that does the work, print.

Errors raised on purpose (:mod:`paperkit.errors`) become one line on stderr and their exit code here,
in one place; nothing else in paperkit prints to the terminal.
"""

from __future__ import annotations

import sys
from dataclasses import replace

import click

from paperkit import __version__
from paperkit.cli_errors import OneLineErrors
from paperkit.cli_library import MAP_COMMANDS
from paperkit.cli_options import library_option, pass_settings
from paperkit.cli_reimpl import REIMPL_COMMANDS
from paperkit.config import Settings
from paperkit.extraction import routes
from paperkit.library.store import NOTE
from paperkit.sanitize import one_line, safe_json
from paperkit.terminal import FetchProgress, echo


@click.group(
    cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
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


NO_FIGURES_HELP = "Leave the paper's Figure 1 out of the note (and, when extracting, out of the library)."

# --- fetch --------------------------------------------------------------------------------------------


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
@click.option(
    "--route",
    type=click.Choice(["auto", *routes()]),
    default="auto",
    show_default=True,
    help="Read the sections from the LaTeX source arXiv serves, the PDF, or auto (LaTeX when usable).",
)
@click.option("--no-figures", is_flag=True, help=NO_FIGURES_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary on stdout.")
@click.option("-q", "--quiet", is_flag=True, help="Only print warnings and errors.")
@library_option
@pass_settings
def fetch(
    settings: Settings,
    papers: tuple[str, ...],
    query: str | None,
    max_results: int,
    background: bool,
    force: bool,
    offline: bool,
    route: str,
    no_figures: bool,
    as_json: bool,
    quiet: bool,
) -> None:
    """Fetch papers from arXiv and write a study note for each.

    PAPER is an arXiv ID (1506.03099, 1506.03099v3, arXiv:1506.03099, hep-th/9901001), an arxiv.org
    /abs/ or /pdf/ URL, the path of a local PDF, or a LaTeX source (a .tar.gz or a folder with the
    main .tex). Each paper lands in LIBRARY/KEY/: paper.pdf, source.tar.gz (the e-print arXiv serves,
    when it is LaTeX), meta.json, sections.json, figures/fig1.png (the paper's Figure 1, unless
    --no-figures), visuals.json (its caption and defining formulas) and notes.md (your "## My notes"
    section is kept on every rebuild).
    A paper already in the library is not downloaded again (unless --force): its note is rebuilt
    from the stored PDF, offline.

    \b
    Examples:
      paperkit fetch 1506.03099
      paperkit fetch 1706.03762 https://arxiv.org/abs/1512.03385 ~/Downloads/paper.pdf
      paperkit fetch --search "scheduled sampling" --max 3
      paperkit fetch --background 1506.03099   # the arXiv papers its introduction cites
      paperkit fetch --offline ~/Downloads/paper.pdf
      paperkit fetch --route pdf 1706.03762     # sections from the PDF, not the LaTeX source
      paperkit fetch ~/drafts/my-paper/          # your own draft's LaTeX folder (or a .tar.gz)

    \b
    Environment: PAPERKIT_ARXIV_API (API query URL), PAPERKIT_ARXIV_DELAY (seconds between
    requests, default 3), PAPERKIT_TIMEOUT (seconds, default 30), PAPERKIT_RETRIES (tries per
    request, default 4), PAPERKIT_FIGURES (0: no figures, as --no-figures).
    Exit status: 0 all fetched; 1 an item failed; 2 bad input; 3 all fetched, but a PDF could
    not be read (its note was written from the metadata); 130 interrupted (143 SIGTERM,
    129 SIGHUP), with nothing half-written left.
    """
    from paperkit.pipeline.cited import fetch_background_all
    from paperkit.pipeline.fetch import Fetcher
    from paperkit.pipeline.outcomes import exit_code

    if not papers and query is None:
        raise click.UsageError("give at least one PAPER, or --search QUERY")
    if papers and query is not None:
        raise click.UsageError("give PAPERs or --search, not both")
    if background and (query is not None or offline):
        raise click.UsageError(
            "--background works on PAPERs and needs arXiv (not with --search or --offline)"
        )
    if no_figures:
        settings = replace(settings, figures=False)
    fetcher = Fetcher(settings, force=force, offline=offline, reporter=FetchProgress(quiet), route=route)
    if background:
        outcomes, unmatched = fetch_background_all(fetcher, list(papers))
        for paper, left_out in unmatched.items():
            if left_out and not quiet:
                echo(f"{len(left_out)} cited works of {paper} have no arXiv match:", err=True)
                for line in left_out:
                    echo(f"  {line}", err=True)
    elif query is not None:
        outcomes = fetcher.fetch_search(query, max_results)
    else:
        outcomes = fetcher.fetch_all(list(papers))
    if as_json:
        echo(safe_json([o.to_dict() for o in outcomes]))
    code = exit_code(outcomes)
    if len(outcomes) > 1 and not quiet:
        ok = sum(o.status != "failed" for o in outcomes)
        echo(f"{ok} of {len(outcomes)} papers fetched", err=True)
    if code:
        sys.exit(code)


# --- the library: notes, show, list ---------------------------------------------------------------


@main.command()
@click.argument("papers", nargs=-1, required=True, metavar="ID...")
@click.option("--force", is_flag=True, help="Extract the stored PDF again instead of reading sections.json.")
@click.option("--no-figures", is_flag=True, help=NO_FIGURES_HELP)
@library_option
@pass_settings
def notes(settings: Settings, papers: tuple[str, ...], force: bool, no_figures: bool) -> None:
    """Rebuild the study notes of papers in the library, offline.

    Your "## My notes" section is kept as it is. A note whose frame you changed (front matter
    deleted) is kept beside the new one as notes.<date>.md.bak.

    \b
    Example:
      paperkit notes 1506.03099
    """
    from paperkit.pipeline.fetch import Fetcher
    from paperkit.pipeline.outcomes import exit_code

    if no_figures:
        settings = replace(settings, figures=False)
    fetcher = Fetcher(settings, force=force, offline=True, reporter=FetchProgress(quiet=True))
    outcomes = fetcher.rebuild_all(list(papers))
    for o in outcomes:
        if o.status == "failed":
            where = f"{one_line(o.input)}: " if len(outcomes) > 1 else ""
            echo(f"paperkit: error: {where}{one_line(o.message)}", err=True)
        else:
            echo(str(o.folder / NOTE) if o.folder else o.input)
    if code := exit_code(outcomes):
        sys.exit(code)


@main.command()
@click.argument("paper", metavar="ID")
@click.option("--raw", is_flag=True, help="Print the Markdown as it is on disk.")
@library_option
@pass_settings
def show(settings: Settings, paper: str, raw: bool) -> None:
    """Print a paper's study note in the terminal.

    \b
    Examples:
      paperkit show 1506.03099
      paperkit show 1506.03099 --raw > note.md
    """
    from paperkit.library.listing import read_note
    from paperkit.library.store import Library
    from paperkit.notes.note import note_body
    from paperkit.sanitize import terminal_text

    library = Library(settings.library)
    text = read_note(library, paper)
    if not sys.stdout.isatty():
        click.echo(text, nl=False)  # to a file or a pipe: the note as it is on disk
        return
    if raw:
        echo(text, nl=False)
        return
    from rich.console import Console
    from rich.markdown import Markdown

    from paperkit.library.listing import resolve_key
    from paperkit.notes.symbols import figure_in_terminal

    folder = library.paper_dir(resolve_key(library, paper))
    console = Console()
    with console.pager(styles=True):
        console.print(Markdown(figure_in_terminal(terminal_text(note_body(text)), folder)))


@main.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@library_option
@pass_settings
def list_(settings: Settings, as_json: bool) -> None:
    """List the papers in the library: ID, year, title, reimplementation, last reproduction.

    \b
    Examples:
      paperkit list
      paperkit list --json --library ~/papers
    """
    from dataclasses import asdict

    from paperkit.library.store import Library
    from paperkit.pipeline.views import format_papers, list_papers

    lib = Library(settings.library)
    rows = list_papers(lib)
    if as_json:
        echo(safe_json([asdict(r) for r in rows]))
        return
    if not rows:
        echo(f"The library {lib.root} is empty. Fetch a paper: paperkit fetch 1506.03099", err=True)
        return
    echo(format_papers(rows))


for command in [*REIMPL_COMMANDS, *MAP_COMMANDS]:
    main.add_command(command)
