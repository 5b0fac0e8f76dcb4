"""The ``paperkit`` command line: parse, call the module that does the work, print.

Errors raised on purpose (:mod:`paperkit.errors`) become one line on stderr and their exit code here,
in one place; nothing else in paperkit prints to the terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from paperkit import __version__
from paperkit.errors import PaperkitError

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
