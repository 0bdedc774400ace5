"""GetMetricData batching details the moto server does not exercise: NextToken pages (moto answers in one page)
are played by the local proxy as the API documents them; query planning is checked without any call."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.aws._faults import FaultProxy, Seen, json_answer
from workbench.aws.cloudwatch import Window, batches, calls_needed, is_extended_stat, plan_queries
from workbench.aws.functions import FunctionInfo
from workbench.aws.intake import import_function
from workbench.aws.session import open_session

END = datetime(2026, 11, 20, tzinfo=timezone.utc)
WINDOW = Window.ending(END, 14)


def fn(name: str, layers: tuple[str, ...] = ()) -> FunctionInfo:
    return FunctionInfo(name=name, arn=f"arn:aws:lambda:us-east-1:123456789012:function:{name}", region="us-east-1",
                        runtime="python3.13", memory_mb=1024, architecture="x86_64", timeout_s=30,
                        ephemeral_storage_mb=512, package_type="Zip", layers=layers)


def test_plan_six_queries_a_function_eight_with_insights() -> None:
    insights = "arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension:53"
    planned = plan_queries([fn("a"), fn("b", (insights,))], WINDOW)
    assert [p.id for p in planned] == [f"q{i}" for i in range(14)]
    first = planned[0].body["MetricStat"]
    assert (first["Metric"]["MetricName"], first["Stat"], first["Period"]) == ("Invocations", "Sum", 3600)
    p99 = next(p for p in planned if p.spec.key == "duration_p99")
    assert p99.body["MetricStat"]["Period"] == 14 * 86400 and is_extended_stat("p99")
    cpu = next(p for p in planned if p.spec.key == "cpu_total_time")
    assert cpu.body["MetricStat"]["Metric"] == {"Namespace": "LambdaInsights", "MetricName": "cpu_total_time",
                                                "Dimensions": [{"Name": "function_name", "Value": "b"}]}
    assert len(plan_queries([fn("a")], WINDOW, percentiles=False)) == 5
    assert [len(b) for b in batches(list(range(1201)))] == [500, 500, 201]
    assert (calls_needed(500), calls_needed(501), calls_needed(6200)) == (1, 2, 13)
    assert not is_extended_stat("Sum") and is_extended_stat("tm90")


def test_window_must_be_sane() -> None:
    assert Window.ending(datetime(2026, 11, 20, 13, 47, tzinfo=timezone.utc), 1).start == \
        datetime(2026, 11, 19, 13, tzinfo=timezone.utc)
    with pytest.raises(ValueError):
        Window.ending(END, 0)
    with pytest.raises(ValueError):
        Window.ending(datetime(2026, 11, 20), 14)  # naive


def test_next_token_pages_are_followed_and_merged(moto) -> None:
    moto.create_function("paged")
    hours = [(WINDOW.start + timedelta(hours=h)).timestamp() for h in range(WINDOW.hours)]
    requests: list[dict] = []

    def pages(seen: Seen, before: int):
        if seen.operation != "GetMetricData":
            return None
        body = seen.json()
        requests.append(body)
        ids = [q["Id"] for q in body["MetricDataQueries"]]
        if "NextToken" not in body:  # first page: half of the invocation hours
            return json_answer({"MetricDataResults": [
                {"Id": ids[0], "Label": "Invocations", "Timestamps": hours[:200], "Values": [100.0] * 200,
                 "StatusCode": "PartialData"}], "NextToken": "page-2", "Messages": []},
                "application/x-amz-json-1.0")
        return json_answer({"MetricDataResults": [
            {"Id": ids[0], "Label": "Invocations", "Timestamps": hours[200:], "Values": [100.0] * 136,
             "StatusCode": "Complete"},
            {"Id": ids[2], "Label": "Duration", "Timestamps": [hours[0]], "Values": [75.0],
             "StatusCode": "Complete"}], "Messages": []}, "application/x-amz-json-1.0")

    with FaultProxy(moto.endpoint, pages) as proxy:
        session = open_session(moto.settings(endpoint_url=proxy.endpoint))
        result = import_function(session, "paged", end=END, percentiles=False, cost_explorer=False)
    assert [r.get("NextToken") for r in requests] == [None, "page-2"]
    assert requests[0]["MetricDataQueries"] == requests[1]["MetricDataQueries"]
    assert result.calls["cloudwatch:GetMetricData"]["calls"] == 2
    assert result.workload.requests_per_month == 100 * 730
    assert result.workload.duration_avg_ms == 75
