"""Best against best: every arm trained at every learning rate of a grid, all at once, as replicas.

A claim that one training method beats another is only fair when each gets its own best learning rate. A
grid of arms × rates means many small runs; small nets on a CPU spend their time in per-operation overhead,
not arithmetic, so the runs are stacked: each model's weights carry a leading replica dimension (one replica
per (arm, rate) pair), one batched matrix product serves all replicas, and the replicas' losses are summed
before the backward pass. The sum leaves each replica's gradient exactly its own (no weight is shared), so
the replicas train independently; only the step size differs, which :func:`step_at_rates` applies.

Arms of a grid are named ``"<arm>@<rate>"``; :func:`best_rate` picks each arm's best rate by the seed mean,
the rate a practitioner would have kept after tuning on these seeds.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
import torch.nn.functional as F

from reimpl.harness import Progress, RunResult, fresh_casts, mixed_precision


def arm_name(arm: str, rate: float) -> str:
    """The name of ``arm`` trained at learning rate ``rate``: ``"highway@0.1"``."""
    return f"{arm}@{rate:g}"


def replica_view(values: torch.Tensor, like: torch.Tensor) -> torch.Tensor:
    """``values`` (one per replica) shaped to broadcast against ``like`` (replicas first)."""
    return values.view(-1, *([1] * (like.dim() - 1)))


@torch.no_grad()
def clip_per_replica(params: Sequence[torch.Tensor], max_norm: float) -> torch.Tensor:
    """Rescale each replica's gradient to norm at most ``max_norm`` (all its weights together).

    The same rule as ``torch.nn.utils.clip_grad_norm_``, applied to each replica on its own. Returns the
    norms before clipping, one per replica.
    """
    grads = [p.grad for p in params if p.grad is not None]
    squares = torch.stack([g.float().pow(2).flatten(1).sum(1) for g in grads]).sum(0)
    norms = squares.sqrt()
    scale = (max_norm / (norms + 1e-6)).clamp(max=1.0)
    for g in grads:
        g.mul_(replica_view(scale, g).to(g.dtype))
    return norms


@torch.no_grad()
def step_at_rates(
    optimizer: torch.optim.Optimizer, params: Sequence[torch.Tensor], rates: torch.Tensor
) -> None:
    """``optimizer.step()`` with replica r's step multiplied by ``rates[r]`` (build the optimiser at lr 1).

    Exact for SGD (with or without momentum) and Adam without weight decay: their step is proportional to
    the learning rate, and their state (momentum, moments) does not depend on it.
    """
    before = [p.detach().clone() for p in params]
    optimizer.step()
    for p, old in zip(params, before, strict=True):
        p.copy_(torch.lerp(old, p, replica_view(rates, p).to(p.dtype)))  # old + rate · (new − old)


def best_rate(
    results: Sequence[RunResult], arm: str, metric: str, *, lower_is_better: bool = True
) -> tuple[str, float]:
    """``arm``'s best entry by the seed mean of ``metric``: ``(name, mean)``, e.g. ``("plain@0.1", 1.2)``.

    A ValueError when the results are empty or hold no ``arm@rate`` entry.
    """
    if not results:
        raise ValueError("no results to check (run at least one seed)")
    names = [name for name in results[0].arms if name.split("@")[0] == arm]
    if not names:
        raise ValueError(f"the results hold no grid of arm {arm!r}")
    means = {n: sum(r.arms[n].metrics[metric] for r in results) / len(results) for n in names}
    best = (min if lower_is_better else max)(means, key=means.__getitem__)
    return best, means[best]


def grid_summary(results: Sequence[RunResult], arm: str, metric: str) -> str:
    """``arm``'s seed mean of ``metric`` at each rate, e.g. ``"0.01: 2.04, 0.1: 0.71"``: the grid reported."""
    names = [name for name in results[0].arms if name.split("@")[0] == arm]
    means = [sum(r.arms[n].metrics[metric] for r in results) / len(results) for n in names]
    return ", ".join(f"{n.split('@')[1]}: {m:.3g}" for n, m in zip(names, means, strict=True))


def fit_classifier(
    model: torch.nn.Module,
    data: tuple[torch.Tensor, torch.Tensor],
    rates: torch.Tensor,
    optimizer: torch.optim.Optimizer,
    *,
    steps: int,
    batch: int,
    batches: torch.Generator,
    clip: float | None = None,
    progress: Progress | None = None,
    report_every: int = 25,
) -> torch.Tensor:
    """Train a replica-stacked classifier on mini-batches of ``data``; returns the losses (steps, replicas).

    ``model(x)`` maps inputs (batch, ...) shared by every replica to logits (replicas, batch, classes). Each
    replica's loss is its batch-mean cross-entropy; their sum is differentiated (each replica gets its own
    gradient), clipped per replica when ``clip`` is given, and stepped at each replica's rate.
    """
    x, y = data
    device = x.device
    params = [p for p in model.parameters() if p.requires_grad]
    losses = torch.zeros(steps, rates.numel(), device=device)
    for step in range(steps):
        idx = torch.randint(0, x.shape[0], (batch,), generator=batches, device=device)
        with mixed_precision(device):
            logits = model(x[idx]).float()
        per_replica = cross_entropy_per_replica(logits, y[idx])
        optimizer.zero_grad(set_to_none=True)
        per_replica.sum().backward()
        if clip is not None:
            clip_per_replica(params, clip)
        step_at_rates(optimizer, params, rates)
        fresh_casts()
        losses[step] = per_replica.detach()
        if progress is not None and ((step + 1) % report_every == 0 or step + 1 == steps):
            progress(step + 1, steps, {"loss": float(losses[step].min())})
    return losses


def cross_entropy_per_replica(logits: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Each replica's mean cross-entropy: logits (replicas, batch, classes), labels (batch,) → (replicas,)."""
    return F.cross_entropy(logits.transpose(1, 2), y.expand(logits.shape[0], -1), reduction="none").mean(1)
