"""Xiong et al. 2020: on layer normalisation in the transformer, Pre-LN against Post-LN (arXiv 2002.04745)."""

from reimpl import Paper

PAPER = Paper(
    arxiv_id="2002.04745",
    title="On Layer Normalization in the Transformer Architecture",
    claim=(
        "With the layer norms inside the residual branches (Pre-LN), a transformer trains without "
        "learning-rate warm-up at rates 4× above the largest at which the original Post-LN trains "
        "without it, and, each at the best rate of its grid, reaches a far lower held-out loss in the "
        "same steps; warm-up lets Post-LN train at a larger rate again (at its best rate Post-LN still "
        "learns the toy task fully)."
    ),
    toy=(
        "reverse 8 tokens from 10 symbols with a 6-layer encoder (d = 32, 4 heads; instead of 6-layer "
        "translation and BERT models), 60 Adam steps (β₂ = 0.98) of batch 32 at peak rates 0.004–0.032, "
        "warm-up over the first 20 steps in the control"
    ),
    metric=(
        "held-out loss at each arm's best rate; the largest rate at which held-out token accuracy "
        "reaches 0.5, chance being 0.1 (seed means, log10)"
    ),
    margin=(
        "Pre-LN's best loss ≥ 0.5 lower in log10 than Post-LN's; its largest training rate ≥ 0.45 higher in "
        "log10; warm-up raises Post-LN's by ≥ 0.15"
    ),
)
