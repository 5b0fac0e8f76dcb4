"""Bahdanau, Cho, Bengio 2014: additive attention lets the decoder look back at every source position."""

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1409.0473",
    title="Neural Machine Translation by Jointly Learning to Align and Translate",
    claim=(
        "Additive attention over the encoder states lifts free-running accuracy on long sequences over a "
        "fixed-vector encoder–decoder of the same size (toy copy task instead of English→French)."
    ),
    toy="copy 14 random symbols (vocab 8); bidirectional GRU encoder–decoder, hidden 32; 300 Adam steps",
    metric="greedy free-running token accuracy on 512 held-out sequences (seed mean)",
    margin="attention ≥ fixed + 0.15 token accuracy",
)
