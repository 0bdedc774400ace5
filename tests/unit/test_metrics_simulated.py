"""The metrics interface and the deterministic simulator: same numbers for the same timestamps, aligned
periods, scenarios that differ the way their names say, and no network."""

from __future__ import annotations

import socket
from datetime import datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from workbench.metrics import (
    SCENARIOS,
    MetricQuery,
    MetricsSource,
    SimulatedSource,
    align_down,
    capacity_provider_queries,
    insights_queries,
    lmi_function_queries,
    period_starts,
    standard_function_queries,
)

END = datetime(2026, 11, 2, 18, 0, tzinfo=timezone.utc)


def all_queries() -> list[MetricQuery]:
    return (lmi_function_queries("orders-api", alias="live", version="7", capacity_provider="orders-cp")
            + capacity_provider_queries("orders-cp")
            + standard_function_queries("orders-api", qualifier="prod")
            + insights_queries("orders-api"))


def by_id(series):
    return {s.id: s for s in series}


def points(series):
    return {p.timestamp: p.value for p in series.points}


def mean(series):
    return sum(series.values) / len(series.values)


def test_simulator_is_a_metrics_source_and_answers_every_query_in_order():
    src = SimulatedSource(seed=1)
    assert isinstance(src, MetricsSource) and "simulated" in src.name
    queries = all_queries()
    out = src.fetch(queries, END - timedelta(hours=1), END)
    assert [s.id for s in out] == [q.id for q in queries]
    assert all(s.points and s.source == "simulated" for s in out)


def test_the_lmi_catalogue_covers_the_documented_series():
    names = {(q.metric_name, q.stat) for q in all_queries()}
    for expected in [("Invocations", "Sum"), ("Errors", "Sum"), ("Throttles", "Sum"), ("Duration", "Average"),
                     ("Duration", "p99"), ("ExecutionEnvironmentConcurrency", "Maximum"),
                     ("ExecutionEnvironmentConcurrencyLimit", "Maximum"),
                     ("ExecutionEnvironmentCPUUtilization", "Average"),
                     ("ExecutionEnvironmentMemoryUtilization", "Average"), ("CPUUtilization", "Average"),
                     ("MemoryUtilization", "Average"), ("vCPUAvailable", "Average"), ("vCPUAllocated", "Average"),
                     ("ConcurrencyThrottles", "Sum"), ("CPUThrottles", "Sum"), ("MemoryThrottles", "Sum"),
                     ("DiskThrottles", "Sum"), ("ConcurrentExecutions", "Maximum")]:
        assert expected in names
    lmi = lmi_function_queries("f", alias="live", version="3", capacity_provider="cp")
    alias_level = {q.metric_name: q.dimensions for q in lmi}
    assert alias_level["Invocations"] == {"FunctionName": "f", "Resource": "f:live"}
    assert alias_level["ExecutionEnvironmentCPUUtilization"]["Resource"] == "f:3"
    assert alias_level["ExecutionEnvironmentCPUUtilization"]["CapacityProviderName"] == "cp"
    assert len({q.id for q in all_queries()}) == len(all_queries())


def test_lmi_series_are_five_minute_and_standard_series_one_minute():
    out = by_id(SimulatedSource(seed=1).fetch(all_queries(), END - timedelta(hours=2), END))
    assert out["lmi_invocations"].period_seconds == 300 and len(out["lmi_invocations"].points) == 24
    assert out["ee_cpu"].period_seconds == 300 and out["cp_vcpu_allocated"].period_seconds == 300
    assert out["old_invocations"].period_seconds == 60 and len(out["old_invocations"].points) == 120


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_same_timestamps_give_the_same_values_whatever_the_window(scenario):
    src = SimulatedSource(seed=42, scenario=scenario)
    queries = all_queries()
    first = by_id(src.fetch(queries, END - timedelta(hours=6), END - timedelta(hours=1)))
    second = by_id(src.fetch(queries, END - timedelta(hours=3, minutes=7), END))
    again = by_id(SimulatedSource(seed=42, scenario=scenario).fetch(queries, END - timedelta(hours=6), END))
    for q in queries:
        a, b, c = points(first[q.id]), points(second[q.id]), points(again[q.id])
        shared = set(a) & set(b)
        assert shared, q.id
        assert all(a[t] == b[t] == c[t] for t in shared), q.id


def test_value_at_matches_fetch():
    src = SimulatedSource(seed=3, scenario="cpu-hot")
    q = lmi_function_queries("f", alias="live", version="1", capacity_provider="cp")[7]
    series = src.fetch([q], END - timedelta(minutes=30), END)[0]
    assert all(src.value_at(q, p.timestamp) == p.value for p in series.points)


def test_seeds_change_the_noise_but_not_the_shape():
    q = standard_function_queries("f")[0]
    a = SimulatedSource(seed=1).fetch([q], END - timedelta(hours=1), END)[0]
    b = SimulatedSource(seed=2).fetch([q], END - timedelta(hours=1), END)[0]
    assert a.values != b.values
    assert mean(a) == pytest.approx(mean(b), rel=0.05)


def test_points_sit_on_period_boundaries_inside_the_window():
    start = datetime(2026, 11, 2, 10, 2, 17, tzinfo=timezone.utc)
    end = datetime(2026, 11, 2, 11, 31, 0, tzinfo=timezone.utc)
    for series in SimulatedSource(seed=5).fetch(all_queries(), start, end):
        stamps = [p.timestamp for p in series.points]
        assert all(int(t.timestamp()) % series.period_seconds == 0 for t in stamps), series.id
        assert stamps[0] >= start and stamps[-1] < end
        assert all(t.tzinfo is not None and t.utcoffset() == timedelta(0) for t in stamps)
    assert stamps[0] == datetime(2026, 11, 2, 10, 3, tzinfo=timezone.utc)


def test_lmi_metrics_asked_at_one_minute_are_still_published_every_five():
    q = MetricQuery(id="cpu1m", namespace="AWS/Lambda", metric_name="ExecutionEnvironmentCPUUtilization",
                    dimensions={"FunctionName": "f", "Resource": "f:1", "CapacityProviderName": "cp"},
                    stat="Average", period_seconds=60)
    series = SimulatedSource(seed=5).fetch([q], END - timedelta(minutes=30), END)[0]
    assert len(series.points) == 6
    assert all(p.timestamp.minute % 5 == 0 for p in series.points)


def test_alignment_helpers():
    t = datetime(2026, 11, 2, 10, 7, 59, tzinfo=timezone.utc)
    assert align_down(t, 300) == datetime(2026, 11, 2, 10, 5, tzinfo=timezone.utc)
    assert align_down(t, 60) == datetime(2026, 11, 2, 10, 7, tzinfo=timezone.utc)
    starts = period_starts(datetime(2026, 11, 2, 10, 0, tzinfo=timezone.utc), t, 300)
    assert [s.minute for s in starts] == [0, 5]


def test_one_workload_seen_at_two_resolutions_adds_up():
    """Five one-minute standard points sum to what a five-minute standard query says."""
    one = standard_function_queries("f", period_seconds=60)[0]
    five = standard_function_queries("f", period_seconds=300)[0]
    src = SimulatedSource(seed=9)
    fine = src.fetch([one], END - timedelta(minutes=15), END)[0]
    coarse = src.fetch([five], END - timedelta(minutes=15), END)[0]
    assert sum(fine.values) == pytest.approx(sum(coarse.values), abs=15)


def test_traffic_is_split_between_the_old_function_and_lmi():
    queries = [standard_function_queries("f")[0],
               lmi_function_queries("f", alias="live", version="1", capacity_provider="cp")[0]]
    for share in (0.1, 0.5, 0.9):
        old, new = SimulatedSource(seed=4, lmi_share=share).fetch(queries, END - timedelta(hours=1), END)
        assert sum(new.values) / (sum(old.values) + sum(new.values)) == pytest.approx(share, abs=0.01)


def test_scenarios_differ_the_way_their_names_say():
    """Each scenario with all the traffic on LMI (what it describes), and with half of it (the CLI demo's default:
    the misbehaviour already shows, the old function keeps the other half)."""
    window = (END - timedelta(hours=24), END)

    def run(scenario, share=1.0):
        return by_id(SimulatedSource(seed=11, scenario=scenario, lmi_share=share).fetch(all_queries(), *window))

    healthy, hot, cold, throttling, memory, errors = (run(s) for s in ("healthy", "cpu-hot", "cpu-cold",
                                                                        "throttling", "memory-pressure", "errors"))
    assert max(healthy["ee_cpu"].values) < 80 and min(healthy["ee_cpu"].values) > 20
    assert sum(healthy["lmi_throttles"].values) == 0
    assert max(healthy["ee_concurrency"].values) < 0.5 * healthy["ee_concurrency_limit"].values[0]
    assert max(hot["ee_cpu"].values) > 80 and mean(hot["lmi_duration_p99"]) > mean(healthy["lmi_duration_p99"])
    assert sum(hot["throttle_cpu"].values) > sum(hot["throttle_concurrency"].values) > 0
    assert max(cold["ee_cpu"].values) < 20
    peak_rate = max(t / i for t, i in zip(throttling["lmi_throttles"].values, throttling["lmi_invocations"].values))
    assert peak_rate > 0.01
    assert max(throttling["ee_concurrency"].values) == throttling["ee_concurrency_limit"].values[0]
    assert mean(memory["ee_memory"]) > 90 and sum(memory["throttle_memory"].values) > 0
    assert sum(errors["lmi_errors"].values) / sum(errors["lmi_invocations"].values) == pytest.approx(0.05, rel=0.1)

    half = {s: run(s, 0.5) for s in ("healthy", "cpu-hot", "throttling", "memory-pressure")}
    assert max(half["cpu-hot"]["ee_cpu"].values) > 80 and sum(half["cpu-hot"]["throttle_cpu"].values) > 0
    assert max(half["throttling"]["ee_concurrency"].values) == half["throttling"]["ee_concurrency_limit"].values[0]
    assert sum(half["throttling"]["lmi_throttles"].values) > 0
    assert mean(half["memory-pressure"]["ee_memory"]) > 90
    # the old function runs on standard Lambda whatever happens on the LMI side
    assert mean(half["cpu-hot"]["old_duration_avg"]) == pytest.approx(mean(half["healthy"]["old_duration_avg"]),
                                                                       rel=0.05)


def test_values_stay_in_their_units_range():
    out = by_id(SimulatedSource(seed=8, scenario="cpu-hot").fetch(all_queries(), END - timedelta(hours=24), END))
    for qid in ("ee_cpu", "ee_memory", "cp_cpu", "cp_memory"):
        assert all(0 <= v <= 100 for v in out[qid].values), qid
    assert all(v >= 0 for s in out.values() for v in s.values)
    for avg, p99 in zip(out["lmi_duration_avg"].values, out["lmi_duration_p99"].values):
        assert p99 >= avg


def test_unknown_metrics_have_no_data_like_cloudwatch():
    q = MetricQuery(id="nope", namespace="AWS/Lambda", metric_name="NoSuchMetric", stat="Sum", period_seconds=60)
    assert SimulatedSource().fetch([q], END - timedelta(hours=1), END)[0].points == []


def test_bad_arguments_are_refused_clearly():
    with pytest.raises(ValueError, match="scenario must be one of"):
        SimulatedSource(scenario="on-fire")
    with pytest.raises(ValueError, match="lmi_share"):
        SimulatedSource(lmi_share=1.5)
    src = SimulatedSource()
    with pytest.raises(ValueError, match="end .* must be after start"):
        src.fetch(all_queries(), END, END - timedelta(hours=1))
    with pytest.raises(ValueError, match="timezone-aware"):
        src.fetch(all_queries(), datetime(2026, 1, 1), datetime(2026, 1, 2))
    with pytest.raises(ValidationError, match="id must start with a lowercase letter"):
        MetricQuery(id="Bad-Id", namespace="AWS/Lambda", metric_name="Errors")
    with pytest.raises(ValidationError, match="period_seconds"):
        MetricQuery(id="x", namespace="AWS/Lambda", metric_name="Errors", period_seconds=90)


def test_no_network_is_touched(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the simulator opened a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    out = SimulatedSource(seed=1, scenario="throttling").fetch(all_queries(), END - timedelta(hours=1), END)
    assert len(out) == len(all_queries())


def test_with_no_traffic_on_lmi_there_is_no_cpu_or_concurrency_beside_no_invocations():
    """Issue 13: at the cutover's 0% step the demo monitor showed CPU 47.6% and concurrency 17 with 'no
    invocations'. Busy gauges follow the traffic: none without invocations; memory and capacity stay."""
    queries = lmi_function_queries("orders-api", alias="live", version="7", capacity_provider="orders-cp")
    idle = by_id(SimulatedSource(lmi_share=0.0).fetch(queries, END - timedelta(hours=3), END))
    busy = by_id(SimulatedSource(lmi_share=0.5).fetch(queries, END - timedelta(hours=3), END))
    by_metric = {q.metric_name: q.id for q in queries}
    assert set(idle[by_metric["Invocations"]].values) == {0.0}
    durations = [q.id for q in queries if q.metric_name == "Duration"]  # the p99 too: no invocations, no time
    assert durations
    busy_ids = [by_metric["ExecutionEnvironmentConcurrency"], by_metric["ExecutionEnvironmentCPUUtilization"]]
    for qid in [*busy_ids, *durations]:
        assert idle[qid].values == [], qid
        assert busy[qid].values and max(busy[qid].values) > 0, qid
    assert idle[by_metric["ExecutionEnvironmentMemoryUtilization"]].values


# --- the cutover's traffic step (issue 13 item 6): what each side shows follows the share it serves -------------
STEP_WINDOW = (END - timedelta(hours=1), END)  # 17:00–18:00 UTC: load about 1.2–1.25 × the mean


def _side(share: float, scenario: str = "healthy"):
    queries = all_queries()
    return by_id(SimulatedSource(seed=7, scenario=scenario, lmi_share=share).fetch(queries, *STEP_WINDOW))


def _ratios(a, b, qid):
    """Point by point a/b of one series (same timestamps, fixed seed: the same noise on both)."""
    pa, pb = points(a[qid]), points(b[qid])
    assert pa and set(pa) == set(pb), qid
    return [pa[t] / pb[t] for t in sorted(pa)]


def test_lmi_concurrency_and_cpu_scale_with_the_share_of_traffic_on_lmi():
    """10% → 50% on LMI: five times the invocations, five times the concurrency per EE and five times the CPU (the
    minimum three EEs serve it all); the fleet's memory in use hardly moves."""
    ten, fifty = _side(0.1), _side(0.5)
    for qid in ("lmi_invocations", "ee_concurrency", "ee_cpu", "cp_cpu"):
        assert all(r == pytest.approx(5.0, rel=0.01) for r in _ratios(fifty, ten, qid)), qid
    assert all(r == pytest.approx(1.0, rel=0.08) for r in _ratios(fifty, ten, "ee_memory"))
    assert set(ten["ee_concurrency_limit"].values) == set(fifty["ee_concurrency_limit"].values) == {32.0}
    # with one tenth of the workload the fleet is nearly idle; with half of it, busy but far from its limits
    assert max(ten["ee_cpu"].values) < 10 < min(fifty["ee_cpu"].values) < max(fifty["ee_cpu"].values) < 40
    assert max(ten["ee_concurrency"].values) < 2 < min(fifty["ee_concurrency"].values)


def test_at_100_percent_the_fleet_scales_out_at_the_peak_and_each_ee_carries_its_part():
    """All the traffic at 1.2 × the mean: a fourth EE joins the minimum three, so each EE's concurrency and CPU are
    10 × the 10% step's × 3/4, never above the limit."""
    ten, full = _side(0.1), _side(1.0)
    assert set(full["cp_vcpu_allocated"].values) == {8.0} and set(ten["cp_vcpu_allocated"].values) == {6.0}
    for qid in ("ee_concurrency", "ee_cpu"):
        assert all(r == pytest.approx(7.5, rel=0.01) for r in _ratios(full, ten, qid)), qid
    assert all(r == pytest.approx(10.0, rel=0.01) for r in _ratios(full, ten, "lmi_invocations"))
    assert max(full["ee_concurrency"].values) <= 32 and max(full["ee_cpu"].values) < 80


def test_lmi_concurrency_is_the_invocations_in_flight_spread_over_the_ees():
    """Little's law: in flight = invocations per second × average duration; ExecutionEnvironmentConcurrency (the
    5-minute maximum per EE) is that over the EEs running, times a burst of about 1.3, and its Maximum statistic
    (what the monitor asks for: the busiest EE) about 1.15 × more."""
    for share in (0.1, 0.5, 1.0):
        out = _side(share)
        inv, dur, conc = points(out["lmi_invocations"]), points(out["lmi_duration_avg"]), points(out["ee_concurrency"])
        ees = {t: v / 2 for t, v in points(out["cp_vcpu_allocated"]).items()}  # 2 vCPUs per EE
        for t in conc:
            in_flight = inv[t] / 300 * dur[t] / 1000
            assert conc[t] == pytest.approx(in_flight / ees[t] * 1.3 * 1.15, rel=0.12), (share, t)


def test_the_standard_side_serves_the_remainder():
    """The old function's invocations and concurrent executions follow 1 − share: at 10% on LMI it carries 90%,
    1.8 × what it carries at 50%; at 100% on LMI it has no invocations and no concurrency or duration."""
    ten, fifty, full = _side(0.1), _side(0.5), _side(1.0)
    for qid in ("old_invocations", "old_concurrency"):
        assert sum(ten[qid].values) / sum(fifty[qid].values) == pytest.approx(1.8, rel=0.02), qid
    assert set(full["old_invocations"].values) == {0.0}
    assert full["old_concurrency"].values == [] and full["old_duration_p99"].values == []


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_every_scenario_shows_nothing_busy_on_a_side_without_traffic(scenario):
    for share, side in ((0.0, ("ee_concurrency", "ee_cpu", "cp_cpu", "lmi_duration_avg", "lmi_duration_p99")),
                        (1.0, ("old_concurrency", "old_duration_avg", "old_duration_p99"))):
        out = _side(share, scenario)
        for qid in side:
            assert out[qid].values == [], (scenario, share, qid)


def test_a_scenario_sized_like_a_configuration_shows_its_limit_ees_and_the_same_cpu_time_per_invocation():
    """The demo watches the session's own configuration (its Intake 'g Config': 8 EEs × 4 concurrent invocations,
    1 vCPU each), not the default 3 EEs × 32: the limit series is 4, the fleet allocates 8 vCPUs, and as the CPU time
    per invocation does not change, the CPU % over 8 vCPUs is the default's over 6 vCPUs × 6/8."""
    from workbench.metrics.simulated import sized_like

    sized = sized_like(SCENARIOS["healthy"], per_ee_max_concurrency=4, min_execution_environments=8,
                       memory_mb=8192, memory_gib_per_vcpu=8.0)
    queries = all_queries()
    mine = by_id(SimulatedSource(seed=7, scenario="healthy", lmi_share=0.5, sized=sized).fetch(queries, *STEP_WINDOW))
    default = _side(0.5)
    assert set(mine["ee_concurrency_limit"].values) == {4.0}
    assert set(mine["cp_vcpu_allocated"].values) == {8.0}
    assert all(r == pytest.approx(6 / 8, rel=0.01) for r in _ratios(mine, default, "ee_cpu"))
    assert max(mine["ee_concurrency"].values) <= 4
    assert mine["lmi_invocations"].values == default["lmi_invocations"].values  # the traffic is the workload's
    with pytest.raises(ValueError, match="not 'cpu-hot'"):
        SimulatedSource(scenario="cpu-hot", sized=sized)


def test_a_fleet_with_few_slots_per_ee_scales_out_to_keep_half_of_them_free():
    """TargetResourceUtilization (~50% headroom): with all the traffic at about 1.2 × the mean, 8 EEs × 4 slots hold
    ≈19 invocations in flight only at 60% of their slots, so the fleet runs ≈10 EEs and its busiest EE stays below
    the 95% gate; a scenario capped by MaxExecutionEnvironments (throttling) cannot scale and fills its slots."""
    from workbench.metrics.simulated import sized_like

    sized = sized_like(SCENARIOS["healthy"], per_ee_max_concurrency=4, min_execution_environments=8,
                       memory_mb=8192, memory_gib_per_vcpu=8.0)
    full = by_id(SimulatedSource(seed=7, scenario="healthy", lmi_share=1.0, sized=sized).fetch(all_queries(),
                                                                                           *STEP_WINDOW))
    assert min(full["cp_vcpu_allocated"].values) >= 10  # 1 vCPU per EE
    assert max(full["ee_concurrency"].values) < 0.95 * 4
    capped = by_id(SimulatedSource(seed=7, scenario="throttling", lmi_share=1.0).fetch(all_queries(), *STEP_WINDOW))
    assert set(capped["cp_vcpu_allocated"].values) == {6.0}  # 3 EEs × 2 vCPUs, never more
