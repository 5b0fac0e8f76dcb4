"""The reparameterisation trick (Kingma, Welling 2013), arXiv 1312.6114.

Study note. Variational inference maximises an expectation over an approximate posterior q_φ(z),

    L(φ) = E_{q_φ(z)}[ f(z) ],        here f(z) = log p(z) and L + H[q_φ] is the ELBO,

and needs ∇_φ L. The sample z depends on φ, so the gradient cannot simply go inside the expectation. The
general answer is the score-function (REINFORCE, likelihood-ratio) estimator,

    ∇_φ L = E_q[ f(z) ∇_φ log q_φ(z) ]   ≈ (1/L) Σ_l f(z_l) ∇_φ log q_φ(z_l),

which only needs f's values, and whose variance grows with f's size: the paper notes it is too noisy to use.
The paper's trick: write the sample as a differentiable function of φ and parameter-free noise,

    z = g_φ(ε) = μ + σ ⊙ ε,   ε ~ N(0, I)
    ⇒  ∇_φ L = E_ε[ ∇_φ f(μ + σ ⊙ ε) ]  ≈ (1/L) Σ_l ∇_φ f(g_φ(ε_l)),

so the gradient uses f's own slope along the path from ε to z (SGVB). A baseline b subtracted from f in the
score-function estimator (f − b, b the mean of the other samples' f) removes some of its variance but keeps it
unbiased; it is the usual repair, and the competitor here.

Paper: https://arxiv.org/abs/1312.6114
"""

from __future__ import annotations

import math

import torch

ESTIMATORS = ("reparam", "score", "score_baseline")


def log_normal(z: torch.Tensor, mean: torch.Tensor, log_std: torch.Tensor) -> torch.Tensor:
    """log N(z; mean, diag(exp(log_std)²)), summed over the last dimension."""
    return (-0.5 * ((z - mean) / log_std.exp()) ** 2 - log_std - 0.5 * math.log(2 * math.pi)).sum(-1)


def entropy(log_std: torch.Tensor) -> torch.Tensor:
    """H[q] of a diagonal Gaussian, exactly: Σ_j (log σ_j + ½ log 2πe)."""
    return (log_std + 0.5 * math.log(2 * math.pi * math.e)).sum()


def surrogate_loss(
    mu: torch.Tensor,
    log_std: torch.Tensor,
    f: object,
    samples: int,
    estimator: str,
    generator: torch.Generator | None = None,
) -> torch.Tensor:
    """A loss whose gradient is the chosen estimate of −∇(E_q[f(z)] + H[q]) (the entropy term exact).

    ``f`` maps (samples, d) → (samples,). With ``"reparam"``, z = μ + σ ⊙ ε carries the gradient; with
    ``"score"`` and ``"score_baseline"``, z is a constant and the gradient comes through log q(z).
    """
    eps = torch.randn(samples, mu.shape[0], generator=generator, device=mu.device)
    z = mu + log_std.exp() * eps  # z = g_φ(ε)
    if estimator == "reparam":
        value = f(z).mean()  # type: ignore[operator]
    elif estimator in ("score", "score_baseline"):
        z = z.detach()
        fz = f(z).detach()  # type: ignore[operator]
        if estimator == "score_baseline" and samples > 1:
            fz = fz - (fz.sum() - fz) / (samples - 1)  # leave-one-out mean: still unbiased
        value = (fz * log_normal(z, mu, log_std)).mean()  # ∇ = mean of f(z) ∇ log q(z)
    else:
        raise ValueError(f"unknown estimator {estimator!r} (one of {', '.join(ESTIMATORS)})")
    return -(value + entropy(log_std))


def gaussian_kl(
    mu: torch.Tensor, log_std: torch.Tensor, target_mean: torch.Tensor, target_log_std: torch.Tensor
) -> torch.Tensor:
    """KL(q ‖ p) between diagonal Gaussians, exactly, as a tensor (it stays on the device)."""
    var_ratio = torch.exp(2 * (log_std - target_log_std))
    mean_term = ((mu - target_mean) / target_log_std.exp()) ** 2
    return 0.5 * (var_ratio + mean_term - 1 - 2 * (log_std - target_log_std)).sum()


def kl_divergence(
    mu: torch.Tensor, log_std: torch.Tensor, target_mean: torch.Tensor, target_log_std: torch.Tensor
) -> float:
    """KL(q ‖ p) between diagonal Gaussians, exactly: how far the fit is from the target."""
    return float(gaussian_kl(mu, log_std, target_mean, target_log_std))
