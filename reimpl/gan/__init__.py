"""Goodfellow et al. 2014: generative adversarial nets on a ring of 8 Gaussians (arXiv 1406.2661)."""

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1406.2661",
    title="Generative Adversarial Nets",
    claim="TBD",
)
