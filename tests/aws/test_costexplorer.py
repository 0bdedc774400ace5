"""The function's monthly cost from Cost Explorer on the moto server: moto implements GetCostAndUsage (answers
queued through its API) but not GetCostAndUsageWithResources, which is exactly the "no resource-level data"
path: the Lambda service's cost is shown as context and the function's field stays empty."""

from __future__ import annotations

from datetime import date, datetime, timezone

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
