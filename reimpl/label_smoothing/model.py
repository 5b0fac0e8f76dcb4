"""Label smoothing (Szegedy et al. 2015) and what it does to calibration (Müller, Kornblith, Hinton 2019).

Cross-entropy against a one-hot target q(k|x) = δ_{k,y} is minimised only by logits that grow without
bound: the correct logit is pushed ever further above the others, so the model learns to be certain,
fits its training labels too hard and is over-confident on new data. The paper replaces the target by a
mixture with a fixed distribution u(k) over the K labels (uniform here):

    q'(k|x) = (1 − ε) δ_{k,y} + ε u(k),        u(k) = 1/K

    H(q', p) = −Σ_k q'(k) log p(k) = (1 − ε) H(q, p) + ε H(u, p)

The second term penalises p for moving far from uniform, so the optimum keeps a finite gap between
logits: the largest probability the loss wants is 1 − ε + ε/K. Szegedy et al. introduced it as a
regulariser (ε = 0.1 on ImageNet, ~0.2% better top-1). That it also calibrates a network, its confidence
matching its accuracy, is the finding of Müller et al. 2019 ("When Does Label Smoothing Help?"), and that is
what is measured here, with the expected calibration error: split held-out predictions into bins by
confidence and average |accuracy − confidence|. On this toy, smoothing costs held-out accuracy.

Papers: https://arxiv.org/abs/1906.02629 (the calibration claim),
https://arxiv.org/abs/1512.00567 (the method)
"""

from __future__ import annotations

import torch


def smoothed_targets(labels: torch.Tensor, n_classes: int, eps: float) -> torch.Tensor:
    """q'(k|x) = (1 − ε)·one_hot(y) + ε/K, shape (batch, K); each row sums to 1."""
    if not 0.0 <= eps < 1.0:
        raise ValueError(f"label smoothing ε must lie in [0, 1), got {eps}")
    one_hot = torch.zeros(labels.shape[0], n_classes, device=labels.device)
    one_hot.scatter_(1, labels.unsqueeze(1), 1.0)
    return (1.0 - eps) * one_hot + eps / n_classes


def smoothed_cross_entropy(logits: torch.Tensor, labels: torch.Tensor, eps: float) -> torch.Tensor:
    """H(q', p) = −Σ_k q'(k) log p(k), averaged over the batch; ε = 0 is the plain cross-entropy."""
    target = smoothed_targets(labels, logits.shape[-1], eps)
    return -(target * torch.log_softmax(logits.float(), dim=-1)).sum(-1).mean()


def resample_labels(
    labels: torch.Tensor, n_classes: int, eps: float, generator: torch.Generator
) -> torch.Tensor:
    """Hard labels whose average is q': each label is replaced, with probability ε, by one drawn from u.

    The ablation: the same ε of label mass moved off the truth, but as a fixed hard label per example, which
    an over-parameterised net memorises, instead of a soft target on every example.
    """
    swap = torch.rand(labels.shape, generator=generator, device=labels.device) < eps
    drawn = torch.randint(0, n_classes, labels.shape, generator=generator, device=labels.device)
    return torch.where(swap, drawn, labels)


def expected_calibration_error(probs: torch.Tensor, labels: torch.Tensor, bins: int = 15) -> float:
    """ECE = Σ_b (n_b / N) · |accuracy_b − confidence_b| over equal-width confidence bins.

    Confidence is the top probability; accuracy_b is how often the top class is right inside bin b.
    0 means "when the model says 80%, it is right 80% of the time".
    """
    confidence, predicted = probs.max(-1)
    correct = (predicted == labels).float()
    # bin b holds confidences in (b/bins, (b+1)/bins]; the top probability is always ≥ 1/K > 0
    which = (confidence * bins).ceil().clamp(1, bins).long() - 1
    conf_sum = torch.zeros(bins, device=probs.device).index_add_(0, which, confidence)
    acc_sum = torch.zeros(bins, device=probs.device).index_add_(0, which, correct)
    return float((conf_sum - acc_sum).abs().sum() / probs.shape[0])
