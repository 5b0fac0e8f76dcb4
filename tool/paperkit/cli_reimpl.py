"""The reimplementation commands of the ``paperkit`` CLI: scaffold, reproduce, reimpls.

Added to :data:`paperkit.cli.main` (:data:`REIMPL_COMMANDS`); like the rest of the CLI they parse, call
and print.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from reimpl import BUDGETS

from paperkit.cli_options import library_option, pass_settings
from paperkit.config import Settings
from paperkit.sanitize import safe_json
from paperkit.terminal import ArmProgress, echo


@click.command(name="scaffold")
@click.argument("arxiv_id")
@click.option("--name", required=True, help="Folder and package name, e.g. residual_nets.")
@click.option(
    "--reimpl-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Where reimplementations live (default: the reimpl package's folder).",
)
@click.option(
    "--tests-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Where the new test goes (default: tests/ beside the reimpl package).",
)
@library_option
@pass_settings
def scaffold_cmd(
    settings: Settings, arxiv_id: str, name: str, reimpl_dir: Path | None, tests_dir: Path | None
) -> None:
    """Start a reimplementation of a paper in the library: reimpl/NAME/ and its test, from templates.

    The new folder holds model.py, experiment.py and claim.py filled with the paper's ID, title and a
    link to its note; tests/test_NAME.py fails until you write the claim check. The registry finds the
    folder with no other edit, and the paper's note links to it when it is next rebuilt.

    \b
    Example:
      paperkit fetch 1505.00387
      paperkit scaffold 1505.00387 --name highway
      python -m pytest tests/test_highway.py     # fails until claim.py checks the claim
    """
    from paperkit.library.store import Library
    from paperkit.reproduction.scaffold import scaffold

    written = scaffold(Library(settings.library), arxiv_id, name, reimpl_dir, tests_dir)
    for path in written:
        echo(f"created {path}")
    echo(
        f"next: write the idea in {name}/model.py, the toy in {name}/experiment.py and the check in "
        f"{name}/claim.py; then run pytest {written[-1]}"
    )


@click.command()
@click.argument("arxiv_id", required=False, metavar="[ID]")
@click.option("--all", "run_all", is_flag=True, help="Reproduce every reimplementation, then summarise.")
@click.option("--quick", "budget_flag", flag_value="quick", default=True, help="Quick budget (the default).")
@click.option("--full", "budget_flag", flag_value="full", help="Full budget: longer training, more data.")
@click.option("--budget", "budget_name", type=click.Choice(BUDGETS), hidden=True)
@click.option("--device", default="auto", show_default=True, help="auto, cpu or cuda (cuda:N).")
@click.option("--seed", type=int, default=0, show_default=True, help="First seed.")
@click.option("--seeds", "n_seeds", type=int, default=1, show_default=True, help="Run seeds SEED..SEED+N-1.")
@click.option("--json", "as_json", is_flag=True, help="Print the result record as JSON on stdout.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@library_option
@pass_settings
def reproduce(
    settings: Settings,
    arxiv_id: str | None,
    run_all: bool,
    budget_flag: str,
    budget_name: str | None,
    device: str,
    seed: int,
    n_seeds: int,
    as_json: bool,
    quiet: bool,
) -> None:
    """Train a paper's toy reimplementation and check its claim.

    ID is an arXiv ID (1506.03099, 1506.03099v3, arXiv:1506.03099); the paper need not be fetched.
    Writes LIBRARY/KEY/reproduction/result.json and plot.png, and refreshes the paper's note if it
    has one.

    \b
    Examples:
      paperkit reproduce 1506.03099
      paperkit reproduce 1506.03099 --seeds 5 --full
      paperkit reproduce --all
    \b
    Exit status: 0 the claim held (every claim, with --all); 1 it did not; 2 bad input.
    """

    from paperkit.errors import BadInput
    from paperkit.library.store import Library
    from paperkit.pipeline.reproduce import reproduce as reproduce_and_note
    from paperkit.reproduction import reproduce as rp
    from paperkit.reproduction.registry import all_reimpls
    from paperkit.reproduction.report import format_report, format_summary

    if run_all == (arxiv_id is not None):
        raise BadInput("give one ID, or --all (e.g. paperkit reproduce 1506.03099)")
    targets = all_reimpls() if run_all else [rp.resolve(arxiv_id or "")]
    if not targets:
        raise BadInput("no reimplementations found in the reimpl package")
    seeds = rp.seed_list(seed, n_seeds)
    budget = budget_name or budget_flag
    dev = rp.pick_device(device)
    lib = Library(settings.library)
    repros = []
    for target in targets:
        progress = ArmProgress(target.name, quiet or as_json)
        try:
            repro = reproduce_and_note(target, seeds, budget, dev, lib, progress)
        finally:
            progress.close()
        repros.append(repro)
        if not as_json:
            echo(format_report(repro))
            if run_all:
                echo()
    if as_json:
        records = [r.to_dict() for r in repros]
        echo(safe_json(records if run_all else records[0]))
    elif run_all:
        echo(format_summary(repros))
    if not all(r.verdict.held for r in repros):
        sys.exit(1)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@library_option
@pass_settings
def reimpls(settings: Settings, as_json: bool) -> None:
    """List the reimplementations: ID, name, title, claim and the last recorded verdict.

    \b
    Examples:
      paperkit reimpls
      paperkit reimpls --json
    """

    from paperkit.library.store import Library
    from paperkit.pipeline.views import list_reimpls
    from paperkit.reproduction.report import format_reimpls

    rows = list_reimpls(Library(settings.library))
    if as_json:
        echo(safe_json(rows))
        return
    echo(format_reimpls(rows))


REIMPL_COMMANDS = [scaffold_cmd, reproduce, reimpls]
