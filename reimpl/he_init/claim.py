"""The claim: 2/n keeps a deep ReLU net's forward signal and lets it train; 1/n loses it and stalls."""

from __future__ import annotations

from reimpl.harness import RunResult, Verdict, at_least, at_most
from reimpl.toys import seed_mean

SIGNAL_KEPT = 2.0  # |log10 ratio| allowed for 2/n: within 100× either way (one finite-width draw drifts)
SIGNAL_LOST = -5.0  # 1/n must shrink the signal by at least 10⁵ (theory: 2⁻²⁸ ≈ 10⁻⁸·⁴)
TRAINS = 0.6  # 2/n must end at ≤ 60 % of its starting loss
LOSS_GAP = 0.3  # nats by which 2/n must end below 1/n


def check(results: list[RunResult]) -> Verdict:
    """Judge on the seed means of the signal ratio and the training loss."""
    he_signal = seed_mean(results, "he", "log10_signal_ratio")
    xavier_signal = seed_mean(results, "xavier", "log10_signal_ratio")
    he_ratio = seed_mean(results, "he", "loss_ratio")
    loss_gap = seed_mean(results, "xavier", "final_loss") - seed_mean(results, "he", "final_loss")
    checks = [
        at_least("2/n: log10 signal ratio, last/first hidden layer (≥)", he_signal, -SIGNAL_KEPT),
        at_most("2/n: log10 signal ratio, last/first hidden layer (≤)", he_signal, SIGNAL_KEPT),
        at_most("1/n: log10 signal ratio, last/first hidden layer", xavier_signal, SIGNAL_LOST),
        at_most("2/n: final / starting training loss", he_ratio, TRAINS),
        at_least("final training loss: 1/n − 2/n (nats)", loss_gap, LOSS_GAP),
    ]
    held = all(c.passed for c in checks)
    summary = (
        f"signal after {len(results[0].arms['he'].curves['log10_signal_by_layer']) - 2} layers: "
        f"2/n ×10^{he_signal:+.1f}, "
        f"1/n ×10^{xavier_signal:+.1f}; 2/n training loss fell to {he_ratio:.0%} of its start and ends "
        f"{loss_gap:.2f} nats below 1/n"
    )
    return Verdict(held, summary, checks)
