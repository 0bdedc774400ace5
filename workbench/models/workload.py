"""The review header and the workload being assessed (what the intake pane writes)."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import Field, field_validator, model_validator

from workbench import lmi_facts as facts
from workbench.models._base import Architecture, Doc, Environment, Range, UtcDateTime, utc_now
from workbench.models.outline import REVIEW_KIND, WORKLOAD_FIELDS, WORKLOAD_KIND, about

_FUNCTION_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_RUNTIME = re.compile(facts.RUNTIME_IDENTIFIER_PATTERN)
_REGION = re.compile(facts.REGION_PATTERN)
_SUBNET = re.compile(r"^subnet-[0-9a-f]{8,17}$")
_SECURITY_GROUP = re.compile(r"^sg-[0-9a-f]{8,17}$")


class ReviewInfo(Doc):
    """The header of a migration review (one per session store)."""

    KIND: ClassVar[str] = REVIEW_KIND
    TITLE: ClassVar[str] = "the review's header"

    title: str = Field(title="Review title", min_length=1, max_length=200, description="Name of this migration review")
    description: str = Field(
        title="Description", default="", max_length=4000, description="What is being migrated and why")
    created_at: UtcDateTime = Field(
        title="Started", default_factory=utc_now, description="When the review was started (UTC)")
    is_demo: bool = Field(
        title="Sample data", default=False, description="True when the review holds sample data, not a real system")


class TrafficPattern(StrEnum):
    STEADY = "steady"
    PREDICTABLE_DIURNAL = "predictable-diurnal"
    BURSTY = "bursty"
    MOSTLY_IDLE = "mostly-idle"
    UNKNOWN = "unknown"


class SavingsPlan(StrEnum):
    """An existing commitment. Only Compute Savings Plans cover Lambda; EC2 Instance Savings Plans cover EC2."""

    NONE = "none"
    COMPUTE_1YR = "compute-1yr"
    COMPUTE_3YR = "compute-3yr"
    EC2_INSTANCE_1YR = "ec2-instance-1yr"
    EC2_INSTANCE_3YR = "ec2-instance-3yr"

    @property
    def covers_lambda(self) -> bool:
        return self in (SavingsPlan.COMPUTE_1YR, SavingsPlan.COMPUTE_3YR)


class CpuProfile(StrEnum):
    CPU_BOUND = "cpu-bound"
    IO_BOUND = "io-bound"
    BALANCED = "balanced"
    MEMORY_HEAVY = "memory-heavy"
    UNKNOWN = "unknown"


class ConcurrencyReadiness(StrEnum):
    UNKNOWN = "unknown"
    READY = "ready"
    NEEDS_CHANGES = "needs-changes"
    BLOCKED = "blocked"


class DataSource(StrEnum):
    TYPED = "typed"
    FILE = "file"
    AWS_IMPORT = "aws-import"
    DEMO = "demo"


Rps = Annotated[float | None, Range(0, 10_000_000, "requests/s")]
DurationMs = Annotated[float | None, Range(0, facts.LAMBDA_TIMEOUT_S_MAX * 1000, "ms")]
Concurrent = Annotated[int | None, Range(0, 1_000_000, "concurrent executions")]


class Workload(Doc):
    """One Lambda function as it runs today on standard Lambda: traffic, cost, configuration and readiness.

    Numbers the user has not given yet are ``None``; the fit and cost engines say what they need.
    """

    KIND: ClassVar[str] = WORKLOAD_KIND
    TITLE: ClassVar[str] = "the workload"
    LABELS_FROM_NAMES: ClassVar[bool] = True  # the Intake pane shows each signal as its name in words

    # identity
    function_name: str = Field(description=about("function_name"))
    function_arn: str | None = Field(default=None, description=about("function_arn"))
    region: str | None = Field(default=None, description=about("region"))
    environment: Environment = Field(default=Environment.PRODUCTION, description=about("environment"))
    # traffic
    traffic_pattern: TrafficPattern = Field(default=TrafficPattern.UNKNOWN, description=about("traffic_pattern"))
    requests_per_month: Annotated[int | None, Range(0, 10**13, "requests/month")] = Field(
        default=None, description=about("requests_per_month"))
    mean_requests_per_second: Rps = Field(default=None, description=about("mean_requests_per_second"))
    peak_requests_per_second: Rps = Field(default=None, description=about("peak_requests_per_second"))
    baseline_concurrent_executions: Concurrent = Field(default=None,
                                                       description=about("baseline_concurrent_executions"))
    peak_concurrent_executions: Concurrent = Field(default=None, description=about("peak_concurrent_executions"))
    # cost
    monthly_lambda_spend_usd: Annotated[float | None, Range(0, 1e9, "USD/month")] = Field(
        default=None, description=about("monthly_lambda_spend_usd"))
    savings_plan: SavingsPlan = Field(default=SavingsPlan.NONE, description=about("savings_plan"))
    savings_plan_discount_pct: Annotated[float | None, Range(0, 17, "%")] = Field(
        default=None, description=about("savings_plan_discount_pct"))
    # configuration
    runtime: str | None = Field(default=None, description=about("runtime"))
    architecture: Architecture = Field(default=Architecture.X86_64, description=about("architecture"))
    memory_mb: Annotated[int | None, Range(facts.LAMBDA_MEMORY_MB_MIN, facts.LAMBDA_MEMORY_MB_MAX, "MB")] = Field(
        default=None, description=about("memory_mb"))
    timeout_s: Annotated[int | None, Range(facts.LAMBDA_TIMEOUT_S_MIN, facts.LAMBDA_TIMEOUT_S_MAX, "s")] = Field(
        default=None, description=about("timeout_s"))
    ephemeral_storage_mb: Annotated[int, Range(facts.LAMBDA_EPHEMERAL_MB_MIN, facts.LAMBDA_EPHEMERAL_MB_MAX, "MB")] = (
        Field(default=facts.LAMBDA_EPHEMERAL_MB_MIN, description=about("ephemeral_storage_mb")))
    tmp_use_mb_per_invocation: Annotated[float | None, Range(0, facts.LAMBDA_EPHEMERAL_MB_MAX, "MB")] = Field(
        default=None, title=WORKLOAD_FIELDS["tmp_use_mb_per_invocation"].title,
        description=about("tmp_use_mb_per_invocation"))
    provisioned_concurrency: Annotated[int, Range(0, 1_000_000, "environments")] = Field(
        default=0, description=about("provisioned_concurrency"))
    # performance
    duration_avg_ms: DurationMs = Field(default=None, description=about("duration_avg_ms"))
    duration_p99_ms: DurationMs = Field(default=None, description=about("duration_p99_ms"))
    cpu_profile: CpuProfile = Field(default=CpuProfile.UNKNOWN, description=about("cpu_profile"))
    insights_cpu_total_time_ms: Annotated[float | None, Range(0, 5_400_000, "ms")] = Field(
        default=None, description=about("insights_cpu_total_time_ms"))
    insights_memory_utilization_pct: Annotated[float | None, Range(0, 100, "%")] = Field(
        default=None, description=about("insights_memory_utilization_pct"))
    # readiness and network
    concurrency_readiness: ConcurrencyReadiness = Field(
        default=ConcurrencyReadiness.UNKNOWN, description=about("concurrency_readiness"))
    in_vpc: bool | None = Field(default=None, description=about("in_vpc"))
    private_resources: list[str] = Field(default_factory=list, max_length=50, description=about("private_resources"))
    subnet_ids: list[str] = Field(default_factory=list, max_length=16, description=about("subnet_ids"))
    security_group_ids: list[str] = Field(default_factory=list, max_length=5, description=about("security_group_ids"))
    # provenance
    source: DataSource = Field(default=DataSource.TYPED, description=about("source"))
    source_detail: str = Field(default="", max_length=500, description=about("source_detail"))
    notes: str = Field(default="", max_length=4000, description=about("notes"))

    @field_validator("function_name")
    @classmethod
    def _function_name(cls, value: str) -> str:
        if not _FUNCTION_NAME.match(value):
            raise ValueError(f"function_name must be 1–64 letters, digits, hyphens or underscores (got {value!r})")
        return value

    @field_validator("runtime")
    @classmethod
    def _runtime(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip().lower()
        if not value:
            return None
        if not _RUNTIME.match(value):
            raise ValueError("runtime must be a Lambda runtime identifier such as python3.13, nodejs22.x, java21 "
                             f"or dotnet8 (got {value!r})")
        return value

    @field_validator("region")
    @classmethod
    def _region(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().lower()
        if not _REGION.match(value):
            raise ValueError(f"region must be an AWS Region code such as us-east-1 (got {value!r})")
        return value

    @field_validator("subnet_ids")
    @classmethod
    def _subnets(cls, value: list[str]) -> list[str]:
        bad = [s for s in value if not _SUBNET.match(s)]
        if bad:
            raise ValueError(f"subnet_ids must look like subnet-0123abcd (got {', '.join(bad)})")
        return value

    @field_validator("security_group_ids")
    @classmethod
    def _security_groups(cls, value: list[str]) -> list[str]:
        bad = [s for s in value if not _SECURITY_GROUP.match(s)]
        if bad:
            raise ValueError(f"security_group_ids must look like sg-0123abcd (got {', '.join(bad)})")
        return value

    @model_validator(mode="after")
    def _cross_field(self) -> "Workload":
        avg, p99 = self.duration_avg_ms, self.duration_p99_ms
        if avg is not None and p99 is not None and p99 < avg:
            raise ValueError(f"duration_p99_ms ({p99:g} ms) must be at least duration_avg_ms ({avg:g} ms)")
        if self.timeout_s is not None:
            limit_ms = self.timeout_s * 1000
            for name, value in (("duration_avg_ms", avg), ("duration_p99_ms", p99)):
                if value is not None and value > limit_ms:
                    raise ValueError(f"{name} ({value:g} ms) cannot exceed timeout_s ({self.timeout_s} s = "
                                     f"{limit_ms:,} ms): an invocation that long would time out")
        mean, peak = self.mean_requests_per_second, self.peak_requests_per_second
        if mean is not None and peak is not None and peak < mean:
            raise ValueError(f"peak_requests_per_second ({peak:g}) must be at least "
                             f"mean_requests_per_second ({mean:g})")
        base, top = self.baseline_concurrent_executions, self.peak_concurrent_executions
        if base is not None and top is not None and top < base:
            raise ValueError(f"peak_concurrent_executions ({top}) must be at least "
                             f"baseline_concurrent_executions ({base})")
        if self.in_vpc is False and (self.private_resources or self.subnet_ids or self.security_group_ids):
            raise ValueError("in_vpc is False but private_resources, subnet_ids or security_group_ids are set: "
                             "private resources are reached through a VPC")
        discount = self.savings_plan_discount_pct
        if discount and not self.savings_plan.covers_lambda:
            raise ValueError(f"savings_plan_discount_pct is {discount:g}% but savings_plan is "
                             f"{self.savings_plan.value}, which gives Lambda no discount (only Compute Savings "
                             "Plans cover Lambda)")
        return self

    # --- derived values -------------------------------------------------------------------------------------
    @property
    def runtime_support(self) -> facts.RuntimeSupport | None:
        """What LMI says about this runtime (supported, family, upgrade); None if the runtime is not set."""
        return facts.runtime_support(self.runtime) if self.runtime else None

    @property
    def runtime_family(self) -> str | None:
        """``python``, ``nodejs``, ``java``, ``dotnet``, ``rust`` (``provided.al2023``), or another family
        (``ruby``, ``provided``…); None if unset."""
        found = self.runtime_support
        return found.family if found else None

    @property
    def runtime_display_name(self) -> str | None:
        found = self.runtime_support
        return found.display_name if found else None

    @property
    def runtime_supported(self) -> bool | None:
        """Does LMI run this runtime version (``lmi_facts.RUNTIME_SUPPORT``)? None when the runtime is not known."""
        found = self.runtime_support
        return found.supported if found else None

    @property
    def default_concurrency_per_vcpu(self) -> int | None:
        """The runtime's documented LMI concurrency per vCPU (Node.js 64, Java/.NET 32, Python 16, Rust 8)."""
        found = facts.runtime_family_facts(self.runtime) if self.runtime else None
        return found.default_concurrency_per_vcpu if found else None

    @property
    def region_supported(self) -> bool | None:
        return None if self.region is None else facts.REGIONS.is_available(self.region)

    @property
    def implied_mean_requests_per_second(self) -> float | None:
        """requests_per_month spread evenly over a 730-hour month."""
        if self.requests_per_month is None:
            return None
        return self.requests_per_month / facts.SECONDS_PER_MONTH

    @property
    def monthly_gb_seconds(self) -> float | None:
        """Billed compute per month on standard Lambda: requests × average duration × memory."""
        if self.requests_per_month is None or self.duration_avg_ms is None or self.memory_mb is None:
            return None
        return self.requests_per_month * self.duration_avg_ms / 1000 * self.memory_mb / 1024

    @property
    def has_lambda_insights(self) -> bool:
        return self.insights_cpu_total_time_ms is not None and self.insights_memory_utilization_pct is not None

    def consistency_warnings(self) -> list[str]:
        """Figures that are each valid but disagree with one another (shown, not refused)."""
        warnings: list[str] = []
        implied = self.implied_mean_requests_per_second
        mean = self.mean_requests_per_second
        if implied is not None and mean is not None and max(implied, mean) > 0:
            ratio = max(implied, mean) / max(min(implied, mean), 1e-9)
            if ratio > 1.25:
                warnings.append(
                    f"requests_per_month ({self.requests_per_month:,}) means {implied:,.1f} requests/s on average, "
                    f"but mean_requests_per_second is {mean:,.1f}")
        base = self.baseline_concurrent_executions
        if mean and self.duration_avg_ms and base:
            expected = mean * self.duration_avg_ms / 1000  # Little's law
            if expected > 0 and not (expected / 3 <= base <= expected * 3):
                warnings.append(
                    f"{mean:,.1f} requests/s × {self.duration_avg_ms:g} ms ≈ {expected:,.1f} concurrent "
                    f"executions, but baseline_concurrent_executions is {base:,}")
        if self.provisioned_concurrency and self.peak_concurrent_executions is not None \
                and self.provisioned_concurrency > self.peak_concurrent_executions * 2:
            warnings.append(f"provisioned_concurrency ({self.provisioned_concurrency:,}) is more than twice "
                            f"peak_concurrent_executions ({self.peak_concurrent_executions:,})")
        return warnings


# The first screen lists the workload's fields from the outline (workbench.models.outline), before this model is
# built: a field added here and not there (or in another order) would be shown wrongly, so it stops the import.
if [name for name in Workload.model_fields if name != "id"] != list(WORKLOAD_FIELDS):
    raise TypeError("Workload's fields and workbench.models.outline.WORKLOAD_FIELDS differ: list each field there, "
                    "in the model's order")
