"""The library-as-a-map commands, ``paperkit next`` and ``paperkit bib``: parsing and printing only; the
work is in :mod:`paperkit.pipeline.views`. Added to :data:`paperkit.cli.main` (:data:`MAP_COMMANDS`)."""

from __future__ import annotations

from pathlib import Path

import click

from paperkit.cli_options import library_option, pass_settings
from paperkit.config import Settings
from paperkit.terminal import echo


@click.command(name="next")
@click.option("-n", "--limit", type=click.IntRange(1, 200), default=10, show_default=True)
@library_option
@pass_settings
def next_(settings: Settings, limit: int) -> None:
    """The reading queue: the works your library's introductions cite most that you have not fetched.

    \b
    Examples:
      paperkit next
      paperkit next -n 20 --library ~/papers
    """
    from paperkit.library.store import Library
    from paperkit.pipeline.views import next_to_read
    from paperkit.text import one_line

    queue = next_to_read(Library(settings.library), limit)
    if not queue:
        echo("Nothing to read next: no cited work is missing from the library.", err=True)
        return
    for u in queue:
        year = f" ({u.year})" if u.year else ""
        echo(f"{u.cited_by:>3}×  {one_line(u.who or '?')}{year}, {one_line(u.title)}")
        echo(f"      {u.fetch_command}")


@click.command()
@click.argument("papers", nargs=-1, metavar="[ID]...")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the BibTeX here (default: stdout).")  # fmt: skip
@library_option
@pass_settings
def bib(settings: Settings, papers: tuple[str, ...], output: Path | None) -> None:
    """One BibTeX file for the library (or the papers given): unique citekeys, arXiv's @misc form.

    \b
    Examples:
      paperkit bib -o refs.bib
      paperkit bib 1506.03099 1706.03762
    """
    from paperkit.atomic import atomic_write
    from paperkit.library.store import Library
    from paperkit.pipeline.views import library_bibtex

    text = library_bibtex(Library(settings.library), list(papers) or None)
    if output is None:
        echo(text, nl=False)
    else:
        atomic_write(output, text)
        echo(f"wrote {output} ({text.count('@misc')} entries)", err=True)


MAP_COMMANDS = [next_, bib]
