"""The AWS actions a user starts: list a Region's functions, import one as the session's workload, triage a
fleet, refresh the prices. Each takes the run's AWS session (``workbench.aws.session.AwsSession``, the one
session factory; tests point it at a moto server) and lands its result in the store. An AWS problem (denied,
throttled, expired credentials, cancelled) is a FAILED result carrying the ``AwsProblem``, never an exception.

The TUI runs these in its one AWS job runner (a triage in a child process, ``workbench.aws.job_process``, through
``workbench.aws.session_jobs``); ``lmi-workbench triage`` calls ``triage`` without a store.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workbench.flows.documents import SaveResult, save_document
from workbench.flows.result import FlowResult, Note, Outcome, readonly_refusal
from workbench.store import StoreError

if TYPE_CHECKING:
    from workbench.aws.errors import AwsProblem
    from workbench.aws.session import AwsSession, Progress
    from workbench.aws.triage import TriageResult
    from workbench.store import Store


@dataclass
class AwsDone(FlowResult):
    """An AWS flow's outcome; ``problem`` is the AwsProblem when AWS could not be read."""

    problem: "AwsProblem | None" = None


def _failed(problem: "AwsProblem") -> AwsDone:
    from workbench.aws.errors import Cancelled

    if isinstance(problem, Cancelled):
        return AwsDone(Outcome.DECLINED, [Note(problem.message, "warning")], problem=problem)
    return AwsDone(Outcome.FAILED, [Note(problem.message, "error")], problem=problem)


def _put_reading(store: "Store", doc: Any, summary: str) -> None:
    """A listing or a triage is a reading of the account: the newest reading wins (no merge)."""
    current = store.get(type(doc), doc.id)
    if current is None:
        store.put(doc, expected_version=None, summary=summary)
    else:
        store.overwrite(doc, summary=summary)


def list_functions(store: "Store", session: "AwsSession", region: str | None, *, name_filter: str = "",
                   on_progress: "Progress | None" = None, cancel: threading.Event | None = None) -> AwsDone:
    """ListFunctions for ``region`` (optionally filtered); the FunctionListing lands in the store."""
    from workbench.aws.errors import AwsProblem
    from workbench.aws.functions import list_functions as read_listing
    from workbench.fit import region_unavailable
    from workbench.models import FunctionListing

    if store.readonly:
        return AwsDone(**vars(readonly_refusal()))
    try:
        listing = read_listing(session, region, name_filter=name_filter, on_progress=on_progress, cancel=cancel)
        doc = FunctionListing(region=listing.region, name_filter=name_filter, seen=listing.seen, functions=[
            {"name": f.name, "runtime": f.runtime, "memory_mb": f.memory_mb, "architecture": f.architecture,
             "last_modified": f.last_modified, "on_lmi": bool(f.capacity_provider_arn)}
            for f in listing.functions])
        _put_reading(store, doc, f"aws: listed {len(listing.functions):,} functions in {listing.region}")
    except AwsProblem as problem:
        return _failed(problem)
    except StoreError as exc:
        return AwsDone(Outcome.FAILED, [Note(str(exc), "error")])
    done = AwsDone(Outcome.DONE)
    if listing.empty_account:
        done.say(f"There are no Lambda functions in {listing.region} for these credentials.")
    else:
        done.say(f"{len(listing.functions):,} functions in {listing.region}.")
    unavailable = region_unavailable(listing.region)
    if unavailable:
        done.say(f"• {unavailable} Importing from here is refused.", "warning")
    return done


@dataclass
class ImportDone(SaveResult):
    problem: "AwsProblem | None" = None


def import_function(store: "Store", session: "AwsSession", function: str, *, region: str | None,
                    days: int = 14, on_progress: "Progress | None" = None,
                    cancel: threading.Event | None = None) -> ImportDone:
    """Import ``function`` (its configuration and CloudWatch history) as the session's workload, a
    compare-and-set over the workload stored when the import started (a partner's edit meanwhile is merged
    by field, or is a CONFLICT)."""
    from workbench.aws.errors import AwsProblem
    from workbench.aws.intake import import_function as read_function
    from workbench.models import Workload

    if store.readonly:
        return ImportDone(**vars(readonly_refusal()))
    try:
        current = store.get(Workload)
        result = read_function(session, function, region=region, days=days, on_progress=on_progress,
                               cancel=cancel)
    except AwsProblem as problem:
        failed = _failed(problem)
        return ImportDone(failed.outcome, failed.notes, problem=problem)
    except StoreError as exc:
        return ImportDone(Outcome.FAILED, [Note(str(exc), "error")])
    doc = result.workload.model_copy(update={"id": "default"})
    saved = save_document(store, doc, expected_version=current.version if current else None,
                          summary=f"intake: imported {function} from AWS "
                                  f"({result.workload.source_detail or region})", what="The workload")
    done = ImportDone(**vars(saved))
    if not saved.ok:
        return done
    done.notes.insert(0, Note(f"Imported {function}: {len(result.problems)} problem(s)." if result.problems
                              else f"Imported {function}."))
    for problem_text in result.problems[:3]:
        done.say(f"• {problem_text}", "warning")
    for note in result.notes[:2]:
        done.say(f"• {note}")
    return done


@dataclass
class TriageDone(AwsDone):
    """``result``: the ranked functions and each Region's problem; ``all_failed`` when no Region was read."""

    result: "TriageResult | None" = None

    @property
    def all_failed(self) -> bool:
        return self.result is None or len(self.result.problems) == len(self.result.regions)


def triage(session: "AwsSession", regions: Sequence[str], *, days: int = 14, name_filter: str = "",
           sort_by: str = "saving", store: "Store | None" = None, on_progress: "Progress | None" = None,
           cancel: threading.Event | None = None) -> TriageDone:
    """Rank every Lambda function of ``regions`` (default: the session's Region) by the monthly saving LMI
    would bring and by fit. Read-only on the account; with a ``store`` the TriageReport lands in it. A Region
    that cannot be read is a warning (the others are still ranked); FAILED when none could be."""
    from workbench.aws.errors import AwsProblem
    from workbench.aws.triage import triage as run_triage
    from workbench.models import TriageReport

    if store is not None and store.readonly:
        return TriageDone(**vars(readonly_refusal()))
    try:
        result = run_triage(session, list(regions) or None, days=days, name_filter=name_filter, sort_by=sort_by,
                            on_progress=on_progress, cancel=cancel)
    except AwsProblem as problem:
        failed = _failed(problem)
        return TriageDone(failed.outcome, failed.notes, problem=problem)
    rows = [row.as_dict() for row in result.rows]
    if store is not None:
        doc = TriageReport(regions=result.regions, days=days, rows=rows,
                           problems={r: str(p) for r, p in result.problems.items()},
                           get_metric_data_calls=result.get_metric_data_calls)
        try:
            _put_reading(store, doc, f"aws: triaged {len(rows):,} functions in {', '.join(result.regions)}")
        except StoreError as exc:
            return TriageDone(Outcome.FAILED, [Note(str(exc), "error")], result=result)
    done = TriageDone(Outcome.DONE, result=result)
    done.say(f"Triaged {len(rows):,} functions in {', '.join(result.regions)} with "
             f"{result.get_metric_data_calls} GetMetricData calls.")
    for region, region_problem in result.problems.items():
        done.say(f"• {region}: {region_problem.message}", "warning")
    for region in result.regions:
        if region not in result.problems and result.functions_seen.get(region) == 0:
            done.say(f"• {region}: no Lambda functions in this account and Region")
    if done.all_failed and result.regions:
        done.outcome = Outcome.FAILED
        first = next(iter(result.problems.values()))
        done.problem = first
    return done


def prices_refusal(store: "Store", region: str | None, *, offline: bool = False) -> AwsDone | None:
    """Why the prices cannot be refreshed here (read-only, offline, no comparison yet), or None: checked
    before a worker starts."""
    if store.readonly:
        return AwsDone(**vars(readonly_refusal()))
    if offline:
        return AwsDone(Outcome.REFUSED, [Note("This run is offline (--offline): the prices of the shipped snapshot "
                                              "stay in use.", "warning")])
    if region is None:
        return AwsDone(Outcome.INVALID, [Note("There is no comparison yet: the prices are fetched for its region.",
                                              "warning")])
    return None


def refresh_prices(store: "Store", region: str | None, *, client: Any = None, session: "AwsSession | None" = None,
                   offline: bool = False) -> AwsDone:
    """Fetch the current EC2 and Lambda prices of ``region`` from the AWS Price List API (in us-east-1) and
    cache them in the store, where every comparison of the session uses them. ``client``: a boto3 ``pricing``
    client (else one from ``session``)."""
    from workbench.aws.errors import AwsProblem
    from workbench.cost.errors import CostError
    from workbench.cost.session import refresh_session_prices

    refusal = prices_refusal(store, region, offline=offline)
    if refusal is not None:
        return refusal
    assert region is not None
    try:
        if client is None:
            if session is None:
                return AwsDone(Outcome.INVALID, [Note("No AWS session to fetch prices with.", "error")])
            client = session.client("pricing", "us-east-1")  # the Price List API's endpoint Region
        text = refresh_session_prices(store, [region], client=client)
    except AwsProblem as problem:
        return _failed(problem)
    except (CostError, StoreError) as exc:
        return AwsDone(Outcome.FAILED, [Note(str(exc), "error")])
    return AwsDone(Outcome.DONE, [Note(text)])
