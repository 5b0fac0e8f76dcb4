"""Where paperkit's shipped files are: the jinja2 templates."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """The templates folder: inside the installed package (a wheel), else the checkout's ``templates/``."""
    installed = _HERE / "templates"
    if installed.is_dir():
        return installed
    return _HERE.parents[1] / "templates"
