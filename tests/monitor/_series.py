"""MetricSeries built by hand for the threshold tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from workbench.models import MetricSeries

NOW = datetime(2026, 11, 20, 13, 0, tzinfo=timezone.utc)
FIVE = timedelta(minutes=5)

_META = {  # catalogue id → (metric, stat, unit, period)
    "lmi_invocations": ("Invocations", "Sum", "Count", 300), "lmi_errors": ("Errors", "Sum", "Count", 300),
    "lmi_throttles": ("Throttles", "Sum", "Count", 300),
    "lmi_duration_p99": ("Duration", "p99", "Milliseconds", 300),
    "ee_cpu": ("ExecutionEnvironmentCPUUtilization", "Average", "Percent", 300),
    "ee_memory": ("ExecutionEnvironmentMemoryUtilization", "Average", "Percent", 300),
    "ee_concurrency": ("ExecutionEnvironmentConcurrency", "Maximum", "Count", 300),
    "ee_concurrency_limit": ("ExecutionEnvironmentConcurrencyLimit", "Maximum", "Count", 300),
    "throttle_cpu": ("CPUThrottles", "Sum", "Count", 300),
    "throttle_concurrency": ("ConcurrencyThrottles", "Sum", "Count", 300),
    "old_invocations": ("Invocations", "Sum", "Count", 60), "old_errors": ("Errors", "Sum", "Count", 60),
    "old_duration_p99": ("Duration", "p99", "Milliseconds", 60),
}


def series(qid: str, values: Sequence[float], *, end: datetime = NOW, start: datetime | None = None
           ) -> MetricSeries:
    """``values`` at consecutive periods ending just before ``end`` (or starting at ``start``)."""
    metric, stat, unit, period = _META[qid]
    step = timedelta(seconds=period)
    first = start if start is not None else end - step * len(values)
    return MetricSeries(id=qid, namespace="AWS/Lambda", metric_name=metric, stat=stat, period_seconds=period,
                        unit=unit, source="simulated",
                        points=[{"timestamp": first + i * step, "value": v} for i, v in enumerate(values)])


def bundle(**values: Sequence[float]) -> dict[str, MetricSeries]:
    return {qid: series(qid, v) for qid, v in values.items()}
