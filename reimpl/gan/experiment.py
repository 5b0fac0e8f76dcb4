"""Toy experiment: a GAN learns a mixture of 8 Gaussians on a ring in the plane.

The data: 8 equally weighted Gaussians of std ``sigma`` whose centres sit evenly on a circle of radius
``radius``. A sample is *near* a mode when it lies within 3σ of that mode's centre; a mode is *covered* when
at least ``cover_share`` of the generator's samples are near it. Arms, each from the same initial generator
(and discriminator) and the same data, each trained with Adam (β₁ = 0.5) at every rate of ``lrs``:

- ``gan``: the adversarial game, one discriminator step then one generator step (non-saturating loss);
- ``moment``: the control — the generator alone, trained to match the data's mean and covariance (spread
  without the adversarial signal);
- ``untrained``: the control — the generator's output at initialisation (no rate grid).

With ``adversarial=False`` (the ablation) the ``gan`` arm keeps its discriminator frozen at its
initialisation: the generator follows the same loss against a D that never learns.

Each arm reports, at its best rate (most modes covered, then most samples near a mode), the number of modes
covered and the share of samples near some mode, and both figures at every rate of its grid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import torch

from reimpl import harness, toys
from reimpl.gan.model import Discriminator, Generator, discriminator_loss, generator_loss
from reimpl.harness import ArmResult, Budget, Progress, RunResult


@dataclass(frozen=True)
class Config:
    """Every knob of the experiment; ``run(..., **overrides)`` replaces any of them."""

    modes: int = 8
    radius: float = 2.0
    sigma: float = 0.1
    noise: int = 8
    hidden: int = 64
    batch: int = 128
    steps: int = 600
    lrs: tuple[float, ...] = (3e-3, 1e-2, 2e-2)
    cover_share: float = 0.03  # a mode is covered by ≥ 3 % of the samples (a quarter of its 12.5 %)
    n_eval: int = 2000
    adversarial: bool = True  # False: the gan arm's discriminator stays at its initialisation (ablation)
    threads: int | None = 1


CONFIGS: dict[str, Config] = {
    "ci": Config(lrs=(3e-3, 1e-2)),
    "quick": Config(),
    "full": Config(steps=2000, n_eval=8000),
}


def ring_centres(cfg: Config, device: torch.device) -> torch.Tensor:
    """The ``modes`` centres, evenly on the circle of radius ``radius``: shape (modes, 2)."""
    angle = torch.arange(cfg.modes, device=device) * (2 * math.pi / cfg.modes)
    return cfg.radius * torch.stack([angle.cos(), angle.sin()], dim=1)


def sample_data(
    n: int, centres: torch.Tensor, sigma: float, generator: torch.Generator, device: torch.device
) -> torch.Tensor:
    """``n`` points of the mixture: a uniformly chosen centre plus σ · N(0, I)."""
    mode = torch.randint(0, centres.shape[0], (n,), generator=generator, device=device)
    return centres[mode] + sigma * torch.randn(n, 2, generator=generator, device=device)


def mode_metrics(samples: torch.Tensor, centres: torch.Tensor, cfg: Config) -> tuple[float, float]:
    """Modes covered (≥ ``cover_share`` of the samples within 3σ) and the share of samples near any mode."""
    near = torch.cdist(samples.float(), centres.float()) <= 3 * cfg.sigma  # (n, modes)
    share_per_mode = near.float().mean(0)
    covered = float((share_per_mode >= cfg.cover_share).sum())
    return covered, float(near.any(1).float().mean())


def moment_loss(fake: torch.Tensor, real: torch.Tensor) -> torch.Tensor:
    """‖mean(G) − mean(data)‖² + ‖cov(G) − cov(data)‖²_F: the data's first two moments, nothing more."""
    return (fake.mean(0) - real.mean(0)).square().sum() + (fake.T.cov() - real.T.cov()).square().sum()


def train_once(
    cfg: Config, arm: str, lr: float, seed: int, device: torch.device, progress: Progress | None
) -> tuple[float, float, list[float]]:
    """Train one generator at rate ``lr`` (``arm`` "gan" or "moment"); modes covered, share near, losses."""
    harness.seed_everything(seed)  # the same initial G (and D) in every arm and at every rate
    with device:
        gen = Generator(cfg.noise, cfg.hidden)
        disc = Discriminator(cfg.hidden)
    centres = ring_centres(cfg, device)
    stream = toys.make_generator(20_000 + seed, device)
    opt_g = torch.optim.Adam(gen.parameters(), lr=lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(disc.parameters(), lr=lr, betas=(0.5, 0.999))
    train_d = arm == "gan" and cfg.adversarial
    disc.requires_grad_(train_d)

    def step_loss(step: int) -> torch.Tensor:
        real = sample_data(cfg.batch, centres, cfg.sigma, stream, device)
        z = torch.randn(cfg.batch, cfg.noise, generator=stream, device=device)
        if arm == "moment":
            return moment_loss(gen(z), real)
        if train_d:  # D's step up V(D, G), on a detached fake batch
            opt_d.zero_grad(set_to_none=True)
            discriminator_loss(disc(real), disc(gen(z).detach())).backward()
            opt_d.step()
        return generator_loss(disc(gen(z)))  # G's step, taken by the training loop

    losses = harness.train(step_loss, gen.parameters(), opt_g, cfg.steps, device=device, progress=progress)
    covered, near = evaluate(gen, cfg, centres, seed, device)
    return covered, near, [toys.finite_or(v, 1e6) for v in losses]


def evaluate(
    gen: Generator, cfg: Config, centres: torch.Tensor, seed: int, device: torch.device
) -> tuple[float, float]:
    """Modes covered and share near a mode of ``n_eval`` fresh samples of the generator."""
    held_out = toys.make_generator(30_000 + seed, device)
    z = torch.randn(cfg.n_eval, cfg.noise, generator=held_out, device=device)
    with torch.no_grad():
        samples = gen(z)
    if not torch.isfinite(samples).all():
        return 0.0, 0.0
    return mode_metrics(samples, centres, cfg)


def sweep(name: str, cfg: Config, seed: int, device: torch.device, progress: Progress | None) -> ArmResult:
    """Train the arm at every rate of the grid; report the best rate's figures and the whole grid."""
    runs = {lr: train_once(cfg, name, lr, seed, device, progress) for lr in cfg.lrs}
    best = max(cfg.lrs, key=lambda lr: (runs[lr][0], runs[lr][1]))
    metrics = {"modes_covered": runs[best][0], "share_near": runs[best][1], "best_lr": best}
    metrics |= {f"modes@{lr:g}": runs[lr][0] for lr in cfg.lrs}  # the grid, reported
    metrics |= {f"near@{lr:g}": runs[lr][1] for lr in cfg.lrs}
    return ArmResult(name, metrics, {f"loss@{lr:g}": runs[lr][2] for lr in cfg.lrs})


def untrained(cfg: Config, seed: int, device: torch.device) -> ArmResult:
    """The generator's samples at initialisation, before any training."""
    harness.seed_everything(seed)
    with device:
        gen = Generator(cfg.noise, cfg.hidden)
    covered, near = evaluate(gen, cfg, ring_centres(cfg, device), seed, device)
    return ArmResult("untrained", {"modes_covered": covered, "share_near": near})


def run(
    budget: Budget, seed: int, device: torch.device, progress: Progress | None = None, **overrides: Any
) -> RunResult:
    """Train the GAN and the moment-matching generator over the rate grid; measure the untrained one."""
    cfg = harness.configure(CONFIGS, budget, overrides)
    with harness.Session(__name__, cfg, budget, seed, device, progress) as session:
        for name in ("gan", "moment"):
            session.arms[name] = sweep(name, cfg, seed, device, session.start(name))
        session.start("untrained")
        session.arms["untrained"] = untrained(cfg, seed, device)
    return session.result()
