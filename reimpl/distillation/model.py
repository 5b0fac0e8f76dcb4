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

Paper: https://arxiv.org/abs/1503.02531
"""

from __future__ import annotations

import torch
import torch.nn.functional as F


def soften(logits: torch.Tensor, temperature: float) -> torch.Tensor:
    """q = softmax(z / T), computed in float32."""
    return torch.softmax(logits.float() / temperature, dim=-1)


def distillation_loss(
    student_logits: torch.Tensor,
    teacher_logits: torch.Tensor,
    labels: torch.Tensor,
    temperature: float,
    alpha: float,
) -> torch.Tensor:
    """α · T² · H(q_T^teacher, q_T^student) + (1 − α) · H(y, q_1^student); α = 0 is plain label training."""
    soft_target = soften(teacher_logits, temperature)
    log_q = torch.log_softmax(student_logits.float() / temperature, dim=-1)
    soft = -(soft_target * log_q).sum(-1).mean()
    hard = F.cross_entropy(student_logits.float(), labels)
    return alpha * temperature**2 * soft + (1 - alpha) * hard
