"""A fetched paper's Figure 1 and defining formulas: read from its stored files, then stored beside it."""

from __future__ import annotations

from pathlib import Path

from paperkit.extraction import PaperFiles
from paperkit.extraction.visuals import read_visuals
from paperkit.library.store import PDF, SOURCE, Library
from paperkit.library.visuals import remove_visuals, write_visuals
from paperkit.records import Sections, Visuals


def paper_visuals(folder: Path, sections: Sections, figures: bool) -> Visuals:
    """The figure (unless ``figures`` is off) and formulas of the files stored in ``folder``: the
    formulas (and the figure first) from the source when the note is read from it, the figure else
    cropped from the PDF."""
    pdf = folder / PDF if (folder / PDF).is_file() else None
    source = folder / SOURCE if sections.route == "latex" and (folder / SOURCE).is_file() else None
    if pdf is None and source is None:
        return Visuals()
    return read_visuals(PaperFiles(pdf=pdf, source=source), figures=figures)


def store_visuals(library: Library, key: str, visuals: Visuals | None) -> None:
    """Store them; None (the paper's files could not be read) forgets an older figure that would mislead
    the note. The caller holds the paper's lock."""
    if visuals is None:
        remove_visuals(library, key)
    else:
        write_visuals(library, key, visuals)
