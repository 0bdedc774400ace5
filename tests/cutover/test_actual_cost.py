"""After the cutover: predicted against actual monthly cost. Not enough data until a week at 100%; then Cost
Explorer when a cost allocation tag is given and permitted (moto answers GetCostAndUsage from a queue), else
CloudWatch × the pricing catalog (moto keeps the metric data put into it)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from tests.aws._faults import Fault, FaultProxy, Seen
from tests.conftest import SUITE_NOW
from tests.cutover.conftest import REGION
from workbench.aws.session import open_session
from workbench.clock import parse_moment
from workbench.cost.catalog import default_catalog
from workbench.cutover import actual_vs_predicted, record_cost_check
from workbench.models import CostCheck, CostComparison, CostScenario, CutoverState, CutoverStep, ShiftMechanism

NOW = parse_moment(SUITE_NOW).replace(minute=0, second=0, microsecond=0)
PROVIDER = "orders-cp"
ITYPE = "c7g.xlarge"


def comparison() -> CostComparison:
    return CostComparison(region=REGION, pricing_source="snapshot", pricing_date=date(2026, 11, 27), scenarios=[
        CostScenario(name="Lambda, on-demand", monthly_usd=900.0),
        CostScenario(name="LMI, on-demand", monthly_usd=600.0),
        CostScenario(name="LMI + Compute Savings Plan 1 yr (32%)", monthly_usd=450.0)])


def cutover_at_full_traffic(since: datetime, status: str = "complete") -> CutoverState:
    return CutoverState(old_function_name="orders", new_function_name="orders-lmi", new_alias="live",
                        region=REGION, mechanism=ShiftMechanism.ROUTER, status=status, current_step=0,
                        steps=[CutoverStep(traffic_pct=100, bake_minutes=60)], started_at=since,
                        step_started_at=since)


def seed(store, since: datetime | None) -> None:
    store.put(comparison(), expected_version=None)
    if since is not None:
        store.put(cutover_at_full_traffic(since), expected_version=None)


def put_lmi_metrics(moto, hours: int, *, invocations: float, vcpu_available: float, vcpu_allocated: float) -> None:
    client = moto.client("cloudwatch")
    start = NOW - timedelta(hours=hours)
    cp = [{"Name": "CapacityProviderName", "Value": PROVIDER}, {"Name": "InstanceType", "Value": ITYPE}]
    data = []
    for h in range(hours):
        at = start + timedelta(hours=h)
        data.append({"MetricName": "Invocations", "Timestamp": at, "Value": invocations, "Unit": "Count",
                     "Dimensions": [{"Name": "FunctionName", "Value": "orders-lmi"}]})
        data.append({"MetricName": "vCPUAvailable", "Timestamp": at, "Value": vcpu_available, "Unit": "Count",
                     "Dimensions": cp})
        data.append({"MetricName": "vCPUAllocated", "Timestamp": at, "Value": vcpu_allocated, "Unit": "Count",
                     "Dimensions": cp})
    for i in range(0, len(data), 500):
        client.put_metric_data(Namespace="AWS/Lambda", MetricData=data[i:i + 500])


def test_not_enough_data_before_a_week_at_full_traffic(store):
    check = actual_vs_predicted(store, now=NOW)
    assert check.status == "not-enough-data" and "need 1–2 weeks" in check.note and "no cutover" in check.note
    seed(store, NOW - timedelta(days=3))
    check = actual_vs_predicted(store, now=NOW)
    assert check.status == "not-enough-data" and check.actual_monthly_usd is None
    assert "3 day(s) at 100% on LMI so far" in check.note
    assert f"{NOW - timedelta(days=3) + timedelta(days=7):%Y-%m-%d}" in check.note
    assert check.predicted_monthly_usd == 600.0 and check.predicted_scenario == "LMI, on-demand"
    assert "decommission orders" in check.decommission


def test_a_cutover_short_of_full_traffic_has_no_actual_yet(store):
    store.put(comparison(), expected_version=None)
    store.put(CutoverState(old_function_name="orders", new_function_name="orders-lmi", status="baking",
                           current_step=1, step_started_at=NOW - timedelta(days=20)), expected_version=None)
    check = actual_vs_predicted(store, now=NOW)
    assert check.status == "not-enough-data" and "baking at 50% on LMI" in check.note


def test_metrics_times_prices_against_moto_cloudwatch(moto, session, store, recorder):
    seed(store, NOW - timedelta(days=10))
    put_lmi_metrics(moto, 10 * 24, invocations=36_000, vcpu_available=4, vcpu_allocated=8)
    check = actual_vs_predicted(store, session=session, now=NOW, days=14, capacity_provider=PROVIDER)
    assert (check.status, check.source) == ("measured", "metrics-x-prices")
    catalog = default_catalog()
    hours = 10 * 24
    price = catalog.instance(REGION, ITYPE).usd_per_hour
    instance_hours = hours * (4 + 8) / catalog.instance(REGION, ITYPE).vcpu
    scale = catalog.hours_per_month / hours
    requests = 36_000 * hours * catalog.lmi_pricing.request_usd_per_million / 1e6
    ec2 = instance_hours * price
    fee = ec2 * catalog.lmi_pricing.management_fee_fraction
    assert check.actual_monthly_usd == pytest.approx((requests + ec2 + fee) * scale, abs=0.01)
    assert check.line_items["EC2 instances (on-demand)"] == pytest.approx(ec2 * scale, abs=0.01)
    assert check.period_end - check.period_start == timedelta(days=10)
    assert f"{instance_hours:,.1f} h of {ITYPE}" in check.note and "Savings Plans are not applied" in check.note
    assert "No cost allocation tag" in check.note
    assert check.difference_usd == pytest.approx(check.actual_monthly_usd - 600.0)
    assert recorder.mutating == []


def test_cost_explorer_when_a_tag_is_given(moto, session, store, recorder):
    seed(store, NOW - timedelta(days=14))
    days = [{"TimePeriod": {"Start": "x", "End": "y"}, "Total": {}, "Estimated": True, "Groups": [
        {"Keys": ["AWS Lambda"], "Metrics": {"UnblendedCost": {"Amount": "5.00", "Unit": "USD"}}},
        {"Keys": ["Amazon Elastic Compute Cloud - Compute"],
         "Metrics": {"UnblendedCost": {"Amount": "15.00", "Unit": "USD"}}}]}] * 14
    moto.queue_cost_results({"ResultsByTime": days})
    asked: list[dict] = []
    session.client("ce").meta.events.register("provide-client-params.ce.GetCostAndUsage",
                                              lambda params, **_: asked.append(dict(params)))
    check = actual_vs_predicted(store, session=session, now=NOW, cost_tag=("lmi:capacity-provider", PROVIDER))
    assert (check.status, check.source) == ("measured", "cost-explorer")
    hours = 14 * 24
    assert check.actual_monthly_usd == pytest.approx(20 * 14 / hours * 730, abs=0.01)
    assert check.line_items == {"AWS Lambda (billed)": pytest.approx(70 / hours * 730, abs=0.01),
                                "Amazon Elastic Compute Cloud - Compute (billed)":
                                    pytest.approx(210 / hours * 730, abs=0.01)}
    filters = asked[0]["Filter"]["And"]
    assert {"Tags": {"Key": "lmi:capacity-provider", "Values": [PROVIDER]}} in filters
    assert asked[0]["GroupBy"] == [{"Type": "DIMENSION", "Key": "SERVICE"}]
    assert recorder.operations == ["ce:GetCostAndUsage"]


def test_cost_explorer_denied_falls_back_to_metrics(moto, store):
    seed(store, NOW - timedelta(days=8))
    put_lmi_metrics(moto, 8 * 24, invocations=100, vcpu_available=2, vcpu_allocated=2)
    denied = Fault(400, {"Content-Type": "application/x-amz-json-1.1"}, json.dumps({
        "__type": "AccessDeniedException",
        "message": "User: arn:aws:iam::123456789012:user/analyst is not authorized to perform: ce:GetCostAndUsage"
    }).encode())

    def rule(seen: Seen, before: int):
        return denied if seen.operation == "GetCostAndUsage" else None

    with FaultProxy(moto.endpoint, rule) as proxy:
        session = open_session(moto.settings(REGION, endpoint_url=proxy.endpoint), max_attempts=1)
        check = actual_vs_predicted(store, session=session, now=NOW, cost_tag=("team", "orders"),
                                    capacity_provider=PROVIDER)
    assert (check.status, check.source) == ("measured", "metrics-x-prices")
    assert "Cost Explorer is not permitted (ce:GetCostAndUsage is missing)" in check.note


def test_without_capacity_provider_metrics_the_actual_is_unavailable(moto, session, store):
    seed(store, NOW - timedelta(days=9))
    check = actual_vs_predicted(store, session=session, now=NOW, capacity_provider="nothing-here")
    assert check.status == "unavailable" and check.actual_monthly_usd is None
    assert "no vCPUAvailable data for capacity provider nothing-here" in check.note


def test_offline_says_so_and_bad_days_are_refused(store):
    seed(store, NOW - timedelta(days=9))
    check = actual_vs_predicted(store, now=NOW)
    assert check.status == "unavailable" and "No AWS session" in check.note
    with pytest.raises(ValueError, match="days must be"):
        actual_vs_predicted(store, days=3)


def test_the_check_lands_in_the_store_once(store):
    seed(store, NOW - timedelta(days=2))
    check = actual_vs_predicted(store, now=NOW)
    assert record_cost_check(store, check) is True
    assert record_cost_check(store, check.model_copy(update={"checked_at": NOW + timedelta(minutes=5)})) is False
    assert store.get(CostCheck).doc.status == "not-enough-data"
    assert [c.doc_id for c in store.changes(kind="cutover") if c.op == "event"] == ["cost check"]
