"""The cutover: shifting traffic from the old function to the LMI version in steps, with gates."""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from workbench.models._base import Doc, Part, Range, UtcDateTime


class ShiftMechanism(StrEnum):
    WEIGHTED_ALIAS = "weighted-alias"
    API_GATEWAY_CANARY = "api-gateway-canary"
    EVENT_SOURCE_MAPPING = "event-source-mapping"
    ROUTER = "router"

    @property
    def caveat(self) -> str | None:
        if self is ShiftMechanism.WEIGHTED_ALIAS:
            return ("Newer AWS text says weighted alias routing between an LMI version and a non-LMI version is "
                    "not supported; shift at the invocation source instead if the alias update is refused.")
        return None


class CutoverStatus(StrEnum):
    PLANNED = "planned"
    SHIFTING = "shifting"
    BAKING = "baking"
    HOLDING = "holding"
    ROLLED_BACK = "rolled-back"
    COMPLETE = "complete"


class CutoverStep(Part):
    traffic_pct: Annotated[float, Range(0.01, 100, "%")] = Field(description="Share of traffic on LMI in this step")
    bake_minutes: Annotated[int, Range(0, 20_160, "minutes")] = Field(
        description="How long to watch before the next step (at most two weeks)")


class CutoverSource(Part):
    """What the shift acts on: the invocation source's identifiers and what they pointed at before the cutover.

    Only the fields of the chosen mechanism are used: API Gateway (REST API id, stage, the stage variable the
    integration URI reads), event source mappings (their UUIDs and original targets) or an alias (its name and
    the version it served before).
    """

    region: str | None = Field(
        title="Region", default=None, max_length=40, description="Region of the source (blank = session's)")
    description: str = Field(
        title="Source", default="", max_length=500, description="The source in words, e.g. SQS queue orders")
    rest_api_id: str | None = Field(
        title="REST API", default=None, max_length=40, description="API Gateway REST API id")
    stage_name: str | None = Field(title="Stage", default=None, max_length=128, description="API Gateway stage")
    stage_variable: str | None = Field(title="Stage variable", default=None, max_length=64,
                                       description="Stage variable naming the function in the integration URI")
    stage_variable_original: str | None = Field(title="Stage variable before", default=None, max_length=2048,
                                                description="Its value before the cutover (what rollback restores)")
    stage_variable_new: str | None = Field(title="Stage variable on LMI", default=None, max_length=2048,
                                           description="Its value pointing at the LMI alias (blank = derived)")
    api_source_arn: str | None = Field(title="API source ARN", default=None, max_length=2048,
                                       description="execute-api ARN allowed to invoke the old function")
    grant_invoke_permission: bool = Field(title="Grant invoke permission", default=False,
                                          description="Add lambda:InvokeFunction for API Gateway on the LMI alias "
                                                      "before the first step")
    canary_deployment_id: str | None = Field(title="Canary deployment", default=None, max_length=40,
                                             description="Deployment created for the canary (set by the first step)")
    event_source_arn: str | None = Field(
        title="Event source", default=None, max_length=2048, description="Queue or stream ARN")
    esm_uuids: list[str] = Field(
        title="Event source mappings", default_factory=list, max_length=100, description="Event source mapping UUIDs")
    esm_original_functions: dict[str, str] = Field(
        title="Mappings' targets before", default_factory=dict,
        description="Mapping UUID → the FunctionArn it invoked before (rollback target)")
    esm_switched: list[str] = Field(title="Mappings on LMI", default_factory=list, max_length=100,
                                    description="Mapping UUIDs that invoke the LMI alias now (what rollback undoes)")
    alias_name: str | None = Field(
        title="Alias", default=None, max_length=128, description="Alias whose routing is weighted")
    alias_old_version: str | None = Field(title="Alias's version before", default=None, pattern=r"^\d{1,10}$",
                                          description="Version the alias served before the cutover")


class CutoverCall(Part):
    """One AWS call of a decision, with its parameters exactly as sent and what happened."""

    service: str = Field(pattern=r"^[a-z0-9-]{2,40}$", description="AWS service, e.g. lambda, apigateway")
    operation: str = Field(pattern=r"^[A-Z][A-Za-z0-9]{1,80}$", description="API operation, e.g. UpdateAlias")
    parameters: dict[str, Any] = Field(default_factory=dict, description="The request parameters")
    why: str = Field(default="", max_length=500, description="What the call does, in words")
    status: Literal["done", "failed", "not-run"] = Field(default="not-run", description="done, failed or not-run")
    outcome: str = Field(default="", max_length=2000, description="What AWS answered, or the error in words")

    @field_validator("parameters")
    @classmethod
    def _json(cls, value: dict[str, Any]) -> dict[str, Any]:
        try:
            json.dumps(value)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"parameters must be JSON-serialisable ({exc})") from None
        return value


class CutoverDecision(Part):
    """A decision the team took (start, forward, hold, rollback, complete), who took it and how it went."""

    decision: Literal["start", "forward", "hold", "rollback", "complete"] = Field(description="What was decided")
    from_step: int | None = Field(default=None, ge=0, description="Step in effect before (blank = none)")
    to_step: int | None = Field(default=None, ge=0, description="Step in effect after, if it went through")
    author: str = Field(min_length=1, max_length=200, description="Who proposed it")
    confirmed_by: str = Field(min_length=1, max_length=200, description="Who confirmed it")
    at: UtcDateTime = Field(description="When it was applied (UTC)")
    reason: str = Field(default="", max_length=2000, description="Why (e.g. the gate that failed)")
    forced: bool = Field(default=False, description="Went ahead despite a failed gate or an unfinished bake")
    force_reason: str = Field(default="", max_length=1000, description="Why it was forced")
    calls: list[CutoverCall] = Field(default_factory=list, description="The AWS calls, in order")
    outcome: Literal["applied", "failed", "partial", "running"] = Field(
        description="applied: every call ran; failed: none changed anything; partial: some ran, then one failed; "
                    "running: its calls are under way (left so if the workbench stopped meanwhile)")
    message: str = Field(default="", max_length=2000, description="The outcome in words")


def default_steps() -> list[CutoverStep]:
    # 10% → 50% → 100% is the AWS guidance; the bake times are the workbench's starting choice, not AWS figures.
    return [CutoverStep(traffic_pct=10, bake_minutes=30), CutoverStep(traffic_pct=50, bake_minutes=60),
            CutoverStep(traffic_pct=100, bake_minutes=60)]


class GateResult(Part):
    """One alarm threshold evaluated at one step (e.g. throttle rate > 1% fails the gate)."""

    name: str = Field(min_length=1, max_length=80, description="e.g. throttle-rate, cpu-high, memory-high")
    metric: str = Field(min_length=1, max_length=200, description="What was measured, e.g. Throttles / Invocations")
    comparison: str = Field(pattern=r"^(>|>=|<|<=)$", description="How the threshold fails: > , >=, < or <=")
    threshold: float = Field(description="Fail when observed <comparison> threshold")
    unit: str = Field(default="", max_length=40, description="Unit of threshold and observed value, e.g. %")
    observed: float | None = Field(default=None, description="The measured value (blank = no data)")
    passed: bool | None = Field(default=None, description="True passed, False failed, blank = not evaluated")
    step_index: Annotated[int, Range(0, None)] = Field(description="Index of the cutover step evaluated at")
    evaluated_at: UtcDateTime | None = Field(default=None, description="When it was evaluated (UTC)")
    advice: str = Field(default="", max_length=500, description="What to change if it fails")

    def breached(self, observed: float) -> bool:
        return {">": observed > self.threshold, ">=": observed >= self.threshold,
                "<": observed < self.threshold, "<=": observed <= self.threshold}[self.comparison]

    @model_validator(mode="after")
    def _consistent(self) -> "GateResult":
        if self.passed is not None and self.observed is None:
            raise ValueError(f"gate {self.name}: passed is set but there is no observed value")
        if self.passed is not None and self.observed is not None and self.passed == self.breached(self.observed):
            raise ValueError(f"gate {self.name}: passed={self.passed} contradicts observed {self.observed:g} "
                             f"{self.comparison} {self.threshold:g}")
        return self


class CutoverState(Doc):
    """Where the traffic shift stands."""

    KIND: ClassVar[str] = "cutover"
    TITLE: ClassVar[str] = "the cutover plan"
    MERGE_STAMPS: ClassVar[frozenset[str]] = frozenset({"updated_at"})  # who/when of the latest edit

    old_function_name: str = Field(
        title="Old function", min_length=1, max_length=140, description="The standard Lambda function today")
    old_qualifier: str | None = Field(title="Old function's qualifier", default=None, max_length=128,
                                      description="Its alias or version receiving traffic today")
    new_function_name: str = Field(title="LMI function", min_length=1, max_length=140,
                                   description="The function attached to the capacity provider")
    new_version: str | None = Field(
        title="LMI version", default=None, pattern=r"^\d{1,10}$", description="Published LMI version number")
    new_alias: str | None = Field(
        title="LMI alias", default=None, max_length=128, description="Alias pointing at the LMI version")
    mechanism: ShiftMechanism = Field(title="Traffic shift via", default=ShiftMechanism.API_GATEWAY_CANARY,
                                      description="Where the traffic split happens")
    steps: list[CutoverStep] = Field(title="Steps", default_factory=default_steps, min_length=1,
                                     description="Traffic % and bake minutes per step (default 10 → 50 → 100)")
    current_step: int | None = Field(
        title="Current step", default=None, ge=0, description="Index of the step in effect (blank = none)")
    status: CutoverStatus = Field(
        title="Status", default=CutoverStatus.PLANNED,
        description="planned, shifting, baking, holding, rolled-back or complete")
    gates: list[GateResult] = Field(title="Gates", default_factory=list, description="Threshold results per step")
    started_at: UtcDateTime | None = Field(
        title="Started", default=None, description="When the first shift happened (UTC)")
    updated_at: UtcDateTime | None = Field(
        title="Updated", default=None, description="When the state last changed (UTC)")
    region: str | None = Field(title="Region", default=None, max_length=40, description="Region of both functions")
    old_is_lmi: bool = Field(
        title="Old function on LMI", default=False, description="The old function runs on a capacity provider too")
    new_is_lmi: bool = Field(
        title="New function on LMI", default=True, description="The new function runs on a capacity provider")
    source: CutoverSource | None = Field(
        title="Source", default=None, description="What the shift acts on (mechanism details)")
    step_started_at: UtcDateTime | None = Field(title="Step started", default=None,
                                                description="When the current step took effect (bake starts)")
    decisions: list[CutoverDecision] = Field(title="Decisions", default_factory=list,
                                             description="Every decision with its author, calls and outcome")

    @model_validator(mode="after")
    def _checks(self) -> "CutoverState":
        pcts = [s.traffic_pct for s in self.steps]
        if any(b <= a for a, b in zip(pcts, pcts[1:])):
            raise ValueError(f"steps must raise traffic_pct at every step (got {' → '.join(f'{p:g}' for p in pcts)})")
        if pcts[-1] != 100:
            raise ValueError(f"the last step must send 100% of traffic (got {pcts[-1]:g}%)")
        last = len(self.steps) - 1
        if self.current_step is not None and self.current_step > last:
            raise ValueError(f"current_step ({self.current_step}) must be between 0 and {last}")
        active = (CutoverStatus.SHIFTING, CutoverStatus.BAKING, CutoverStatus.HOLDING, CutoverStatus.COMPLETE)
        if self.status in active and self.current_step is None:
            raise ValueError(f"status {self.status.value} needs current_step")
        if self.status is CutoverStatus.PLANNED and self.current_step is not None:
            raise ValueError("status planned must have no current_step")
        if self.status is CutoverStatus.COMPLETE and self.current_step != last:
            raise ValueError(f"status complete needs current_step at the last step ({last})")
        bad = [g.name for g in self.gates if g.step_index > last]
        if bad:
            raise ValueError(f"gates refer to steps that do not exist: {', '.join(bad)}")
        return self

    @property
    def traffic_on_lmi_pct(self) -> float:
        if self.status is CutoverStatus.ROLLED_BACK or self.current_step is None:
            return 0.0
        return self.steps[self.current_step].traffic_pct

    def gates_for(self, step_index: int) -> list[GateResult]:
        return [g for g in self.gates if g.step_index == step_index]

    @property
    def full_traffic_since(self) -> datetime | None:
        """When all traffic reached the LMI function (blank while it has not, or after a rollback)."""
        if self.traffic_on_lmi_pct < 100:
            return None
        return self.step_started_at


def default_gates(step_index: int) -> list[GateResult]:
    """The documented alarm thresholds (lmi-facts.md Step 6) as unevaluated gates for one step."""
    from workbench.lmi_facts import CUTOVER_GATE_THRESHOLDS

    return [GateResult(name=name, metric=metric, comparison=cmp, threshold=value, unit=unit, advice=advice,
                       step_index=step_index)
            for name, metric, cmp, value, unit, advice in CUTOVER_GATE_THRESHOLDS]


class CostCheck(Doc):
    """After the cutover: the predicted monthly LMI cost against what it actually costs, once there is data."""

    KIND: ClassVar[str] = "cutover-cost"
    MERGE_BY_FIELD: ClassVar[bool] = False  # computed as one whole: a stale save is a conflict

    status: Literal["not-enough-data", "measured", "unavailable"] = Field(
        description="not-enough-data (under 1–2 weeks at 100%), measured, or unavailable (and why in note)")
    source: Literal["cost-explorer", "metrics-x-prices", "none"] = Field(
        default="none", description="Where the actual cost came from")
    predicted_monthly_usd: float | None = Field(default=None, ge=0, description="Predicted monthly LMI cost, USD")
    predicted_scenario: str | None = Field(default=None, max_length=80, description="Which cost scenario")
    predicted_lambda_monthly_usd: float | None = Field(default=None, ge=0,
                                                       description="Predicted standard Lambda cost, USD/month")
    actual_monthly_usd: float | None = Field(default=None, ge=0, description="Actual cost scaled to a month, USD")
    period_start: UtcDateTime | None = Field(default=None, description="Start of the period measured (UTC)")
    period_end: UtcDateTime | None = Field(default=None, description="End of the period measured (UTC)")
    line_items: dict[str, float] = Field(default_factory=dict, description="Monthly USD per line of the actual")
    note: str = Field(default="", max_length=3000, description="How it was measured, assumptions, problems")
    decommission: str = Field(default="", max_length=1000, description="The reminder to retire the old function")
    checked_at: UtcDateTime | None = Field(default=None, description="When it was checked (UTC)")

    @property
    def difference_usd(self) -> float | None:
        if self.actual_monthly_usd is None or self.predicted_monthly_usd is None:
            return None
        return self.actual_monthly_usd - self.predicted_monthly_usd

    @property
    def difference_pct(self) -> float | None:
        diff = self.difference_usd
        if diff is None or not self.predicted_monthly_usd:
            return None
        return diff / self.predicted_monthly_usd * 100
