"""What the workbench read from an AWS account, kept in the session's store so every pane and partner sees it:
a Region's function list (the import picker) and a fleet triage (every function ranked)."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field

from workbench.models._base import Doc, UtcDateTime, utc_now


class FunctionListing(Doc):
    """The functions of one Region, as listed for the import picker."""

    KIND: ClassVar[str] = "aws-functions"
    MERGE_BY_FIELD: ClassVar[bool] = False  # computed as one whole: a stale save is a conflict

    region: str = Field(min_length=1, max_length=40, description="Region listed")
    name_filter: str = Field(default="", max_length=200, description="The filter the list was made with")
    seen: int = Field(default=0, ge=0, description="Functions in the Region before the filter")
    functions: list[dict[str, Any]] = Field(default_factory=list,
                                            description="name, runtime, memory_mb, architecture, last_modified")
    listed_at: UtcDateTime = Field(default_factory=utc_now, description="When (UTC)")


class TriageReport(Doc):
    """Every function of one or more Regions, ranked by estimated LMI saving and fit."""

    KIND: ClassVar[str] = "triage"
    MERGE_BY_FIELD: ClassVar[bool] = False  # computed as one whole: a stale save is a conflict

    regions: list[str] = Field(default_factory=list, description="Regions triaged")
    days: int = Field(default=14, ge=1, le=455, description="Days of CloudWatch history read")
    rows: list[dict[str, Any]] = Field(default_factory=list, description="One row per function")
    problems: dict[str, str] = Field(default_factory=dict, description="Region -> why it could not be read")
    get_metric_data_calls: int = Field(default=0, ge=0, description="GetMetricData calls the triage made")
    computed_at: UtcDateTime = Field(default_factory=utc_now, description="When (UTC)")
