"""paperkit: read deep-learning papers by their ideas, then reimplement them small.

The data's path: arXiv IDs (:mod:`paperkit.ids`) → metadata and PDF (:mod:`paperkit.arxiv_api`,
:mod:`paperkit.download`) → the library on disk (:mod:`paperkit.library`) → extraction
(:mod:`paperkit.extract`) → the note (:mod:`paperkit.note`). Beside it, reimplementations
(:mod:`paperkit.reimpls`, :mod:`paperkit.reproduce`).
"""

__version__ = "0.1.0"
