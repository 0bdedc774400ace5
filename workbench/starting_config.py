"""The configuration to start testing LMI with, derived from a workload, each value with where it came from (pure).

With Lambda Insights figures (``insights_cpu_total_time_ms``, ``insights_memory_utilization_pct``) the three
formulas of ``lmi-facts.md`` ("Deriving a starting configuration from metrics"):

    PerExecutionEnvironmentMaxConcurrency = floor(0.5 × Duration / cpu_total_time)
    MemorySize = min(32768, max(2048, MaxConcurrency × memory_utilization/100 × current_memory_MB))
    MinExecutionEnvironments = max(3, ceil(baseline_ConcurrentExecutions × 2 / MaxConcurrency))

Without them: the runtime's default concurrency per vCPU (1 per vCPU for CPU-bound work), memory from the sizing
table, MinExecutionEnvironments 3 (1 in non-production), MaxVCpuCount 400. The memory-to-vCPU ratio comes from
the workload's profile either way: CPU-bound 2:1, general 4:1, memory-heavy or Python 8:1.

Memory is then aligned to the ratio (a whole number of vCPUs, :func:`workbench.lmi_facts.align_memory_mb`), so
at 4:1 or 8:1 the smallest size is 4,096 or 8,192 MB even where the table or the formula says 2,048 MB.
"""

from __future__ import annotations

import math

from workbench import lmi_facts as facts
from workbench.models import (
    CpuProfile,
    Environment,
    LmiConfiguration,
    Provenance,
    ProvenanceSource,
    ScalingMode,
    Workload,
)

# Over the four managed runtimes (16, Python's): Rust (8) is identified by its own runtime, provided.al2023.
CONSERVATIVE_CONCURRENCY_PER_VCPU = min(family.default_concurrency_per_vcpu
                                        for name, family in facts.SUPPORTED_RUNTIME_FAMILIES.items() if name != "rust")
NON_PRODUCTION_MIN_EXECUTION_ENVIRONMENTS = 1
# The insights formula's "× 2": 50% headroom over the baseline.
HEADROOM_FACTOR = 2

# lmi-facts.md "Memory sizing from today's Lambda": (up to MB today, LMI memory MB, the row as written).
# A row with a range (2–4 GB → 4096–8192; 4–10 GB → 8192–16384) takes the smallest power of two that holds
# today's memory, within the range; the ratio's alignment may raise it further.
SIZING_TABLE: tuple[tuple[int, int, int, str], ...] = (
    (512, 2048, 2048, "128–512 MB → 2,048 MB"),
    (1024, 2048, 2048, "512 MB–1 GB → 2,048 MB"),
    (2048, 4096, 4096, "1–2 GB → 4,096 MB"),
    (4096, 4096, 8192, "2–4 GB → 4,096–8,192 MB"),
    (facts.LAMBDA_MEMORY_MB_MAX, 8192, 16_384, "4–10 GB → 8,192–16,384 MB"),
)


class UnsupportedRuntime(ValueError):
    """The workload's runtime cannot run on LMI, so there is no configuration to start from."""


def _p(source: ProvenanceSource, detail: str) -> Provenance:
    return Provenance(source=source, detail=detail[:500])


def sized_memory_mb(today_mb: int) -> tuple[int, str]:
    """LMI memory for a function configured with ``today_mb`` on standard Lambda, before alignment, and the row."""
    for upto, low, high, row in SIZING_TABLE:
        if today_mb <= upto:
            target = low
            while target < today_mb and target < high:
                target *= 2
            return target, row
    return SIZING_TABLE[-1][2], SIZING_TABLE[-1][3]


def memory_gib_per_vcpu_for(workload: Workload) -> tuple[float, str]:
    """The memory-to-vCPU ratio for the workload's profile, and why."""
    profile = workload.cpu_profile
    if workload.runtime_family == "python":
        if profile is CpuProfile.CPU_BOUND:
            return 4.0, ("CPU-bound Python: 4:1, the lowest ratio advised for Python (the GIL limits CPU "
                         "parallelism per process)")
        return 8.0, "Python: 8:1 (each concurrent invocation is a process, so memory multiplies per process)"
    if profile is CpuProfile.CPU_BOUND:
        return 2.0, "CPU-bound: 2:1 (compute)"
    if profile is CpuProfile.MEMORY_HEAVY:
        return 8.0, "memory-heavy: 8:1"
    return 4.0, "general: 4:1, the ratio to start with"


def _aligned(memory_mb: float, ratio: float) -> tuple[int, str]:
    aligned = facts.align_memory_mb(memory_mb, ratio)
    vcpus = facts.vcpus_for(aligned, ratio)
    if aligned != round(memory_mb):
        return aligned, (f"; aligned to {ratio:g}:1 (whole vCPUs of {ratio * 1024:,.0f} MB) → {aligned:,} MB "
                         f"= {vcpus:g} vCPU")
    return aligned, f" = {vcpus:g} vCPU at {ratio:g}:1"


def starting_configuration(workload: Workload, *, environment: Environment | None = None,
                           workload_version: int | None = None) -> LmiConfiguration:
    """The LMI configuration to start testing ``workload`` with.

    ``environment`` overrides the workload's own (it decides the minimum of 3 execution environments).
    Raises :class:`UnsupportedRuntime` for a runtime LMI does not run.
    """
    if workload.runtime_supported is False and workload.runtime_support is not None:
        raise UnsupportedRuntime(workload.runtime_support.explain())
    env = environment if environment is not None else workload.environment
    provenance: dict[str, Provenance] = {}
    notes: list[str] = []
    w = workload

    ratio, ratio_why = memory_gib_per_vcpu_for(w)
    known_profile = w.cpu_profile is not CpuProfile.UNKNOWN or w.runtime_family == "python"
    provenance["memory_gib_per_vcpu"] = _p(ProvenanceSource.WORKLOAD if known_profile
                                           else ProvenanceSource.RULE_OF_THUMB, ratio_why)

    # --- concurrency from Lambda Insights, when there is CPU time to divide by ---
    cpu, duration = w.insights_cpu_total_time_ms, w.duration_avg_ms
    from_insights: int | None = None
    if cpu is not None and duration is not None:
        if cpu > 0:
            quotient = 0.5 * duration / cpu
            huge = not quotient < 1e15  # also inf: a cpu_total_time next to zero
            raw = facts.LMI_MAX_CONCURRENCY_MAX + 1 if huge else math.floor(quotient + 1e-9)
            from_insights = min(facts.LMI_MAX_CONCURRENCY_MAX, max(facts.LMI_MAX_CONCURRENCY_MIN, raw))
            text = (f"Lambda Insights: floor(0.5 × {duration:g} ms / {cpu:g} ms) = "
                    f"{f'{quotient:.3g}' if huge else raw}")
            if raw < facts.LMI_MAX_CONCURRENCY_MIN:
                text += f", raised to {facts.LMI_MAX_CONCURRENCY_MIN} (the minimum)"
            elif raw > facts.LMI_MAX_CONCURRENCY_MAX:
                text += f", capped at {facts.LMI_MAX_CONCURRENCY_MAX} (the API maximum)"
            provenance["per_execution_environment_max_concurrency"] = _p(ProvenanceSource.LAMBDA_INSIGHTS, text)
        else:
            notes.append("Lambda Insights reports a cpu_total_time of 0 ms, which the concurrency formula cannot "
                         "divide by: the runtime default is used instead.")

    # --- memory: the insights formula, else the sizing table; then aligned to the ratio ---
    utilization, today = w.insights_memory_utilization_pct, w.memory_mb
    if from_insights is not None and utilization is not None and today is not None:
        raw_mb = from_insights * utilization / 100 * today
        capped = min(facts.LMI_MEMORY_MB_MAX, max(facts.LMI_MEMORY_MB_MIN, raw_mb))
        memory, aligned_why = _aligned(capped, ratio)
        provenance["memory_mb"] = _p(ProvenanceSource.LAMBDA_INSIGHTS, (
            f"Lambda Insights: min(32768, max(2048, {from_insights} × {utilization:g}% × {today:,} MB = "
            f"{raw_mb:,.0f} MB)) = {capped:,.0f} MB{aligned_why}"))
    elif today is not None:
        sized, row = sized_memory_mb(today)
        memory, aligned_why = _aligned(sized, ratio)
        provenance["memory_mb"] = _p(ProvenanceSource.WORKLOAD,
                                     f"sizing table ({row}): {today:,} MB today → {sized:,} MB{aligned_why}")
    else:
        memory, aligned_why = _aligned(facts.LMI_MEMORY_MB_MIN, ratio)
        provenance["memory_mb"] = _p(ProvenanceSource.RULE_OF_THUMB, (
            f"memory_mb unknown: 2,048 MB, the guidance's start without Lambda Insights{aligned_why}"))
    vcpus = int(round(facts.vcpus_for(memory, ratio)))

    # --- concurrency without Lambda Insights: per-vCPU default × vCPUs ---
    if from_insights is not None:
        concurrency = from_insights
    else:
        runtime = facts.SUPPORTED_RUNTIME_FAMILIES.get(w.runtime_family or "")
        if w.cpu_profile is CpuProfile.CPU_BOUND:
            per_vcpu, source = facts.CPU_BOUND_CONCURRENCY_PER_VCPU, ProvenanceSource.RUNTIME_DEFAULT
            label = "CPU-bound work: 1 per vCPU"
        elif runtime is not None:
            per_vcpu, source = runtime.default_concurrency_per_vcpu, ProvenanceSource.RUNTIME_DEFAULT
            label = f"{runtime.display_name} default {per_vcpu} per vCPU"
        else:
            per_vcpu, source = CONSERVATIVE_CONCURRENCY_PER_VCPU, ProvenanceSource.RULE_OF_THUMB
            label = f"runtime unknown: {per_vcpu} per vCPU (the most conservative runtime default)"
            notes.append(f"The runtime is unknown, so concurrency uses the most conservative runtime default "
                         f"({per_vcpu} per vCPU); fill in the runtime to get its own default.")
        concurrency = min(facts.LMI_MAX_CONCURRENCY_MAX, per_vcpu * vcpus)
        provenance["per_execution_environment_max_concurrency"] = _p(
            source, f"{label} × {vcpus} vCPU = {concurrency}")

    # --- minimum execution environments ---
    floor = (facts.LMI_MIN_EXECUTION_ENVIRONMENTS_PRODUCTION if env is Environment.PRODUCTION
             else NON_PRODUCTION_MIN_EXECUTION_ENVIRONMENTS)
    where = "in production (fewer loses multi-AZ coverage)" if env is Environment.PRODUCTION else \
        "in non-production, where 1 is allowed (no multi-AZ coverage; use 3 in production)"
    baseline = w.baseline_concurrent_executions
    if from_insights is not None and baseline is not None:
        needed = math.ceil(baseline * HEADROOM_FACTOR / concurrency)
        minimum = max(floor, needed)
        min_text = f"Lambda Insights: max({floor}, ceil({baseline:,} × 2 / {concurrency})) = {minimum} {where}"
        min_source = ProvenanceSource.LAMBDA_INSIGHTS
    else:
        minimum = floor
        min_text = f"{floor} {where}"
        if from_insights is not None:
            min_text += "; baseline_concurrent_executions is unknown, so the headroom formula was not applied"
        min_source = ProvenanceSource.RULE_OF_THUMB
    most = min(facts.LMI_EXECUTION_ENVIRONMENTS_MAX, facts.LMI_MAX_VCPU_COUNT_MAX // vcpus)
    if minimum > most:
        min_text += f", capped at {most} (at {vcpus} vCPU each, the most a capacity provider's vCPU limit holds)"
        minimum = most
    provenance["min_execution_environments"] = _p(min_source, min_text)

    # --- the capacity provider's vCPU ceiling ---
    needed_vcpus = minimum * vcpus
    if needed_vcpus > facts.LMI_MAX_VCPU_COUNT_DEFAULT:
        max_vcpu = needed_vcpus
        provenance["max_vcpu_count"] = _p(ProvenanceSource.WORKLOAD, (
            f"raised from the default {facts.LMI_MAX_VCPU_COUNT_DEFAULT} to hold the minimum: {minimum} × "
            f"{vcpus} vCPU = {needed_vcpus:,} vCPU (leaves no room to scale out: raise it further)"))
    else:
        max_vcpu = facts.LMI_MAX_VCPU_COUNT_DEFAULT
        provenance["max_vcpu_count"] = _p(ProvenanceSource.AWS_DEFAULT,
                                          f"MaxVCpuCount default {max_vcpu}: the capacity provider's cost ceiling")

    provenance["architecture"] = _p(ProvenanceSource.WORKLOAD, (
        f"as the function runs today ({w.architecture.value}); the capacity provider must match. Graviton "
        "(arm64) gives the best price-performance unless x86 dependencies exist"))
    provenance["scaling_mode"] = _p(ProvenanceSource.AWS_DEFAULT,
                                    "Auto: AWS keeps about 50% headroom; Manual sets your own CPU target")

    if from_insights is None:
        notes.append("Starting values without Lambda Insights: adjust them in testing. Lambda Insights (the "
                     "LambdaInsightsExtension layer) would allow the derivation formulas; adding it changes the "
                     "function, so only with your confirmation.")
    if w.runtime_family == "python":
        notes.append("Python runs each concurrent invocation as its own process: memory ≈ per-process memory × "
                     "concurrency, /tmp is shared by all of them, and total database connections = pool size × "
                     "concurrency.")
    if w.cpu_profile is CpuProfile.CPU_BOUND:
        notes.append("CPU-bound: if CPU stays above 80%, lower the concurrency or add vCPUs.")
    notes.append(f"Total capacity at the minimum: {minimum} × {concurrency} = {minimum * concurrency:,} concurrent "
                 "invocations.")

    return LmiConfiguration(
        id=w.id, workload_id=w.id, workload_version=workload_version, environment=env,
        per_execution_environment_max_concurrency=concurrency, memory_mb=memory, memory_gib_per_vcpu=ratio,
        min_execution_environments=minimum, architecture=w.architecture, max_vcpu_count=max_vcpu,
        scaling_mode=ScalingMode.AUTO, provenance=provenance, notes=notes,
    )
