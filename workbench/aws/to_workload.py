"""A function's configuration and CloudWatch history → the ``Workload`` document (pure: no AWS calls).

Values AWS gives that the Workload cannot hold (a timeout above 900 s on a function already on LMI, a subnet id
in an unexpected form) are left out with a note rather than failing the import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from workbench import lmi_facts as facts
from workbench.aws.cloudwatch import FunctionMetrics
from workbench.aws.costexplorer import CostReading
from workbench.aws.functions import FunctionInfo
from workbench.aws.traffic_shape import TrafficFigures, traffic_figures
from workbench.models import CpuProfile, DataSource, Workload

# cpu_total_time / Duration (Lambda Insights): where the time of an invocation goes.
CPU_BOUND_SHARE = 0.7  # the CPU is busy ≥ 70% of the invocation → cpu-bound
IO_BOUND_SHARE = 0.3  # ≤ 30% → io-bound (waiting on I/O); in between → balanced

_SUBNET = re.compile(r"^subnet-[0-9a-f]{8,17}$")
_SECURITY_GROUP = re.compile(r"^sg-[0-9a-f]{8,17}$")
_RUNTIME = re.compile(facts.RUNTIME_IDENTIFIER_PATTERN)


@dataclass
class BuiltWorkload:
    workload: Workload
    figures: TrafficFigures | None
    notes: list[str] = field(default_factory=list)


def cpu_profile(cpu_total_time_ms: float | None, duration_avg_ms: float | None) -> tuple[CpuProfile, str]:
    if not cpu_total_time_ms or not duration_avg_ms:
        return CpuProfile.UNKNOWN, ""
    share = cpu_total_time_ms / duration_avg_ms
    if share >= CPU_BOUND_SHARE:
        profile = CpuProfile.CPU_BOUND
    elif share <= IO_BOUND_SHARE:
        profile = CpuProfile.IO_BOUND
    else:
        profile = CpuProfile.BALANCED
    return profile, (f"CPU profile {profile.value}: cpu_total_time is {share:.0%} of the average duration "
                     f"(cpu-bound from {CPU_BOUND_SHARE:.0%}, io-bound up to {IO_BOUND_SHARE:.0%})")


def _in_range(value, lo, hi) -> bool:
    return value is not None and lo <= value <= hi


def source_detail(fn: FunctionInfo, metrics: FunctionMetrics | None) -> str:
    parts = [f"account {fn.account_id or 'unknown'}", fn.region]
    if metrics is not None:
        parts.append(f"CloudWatch {metrics.window.describe()}")
    return " · ".join(parts)


def build_workload(fn: FunctionInfo, metrics: FunctionMetrics | None = None, *, cost: CostReading | None = None,
                   workload_id: str = "default", extra_notes: Iterable[str] = ()) -> BuiltWorkload:
    """The Workload for ``fn`` (source aws-import) with what ``metrics`` and ``cost`` add; notes say what is
    missing or was left out, and are also written into ``Workload.notes``."""
    notes: list[str] = list(extra_notes)
    values: dict = {
        "id": workload_id, "function_name": fn.name, "function_arn": fn.arn or None, "region": fn.region,
        "architecture": fn.architecture if fn.architecture in ("x86_64", "arm64") else "x86_64",
        "source": DataSource.AWS_IMPORT, "source_detail": source_detail(fn, metrics)[:500],
        "in_vpc": fn.in_vpc,
    }
    if fn.capacity_provider_arn:
        notes.append(f"already runs on Lambda Managed Instances (capacity provider {fn.capacity_provider_arn})")
    if fn.runtime and _RUNTIME.match(fn.runtime):
        values["runtime"] = fn.runtime
    elif fn.package_type == "Image":
        notes.append("container image: Lambda reports no runtime; enter the language (LMI runs Node.js, Java, "
                     ".NET and Python)")
    if _in_range(fn.memory_mb, facts.LAMBDA_MEMORY_MB_MIN, facts.LAMBDA_MEMORY_MB_MAX):
        values["memory_mb"] = fn.memory_mb
    elif fn.memory_mb is not None:
        notes.append(f"memory {fn.memory_mb} MB is outside standard Lambda's range; left empty")
    if _in_range(fn.timeout_s, facts.LAMBDA_TIMEOUT_S_MIN, facts.LAMBDA_TIMEOUT_S_MAX):
        values["timeout_s"] = fn.timeout_s
    elif fn.timeout_s is not None:
        notes.append(f"timeout {fn.timeout_s} s is above standard Lambda's {facts.LAMBDA_TIMEOUT_S_MAX} s; left empty")
    if _in_range(fn.ephemeral_storage_mb, facts.LAMBDA_EPHEMERAL_MB_MIN, facts.LAMBDA_EPHEMERAL_MB_MAX):
        values["ephemeral_storage_mb"] = fn.ephemeral_storage_mb
    subnets = [s for s in fn.subnet_ids if _SUBNET.match(s)][:16]
    groups = [g for g in fn.security_group_ids if _SECURITY_GROUP.match(g)][:5]
    if len(subnets) != len(fn.subnet_ids) or len(groups) != len(fn.security_group_ids):
        notes.append("some VPC subnet or security-group ids were not in the usual form and were left out")
    if fn.in_vpc:
        values.update(subnet_ids=subnets, security_group_ids=groups)

    figures = None
    if metrics is not None:
        figures = _traffic(values, metrics, notes)
    if cost is not None:
        if cost.monthly_usd is not None:
            values["monthly_lambda_spend_usd"] = round(cost.monthly_usd, 2)
        if cost.note:
            notes.append(cost.note)

    values["notes"] = "\n".join(f"- {n}" for n in notes)[:4000]
    try:
        workload = Workload(**values)
    except ValueError as error:  # pydantic's ValidationError is a ValueError: keep what is certainly valid
        notes.append(f"some imported values were rejected and left out: {error}")
        keep = {k: values[k] for k in ("id", "function_name", "function_arn", "region", "architecture", "source",
                                       "source_detail") if k in values}
        workload = Workload(**keep, notes="\n".join(f"- {n}" for n in notes)[:4000])
    return BuiltWorkload(workload, figures, notes)


def _traffic(values: dict, metrics: FunctionMetrics, notes: list[str]) -> TrafficFigures:
    window = metrics.window
    figures = traffic_figures(metrics.hourly_invocations, metrics.hourly_concurrency,
                              start_hour_of_day=window.start.hour, duration_avg_ms=metrics.duration_avg_ms)
    values.update(
        traffic_pattern=figures.shape.pattern,
        requests_per_month=figures.requests_per_month,
        mean_requests_per_second=figures.mean_rps,
        peak_requests_per_second=figures.peak_rps,
    )
    if figures.baseline_concurrency is not None:
        values.update(baseline_concurrent_executions=figures.baseline_concurrency,
                      peak_concurrent_executions=figures.peak_concurrency)
        if figures.concurrency_basis.startswith("estimated"):
            notes.append(f"concurrency {figures.concurrency_basis}")
    notes.append(f"traffic {figures.shape.describe()}: {figures.shape.reason}")
    if metrics.total_invocations <= 0:
        notes.append(f"no invocations in the last {window.days} days")
    first = metrics.first_active_hour
    if first is not None and first >= 24:
        notes.append(f"first invocation {first // 24} days into the window: the function may be newer than the "
                     "window, so monthly figures may be low")
    timeout_ms = (values.get("timeout_s") or facts.LAMBDA_TIMEOUT_S_MAX) * 1000
    avg, p99 = metrics.duration_avg_ms, metrics.duration_p99_ms
    if avg is not None and 0 <= avg <= timeout_ms:
        values["duration_avg_ms"] = avg
    if p99 is not None and 0 <= p99 <= timeout_ms and (avg is None or p99 >= avg):
        values["duration_p99_ms"] = p99
    elif p99 is not None:
        notes.append(f"Duration p99 {p99:g} ms was inconsistent with the average or the timeout; left empty")
    if metrics.errors or metrics.throttles:
        notes.append(f"{metrics.errors or 0:,.0f} errors and {metrics.throttles or 0:,.0f} throttles in the window")
    cpu, mem = metrics.insights_cpu_total_time_ms, metrics.insights_memory_utilization_pct
    if cpu is not None and 0 <= cpu <= 5_400_000:
        values["insights_cpu_total_time_ms"] = cpu
    if mem is not None and 0 <= mem <= 100:
        values["insights_memory_utilization_pct"] = mem
    profile, why = cpu_profile(cpu, avg)
    if profile is not CpuProfile.UNKNOWN:
        values["cpu_profile"] = profile
        notes.append(why)
    notes.extend(metrics.notes)
    return figures
