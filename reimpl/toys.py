"""Toy data and small helpers shared by several reimplementations.

Everything here is created directly on the requested device from an explicit ``torch.Generator``, so a
run is a pure function of its seed. Add new helpers at the end; never change the meaning of an existing
one (other reimplementations depend on it).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import torch

from reimpl.harness import RunResult


def make_generator(seed: int, device: torch.device) -> torch.Generator:
    """A torch generator on ``device`` seeded with ``seed`` (CPU generator for the CPU device)."""
    gen = torch.Generator(device=device)
    gen.manual_seed(seed)
    return gen


def random_tokens(
    n: int, length: int, vocab: int, generator: torch.Generator, device: torch.device
) -> torch.Tensor:
    """``n`` sequences of ``length`` tokens drawn uniformly from ``0..vocab-1``, shape (n, length)."""
    return torch.randint(0, vocab, (n, length), generator=generator, device=device)


def sequence_task(src: torch.Tensor, task: str) -> torch.Tensor:
    """The target of a toy sequence task: ``"copy"`` (the source itself) or ``"reverse"`` (back to front)."""
    if task == "copy":
        return src.clone()
    if task == "reverse":
        return src.flip(1)
    raise ValueError(f"unknown sequence task {task!r} (expected 'copy' or 'reverse')")


def token_accuracy(pred: torch.Tensor, target: torch.Tensor) -> float:
    """Share of positions where ``pred`` equals ``target`` (both (batch, length) token tensors)."""
    return float((pred == target).float().mean())


def sequence_accuracy(pred: torch.Tensor, target: torch.Tensor) -> float:
    """Share of sequences that are entirely right."""
    return float((pred == target).all(dim=1).float().mean())


def gaussian_blobs(
    n: int,
    n_classes: int,
    dim: int,
    spread: float,
    generator: torch.Generator,
    device: torch.device,
    centres: torch.Tensor | None = None,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """A mixture of isotropic Gaussians, one per class: returns ``(x, y, centres)``.

    Centres are drawn from N(0, I) unless given (pass the training set's centres to draw a test set from
    the same distribution); each point is its class centre plus ``spread`` · N(0, I). Larger ``spread``
    means more class overlap, hence a Bayes error above zero.
    """
    if centres is None:
        centres = torch.randn(n_classes, dim, generator=generator, device=device)
    y = torch.randint(0, n_classes, (n,), generator=generator, device=device)
    x = centres[y] + spread * torch.randn(n, dim, generator=generator, device=device)
    return x, y, centres


def flip_labels(
    y: torch.Tensor, n_classes: int, rate: float, generator: torch.Generator
) -> tuple[torch.Tensor, torch.Tensor]:
    """Symmetric label noise: with probability ``rate`` a label becomes a different class, uniformly.

    Returns ``(noisy_labels, flipped_mask)``.
    """
    if not 0.0 <= rate < 1.0:
        raise ValueError(f"label noise rate must lie in [0, 1), got {rate}")
    flip = torch.rand(y.shape, generator=generator, device=y.device) < rate
    # adding 1..n_classes-1 modulo n_classes always lands on another class
    shift = torch.randint(1, n_classes, y.shape, generator=generator, device=y.device)
    noisy = torch.where(flip, (y + shift) % n_classes, y)
    return noisy, flip


def linear_teacher(
    n: int, dim: int, n_classes: int, generator: torch.Generator, device: torch.device
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Gaussian inputs labelled by a random linear map's argmax: ``(x, y, teacher)`` with teacher (dim, C).

    Learnable exactly (the classes are separated by hyperplanes), so a failure to fit is the optimiser's or
    the architecture's, never the data's.
    """
    teacher = torch.randn(dim, n_classes, generator=generator, device=device)
    x = torch.randn(n, dim, generator=generator, device=device)
    return x, (x @ teacher).argmax(dim=1), teacher


def finite_or(value: float, cap: float) -> float:
    """``value`` if it is a finite number below ``cap``, else ``cap`` (a diverged loss stays comparable)."""
    return value if math.isfinite(value) and value < cap else cap


def mlp_teacher(
    n: int, dim: int, n_classes: int, generator: torch.Generator, device: torch.device, hidden: int = 64
) -> tuple[torch.Tensor, torch.Tensor]:
    """Gaussian inputs labelled by a random one-hidden-layer tanh net's argmax: ``(x, y)``.

    Curved class boundaries that a small MLP can fit but not instantly: training loss then measures how well
    an architecture or optimiser trains.
    """
    w1 = torch.randn(dim, hidden, generator=generator, device=device) * (2.0 / dim**0.5)
    w2 = torch.randn(hidden, n_classes, generator=generator, device=device)
    x = torch.randn(n, dim, generator=generator, device=device)
    return x, (torch.tanh(x @ w1) @ w2).argmax(dim=1)


def seed_mean(results: Sequence[RunResult], arm: str, metric: str) -> float:
    """Mean of ``arms[arm].metrics[metric]`` over the runs (one per seed); raises ValueError when empty."""
    if not results:
        raise ValueError("no results to check (run at least one seed)")
    return sum(r.arms[arm].metrics[metric] for r in results) / len(results)


def mlp(inputs: int, hidden: int, outputs: int, depth: int = 2) -> torch.nn.Sequential:
    """A plain ReLU multilayer perceptron, the baseline network of the classification toys."""
    layers: list[torch.nn.Module] = []
    width = inputs
    for _ in range(depth):
        layers += [torch.nn.Linear(width, hidden), torch.nn.ReLU()]
        width = hidden
    layers.append(torch.nn.Linear(width, outputs))
    return torch.nn.Sequential(*layers)


class StackedLinear(torch.nn.Module):
    """``copies`` independent linear layers applied side by side: (copies, batch, in) → (copies, batch, out).

    Each copy starts from He's N(0, 2/fan_in) and a zero bias. A (batch, in) input is shared by every copy.
    """

    def __init__(self, copies: int, fan_in: int, fan_out: int) -> None:
        super().__init__()
        self.weight = torch.nn.Parameter(torch.randn(copies, fan_in, fan_out) * math.sqrt(2.0 / fan_in))
        self.bias = torch.nn.Parameter(torch.zeros(copies, 1, fan_out))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.dim() == 2:
            x = x.expand(self.weight.shape[0], *x.shape)
        return torch.baddbmm(self.bias, x, self.weight)


class NormMLP(torch.nn.Module):
    """``depth`` hidden layers Linear → norm → ReLU, then a linear classifier; the norm is pluggable.

    ``make_norm(features, copies)`` builds the layer after each hidden linear layer (batch norm, layer norm,
    an affine map, the identity): the normalisation papers compare nets that differ only there. Every hidden
    layer starts from He's N(0, 2/fan_in) whatever the norm, so the plain net gets the same careful
    initialisation and a difference between arms is the normalisation's, not the init's.

    ``copies`` > 1 builds that many independent nets, run side by side on the same inputs (logits
    (copies, batch, n_out)): one per learning rate of a grid, trained in one pass instead of one run each.
    Norm layers then hold per-copy parameters of shape (copies, 1, features) and reduce over dim −2.
    """

    def __init__(
        self,
        d_in: int,
        width: int,
        depth: int,
        n_out: int,
        make_norm: Callable[[int, int], torch.nn.Module],
        copies: int = 1,
    ) -> None:
        super().__init__()
        layers: list[torch.nn.Module] = []
        size = d_in
        for _ in range(depth):
            layers += [self._linear(size, width, copies), make_norm(width, copies), torch.nn.ReLU()]
            size = width
        self.body = torch.nn.Sequential(*layers)
        self.head = torch.nn.Linear(width, n_out) if copies == 1 else StackedLinear(copies, width, n_out)

    @staticmethod
    def _linear(fan_in: int, fan_out: int, copies: int) -> torch.nn.Module:
        if copies > 1:
            return StackedLinear(copies, fan_in, fan_out)
        linear = torch.nn.Linear(fan_in, fan_out)
        torch.nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")  # Var[w] = 2 / fan_in
        torch.nn.init.zeros_(linear.bias)
        return linear

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.body(x))


def norm_shape(features: int, copies: int) -> tuple[int, ...]:
    """The shape of a norm layer's per-unit parameters: (features,), or (copies, 1, features) for a stack."""
    return (features,) if copies == 1 else (copies, 1, features)
