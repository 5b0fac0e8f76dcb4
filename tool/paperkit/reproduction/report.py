"""What ``paperkit reproduce``, ``reimpls`` and ``list`` print: plain-text tables and verdicts."""

from __future__ import annotations

import math
from typing import Any

from paperkit.reproduction.reproduce import Reproduction, arm_means, arm_spread
from paperkit.sanitize import one_line


def _fmt(value: float) -> str:
    """A metric with four decimals (large values in four significant digits)."""
    if math.isnan(value) or math.isinf(value):
        return str(value)
    return f"{value:.4f}" if abs(value) < 1000 else f"{value:.4g}"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain-text table with aligned columns."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def format_report(repro: Reproduction) -> str:
    """Per-arm metrics (seed means, ± spread), per-seed times, the claim's checks and the verdict."""
    paper = repro.reimpl.paper
    means, spread = arm_means(repro.results), arm_spread(repro.results)
    metrics = list(dict.fromkeys(m for arm in means.values() for m in arm))
    multi = len(repro.results) > 1
    rows = []
    for arm, values in means.items():
        cells = []
        for m in metrics:
            if m not in values:
                cells.append("-")
            elif multi:
                cells.append(f"{_fmt(values[m])}±{spread[arm][m]:.3f}")
            else:
                cells.append(_fmt(values[m]))
        rows.append([arm, *cells])
    check_rows = [
        [c.name, _fmt(c.observed), _fmt(c.threshold), "pass" if c.passed else "FAIL"]
        for c in repro.verdict.checks
    ]
    seeds = ", ".join(f"seed {r.seed}: {r.wall_time_s:.1f}s" for r in repro.results)
    parts: list[str | None] = [
        f"{paper.arxiv_id}  {one_line(paper.title)}",
        f"claim: {one_line(paper.claim)}",
        f"toy: {paper.toy}" if paper.toy else None,
        f"budget {repro.budget}, device {repro.device}, {seeds}",
        "",
        "per-arm metrics" + (f" (mean ± std over {len(repro.results)} seeds)" if multi else "") + ":",
        table(["arm", *metrics], rows),
        "",
        "checks" + (f" (margin: {paper.margin})" if paper.margin else "") + ":",
        table(["check", "observed", "threshold", ""], check_rows),
        "",
        f"verdict: {'HELD' if repro.verdict.held else 'NOT HELD'} — {repro.verdict.summary}",
    ]
    if len(repro.seed_verdicts) > 1:
        held = sum(v.held for v in repro.seed_verdicts)
        per_seed = ", ".join(
            f"{r.seed} {'held' if v.held else 'NOT held'} ("
            + ", ".join(_fmt(c.observed) for c in v.checks)
            + ")"
            for r, v in zip(repro.results, repro.seed_verdicts, strict=True)
        )
        parts.append(f"per seed, held on {held} of {len(repro.seed_verdicts)}: {per_seed}")
    if repro.result_path:
        parts.append(
            f"wrote {repro.result_path}" + (f" and {repro.plot_path.name}" if repro.plot_path else "")
        )
    if repro.note_refreshed:
        parts.append("note refreshed")
    parts += [f"warning: {w}" for w in repro.warnings]
    return "\n".join(p for p in parts if p is not None)


def format_summary(repros: list[Reproduction]) -> str:
    """One line per reproduction, for ``--all``."""
    rows = [
        [
            r.reimpl.paper.arxiv_id,
            r.reimpl.name,
            "held" if r.verdict.held else "NOT HELD",
            f"{r.seconds:.1f}s",
            f"{sum(c.passed for c in r.verdict.checks)}/{len(r.verdict.checks)}",
            "; ".join(
                f"{c.name}: {_fmt(c.observed)} vs {_fmt(c.threshold)}"
                for c in r.verdict.checks
                if not c.passed
            ),
        ]
        for r in repros
    ]
    held = sum(r.verdict.held for r in repros)
    summary = f"{held} of {len(repros)} claims held"
    return (
        table(["ID", "reimplementation", "verdict", "time", "checks passed", "failed checks"], rows)
        + "\n"
        + summary
    )


def clip(text: str, width: int) -> str:
    """``text`` on one line, cut with an ellipsis to at most ``width`` characters."""
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def format_reimpls(rows: list[dict[str, Any]]) -> str:
    """Three lines per reimplementation (``paperkit reimpls``): ID, name and title; claim; last verdict."""
    lines = []
    for row in rows:
        last = row["last_verdict"]
        verdict = "not reproduced" if last is None else ("held" if last["held"] else "NOT HELD")
        if last is not None and last["timestamp"]:
            verdict += f" ({last['timestamp'][:10]}, {last['budget']})"
        lines.append(f"{row['arxiv_id']:<11} {row['name']:<20} {one_line(row['title'])}")
        lines.append(f"{'':<11} claim: {clip(row['claim'], 100)}")
        lines.append(f"{'':<11} last: {verdict}")
    return "\n".join(lines)
