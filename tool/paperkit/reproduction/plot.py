"""The training curves of a reproduction as a PNG: one panel per curve, one colour per arm.

Drawn with matplotlib's Agg backend (no display needed); each seed faint, the seeds' mean bold.
"""

from __future__ import annotations

import io
from statistics import mean
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reimpl.harness import RunResult


def _curve_names(results: list[RunResult]) -> list[str]:
    """Curves to draw: every curve of any arm, except the ``<name>_step`` x axes."""
    names: list[str] = []
    for r in results:
        for arm in r.arms.values():
            names += [n for n in arm.curves if not n.endswith("_step") and n not in names]
    return names[:4]


def _mean_curve(curves: list[list[float]]) -> list[float]:
    """The pointwise mean of curves, as long as the shortest."""
    n = min(len(c) for c in curves)
    return [mean(c[i] for c in curves) for i in range(n)]


def plot_png(results: list[RunResult], title: str) -> bytes:
    """Each curve (loss, free-running accuracy, ...) per arm over the seeds' ``results``, the seeds' mean
    bold and each seed faint, under ``title``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = _curve_names(results) or ["(no curves)"]
    fig, axes = plt.subplots(1, len(names), figsize=(5.2 * len(names), 3.8), squeeze=False)
    arms = list(dict.fromkeys(a for r in results for a in r.arms))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for ax, name in zip(axes[0], names, strict=True):
        for i, arm in enumerate(arms):
            runs = [r.arms[arm] for r in results if arm in r.arms and r.arms[arm].curves.get(name)]
            if not runs:
                continue
            colour = colours[i % len(colours)]
            xs_of = [
                run.curves.get(f"{name}_step") or list(range(1, len(run.curves[name]) + 1)) for run in runs
            ]
            for run, xs in zip(runs, xs_of, strict=True):
                if len(runs) > 1:
                    ax.plot(xs, run.curves[name], color=colour, alpha=0.2, linewidth=0.8)
            ys = _mean_curve([run.curves[name] for run in runs])
            ax.plot(xs_of[0][: len(ys)], ys, color=colour, linewidth=1.8, label=arm.replace("_", " "))
        ax.set_title(name.replace("_", " "))
        ax.set_xlabel("training step")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    return buf.getvalue()
