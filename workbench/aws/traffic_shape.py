"""Traffic shape and the traffic figures of a workload, from hourly invocation counts (pure: no AWS, no I/O).

The shape answers the decision table's first row ("steady, predictable" vs "bursty, long idle periods") with
the numbers behind it, so a person can check the call:

* **coefficient of variation (CV)**: standard deviation of the hourly counts / their mean (population σ);
* **peak-to-mean**: the busiest hour / the mean hour;
* **idle share**: the share of hours with no invocation at all;
* **daily-profile strength**: the share of the hour-to-hour variance explained by the average 24-hour profile
  (hour of day in UTC): Σ(profile[h(i)] − mean)² / Σ(x_i − mean)². 1.0 means every day repeats the same curve;
  noise alone scores about 23/(n−1) (≈ 0.07 over 14 days).

Rules, applied in this order (thresholds are the constants below):

1. fewer than ``MIN_HOURS`` hours of window → unknown (not enough history to call it);
2. no invocations, or idle share ≥ ``IDLE_SHARE_MOSTLY_IDLE`` → mostly-idle;
3. CV ≤ ``STEADY_CV_MAX`` and peak-to-mean ≤ ``STEADY_PEAK_TO_MEAN_MAX`` → steady;
4. daily-profile strength ≥ ``DIURNAL_STRENGTH_MIN`` → predictable-diurnal (it varies, but the same way
   every day: scheduled scaling can follow it);
5. otherwise → bursty.

The profile uses the hour of day only: a weekday/weekend rhythm lowers the strength (two weeks hold too few
samples per hour of the week to fit a weekly profile without fitting noise).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.models.workload import TrafficPattern

MIN_HOURS = 48
IDLE_SHARE_MOSTLY_IDLE = 0.5
STEADY_CV_MAX = 0.3
STEADY_PEAK_TO_MEAN_MAX = 2.0
DIURNAL_STRENGTH_MIN = 0.6

HOURS_PER_MONTH = 730  # AWS pricing convention (and lmi_facts.SECONDS_PER_MONTH / 3600)


@dataclass(frozen=True)
class TrafficStats:
    hours: int
    total: float
    mean_per_hour: float
    peak_per_hour: float
    cv: float | None  # None when the mean is 0
    peak_to_mean: float | None
    idle_share: float
    diurnal_strength: float | None  # None when there is no variance (or under two days)


@dataclass(frozen=True)
class TrafficShape:
    pattern: TrafficPattern
    stats: TrafficStats
    reason: str

    def describe(self) -> str:
        """One line with the numbers: 'bursty (CV 2.31, peak 14.2× mean, 0% idle hours, daily profile 0.05)'."""
        s = self.stats
        parts = []
        if s.cv is not None:
            parts.append(f"CV {s.cv:.2f}")
        if s.peak_to_mean is not None:
            parts.append(f"peak {s.peak_to_mean:.1f}× mean")
        parts.append(f"{s.idle_share:.0%} idle hours")
        if s.diurnal_strength is not None:
            parts.append(f"daily profile {s.diurnal_strength:.2f}")
        return f"{self.pattern.value} ({', '.join(parts)})"


def traffic_stats(hourly: Sequence[float], *, start_hour_of_day: int = 0) -> TrafficStats:
    values = [float(v) for v in hourly]
    n = len(values)
    total = math.fsum(values)
    mean = total / n if n else 0.0
    peak = max(values) if values else 0.0
    idle = sum(1 for v in values if v <= 0) / n if n else 1.0
    if mean <= 0:
        return TrafficStats(n, total, mean, peak, None, None, idle, None)
    sd = statistics.pstdev(values, mu=mean)
    return TrafficStats(n, total, mean, peak, sd / mean, peak / mean, idle,
                        _diurnal_strength(values, mean, start_hour_of_day))


def _diurnal_strength(values: list[float], mean: float, start_hour_of_day: int) -> float | None:
    if len(values) < 48:
        return None
    total_ss = math.fsum((v - mean) ** 2 for v in values)
    if total_ss <= 0:
        return None
    buckets: list[list[float]] = [[] for _ in range(24)]
    for i, v in enumerate(values):
        buckets[(start_hour_of_day + i) % 24].append(v)
    profile = [math.fsum(b) / len(b) if b else mean for b in buckets]
    explained = math.fsum((profile[(start_hour_of_day + i) % 24] - mean) ** 2 for i in range(len(values)))
    return min(1.0, explained / total_ss)


def classify(hourly: Sequence[float], *, start_hour_of_day: int = 0) -> TrafficShape:
    """The traffic shape of hourly invocation counts (oldest first; the first hour starts at
    ``start_hour_of_day`` UTC)."""
    s = traffic_stats(hourly, start_hour_of_day=start_hour_of_day)
    if s.hours < MIN_HOURS:
        return TrafficShape(TrafficPattern.UNKNOWN, s,
                            f"only {s.hours} hours of history; at least {MIN_HOURS} are needed to judge the shape")
    if s.total <= 0:
        return TrafficShape(TrafficPattern.MOSTLY_IDLE, s, f"no invocations in {s.hours} hours")
    if s.idle_share >= IDLE_SHARE_MOSTLY_IDLE:
        return TrafficShape(TrafficPattern.MOSTLY_IDLE, s,
                            f"{s.idle_share:.0%} of hours had no invocation (mostly idle from "
                            f"{IDLE_SHARE_MOSTLY_IDLE:.0%})")
    assert s.cv is not None and s.peak_to_mean is not None
    if s.cv <= STEADY_CV_MAX and s.peak_to_mean <= STEADY_PEAK_TO_MEAN_MAX:
        return TrafficShape(TrafficPattern.STEADY, s,
                            f"hourly volume varies little: CV {s.cv:.2f} (steady up to {STEADY_CV_MAX}) and the "
                            f"busiest hour is {s.peak_to_mean:.1f}× the mean (up to {STEADY_PEAK_TO_MEAN_MAX:g}×)")
    if s.diurnal_strength is not None and s.diurnal_strength >= DIURNAL_STRENGTH_MIN:
        return TrafficShape(TrafficPattern.PREDICTABLE_DIURNAL, s,
                            f"varies (CV {s.cv:.2f}) but the same way every day: the 24-hour profile explains "
                            f"{s.diurnal_strength:.0%} of the variation (predictable from {DIURNAL_STRENGTH_MIN:.0%})")
    strength = "n/a" if s.diurnal_strength is None else f"{s.diurnal_strength:.0%}"
    return TrafficShape(TrafficPattern.BURSTY, s,
                        f"varies without a daily rhythm: CV {s.cv:.2f}, busiest hour {s.peak_to_mean:.1f}× the "
                        f"mean, 24-hour profile explains {strength} of the variation")


@dataclass(frozen=True)
class TrafficFigures:
    """The Workload's traffic numbers and where they came from."""

    shape: TrafficShape
    requests_per_month: int
    mean_rps: float
    peak_rps: float  # the busiest hour's mean rate (hourly data: shorter spikes are averaged out)
    baseline_concurrency: int | None
    peak_concurrency: int | None
    concurrency_basis: str  # "ConcurrentExecutions", "estimated: rate × duration (Little's law)" or ""


def traffic_figures(hourly_invocations: Sequence[float], hourly_concurrency: Sequence[float] | None = None, *,
                    start_hour_of_day: int = 0, duration_avg_ms: float | None = None) -> TrafficFigures:
    """Requests per month (730-hour month), mean and peak requests/s, baseline and peak concurrency.

    Baseline concurrency is the median hour's ConcurrentExecutions maximum (rounded up): "typical" load, not
    the peak. Without that metric it is estimated with Little's law from the median hour's rate × the average
    duration, and said so.
    """
    shape = classify(hourly_invocations, start_hour_of_day=start_hour_of_day)
    s = shape.stats
    hours = max(1, s.hours)
    per_hour = s.total / hours
    requests = round(per_hour * HOURS_PER_MONTH)
    mean_rps = per_hour / 3600.0
    peak_rps = s.peak_per_hour / 3600.0
    base = peak = None
    basis = ""
    if hourly_concurrency is not None and any(v > 0 for v in hourly_concurrency):
        base = math.ceil(statistics.median(hourly_concurrency) - 1e-9)
        peak = math.ceil(max(hourly_concurrency) - 1e-9)
        basis = "ConcurrentExecutions (hourly maxima: median and highest)"
    elif duration_avg_ms is not None and s.total > 0:
        median_rps = statistics.median(hourly_invocations) / 3600.0
        base = math.ceil(median_rps * duration_avg_ms / 1000.0 - 1e-9)
        peak = max(base, math.ceil(peak_rps * duration_avg_ms / 1000.0 - 1e-9))
        basis = "estimated: requests/s × average duration (Little's law); no ConcurrentExecutions data"
    return TrafficFigures(shape, requests, mean_rps, peak_rps, base, peak, basis)
