"""Pascanu, Mikolov, Bengio 2012: rescaling the gradient to a maximum norm tames exploding gradients."""

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1211.5063",
    title="On the difficulty of training Recurrent Neural Networks",
    claim=(
        "With large recurrent weights an RNN's gradients explode and plain SGD diverges; clipping the "
        "gradient norm keeps training finite and the net learns the task (a delayed-echo toy, not music or "
        "text)."
    ),
    toy="tanh RNN, hidden 64, W_rec gain 2, echo x_{t−3} over 50 steps; SGD lr 0.1, 500 steps; clip at 1",
    metric="unclipped max gradient norm; clipped runs finite; clipped mean MSE over the last 10% of steps",
    margin="unclipped max ‖g‖ ≥ 1000 × threshold; no clipped run diverges; clipped MSE ≤ 0.5 (target var. 1)",
)
