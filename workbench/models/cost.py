"""The cost comparison between standard Lambda and LMI scenarios (written by the cost engine)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from workbench.models._base import Doc, Part, Range, UtcDateTime, utc_now

Usd = Annotated[float, Range(0, None, "USD")]


class CostScenario(Part):
    """One way of running the workload and what it costs per month and per year."""

    name: str = Field(min_length=1, max_length=80,
                      description="e.g. 'Standard Lambda', 'LMI on-demand', 'LMI + Compute SP 3yr'")
    monthly_usd: Usd = Field(description="Total cost per month, USD")
    yearly_usd: Usd | None = Field(default=None, description="Total cost per year, USD (12 × monthly if omitted)")
    line_items: dict[str, float] = Field(
        default_factory=dict,
        description="Monthly USD per line (requests, duration, EC2, management fee…); discounts are negative")
    instance_type: str | None = Field(default=None, description="EC2 instance type for LMI scenarios")
    instance_count: Annotated[int | None, Range(0, 100_000, "instances")] = Field(
        default=None, description="Instances running on average")
    notes: list[str] = Field(default_factory=list, description="Assumptions behind this scenario")

    @model_validator(mode="after")
    def _totals(self) -> "CostScenario":
        if self.yearly_usd is None:
            object.__setattr__(self, "yearly_usd", round(self.monthly_usd * 12, 2))
        if self.line_items:
            total = sum(self.line_items.values())
            tolerance = 0.01 * max(1, len(self.line_items))  # items rounded to cents
            if abs(total - self.monthly_usd) > tolerance:
                raise ValueError(f"line_items of scenario {self.name!r} add up to {total:,.2f} USD but monthly_usd "
                                 f"is {self.monthly_usd:,.2f} USD")
        return self


class CostComparison(Doc):
    """Standard Lambda against LMI for one workload, with the cheapest scenario and a recommendation."""

    KIND: ClassVar[str] = "cost"
    MERGE_BY_FIELD: ClassVar[bool] = False  # computed as one whole: a stale save is a conflict

    workload_id: str = Field(default="default", description="Id of the Workload compared")
    workload_version: int | None = Field(default=None, description="Store version of that Workload")
    region: str | None = Field(default=None, description="Region whose prices were used")
    scenarios: list[CostScenario] = Field(min_length=1, description="Every scenario compared")
    cheapest: str | None = Field(default=None, description="Name of the cheapest scenario (filled in if omitted)")
    break_even_requests_per_month: Annotated[int | None, Range(0, 10**13, "requests/month")] = Field(
        default=None, description="Requests per month above which LMI costs less (blank if it never does)")
    pricing_source: str = Field(min_length=1, max_length=500, description="Where the prices came from")
    pricing_date: date = Field(description="Date of the price data")
    model: Literal["workbench", "aws-sample"] = Field(
        default="workbench", description="Cost model: the workbench's own or the aws-samples calculator's")
    recommendation: str = Field(default="", max_length=1000, description="One line: what the numbers suggest")
    inputs_summary: dict[str, str] = Field(default_factory=dict,
                                           description="The inputs used, label → value with unit")
    computed_at: UtcDateTime = Field(default_factory=utc_now, description="When the comparison was computed (UTC)")

    @model_validator(mode="after")
    def _cheapest(self) -> "CostComparison":
        names = [s.name for s in self.scenarios]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"scenarios must have unique names (repeated: {', '.join(dupes)})")
        lowest = min(self.scenarios, key=lambda s: s.monthly_usd)
        if self.cheapest is None:
            object.__setattr__(self, "cheapest", lowest.name)
        elif self.cheapest not in names:
            raise ValueError(f"cheapest ({self.cheapest!r}) must name one of the scenarios: {', '.join(names)}")
        elif self.scenario(self.cheapest).monthly_usd > lowest.monthly_usd + 0.005:
            raise ValueError(f"cheapest is {self.cheapest!r} but {lowest.name!r} costs less "
                             f"({lowest.monthly_usd:,.2f} USD/month)")
        return self

    def scenario(self, name: str) -> CostScenario:
        for s in self.scenarios:
            if s.name == name:
                return s
        raise KeyError(name)

    @property
    def cheapest_scenario(self) -> CostScenario:
        return self.scenario(self.cheapest or "")
