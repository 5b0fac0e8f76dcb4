"""Settings read from the environment, each with a sensible default."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from paperkit.errors import BadInput
from paperkit.sanitize import one_line, strip_controls

DEFAULT_API = "https://export.arxiv.org/api/query"


@dataclass(frozen=True)
class Settings:
    """Where the library lives and how arXiv is reached."""

    library: Path
    api_url: str = DEFAULT_API
    delay: float = 3.0  # seconds between API requests: arXiv's rule for polite clients
    timeout: float = 30.0  # seconds before a silent server counts as failed
    retries: int = 4  # attempts per request before giving up
    backoff: float = 1.0  # seconds: the first wait between attempts, doubling after each failure
    figures: bool = True  # save the paper's Figure 1 beside its note (PAPERKIT_FIGURES=0, --no-figures: no)


def _number_env(name: str, default: float, what: str, maximum: float) -> float:
    """A setting from the environment: a finite, non-negative number at most ``maximum``; anything else
    is one line naming the variable and what it takes (exit 2)."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0 or value > maximum:
        raise BadInput(f"{name} must be {what} from 0 to {maximum:g}, got {one_line(repr(raw))}")
    return value


def _count_env(name: str, default: int, what: str, maximum: int) -> int:
    """A whole-number setting (a count); ``3.0`` is taken, ``3.5``, ``three`` and ``nan`` are not."""
    value = _number_env(name, default, what, maximum)
    if value != int(value):
        raise BadInput(f"{name} must be {what} from 0 to {maximum}, got {one_line(repr(os.environ[name]))}")
    return int(value)


def _library_path(raw: str | Path) -> Path:
    """The library folder; a path carrying control characters (a trailing newline pasted from a shell,
    an escape sequence) is refused rather than made into a folder named ``papers\\n``."""
    text = str(raw)
    if text != strip_controls(text) or "\n" in text or "\r" in text or "\t" in text:
        raise BadInput(f"the library path {text!r} holds control characters; give it without them")
    if not text.strip():
        raise BadInput("the library path is empty; give a folder, e.g. --library papers")
    return Path(text).expanduser()


def load_settings(library: str | Path | None = None) -> Settings:
    """Settings from the environment; an explicit ``library`` wins over ``PAPERKIT_LIBRARY``."""
    lib = library if library is not None else os.environ.get("PAPERKIT_LIBRARY") or "papers"
    seconds = "a number of seconds"
    return Settings(
        library=_library_path(lib),
        api_url=os.environ.get("PAPERKIT_ARXIV_API") or DEFAULT_API,
        delay=_number_env("PAPERKIT_ARXIV_DELAY", 3.0, seconds, 3600),
        timeout=_number_env("PAPERKIT_TIMEOUT", 30.0, seconds, 3600),
        retries=max(1, _count_env("PAPERKIT_RETRIES", 4, "a whole number of tries", 100)),
        backoff=_number_env("PAPERKIT_BACKOFF", 1.0, seconds, 3600),
        figures=_switch_env("PAPERKIT_FIGURES", True),
    )


def _switch_env(name: str, default: bool) -> bool:
    """An on/off setting: ``1``/``yes``/``true``/``on`` or ``0``/``no``/``false``/``off``."""
    raw = (os.environ.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "yes", "true", "on"):
        return True
    if raw in ("0", "no", "false", "off"):
        return False
    raise BadInput(f"{name} must be 1 or 0 (yes/no, true/false, on/off), got {one_line(repr(raw))}")
