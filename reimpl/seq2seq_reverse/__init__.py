"""Sutskever, Vinyals, Le 2014: reading the source backwards makes an LSTM encoder–decoder learn sooner."""

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1409.3215",
    title="Sequence to Sequence Learning with Neural Networks",
    claim=(
        "Reversing the source sequence gives an LSTM encoder–decoder short-range dependencies and lifts its "
        "accuracy at the same training budget (toy copy task, one layer instead of four, no BLEU)."
    ),
    toy="copy 12 random symbols (vocab 8); 1-layer LSTM encoder–decoder, hidden 64; 400 Adam steps",
    metric="greedy free-running token accuracy on 1024 held-out sequences (seed mean)",
    margin="reversed ≥ forward + 0.12 token accuracy",
)
