"""Zhang et al. 2017: training on convex mixes of examples and labels lifts accuracy under label noise."""

from reimpl import Paper

PAPER = Paper(
    arxiv_id="1710.09412",
    title="mixup: Beyond Empirical Risk Minimization",
    claim=(
        "With 40% of training labels corrupted, mixup (α = 1) reaches higher clean test accuracy than plain "
        "empirical risk minimisation; it still reproduces the wrong labels at the training points as ERM "
        "does, the lift comes from how it fits the space between them (an MLP on Gaussian classes instead "
        "of a ResNet on CIFAR)."
    ),
    toy="10 Gaussian classes in 16-d, 1000 training points, 40% labels flipped; MLP 2×128; 500 Adam steps",
    metric="accuracy on 10,000 held-out points with clean labels (seed mean)",
    margin="mixup ≥ ERM + 0.03 clean accuracy",
)
