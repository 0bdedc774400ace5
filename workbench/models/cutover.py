"""The cutover: shifting traffic from the old function to the LMI version in steps, with gates."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import Field, model_validator

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

    old_function_name: str = Field(min_length=1, max_length=140, description="The standard Lambda function today")
    old_qualifier: str | None = Field(default=None, max_length=128,
                                      description="Its alias or version receiving traffic today")
    new_function_name: str = Field(min_length=1, max_length=140,
                                   description="The function attached to the capacity provider")
    new_version: str | None = Field(default=None, pattern=r"^\d{1,10}$", description="Published LMI version number")
    new_alias: str | None = Field(default=None, max_length=128, description="Alias pointing at the LMI version")
    mechanism: ShiftMechanism = Field(default=ShiftMechanism.API_GATEWAY_CANARY,
                                      description="Where the traffic split happens")
    steps: list[CutoverStep] = Field(default_factory=default_steps, min_length=1,
                                     description="Traffic % and bake minutes per step (default 10 → 50 → 100)")
    current_step: int | None = Field(default=None, ge=0, description="Index of the step in effect (blank = none)")
    status: CutoverStatus = Field(default=CutoverStatus.PLANNED, description="planned, shifting, baking, holding, "
                                                                             "rolled-back or complete")
    gates: list[GateResult] = Field(default_factory=list, description="Threshold results per step")
    started_at: UtcDateTime | None = Field(default=None, description="When the first shift happened (UTC)")
    updated_at: UtcDateTime | None = Field(default=None, description="When the state last changed (UTC)")

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


def default_gates(step_index: int) -> list[GateResult]:
    """The documented alarm thresholds (lmi-facts.md Step 6) as unevaluated gates for one step."""
    from workbench.lmi_facts import CUTOVER_GATE_THRESHOLDS

    return [GateResult(name=name, metric=metric, comparison=cmp, threshold=value, unit=unit, advice=advice,
                       step_index=step_index)
            for name, metric, cmp, value, unit, advice in CUTOVER_GATE_THRESHOLDS]
