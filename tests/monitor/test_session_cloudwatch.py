"""Monitor sessions on the CloudWatch source against the moto server: thresholds crossed at their boundaries,
one GetMetricData call for a fleet, incremental refreshes that never fetch a datapoint twice, throttling and
expired credentials (stale, last good values kept, then recovered), refused calls, replay of a recorded live
session. Requests are observed with botocore's own event hooks and the local fault proxy (no mocks)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest

from tests.aws._faults import Fault, FaultProxy, Seen, expired_token, throttling
from workbench.aws.metrics_source import CloudWatchSource
from workbench.aws.session import open_session
from workbench.monitor import (
    FleetMonitor,
    MonitorSession,
    MonitorTarget,
    RecordingSource,
    ReplaySource,
    ThresholdState,
    evaluate,
    gate_results,
)

NOW = datetime(2026, 11, 20, 13, 0, tzinfo=timezone.utc)
FIVE = timedelta(minutes=5)
MINUTE = timedelta(minutes=1)
CLOCK = datetime(2026, 11, 20, 13, 1, tzinfo=timezone.utc)
OK, BREACH, NO_DATA = ThresholdState.OK, ThresholdState.BREACH, ThresholdState.NO_DATA


def target(name: str) -> MonitorTarget:
    return MonitorTarget(function_name=name, alias="live", version="3", capacity_provider="fleet",
                         old_function_name=f"{name}-old")


def put(moto, tgt: MonitorTarget, qid: str, values, *, start: datetime, step: timedelta = FIVE) -> None:
    """``values`` for the target's catalogue query ``qid`` at ``start``, ``start + step``, ..."""
    q = next(q for q in tgt.queries() if q.id == qid)
    dims = [{"Name": k, "Value": v} for k, v in sorted(q.dimensions.items())]
    moto.client("cloudwatch").put_metric_data(Namespace=q.namespace, MetricData=[
        {"MetricName": q.metric_name, "Dimensions": dims, "Timestamp": start + i * step, "Value": float(v),
         "Unit": q.unit} for i, v in enumerate(values)])


def status(statuses, name):
    return next(s for s in statuses if s.name == name)


W = NOW - 3 * FIVE  # the first period in the 15-minute window before NOW


def seed_hot(moto, tgt: MonitorTarget, *, over: bool) -> None:
    put(moto, tgt, "lmi_invocations", [400, 300, 300], start=W)
    put(moto, tgt, "lmi_throttles", [4, 3, 4 if over else 3], start=W)                   # 1.1% / exactly 1%
    put(moto, tgt, "ee_cpu", [80, 80, 80.0003 if over else 80], start=W)                 # 80.0001 / exactly 80
    put(moto, tgt, "ee_memory", [50, 90.01 if over else 90, 50], start=W)                # worst period
    put(moto, tgt, "ee_concurrency", [10, 19 if over else 18, 10], start=W)               # 95% (>=) / 90%
    put(moto, tgt, "ee_concurrency_limit", [20, 20, 20], start=W)
    put(moto, tgt, "lmi_errors", [5, 5, 6 if over else 5], start=W)                      # 1.6% / exactly 1.5%
    put(moto, tgt, "old_invocations", [1000] * 10, start=W, step=MINUTE)
    put(moto, tgt, "old_errors", [10] * 10, start=W, step=MINUTE)                         # 1% → fails above 1.5%


def test_a_fleet_crosses_each_threshold_at_its_boundary_in_one_read_only_call(moto) -> None:
    edge, over, edge_cold, over_cold = target("edge"), target("over"), target("edge-cold"), target("over-cold")
    seed_hot(moto, edge, over=False)
    seed_hot(moto, over, over=True)
    put(moto, edge_cold, "ee_cpu", [20, 20, 20], start=W)
    put(moto, over_cold, "ee_cpu", [19, 21, 19.9997], start=W)                           # mean 19.9999
    session = open_session(moto.settings())
    fleet = FleetMonitor(CloudWatchSource(session), [edge, over, edge_cold, over_cold], range_=timedelta(hours=1))
    snaps = fleet.refresh(NOW + timedelta(seconds=70))  # rounded down to 13:00

    assert session.stats.calls["cloudwatch:GetMetricData"] == 1
    assert set(session.stats.calls) == {"cloudwatch:GetMetricData"}  # read-only: nothing else was called
    # 4 targets × 25 queries, the capacity provider's 6 shared: 4 × 19 + 6
    assert len(fleet.queries) == 82 and fleet.queries[0].id == "f00_lmi_invocations"

    states = {name: {s.name: s.state for s in snap.statuses} for name, snap in snaps.items()}
    assert states["edge"] == {"throttle-rate": OK, "cpu-high": OK, "cpu-low": OK, "memory-high": OK,
                              "concurrency-saturated": OK, "error-rate": OK, "latency-p99": NO_DATA}
    assert states["over"] == {"throttle-rate": BREACH, "cpu-high": BREACH, "cpu-low": OK, "memory-high": BREACH,
                              "concurrency-saturated": BREACH, "error-rate": BREACH, "latency-p99": NO_DATA}
    assert states["edge-cold"]["cpu-low"] is OK and states["over-cold"]["cpu-low"] is BREACH
    observed = {s.name: s.observed for s in snaps["edge"].statuses}
    # cpu-low judges the CPU with all the traffic: LMI served 1,000 of 11,000 invocations, so 80% × 11 = 880%
    assert observed == {"throttle-rate": 1.0, "cpu-high": 80.0, "cpu-low": 880.0, "memory-high": 90.0,
                        "concurrency-saturated": 90.0, "error-rate": 1.5, "latency-p99": None}
    assert status(snaps["over"].statuses, "concurrency-saturated").observed == 95.0
    assert status(snaps["edge"].statuses, "error-rate").threshold == 1.5
    # moto sends no p99 without Duration data: the latency check says there is no data
    assert "no LMI p99 datapoints" in status(snaps["edge"].statuses, "latency-p99").detail

    gates = {name: {g.name: g.passed for g in gate_results(snap.statuses, 0, NOW)} for name, snap in snaps.items()}
    assert gates["edge"] == {"throttle-rate": True, "cpu-high": True, "cpu-low": True, "memory-high": True,
                             "concurrency-saturated": True, "error-rate": True}
    assert gates["over"] == {"throttle-rate": False, "cpu-high": False, "cpu-low": True, "memory-high": False,
                             "concurrency-saturated": False, "error-rate": False}
    assert gates["over-cold"]["cpu-low"] is False and gates["over-cold"]["throttle-rate"] is None

    snap = snaps["over"]
    assert snap.window_end == NOW and snap.error is None and snap.stale_since is None
    assert snap.last_datapoint == NOW - FIVE
    assert snap.series["ee_cpu"].id == "ee_cpu" and snap.series["ee_cpu"].values == [80.0, 80.0, 80.0003]
    assert snap.series["cp_cpu"].values == []


def datapoints_seen(session) -> Counter:
    """(query id, timestamp) of every datapoint in every GetMetricData answer (botocore's after-call event)."""
    seen: Counter = Counter()

    def hook(parsed=None, **_):
        for item in (parsed or {}).get("MetricDataResults") or ():
            seen.update((item["Id"], ts) for ts in item.get("Timestamps") or ())

    session.client("cloudwatch").meta.events.register("after-call.cloudwatch.GetMetricData", hook)
    return seen


def seed_steady(moto, tgt: MonitorTarget, start: datetime, minutes: int) -> int:
    """Every minute for the standard function, every 5 minutes for LMI; returns the datapoints put."""
    fives = minutes // 5
    for qid in ("lmi_invocations", "lmi_errors", "ee_cpu", "ee_concurrency", "ee_concurrency_limit"):
        put(moto, tgt, qid, [10 + i for i in range(fives)], start=start)
    for qid in ("old_invocations", "old_errors"):
        put(moto, tgt, qid, [100 + i for i in range(minutes)], start=start, step=MINUTE)
    return 5 * fives + 2 * minutes


def test_refreshes_are_incremental_and_never_fetch_a_datapoint_twice(moto) -> None:
    tgt = target("shop")
    session = open_session(moto.settings())
    seen = datapoints_seen(session)
    requests: list[dict] = []
    session.client("cloudwatch").meta.events.register(
        "provide-client-params.cloudwatch.GetMetricData", lambda params, **_: requests.append(dict(params)))
    monitor = MonitorSession(CloudWatchSource(session), tgt, range_=timedelta(hours=1))
    put_total = seed_steady(moto, tgt, NOW - timedelta(hours=1), 60)

    first = monitor.refresh(NOW)
    assert requests[0]["StartTime"] == NOW - timedelta(hours=1) and requests[0]["EndTime"] == NOW
    put_total += seed_steady(moto, tgt, NOW, 5)
    second = monitor.refresh(NOW + FIVE + timedelta(seconds=30))
    assert (requests[1]["StartTime"], requests[1]["EndTime"]) == (NOW, NOW + FIVE)  # only the new periods
    monitor.refresh(NOW + FIVE + timedelta(seconds=50))  # same 5-minute window: nothing to ask
    assert len(requests) == 2
    put_total += seed_steady(moto, tgt, NOW + FIVE, 5)
    third = monitor.refresh(NOW + 2 * FIVE)

    assert len(requests) == 3 and session.stats.calls["cloudwatch:GetMetricData"] == 3
    assert sum(seen.values()) == put_total and max(seen.values()) == 1  # each datapoint came back exactly once
    assert len(first.series["old_invocations"].points) == 60
    assert len(third.series["old_invocations"].points) == 60  # the window moved on: the oldest 10 were dropped
    assert third.series["old_invocations"].points[-1].timestamp == NOW + 2 * FIVE - MINUTE
    assert second.series["ee_cpu"].values[-1] == 10.0 and third.last_datapoint == NOW + FIVE


@pytest.mark.parametrize("fault, words", [(throttling, "throttling"), (expired_token, "expired")])
def test_throttling_or_expired_credentials_keep_the_last_good_values_then_recover(moto, fault, words) -> None:
    failing = {"on": False}

    def rule(seen: Seen, before: int):
        return fault("monitoring") if failing["on"] and seen.operation == "GetMetricData" else None

    tgt = target("shop")
    seed_steady(moto, tgt, NOW - timedelta(hours=1), 60)
    with FaultProxy(moto.endpoint, rule) as proxy:
        session = open_session(moto.settings(endpoint_url=proxy.endpoint), max_attempts=1)
        monitor = MonitorSession(CloudWatchSource(session, clock=lambda: CLOCK), tgt, range_=timedelta(hours=1))
        good = monitor.refresh(NOW)
        assert good.error is None and good.stale_since is None

        failing["on"] = True
        seed_steady(moto, tgt, NOW, 5)
        stale = monitor.refresh(NOW + FIVE)
        assert stale.stale_since == CLOCK and words in stale.error.lower()
        moved = NOW + FIVE - timedelta(hours=1)  # the window moved on by 5 minutes; the rest is kept
        assert {k: [p for p in s.points] for k, s in stale.series.items()} == \
            {k: [p for p in s.points if p.timestamp >= moved] for k, s in good.series.items()}
        assert stale.statuses == evaluate(good.series, now=NOW + FIVE)  # the kept values, evaluated now
        assert stale.last_datapoint == good.last_datapoint == NOW - FIVE

        failing["on"] = False
        recovered = monitor.refresh(NOW + FIVE)
        assert recovered.error is None and recovered.stale_since is None
        assert recovered.series["old_invocations"].points[-1].timestamp == NOW + FIVE - MINUTE
        assert proxy.count("monitoring", "GetMetricData") == 3


def denied(seen: Seen, before: int) -> Fault | None:
    if seen.operation != "GetMetricData" or before not in (1, 2, 3):
        return None
    message = ("User: arn:aws:iam::123456789012:user/analyst is not authorized to perform: "
               "cloudwatch:GetMetricData because no identity-based policy allows it")
    return Fault(400, {"Content-Type": "application/x-amz-json-1.0", "x-amzn-query-error": "AccessDenied;Sender"},
                 json.dumps({"__type": "com.amazon.coral.service#AccessDeniedException", "message": message}).encode())


def test_a_refused_call_never_raises_from_refresh(moto) -> None:
    tgt = target("shop")
    seed_steady(moto, tgt, NOW - timedelta(hours=1), 60)
    with FaultProxy(moto.endpoint, denied) as proxy:
        session = open_session(moto.settings(endpoint_url=proxy.endpoint), max_attempts=1)
        monitor = MonitorSession(CloudWatchSource(session), tgt, range_=timedelta(hours=1))
        good = monitor.refresh(NOW)
        seed_steady(moto, tgt, NOW, 10)
        first_failure = monitor.refresh(NOW + FIVE)
        again = monitor.refresh(NOW + FIVE + 2 * MINUTE)  # nothing new was fetched: the source asks again
        assert "cloudwatch:GetMetricData" in first_failure.error and "Not permitted" in first_failure.error
        assert first_failure.stale_since == again.stale_since == NOW + FIVE
        moved = NOW + FIVE - timedelta(hours=1)
        assert {k: s.points for k, s in first_failure.series.items()} == \
            {k: [p for p in s.points if p.timestamp >= moved] for k, s in good.series.items()}
        assert first_failure.last_datapoint == NOW - FIVE
        assert monitor.refresh(NOW + 2 * FIVE).stale_since == NOW + FIVE  # the third refusal
        back = monitor.refresh(NOW + 2 * FIVE + MINUTE)
        assert back.error is None and back.stale_since is None
        assert back.series["ee_cpu"].points[-1].timestamp == NOW + FIVE
        assert len(proxy.faults) == 3


def test_a_recorded_live_session_replays_identically(moto, tmp_path) -> None:
    tgt = target("shop")
    path = tmp_path / "live.jsonl"
    moments = [NOW, NOW + FIVE, NOW + 2 * FIVE, NOW + 3 * FIVE]
    seed_steady(moto, tgt, NOW - timedelta(hours=1), 60)
    put(moto, tgt, "lmi_throttles", [5, 9], start=NOW - 2 * FIVE)
    session = open_session(moto.settings())
    monitor = MonitorSession(RecordingSource(CloudWatchSource(session, clock=lambda: CLOCK), path), tgt,
                             range_=timedelta(hours=1))
    live = [monitor.refresh(moments[0])]
    seed_steady(moto, tgt, NOW, 5)
    live.append(monitor.refresh(moments[1]))
    seed_steady(moto, tgt, NOW + FIVE, 5)
    live.append(monitor.refresh(moments[2]))
    live.append(monitor.refresh(moments[3]))
    assert status(live[0].statuses, "throttle-rate").state is BREACH

    replayed = MonitorSession(ReplaySource(path), tgt, range_=timedelta(hours=1))
    for moment, a in zip(moments, live):
        b = replayed.refresh(moment)
        assert b.statuses == a.statuses
        assert (b.error, b.stale_since, b.last_datapoint) == (a.error, a.stale_since, a.last_datapoint)
        assert {k: s.points for k, s in b.series.items()} == {k: s.points for k, s in a.series.items()}


def test_a_recorded_throttled_refresh_replays_as_stale(moto, tmp_path) -> None:
    failing = {"on": False}

    def rule(seen: Seen, before: int):
        return throttling("monitoring") if failing["on"] and seen.operation == "GetMetricData" else None

    tgt = target("shop")
    path = tmp_path / "live.jsonl"
    seed_steady(moto, tgt, NOW - timedelta(hours=1), 60)
    with FaultProxy(moto.endpoint, rule) as proxy:
        session = open_session(moto.settings(endpoint_url=proxy.endpoint), max_attempts=1)
        monitor = MonitorSession(RecordingSource(CloudWatchSource(session, clock=lambda: CLOCK), path), tgt,
                                 range_=timedelta(hours=1))
        live = [monitor.refresh(NOW)]
        failing["on"] = True
        seed_steady(moto, tgt, NOW, 5)
        live.append(monitor.refresh(NOW + FIVE))
        failing["on"] = False
        live.append(monitor.refresh(NOW + 2 * FIVE))
    assert live[1].stale_since == CLOCK and "throttling" in live[1].error.lower()
    replayed = MonitorSession(ReplaySource(path), tgt, range_=timedelta(hours=1))
    for moment, a in zip([NOW, NOW + FIVE, NOW + 2 * FIVE], live):
        b = replayed.refresh(moment)
        assert (b.statuses, b.error, b.stale_since) == (a.statuses, a.error, a.stale_since)


def test_percentiles_the_endpoint_cannot_compute_leave_latency_without_data(moto) -> None:
    tgt = target("shop")
    q = next(q for q in tgt.queries() if q.id == "lmi_duration_avg")
    dims = [{"Name": k, "Value": v} for k, v in sorted(q.dimensions.items())]
    moto.client("cloudwatch").put_metric_data(Namespace="AWS/Lambda", MetricData=[
        {"MetricName": "Duration", "Dimensions": dims, "Timestamp": W, "Values": [100.0, 300.0], "Counts": [1, 1],
         "Unit": "Milliseconds"}])
    put(moto, tgt, "ee_cpu", [50], start=W)
    session = open_session(moto.settings(), max_attempts=1)
    snap = MonitorSession(CloudWatchSource(session), tgt, range_=timedelta(hours=1)).refresh(NOW)
    assert session.capabilities.get("percentiles") is False  # moto answered p99 with an error: asked again without
    assert snap.error is None and snap.series["lmi_duration_avg"].values == [200.0]
    assert snap.series["lmi_duration_p99"].values == []
    assert status(snap.statuses, "latency-p99").state is NO_DATA
    assert status(snap.statuses, "cpu-high").observed == 50.0
