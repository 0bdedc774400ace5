"""The pre-flight report: read-only checks of the account before a deployment (subnets, egress, roles…)."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from pydantic import Field, model_validator

from workbench.models._base import Doc, Part, UtcDateTime, utc_now


class CheckStatus(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    UNKNOWN = "unknown"  # could not be checked (no access, throttled, offline, the emulator lacks the call)

    @property
    def severity(self) -> int:
        """Order for the overall verdict: a failure outweighs an unchecked item, which outweighs a warning."""
        return {"pass": 0, "warn": 1, "unknown": 2, "fail": 3}[self.value]


class PreflightCheck(Part):
    """One check: what was looked at, what was found, and what to do about it."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$", description="Check id, e.g. availability-zones")
    title: str = Field(min_length=1, max_length=200, description="What is checked, in words")
    status: CheckStatus = Field(description="pass, warn, fail or unknown")
    found: list[str] = Field(default_factory=list, max_length=200,
                             description="What was found, one concrete line each (ids, AZs, counts)")
    fix: str = Field(default="", max_length=2000, description="What to do, in plain words (empty when nothing)")
    problem: str | None = Field(default=None, max_length=2000,
                                description="The AWS error that left the check unknown, as the workbench words it")
    action: str | None = Field(default=None, max_length=200,
                               description="The IAM action of that failed call, e.g. ec2:DescribeRouteTables")

    @model_validator(mode="after")
    def _explained(self) -> "PreflightCheck":
        if self.status in (CheckStatus.FAIL, CheckStatus.WARN) and not self.fix:
            raise ValueError(f"check {self.id}: a {self.status.value} needs a fix")
        if self.status is CheckStatus.UNKNOWN and not (self.problem or self.found):
            raise ValueError(f"check {self.id}: unknown needs the reason (problem or found)")
        return self


class PreflightReport(Doc):
    """Every pre-flight check of one planned deployment, and the API calls made to check them."""

    KIND: ClassVar[str] = "preflight"
    MERGE_BY_FIELD: ClassVar[bool] = False  # computed as one whole: a stale save is a conflict

    workload_id: str = Field(default="default", description="Id of the Workload checked")
    region: str | None = Field(default=None, description="Region the deployment targets")
    function_name: str = Field(min_length=1, max_length=64, description="The function that will be deployed")
    capacity_provider_name: str = Field(min_length=1, max_length=140, description="The planned capacity provider")
    account_checked: bool = Field(default=False, description="False when only the offline checks ran")
    checks: list[PreflightCheck] = Field(default_factory=list, description="The checks, in order")
    operations: list[str] = Field(default_factory=list,
                                  description="Every AWS call made, as service:Operation (all read-only)")
    created_at: UtcDateTime = Field(default_factory=utc_now, description="When the checks ran (UTC)")

    @model_validator(mode="after")
    def _unique(self) -> "PreflightReport":
        ids = [c.id for c in self.checks]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"checks must have unique ids (repeated: {', '.join(dupes)})")
        return self

    @property
    def status(self) -> CheckStatus:
        """fail if any check fails; else unknown if any could not be checked; else warn; else pass."""
        return max((c.status for c in self.checks), key=lambda s: s.severity, default=CheckStatus.UNKNOWN)

    def counts(self) -> dict[str, int]:
        return {s.value: sum(1 for c in self.checks if c.status is s) for s in CheckStatus}

    def check(self, check_id: str) -> PreflightCheck:
        for c in self.checks:
            if c.id == check_id:
                return c
        raise KeyError(check_id)
