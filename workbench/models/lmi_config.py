"""The starting LMI configuration: capacity provider and function settings, each with where it came from."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import Field, field_validator, model_validator

from workbench import lmi_facts as facts
from workbench.models._base import Architecture, Doc, Environment, Part, Range, UtcDateTime, utc_now

_INSTANCE_TYPE = re.compile(facts.LMI_INSTANCE_TYPE_PATTERN)
_PROVIDER_NAME = re.compile(facts.LMI_CAPACITY_PROVIDER_NAME_PATTERN)


class ScalingMode(StrEnum):
    AUTO = "Auto"
    MANUAL = "Manual"


class ProvenanceSource(StrEnum):
    AWS_DEFAULT = "aws-default"          # the service or API default
    RUNTIME_DEFAULT = "runtime-default"  # documented per-runtime default (e.g. Python 16 per vCPU)
    LAMBDA_INSIGHTS = "lambda-insights"  # derived from Lambda Insights metrics with the documented formula
    WORKLOAD = "workload"                # derived from the workload's figures (memory sizing table, profile)
    RULE_OF_THUMB = "rule-of-thumb"      # AWS guidance without a formula
    USER = "user"                        # typed or changed by a person
    FILE = "file"                        # given in a workload file's lmi_configuration table


class Provenance(Part):
    """Where one configuration value came from."""

    source: ProvenanceSource = Field(title="Origin", description="Kind of origin")
    detail: str = Field(title="How it was set", default="", max_length=500,
                        description="The rule or formula, e.g. 'floor(0.5 × 120 ms / 12 ms) = 5'")


MemoryMb = Annotated[int, Range(facts.LMI_MEMORY_MB_MIN, facts.LMI_MEMORY_MB_MAX, "MB")]
ExecutionEnvironments = Annotated[
    int, Range(facts.LMI_EXECUTION_ENVIRONMENTS_MIN, facts.LMI_EXECUTION_ENVIRONMENTS_MAX, "execution environments")]


class LmiConfiguration(Doc):
    """The configuration to start testing with (PerExecutionEnvironmentMaxConcurrency, memory, scaling…)."""

    KIND: ClassVar[str] = "lmi-config"
    TITLE: ClassVar[str] = "the LMI configuration"
    MERGE_STAMPS: ClassVar[frozenset[str]] = frozenset({"created_at"})  # who/when of the latest edit
    LABELS_FROM_NAMES: ClassVar[bool] = True  # the Intake pane's configuration view shows each as its name in words

    workload_id: str = Field(default="default", description="Id of the Workload this configuration is for")
    workload_version: int | None = Field(default=None, description="Store version of that Workload, if derived")
    environment: Environment = Field(default=Environment.PRODUCTION,
                                     description="Production requires at least 3 execution environments")
    capacity_provider_name: str | None = Field(
        default=None, description="Capacity provider name (1–140 letters, digits, hyphens, underscores)")
    # function: CapacityProviderConfig.LambdaManagedInstancesCapacityProviderConfig
    per_execution_environment_max_concurrency: Annotated[
        int, Range(facts.LMI_MAX_CONCURRENCY_MIN, facts.LMI_MAX_CONCURRENCY_MAX, "concurrent invocations")] = Field(
        description="PerExecutionEnvironmentMaxConcurrency: invocations one execution environment runs at once")
    memory_mb: MemoryMb = Field(
        default=facts.LMI_MEMORY_MB_MIN,
        description="Function memory, MB (a whole number of vCPUs at the memory/vCPU ratio)")
    memory_gib_per_vcpu: Annotated[
        float, Range(facts.LMI_MEMORY_GIB_PER_VCPU_MIN, facts.LMI_MEMORY_GIB_PER_VCPU_MAX, "GiB per vCPU")] = Field(
        default=facts.LMI_MEMORY_GIB_PER_VCPU_DEFAULT,
        description="ExecutionEnvironmentMemoryGiBPerVCpu: 2 compute, 4 general, 8 memory-heavy/Python")
    # function scaling: FunctionScalingConfig
    min_execution_environments: ExecutionEnvironments = Field(
        default=facts.LMI_MIN_EXECUTION_ENVIRONMENTS_DEFAULT,
        description="MinExecutionEnvironments: always running (3 keeps multi-AZ coverage)")
    max_execution_environments: Annotated[
        int | None, Range(facts.LMI_EXECUTION_ENVIRONMENTS_MIN, facts.LMI_EXECUTION_ENVIRONMENTS_MAX,
                          "execution environments")] = Field(
        default=None, description="MaxExecutionEnvironments (blank = no maximum)")
    # capacity provider
    architecture: Architecture = Field(default=Architecture.X86_64,
                                       description="Must match the function's architecture")
    max_vcpu_count: Annotated[int, Range(facts.LMI_MAX_VCPU_COUNT_MIN, facts.LMI_MAX_VCPU_COUNT_MAX, "vCPU")] = Field(
        default=facts.LMI_MAX_VCPU_COUNT_DEFAULT, description="MaxVCpuCount: the capacity provider's cost ceiling")
    scaling_mode: ScalingMode = Field(default=ScalingMode.AUTO,
                                      description="Auto (AWS-managed headroom) or Manual (your CPU target)")
    target_cpu_utilization_pct: Annotated[float | None, Range(0, 100, "%")] = Field(
        default=None, description="CPU target for Manual scaling, % (lower absorbs bursts, higher saves cost)")
    allowed_instance_types: list[str] = Field(
        default_factory=list, max_length=facts.LMI_INSTANCE_TYPES_MAX,
        description="AllowedInstanceTypes, e.g. c7g.*; empty = let Lambda choose (recommended)")
    excluded_instance_types: list[str] = Field(
        default_factory=list, max_length=facts.LMI_INSTANCE_TYPES_MAX,
        description="ExcludedInstanceTypes; cannot be combined with allowed_instance_types")
    provenance: dict[str, Provenance] = Field(
        default_factory=dict, description="For each field name above, where its value came from")
    notes: list[str] = Field(default_factory=list, description="Advice that goes with this configuration")
    created_at: UtcDateTime = Field(default_factory=utc_now, description="When this configuration was made (UTC)")

    @field_validator("capacity_provider_name")
    @classmethod
    def _provider_name(cls, value: str | None) -> str | None:
        if value is not None and not _PROVIDER_NAME.match(value):
            raise ValueError("capacity_provider_name must be 1–140 letters, digits, hyphens or underscores "
                             f"(got {value!r})")
        return value

    @field_validator("allowed_instance_types", "excluded_instance_types")
    @classmethod
    def _instance_types(cls, value: list[str], info) -> list[str]:
        bad = [t for t in value if not _INSTANCE_TYPE.match(t)]
        if bad:
            raise ValueError(f"{info.field_name} entries must be instance types such as m7g.large or c7g.* "
                             f"(got {', '.join(repr(b) for b in bad)})")
        return value

    @model_validator(mode="after")
    def _cross_field(self) -> "LmiConfiguration":
        if self.allowed_instance_types and self.excluded_instance_types:
            raise ValueError("allowed_instance_types and excluded_instance_types cannot both be set "
                             "(AWS accepts one or the other)")
        ratio = self.memory_gib_per_vcpu
        if not facts.memory_is_aligned(self.memory_mb, ratio):
            raise ValueError(
                f"memory_mb ({self.memory_mb:,} MB) must be a whole number of vCPUs at memory_gib_per_vcpu "
                f"{ratio:g} (multiples of {ratio * 1024:,.0f} MB, e.g. "
                f"{facts.align_memory_mb(self.memory_mb, ratio):,} MB)")
        low, high = self.min_execution_environments, self.max_execution_environments
        if self.environment is Environment.PRODUCTION and low < facts.LMI_MIN_EXECUTION_ENVIRONMENTS_PRODUCTION:
            raise ValueError(f"min_execution_environments must be at least "
                             f"{facts.LMI_MIN_EXECUTION_ENVIRONMENTS_PRODUCTION} in production (got {low}): fewer "
                             "loses multi-AZ coverage; use 1 or 2 only in non-production")
        if high is not None and high < low:
            raise ValueError(f"max_execution_environments ({high}) must be at least min_execution_environments "
                             f"({low})")
        needed = low * self.vcpus_per_execution_environment
        if needed > self.max_vcpu_count:
            raise ValueError(f"min_execution_environments ({low}) × {self.vcpus_per_execution_environment:g} vCPU "
                             f"= {needed:g} vCPU exceeds max_vcpu_count ({self.max_vcpu_count}); raise "
                             "max_vcpu_count or lower the minimum")
        if self.target_cpu_utilization_pct is not None and self.scaling_mode is ScalingMode.AUTO:
            raise ValueError("target_cpu_utilization_pct needs scaling_mode Manual: ScalingMode Auto takes no "
                             "scaling policies")
        unknown = sorted(set(self.provenance) - set(type(self).model_fields))
        if unknown:
            raise ValueError(f"provenance names fields that do not exist: {', '.join(unknown)}")
        return self

    @property
    def vcpus_per_execution_environment(self) -> float:
        return facts.vcpus_for(self.memory_mb, self.memory_gib_per_vcpu)

    @property
    def total_concurrency_at_minimum(self) -> int:
        """MinExecutionEnvironments × PerExecutionEnvironmentMaxConcurrency."""
        return self.min_execution_environments * self.per_execution_environment_max_concurrency

    @property
    def deactivated(self) -> bool:
        """Min = Max = 0 deactivates the version; it does not recover without a scale-up."""
        return self.min_execution_environments == 0 and self.max_execution_environments == 0
