"""A monitor session: refresh the target's series from a source, evaluate the thresholds, and say how fresh
it all is. ``FleetMonitor`` does the same for many targets with one fetch.

* The window ends at ``now`` rounded down to the LMI period (5 minutes: LMI metrics are published per 5
  minutes, and a StartTime on a 5-minute boundary keeps CloudWatch's 5-minute buckets aligned) and spans
  ``range_`` (one of ``RANGES``). The thresholds read the last ``window`` (15 minutes) of it.
* ``refresh`` never raises for AWS trouble: when the source raises ``MetricsUnavailable`` or ``AwsProblem``, the
  snapshot keeps the last good series, ``stale_since`` is the time of the first failed refresh and ``error``
  says what failed; the next good refresh clears both. A source that answers with stale series (the CloudWatch
  source after throttling or expired credentials) gives ``stale_since`` from its series and ``error`` from its
  ``last_problem``.
* ``refresh`` makes blocking calls (the CloudWatch source): run it in a worker thread, never on the UI loop.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from workbench.aws.errors import AwsProblem
from workbench.clock import system_now
from workbench.lmi_facts import LMI_METRIC_PERIOD_S
from workbench.metrics.source import MetricQuery, MetricsSource, MetricsUnavailable, align_down
from workbench.models import MetricSeries
from workbench.monitor.replay import signature
from workbench.monitor.targets import MonitorTarget
from workbench.monitor.thresholds import DEFAULT_WINDOW, ThresholdState, ThresholdStatus, evaluate, overall

RANGES: tuple[timedelta, ...] = (timedelta(hours=1), timedelta(hours=3), timedelta(hours=12), timedelta(hours=24),
                                 timedelta(days=3), timedelta(days=7))
DEFAULT_RANGE = timedelta(hours=3)
REFRESH_SECONDS = 60  # how often the monitor refreshes (the headless command and the pane)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


@dataclass(frozen=True)
class MonitorSnapshot:
    """What one refresh found for one target."""

    target: MonitorTarget
    series: dict[str, MetricSeries]     # by catalogue query id
    statuses: list[ThresholdStatus]
    fetched_at: datetime                # when this refresh ran
    stale_since: datetime | None        # oldest stale_since among series, or when the source failed
    last_datapoint: datetime | None     # newest good datapoint across LMI series
    error: str | None                   # the MetricsUnavailable/AwsProblem message, if this refresh failed
    window_end: datetime | None = None  # the end of the range fetched (now, rounded down to 5 minutes)
    range_: timedelta = DEFAULT_RANGE
    window: timedelta = DEFAULT_WINDOW
    source: str = ""                    # the source's name

    @property
    def state(self) -> ThresholdState:
        """BREACH if any threshold breaches, NO_DATA if any has no data, else OK."""
        return overall(self.statuses)

    @property
    def stale(self) -> bool:
        return self.stale_since is not None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (for scripts): the target, the freshness, every status; not the series themselves."""
        return {
            "target": self.target.to_dict(), "source": self.source, "state": self.state.value,
            "fetched_at": _iso(self.fetched_at), "window_end": _iso(self.window_end),
            "window_minutes": int(self.window.total_seconds() // 60),
            "range_hours": self.range_.total_seconds() / 3600, "stale_since": _iso(self.stale_since),
            "last_datapoint": _iso(self.last_datapoint), "error": self.error,
            "statuses": [{"name": s.name, "title": s.title, "state": s.state.value, "observed": s.observed,
                          "threshold": s.threshold, "comparison": s.comparison, "unit": s.unit,
                          "metric": s.metric, "detail": s.detail, "advice": s.advice,
                          "last_datapoint": _iso(s.last_datapoint)} for s in self.statuses],
        }


def _check_range(value: timedelta) -> timedelta:
    if value not in RANGES:
        allowed = ", ".join(_range_text(r) for r in RANGES)
        raise ValueError(f"range_ must be one of {allowed} (got {value})")
    return value


def _range_text(value: timedelta) -> str:
    hours = int(value.total_seconds() // 3600)
    return f"{hours // 24}d" if hours % 24 == 0 and hours >= 72 else f"{hours}h"


def _problem_text(source: MetricsSource) -> str | None:
    problem = getattr(source, "last_problem", None)
    if problem is None:
        return None
    return getattr(problem, "message", None) or str(problem)


class _Refresher:
    """One stream of fetches from a source: the window, the last good answer, the first failure's time."""

    def __init__(self, source: MetricsSource, range_: timedelta, window: timedelta) -> None:
        if window <= timedelta(0):
            raise ValueError(f"window must be positive (got {window})")
        self.source = source
        self.range_ = _check_range(range_)
        self.window = window
        self._good: dict[str, MetricSeries] = {}
        self._failed_since: datetime | None = None
        self._lock = threading.Lock()

    def run(self, queries: Sequence[MetricQuery], now: datetime | None
            ) -> tuple[datetime, datetime, dict[str, MetricSeries], datetime | None, str | None]:
        """(now, end, series by fetched id, stale_since, error)."""
        now = now or system_now()
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware (UTC); got a naive datetime")
        now = now.astimezone(timezone.utc)
        end = align_down(now, LMI_METRIC_PERIOD_S)
        with self._lock:
            try:
                got = self.source.fetch(queries, end - self.range_, end)
            except (MetricsUnavailable, AwsProblem) as problem:
                if self._failed_since is None:
                    self._failed_since = now
                wanted, start = {q.id for q in queries}, end - self.range_
                kept = {qid: s.model_copy(update={"points": [p for p in s.points if start <= p.timestamp < end]})
                        for qid, s in self._good.items() if qid in wanted}  # as a stale source keeps them
                marks = [s.stale_since for s in kept.values() if s.stale_since] + [self._failed_since]
                return now, end, kept, min(marks), str(problem)
            self._failed_since = None
            series = {s.id: s for s in got}
            self._good = series
        marks = [s.stale_since for s in got if s.stale_since is not None]
        stale = min(marks) if marks else None
        return now, end, series, stale, (_problem_text(self.source) or "the source marked the data stale"
                                         ) if stale else None


def _snapshot(target: MonitorTarget, queries: Sequence[MetricQuery], series: dict[str, MetricSeries],
              now: datetime, end: datetime, stale: datetime | None, error: str | None,
              refresher: _Refresher) -> MonitorSnapshot:
    lmi = {q.id for q in queries if q.target == "lmi"}
    stamps = [s.points[-1].timestamp for qid, s in series.items() if qid in lmi and s.points]
    return MonitorSnapshot(target=target, series=series, statuses=evaluate(series, now=end, window=refresher.window),
                           fetched_at=now, stale_since=stale, last_datapoint=max(stamps) if stamps else None,
                           error=error, window_end=end, range_=refresher.range_, window=refresher.window,
                           source=refresher.source.name)


class _Watching:
    """What a single session and a fleet share: the source, the time range (settable) and the evaluation
    window, all held by their refresher."""

    _refresher: _Refresher

    @property
    def source(self) -> MetricsSource:
        return self._refresher.source

    @property
    def range_(self) -> timedelta:
        return self._refresher.range_

    @range_.setter
    def range_(self, value: timedelta) -> None:
        self._refresher.range_ = _check_range(value)

    @property
    def window(self) -> timedelta:
        return self._refresher.window


class MonitorSession(_Watching):
    """Refreshes one target's series from ``source`` and evaluates the thresholds."""

    def __init__(self, source: MetricsSource, target: MonitorTarget, *, range_: timedelta = DEFAULT_RANGE,
                 window: timedelta = DEFAULT_WINDOW) -> None:
        self.target = target
        self.queries = target.queries()
        self._refresher = _Refresher(source, range_, window)
        self.last: MonitorSnapshot | None = None

    def refresh(self, now: datetime | None = None) -> MonitorSnapshot:
        now, end, series, stale, error = self._refresher.run(self.queries, now)
        self.last = _snapshot(self.target, self.queries, series, now, end, stale, error, self._refresher)
        return self.last


@dataclass
class _Member:
    target: MonitorTarget
    queries: list[MetricQuery]
    fetched_ids: dict[str, str] = field(default_factory=dict)  # catalogue id → id in the shared fetch


class FleetMonitor(_Watching):
    """Many targets, one fetch per refresh (one GetMetricData call for up to 500 queries).

    Query ids are prefixed per target (``f03_ee_cpu``) so they are unique in the shared fetch; a query two
    targets share (the same capacity provider) is fetched once. Each snapshot carries the catalogue ids, so
    ``thresholds.evaluate`` reads it like a single target's.
    """

    def __init__(self, source: MetricsSource, targets: Sequence[MonitorTarget], *,
                 range_: timedelta = DEFAULT_RANGE, window: timedelta = DEFAULT_WINDOW) -> None:
        names = [t.function_name for t in targets]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ValueError(f"each function can be watched once in a fleet (repeated: {', '.join(repeated)})")
        self._refresher = _Refresher(source, range_, window)
        self.members: list[_Member] = []
        self.queries: list[MetricQuery] = []
        by_signature: dict[tuple, str] = {}
        width = max(2, len(str(max(0, len(targets) - 1))))
        for n, target in enumerate(targets):
            member = _Member(target, target.queries())
            for q in member.queries:
                key = signature(q)
                fetched = by_signature.get(key)
                if fetched is None:
                    fetched = f"f{n:0{width}d}_{q.id}"
                    by_signature[key] = fetched
                    self.queries.append(q.model_copy(update={"id": fetched}))
                member.fetched_ids[q.id] = fetched
            self.members.append(member)
        self.last: dict[str, MonitorSnapshot] = {}


    @property
    def targets(self) -> list[MonitorTarget]:
        return [m.target for m in self.members]

    def refresh(self, now: datetime | None = None) -> dict[str, MonitorSnapshot]:
        """One fetch for every target; the snapshots keyed by function name."""
        now, end, fetched, stale, error = self._refresher.run(self.queries, now)
        out: dict[str, MonitorSnapshot] = {}
        for m in self.members:
            series = {qid: fetched[fid].model_copy(update={"id": qid})
                      for qid, fid in m.fetched_ids.items() if fid in fetched}
            out[m.target.function_name] = _snapshot(m.target, m.queries, series, now, end, stale, error,
                                                    self._refresher)
        self.last = out
        return out
