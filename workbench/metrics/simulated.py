"""A deterministic metrics source for the demo, tests and offline use.

Every value is a pure function of (seed, scenario, query, period start): a diurnal sine for the traffic, hash-based
noise (BLAKE2b, not Python's salted ``hash``), and the scenario's parameters. So any window returns the same value
for the same timestamp, two processes agree, and nothing touches the network. Traffic is simulated per minute and
summed over a period, so 60-second and 300-second series of the same workload agree with one another.

One simulated workload is shared between the old function (standard Lambda, ``1 − lmi_share`` of the traffic)
and the LMI version (``lmi_share``). The scenario shapes the LMI side; the standard side stays healthy.

Everything busy follows the traffic a side carries (issue 13: the demo showed the same CPU and concurrency at 10%
and at 100% on LMI). On the LMI side, per 5-minute period (lmi-facts.md "What LMI is", "Limits"; aws-facts.md §4):

* requests/s = mean rate × the day's load × ``lmi_share``; *busy* = load × ``lmi_share`` (1.0: the whole
  workload at its mean rate);
* invocations in flight = requests/s × average duration (Little's law); one execution environment (EE) serves
  many at once (multi-concurrency), so ``ExecutionEnvironmentConcurrency`` (the maximum per EE over 5 minutes) is
  in-flight / EEs × a burst factor, never above ``ExecutionEnvironmentConcurrencyLimit``
  (PerExecutionEnvironmentMaxConcurrency: 32 = the Python default 16 per vCPU × 2 vCPUs per EE);
* EE CPU = the scenario's CPU at the mean rate with all the traffic (``cpu_pct``) × busy × the minimum EEs / the
  EEs running: CPU time is spent per invocation and shared by the vCPUs of the fleet;
* the fleet never goes below its minimum (3 EEs, the default MinExecutionEnvironments), adds one when busy passes
  1.1 or more to keep the in-flight invocations within about 50% of the concurrency slots (the default
  TargetResourceUtilization), and keeps its memory in use while idle (Python pre-forks its processes: memory ≈ per-process memory ×
  concurrency), so memory moves only a little with load;
* throttles start when busy passes the scenario's ``throttle_threshold`` (so a small share never throttles).

With no traffic on a side (the cutover's 0% step) there are no invocations, so no duration, CPU or concurrency.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from workbench.lmi_facts import LMI_METRIC_PERIOD_S
from workbench.metrics.catalog import INSIGHTS, LAMBDA
from workbench.metrics.source import MetricQuery, Target, check_window, period_starts
from workbench.models import MetricSeries

_MIB = 1024 * 1024


@dataclass(frozen=True)
class Scenario:
    """How the LMI side behaves. Rates are fractions; utilisations are % at the mean rate with all the traffic on
    LMI (``cpu_pct`` may pass 100: the demand, which the EEs cap at 100%); thresholds are in *busy* units (the
    share of the workload's mean rate the side carries, see the module docstring)."""

    name: str
    description: str
    mean_rps: float = 45.7               # 120M requests/month, as in the demo workload
    diurnal_amplitude: float = 0.35      # ± share of the mean over a day (peak 15:00 UTC)
    error_rate: float = 0.001
    throttle_rate: float = 0.0           # grows with busy above throttle_threshold
    throttle_threshold: float = 1.0
    throttle_mix: tuple[tuple[str, float], ...] = (("ConcurrencyThrottles", 1.0),)
    duration_avg_ms: float = 350.0
    duration_load_sensitivity: float = 0.0  # duration grows once the CPU demand passes 80% (saturation)
    p99_factor: float = 3.4
    cpu_pct: float = 45.0                # ≈ 59 ms of CPU per invocation on 3 EEs × 2 vCPUs at 45.7 requests/s
    memory_pct: float = 55.0
    burst: float = 1.3                   # the 5-minute maximum of concurrency over its mean
    concurrency_limit: int = 32          # PerExecutionEnvironmentMaxConcurrency: Python 16 per vCPU × 2 vCPUs
    execution_environments: int = 3      # MinExecutionEnvironments (default 3)
    max_execution_environments: int | None = None  # MaxExecutionEnvironments: a cap the fleet cannot scale past
    vcpus_per_ee: float = 2.0
    memory_mb_per_ee: int = 8192
    fleet_vcpus: float = 16.0


SCENARIOS: dict[str, Scenario] = {s.name: s for s in (
    Scenario("healthy", "CPU around 45% with all the traffic on LMI, no throttles, 0.1% errors: ready for the "
                        "next step."),
    Scenario("cpu-hot", "CPU-bound code: CPU above 80% from half the traffic on LMI (pinned at 100% with all of "
                        "it), slower and spikier durations, CPU throttles at the peaks.",
             cpu_pct=164.0, duration_load_sensitivity=0.8, p99_factor=6.0, throttle_rate=0.004,
             throttle_threshold=0.525, throttle_mix=(("CPUThrottles", 0.9), ("ConcurrencyThrottles", 0.1))),
    Scenario("cpu-cold", "CPU under 20% even with all the traffic: more concurrency per environment would cost "
                         "less.",
             cpu_pct=12.0, memory_pct=30.0, execution_environments=6),
    Scenario("throttling", "Too few concurrency slots (3 EEs × 4, MaxExecutionEnvironments 3): from half the "
                           "traffic on LMI the EEs reach their limit and peaks throttle over 1%.",
             throttle_rate=0.03, throttle_threshold=0.45, concurrency_limit=4, cpu_pct=70.0,
             max_execution_environments=3,
             throttle_mix=(("ConcurrencyThrottles", 0.8), ("CPUThrottles", 0.2))),
    Scenario("memory-pressure", "Memory above 90%: more memory or less concurrency.",
             memory_pct=96.0, throttle_rate=0.002, throttle_threshold=0.475,
             throttle_mix=(("MemoryThrottles", 1.0),)),
    Scenario("errors", "A regression on the LMI version: 5% of invocations fail.", error_rate=0.05),
)}

def sized_like(scenario: Scenario, *, per_ee_max_concurrency: int, min_execution_environments: int,
               memory_mb: int, memory_gib_per_vcpu: float) -> Scenario:
    """``scenario`` on the fleet a session's LMI configuration describes (the demo watches its own configuration,
    not the default 3 EEs × 32). The CPU time per invocation stays the scenario's: its utilisation at full traffic
    is rescaled by the vCPUs the minimum EEs have (``cpu_pct`` × old vCPUs / new vCPUs)."""
    vcpus_per_ee = memory_mb / 1024 / memory_gib_per_vcpu  # the EE's vCPUs follow its memory and ratio
    old_vcpus = scenario.execution_environments * scenario.vcpus_per_ee
    new_vcpus = min_execution_environments * vcpus_per_ee
    return replace(scenario, concurrency_limit=per_ee_max_concurrency,
                   execution_environments=min_execution_environments, vcpus_per_ee=vcpus_per_ee,
                   memory_mb_per_ee=memory_mb, cpu_pct=scenario.cpu_pct * old_vcpus / new_vcpus,
                   fleet_vcpus=max(scenario.fleet_vcpus, new_vcpus))  # the instances hold at least the minimum EEs


# The standard side is always this (the old function is what the team runs today).
_STANDARD = Scenario("standard", "the old function", duration_avg_ms=350.0, p99_factor=3.4)
_COUNT_METRICS = {"Invocations", "Errors", "Throttles", "ConcurrencyThrottles", "CPUThrottles", "MemoryThrottles",
                  "DiskThrottles"}
_DEFAULT_UNITS = {
    "Invocations": "Count", "Errors": "Count", "Throttles": "Count", "ConcurrencyThrottles": "Count",
    "CPUThrottles": "Count", "MemoryThrottles": "Count", "DiskThrottles": "Count", "Duration": "Milliseconds",
    "ConcurrentExecutions": "Count", "ExecutionEnvironmentConcurrency": "Count",
    "ExecutionEnvironmentConcurrencyLimit": "Count", "ExecutionEnvironmentCPUUtilization": "Percent",
    "ExecutionEnvironmentMemoryUtilization": "Percent", "CPUUtilization": "Percent", "MemoryUtilization": "Percent",
    "vCPUAvailable": "Count", "vCPUAllocated": "Count", "MemoryAvailable": "Bytes", "MemoryAllocated": "Bytes",
    "cpu_total_time": "Milliseconds", "memory_utilization": "Percent",
}
_LMI_ONLY = {"ExecutionEnvironmentConcurrency", "ExecutionEnvironmentConcurrencyLimit",
             "ExecutionEnvironmentCPUUtilization", "ExecutionEnvironmentMemoryUtilization",
             "ConcurrencyThrottles", "CPUThrottles", "MemoryThrottles", "DiskThrottles"}
_PROVIDER = {"CPUUtilization", "MemoryUtilization", "vCPUAvailable", "vCPUAllocated", "MemoryAvailable",
             "MemoryAllocated"}


class SimulatedSource:
    """``MetricsSource`` that makes the numbers up, the same way every time."""

    def __init__(self, seed: int | str = 0, scenario: str = "healthy", *, lmi_share: float = 0.5,
                 sized: Scenario | None = None) -> None:
        """``sized``: the scenario already put on a session's fleet (``sized_like``); its name must be ``scenario``."""
        if scenario not in SCENARIOS:
            raise ValueError(f"scenario must be one of {', '.join(SCENARIOS)} (got {scenario!r})")
        if not 0.0 <= lmi_share <= 1.0:
            raise ValueError(f"lmi_share must be between 0 and 1 (got {lmi_share})")
        if sized is not None and sized.name != scenario:
            raise ValueError(f"the sized scenario is {sized.name!r}, not {scenario!r}")
        self.seed = seed
        self.scenario = sized or SCENARIOS[scenario]
        self.lmi_share = lmi_share
        self.name = f"simulated ({scenario}, seed {seed})"
        self._loads: dict[int, float] = {}  # memo of _load, cleared per fetch (pure, so only a speed-up)

    # --- the MetricsSource interface ---------------------------------------------------------------------------
    def fetch(self, queries: Sequence[MetricQuery], start: datetime, end: datetime) -> list[MetricSeries]:
        start, end = check_window(start, end)
        self._loads.clear()
        try:
            return [self._series(q, start, end) for q in queries]
        finally:
            self._loads.clear()

    def value_at(self, query: MetricQuery, timestamp: datetime) -> float | None:
        """The value of ``query`` for the period starting at ``timestamp`` (None: no data point there)."""
        return self._value(query, _target_of(query), _key_of(query), int(timestamp.timestamp()))

    # --- internals ---------------------------------------------------------------------------------------------
    def _series(self, query: MetricQuery, start: datetime, end: datetime) -> MetricSeries:
        target, key = _target_of(query), _key_of(query)
        points = []
        for moment in period_starts(start, end, query.period_seconds):
            value = self._value(query, target, key, int(moment.timestamp()))
            if value is not None:
                points.append({"timestamp": moment, "value": value})
        return MetricSeries.model_validate({
            "id": query.id, "namespace": query.namespace, "metric_name": query.metric_name,
            "dimensions": dict(query.dimensions), "stat": query.stat, "period_seconds": query.period_seconds,
            "unit": query.unit or _DEFAULT_UNITS.get(query.metric_name, "None"), "points": points,
            "label": query.label or query.metric_name, "source": "simulated"})

    def _noise(self, key: str, t: int) -> float:
        """A number in [-1, 1) fixed by (seed, scenario, key, t)."""
        digest = hashlib.blake2b(f"{self.seed}|{self.scenario.name}|{key}|{t}".encode(), digest_size=8).digest()
        return int.from_bytes(digest, "big") / 2**63 - 1.0

    def _load(self, minute: int) -> float:
        """Traffic at this minute as a multiple of the mean: the day's sine plus a little noise."""
        cached = self._loads.get(minute)
        if cached is None:
            day = (minute % 86_400) / 86_400
            cached = max(0.0, (1 + self.scenario.diurnal_amplitude * math.sin(2 * math.pi * (day - 0.375)))
                         * (1 + 0.04 * self._noise("traffic", minute)))
            self._loads[minute] = cached
        return cached

    def _window(self, query: MetricQuery, target: Target, t: int) -> tuple[list[int], float] | None:
        """The minutes a point at t covers, and the scale for sub-minute periods; None if nothing is published."""
        period = query.period_seconds
        if target != "standard" and period < LMI_METRIC_PERIOD_S:
            if t % LMI_METRIC_PERIOD_S:  # LMI metrics are published every 5 minutes
                return None
            period = LMI_METRIC_PERIOD_S
        if period < 60:
            return [t - t % 60], period / 60
        return list(range(t, t + period, 60)), 1.0

    def _value(self, query: MetricQuery, target: Target, key: str, t: int) -> float | None:
        metric = query.metric_name
        if query.namespace == INSIGHTS:
            return self._insights(query, key, t)
        if query.namespace != LAMBDA or metric not in _DEFAULT_UNITS:
            return None  # like CloudWatch: a metric nobody publishes has no data
        window = self._window(query, target, t)
        if window is None:
            return None
        minutes, scale = window
        sc = _STANDARD if target == "standard" else self.scenario
        share = (1 - self.lmi_share) if target == "standard" else self.lmi_share
        loads = [self._load(m) for m in minutes]
        load = sum(loads) / len(loads)
        busy = load * share  # the share of the workload's mean rate this side carries in this period
        noise = self._noise(key, t)
        invocations = sum(sc.mean_rps * 60 * each for each in loads) * share * scale
        samples = max(1, (query.period_seconds // 60) if target == "standard" else
                      query.period_seconds // LMI_METRIC_PERIOD_S)

        if metric in _COUNT_METRICS:
            count = self._count(metric, sc, invocations, busy, noise)
            return _count_stat(query.stat, count)
        if share == 0 and metric in _BUSY:
            return None  # no invocations on this side: no duration, CPU or concurrency to report either
        if metric == "Duration":
            return _duration_stat(query.stat, _duration_ms(sc, busy, noise), sc.p99_factor, invocations)
        gauge = self._gauge(metric, sc, busy, noise)
        if gauge is None:
            return None
        value, ceiling = gauge
        return _gauge_stat(query.stat, value, ceiling, samples)

    def _count(self, metric: str, sc: Scenario, invocations: float, busy: float, noise: float) -> float:
        if metric == "Invocations":
            return float(round(invocations))
        if metric == "Errors":
            return float(round(invocations * sc.error_rate * (1 + 0.3 * noise)))
        throttled = invocations * min(0.5, sc.throttle_rate * max(0.0, busy - sc.throttle_threshold) * 5)
        if metric == "Throttles":
            return float(round(throttled))
        return float(round(throttled * dict(sc.throttle_mix).get(metric, 0.0)))

    def _gauge(self, metric: str, sc: Scenario, busy: float, noise: float) -> tuple[float, float | None] | None:
        """(value at the period's average, the highest it can be or None); see the module docstring."""
        ees = _execution_environments(sc, busy)
        in_flight = sc.mean_rps * busy * _duration_ms(sc, busy, 0.0) / 1000  # Little's law: rate × time
        cpu = min(100.0, sc.cpu_pct * busy * sc.execution_environments / ees * (1 + 0.05 * noise))
        memory = min(100.0, sc.memory_pct * (0.9 + 0.1 * busy) * (1 + 0.02 * noise))
        if metric == "ConcurrentExecutions":  # standard Lambda: one invocation per environment
            return in_flight * (sc.burst + 0.1 * noise), None
        if metric == "ExecutionEnvironmentConcurrency":
            return min(float(sc.concurrency_limit), in_flight / ees * sc.burst * (1 + 0.05 * noise)), \
                float(sc.concurrency_limit)
        if metric == "ExecutionEnvironmentConcurrencyLimit":
            return float(sc.concurrency_limit), float(sc.concurrency_limit)
        if metric == "ExecutionEnvironmentCPUUtilization":
            return cpu, 100.0
        if metric == "ExecutionEnvironmentMemoryUtilization":
            return memory, 100.0
        if metric == "CPUUtilization":
            return cpu * 0.85, 100.0
        if metric == "MemoryUtilization":
            return memory * 0.9, 100.0
        if metric == "vCPUAllocated":
            return ees * sc.vcpus_per_ee, sc.fleet_vcpus
        if metric == "vCPUAvailable":
            return max(0.0, sc.fleet_vcpus - ees * sc.vcpus_per_ee), sc.fleet_vcpus
        fleet_bytes = sc.fleet_vcpus / sc.vcpus_per_ee * sc.memory_mb_per_ee * _MIB
        if metric == "MemoryAllocated":
            return ees * sc.memory_mb_per_ee * _MIB, fleet_bytes
        if metric == "MemoryAvailable":
            return max(0.0, fleet_bytes - ees * sc.memory_mb_per_ee * _MIB), fleet_bytes
        return None

    def _insights(self, query: MetricQuery, key: str, t: int) -> float | None:
        """Lambda Insights for the old function: CPU time per invocation and memory use."""
        noise = self._noise(key, t)
        load = self._load(t - t % 60)
        if query.metric_name == "cpu_total_time":
            return round(40.0 * (0.9 + 0.1 * load) * (1 + 0.05 * noise), 3)
        if query.metric_name == "memory_utilization":
            return round(min(100.0, 35.0 * (1 + 0.03 * noise)), 3)
        return None


# What only exists while invocations run: with none of the traffic on a side (the cutover's 0% step) the simulation
# publishes none of them, so the monitor never shows busy CPUs beside "no invocations". Memory and the fleet's
# capacity stay (the minimum EEs keep running).
_BUSY = frozenset({"Duration", "ConcurrentExecutions", "ExecutionEnvironmentConcurrency",
                   "ExecutionEnvironmentCPUUtilization", "CPUUtilization"})


# TargetResourceUtilization: LMI's scaling keeps about 50% headroom by default (lmi-facts.md "Sizing and
# scaling"), so the fleet grows before the EEs' concurrency slots fill up.
_TARGET_UTILISATION = 0.5


def _execution_environments(sc: Scenario, busy: float) -> int:
    """The EEs running: never fewer than the minimum; one more once the side is busier than 1.1 × the mean; and
    as many as keep the invocations in flight within about half of the EEs' concurrency slots."""
    in_flight = sc.mean_rps * busy * sc.duration_avg_ms / 1000
    by_slots = math.ceil(in_flight / (sc.concurrency_limit * _TARGET_UTILISATION))
    wanted = max(sc.execution_environments + (1 if busy > 1.1 else 0), by_slots)
    return min(wanted, sc.max_execution_environments) if sc.max_execution_environments else wanted


def _duration_ms(sc: Scenario, busy: float, noise: float) -> float:
    """Average duration: the scenario's, slower once the CPU demand passes 80% (CPU-bound work queues)."""
    demand = sc.cpu_pct * busy / 100
    return sc.duration_avg_ms * (1 + sc.duration_load_sensitivity * max(0.0, demand / 0.8 - 1)) * (1 + 0.05 * noise)


def _target_of(query: MetricQuery) -> Target:
    """Which side a query describes: its ``target`` if given, else inferred from the metric and period."""
    if query.target is not None:
        return query.target
    if query.metric_name in _PROVIDER and "FunctionName" not in query.dimensions:
        return "capacity-provider"
    if query.metric_name in _LMI_ONLY or query.period_seconds % LMI_METRIC_PERIOD_S == 0:
        return "lmi"
    return "standard"


def _key_of(query: MetricQuery) -> str:
    """What the noise of a series depends on: the metric and its dimensions (not the id, label or stat, so
    the average and p99 of one metric move together)."""
    return f"{query.namespace}/{query.metric_name}/{_target_of(query)}/{query.dimension_key()}"


def _percentile(stat: str) -> float | None:
    return float(stat[1:]) if stat.startswith("p") else None


def _count_stat(stat: str, count: float) -> float:
    if stat in ("Sum", "SampleCount"):
        return count
    return 1.0 if count > 0 else 0.0  # each invocation publishes 1: Average/Min/Max/pNN are 1


def _duration_stat(stat: str, avg: float, p99_factor: float, invocations: float) -> float:
    q = _percentile(stat)
    if q is not None:
        if q >= 50:
            factor = 0.8 + (p99_factor - 0.8) * min(1.0, ((q - 50) / 49) ** 3)
            factor *= 1.6 if q == 100 else 1.0
        else:
            factor = 0.8 * (0.5 + q / 100)
        return round(avg * factor, 3)
    return round({"Average": avg, "Maximum": avg * p99_factor * 1.6, "Minimum": avg * 0.3,
                  "Sum": avg * invocations, "SampleCount": invocations}[stat], 3)


def _gauge_stat(stat: str, value: float, ceiling: float | None, samples: int) -> float:
    def cap(v: float) -> float:
        return round(min(v, ceiling) if ceiling is not None else v, 3)

    q = _percentile(stat)
    if q is not None:
        return cap(value * (0.85 + 0.3 * q / 100))
    if stat == "Sum":
        return round(value * samples, 3)
    if stat == "SampleCount":
        return float(samples)
    return cap({"Average": value, "Maximum": value * 1.15, "Minimum": value * 0.85}[stat])
