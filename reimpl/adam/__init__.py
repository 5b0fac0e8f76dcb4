"""Adam: per-parameter step sizes from running moments of the gradient (arXiv 1412.6980)."""

from __future__ import annotations

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1412.6980",
    title="Adam: A Method for Stochastic Optimization",
    claim="",
)
