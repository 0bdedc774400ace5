"""Break-even: the monthly volume at which LMI costs no more than standard Lambda, solved on both curves.

Both costs are functions of the volume V (the traffic's shape — peak-to-mean, duration, memory — held fixed):

* Lambda(V) is continuous and piecewise linear: its slope changes only where the free tier runs out, at the
  duration tiers and where Provisioned Concurrency fills up (``LambdaModel.kinks``).
* LMI(V) = fleet(V) + requests × V, where fleet(V) is a non-decreasing step function: constant on segments
  (a, b] and jumping up where one more instance is needed (``LmiModel.segment_end``).

D(V) = Lambda(V) − LMI(V) rises inside a segment (Lambda's marginal cost per request is at least the duration
charge on top of the same $0.20/M) and drops at each jump, so the first crossing lies inside a segment, where
D is linear between Lambda's kinks and solved exactly. To find that segment without walking from zero, the
solver first finds the first zero of D̄(V) = Lambda(V) − LMI̲(V), where LMI̲ is the fleet's continuous lower
envelope (``LmiModel.lower_cost``), also piecewise linear and solved exactly between kinks. Before that volume
D ≤ D̄ < 0, so no crossing is missed; at the end of each full segment D = D̄, so the crossing is normally in the
first or second segment after it.
"""

from __future__ import annotations

import bisect
import math
from typing import Callable

from workbench.cost.inputs import MAX_REQUESTS_PER_MONTH
from workbench.cost.lambda_cost import LambdaModel
from workbench.cost.lmi_cost import LmiModel
from workbench.cost.results import BreakEven

MAX_SEGMENTS = 20_000
_BUMP = 1e-8  # relative step just past a segment's end, into the next segment


def _linear_root(x0: float, y0: float, x1: float, y1: float) -> float:
    if y1 == y0:
        return x1
    return x0 + (x1 - x0) * (-y0) / (y1 - y0)


def _first_zero(f: Callable[[float], float], lo: float, points: list[float]) -> float | None:
    """The first x ≥ lo where a piecewise-linear f (linear between ``points``) reaches 0, or None."""
    x0, y0 = lo, f(lo)
    if y0 >= 0:
        return lo
    for x1 in points:
        if x1 <= x0:
            continue
        y1 = f(x1)
        if y1 >= 0:
            return _linear_root(x0, y0, x1, y1)
        x0, y0 = x1, y1
    return None


def solve_breakeven(lam: LambdaModel, lmi: LmiModel, *, discount_rate: float = 0.0,
                    upper: float = MAX_REQUESTS_PER_MONTH, lmi_scenario: str = "lmi_on_demand",
                    lambda_scenario: str = "lambda_on_demand") -> BreakEven:
    def result(volume: float | None, status: str, note: str) -> BreakEven:
        if volume is None:
            return BreakEven(None, status, upper_bound=upper, lmi_scenario=lmi_scenario,
                             lambda_scenario=lambda_scenario, note=note)
        return BreakEven(volume, status, lam.cost(volume), lmi.cost(volume, discount_rate), upper, lmi_scenario,
                         lambda_scenario, note)

    lam_kinks = lam.kinks(upper)
    start_volume = 1.0
    if lam.cost(start_volume) >= lmi.cost(start_volume, discount_rate):
        return result(None, "lmi_cheaper_everywhere",
                      "LMI costs no more than standard Lambda even at one request a month")

    def upper_gap(v: float) -> float:
        return lam.cost(v) - lmi.lower_cost(v, discount_rate)

    points = sorted(set(lam_kinks + lmi.lower_kinks(upper) + [upper]))
    v = _first_zero(upper_gap, start_volume, points)
    if v is None:
        return result(None, "never_in_range", f"LMI stays dearer than standard Lambda up to {upper:,.0f} "
                                              "requests/month")

    for _ in range(MAX_SEGMENTS):
        end = min(lmi.segment_end(v), upper)
        fleet_at = end if end >= v else v
        fixed = lmi.cost(fleet_at, discount_rate) - fleet_at * lmi.request_rate  # the segment's fleet cost

        def gap(x: float, fixed: float = fixed) -> float:
            return lam.cost(x) - (fixed + x * lmi.request_rate)

        inside = lam_kinks[bisect.bisect_right(lam_kinks, v):bisect.bisect_left(lam_kinks, end)] + [end]
        root = _first_zero(gap, v, inside)
        if root is not None and root <= end:
            return result(root, "crossing", "")
        if end >= upper or math.isinf(end):
            break
        v = end * (1.0 + _BUMP)
    else:
        return result(None, "gave_up", f"the curves run too close to solve within {MAX_SEGMENTS:,} fleet steps")
    return result(None, "never_in_range", f"LMI stays dearer than standard Lambda up to {upper:,.0f} requests/month")
