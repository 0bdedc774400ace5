"""The queries for the monitor's one view of both functions (aws-facts.md §4 "CloudWatch").

LMI metrics are published every 5 minutes (period 300 s) and split across dimensions: by alias — Invocations,
Errors, Throttles, Duration; by version — the ExecutionEnvironment* metrics; by capacity provider — CPU, memory
and vCPU. The old (standard) function's metrics are per minute (period 60 s).
"""

from __future__ import annotations

from workbench.lmi_facts import LMI_METRIC_PERIOD_S, STANDARD_METRIC_PERIOD_S
from workbench.metrics.source import MetricQuery

LAMBDA = "AWS/Lambda"
INSIGHTS = "LambdaInsights"
THROTTLE_REASONS = ("ConcurrencyThrottles", "CPUThrottles", "MemoryThrottles", "DiskThrottles")


def lmi_function_queries(function_name: str, *, alias: str, version: str, capacity_provider: str,
                         period_seconds: int = LMI_METRIC_PERIOD_S) -> list[MetricQuery]:
    """The LMI function's series: traffic by alias, execution environments by version, throttle reasons."""
    by_alias = {"FunctionName": function_name, "Resource": f"{function_name}:{alias}"}
    by_version = {"CapacityProviderName": capacity_provider, "FunctionName": function_name,
                  "Resource": f"{function_name}:{version}"}

    def q(qid: str, metric: str, stat: str, unit: str, label: str, dims: dict[str, str]) -> MetricQuery:
        return MetricQuery(id=qid, namespace=LAMBDA, metric_name=metric, dimensions=dims, stat=stat,
                           period_seconds=period_seconds, unit=unit, label=label, target="lmi")

    queries = [
        q("lmi_invocations", "Invocations", "Sum", "Count", "Invocations (LMI)", by_alias),
        q("lmi_errors", "Errors", "Sum", "Count", "Errors (LMI)", by_alias),
        q("lmi_throttles", "Throttles", "Sum", "Count", "Throttles (LMI)", by_alias),
        q("lmi_duration_avg", "Duration", "Average", "Milliseconds", "Duration avg (LMI)", by_alias),
        q("lmi_duration_p99", "Duration", "p99", "Milliseconds", "Duration p99 (LMI)", by_alias),
        q("ee_concurrency", "ExecutionEnvironmentConcurrency", "Maximum", "Count", "EE concurrency", by_version),
        q("ee_concurrency_limit", "ExecutionEnvironmentConcurrencyLimit", "Maximum", "Count",
          "EE concurrency limit", by_version),
        q("ee_cpu", "ExecutionEnvironmentCPUUtilization", "Average", "Percent", "EE CPU %", by_version),
        q("ee_memory", "ExecutionEnvironmentMemoryUtilization", "Average", "Percent", "EE memory %", by_version),
    ]
    # The AWS page does not say which dimensions the throttle-reason metrics carry; the alias is assumed here.
    for reason in THROTTLE_REASONS:
        qid = "throttle_" + reason.removesuffix("Throttles").lower()
        queries.append(q(qid, reason, "Sum", "Count", f"{reason} (LMI)", by_alias))
    return queries


def capacity_provider_queries(capacity_provider: str, *, instance_type: str | None = None,
                              period_seconds: int = LMI_METRIC_PERIOD_S) -> list[MetricQuery]:
    """The capacity provider's fleet: CPU and memory use, vCPU and memory (bytes) available and allocated."""
    dims = {"CapacityProviderName": capacity_provider}
    if instance_type:
        dims["InstanceType"] = instance_type
    rows = [("cp_cpu", "CPUUtilization", "Average", "Percent", "Fleet CPU %"),
            ("cp_memory", "MemoryUtilization", "Average", "Percent", "Fleet memory %"),
            ("cp_vcpu_available", "vCPUAvailable", "Average", "Count", "vCPU available"),
            ("cp_vcpu_allocated", "vCPUAllocated", "Average", "Count", "vCPU allocated"),
            ("cp_memory_available", "MemoryAvailable", "Average", "Bytes", "Memory available"),
            ("cp_memory_allocated", "MemoryAllocated", "Average", "Bytes", "Memory allocated")]
    return [MetricQuery(id=qid, namespace=LAMBDA, metric_name=metric, dimensions=dims, stat=stat,
                        period_seconds=period_seconds, unit=unit, label=label, target="capacity-provider")
            for qid, metric, stat, unit, label in rows]


def standard_function_queries(function_name: str, *, qualifier: str | None = None,
                              period_seconds: int = STANDARD_METRIC_PERIOD_S) -> list[MetricQuery]:
    """The old function on standard Lambda: traffic, errors, throttles, duration, concurrency."""
    dims = {"FunctionName": function_name}
    if qualifier:
        dims["Resource"] = f"{function_name}:{qualifier}"
    rows = [("old_invocations", "Invocations", "Sum", "Count", "Invocations (standard)"),
            ("old_errors", "Errors", "Sum", "Count", "Errors (standard)"),
            ("old_throttles", "Throttles", "Sum", "Count", "Throttles (standard)"),
            ("old_duration_avg", "Duration", "Average", "Milliseconds", "Duration avg (standard)"),
            ("old_duration_p99", "Duration", "p99", "Milliseconds", "Duration p99 (standard)"),
            ("old_concurrency", "ConcurrentExecutions", "Maximum", "Count", "Concurrent executions (standard)")]
    return [MetricQuery(id=qid, namespace=LAMBDA, metric_name=metric, dimensions=dims, stat=stat,
                        period_seconds=period_seconds, unit=unit, label=label, target="standard")
            for qid, metric, stat, unit, label in rows]


def insights_queries(function_name: str, *, period_seconds: int = STANDARD_METRIC_PERIOD_S) -> list[MetricQuery]:
    """Lambda Insights figures the starting configuration is derived from (cpu_total_time, memory_utilization)."""
    dims = {"function_name": function_name}
    return [
        MetricQuery(id="insights_cpu_total_time", namespace=INSIGHTS, metric_name="cpu_total_time",
                    dimensions=dims, stat="Average", period_seconds=period_seconds, unit="Milliseconds",
                    label="CPU time per invocation", target="standard"),
        MetricQuery(id="insights_memory_utilization", namespace=INSIGHTS, metric_name="memory_utilization",
                    dimensions=dims, stat="Maximum", period_seconds=period_seconds, unit="Percent",
                    label="Memory utilization", target="standard"),
    ]
