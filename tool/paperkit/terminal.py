"""What paperkit shows on the terminal while it works: a line per paper, download and training bars.

These are the CLI's side of the progress protocols (:class:`paperkit.pipeline.outcomes.Reporter` for fetching,
:data:`reimpl.harness.Progress` with ``start_seed``/``start_arm`` for training); all of it goes to stderr,
so that ``--json`` output on stdout stays clean. Text from outside (titles, messages) is shown through
:mod:`paperkit.sanitize`, never raw.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from paperkit.library.store import NOTE
from paperkit.pipeline.outcomes import FetchOutcome
from paperkit.sanitize import one_line, terminal_text


def echo(text: object = "", err: bool = False, nl: bool = True) -> None:
    """Print for the CLI: every line paperkit prints passes here, outside text made safe for a terminal."""
    click.echo(terminal_text(text), err=err, nl=nl)


class FetchProgress:
    """Progress on stderr: a line per paper, a download bar, warnings."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar: Any = None

    def start(self, item: str, index: int, total: int) -> None:
        """A paper begins: ``[2/5] 1506.03099``."""
        if not self.quiet:
            click.echo(f"[{index}/{total}] {one_line(item)}", err=True)

    def download(self, done: int, total: int | None) -> None:
        """Move the PDF's download bar (made on the first call) to ``done`` bytes."""
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
        """A warning, on one line (even with --quiet)."""
        self._close_bar()
        click.echo(f"  warning: {one_line(message)}", err=True)

    def done(self, outcome: FetchOutcome) -> None:
        """A paper ends: where its note is, or why it failed (even with --quiet)."""
        self._close_bar()
        if outcome.status == "failed":
            click.echo(f"  failed: {one_line(outcome.message)}", err=True)
        elif not self.quiet:
            verb = "fetched" if outcome.downloaded else "rebuilt" if outcome.status == "updated" else "saved"
            click.echo(f"  {verb}: {outcome.folder / NOTE if outcome.folder else outcome.input}", err=True)


class ArmProgress:
    """One click progress bar per arm (and seed) on stderr, fed by an experiment's progress callback."""

    def __init__(self, label: str, quiet: bool) -> None:
        self.label, self.quiet = label, quiet
        self.seed: int | None = None
        self.arm: str | None = None
        self.bar: Any = None
        self.last_step = 0
        self.arms_seen = 0

    def start_seed(self, seed: int) -> None:
        """A seed's run begins (called by :func:`paperkit.reproduction.reproduce.run_seeds`)."""
        self.seed = seed
        self.close()

    def start_arm(self, arm: str) -> None:
        """An arm's training begins (called by :func:`reimpl.harness.start_arm`)."""
        self.close()
        self.arm = arm

    def __call__(self, step: int, total: int, metrics: dict[str, float]) -> None:
        if self.quiet:
            return
        if self.bar is not None and step < self.last_step:  # an experiment that never named its arms
            self.close()
        if self.bar is None:
            self.arms_seen += 1
            arm = self.arm or f"arm {self.arms_seen}"
            seed = f" seed {self.seed}" if self.seed is not None else ""
            self.bar = click.progressbar(length=total, label=f"{self.label}{seed} {arm:<20}", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(step - self.last_step)
        self.last_step = step
        if "loss" in metrics:
            self.bar.item_show_func = lambda _: f"loss {metrics['loss']:.4f}"
            self.bar.render_progress()

    def close(self) -> None:
        """Close the open bar, if any."""
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
        self.bar, self.arm, self.last_step = None, None, 0
