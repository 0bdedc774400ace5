"""Recording a monitor's fetches to a file, and answering fetches from such a file later (demos, bug reports,
tests that must not depend on an account).

A recording is JSON lines. Line 1 is a header::

    {"format": "lmi-workbench-metrics-recording", "version": 1, "created_at": "...", "source": "CloudWatch (…)",
     "meta": {...}}

and every later line is one ``fetch``: the window asked for (``start``, ``end``), when it happened (``at``), and
either the series it returned or the ``error`` it raised. Series are stored incrementally: each line holds only
the points that are new or changed since the previous lines (a 3-hour window refreshed every minute would
otherwise repeat the same points 180 times); ``problem`` keeps a source's stale-marker message (throttling,
expired credentials) when the source answered with stale series instead of raising.

``ReplaySource`` answers ``fetch(queries, start, end)`` as of a replay clock — ``as_of`` if set, else the
``end`` asked for: from every line recorded with ``end`` ≤ that time it merges the points (later lines win),
matches queries by what they ask (namespace, metric, dimensions, statistic, period — not by id, so prefixed
fleet ids replay too), and returns the points in ``[start, end)``. If the latest such line recorded an error, it
raises ``MetricsUnavailable`` with the recorded message, as the live source did.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from workbench.clock import system_now
from workbench.metrics.source import MetricQuery, MetricsSource, MetricsUnavailable, check_window
from workbench.models import MetricSeries
from workbench.models._base import UtcDateTime
from workbench.models.metrics import MetricSource

FORMAT = "lmi-workbench-metrics-recording"
VERSION = 1

Signature = tuple[str, str, tuple[tuple[str, str], ...], str, int]


def signature(item: MetricQuery | MetricSeries) -> Signature:
    """What a query asks CloudWatch for, independent of its id and label."""
    return (item.namespace, item.metric_name, tuple(sorted(item.dimensions.items())), item.stat,
            item.period_seconds)


class RecordingError(ValueError):
    """A recording that cannot be read; the message names the file and the line."""


class _Header(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: str
    version: int
    created_at: UtcDateTime
    source: str = ""
    meta: dict[str, Any] = Field(default_factory=dict)


class _Fetch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    at: UtcDateTime
    start: UtcDateTime
    end: UtcDateTime
    series: list[MetricSeries] = Field(default_factory=list)
    error: str | None = None
    problem: str | None = None

    @model_validator(mode="after")
    def _window(self) -> "_Fetch":
        if self.end <= self.start:
            raise ValueError(f"end ({self.end.isoformat()}) must be after start ({self.start.isoformat()})")
        if self.error is not None and self.series:
            raise ValueError("a line holds either series or an error, not both")
        return self


@dataclass(frozen=True)
class RecordedFetch:
    """One fetch as recorded (``series`` hold only the points new at that fetch)."""

    line: int
    at: datetime
    start: datetime
    end: datetime
    series: tuple[MetricSeries, ...]
    error: str | None
    problem: str | None


@dataclass(frozen=True)
class Recording:
    path: Path
    created_at: datetime
    source: str
    meta: dict[str, Any]
    fetches: tuple[RecordedFetch, ...] = field(default_factory=tuple)

    @property
    def ends(self) -> list[datetime]:
        """The ``end`` of every recorded fetch, in file order (the moments a replay can be shown at)."""
        return [f.end for f in self.fetches]


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ()))
    message = str(first.get("msg", "")).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def load_recording(path: Path | str) -> Recording:
    """Read a recording; RecordingError naming the file and line for anything malformed or cut short."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise RecordingError(f"{path}: cannot read the recording ({error.strerror or error})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line_number = raw[:error.start].count(b"\n") + 1
        raise RecordingError(f"{path} line {line_number}: not UTF-8 text; is this a metrics recording?") from None
    if not text.strip():
        raise RecordingError(f"{path}: the file is empty, not a metrics recording")
    lines = text.split("\n")
    cut_short = len(lines) if not text.endswith("\n") else None  # a last line without its newline
    header: _Header | None = None
    fetches: list[RecordedFetch] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            if number == cut_short:
                raise RecordingError(f"{path} line {number}: the line is cut short (the recording was interrupted "
                                     f"while writing); delete that line to replay the rest") from None
            raise RecordingError(f"{path} line {number}: not valid JSON ({error.msg} at column {error.colno})"
                                 ) from None
        if not isinstance(data, dict):
            raise RecordingError(f"{path} line {number}: expected a JSON object, found {type(data).__name__}")
        if header is None:
            if data.get("format") != FORMAT:
                raise RecordingError(f"{path} line {number}: not a metrics recording (the first line must be a "
                                     f"header with \"format\": \"{FORMAT}\")")
            try:
                header = _Header.model_validate(data)
            except ValidationError as error:
                raise RecordingError(f"{path} line {number}: header {_first_error(error)}") from None
            if header.version > VERSION:
                raise RecordingError(f"{path} line {number}: recording format version {header.version} is newer "
                                     f"than this release reads ({VERSION}); update lmi-workbench")
            if header.version < 1:
                raise RecordingError(f"{path} line {number}: version must be 1 or more (got {header.version})")
            continue
        try:
            fetch = _Fetch.model_validate(data)
        except ValidationError as error:
            raise RecordingError(f"{path} line {number}: {_first_error(error)}") from None
        fetches.append(RecordedFetch(line=number, at=fetch.at, start=fetch.start, end=fetch.end,
                                     series=tuple(fetch.series), error=fetch.error, problem=fetch.problem))
    assert header is not None  # the text is not blank, so some line was read
    return Recording(path=path, created_at=header.created_at, source=header.source, meta=dict(header.meta),
                     fetches=tuple(fetches))


def _utc_now() -> datetime:
    return system_now()


class RecordingSource:
    """A ``MetricsSource`` that passes every fetch to ``inner`` and appends what came back to ``path``.

    An existing recording is continued (its header is checked first, so a file that is not a recording is never
    written to); a new file starts with a header carrying ``meta`` (e.g. the monitor target).
    """

    def __init__(self, inner: MetricsSource, path: Path, *, meta: dict[str, Any] | None = None) -> None:
        self.inner = inner
        self.path = Path(path)
        self.name = f"{inner.name}, recording to {self.path.name}"
        self._lock = threading.Lock()
        self._written: dict[Signature, dict[datetime, float]] = {}
        if self.path.exists() and self.path.stat().st_size > 0:
            existing = load_recording(self.path)
            for fetch in existing.fetches:
                self._remember(fetch.series)
        else:
            header = {"format": FORMAT, "version": VERSION, "created_at": _utc_now().isoformat(),
                      "source": inner.name, "meta": meta or {}}
            try:
                with self.path.open("w", encoding="utf-8") as out:
                    out.write(json.dumps(header) + "\n")
            except OSError as error:
                raise RecordingError(f"{self.path}: cannot write the recording ({error.strerror or error})"
                                     ) from None

    @property
    def last_problem(self) -> Any:
        """The wrapped source's stale-marker problem, if it has one."""
        return getattr(self.inner, "last_problem", None)

    def _remember(self, series: Sequence[MetricSeries]) -> None:
        for s in series:
            kept = self._written.setdefault(signature(s), {})
            for p in s.points:
                kept[p.timestamp] = p.value

    def _append(self, line: dict[str, Any]) -> None:
        try:
            with self.path.open("a", encoding="utf-8") as out:
                out.write(json.dumps(line, separators=(",", ":")) + "\n")
        except OSError as error:
            raise RecordingError(f"{self.path}: cannot append to the recording ({error.strerror or error})"
                                 ) from None

    def fetch(self, queries: Sequence[MetricQuery], start: datetime, end: datetime) -> list[MetricSeries]:
        from workbench.aws.errors import AwsProblem

        start, end = check_window(start, end)
        at = _utc_now()
        try:
            series = self.inner.fetch(queries, start, end)
        except (MetricsUnavailable, AwsProblem) as error:
            with self._lock:
                self._append({"at": at.isoformat(), "start": start.isoformat(), "end": end.isoformat(),
                              "error": str(error)})
            raise
        with self._lock:
            stored = []
            for s in series:
                kept = self._written.get(signature(s), {})
                fresh = [p for p in s.points if kept.get(p.timestamp) != p.value]
                stored.append(s.model_copy(update={"points": fresh}).model_dump(mode="json"))
            self._remember(series)
            stale = any(s.stale_since is not None for s in series)
            problem = getattr(self.last_problem, "message", None) or (str(self.last_problem)
                                                                      if self.last_problem else None)
            self._append({"at": at.isoformat(), "start": start.isoformat(), "end": end.isoformat(),
                          "series": stored, "problem": problem if stale else None})
        return series


class ReplaySource:
    """A ``MetricsSource`` that answers from a recording, as of a replay clock (``as_of``, else each request's
    ``end``). RecordingError from the constructor when the file cannot be read."""

    def __init__(self, path: Path, *, as_of: datetime | None = None) -> None:
        self.recording = load_recording(path)
        self.path = Path(path)
        self.name = f"replay of {self.path.name}"
        self.as_of = as_of
        self.last_problem: MetricsUnavailable | None = None

    def fetch(self, queries: Sequence[MetricQuery], start: datetime, end: datetime) -> list[MetricSeries]:
        start, end = check_window(start, end)
        clock = (self.as_of or end).astimezone(timezone.utc)
        upto = [f for f in self.recording.fetches if f.end <= clock]
        if not upto:
            first = min(self.recording.ends, default=None)
            when = f"its first fetch ends {first.isoformat()}" if first else "it holds no fetches"
            raise MetricsUnavailable(f"the recording {self.path.name} has nothing at or before {clock.isoformat()} "
                                     f"({when})")
        latest = upto[-1]
        if latest.error is not None:
            self.last_problem = MetricsUnavailable(latest.error)
            raise MetricsUnavailable(latest.error)
        self.last_problem = MetricsUnavailable(latest.problem) if latest.problem else None
        merged: dict[Signature, dict[datetime, float]] = {}
        meta: dict[Signature, MetricSeries] = {}
        for f in upto:
            for s in f.series:
                key = signature(s)
                merged.setdefault(key, {}).update((p.timestamp, p.value) for p in s.points)
                meta[key] = s
        hi = min(end, clock)
        in_latest = {signature(s) for s in latest.series}
        out = []
        for q in queries:
            key = signature(q)
            points = [{"timestamp": ts, "value": v} for ts, v in sorted(merged.get(key, {}).items())
                      if start <= ts < hi]
            recorded = meta.get(key)
            out.append(MetricSeries.model_validate({
                "id": q.id, "namespace": q.namespace, "metric_name": q.metric_name,
                "dimensions": dict(q.dimensions), "stat": q.stat, "period_seconds": q.period_seconds,
                "unit": q.unit or (recorded.unit if recorded else "None"), "points": points,
                "label": q.label or q.metric_name, "source": MetricSource.REPLAY,
                "fetched_at": recorded.fetched_at if recorded else None,
                "stale_since": recorded.stale_since if recorded is not None and key in in_latest else None}))
        return out
