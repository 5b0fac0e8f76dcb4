"""Named files read out of a source (an e-print archive or a folder), for the figures: the text reader
(:mod:`paperkit.extraction.latex.archive`) keeps TeX only, so the graphics a figure includes are read
here, by name, under the same safety rules (no path that climbs out, no link, bounded sizes)."""

from __future__ import annotations

import io
import tarfile
import zlib
from pathlib import Path

from paperkit.extraction.latex.archive import MAX_UNPACKED_BYTES, Files, kind_of, safe_name

MAX_GRAPHIC_BYTES = 32 * 1024 * 1024  # one graphics file; a larger one is left out


def read_members(path: Path, wanted: set[str]) -> Files:
    """The files of ``wanted`` (relative names) that the source holds; those it lacks are left out."""
    if not wanted:
        return {}
    try:
        if path.is_dir():
            return _from_folder(path, wanted)
        with path.open("rb") as f:
            raw = f.read(MAX_UNPACKED_BYTES + 1)
    except OSError:
        return {}
    kind = kind_of(raw[:512])
    if kind == "gzip":
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            raw = inflate.decompress(raw, MAX_UNPACKED_BYTES + 1)
        except zlib.error:
            return {}
    elif kind != "tar":
        return {}
    found: Files = {}
    try:
        with tarfile.open(fileobj=io.BytesIO(raw), mode="r:") as tar:
            for member in tar:
                name = safe_name(member.name)
                if name in wanted and member.isreg() and member.size <= MAX_GRAPHIC_BYTES:
                    handle = tar.extractfile(member)
                    if handle is not None:
                        found[name] = handle.read(MAX_GRAPHIC_BYTES)
                if len(found) == len(wanted):
                    break
    except (tarfile.TarError, OSError, EOFError, zlib.error):
        pass  # a truncated archive gives what it holds
    return found


def _from_folder(root: Path, wanted: set[str]) -> Files:
    found: Files = {}
    base = root.resolve()
    for name in wanted:
        path = root / name
        try:
            if path.is_symlink() or not path.is_file() or base not in path.resolve().parents:
                continue
            if path.stat().st_size <= MAX_GRAPHIC_BYTES:
                found[name] = path.read_bytes()
        except OSError:
            continue
    return found
