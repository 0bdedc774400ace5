"""The monitor's live ``MetricsSource``: CloudWatch ``GetMetricData``, batched and incremental.

* One refresh sends every query on screen in one ``GetMetricData`` call (500 queries per call, the API's
  limit; more queries → ``ceil(n / 500)`` calls), each call followed through its ``NextToken`` pages.
* Incremental: per query the source keeps the points it has and a cursor (the newest timestamp it holds). A
  refresh asks only for periods after the cursors: ``StartTime`` is the earliest "next period" over the queries
  (one call has one time range, so when cursors differ — 1-minute next to 5-minute metrics — a few points of
  the finer series can come back again; they are merged, not duplicated). When every query is already up to
  ``end`` no call is made. Widening the window (an earlier ``start``) re-fetches that query from ``start``.
* Throttling and expired credentials (after botocore's own retries with backoff) do not raise: the kept series
  are returned with ``stale_since`` set (the time of the first failed refresh) and the next ``fetch`` tries
  again; a successful refresh clears it. Any other ``AwsProblem`` propagates to the caller.
* ``fetch`` makes blocking network calls: run it in a worker thread, never on the UI's event loop.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from workbench.aws.cloudwatch import Window, calls_needed, get_metric_data
from workbench.aws.errors import AwsProblem, ProblemKind
from workbench.aws.session import AwsSession
from workbench.clock import system_now
from workbench.metrics.source import MetricQuery, align_down, check_window
from workbench.models import MetricSeries
from workbench.models.metrics import MetricSource

STALE_KINDS = frozenset({ProblemKind.THROTTLED, ProblemKind.EXPIRED})
"""Problems after which the kept series are shown as stale and the next refresh retries."""


def _utc_now() -> datetime:
    return system_now()


@dataclass
class _Kept:
    """What the source holds for one query."""

    query: MetricQuery
    covered_from: datetime  # the earliest start this query was fetched from
    points: dict[datetime, float] = field(default_factory=dict)
    checked_to: datetime | None = None  # EndTime of the last successful request that held this query

    @property
    def cursor(self) -> datetime | None:
        """The newest timestamp held (None: no datapoint yet)."""
        return max(self.points) if self.points else None


class CloudWatchSource:
    """``MetricsSource`` over CloudWatch for one region of an :class:`AwsSession`."""

    def __init__(self, session: AwsSession, *, region: str | None = None,
                 clock: Callable[[], datetime] = _utc_now) -> None:
        self.session = session
        self.region = session.resolve_region(region)
        self.name = f"CloudWatch ({self.region})"
        self._clock = clock
        self._kept: dict[str, _Kept] = {}
        self._lock = threading.Lock()
        self.stale_since: datetime | None = None
        self.last_problem: AwsProblem | None = None
        self.fetched_at: datetime | None = None
        self.last_request: tuple[datetime, datetime, int] | None = None  # (StartTime, EndTime, queries) or None

    # --- the MetricsSource interface -------------------------------------------------------------------------
    def fetch(self, queries: Sequence[MetricQuery], start: datetime, end: datetime) -> list[MetricSeries]:
        """One series per query, in order, points at period starts in [start, end)."""
        start, end = check_window(start, end)
        with self._lock:
            kept = [self._kept_for(q, start) for q in queries]
            since = self.since(kept, start)
            self.last_request = None
            if since is not None and since < end:
                self._refresh(kept, since, end)
            for k in kept:  # forget what fell out of the window (memory stays bounded)
                for ts in [ts for ts in k.points if ts < start]:
                    del k.points[ts]
                k.covered_from = max(k.covered_from, start)
            return [self._series(k, start, end) for k in kept]

    # --- internals ---------------------------------------------------------------------------------------------
    def _kept_for(self, query: MetricQuery, start: datetime) -> _Kept:
        found = self._kept.get(query.id)
        if found is None or found.query != query or start < found.covered_from:
            found = _Kept(query=query, covered_from=start)
            self._kept[query.id] = found
        return found

    @staticmethod
    def since(kept: Sequence[_Kept], start: datetime) -> datetime | None:
        """The StartTime for the next request: the earliest period any query still needs (None: no queries)."""
        needs = []
        for k in kept:
            cursor, period = k.cursor, k.query.period_seconds
            if cursor is not None:
                first = max(start, cursor + timedelta(seconds=period))
            elif k.checked_to is not None:  # nothing there yet: look again from the period that held the last end
                first = max(start, align_down(k.checked_to, period))
            else:
                first = start
            needs.append(max(start, align_down(first, period)))
        if not needs:
            return None
        # One request has one StartTime and CloudWatch counts every query's periods from it: a 5-minute series
        # asked from 12:07 comes back as 12:07, 12:12… So start on a boundary of the longest period; a per-minute
        # series may then get up to four of its points again (they overwrite the same values).
        longest = max(k.query.period_seconds for k in kept)
        return align_down(min(needs), longest)

    def _refresh(self, kept: Sequence[_Kept], since: datetime, end: datetime) -> None:
        bodies = [_body(k.query) for k in kept]
        self.last_request = (since, end, len(bodies))
        try:
            points, _dropped = get_metric_data(self.session, self.region, bodies, Window(start=since, end=end),
                                               label="monitor")
        except AwsProblem as problem:
            if problem.kind not in STALE_KINDS:
                raise
            self.last_problem = problem
            if self.stale_since is None:
                self.stale_since = self._clock()
            return
        for k in kept:
            for ts, value in points.get(k.query.id, ()):
                k.points[ts.astimezone(timezone.utc)] = value
            k.checked_to = end
        self.stale_since = None
        self.last_problem = None
        self.fetched_at = self._clock()

    def _series(self, k: _Kept, start: datetime, end: datetime) -> MetricSeries:
        q = k.query
        points = [{"timestamp": ts, "value": v} for ts, v in sorted(k.points.items()) if start <= ts < end]
        return MetricSeries.model_validate({
            "id": q.id, "namespace": q.namespace, "metric_name": q.metric_name, "dimensions": dict(q.dimensions),
            "stat": q.stat, "period_seconds": q.period_seconds, "unit": q.unit or "None", "points": points,
            "label": q.label or q.metric_name, "source": MetricSource.CLOUDWATCH, "fetched_at": self.fetched_at,
            "stale_since": self.stale_since})


def _body(q: MetricQuery) -> dict[str, Any]:
    return {"Id": q.id, "ReturnData": True, "MetricStat": {
        "Metric": {"Namespace": q.namespace, "MetricName": q.metric_name,
                   "Dimensions": [{"Name": n, "Value": v} for n, v in sorted(q.dimensions.items())]},
        "Period": q.period_seconds, "Stat": q.stat}}


def calls_per_refresh(query_count: int) -> int:
    """GetMetricData calls one refresh makes for ``query_count`` queries (before NextToken pages)."""
    return calls_needed(query_count)
