"""A reproduction run for a person: trained and recorded by :mod:`paperkit.reproduction.reproduce`, then the
paper's note (when the library holds one) rebuilt to show the verdict and the plot."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from paperkit.errors import LibraryError
from paperkit.library.store import NOTE, Library
from paperkit.pipeline.notes import refresh_note
from paperkit.reproduction import reproduce as rp
from paperkit.reproduction.registry import Reimpl

if TYPE_CHECKING:
    import torch
    from reimpl.harness import Progress


def reproduce(
    reimpl: Reimpl,
    seeds: list[int],
    budget: str,
    device: torch.device,
    library: Library | None,
    progress: Progress | None = None,
    **overrides: Any,
) -> rp.Reproduction:
    """Run every seed and check the claim; with a ``library``, record the outcome and refresh the note
    (keeping the reader's notes; a note that cannot be rebuilt is a warning)."""
    repro = rp.reproduce(reimpl, seeds, budget, device, library, progress, **overrides)
    if library is not None and (library.paper_dir(repro.key) / NOTE).is_file():
        try:
            repro.note_refreshed = refresh_note(library, repro.key) is not None
        except LibraryError as e:
            repro.warnings.append(f"note not refreshed: {e}")
    return repro
