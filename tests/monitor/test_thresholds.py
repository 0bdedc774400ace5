"""The cutover thresholds over hand-built series: exactly at a boundary is fine, a hair over breaches (the same rule
as GateResult.breached), no data is said as such, and the documented numbers come from lmi_facts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.monitor._series import NOW, bundle, series
from workbench.lmi_facts import CUTOVER_GATE_THRESHOLDS
from workbench.models import CutoverState, GateResult
from workbench.monitor.thresholds import (
    ERROR_RATE_MARGIN_PP,
    ERROR_RATE_TOLERANCE,
    LATENCY_P99_TOLERANCE,
    ORDER,
    ThresholdState,
    evaluate,
    gate_results,
    overall,
)

OK, BREACH, NO_DATA = ThresholdState.OK, ThresholdState.BREACH, ThresholdState.NO_DATA


def status(statuses, name):
    return next(s for s in statuses if s.name == name)


def check(name: str, **values):
    return status(evaluate(bundle(**values), now=NOW), name)


@pytest.mark.parametrize("throttles, invocations, state, observed", [
    ([4, 3, 3], [400, 300, 300], OK, 1.0),                       # exactly 1% of 1,000
    ([10_001], [1_000_000], BREACH, 1.0001),                     # 1.0001%
    ([9_999], [1_000_000], OK, 0.9999),
    ([0], [500], OK, 0.0),
])
def test_throttle_rate_boundary(throttles, invocations, state, observed) -> None:
    s = check("throttle-rate", lmi_throttles=throttles, lmi_invocations=invocations)
    assert (s.state, s.observed, s.threshold, s.comparison, s.unit) == (state, observed, 1.0, ">", "%")
    assert "invocations over the last 15 min" in s.detail


def test_throttle_rate_names_the_main_reason_and_handles_no_invocations() -> None:
    s = check("throttle-rate", lmi_throttles=[20], lmi_invocations=[1000], throttle_cpu=[18],
              throttle_concurrency=[2])
    assert s.state is BREACH and "mostly CPU throttles (90%)" in s.detail
    s = check("throttle-rate", lmi_throttles=[5], lmi_invocations=[0])
    assert (s.state, s.observed) == (BREACH, 100.0) and "no invocations" in s.detail
    s = check("throttle-rate", lmi_throttles=[0], lmi_invocations=[0])
    assert (s.state, s.observed) == (NO_DATA, None) and s.detail == "no invocations in the last 15 min"


@pytest.mark.parametrize("cpu, high, low", [
    ([80.0, 80.0, 80.0], OK, OK),
    ([79.0, 81.0, 80.0003], BREACH, OK),    # mean 80.0001
    ([20.0, 20.0, 20.0], OK, OK),
    ([19.0, 21.0, 19.9997], OK, BREACH),    # mean 19.9999
])
def test_cpu_high_and_low_boundaries(cpu, high, low) -> None:
    statuses = evaluate(bundle(ee_cpu=cpu), now=NOW)
    assert (status(statuses, "cpu-high").state, status(statuses, "cpu-low").state) == (high, low)
    assert status(statuses, "cpu-high").detail.startswith("average ")


@pytest.mark.parametrize("memory, state", [([50.0, 90.0, 70.0], OK), ([50.0, 90.01, 70.0], BREACH)])
def test_memory_reads_the_worst_period(memory, state) -> None:
    s = check("memory-high", ee_memory=memory)
    assert s.state is state and s.observed == max(memory) and "12:50 UTC" in s.detail


@pytest.mark.parametrize("used, limit, state, observed", [
    ([10, 19, 12], [20, 20, 20], BREACH, 95.0),      # exactly 95% breaches: the comparison is >=
    ([10, 18, 12], [20, 20, 20], OK, 90.0),
    ([1899, 10, 10], [2000, 2000, 2000], OK, 94.95),
])
def test_concurrency_near_limit_is_inclusive(used, limit, state, observed) -> None:
    s = check("concurrency-saturated", ee_concurrency=used, ee_concurrency_limit=limit)
    assert (s.state, s.observed, s.comparison) == (state, observed, ">=")


def test_concurrency_without_a_limit_has_no_data() -> None:
    s = check("concurrency-saturated", ee_concurrency=[5, 6])
    assert s.state is NO_DATA and "EE concurrency limit" in s.detail


@pytest.mark.parametrize("lmi_errors, old_errors, state, threshold", [
    ([15], [100], OK, 1.5),            # standard 1.0% → fails above max(1.5, 1.1) = 1.5; LMI exactly 1.5%
    ([16], [100], BREACH, 1.5),
    ([1], [0], OK, 0.1),               # standard 0% → the margin: fails above 0.1 pp
    ([2], [0], BREACH, 0.1),
    ([1050, 0], [70], OK, 1.05),       # 0.7 × 1.5 is 1.0499999999999998 in floats: rounding keeps it 1.05
])
def test_error_rate_against_the_standard_baseline(lmi_errors, old_errors, state, threshold) -> None:
    lmi_inv = [1000] if len(lmi_errors) == 1 else [100_000, 0]
    s = check("error-rate", lmi_invocations=lmi_inv, lmi_errors=lmi_errors, old_invocations=[10_000],
              old_errors=old_errors)
    assert (s.state, s.threshold, s.comparison, s.unit) == (state, threshold, ">", "%")
    assert "standard" in s.detail and "LMI" in s.detail


def test_the_baseline_rules_are_the_workbench_choice_written_down() -> None:
    assert (ERROR_RATE_TOLERANCE, ERROR_RATE_MARGIN_PP, LATENCY_P99_TOLERANCE) == (1.5, 0.1, 1.2)
    s = check("error-rate", lmi_invocations=[1000], lmi_errors=[30], old_invocations=[1000], old_errors=[20])
    assert s.threshold == 3.0 and s.state is OK  # 2% × 1.5


@pytest.mark.parametrize("lmi_p99, state", [([600.0, 600.0], OK), ([600.0, 601.0], BREACH)])
def test_latency_p99_against_the_standard_baseline(lmi_p99, state) -> None:
    s = check("latency-p99", lmi_duration_p99=lmi_p99, old_duration_p99=[450.0, 550.0])
    assert (s.state, s.threshold, s.unit) == (state, 600.0, "ms")


def test_baselines_without_the_old_function_have_no_data_and_no_gate() -> None:
    statuses = evaluate(bundle(lmi_invocations=[1000], lmi_errors=[50], lmi_duration_p99=[900.0]), now=NOW)
    for name in ("error-rate", "latency-p99"):
        s = status(statuses, name)
        assert (s.state, s.threshold, s.observed) == (NO_DATA, None, None)
        assert "no standard function to compare with" in s.detail
    assert {g.name for g in gate_results(statuses, 0, NOW)}.isdisjoint({"error-rate", "latency-p99"})
    idle_old = evaluate(bundle(lmi_invocations=[1000], lmi_errors=[50], old_invocations=[0], old_errors=[0]),
                        now=NOW)
    assert "had no invocations in the last 15 min: no baseline" in status(idle_old, "error-rate").detail


def test_the_window_is_the_last_15_minutes_before_now() -> None:
    inside = series("ee_cpu", [90.0], start=NOW - timedelta(minutes=15))     # starts exactly at now − 15 min
    s = status(evaluate({"ee_cpu": inside}, now=NOW), "cpu-high")
    assert s.state is BREACH and s.last_datapoint == NOW - timedelta(minutes=15)
    old = series("ee_cpu", [90.0, 95.0], start=NOW - timedelta(minutes=25))  # 12:35, 12:40: before the window
    s = status(evaluate({"ee_cpu": old}, now=NOW), "cpu-high")
    assert (s.state, s.observed) == (NO_DATA, None)
    assert s.detail == "no EE CPU datapoints in the last 15 min (newest 2026-11-20 " \
                       "12:40 UTC)"
    at_now = series("ee_cpu", [90.0], start=NOW)                              # the period starting at now: later
    assert status(evaluate({"ee_cpu": at_now}, now=NOW), "cpu-high").state is NO_DATA
    wider = status(evaluate({"ee_cpu": old}, now=NOW, window=timedelta(minutes=30)), "cpu-high")
    assert (wider.state, wider.observed) == (BREACH, 92.5) and "last 30 min" in wider.detail


def test_nothing_at_all_is_no_data_everywhere_in_order() -> None:
    statuses = evaluate({}, now=NOW)
    assert [s.name for s in statuses] == list(ORDER)
    assert all(s.state is NO_DATA and s.advice and s.title for s in statuses)
    assert status(statuses, "throttle-rate").detail == "LMI invocations: not queried"
    assert overall(statuses) is NO_DATA


def test_documented_thresholds_come_from_lmi_facts() -> None:
    statuses = evaluate({}, now=NOW)
    for name, metric, cmp, value, unit, advice in CUTOVER_GATE_THRESHOLDS:
        s = status(statuses, name)
        assert (s.metric, s.comparison, s.threshold, s.unit) == (metric, cmp, value, unit)
        assert s.advice.startswith(advice)


def test_gate_results_agree_with_gate_result_breached() -> None:
    values = bundle(lmi_invocations=[400, 300, 300], lmi_throttles=[4, 3, 3], ee_cpu=[79.0, 81.0, 80.0003],
                    ee_memory=[90.0], ee_concurrency=[19], ee_concurrency_limit=[20], lmi_errors=[16],
                    old_invocations=[1000], old_errors=[10], lmi_duration_p99=[600.0], old_duration_p99=[500.0])
    statuses = evaluate(values, now=NOW)
    gates = gate_results(statuses, 1, NOW)
    assert [g.name for g in gates] == list(ORDER)
    expected = {"throttle-rate": True, "cpu-high": False, "cpu-low": True, "memory-high": True,
                "concurrency-saturated": False, "error-rate": False, "latency-p99": True}
    assert {g.name: g.passed for g in gates} == expected
    for g, s in zip(gates, statuses):
        assert g.passed is (not g.breached(g.observed)) and (s.state is BREACH) is (not g.passed)
        assert (g.step_index, g.evaluated_at, g.threshold, g.observed) == (1, NOW, s.threshold, s.observed)
    assert overall(statuses) is BREACH
    # They fit a cutover state's gates for step 1 (the model validates them).
    CutoverState(old_function_name="o", new_function_name="n", gates=gates)
    empty = gate_results(evaluate({}, now=NOW), 0, NOW)
    assert [g.passed for g in empty] == [None] * 5 and all(isinstance(g, GateResult) for g in empty)


def test_overall_is_ok_only_when_every_threshold_is_ok() -> None:
    values = bundle(lmi_invocations=[1000], lmi_throttles=[1], ee_cpu=[50.0], ee_memory=[50.0],
                    ee_concurrency=[5], ee_concurrency_limit=[20], lmi_errors=[1], old_invocations=[1000],
                    old_errors=[1], lmi_duration_p99=[100.0], old_duration_p99=[100.0])
    assert overall(evaluate(values, now=NOW)) is OK
    del values["old_duration_p99"]
    assert overall(evaluate(values, now=NOW)) is NO_DATA


def test_a_naive_now_or_an_empty_window_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        evaluate({}, now=NOW.replace(tzinfo=None))
    with pytest.raises(ValueError, match="window must be positive"):
        evaluate({}, now=NOW, window=timedelta(0))


def test_details_name_what_the_monitor_shows_not_cloudwatch_metric_names() -> None:
    """Issue 13: a reason beside a chart labelled "EE CPU %" said "no ExecutionEnvironmentCPUUtilization
    datapoints". Every detail uses the charts' words, with data and without."""
    import re

    idle = {qid: s for qid, s in bundle(lmi_invocations=[0], lmi_throttles=[0], old_invocations=[100],
                                        old_errors=[0], old_duration_p99=[900.0]).items()}
    stale = {qid: series(qid, [50.0], start=NOW - timedelta(hours=2))
             for qid in ("ee_cpu", "ee_memory", "ee_concurrency", "ee_concurrency_limit", "lmi_duration_p99")}
    throttled = bundle(lmi_invocations=[1000], lmi_throttles=[50], throttle_concurrency=[40], throttle_cpu=[10])
    details = [s.detail for case in ({}, idle, stale, throttled) for s in evaluate(case, now=NOW)]
    camel = [d for d in details if re.search(r"\b[A-Z][a-z]+[A-Z][A-Za-z]+", d)]  # ExecutionEnvironmentCPU…
    assert camel == []
    joined = "\n".join(details)
    for words in ("no EE CPU datapoints", "no EE memory datapoints", "no EE concurrency datapoints",
                  "no LMI p99 datapoints", "mostly concurrency throttles (80%)"):
        assert words in joined, words


# --- cpu-low at a partial cutover step (issue 13 item 6) ---------------------------------------------------------
def test_cpu_low_judges_the_cpu_lmi_would_have_with_all_the_traffic():
    """At 10% on LMI the minimum EEs idle at 4.5% CPU: that is 45% with all the traffic, not a reason to roll
    back. The detail gives both numbers; the gate records the scaled value."""
    ten = check("cpu-low", ee_cpu=[4.5, 4.5, 4.5], lmi_invocations=[100] * 3, old_invocations=[180] * 15)
    assert ten.state is OK and ten.observed == pytest.approx(45.0)
    assert "≈45% with all the traffic" in ten.detail and "average 4.5%" in ten.detail and "10% of the" in ten.detail
    assert "share" in ten.metric
    cold = check("cpu-low", ee_cpu=[1.5] * 3, lmi_invocations=[100] * 3, old_invocations=[180] * 15)
    assert cold.state is BREACH and cold.observed == pytest.approx(15.0)  # too cold even with all of it
    # cpu-high is about now: the CPU as seen
    assert check("cpu-high", ee_cpu=[4.5] * 3, lmi_invocations=[100] * 3, old_invocations=[180] * 15).observed == 4.5


@pytest.mark.parametrize("values, observed", [
    ({"lmi_invocations": [100] * 3, "old_invocations": [0] * 15}, 12.0),  # all the traffic on LMI
    ({"lmi_invocations": [100] * 3}, 12.0),                             # no standard function to compare with
    ({"lmi_invocations": [1000] * 3, "old_invocations": [1] * 15}, 12.0),  # 99.5%: counted as all of it
])
def test_cpu_low_uses_the_cpu_as_seen_when_lmi_serves_everything_or_the_share_is_unknown(values, observed):
    got = check("cpu-low", ee_cpu=[12.0] * 3, **values)
    assert got.state is BREACH and got.observed == pytest.approx(observed)
    assert got.metric == "ExecutionEnvironmentCPUUtilization"


def test_cpu_low_without_lmi_invocations_waits_for_traffic():
    got = check("cpu-low", ee_cpu=[3.0] * 3, lmi_invocations=[0] * 3, old_invocations=[60] * 15)
    assert got.state is NO_DATA and "judged once LMI serves traffic" in got.detail


def _demo_fleet():
    """The healthy scenario on the demo session's own LMI configuration, as the Monitor pane watches it."""
    from workbench.demo import demo_documents
    from workbench.metrics.simulated import SCENARIOS, sized_like
    from workbench.models import Workload
    from workbench.starting_config import starting_configuration

    workload = next(doc for doc, _ in demo_documents() if isinstance(doc, Workload))
    config = starting_configuration(workload, workload_version=1)  # what the app derives on the demo's start
    assert (config.min_execution_environments, config.per_execution_environment_max_concurrency) == (8, 4)
    return sized_like(SCENARIOS["healthy"], per_ee_max_concurrency=config.per_execution_environment_max_concurrency,
                      min_execution_environments=config.min_execution_environments, memory_mb=config.memory_mb,
                      memory_gib_per_vcpu=config.memory_gib_per_vcpu)


@pytest.mark.parametrize("fleet", ["default", "demo-configuration"])
@pytest.mark.parametrize("hour", [3, 9, 15, 21])  # the simulated day's trough is 03:00 UTC, its peak 15:00
@pytest.mark.parametrize("pct", [10, 50, 100])
def test_the_demo_walk_through_passes_every_gate_at_every_step_at_any_hour(pct, hour, fleet):
    """The demo (healthy scenario) at each cutover step, on the default fleet and on the demo session's own
    configuration (8 EEs × 4): nothing breaches, so forward 10 → 50 → 100 works; CPU and concurrency grow with
    the step."""
    from datetime import datetime, timezone

    from workbench.metrics import SimulatedSource
    from workbench.monitor import MonitorSession, demo_target

    now = datetime(2026, 11, 20, hour, 1, tzinfo=timezone.utc)
    sized = _demo_fleet() if fleet == "demo-configuration" else None
    source = SimulatedSource(scenario="healthy", lmi_share=pct / 100, sized=sized)
    snapshot = MonitorSession(source, demo_target()).refresh(now)
    states = {s.name: s.state for s in snapshot.statuses}
    assert BREACH not in states.values(), {s.name: s.detail for s in snapshot.statuses if s.breached}
    assert all(states[name] is OK for name in ("throttle-rate", "cpu-high", "cpu-low", "memory-high",
                                                "concurrency-saturated"))
    # with all the traffic on LMI the standard function has none: no baseline for errors and latency
    baselines = {states["error-rate"], states["latency-p99"]}
    assert baselines == ({NO_DATA} if pct == 100 else {OK})
