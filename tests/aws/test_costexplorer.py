"""The function's monthly cost from Cost Explorer on the moto server: moto implements GetCostAndUsage (answers
queued through its API) but not GetCostAndUsageWithResources, which is exactly the "no resource-level data"
path: the Lambda service's cost is shown as context and the function's field stays empty."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from tests.aws._faults import FaultProxy, Seen, json_answer
from workbench.aws.costexplorer import read_monthly_cost
from workbench.aws.intake import import_function
from workbench.aws.session import open_session

TODAY = date(2026, 11, 20)
ARN = "arn:aws:lambda:eu-west-1:123456789012:function:orders"


def monthly(amount: str) -> dict:
    return {"ResultsByTime": [{"TimePeriod": {"Start": "2026-10-01", "End": "2026-11-01"},
                               "Total": {"UnblendedCost": {"Amount": amount, "Unit": "USD"}},
                               "Groups": [], "Estimated": False}]}


def test_without_resource_level_data_the_service_cost_is_context_only(moto) -> None:
    moto.queue_cost_results(monthly("1234.5"))
    session = open_session(moto.settings("eu-west-1"), max_attempts=2)
    reading = read_monthly_cost(session, ARN, "eu-west-1", today=TODAY)
    assert reading.scope == "service"
    assert reading.monthly_usd is None
    assert reading.service_monthly_usd == 1234.5
    assert reading.period == "October 2026"
    assert "AWS Lambda in eu-west-1 cost $1,234.50 in October 2026 for the whole account" in reading.note
    assert reading.problem is not None  # why resource-level data was not available, kept for the curious
    calls = session.stats.snapshot()
    assert calls["ce:GetCostAndUsageWithResources"]["calls"] == 1
    assert calls["ce:GetCostAndUsage"]["calls"] == 1


def test_no_cost_data_at_all_leaves_the_field_for_the_user(moto) -> None:
    session = open_session(moto.settings("eu-west-1"), max_attempts=1)
    reading = read_monthly_cost(session, ARN, "eu-west-1", today=TODAY)
    assert reading.scope == "none" and reading.monthly_usd is None
    assert reading.note.endswith("Enter this function's monthly spend by hand.")


def test_import_writes_the_note_and_lists_the_problem(moto) -> None:
    moto.create_function("orders", "eu-west-1")
    session = open_session(moto.settings("eu-west-1"), max_attempts=1)
    result = import_function(session, "orders", end=datetime(2026, 11, 20, tzinfo=timezone.utc),
                             percentiles=False, today=TODAY)
    assert result.workload.monthly_lambda_spend_usd is None
    assert result.cost.scope == "none"
    assert "monthly spend by hand" in result.workload.notes
    assert [p.action for p in result.problems] == ["ce:GetCostAndUsageWithResources"]


def test_resource_level_cost_is_the_functions_own_monthly_cost(moto) -> None:
    """moto lacks GetCostAndUsageWithResources; the proxy answers it as the API documents (14 daily results)."""
    days = [{"TimePeriod": {"Start": f"2026-11-{d:02d}", "End": f"2026-11-{d + 1:02d}"},
             "Total": {"UnblendedCost": {"Amount": "1.20", "Unit": "USD"}}, "Groups": [], "Estimated": True}
            for d in range(6, 20)]
    asked: list[dict] = []

    def answer(seen: Seen, before: int):
        if seen.operation == "GetCostAndUsageWithResources":
            asked.append(seen.json())
            return json_answer({"ResultsByTime": days, "DimensionValueAttributes": []})
        return None

    with FaultProxy(moto.endpoint, answer) as proxy:
        session = open_session(moto.settings("eu-west-1", endpoint_url=proxy.endpoint))
        reading = read_monthly_cost(session, ARN, "eu-west-1", today=TODAY)
    assert reading.scope == "function"
    assert reading.monthly_usd == pytest.approx(16.8 / (14 * 24) * 730)  # $1.20 a day for 14 days → 730 h
    assert reading.note.startswith("Cost Explorer, resource level: $16.80 over 14 days")
    assert asked[0]["Filter"]["And"][1] == {"Dimensions": {"Key": "RESOURCE_ID", "Values": [ARN]}}
    assert asked[0]["TimePeriod"] == {"Start": "2026-11-06", "End": "2026-11-20"}
    assert proxy.count("ce", "GetCostAndUsage") == 0  # no service-level fallback needed
