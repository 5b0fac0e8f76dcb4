"""Adam (Kingma, Ba 2014) — arXiv 1412.6980.

Study note. Stochastic gradient descent moves every parameter by lr · g. When the loss is badly scaled —
gradients of some parameters are orders of magnitude larger than others — one learning rate cannot suit
all of them: it must be small enough for the steepest direction to stay stable, and is then far too small
for the flat ones. Adam keeps two running averages per parameter, of the gradient and of its square,

    m_t = β₁ m_{t−1} + (1 − β₁) g_t              (first moment: momentum)
    v_t = β₂ v_{t−1} + (1 − β₂) g_t²             (second raw moment)
    m̂_t = m_t / (1 − β₁ᵗ),   v̂_t = v_t / (1 − β₂ᵗ)    (both start at 0: correct the bias towards 0)
    θ_t = θ_{t−1} − α · m̂_t / (sqrt(v̂_t) + ε)

and steps by their ratio. The ratio does not change when a parameter's gradient is multiplied by a constant,
so each step is about α in size whatever the parameter's scale (a per-parameter, diagonal rescaling), and
it shrinks where the gradient's sign is unsure (|m̂| ≪ sqrt(v̂)), which anneals the step near an optimum.
Defaults suggested by the paper: α = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e−8.

Here the update is written out in :class:`Adam`. ``per_parameter_scaling=False`` freezes the second moment
at v ≡ 1 (no β₂ update), which leaves θ_t = θ_{t−1} − α · m̂_t / (1 + ε): momentum SGD on the raw gradient.

Paper: https://arxiv.org/abs/1412.6980
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import torch


class Adam(torch.optim.Optimizer):
    """The Adam update, written out; ``per_parameter_scaling=False`` holds v at 1 (momentum SGD)."""

    def __init__(
        self,
        params: Iterable[torch.nn.Parameter],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        per_parameter_scaling: bool = True,
    ) -> None:
        if lr <= 0 or eps < 0 or not (0.0 <= betas[0] < 1.0 and 0.0 <= betas[1] < 1.0):
            raise ValueError(f"bad Adam hyperparameters: lr={lr}, betas={betas}, eps={eps}")
        defaults = {"lr": lr, "betas": betas, "eps": eps, "scale": per_parameter_scaling}
        super().__init__(params, defaults)

    @torch.no_grad()
    def step(self, closure: Callable[[], float] | None = None) -> float | None:  # type: ignore[override]
        loss = closure() if closure is not None else None
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad
                state = self.state[p]
                if not state:
                    state["t"] = 0
                    state["m"] = torch.zeros_like(p)
                    state["v"] = torch.zeros_like(p) if group["scale"] else torch.ones_like(p)
                state["t"] += 1
                t, m, v = state["t"], state["m"], state["v"]
                m.mul_(beta1).add_(g, alpha=1 - beta1)  # m_t = β₁ m + (1 − β₁) g
                m_hat = m / (1 - beta1**t)
                if group["scale"]:
                    v.mul_(beta2).addcmul_(g, g, value=1 - beta2)  # v_t = β₂ v + (1 − β₂) g²
                    v_hat = v / (1 - beta2**t)
                else:
                    v_hat = v  # frozen at 1: no per-parameter scaling
                p.addcdiv_(m_hat, v_hat.sqrt().add_(group["eps"]), value=-group["lr"])  # θ −= α m̂/(√v̂+ε)
        return loss


def scaled_features(
    n: int, scales: torch.Tensor, generator: torch.Generator, device: torch.device
) -> torch.Tensor:
    """Gaussian inputs whose column j has standard deviation ``scales[j]``: a badly scaled design."""
    return torch.randn(n, scales.numel(), generator=generator, device=device) * scales
