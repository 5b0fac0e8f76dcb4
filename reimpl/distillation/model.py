"""Knowledge distillation (Hinton, Vinyals, Dean 2015) — arXiv 1503.02531.

Study note. A big model (or an ensemble) trained on lots of data puts small but telling probabilities on the
wrong classes: which wrong answers are almost right. That "dark knowledge" is lost when a small model is
trained on hard labels. Distillation trains the small model on the big one's output distribution instead,
softened by a temperature T in the softmax so that the small probabilities carry weight:

    q_i = exp(z_i / T) / Σ_j exp(z_j / T)            (teacher logits z, student logits v, same T)

    L = α · T² · H(q^teacher_T, q^student_T) + (1 − α) · H(y, q^student_1)

The T² keeps the soft term's gradient on the same scale as T changes (its gradient shrinks as 1/T²); the
paper weights the hard-label term low. At high T, matching the soft targets approaches matching the logits
themselves (z_i − mean z ≈ v_i − mean v). At inference the student uses T = 1.

Two controls take the teacher's knowledge of *which* wrong classes are likely out while keeping how much
mass the soft target puts off the true class y, per example (m = 1 − q_y):

    matched smoothing:  q'_y = 1 − m,   q'_j = m / (C − 1) for j ≠ y       (label smoothing of equal strength)
    shuffled:           q'_y = q_y,     (q'_j)_{j≠y} = a random permutation of (q_j)_{j≠y}

Paper: https://arxiv.org/abs/1503.02531
"""

from __future__ import annotations

import torch
import torch.nn.functional as F


def soften(logits: torch.Tensor, temperature: float) -> torch.Tensor:
    """q = softmax(z / T), computed in float32."""
    return torch.softmax(logits.float() / temperature, dim=-1)


def matched_smoothing(soft: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Label smoothing with each example's off-label mass m = 1 − q_y spread evenly over the other classes."""
    n_classes = soft.shape[-1]
    off = 1 - soft.gather(-1, labels.unsqueeze(-1))  # m, (n, 1)
    smoothed = (off / (n_classes - 1)).expand_as(soft).clone()
    return smoothed.scatter(-1, labels.unsqueeze(-1), 1 - off)


def shuffle_wrong_classes(
    soft: torch.Tensor, labels: torch.Tensor, generator: torch.Generator
) -> torch.Tensor:
    """The soft target with its probabilities on the wrong classes permuted at random, per example."""
    n, n_classes = soft.shape
    # a random key per class, the true class's forced last: sorting puts the wrong classes in a random order
    keys = torch.rand(n, n_classes, generator=generator, device=soft.device)
    keys = keys.scatter(-1, labels.unsqueeze(-1), 2.0)
    order = keys.argsort(-1)  # random order of the wrong classes, then the true class
    wrong = torch.arange(n_classes, device=soft.device).expand(n, -1)
    wrong = wrong[wrong != labels.unsqueeze(-1)].view(n, n_classes - 1)  # wrong classes in natural order
    shuffled = soft.clone()
    shuffled.scatter_(-1, wrong, soft.gather(-1, order[:, : n_classes - 1]))
    return shuffled


def soft_targets(
    teacher_logits: torch.Tensor,
    labels: torch.Tensor,
    temperature: float,
    kind: str = "teacher",
    generator: torch.Generator | None = None,
) -> torch.Tensor:
    """The distilled arm's targets: the teacher's q_T (``"teacher"``), or ``"smooth"`` or ``"shuffled"``."""
    soft = soften(teacher_logits, temperature)
    if kind == "teacher":
        return soft
    if kind == "smooth":
        return matched_smoothing(soft, labels)
    if kind == "shuffled":
        if generator is None:
            raise ValueError("shuffled soft targets need a generator")
        return shuffle_wrong_classes(soft, labels, generator)
    raise ValueError(f"unknown soft targets {kind!r} (teacher, smooth or shuffled)")


def distillation_loss_to(
    student_logits: torch.Tensor,
    soft_target: torch.Tensor,
    labels: torch.Tensor,
    temperature: float,
    alpha: float,
) -> torch.Tensor:
    """α · T² · H(q', q_T^student) + (1 − α) · H(y, q_1^student) for given soft targets q'."""
    log_q = torch.log_softmax(student_logits.float() / temperature, dim=-1)
    soft = -(soft_target * log_q).sum(-1).mean()
    hard = F.cross_entropy(student_logits.float(), labels)
    return alpha * temperature**2 * soft + (1 - alpha) * hard


def distillation_loss(
    student_logits: torch.Tensor,
    teacher_logits: torch.Tensor,
    labels: torch.Tensor,
    temperature: float,
    alpha: float,
) -> torch.Tensor:
    """α · T² · H(q_T^teacher, q_T^student) + (1 − α) · H(y, q_1^student); α = 0 is plain label training."""
    return distillation_loss_to(
        student_logits, soften(teacher_logits, temperature), labels, temperature, alpha
    )
