"""CloudWatch history of Lambda functions with the fewest calls: batched ``GetMetricData``.

Every function's queries go into one list that is sent 500 queries per call (the API's limit) across
functions, each call paginated by ``NextToken``. A fleet of N functions without Lambda Insights costs
``ceil(6 × N / 500)`` calls (plus NextToken pages when an answer exceeds 100,800 datapoints).

Per function (window = the last ``days`` days, ending on a whole hour):

==================== ====================== ========= =====================================================
key                  metric                 stat      period
==================== ====================== ========= =====================================================
invocations          Invocations            Sum       1 hour (traffic shape, requests/month, peak rate)
concurrency          ConcurrentExecutions   Maximum   1 hour (baseline = median hour, peak = highest hour)
duration_avg         Duration               Average   the whole window (invocation-weighted mean)
duration_p99         Duration               p99       the whole window
errors, throttles    Errors, Throttles      Sum       the whole window
cpu_total_time       LambdaInsights         Average   the whole window (only with the Insights layer)
memory_utilization   LambdaInsights         Maximum   the whole window (only with the Insights layer; the
                                                      highest reading, so memory is sized for the worst)
==================== ====================== ========= =====================================================

CloudWatch omits periods without data: an hour with no datapoint had no invocations.
Some endpoints (emulators) cannot compute percentiles; a batch that fails while holding percentile queries is
sent again without them, the session remembers it, and p99 is left empty with a note.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from workbench.aws.errors import AwsProblem, ProblemKind
from workbench.aws.functions import FunctionInfo
from workbench.aws.session import AwsSession, Progress, check_cancelled, report
from workbench.clock import system_now

MAX_QUERIES_PER_CALL = 500  # GetMetricData MetricDataQueries limit
HOUR_S = 3600
DEFAULT_DAYS = 14
MAX_DAYS = 63  # hourly data older than 63 days needs periods that are multiples of an hour; keep to that
_EXTENDED_STAT = re.compile(r"^(p|tm|wm|tc|ts|pr)\(?\d")


@dataclass(frozen=True)
class MetricSpec:
    key: str
    namespace: str
    metric: str
    stat: str
    hourly: bool
    dimension: str = "FunctionName"


LAMBDA_METRICS = (
    MetricSpec("invocations", "AWS/Lambda", "Invocations", "Sum", hourly=True),
    MetricSpec("concurrency", "AWS/Lambda", "ConcurrentExecutions", "Maximum", hourly=True),
    MetricSpec("duration_avg", "AWS/Lambda", "Duration", "Average", hourly=False),
    MetricSpec("duration_p99", "AWS/Lambda", "Duration", "p99", hourly=False),
    MetricSpec("errors", "AWS/Lambda", "Errors", "Sum", hourly=False),
    MetricSpec("throttles", "AWS/Lambda", "Throttles", "Sum", hourly=False),
)
INSIGHTS_METRICS = (
    MetricSpec("cpu_total_time", "LambdaInsights", "cpu_total_time", "Average", hourly=False,
               dimension="function_name"),
    MetricSpec("memory_utilization", "LambdaInsights", "memory_utilization", "Maximum", hourly=False,
               dimension="function_name"),
)


def is_extended_stat(stat: str) -> bool:
    """Percentiles and trimmed statistics (p99, tm90, ...): not every endpoint computes them."""
    return bool(_EXTENDED_STAT.match(stat))


@dataclass(frozen=True)
class Window:
    """``days`` whole days ending on a whole hour (UTC)."""

    start: datetime
    end: datetime

    @classmethod
    def ending(cls, end: datetime | None = None, days: int = DEFAULT_DAYS) -> "Window":
        if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
            raise ValueError(f"days must be a whole number from 1 to {MAX_DAYS} (got {days!r})")
        end = (end or system_now())
        if end.tzinfo is None:
            raise ValueError("end must be timezone-aware (UTC)")
        end = end.astimezone(timezone.utc).replace(minute=0, second=0, microsecond=0)
        return cls(start=end - timedelta(days=days), end=end)

    @property
    def hours(self) -> int:
        return int((self.end - self.start).total_seconds() // HOUR_S)

    @property
    def days(self) -> int:
        return self.hours // 24

    @property
    def seconds(self) -> int:
        return self.hours * HOUR_S

    def hour_index(self, at: datetime) -> int:
        return int((at.astimezone(timezone.utc) - self.start).total_seconds() // HOUR_S)

    def describe(self) -> str:
        return f"{self.days} days to {self.end:%Y-%m-%d %H:%M} UTC"


@dataclass
class FunctionMetrics:
    """What CloudWatch holds for one function over the window (None: no datapoint at all)."""

    function: str
    window: Window
    hourly_invocations: list[float]
    hourly_concurrency: list[float] | None = None
    duration_avg_ms: float | None = None
    duration_p99_ms: float | None = None
    errors: float | None = None
    throttles: float | None = None
    insights_cpu_total_time_ms: float | None = None
    insights_memory_utilization_pct: float | None = None
    lambda_insights_layer: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def total_invocations(self) -> float:
        return float(sum(self.hourly_invocations))

    @property
    def first_active_hour(self) -> int | None:
        return next((i for i, v in enumerate(self.hourly_invocations) if v > 0), None)


@dataclass(frozen=True)
class PlannedQuery:
    id: str
    function: str
    spec: MetricSpec
    body: dict[str, Any]


def plan_queries(functions: Sequence[FunctionInfo], window: Window, *, percentiles: bool = True
                 ) -> list[PlannedQuery]:
    """The GetMetricData queries for ``functions`` (ids q0, q1, ...; Insights only where the layer is)."""
    planned: list[PlannedQuery] = []
    for fn in functions:
        specs = LAMBDA_METRICS + (INSIGHTS_METRICS if fn.lambda_insights else ())
        for spec in specs:
            if not percentiles and is_extended_stat(spec.stat):
                continue
            qid = f"q{len(planned)}"
            period = HOUR_S if spec.hourly else window.seconds
            body = {
                "Id": qid,
                "MetricStat": {
                    "Metric": {"Namespace": spec.namespace, "MetricName": spec.metric,
                               "Dimensions": [{"Name": spec.dimension, "Value": fn.name}]},
                    "Period": period,
                    "Stat": spec.stat,
                },
                "ReturnData": True,
            }
            planned.append(PlannedQuery(qid, fn.name, spec, body))
    return planned


def batches(items: Sequence[Any], size: int = MAX_QUERIES_PER_CALL) -> list[Sequence[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def calls_needed(query_count: int) -> int:
    """GetMetricData calls for ``query_count`` queries, before any NextToken pages."""
    return math.ceil(query_count / MAX_QUERIES_PER_CALL)


Points = list[tuple[datetime, float]]


def get_metric_data(session: AwsSession, region: str, queries: Sequence[dict[str, Any]], window: Window, *,
                    on_progress: Progress | None = None, cancel: threading.Event | None = None,
                    label: str = "CloudWatch") -> tuple[dict[str, Points], set[str]]:
    """Send ``queries`` 500 per call (NextToken pages followed) and gather each id's (timestamp, value) points.

    Returns the points by query id and the ids that were dropped because the endpoint could not compute an
    extended statistic (percentiles). AwsProblem on any other failure; Cancelled between calls.
    """
    results: dict[str, Points] = {q["Id"]: [] for q in queries}
    dropped: set[str] = set()
    if session.capabilities.get("percentiles") is False:
        dropped = {q["Id"] for q in queries if is_extended_stat(q["MetricStat"]["Stat"])}
        queries = [q for q in queries if q["Id"] not in dropped]
    chunks = batches(list(queries))
    for done, chunk in enumerate(chunks):
        check_cancelled(cancel)
        report(on_progress, done, len(chunks), f"{region}: {label} request {done + 1:,} of {len(chunks):,}")
        try:
            _one_batch(session, region, chunk, window, results, cancel)
        except AwsProblem as problem:
            extended = [q["Id"] for q in chunk if is_extended_stat(q["MetricStat"]["Stat"])]
            if not extended or problem.kind not in (ProblemKind.SERVICE_ERROR, ProblemKind.INVALID_REQUEST):
                raise
            session.capabilities["percentiles"] = False
            dropped.update(extended)
            _one_batch(session, region, [q for q in chunk if q["Id"] not in dropped], window, results, cancel)
    report(on_progress, len(chunks), len(chunks), f"{region}: {label} done ({len(chunks):,} requests)")
    return results, dropped


def _one_batch(session: AwsSession, region: str, chunk: Sequence[dict[str, Any]], window: Window,
               results: dict[str, Points], cancel: threading.Event | None) -> None:
    if not chunk:
        return
    token: str | None = None
    while True:
        params: dict[str, Any] = {"MetricDataQueries": list(chunk), "StartTime": window.start, "EndTime": window.end,
                                  "ScanBy": "TimestampAscending"}
        if token:
            params["NextToken"] = token
        answer = session.call("cloudwatch", "GetMetricData", region=region, **params)
        for item in answer.get("MetricDataResults") or ():
            points = results.setdefault(item["Id"], [])
            points.extend((ts, float(v)) for ts, v in zip(item.get("Timestamps") or (), item.get("Values") or ())
                          if v is not None)
        token = answer.get("NextToken")
        if not token:
            return
        check_cancelled(cancel)


def fetch_function_metrics(session: AwsSession, region: str, functions: Sequence[FunctionInfo], *,
                           window: Window | None = None, percentiles: bool = True,
                           on_progress: Progress | None = None, cancel: threading.Event | None = None
                           ) -> tuple[dict[str, FunctionMetrics], int]:
    """CloudWatch history of ``functions`` (all in ``region``) by function name, and the number of queries sent."""
    window = window or Window.ending()
    planned = plan_queries(functions, window, percentiles=percentiles)
    points, dropped = get_metric_data(session, region, [p.body for p in planned], window,
                                      on_progress=on_progress, cancel=cancel)
    by_function: dict[str, dict[str, Points | None]] = {fn.name: {} for fn in functions}
    for p in planned:
        by_function[p.function][p.spec.key] = None if p.id in dropped else points.get(p.id, [])
    out = {fn.name: assemble(fn, window, by_function[fn.name]) for fn in functions}
    return out, len(planned) - len(dropped)


def _hourly(points: Points, window: Window) -> list[float]:
    series = [0.0] * window.hours
    for ts, value in points:
        i = window.hour_index(ts)
        if 0 <= i < window.hours:
            series[i] += value
    return series


def _weighted_average(points: Points, window: Window, weights_by_hour: list[float]) -> float | None:
    """One value for the window from window-period averages; several points are weighted by invocations."""
    if not points:
        return None
    if len(points) == 1:
        return points[0][1]
    weighted, total = 0.0, 0.0
    starts = sorted(points)
    for n, (ts, value) in enumerate(starts):
        lo = max(0, window.hour_index(ts))
        hi = window.hour_index(starts[n + 1][0]) if n + 1 < len(starts) else window.hours
        w = sum(weights_by_hour[lo:max(lo, hi)])
        weighted += value * w
        total += w
    return weighted / total if total > 0 else sum(v for _, v in points) / len(points)


def assemble(fn: FunctionInfo, window: Window, raw: dict[str, Points | None]) -> FunctionMetrics:
    """FunctionMetrics from each metric's points (None for a metric that was not asked or was dropped)."""
    inv = _hourly(raw.get("invocations") or [], window)
    conc_points = raw.get("concurrency") or []
    metrics = FunctionMetrics(function=fn.name, window=window, hourly_invocations=inv,
                              lambda_insights_layer=fn.lambda_insights)
    if conc_points:
        hourly_max = [0.0] * window.hours
        for ts, value in conc_points:
            i = window.hour_index(ts)
            if 0 <= i < window.hours:
                hourly_max[i] = max(hourly_max[i], value)
        metrics.hourly_concurrency = hourly_max
    metrics.duration_avg_ms = _weighted_average(raw.get("duration_avg") or [], window, inv)
    p99 = raw.get("duration_p99")
    if p99 is None:
        metrics.notes.append("Duration p99: this endpoint could not compute percentiles; enter it by hand")
    elif p99:
        metrics.duration_p99_ms = max(v for _, v in p99)
    for key in ("errors", "throttles"):
        values = raw.get(key) or []
        setattr(metrics, key, float(sum(v for _, v in values)) if values else (0.0 if sum(inv) else None))
    if fn.lambda_insights:
        metrics.insights_cpu_total_time_ms = _weighted_average(raw.get("cpu_total_time") or [], window, inv)
        mem = raw.get("memory_utilization") or []
        metrics.insights_memory_utilization_pct = max(v for _, v in mem) if mem else None
        if metrics.insights_cpu_total_time_ms is None or metrics.insights_memory_utilization_pct is None:
            metrics.notes.append("Lambda Insights layer present but no cpu_total_time/memory_utilization data in "
                                 "the window")
    return metrics
