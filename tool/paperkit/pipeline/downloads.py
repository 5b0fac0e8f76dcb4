"""What a route reads beside the PDF, downloaded: the download kinds the pipeline knows.

A route names the kind it needs (``Route.download``); this table says where arXiv serves it, how it is
fetched and the file the library keeps it in. A route reading a new kind of download adds its line here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from paperkit.access.download import download_eprint
from paperkit.config import Settings
from paperkit.errors import DownloadError
from paperkit.extraction import downloads
from paperkit.library.store import SOURCE

# kind -> (its URL from the paper's PDF link, how it is fetched, the file the library keeps it in)
KINDS: dict[str, tuple[Callable[[str], str], Callable[..., int], str]] = {
    "eprint": (lambda pdf_url: pdf_url.replace("/pdf/", "/e-print/", 1), download_eprint, SOURCE),
}


def download_extras(
    choice: str, pdf_url: str, folder: Path, settings: Settings, pause: Callable[[], None]
) -> tuple[Path | None, str | None]:
    """The file the route ``choice`` reads beside the PDF, downloaded into ``folder``; or None and the one
    warning line saying why there is no usable one (the note then comes from the route's fallback)."""
    for kind, route in downloads(choice).items():
        url_of, fetch, file = KINDS[kind]
        dest = folder / file
        pause()  # arXiv asks clients to space their requests
        try:
            fetch(url_of(pdf_url), dest, settings)
        except DownloadError as e:
            with contextlib.suppress(FileNotFoundError):
                dest.unlink()  # an older e-print would not match the PDF just downloaded
            return None, f"no {route.label}: {e}; the note is written from the PDF"
        why = route.unusable(dest)
        if why is not None:
            dest.unlink()
            return None, f"no {route.label} ({why}); the note is written from the PDF"
        return dest, None
    return None, None
