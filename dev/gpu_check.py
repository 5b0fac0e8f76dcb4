"""Run every reimplementation at the CI budget on one device and write one JSON report.

For the day a CUDA GPU is at hand (under 5 minutes there)::

    python dev/gpu_check.py                      # --device cuda, report to gpu_check.json
    python dev/gpu_check.py --device cpu -o -    # its own smoke test, report to stdout

The report holds, per reimplementation, the claim's verdict and checks, wall time per arm and peak memory
(CUDA's allocator peak; on the CPU the process's peak resident set, which only grows). Exit status 0 when
every claim held, 1 otherwise. Not a test: nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import platform
import resource
import sys
import time
import traceback
from pathlib import Path
from typing import Any

import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the reimpl package beside this folder

import reimpl  # noqa: E402
from reimpl import harness  # noqa: E402


def reimplementations() -> list[str]:
    """Every ``reimpl/<name>/`` folder that declares ``PAPER``, by name."""
    names = []
    for info in pkgutil.iter_modules(reimpl.__path__):
        if info.ispkg and hasattr(importlib.import_module(f"reimpl.{info.name}"), "PAPER"):
            names.append(info.name)
    return sorted(names)


class ArmClock:
    """A progress display that times each arm: the harness announces arms through ``start_arm``."""

    def __init__(self, device: torch.device) -> None:
        self.device = device
        self.seconds: dict[str, float] = {}
        self._arm: str | None = None
        self._start = 0.0

    def __call__(self, step: int, total: int, metrics: dict[str, float]) -> None:
        pass

    def start_arm(self, arm: str) -> None:
        self.stop()
        self._arm, self._start = arm, time.perf_counter()

    def stop(self) -> None:
        if self._arm is not None:
            if self.device.type == "cuda":
                torch.cuda.synchronize(self.device)
            self.seconds[self._arm] = round(time.perf_counter() - self._start, 3)
            self._arm = None


def peak_memory_mb(device: torch.device) -> float:
    """Peak memory since the last reset: CUDA's allocator on a GPU, the process's peak RSS on the CPU."""
    if device.type == "cuda":
        return round(torch.cuda.max_memory_allocated(device) / 2**20, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def check_one(name: str, budget: str, seed: int, device: torch.device) -> dict[str, Any]:
    """Run one reimplementation and judge its claim; an exception is reported, not raised."""
    experiment = importlib.import_module(f"reimpl.{name}.experiment")
    claim = importlib.import_module(f"reimpl.{name}.claim")
    clock = ArmClock(device)
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)
    start = time.perf_counter()
    try:
        result = experiment.run(budget, seed, device, clock)
        clock.stop()
        verdict = claim.check([result])
    except Exception as e:  # one broken reimplementation must not hide the others' results
        return {
            "name": name,
            "held": False,
            "error": f"{type(e).__name__}: {e}",
            "trace": traceback.format_exc(),
        }
    return {
        "name": name,
        "arxiv_id": result.arxiv_id,
        "held": verdict.held,
        "summary": verdict.summary,
        "checks": [c.__dict__ for c in verdict.checks],
        "wall_time_s": round(time.perf_counter() - start, 3),
        "arm_wall_time_s": clock.seconds,
        "peak_memory_mb": peak_memory_mb(device),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cuda", help="cuda (default), cpu, cuda:1, …")
    parser.add_argument("--budget", default="ci", choices=harness.BUDGETS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", nargs="*", help="reimplementation names (default: all)")
    parser.add_argument("-o", "--output", default="gpu_check.json", help="report path, or - for stdout")
    args = parser.parse_args(argv)
    try:
        device = harness.pick_device(args.device)
    except ValueError as e:
        print(f"gpu_check: {e}", file=sys.stderr)
        return 2
    names = args.only or reimplementations()
    started = time.perf_counter()
    rows = []
    for name in names:
        row = check_one(name, args.budget, args.seed, device)
        rows.append(row)
        status = "held" if row["held"] else ("ERROR" if "error" in row else "NOT HELD")
        print(f"{name:20s} {status:8s} {row.get('wall_time_s', 0):7.1f} s", file=sys.stderr)
    report = {
        "device": str(device),
        "device_name": torch.cuda.get_device_name(device) if device.type == "cuda" else platform.processor(),
        "torch_version": torch.__version__,
        "budget": args.budget,
        "seed": args.seed,
        "all_held": all(r["held"] for r in rows),
        "total_wall_time_s": round(time.perf_counter() - started, 1),
        "reimplementations": rows,
    }
    text = json.dumps(report, indent=2)
    if args.output == "-":
        print(text)
    else:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
        print(f"report written to {args.output}", file=sys.stderr)
    return 0 if report["all_held"] else 1


if __name__ == "__main__":
    sys.exit(main())
