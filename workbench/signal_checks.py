"""Cross-checks between the workload's traffic signals: requests per month, the mean rate and the peak rate must
tell the same story. Each disagreement is one sentence in the intake's words, naming both values and what they
imply; nothing is changed (the person knows which figure is right).

A month is 730 hours (AWS's pricing convention, ``lmi_facts.SECONDS_PER_MONTH``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.lmi_facts import SECONDS_PER_MONTH

if TYPE_CHECKING:
    from workbench.models import Workload

TOLERANCE = 0.25  # requests per month and the mean rate may differ by a quarter (rounding, a partial month)


def _n(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.3g}"


def traffic_disagreements(workload: Workload) -> list[str]:
    """What does not add up between Requests per month, Mean requests per second and Peak requests per second."""
    problems: list[str] = []
    per_month = workload.requests_per_month
    mean = workload.mean_requests_per_second
    peak = workload.peak_requests_per_second
    implied = per_month / SECONDS_PER_MONTH if per_month is not None else None
    if implied is not None and mean is not None and max(implied, mean) > 0:
        if abs(implied - mean) > TOLERANCE * max(implied, mean):
            problems.append(f"Requests per month ({_n(per_month)}) means {_n(implied)} requests/s on average, but "
                            f"Mean requests per second is {_n(mean)}: correct whichever is wrong")
    average = mean if mean is not None else implied
    if peak is not None and average is not None and peak < average * (1 - 1e-9):
        source = "Mean requests per second" if mean is not None else "Requests per month"
        problems.append(f"Peak requests per second ({_n(peak)}) is below the average ({_n(average)} from {source}): "
                        "the peak is at least the average")
    return problems
