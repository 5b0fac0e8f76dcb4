"""Options shared by the CLI's commands: the library, resolved once into :class:`Settings`."""

from __future__ import annotations

from pathlib import Path

import click

from paperkit.config import Settings, load_settings


def _settings(ctx: click.Context, _param: click.Parameter, library: Path | None) -> Settings:
    # Resolved once per command, here; commands receive the Settings through pass_settings.
    ctx.obj = load_settings(library)
    return ctx.obj


library_option = click.option(
    "--library",
    type=click.Path(path_type=Path, file_okay=True, dir_okay=True),
    envvar="PAPERKIT_LIBRARY",
    default=None,
    show_envvar=True,
    expose_value=False,
    callback=_settings,
    help="Library folder (default: ./papers).",
)
pass_settings = click.make_pass_decorator(Settings)
