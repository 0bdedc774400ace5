"""Sensitivity: how the verdict (LMI or standard Lambda) moves when traffic and duration are off by up to ±50%.

The instance type stays the one chosen for today's numbers; the fleet is re-sized for every cell.
"""

from __future__ import annotations

from typing import Callable

from workbench.cost.lambda_cost import LambdaModel
from workbench.cost.lmi_cost import LmiModel
from workbench.cost.results import Sensitivity, SensitivityCell
from workbench.cost.text import signed_percent

STEPS = (-0.5, -0.25, 0.0, 0.25, 0.5)


def sensitivity_grid(volume: float, duration_ms: float, *, lambda_at: Callable[[float], LambdaModel],
                     lmi_at: Callable[[float], LmiModel], discount_rate: float = 0.0,
                     steps: tuple[float, ...] = STEPS) -> Sensitivity:
    """``lambda_at(d)`` / ``lmi_at(d)`` build the models for duration ``d`` ms; costs at volume × (1 + t)."""
    cells: list[SensitivityCell] = []
    by_duration = {}
    for dc in steps:
        d = duration_ms * (1.0 + dc)
        by_duration[dc] = (lambda_at(d), lmi_at(d))
    for tc in steps:
        v = volume * (1.0 + tc)
        for dc in steps:
            lam, lmi = by_duration[dc]
            cells.append(SensitivityCell(tc, dc, lam.cost(v), lmi.cost(v, discount_rate)))
    return Sensitivity(tuple(steps), tuple(cells), _summary(cells, steps))


def _summary(cells: list[SensitivityCell], steps: tuple[float, ...]) -> str:
    wins = sum(c.lmi_cheaper for c in cells)
    n = len(cells)
    if wins == n:
        span = f"{signed_percent(steps[0])}…{signed_percent(steps[-1])}"
        return f"LMI stays cheaper across traffic and duration {span}."
    if wins == 0:
        return (f"Standard Lambda stays cheaper across traffic and duration "
                f"{signed_percent(steps[0])}…{signed_percent(steps[-1])}.")
    today = next(c for c in cells if c.traffic_change == 0 and c.duration_change == 0)
    parts = []
    for axis, label in (("traffic_change", "traffic"), ("duration_change", "duration")):
        other = "duration_change" if axis == "traffic_change" else "traffic_change"
        line = sorted((c for c in cells if getattr(c, other) == 0), key=lambda c: getattr(c, axis))
        flips = [getattr(c, axis) for c in line if c.lmi_cheaper != today.lmi_cheaper]
        if flips:
            winner = "standard Lambda" if today.lmi_cheaper else "LMI"
            nearest = min(flips, key=abs)
            direction = "at or below" if nearest < 0 else "at or above"
            parts.append(f"{winner} wins with {label} {direction} {signed_percent(nearest)}")
    verdict = "LMI is cheaper today" if today.lmi_cheaper else "standard Lambda is cheaper today"
    if not parts:  # the verdict holds along both axes and turns only in a corner of the grid
        winner = "standard Lambda" if today.lmi_cheaper else "LMI"
        corners = [f"traffic {signed_percent(c.traffic_change)} with duration {signed_percent(c.duration_change)}"
                   for c in cells if c.lmi_cheaper != today.lmi_cheaper]
        shown = ", ".join(corners[:2]) + (f" and {len(corners) - 2} more" if len(corners) > 2 else "")
        parts.append(f"{winner} wins only at {shown}")
    detail = "; ".join(parts)
    return f"The verdict moves: {verdict}; {detail}. LMI wins {wins} of {n} cases."
