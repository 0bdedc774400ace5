"""Import one Lambda function from an AWS account into a ``Workload`` (the intake pane's "import from AWS").

    session = open_session(AwsSettings.from_env(profile=..., region=...))
    listing = list_functions(session, "eu-west-1", name_filter="orders", on_progress=..., cancel=event)
    result = import_function(session, "orders-api", region="eu-west-1", days=14, on_progress=..., cancel=event)
    store.put(result.workload)      # the worker writes the document; the pane re-renders from the store

Calls: GetFunctionConfiguration (1), GetMetricData (1: six to eight queries), Cost Explorer (1–2, $0.01 each;
``cost_explorer=False`` skips it). Reading the configuration must work; anything after it may fail on its own
(no CloudWatch permission, Cost Explorer off, throttled after retries): the result keeps what was read, lists
each ``AwsProblem`` in ``problems`` and leaves the missing fields empty for the user.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, datetime

from workbench.aws.cloudwatch import (
    DEFAULT_DAYS,
    FunctionMetrics,
    Window,
    fetch_function_metrics,
)
from workbench.aws.costexplorer import CostReading, read_monthly_cost
from workbench.aws.errors import OFFLINE_KINDS, AwsProblem, ProblemKind
from workbench.aws.functions import (
    FunctionInfo,
    FunctionList,
    list_functions,
    read_function,
)
from workbench.aws.session import AwsSession, Progress, check_cancelled, report
from workbench.aws.to_workload import build_workload
from workbench.aws.traffic_shape import TrafficFigures
from workbench.models import Workload

__all__ = ["FunctionList", "ImportResult", "import_function", "list_functions"]


@dataclass
class ImportResult:
    workload: Workload
    function: FunctionInfo
    metrics: FunctionMetrics | None
    figures: TrafficFigures | None
    cost: CostReading | None
    problems: list[AwsProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    calls: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return not self.problems


def import_function(session: AwsSession, function: str, *, region: str | None = None, days: int = DEFAULT_DAYS,
                    end: datetime | None = None, cost_explorer: bool = True, percentiles: bool = True,
                    workload_id: str = "default", today: date | None = None,
                    on_progress: Progress | None = None, cancel: threading.Event | None = None) -> ImportResult:
    """Read ``function`` (name or ARN) and ``days`` of its CloudWatch history; build its Workload.

    ``end`` is the end of the metrics window (default: the last whole hour, UTC). ``on_progress(done, total,
    message)`` after each step; ``cancel`` is checked between calls (Cancelled is raised, nothing is written).
    Raises AwsProblem only when the function's configuration cannot be read, or when it is in a Region where LMI
    is not available (kind ``lmi-unavailable``: the message lists the Regions where it is and the nearest one).
    """
    window = Window.ending(end, days)
    steps = 3 if cost_explorer else 2
    report(on_progress, 0, steps, f"reading {function}…")
    check_cancelled(cancel)
    fn = read_function(session, function, region)
    from workbench.fit import region_unavailable

    unavailable = region_unavailable(fn.region)
    if unavailable:   # the seed's unsupported-Region scenario: say so rather than import a function LMI cannot run
        raise AwsProblem(ProblemKind.LMI_UNAVAILABLE, f"{fn.name}: {unavailable}", region=fn.region)
    problems: list[AwsProblem] = []
    notes: list[str] = []

    check_cancelled(cancel)
    report(on_progress, 1, steps, f"{fn.name}: reading {window.describe()} of CloudWatch metrics…")
    metrics: FunctionMetrics | None = None
    try:
        found, _ = fetch_function_metrics(session, fn.region, [fn], window=window, percentiles=percentiles,
                                          cancel=cancel)
        metrics = found[fn.name]
    except AwsProblem as problem:
        if problem.kind is ProblemKind.CANCELLED:
            raise
        problems.append(problem)
        notes.append(f"CloudWatch metrics not read: {problem.message} Traffic and duration fields are left for you.")

    cost: CostReading | None = None
    if cost_explorer and not any(p.kind in OFFLINE_KINDS for p in problems):
        check_cancelled(cancel)
        report(on_progress, 2, steps, f"{fn.name}: reading its cost from Cost Explorer…")
        cost = read_monthly_cost(session, fn.arn, fn.region, today=today)
        if cost.problem is not None and cost.scope == "none":
            problems.append(cost.problem)
    check_cancelled(cancel)
    built = build_workload(fn, metrics, cost=cost, workload_id=workload_id, extra_notes=notes)
    report(on_progress, steps, steps, f"{fn.name}: imported")
    return ImportResult(built.workload, fn, metrics, built.figures, cost, problems, built.notes,
                        session.stats.snapshot())
