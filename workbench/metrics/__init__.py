"""Metrics for the monitor pane: the query/source interface, the query catalogue, and a deterministic simulator.

The CloudWatch source (batched GetMetricData) lives in ``workbench/aws/`` behind the same ``MetricsSource``
interface; nothing here talks to the network.
"""

from workbench.metrics.catalog import (
    capacity_provider_queries,
    insights_queries,
    lmi_function_queries,
    standard_function_queries,
)
from workbench.metrics.simulated import SCENARIOS, Scenario, SimulatedSource
from workbench.metrics.source import (
    MetricQuery,
    MetricsSource,
    MetricsUnavailable,
    align_down,
    check_window,
    period_starts,
)

__all__ = [
    "SCENARIOS", "MetricQuery", "MetricsSource", "MetricsUnavailable", "Scenario", "SimulatedSource",
    "align_down", "capacity_provider_queries", "check_window", "insights_queries", "lmi_function_queries",
    "period_starts", "standard_function_queries",
]
