"""What the monitor asks for (``MetricQuery``) and what answers it (a ``MetricsSource``).

A source turns queries into ``MetricSeries`` documents: one per query, in query order, ``id`` = the query's id,
points at the period starts from ``start`` (inclusive) to ``end`` (exclusive), oldest first. Sources: the
deterministic simulator here, the CloudWatch source (batched GetMetricData) in ``workbench/aws/``, and a replay
source. A source that cannot answer raises ``MetricsUnavailable`` with a message for the status bar.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field, field_validator

from workbench.models import MetricSeries
from workbench.models.metrics import CLOUDWATCH_UNITS, check_period, check_stat

_QUERY_ID = re.compile(r"^[a-z][a-zA-Z0-9_]{0,254}$")  # GetMetricData MetricDataQuery.Id rule

Target = Literal["lmi", "standard", "capacity-provider"]


class MetricsUnavailable(Exception):
    """The source could not answer (no credentials, throttled, network down); the message says which."""


class MetricQuery(BaseModel):
    """One metric to fetch: a CloudWatch MetricStat with an id and a label."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="Query id: starts with a lowercase letter; letters, digits, underscores")
    namespace: str = Field(min_length=1, max_length=255, description="e.g. AWS/Lambda")
    metric_name: str = Field(min_length=1, max_length=255, description="e.g. ExecutionEnvironmentCPUUtilization")
    dimensions: dict[str, str] = Field(default_factory=dict, max_length=30, description="Dimension name → value")
    stat: str = Field(default="Average", description="Sum, Average, Maximum, Minimum, SampleCount or pNN")
    period_seconds: int = Field(default=300, description="Seconds per point (LMI metrics 300, standard 60)")
    unit: str | None = Field(default=None, description="CloudWatch unit of the values, if known")
    label: str = Field(default="", max_length=200, description="Name to show on the chart")
    target: Target | None = Field(
        default=None, description="Which side of the migration the series describes (for grouping; CloudWatch "
                                  "ignores it)")

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _QUERY_ID.match(value):
            raise ValueError(f"id must start with a lowercase letter and hold only letters, digits and "
                             f"underscores (got {value!r})")
        return value

    @field_validator("stat")
    @classmethod
    def _stat(cls, value: str) -> str:
        return check_stat(value)

    @field_validator("period_seconds")
    @classmethod
    def _period(cls, value: int) -> int:
        return check_period(value)

    @field_validator("unit")
    @classmethod
    def _unit(cls, value: str | None) -> str | None:
        if value is not None and value not in CLOUDWATCH_UNITS:
            raise ValueError(f"unit must be a CloudWatch unit such as Count or Percent (got {value!r})")
        return value

    def dimension_key(self) -> str:
        """The dimensions as one stable string (sorted), for hashing and display."""
        return ",".join(f"{k}={v}" for k, v in sorted(self.dimensions.items()))


@runtime_checkable
class MetricsSource(Protocol):
    """Anything that answers metric queries over a time window."""

    name: str

    def fetch(self, queries: Sequence[MetricQuery], start: datetime, end: datetime) -> list[MetricSeries]:
        """One series per query, in order; points at period starts in [start, end)."""
        ...


def check_window(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """Both ends timezone-aware, start before end; returned in UTC."""
    for name, value in (("start", start), ("end", end)):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"{name} must be timezone-aware (UTC); got a naive datetime")
    start, end = start.astimezone(timezone.utc), end.astimezone(timezone.utc)
    if end <= start:
        raise ValueError(f"end ({end.isoformat()}) must be after start ({start.isoformat()})")
    return start, end


def align_down(moment: datetime, period_seconds: int) -> datetime:
    """The start of the period that holds ``moment`` (periods counted from the Unix epoch, UTC)."""
    seconds = math.floor(moment.timestamp() / period_seconds) * period_seconds
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def period_starts(start: datetime, end: datetime, period_seconds: int) -> list[datetime]:
    """Every period start t with start ≤ t < end."""
    first = align_down(start, period_seconds)
    if first < start:
        first += timedelta(seconds=period_seconds)
    count = max(0, math.ceil((end - first).total_seconds() / period_seconds))
    return [first + timedelta(seconds=i * period_seconds) for i in range(count)]
