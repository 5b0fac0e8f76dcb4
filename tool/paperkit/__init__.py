"""paperkit: read deep-learning papers by their ideas, then reimplement them small.

The data's path: arXiv IDs (:mod:`paperkit.access.ids`) → metadata and PDF (:mod:`paperkit.access.arxiv_api`,
:mod:`paperkit.access.download`) → the library on disk (:mod:`paperkit.library.store`) → extraction
(:mod:`paperkit.extraction.pdf`) → the note (:mod:`paperkit.notes.note`). Beside it, reimplementations
(:mod:`paperkit.reproduction.registry`, :mod:`paperkit.reproduction.reproduce`).
"""

__version__ = "0.1.0"
