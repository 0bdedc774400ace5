"""What a function costs today, from Cost Explorer, when the account allows it.

1. ``GetCostAndUsageWithResources`` filtered to the function's ARN (service AWS Lambda), daily, over the last
   14 days (the API keeps resource-level data that long, and only when resource-level data is switched on in
   Cost Explorer's settings) → the function's own monthly cost (scaled to a 730-hour month).
2. Otherwise ``GetCostAndUsage`` for the AWS Lambda service in the function's Region, last full calendar month →
   the whole account's Lambda cost there, shown as context; the function's field stays empty for the user.
3. AccessDenied, an endpoint without Cost Explorer (emulators), no network: say which, leave the field empty.

Cost Explorer charges $0.01 per API request: an import makes one or two; the fleet triage makes none unless
asked. The Cost Explorer endpoint is global (us-east-1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from workbench.aws.errors import AwsProblem, ProblemKind
from workbench.aws.session import AwsSession
from workbench.clock import system_now

CE_REGION = "us-east-1"
RESOURCE_DAYS = 14
HOURS_PER_MONTH = 730
LAMBDA_SERVICE = "AWS Lambda"
METRIC = "UnblendedCost"


@dataclass(frozen=True)
class CostReading:
    """``monthly_usd`` is the function's own cost, or None; ``scope`` says what was found."""

    scope: str  # "function", "service" or "none"
    monthly_usd: float | None = None
    service_monthly_usd: float | None = None
    period: str = ""
    note: str = ""
    problem: AwsProblem | None = None


def _amount(group: dict) -> float | None:
    metric = (group.get("Total") or {}).get(METRIC) or (group.get("Metrics") or {}).get(METRIC)
    if not metric or metric.get("Amount") in (None, ""):
        return None
    return float(metric["Amount"])


def _sum_results(pages: list[dict]) -> float | None:
    amounts = [a for page in pages for r in page.get("ResultsByTime") or () for a in [_amount(r)] if a is not None]
    return sum(amounts) if amounts else None


def read_monthly_cost(session: AwsSession, function_arn: str, region: str, *, today: date | None = None
                      ) -> CostReading:
    """The function's monthly cost from Cost Explorer, or the reason there is none (never raises AwsProblem)."""
    today = today or system_now().date()
    start = today - timedelta(days=RESOURCE_DAYS)
    period = f"{start.isoformat()} to {today.isoformat()}"
    try:
        pages = _paged(session, "GetCostAndUsageWithResources",
                       TimePeriod={"Start": start.isoformat(), "End": today.isoformat()}, Granularity="DAILY",
                       Metrics=[METRIC],
                       Filter={"And": [{"Dimensions": {"Key": "SERVICE", "Values": [LAMBDA_SERVICE]}},
                                       {"Dimensions": {"Key": "RESOURCE_ID", "Values": [function_arn]}}]})
        total = _sum_results(pages)
        if total is not None:
            monthly = total / (RESOURCE_DAYS * 24) * HOURS_PER_MONTH
            return CostReading("function", monthly_usd=monthly, period=period,
                               note=f"Cost Explorer, resource level: ${total:,.2f} over {RESOURCE_DAYS} days "
                                    f"({period}), scaled to a {HOURS_PER_MONTH}-hour month")
        first: AwsProblem | None = None
    except AwsProblem as problem:
        if problem.kind in (ProblemKind.DENIED, ProblemKind.UNREACHABLE, ProblemKind.NO_CREDENTIALS,
                            ProblemKind.EXPIRED, ProblemKind.INVALID_CREDENTIALS):
            return _unavailable(problem)
        first = problem
    return _service_level(session, region, today, first)


def _service_level(session: AwsSession, region: str, today: date, first: AwsProblem | None) -> CostReading:
    end = today.replace(day=1)
    start = (end - timedelta(days=1)).replace(day=1)
    period = f"{start:%B %Y}"
    why = ("Cost Explorer has no resource-level data for this function (switch on resource-level data in Cost "
           "Explorer's settings to read it)") if first is None else \
        f"Cost Explorer could not give resource-level data ({first.message})"
    try:
        pages = _paged(session, "GetCostAndUsage", TimePeriod={"Start": start.isoformat(), "End": end.isoformat()},
                       Granularity="MONTHLY", Metrics=[METRIC],
                       Filter={"And": [{"Dimensions": {"Key": "SERVICE", "Values": [LAMBDA_SERVICE]}},
                                       {"Dimensions": {"Key": "REGION", "Values": [region]}}]})
    except AwsProblem as problem:
        return _unavailable(problem, first)
    total = _sum_results(pages)
    if total is None:
        return CostReading("none", period=period, problem=first,
                           note=f"{why}; it returned no AWS Lambda cost for {region} in {period} either. Enter "
                                "this function's monthly spend by hand.")
    return CostReading("service", service_monthly_usd=total, period=period, problem=first,
                       note=f"{why}. AWS Lambda in {region} cost ${total:,.2f} in {period} for the whole account; "
                            "enter this function's share by hand.")


def _unavailable(problem: AwsProblem, first: AwsProblem | None = None) -> CostReading:
    if problem.kind is ProblemKind.DENIED:
        note = (f"Cost Explorer is not permitted ({problem.action} is missing): enter the monthly spend by hand, "
                "or ask for the read-only permission.")
    else:
        note = f"Cost Explorer is not available ({problem.message}): enter the monthly spend by hand."
    return CostReading("none", note=note, problem=problem)


def _paged(session: AwsSession, operation: str, **params) -> list[dict]:
    pages = []
    token = None
    while True:
        if token:
            params["NextPageToken"] = token
        page = session.call("ce", operation, region=CE_REGION, **params)
        pages.append(page)
        token = page.get("NextPageToken")
        if not token:
            return pages
