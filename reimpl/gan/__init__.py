"""Goodfellow et al. 2014: generative adversarial nets on a ring of 8 Gaussians (arXiv 1406.2661)."""

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1406.2661",
    title="Generative Adversarial Nets",
    claim=(
        "Trained against a discriminator that learns, a generator puts its samples onto the data: it covers "
        "most modes of a ring of 8 Gaussians with most samples within 3σ of a mode; matching the data's "
        "mean and covariance alone spreads samples over the ring but covers no mode, and against a "
        "discriminator frozen at its initialisation the generator covers none."
    ),
    toy=(
        "8 Gaussians (σ = 0.1) on a circle of radius 2 (instead of MNIST, TFD and CIFAR-10); generator and "
        "discriminator ReLU MLPs 2×64, 8-d noise, 600 alternating Adam steps (β₁ = 0.5) of batch 128, "
        "non-saturating generator loss, per-arm rate grid 0.003–0.02"
    ),
    metric=(
        "modes covered (≥ 3 % of 2000 samples within 3σ of a centre); share of samples within 3σ of some "
        "centre (each trained arm at the best rate of its grid, seed means)"
    ),
    margin="GAN ≥ 6 of 8 modes and ≥ 0.5 of samples near a mode; ≥ 4 modes more than moment matching",
)
