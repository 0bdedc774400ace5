"""The fit assessment: is LMI right for this workload, signal by signal (written by ``workbench.fit``)."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, model_validator

from workbench.models._base import Doc, Part, Range, UtcDateTime, utc_now
from workbench.models.outline import FIT_KIND, BlockerCode, Direction, Verdict

__all__ = ["BlockerCode", "Direction", "FitAssessment", "FitBlocker", "FitSignal", "Verdict"]


class FitSignal(Part):
    """One row of the decision table, applied to this workload."""

    name: str = Field(min_length=1, max_length=60,
                      description="Which signal: traffic, cost, cold-starts, compute, isolation, scale-to-zero, "
                                  "code-readiness…")
    finding: str = Field(min_length=1, max_length=300, description="What was seen, e.g. 'steady, 120M requests/month'")
    direction: Direction = Field(description="Whether this finding argues for LMI, against it, or neither")
    reason: str = Field(min_length=1, max_length=1000, description="Why, in words the team can check")


class FitBlocker(Part):
    """Something that rules LMI out as things stand (the verdict then cannot favour LMI)."""

    code: BlockerCode = Field(description="What kind of blocker")
    message: str = Field(min_length=1, max_length=1000,
                         description="e.g. 'Lambda Managed Instances does not yet support ruby3.3'")
    suggestions: list[str] = Field(default_factory=list,
                                   description="What to do instead: supported runtimes, the nearest Region…")
    alternatives: list[str] = Field(default_factory=list,
                                    description="What LMI does support: its runtimes, or the Regions it is "
                                                "available in")
    suggested: str | None = Field(default=None, max_length=200,
                                  description="The one alternative to try first: the nearest supported Region, "
                                              "or standard Lambda")
    source: str = Field(default="", max_length=1000,
                        description="Where the list of alternatives comes from, with its date")


class FitAssessment(Doc):
    """The decision-table verdict for one workload version."""

    KIND: ClassVar[str] = FIT_KIND
    MERGE_BY_FIELD: ClassVar[bool] = False  # computed as one whole: a stale save is a conflict

    workload_id: str = Field(default="default", description="Id of the Workload document assessed")
    workload_version: Annotated[int, Range(0, None)] = Field(
        description="Store version of the Workload this was computed from (stale when the workload moved on)")
    signals: list[FitSignal] = Field(default_factory=list, description="Each signal's finding and direction")
    verdict: Verdict = Field(description="Overall: strong fit, worth evaluating, or standard Lambda is better")
    summary: str = Field(default="", max_length=2000, description="The verdict in one or two sentences")
    blockers: list[FitBlocker] = Field(default_factory=list,
                                       description="Errors that rule LMI out (unsupported runtime or Region)")
    missing_inputs: list[str] = Field(default_factory=list,
                                      description="Workload fields that would sharpen the verdict if filled in")
    computed_at: UtcDateTime = Field(default_factory=utc_now, description="When the assessment was made (UTC)")

    @model_validator(mode="after")
    def _blocked_means_standard(self) -> "FitAssessment":
        if self.blockers and self.verdict is not Verdict.STANDARD_LAMBDA_BETTER:
            codes = ", ".join(b.code.value for b in self.blockers)
            raise ValueError(f"verdict must be standard-lambda-better while blockers ({codes}) are present "
                             f"(got {self.verdict.value})")
        names = [s.name for s in self.signals]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"signals must have unique names (repeated: {', '.join(dupes)})")
        return self

    @property
    def blocked(self) -> bool:
        return bool(self.blockers)

    def signals_by(self, direction: Direction) -> list[FitSignal]:
        return [s for s in self.signals if s.direction is direction]
