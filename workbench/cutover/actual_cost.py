"""After the cutover: what LMI actually costs against what the cost comparison predicted.

The prediction is the session's CostComparison (the "LMI, on-demand" scenario unless another is named). The
actual cost needs data: until all traffic has been on LMI for a week the answer is "not enough data yet (need
1–2 weeks)". Then, in this order:

1. Cost Explorer (``GetCostAndUsage``, daily, services AWS Lambda and EC2 compute, grouped by service) when a
   cost allocation tag that marks the capacity provider's instances is given — without one Cost Explorer cannot
   tell this provider's instances from the account's others — and the account permits it. Billed cost:
   Savings Plans and Reserved Instances show in it.
2. Otherwise CloudWatch × the pricing catalog: the LMI function's invocations × the request price, plus the
   capacity provider's instance hours × the on-demand price × (1 + the management fee share). Instance hours
   per instance type are read as (vCPUAvailable + vCPUAllocated) ÷ the type's vCPUs, hour by hour: the
   capacity metrics count the vCPUs open for or given to execution environments, so any share an instance
   keeps for itself is not counted and the figure is a lower bound.

Both are scaled to the catalog's month (730 hours). Nothing here changes the account.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from workbench.aws.errors import AwsProblem, ProblemKind
from workbench.clock import system_now
from workbench.models.cutover import CostCheck, CutoverState

if TYPE_CHECKING:
    from workbench.aws.session import AwsSession
    from workbench.cost.catalog import PricingCatalog
    from workbench.store import Store

MIN_DAYS = 7  # the guidance: compare after 1–2 weeks of production data
CE_REGION = "us-east-1"
CE_SERVICES = ("AWS Lambda", "Amazon Elastic Compute Cloud - Compute")
PREFERRED_SCENARIO = "LMI, on-demand"
AUDIT_KIND = "cutover"


def decommission_reminder(state: CutoverState | None) -> str:
    if state is None:
        return "Once the LMI function has run stable for 1–2 weeks, decommission the standard Lambda function."
    old = state.old_function_name + (f":{state.old_qualifier}" if state.old_qualifier else "")
    return (f"Once {state.new_function_name} has run stable at 100% for 1–2 weeks of production data with its gates "
            f"passing, decommission {old}: remove what still points at it (mappings, permissions, aliases), its "
            "alarms and schedules, then delete the function; keep its code in version control.")


def _predicted(store: "Store", scenario: str | None) -> tuple[float | None, str | None, float | None, str]:
    from workbench.models import CostComparison

    found = store.get(CostComparison)
    if found is None:
        return None, None, None, "No cost comparison in this session, so there is no prediction to compare with."
    comparison = found.doc
    names = [s.name for s in comparison.scenarios]
    name = scenario if scenario in names else (PREFERRED_SCENARIO if PREFERRED_SCENARIO in names else
                                               next((n for n in names if n.upper().startswith("LMI")), None))
    if scenario and scenario not in names:
        return None, None, None, f"scenario: {scenario!r} is not in the cost comparison ({', '.join(names)})."
    lam = next((s.monthly_usd for s in comparison.scenarios if s.name.lower().startswith("lambda")), None)
    if name is None:
        return None, None, lam, "The cost comparison has no LMI scenario."
    return comparison.scenario(name).monthly_usd, name, lam, ""


def _with_reminder(check: dict[str, Any], state: CutoverState | None, now: datetime) -> CostCheck:
    return CostCheck(decommission=decommission_reminder(state), checked_at=now, **check)


def actual_vs_predicted(store: "Store", *, session: "AwsSession | None" = None, days: int = 14,
                        now: datetime | None = None, cost_tag: tuple[str, str] | None = None,
                        capacity_provider: str | None = None, scenario: str | None = None,
                        catalog: "PricingCatalog | None" = None) -> CostCheck:
    """Predicted against actual monthly cost (never raises AwsProblem: problems go into ``note``)."""
    if not isinstance(days, int) or not MIN_DAYS <= days <= 63:
        raise ValueError(f"days must be a whole number from {MIN_DAYS} to 63 (got {days!r})")
    now = (now or system_now()).astimezone(timezone.utc)
    found = store.get(CutoverState)
    state = found.doc if found else None
    predicted, name, lam, why_not = _predicted(store, scenario)
    base: dict[str, Any] = {"predicted_monthly_usd": predicted, "predicted_scenario": name,
                            "predicted_lambda_monthly_usd": lam}
    since = state.full_traffic_since if state else None
    if state is None or since is None:
        where = "there is no cutover yet" if state is None else \
            f"the cutover is {state.status.value} at {state.traffic_on_lmi_pct:g}% on LMI"
        return _with_reminder({**base, "status": "not-enough-data",
                               "note": f"Not enough data yet (need 1–2 weeks at 100% on LMI): {where}. {why_not}"
                               .strip()}, state, now)
    elapsed = now - since
    if elapsed < timedelta(days=MIN_DAYS):
        ready = since + timedelta(days=MIN_DAYS)
        return _with_reminder({**base, "status": "not-enough-data",
                               "note": f"Not enough data yet (need 1–2 weeks): {elapsed.days} day(s) at 100% on LMI "
                                       f"so far; the first comparison is possible from {ready:%Y-%m-%d %H:%M} UTC. "
                                       f"{why_not}".strip()}, state, now)
    window_days = min(days, elapsed.days)
    from workbench.aws.cloudwatch import Window

    window = Window.ending(now, window_days)
    period = {"period_start": window.start, "period_end": window.end}
    if session is None:
        return _with_reminder({**base, **period, "status": "unavailable",
                               "note": "No AWS session (offline or plan only): the actual cost was not read. "
                                       + why_not}, state, now)
    notes: list[str] = [why_not] if why_not else []
    if cost_tag:
        measured = _cost_explorer(session, window, cost_tag, notes)
        if measured is not None:
            total, items = measured
            return _with_reminder({**base, **period, "status": "measured", "source": "cost-explorer",
                                   "actual_monthly_usd": round(total, 2), "line_items": items,
                                   "note": " ".join(notes + [_verdict(predicted, total)]).strip()}, state, now)
    else:
        notes.append("No cost allocation tag for the capacity provider's instances was given, so Cost Explorer "
                     "cannot separate them from the account's other EC2 cost: measured from CloudWatch × prices.")
    region = (state.source.region if state.source and state.source.region else None) or state.region \
        or _comparison_region(store) or session.region
    provider = capacity_provider or _provider_name(store)
    try:
        measured = _metrics_times_prices(session, store, state, window, region, provider, catalog, notes)
    except AwsProblem as problem:
        notes.append(f"CloudWatch could not be read: {problem.message}")
        measured = None
    if measured is None:
        return _with_reminder({**base, **period, "status": "unavailable", "note": " ".join(notes)[:3000]},
                              state, now)
    total, items = measured
    return _with_reminder({**base, **period, "status": "measured", "source": "metrics-x-prices",
                           "actual_monthly_usd": round(total, 2), "line_items": items,
                           "note": " ".join(notes + [_verdict(predicted, total)])[:3000]}, state, now)


def _verdict(predicted: float | None, actual: float) -> str:
    if predicted is None or predicted <= 0:
        return ""
    diff = (actual - predicted) / predicted * 100
    text = f"Actual ${actual:,.2f}/month against ${predicted:,.2f} predicted ({diff:+.0f}%)."
    if diff > 20:
        text += (" Higher than predicted: LMI keeps at least its minimum execution environments (3 by default) "
                 "and their instances running even when traffic is low; with low traffic standard Lambda may be "
                 "cheaper — check the minimum and the instance sizes.")
    return text


def _comparison_region(store: "Store") -> str | None:
    from workbench.models import CostComparison

    found = store.get(CostComparison)
    return found.doc.region if found else None


def _provider_name(store: "Store") -> str | None:
    from workbench.models import LmiConfiguration

    found = store.get(LmiConfiguration)
    return found.doc.capacity_provider_name if found else None


def _cost_explorer(session: "AwsSession", window, tag: tuple[str, str],
                   notes: list[str]) -> tuple[float, dict[str, float]] | None:
    key, value = tag
    params = {"TimePeriod": {"Start": window.start.date().isoformat(), "End": window.end.date().isoformat()},
              "Granularity": "DAILY", "Metrics": ["UnblendedCost"],
              "Filter": {"And": [{"Dimensions": {"Key": "SERVICE", "Values": list(CE_SERVICES)}},
                                 {"Tags": {"Key": key, "Values": [value]}}]},
              "GroupBy": [{"Type": "DIMENSION", "Key": "SERVICE"}]}
    by_service: dict[str, float] = {}
    token = None
    try:
        while True:
            page = session.call("ce", "GetCostAndUsage", region=CE_REGION,
                                **({**params, "NextPageToken": token} if token else params))
            for result in page.get("ResultsByTime") or ():
                for group in result.get("Groups") or ():
                    amount = ((group.get("Metrics") or {}).get("UnblendedCost") or {}).get("Amount")
                    if amount not in (None, ""):
                        label = (group.get("Keys") or ["total"])[0]
                        by_service[label] = by_service.get(label, 0.0) + float(amount)
                if not result.get("Groups"):
                    amount = ((result.get("Total") or {}).get("UnblendedCost") or {}).get("Amount")
                    if amount not in (None, ""):
                        by_service["total"] = by_service.get("total", 0.0) + float(amount)
            token = page.get("NextPageToken")
            if not token:
                break
    except AwsProblem as problem:
        if problem.kind is ProblemKind.DENIED:
            notes.append(f"Cost Explorer is not permitted ({problem.action} is missing): measured from CloudWatch "
                         "× prices instead.")
        else:
            notes.append(f"Cost Explorer is not available ({problem.message}): measured from CloudWatch × prices "
                         "instead.")
        return None
    if not by_service or sum(by_service.values()) <= 0:
        notes.append(f"Cost Explorer has no cost tagged {key}={value} for {window.describe()} (tags show in Cost "
                     "Explorer only once activated as cost allocation tags): measured from CloudWatch × prices "
                     "instead.")
        return None
    scale = 730 / window.hours
    items = {f"{label} (billed)": round(amount * scale, 2) for label, amount in sorted(by_service.items())}
    total = sum(by_service.values()) * scale
    notes.append(f"Cost Explorer, billed cost tagged {key}={value}, services {', '.join(CE_SERVICES)}: "
                 f"${sum(by_service.values()):,.2f} over {window.describe()}, scaled to a 730-hour month.")
    return total, items


def _metrics_times_prices(session: "AwsSession", store: "Store", state: CutoverState, window, region: str | None,
                          provider: str | None, catalog: "PricingCatalog | None",
                          notes: list[str]) -> tuple[float, dict[str, float]] | None:
    from workbench.aws.cloudwatch import get_metric_data
    from workbench.cost.session import session_catalog

    if not region:
        notes.append("No Region known for the LMI function: the metrics were not read.")
        return None
    if not provider:
        notes.append("No capacity provider name (LMI configuration): its instance hours cannot be read.")
        return None
    cat = catalog or session_catalog(store)
    listed: list[dict[str, Any]] = []
    for page in session.pages("cloudwatch", "ListMetrics", region=region, Namespace="AWS/Lambda",
                              MetricName="vCPUAvailable",
                              Dimensions=[{"Name": "CapacityProviderName", "Value": provider}]):
        listed += page.get("Metrics") or []
    types = sorted({d["Value"] for m in listed for d in m.get("Dimensions") or () if d["Name"] == "InstanceType"})
    queries = [{"Id": "invocations", "ReturnData": True, "MetricStat": {
        "Metric": {"Namespace": "AWS/Lambda", "MetricName": "Invocations",
                   "Dimensions": [{"Name": "FunctionName", "Value": state.new_function_name}]},
        "Period": 3600, "Stat": "Sum"}}]
    for n, itype in enumerate(types):
        dims = [{"Name": "CapacityProviderName", "Value": provider}, {"Name": "InstanceType", "Value": itype}]
        for metric in ("vCPUAvailable", "vCPUAllocated"):
            queries.append({"Id": f"{metric.lower()}_{n}", "ReturnData": True, "MetricStat": {
                "Metric": {"Namespace": "AWS/Lambda", "MetricName": metric, "Dimensions": dims},
                "Period": 3600, "Stat": "Average"}})
    points, _dropped = get_metric_data(session, region, queries, window, label="cutover cost")
    invocations = sum(v for _, v in points.get("invocations") or ())
    if not types:
        notes.append(f"CloudWatch has no vCPUAvailable data for capacity provider {provider} in {region}: its "
                     "instance hours are unknown, so the actual cost cannot be put together.")
        return None
    scale = cat.hours_per_month / window.hours
    pricing = cat.lmi_pricing
    ec2_usd = 0.0
    hours_by_type: dict[str, float] = {}
    for n, itype in enumerate(types):
        instance = cat.instance(region, itype, estimate=True)
        by_hour: dict[datetime, float] = {}
        for metric in ("vcpuavailable", "vcpuallocated"):
            for ts, value in points.get(f"{metric}_{n}") or ():
                by_hour[ts] = by_hour.get(ts, 0.0) + value
        hours = sum(by_hour.values()) / instance.vcpu
        hours_by_type[itype] = hours
        ec2_usd += hours * instance.usd_per_hour
    requests_usd = invocations * pricing.request_usd_per_million / 1e6
    fee_usd = ec2_usd * pricing.management_fee_fraction
    items = {"Requests": round(requests_usd * scale, 2), "EC2 instances (on-demand)": round(ec2_usd * scale, 2),
             f"Management fee ({pricing.management_fee_fraction:.0%} of on-demand)": round(fee_usd * scale, 2)}
    total = (requests_usd + ec2_usd + fee_usd) * scale
    hours_text = ", ".join(f"{h:,.1f} h of {t}" for t, h in hours_by_type.items())
    notes.append(f"CloudWatch × prices over {window.describe()}: {invocations:,.0f} invocations of "
                 f"{state.new_function_name}, {hours_text} (from vCPUAvailable + vCPUAllocated; a lower bound) at "
                 f"on-demand prices from the {cat.label}, scaled to a {cat.hours_per_month:g}-hour month; Savings "
                 "Plans are not applied.")
    return total, items


def record_cost_check(store: "Store", check: CostCheck) -> bool:
    """Keep the check in the store (the report and every partner read it); False for a read-only viewer."""
    from workbench.store import StoreConflict, StoreReadOnly

    current = store.get(CostCheck)
    if current is not None and current.doc.model_dump(exclude={"checked_at"}) == \
            check.model_dump(exclude={"checked_at"}):
        return False
    actual = "—" if check.actual_monthly_usd is None else f"${check.actual_monthly_usd:,.2f}/month"
    predicted = "—" if check.predicted_monthly_usd is None else f"${check.predicted_monthly_usd:,.2f}/month"
    summary = f"cutover cost: {check.status}, actual {actual} ({check.source}) vs predicted {predicted}"
    try:
        store.put(check, expected_version=current.version if current else None, summary=summary)
    except StoreConflict:
        store.overwrite(check, summary=summary)
    except StoreReadOnly:
        return False
    store.record(AUDIT_KIND, "cost check", summary)
    return True
