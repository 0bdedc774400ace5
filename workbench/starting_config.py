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

MaxVCpuCount holds the peak counted two ways, the larger deciding (:func:`fleet_need`): by concurrency slots, and
by the vCPUs the invocations' CPU keeps busy (:func:`cpu_demand`: Lambda Insights' cpu_total_time, else a stated
assumption from the CPU profile). The /tmp one invocation uses × the concurrency per EE is held against the
ephemeral storage (:func:`tmp_check`).

:func:`configuration_for` is the one entry point cost, triage, ``generate`` and ``deploy`` use: a stored
configuration wins whole; a file's ``lmi_configuration`` table wins for the settings it names (provenance
"file"); else the starting configuration.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

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


# The CPU-time share of an invocation assumed from the CPU profile when Lambda Insights is not imported
# (workbench.aws.to_workload classifies a measured share: io-bound up to 30%, cpu-bound from 70%, balanced
# between). Balanced and cpu-bound take the middle of their band; io-bound takes 5%, a function that mostly
# waits (the runtimes' default concurrency per vCPU — Node.js 64 — presumes very little CPU per invocation).
# Memory-heavy says nothing about CPU: taken as balanced. An unknown profile is not guessed: the fleet is then
# sized on concurrency slots alone, and the result says so. Lambda Insights' cpu_total_time replaces all of them.
ASSUMED_CPU_SHARE: dict[CpuProfile, float] = {
    CpuProfile.IO_BOUND: 0.05,
    CpuProfile.BALANCED: 0.5,
    CpuProfile.MEMORY_HEAVY: 0.5,
    CpuProfile.CPU_BOUND: 0.85,
}
# The share of each vCPU the fleet is sized to use: AWS's Auto scaling keeps about 50% headroom (lmi-facts.md,
# "Scaling controls": TargetResourceUtilization ~50% by default); the Insights concurrency formula targets the same.
TARGET_CPU_UTILISATION = 0.5


class UnsupportedRuntime(ValueError):
    """The workload's runtime cannot run on LMI, so there is no configuration to start from."""


class GivenConfigurationError(ValueError):
    """A configuration given in a file does not fit: ``field`` names it (``lmi_configuration.<name>``)."""

    def __init__(self, field: str | None, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}" if field else message)


@dataclass(frozen=True)
class CpuDemand:
    """How much of an invocation's duration burns CPU, and how that is known."""

    share: float | None  # CPU time ÷ average duration (above 1 for code that runs several threads); None: unknown
    basis: str           # the measurement or the assumption, in words
    measured: bool       # True: Lambda Insights cpu_total_time; False: assumed from the profile (or unknown)


def cpu_demand(workload: Workload) -> CpuDemand:
    """The CPU share of ``workload``'s invocations: Lambda Insights when imported, else the profile's assumption."""
    cpu, duration = workload.insights_cpu_total_time_ms, workload.duration_avg_ms
    if cpu is not None and duration:
        share = cpu / duration
        return CpuDemand(share, f"Lambda Insights: cpu_total_time {cpu:g} ms of {duration:g} ms average = "
                                f"{share:.0%} CPU", True)
    assumed = ASSUMED_CPU_SHARE.get(workload.cpu_profile)
    if assumed is None:
        return CpuDemand(None, "CPU profile unknown and no Lambda Insights: the CPU each invocation burns is not "
                               "counted, so concurrency slots alone size the fleet (set cpu_profile, or import "
                               "Lambda Insights, to count it)", False)
    return CpuDemand(assumed, f"assumed {assumed:.0%} CPU for {workload.cpu_profile.value} work (no Lambda Insights "
                              "cpu_total_time: import it to measure)", False)


@dataclass(frozen=True)
class FleetNeed:
    """The execution environments the peak needs, counted two ways; the larger decides."""

    peak_rps: float
    ees_by_slots: int
    ees_by_cpu: int | None
    vcpus_per_ee: int

    @property
    def decided_by(self) -> str:
        """"cpu" when the CPU the invocations burn needs more environments than their concurrency slots."""
        return "cpu" if self.ees_by_cpu is not None and self.ees_by_cpu > self.ees_by_slots else "concurrency"

    @property
    def ees(self) -> int:
        return max(self.ees_by_slots, self.ees_by_cpu or 0)

    @property
    def vcpus(self) -> int:
        return self.ees * self.vcpus_per_ee


def fleet_need(peak_rps: float, duration_ms: float, demand: CpuDemand, *, concurrency: int, vcpus_per_ee: int,
               utilisation: float = TARGET_CPU_UTILISATION) -> FleetNeed:
    """EEs for ``peak_rps``: by concurrency slots, ceil(rps × duration / (concurrency × utilisation)); by CPU,
    ceil(rps × CPU time / (vCPUs per EE × utilisation)) — the vCPUs the invocations keep busy."""
    seconds = duration_ms / 1000.0
    slots = math.ceil(peak_rps * seconds / (concurrency * utilisation) - 1e-9) if peak_rps > 0 else 0
    by_cpu = None
    if demand.share is not None:
        by_cpu = math.ceil(peak_rps * seconds * demand.share / (vcpus_per_ee * utilisation) - 1e-9) \
            if peak_rps > 0 else 0
    return FleetNeed(peak_rps, slots, by_cpu, vcpus_per_ee)


def peak_need(workload: Workload, concurrency: int, vcpus_per_ee: int) -> FleetNeed | None:
    """The peak's EEs by slots and by CPU for ``workload`` at this EE shape; None without a rate or a duration."""
    peak = (workload.peak_requests_per_second or workload.mean_requests_per_second
            or workload.implied_mean_requests_per_second)
    duration = workload.duration_avg_ms
    if not peak or not duration:
        return None
    return fleet_need(peak, duration, cpu_demand(workload), concurrency=concurrency, vcpus_per_ee=vcpus_per_ee)


_SIZING_NOTES = ("CPU decides the fleet:", "Sized on concurrency slots only:")


def sizing_note(need: FleetNeed | None, demand: CpuDemand) -> str | None:
    """The configuration's note when CPU decides the fleet, or when CPU could not be counted."""
    if need is not None and need.decided_by == "cpu":
        return (f"{_SIZING_NOTES[0]} {describe_need(need, demand)}. Concurrency slots alone would need "
                f"{need.ees_by_slots:,} EEs.")
    if need is not None and need.ees_by_cpu is None:
        return f"{_SIZING_NOTES[1]} {demand.basis}."
    return None


def describe_need(need: FleetNeed, demand: CpuDemand) -> str:
    """One line: the peak's EEs by slots and by CPU, and which decided."""
    rate = f"{need.peak_rps:,.0f}" if need.peak_rps >= 100 else f"{need.peak_rps:,.3g}"
    text = f"at the peak ({rate} requests/s): {need.ees_by_slots:,} EEs by concurrency slots"
    if need.ees_by_cpu is None:
        return text + f" (CPU not counted: {demand.basis})"
    text += f", {need.ees_by_cpu:,} by CPU ({demand.basis}, at {TARGET_CPU_UTILISATION:.0%} per vCPU)"
    decided = "CPU" if need.decided_by == "cpu" else "concurrency slots"
    return text + f" → {need.ees:,} EEs × {need.vcpus_per_ee} vCPU = {need.vcpus:,} vCPU, decided by {decided}"


_TMP_NOTE = "/tmp at full concurrency:"


@dataclass(frozen=True)
class TmpCheck:
    """Peak /tmp use of one execution environment against its ephemeral storage.

    Sources: lmi-facts.md, "Step 4: code readiness" (an EE runs many invocations at once; for Python /tmp "is
    shared by all processes", and a hard-coded /tmp path is clobbered across concurrent invocations); the AWS
    Lambda Developer Guide, "Configure ephemeral storage for Lambda functions" (/tmp from 512 MB to 10,240 MB,
    EphemeralStorage.Size; the Workload's ephemeral_storage_mb holds the same range).
    """

    per_invocation_mb: float
    concurrency: int
    ephemeral_mb: int

    @property
    def peak_mb(self) -> float:
        return self.per_invocation_mb * self.concurrency

    @property
    def fits(self) -> bool:
        return self.peak_mb <= self.ephemeral_mb

    def verdict(self) -> str:
        head = (f"{_TMP_NOTE} {self.per_invocation_mb:,.4g} MB per invocation × {self.concurrency} "
                f"concurrent invocations = {self.peak_mb:,.0f} MB of {self.ephemeral_mb:,} MB ephemeral storage "
                "(one execution environment's /tmp is shared by every invocation it runs)")
        if self.fits:
            return head + ": fits."
        return head + ": OVERFLOWS. Fix: " + "; or ".join(self.fixes()) + "."

    def fixes(self) -> list[str]:
        out = []
        needed = math.ceil(self.peak_mb)
        if needed <= facts.LAMBDA_EPHEMERAL_MB_MAX:
            out.append(f"raise the ephemeral storage to at least {needed:,} MB (512–10,240 MB)")
        if self.per_invocation_mb > 0:
            most = int(self.ephemeral_mb // self.per_invocation_mb)
            if most >= facts.LMI_MAX_CONCURRENCY_MIN:
                out.append(f"lower PerExecutionEnvironmentMaxConcurrency to {most} (what {self.ephemeral_mb:,} MB "
                           "holds)")
        out.append("stream the data instead of staging files in /tmp (and delete each file in a finally block)")
        return out


def tmp_check(workload: Workload, concurrency: int) -> TmpCheck | None:
    """The /tmp check for ``workload`` at ``concurrency`` per EE; None when the per-invocation use is not known."""
    if workload.tmp_use_mb_per_invocation is None:
        return None
    return TmpCheck(workload.tmp_use_mb_per_invocation, concurrency, workload.ephemeral_storage_mb)


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
                           workload_version: int | None = None, given: Mapping[str, Any] | None = None,
                           origin: str = "the workload file") -> LmiConfiguration:
    """The LMI configuration to start testing ``workload`` with.

    ``environment`` overrides the workload's own (it decides the minimum of 3 execution environments).
    ``given``: sizing values set in ``origin`` (memory, ratio, concurrency, minimum, MaxVCpuCount); each is used
    as given, marked "file", and what follows from it (vCPUs, concurrency, minimum, the peak's needs, the notes)
    is derived from it. Raises :class:`UnsupportedRuntime` for a runtime LMI does not run.
    """
    if workload.runtime_supported is False and workload.runtime_support is not None:
        raise UnsupportedRuntime(workload.runtime_support.explain())
    env = environment if environment is not None else workload.environment
    provenance: dict[str, Provenance] = {}
    notes: list[str] = []
    w = workload

    fixed = _usable(given)

    def from_file(name: str, extra: str = "") -> Provenance:
        return _p(ProvenanceSource.FILE, f"given in {origin} (lmi_configuration.{name}){extra}")

    ratio, ratio_why = memory_gib_per_vcpu_for(w)
    known_profile = w.cpu_profile is not CpuProfile.UNKNOWN or w.runtime_family == "python"
    provenance["memory_gib_per_vcpu"] = _p(ProvenanceSource.WORKLOAD if known_profile
                                           else ProvenanceSource.RULE_OF_THUMB, ratio_why)
    if "memory_gib_per_vcpu" in fixed:
        ratio = float(fixed["memory_gib_per_vcpu"])
        provenance["memory_gib_per_vcpu"] = from_file("memory_gib_per_vcpu")

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
    if "memory_mb" in fixed:
        memory = int(fixed["memory_mb"])
        provenance["memory_mb"] = from_file("memory_mb")
    vcpus = max(1, int(round(facts.vcpus_for(memory, ratio))))

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
    if "per_execution_environment_max_concurrency" in fixed:
        concurrency = int(fixed["per_execution_environment_max_concurrency"])
        provenance["per_execution_environment_max_concurrency"] = from_file(
            "per_execution_environment_max_concurrency")

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
    if "min_execution_environments" in fixed:
        minimum = int(fixed["min_execution_environments"])
        provenance["min_execution_environments"] = from_file("min_execution_environments")

    # --- the capacity provider's vCPU ceiling: the minimum, and the peak counted by slots and by CPU ---
    demand = cpu_demand(w)
    need = peak_need(w, concurrency, vcpus)
    peak_text = "; " + describe_need(need, demand) if need is not None else \
        "; the peak rate or the average duration is unknown, so the vCPUs the peak needs are not counted"
    needed_vcpus = minimum * vcpus
    if needed_vcpus > facts.LMI_MAX_VCPU_COUNT_DEFAULT and (need is None or needed_vcpus >= need.vcpus):
        max_vcpu = needed_vcpus
        provenance["max_vcpu_count"] = _p(ProvenanceSource.WORKLOAD, (
            f"raised from the default {facts.LMI_MAX_VCPU_COUNT_DEFAULT} to hold the minimum: {minimum} × "
            f"{vcpus} vCPU = {needed_vcpus:,} vCPU (leaves no room to scale out: raise it further)"))
    elif need is not None and need.vcpus > facts.LMI_MAX_VCPU_COUNT_DEFAULT:
        max_vcpu = min(facts.LMI_MAX_VCPU_COUNT_MAX, need.vcpus)
        capped = " (capped at the API maximum: the peak will throttle)" if max_vcpu < need.vcpus else ""
        provenance["max_vcpu_count"] = _p(ProvenanceSource.WORKLOAD, (
            f"raised from the default {facts.LMI_MAX_VCPU_COUNT_DEFAULT} to hold the peak{capped}{peak_text}"))
    else:
        max_vcpu = facts.LMI_MAX_VCPU_COUNT_DEFAULT
        provenance["max_vcpu_count"] = _p(ProvenanceSource.AWS_DEFAULT,
                                          f"MaxVCpuCount default {max_vcpu}: the capacity provider's cost ceiling"
                                          f"{peak_text}")
    if "max_vcpu_count" in fixed:
        max_vcpu = int(fixed["max_vcpu_count"])
        provenance["max_vcpu_count"] = from_file("max_vcpu_count", peak_text)
    note = sizing_note(need, demand)
    if note:
        notes.append(note)

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
    tmp = tmp_check(w, concurrency)
    if tmp is not None:
        notes.append(tmp.verdict())

    return LmiConfiguration(
        id=w.id, workload_id=w.id, workload_version=workload_version, environment=env,
        per_execution_environment_max_concurrency=concurrency, memory_mb=memory, memory_gib_per_vcpu=ratio,
        min_execution_environments=minimum, architecture=w.architecture, max_vcpu_count=max_vcpu,
        scaling_mode=ScalingMode.AUTO, provenance=provenance, notes=notes,
    )


# The sizing values a file may fix, which the derivation then builds on; anything else given is laid over it.
_SIZING_GIVEN: dict[str, type | tuple[type, ...]] = {"memory_gib_per_vcpu": (int, float), "memory_mb": int,
                 "per_execution_environment_max_concurrency": int, "min_execution_environments": int,
                 "max_vcpu_count": int}


def _usable(given: Mapping[str, Any] | None) -> dict[str, Any]:
    """The given sizing values of a usable type and sign; others are left for validation to name."""
    out: dict[str, Any] = {}
    for name, kinds in _SIZING_GIVEN.items():
        value = (given or {}).get(name)
        if isinstance(value, (int, float)) and isinstance(value, kinds) and not isinstance(value, bool) and value > 0:
            out[name] = value
    return out


# Fields of LmiConfiguration that are bookkeeping, not settings a file gives.
_NOT_GIVEN = frozenset({"id", "version", "workload_id", "workload_version", "provenance", "notes", "created_at"})


def configuration_for(workload: Workload, given: LmiConfiguration | Mapping[str, Any] | None = None, *,
                      origin: str = "the workload file", environment: Environment | None = None,
                      workload_version: int | None = None) -> LmiConfiguration:
    """The one LMI configuration for ``workload`` that cost, triage, generate and deploy all use.

    ``given`` wins: a stored :class:`LmiConfiguration` (the session's, with its own provenance) is used as it is;
    a mapping (a workload file's ``lmi_configuration`` table, whole or partial) replaces the derived values it
    names, each marked as given in ``origin``. Without it, :func:`starting_configuration`. Raises
    :class:`UnsupportedRuntime`, and :class:`GivenConfigurationError` naming the given field that does not fit.
    """
    if isinstance(given, LmiConfiguration):
        return given
    if given is not None and not isinstance(given, Mapping):
        raise GivenConfigurationError("lmi_configuration",
                                      f"expected a table of settings, found {type(given).__name__}")
    from pydantic import ValidationError

    given = given or {}
    known = [name for name in LmiConfiguration.model_fields if name not in _NOT_GIVEN]
    unknown = sorted(str(k) for k in given if k not in known and k not in _NOT_GIVEN)
    if unknown:
        raise GivenConfigurationError(f"lmi_configuration.{unknown[0]}",
                                      f"is not an LMI configuration setting (settings: {', '.join(known)})")
    values = {k: v for k, v in given.items() if k in known}
    try:
        derived = starting_configuration(workload, environment=environment, workload_version=workload_version,
                                         given=values, origin=origin)
        if not values:
            return derived
        data = derived.model_dump()
        data.update(values)
        stated_provenance = given.get("provenance")
        stated: Mapping[str, Any] = stated_provenance if isinstance(stated_provenance, Mapping) else {}
        provenance = dict(data["provenance"])
        for name in values:
            if name in stated:
                provenance[name] = stated[name]
            elif provenance.get(name, {}).get("source") != ProvenanceSource.FILE.value:
                provenance[name] = {"source": ProvenanceSource.FILE.value,
                                    "detail": f"given in {origin} (lmi_configuration.{name})"[:500]}
        data["provenance"] = provenance
        data["notes"] = [f"Set in {origin}: {', '.join(values)}; the rest derived from the workload and them."] + \
            data["notes"]
        return LmiConfiguration.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        loc = ".".join(str(p) for p in first.get("loc", ()))
        message = str(first.get("msg", "")).removeprefix("Value error, ")
        raise GivenConfigurationError(f"lmi_configuration.{loc}" if loc else "lmi_configuration",
                                      f"{message} (given in {origin})") from None


def configuration_origin(config: LmiConfiguration) -> str:
    """Where a configuration's values came from, in one line (for the cost result's assumptions)."""
    groups: dict[str, list[str]] = {}
    for name, origin in config.provenance.items():
        if origin.source is ProvenanceSource.FILE:
            groups.setdefault("given in the workload file", []).append(name)
        elif origin.source is ProvenanceSource.USER:
            groups.setdefault("set by a person", []).append(name)
    parts = [f"{', '.join(names)} {where}" for where, names in groups.items()]
    rest = "the rest derived from the workload" if parts else "derived from the workload"
    return (f"LMI configuration (the one generate and deploy use): {'; '.join(parts + [rest])} — "
            f"{config.memory_mb:,} MB at {config.memory_gib_per_vcpu:g}:1, "
            f"{config.per_execution_environment_max_concurrency} concurrent per EE, min "
            f"{config.min_execution_environments} EEs, MaxVCpuCount {config.max_vcpu_count:,}")
