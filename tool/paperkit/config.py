"""Settings read from the environment, each with a sensible default."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from paperkit.errors import BadInput

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


def _float_env(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise BadInput(f"{name} must be a number of seconds, got {raw!r}") from None
    if value < 0:
        raise BadInput(f"{name} must not be negative, got {raw!r}")
    return value


def load_settings(library: str | Path | None = None) -> Settings:
    """Settings from the environment; an explicit ``library`` wins over ``PAPERKIT_LIBRARY``."""
    lib = library if library is not None else os.environ.get("PAPERKIT_LIBRARY") or "papers"
    retries = int(_float_env("PAPERKIT_RETRIES", 4))
    return Settings(
        library=Path(lib).expanduser(),
        api_url=os.environ.get("PAPERKIT_ARXIV_API") or DEFAULT_API,
        delay=_float_env("PAPERKIT_ARXIV_DELAY", 3.0),
        timeout=_float_env("PAPERKIT_TIMEOUT", 30.0),
        retries=max(1, retries),
        backoff=_float_env("PAPERKIT_BACKOFF", 1.0),
    )
