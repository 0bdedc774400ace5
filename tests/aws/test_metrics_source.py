"""CloudWatchSource against the moto server: batched, incremental GetMetricData; stale on throttling or expired
credentials, cleared on recovery. Requests are observed through botocore's own event hooks and the local proxy
(no mocks)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.aws._faults import FaultProxy, Seen, expired_token, throttling
from workbench.aws.errors import AwsProblem, ProblemKind
from workbench.aws.metrics_source import CloudWatchSource, calls_per_refresh
from workbench.aws.session import open_session
from workbench.metrics.catalog import lmi_function_queries
from workbench.metrics.source import MetricQuery, MetricsSource

T0 = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
FIVE = timedelta(minutes=5)
CLOCK = datetime(2026, 11, 20, 13, 0, tzinfo=timezone.utc)  # fixed "now" for stale_since / fetched_at


def query(qid: str = "cpu", function: str = "shop", period: int = 300) -> MetricQuery:
    return MetricQuery(id=qid, namespace="AWS/Lambda", metric_name="ExecutionEnvironmentCPUUtilization",
                       dimensions={"FunctionName": function, "Resource": f"{function}:3"}, stat="Average",
                       period_seconds=period, unit="Percent", label="EE CPU %", target="lmi")


def put_cpu(moto, start: datetime, values: list[float], function: str = "shop") -> None:
    dims = [{"Name": "FunctionName", "Value": function}, {"Name": "Resource", "Value": f"{function}:3"}]
    moto.client("cloudwatch").put_metric_data(Namespace="AWS/Lambda", MetricData=[
        {"MetricName": "ExecutionEnvironmentCPUUtilization", "Dimensions": dims, "Timestamp": start + i * FIVE,
         "Value": v, "Unit": "Percent"} for i, v in enumerate(values)])


def record_requests(session, region: str = "us-east-1") -> list[dict]:
    """Every GetMetricData request's parameters, as the caller passed them to botocore."""
    seen: list[dict] = []

    def hook(params, **_):
        seen.append(dict(params))

    session.client("cloudwatch", region).meta.events.register(
        "provide-client-params.cloudwatch.GetMetricData", hook)
    return seen


def test_is_a_metrics_source_named_by_region(moto) -> None:
    source = CloudWatchSource(open_session(moto.settings("eu-west-1")))
    assert isinstance(source, MetricsSource)
    assert source.name == "CloudWatch (eu-west-1)"
    assert CloudWatchSource(open_session(moto.settings()), region="us-west-2").region == "us-west-2"


def test_second_fetch_asks_only_for_newer_datapoints(moto) -> None:
    session = open_session(moto.settings())
    requests = record_requests(session)
    source = CloudWatchSource(session, clock=lambda: CLOCK)
    put_cpu(moto, T0, [10.0, 20.0, 30.0])
    end = T0 + 12 * FIVE

    first = source.fetch([query()], T0, end)[0]
    assert [(p.timestamp, p.value) for p in first.points] == [(T0, 10.0), (T0 + FIVE, 20.0), (T0 + 2 * FIVE, 30.0)]
    assert first.source == "cloudwatch" and first.stale_since is None and first.fetched_at == CLOCK
    assert requests[0]["StartTime"] == T0 and requests[0]["EndTime"] == end

    put_cpu(moto, T0 + 3 * FIVE, [40.0, 50.0])
    second = source.fetch([query()], T0, end)[0]
    assert len(requests) == 2
    assert requests[1]["StartTime"] == T0 + 3 * FIVE  # the period after the newest one kept
    assert second.values == [10.0, 20.0, 30.0, 40.0, 50.0]
    assert source.last_request == (T0 + 3 * FIVE, end, 1)


def test_a_window_already_covered_makes_no_call_and_a_wider_one_refetches(moto) -> None:
    session = open_session(moto.settings())
    requests = record_requests(session)
    source = CloudWatchSource(session)
    put_cpu(moto, T0, [10.0, 20.0])
    source.fetch([query()], T0, T0 + 2 * FIVE)
    assert source.fetch([query()], T0, T0 + 2 * FIVE)[0].values == [10.0, 20.0]
    assert len(requests) == 1
    put_cpu(moto, T0 - FIVE, [5.0])
    wider = source.fetch([query()], T0 - FIVE, T0 + 2 * FIVE)[0]
    assert requests[-1]["StartTime"] == T0 - FIVE
    assert wider.values == [5.0, 10.0, 20.0]


def test_every_query_on_screen_goes_in_one_call(moto) -> None:
    session = open_session(moto.settings())
    requests = record_requests(session)
    queries = [q for q in lmi_function_queries("shop", alias="live", version="3", capacity_provider="cp")
               if q.stat != "p99"]
    dims = [{"Name": "CapacityProviderName", "Value": "cp"}, {"Name": "FunctionName", "Value": "shop"},
            {"Name": "Resource", "Value": "shop:3"}]
    moto.client("cloudwatch").put_metric_data(Namespace="AWS/Lambda", MetricData=[
        {"MetricName": "ExecutionEnvironmentCPUUtilization", "Dimensions": dims, "Timestamp": T0, "Value": 42.0,
         "Unit": "Percent"}])
    series = CloudWatchSource(session).fetch(queries, T0, T0 + FIVE)
    assert len(requests) == 1 and len(requests[0]["MetricDataQueries"]) == len(queries)
    assert [s.id for s in series] == [q.id for q in queries]
    assert next(s for s in series if s.id == "ee_cpu").values == [42.0]
    assert session.stats.calls["cloudwatch:GetMetricData"] == 1


def test_600_queries_make_two_calls(moto) -> None:
    session = open_session(moto.settings())
    requests = record_requests(session)
    queries = [query(f"q{i}", function=f"fn{i}") for i in range(600)]
    put_cpu(moto, T0, [7.0], function="fn599")
    series = CloudWatchSource(session).fetch(queries, T0, T0 + 2 * FIVE)
    assert calls_per_refresh(600) == 2
    assert [len(r["MetricDataQueries"]) for r in requests] == [500, 100]
    assert session.stats.calls["cloudwatch:GetMetricData"] == 2
    assert series[599].values == [7.0] and series[0].values == []


@pytest.mark.parametrize("fault, kind", [(throttling, ProblemKind.THROTTLED), (expired_token, ProblemKind.EXPIRED)])
def test_throttling_or_expired_credentials_mark_stale_then_recover(moto, fault, kind) -> None:
    failing = {"on": False}

    def rule(seen: Seen, before: int):
        if failing["on"] and seen.operation == "GetMetricData":
            return fault("monitoring")
        return None

    clock = iter([CLOCK, CLOCK + timedelta(minutes=1), CLOCK + timedelta(minutes=2), CLOCK + timedelta(minutes=3)])
    with FaultProxy(moto.endpoint, rule) as proxy:
        session = open_session(moto.settings(endpoint_url=proxy.endpoint), max_attempts=1)
        source = CloudWatchSource(session, clock=lambda: next(clock))
        end = T0 + 12 * FIVE
        put_cpu(moto, T0, [10.0, 20.0])
        assert source.fetch([query()], T0, end)[0].stale_since is None  # fetched_at = CLOCK

        put_cpu(moto, T0 + 2 * FIVE, [30.0])
        failing["on"] = True
        stale = source.fetch([query()], T0, end)[0]  # stale since CLOCK + 1 min
        assert stale.values == [10.0, 20.0]
        assert stale.stale_since == CLOCK + timedelta(minutes=1) and stale.fetched_at == CLOCK
        assert source.last_problem is not None and source.last_problem.kind == kind
        again = source.fetch([query()], T0, end)[0]  # still failing: the marker keeps the first failure's time
        assert again.stale_since == CLOCK + timedelta(minutes=1)
        assert proxy.count("monitoring", "GetMetricData") == 3

        failing["on"] = False
        recovered = source.fetch([query()], T0, end)[0]  # fetched_at = CLOCK + 2 min
        assert recovered.stale_since is None and source.last_problem is None
        assert recovered.values == [10.0, 20.0, 30.0]
        assert recovered.fetched_at == CLOCK + timedelta(minutes=2)
        assert [s.json().get("StartTime") for s in proxy.seen if s.operation == "GetMetricData"][1:] == \
            [(T0 + 2 * FIVE).timestamp()] * 3  # each retry asks for the same newer periods only


def test_other_problems_propagate(moto) -> None:
    session = open_session(moto.settings(endpoint_url="http://127.0.0.1:9"), max_attempts=1, connect_timeout=1)
    with pytest.raises(AwsProblem) as caught:  # nothing listens on port 9: unreachable is not "stale", it raises
        CloudWatchSource(session).fetch([query()], T0, T0 + FIVE)
    assert caught.value.kind not in (ProblemKind.THROTTLED, ProblemKind.EXPIRED)


def test_a_lagging_per_minute_series_does_not_shift_the_five_minute_periods(moto) -> None:
    """One request has one StartTime and CloudWatch counts periods from it: when a per-minute series is behind
    (its newest point 12:07), the next request still starts on a 5-minute boundary, so the LMI series' points
    stay at 12:00, 12:05…"""
    session = open_session(moto.settings())
    source = CloudWatchSource(session, clock=lambda: CLOCK)
    five_minute, per_minute = query("cpu"), query("old_cpu", function="old", period=60)
    put_cpu(moto, T0, [50.0, 60.0, 70.0])
    dims = [{"Name": "FunctionName", "Value": "old"}, {"Name": "Resource", "Value": "old:3"}]
    moto.client("cloudwatch").put_metric_data(Namespace="AWS/Lambda", MetricData=[
        {"MetricName": "ExecutionEnvironmentCPUUtilization", "Dimensions": dims,
         "Timestamp": T0 + timedelta(minutes=m), "Value": 10.0 + m, "Unit": "Percent"} for m in range(8)])
    seen = record_requests(session)
    source.fetch([five_minute, per_minute], T0, T0 + timedelta(minutes=8))
    cpu, old = source.fetch([five_minute, per_minute], T0, T0 + timedelta(minutes=15))
    assert seen[-1]["StartTime"].minute % 5 == 0, seen[-1]["StartTime"]
    assert [p.timestamp for p in cpu.points] == [T0, T0 + FIVE, T0 + 2 * FIVE]
    assert [p.value for p in cpu.points] == [50.0, 60.0, 70.0]
    assert [p.value for p in old.points] == [10.0 + m for m in range(8)]
