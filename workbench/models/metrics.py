"""CloudWatch-style metric series, whatever produced them (CloudWatch, the simulator, a replay file)."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import ClassVar

from pydantic import Field, field_validator, model_validator

from workbench.models._base import Doc, Part, UtcDateTime

# CloudWatch StandardUnit values (PutMetricData / GetMetricStatistics API reference).
CLOUDWATCH_UNITS = frozenset({
    "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
    "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second",
    "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second",
    "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None",
})
STAT_PATTERN = r"^(SampleCount|Average|Sum|Minimum|Maximum|p(\d{1,2}(\.\d{1,2})?|100))$"
_STAT = re.compile(STAT_PATTERN)


class MetricSource(StrEnum):
    CLOUDWATCH = "cloudwatch"
    SIMULATED = "simulated"
    REPLAY = "replay"


def check_period(period_seconds: int, field: str = "period_seconds") -> int:
    """CloudWatch periods: 1, 5, 10 or 30 s (high resolution) or a multiple of 60 s."""
    if period_seconds in (1, 5, 10, 30) or (period_seconds > 0 and period_seconds % 60 == 0):
        return period_seconds
    raise ValueError(f"{field} must be 1, 5, 10, 30 or a multiple of 60 seconds (got {period_seconds})")


def check_stat(stat: str, field: str = "stat") -> str:
    if not _STAT.match(stat):
        raise ValueError(f"{field} must be Sum, Average, Minimum, Maximum, SampleCount or a percentile such as "
                         f"p99 (got {stat!r})")
    return stat


class MetricPoint(Part):
    timestamp: UtcDateTime = Field(description="Start of the period this value covers (UTC)")
    value: float = Field(description="The statistic's value over the period, in the series' unit")


class MetricSeries(Doc):
    """One metric's values over time (the id is the query id that produced it)."""

    KIND: ClassVar[str] = "metric-series"
    MERGE_BY_FIELD: ClassVar[bool] = False  # computed as one whole: a stale save is a conflict

    namespace: str = Field(min_length=1, max_length=255, description="CloudWatch namespace, e.g. AWS/Lambda")
    metric_name: str = Field(min_length=1, max_length=255, description="e.g. Invocations, CPUUtilization")
    dimensions: dict[str, str] = Field(default_factory=dict, max_length=30,
                                       description="Dimension name → value, e.g. FunctionName, Resource")
    stat: str = Field(description="Sum, Average, Maximum, Minimum, SampleCount or a percentile (p99)")
    period_seconds: int = Field(description="Length of one point, seconds (LMI metrics 300, standard Lambda 60)")
    unit: str = Field(default="None", description="CloudWatch unit: Count, Percent, Milliseconds, Bytes…")
    points: list[MetricPoint] = Field(default_factory=list, description="Values in time order, oldest first")
    label: str = Field(default="", max_length=200, description="Name to show on the chart")
    source: MetricSource = Field(description="cloudwatch, simulated or replay")
    fetched_at: UtcDateTime | None = Field(default=None, description="When these values were read (UTC)")
    stale_since: UtcDateTime | None = Field(
        default=None, description="Set when refreshing failed: the values are from before this time (UTC)")

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
    def _unit(cls, value: str) -> str:
        if value not in CLOUDWATCH_UNITS:
            raise ValueError(f"unit must be a CloudWatch unit such as Count, Percent or Milliseconds (got {value!r})")
        return value

    @model_validator(mode="after")
    def _ordered(self) -> "MetricSeries":
        for before, after in zip(self.points, self.points[1:]):
            if after.timestamp <= before.timestamp:
                raise ValueError(f"points must be in strictly increasing time order "
                                 f"({after.timestamp.isoformat()} follows {before.timestamp.isoformat()})")
        return self

    @property
    def values(self) -> list[float]:
        return [p.value for p in self.points]

    @property
    def latest(self) -> MetricPoint | None:
        return self.points[-1] if self.points else None

    @property
    def stale(self) -> bool:
        return self.stale_since is not None
