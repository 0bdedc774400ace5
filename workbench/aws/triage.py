"""Fleet triage: every function of one or several Regions, ranked by the estimated monthly saving with LMI and
by fit, so a team can pick what to migrate first.

Per Region: ``ListFunctions`` (one call per 50 functions; it carries each configuration), then the CloudWatch
history of all functions together in ``ceil(queries / 500)`` ``GetMetricData`` calls (six queries per function,
eight with Lambda Insights). No per-function call is made, so 1,000 functions cost 20 + 12 calls, not 1,000
round trips. Throttled calls are retried by botocore with backoff (adaptive mode); a Region that still fails is
reported in ``problems`` and the other Regions go on.

Each function is priced with the workbench cost engine (``inputs_from_workload`` + ``compare``): the saving is
standard Lambda on-demand minus LMI on-demand, the same pair the cost pane's recommendation uses for a workload
without a Savings Plan. A function that cannot be priced (no invocations, no runtime, unsupported Region…) keeps
its row with the reason. The fit verdict comes from ``workbench.fit.assess`` (the decision table).

    result = triage(session, ["us-east-1", "eu-west-1"], days=14, on_progress=..., cancel=event)
    for row in result.rows: ...          # ranked; row.workload is ready for store.put()
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from workbench.aws.cloudwatch import (
    DEFAULT_DAYS,
    FunctionMetrics,
    Window,
    fetch_function_metrics,
)
from workbench.aws.errors import AwsProblem, ProblemKind
from workbench.aws.functions import FunctionInfo, list_functions
from workbench.aws.session import AwsSession, Progress, check_cancelled, report
from workbench.aws.to_workload import build_workload
from workbench.models import Workload

SORT_KEYS = ("saving", "fit")
# Fit verdicts from best to worst for ranking (values of workbench.models.Verdict).
FIT_ORDER = {"strong-fit": 0, "worth-evaluating": 1, "standard-lambda-better": 2}


@dataclass
class TriageRow:
    region: str
    function_name: str
    function_arn: str
    runtime: str | None
    architecture: str
    memory_mb: int | None
    traffic_pattern: str
    requests_per_month: int | None
    mean_rps: float | None
    peak_rps: float | None
    duration_avg_ms: float | None
    cv: float | None = None
    peak_to_mean: float | None = None
    idle_share: float | None = None
    lambda_monthly_usd: float | None = None
    lmi_monthly_usd: float | None = None
    saving_usd: float | None = None
    lmi_instance: str | None = None
    not_priced: str | None = None  # why there is no saving figure
    runtime_note: str | None = None  # the runtime LMI does not support as it is, and the upgrade (lmi_facts)
    fit_verdict: str | None = None  # strong-fit / worth-evaluating / standard-lambda-better; None: not assessed
    fit_summary: str = ""
    workload: Workload | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def saving_pct(self) -> float | None:
        """The saving as a percentage of today's Lambda cost (negative: LMI costs more)."""
        if self.saving_usd is None or not self.lambda_monthly_usd:
            return None
        return 100.0 * self.saving_usd / self.lambda_monthly_usd

    def as_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k not in ("workload", "notes")}
        out["saving_pct"] = self.saving_pct
        out["notes"] = list(self.notes)
        return out


@dataclass
class TriageResult:
    regions: list[str]
    window: Window
    rows: list[TriageRow] = field(default_factory=list)
    problems: dict[str, AwsProblem] = field(default_factory=dict)  # Region → why it could not be read
    functions_seen: dict[str, int] = field(default_factory=dict)
    metric_queries: int = 0
    calls: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def get_metric_data_calls(self) -> int:
        return self.calls.get("cloudwatch:GetMetricData", {}).get("calls", 0)


# --- fit -------------------------------------------------------------------------------------------------------
def region_unavailable(region: str) -> str | None:
    from workbench.fit import region_unavailable as message

    return message(region)


def fit_assessor() -> Callable[[Workload], Any]:
    """The fit verdict for a row: ``workbench.fit.assess`` (the pure decision table), imported on first use."""
    from workbench.fit import assess

    return assess


def _apply_fit(row: TriageRow, assess: Callable[[Workload], Any] | None) -> None:
    if assess is None or row.workload is None:
        return
    found = assess(row.workload)
    row.fit_verdict = found.verdict.value
    row.fit_summary = found.summary


# --- pricing ---------------------------------------------------------------------------------------------------
def _apply_cost(row: TriageRow) -> None:
    from workbench.cost.compare import compare
    from workbench.cost import CostError
    from workbench.cost.workload import inputs_from_workload

    w = row.workload
    if w is None:
        return
    if w.requests_per_month == 0:
        row.not_priced = "no invocations in the window"
        return
    try:
        inputs = inputs_from_workload(w)
        result = compare(inputs, alternatives=0)
    except CostError as error:
        row.not_priced = str(error)
        return
    lam = result.scenario("lambda_compute_sp" if inputs.lambda_compute_sp else "lambda_on_demand")
    lmi = result.scenario(f"lmi_{inputs.lmi_commitment}")
    row.lambda_monthly_usd = lam.monthly_usd
    row.lmi_monthly_usd = lmi.monthly_usd
    row.saving_usd = lam.monthly_usd - lmi.monthly_usd
    row.lmi_instance = lmi.instance_type


def make_row(fn: FunctionInfo, metrics: FunctionMetrics | None, *, extra_notes: Sequence[str] = (),
             assess: Callable[[Workload], Any] | None = None) -> TriageRow:
    """One priced and assessed row (pure: the AWS reads are done)."""
    built = build_workload(fn, metrics, workload_id=f"{fn.region}.{fn.name}", extra_notes=extra_notes)
    w, fig = built.workload, built.figures
    row = TriageRow(
        region=fn.region, function_name=fn.name, function_arn=fn.arn, runtime=fn.runtime,
        architecture=fn.architecture, memory_mb=fn.memory_mb, traffic_pattern=w.traffic_pattern.value,
        requests_per_month=w.requests_per_month, mean_rps=w.mean_requests_per_second,
        peak_rps=w.peak_requests_per_second, duration_avg_ms=w.duration_avg_ms, workload=w, notes=built.notes,
    )
    if fig is not None:
        s = fig.shape.stats
        row.cv, row.peak_to_mean, row.idle_share = s.cv, s.peak_to_mean, s.idle_share
    if metrics is None:
        row.not_priced = "no CloudWatch metrics"
    else:
        _apply_cost(row)
    _apply_runtime(row)
    _apply_fit(row, assess)
    return row


def _apply_runtime(row: TriageRow) -> None:
    """Name a runtime LMI does not support as it is (python3.12) and its upgrade; the saving, when there is one,
    is what the function would save once upgraded (the fit verdict is standard Lambda until then)."""
    from workbench.lmi_facts import runtime_support

    if not row.runtime:
        return
    found = runtime_support(row.runtime)
    if found.supported:
        return
    if found.upgrade:
        row.runtime_note = (f"{found.unsupported_message}: upgrade to {found.upgrade} first"
                            + ("; the saving assumes the upgrade" if row.saving_usd is not None else ""))
    else:
        row.runtime_note = f"{found.unsupported_message}: keep it on standard Lambda"
    row.notes.append(found.explain())


def demo_triage(days: int = DEFAULT_DAYS) -> TriageResult:
    """What ``triage --demo`` shows without AWS: the demo's sample workload as one row, priced and assessed like
    any other (its numbers are the demo's, not read from CloudWatch)."""
    from workbench.demo import DEMO_CREATED_AT, demo_documents

    w = next(doc for doc, _ in demo_documents() if isinstance(doc, Workload))
    region = w.region or "us-east-1"
    row = TriageRow(
        region=region, function_name=w.function_name, function_arn=w.function_arn or "", runtime=w.runtime,
        architecture=w.architecture.value, memory_mb=w.memory_mb, traffic_pattern=w.traffic_pattern.value,
        requests_per_month=w.requests_per_month, mean_rps=w.mean_requests_per_second,
        peak_rps=w.peak_requests_per_second, duration_avg_ms=w.duration_avg_ms, workload=w,
        notes=["DEMO: the demo's sample numbers, not read from AWS"])
    _apply_cost(row)
    _apply_runtime(row)
    _apply_fit(row, fit_assessor())
    return TriageResult(regions=[region], window=Window.ending(DEMO_CREATED_AT, days), rows=[row],
                        functions_seen={region: 1})


def sort_rows(rows: Sequence[TriageRow], by: str = "saving") -> list[TriageRow]:
    """Ranked rows: by saving (largest first; unpriced last), ties by fit; or by fit, ties by saving."""
    if by not in SORT_KEYS:
        raise ValueError(f"sort by one of {', '.join(SORT_KEYS)} (got {by!r})")

    def saving(r: TriageRow) -> tuple[int, float]:
        return (1, 0.0) if r.saving_usd is None else (0, -r.saving_usd)

    def fit(r: TriageRow) -> int:
        return FIT_ORDER.get(r.fit_verdict or "", len(FIT_ORDER))

    if by == "fit":
        return sorted(rows, key=lambda r: (fit(r), saving(r), r.function_name, r.region))
    return sorted(rows, key=lambda r: (saving(r), fit(r), r.function_name, r.region))


# --- the AWS side --------------------------------------------------------------------------------------------
def triage(session: AwsSession, regions: Sequence[str] | None = None, *, days: int = DEFAULT_DAYS,
           end: datetime | None = None, name_filter: str = "", sort_by: str = "saving", percentiles: bool = True,
           on_progress: Progress | None = None, cancel: threading.Event | None = None) -> TriageResult:
    """Import, price and rank every function of ``regions`` (default: the session's Region).

    ``on_progress(done, total, message)`` reports each phase (listing, CloudWatch requests, pricing) with its
    own done/total; ``cancel`` is checked before every call and between priced functions (Cancelled).
    A Region that fails (denied, throttled after retries, unreachable) is recorded in ``problems``, and so is a
    Region where LMI is not available (``fit.region_unavailable``: no call is made there); an unknown Region name
    raises AwsProblem before any call.
    """
    names = [session.resolve_region(r) for r in regions] if regions else [session.resolve_region()]
    names = list(dict.fromkeys(names))
    window = Window.ending(end, days)
    result = TriageResult(regions=names, window=window)
    before = session.stats.snapshot()
    assess = fit_assessor()
    for region in names:
        check_cancelled(cancel)
        unavailable = region_unavailable(region)
        if unavailable:   # nothing to migrate there: say so instead of listing its functions
            result.problems[region] = AwsProblem(ProblemKind.LMI_UNAVAILABLE, unavailable, region=region)
            continue
        try:
            listing = list_functions(session, region, name_filter=name_filter, on_progress=on_progress,
                                     cancel=cancel)
        except AwsProblem as problem:
            if problem.kind is ProblemKind.CANCELLED:
                raise
            result.problems[region] = problem
            continue
        result.functions_seen[region] = listing.seen
        functions = listing.functions
        metrics: dict[str, FunctionMetrics] = {}
        notes: list[str] = []
        if functions:
            try:
                metrics, sent = fetch_function_metrics(session, region, functions, window=window,
                                                       percentiles=percentiles, on_progress=on_progress,
                                                       cancel=cancel)
                result.metric_queries += sent
            except AwsProblem as problem:
                if problem.kind is ProblemKind.CANCELLED:
                    raise
                result.problems[region] = problem
                notes.append(f"CloudWatch metrics not read: {problem.message}")
        for n, fn in enumerate(functions):
            if n % 50 == 0:
                check_cancelled(cancel)
                report(on_progress, n, len(functions), f"{region}: pricing {n:,} of {len(functions):,} functions")
            result.rows.append(make_row(fn, metrics.get(fn.name), extra_notes=notes, assess=assess))
        report(on_progress, len(functions), len(functions), f"{region}: {len(functions):,} functions priced")
    result.rows = sort_rows(result.rows, sort_by)
    result.calls = _calls_since(before, session.stats.snapshot())
    return result


def _calls_since(before: dict[str, dict[str, int]], after: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    out = {}
    for key, now in after.items():
        was = before.get(key, {})
        diff = {k: v - was.get(k, 0) for k, v in now.items()}
        if any(diff.values()):
            out[key] = diff
    return out
