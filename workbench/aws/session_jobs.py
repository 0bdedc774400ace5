"""The AWS work the workbench runs for a session, each step landing in the session's store: list a Region's
functions, import one into the workload, triage a fleet. Run in worker threads; ``cancel`` stops between calls.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from workbench.aws.session import AwsSession, Progress

if TYPE_CHECKING:
    from workbench.store import Store


def _put(store: "Store", doc, summary: str) -> None:
    current = store.get(type(doc), doc.id)
    if current is None:
        store.put(doc, expected_version=None, summary=summary)
    else:
        store.overwrite(doc, summary=summary)  # a listing or a triage is a reading of the account: newest wins


def list_into_store(store: "Store", session: AwsSession, region: str | None, *, name_filter: str = "",
                    on_progress: Progress | None = None, cancel: threading.Event | None = None) -> str:
    from workbench.aws.functions import list_functions
    from workbench.models import FunctionListing

    listing = list_functions(session, region, name_filter=name_filter, on_progress=on_progress, cancel=cancel)
    doc = FunctionListing(region=listing.region, name_filter=name_filter, seen=listing.seen, functions=[
        {"name": f.name, "runtime": f.runtime, "memory_mb": f.memory_mb, "architecture": f.architecture,
         "last_modified": f.last_modified, "on_lmi": bool(f.capacity_provider_arn)}
        for f in listing.functions])
    _put(store, doc, f"aws: listed {len(listing.functions):,} functions in {listing.region}")
    if listing.empty_account:
        return f"There are no Lambda functions in {listing.region} for these credentials."
    return f"{len(listing.functions):,} functions in {listing.region}."


def import_into_store(store: "Store", session: AwsSession, function: str, *, region: str | None, days: int = 14,
                      on_progress: Progress | None = None, cancel: threading.Event | None = None) -> str:
    """Import ``function`` as the session's workload (compare-and-set over the current one)."""
    from workbench.aws.intake import import_function
    from workbench.models import Workload

    result = import_function(session, function, region=region, days=days, on_progress=on_progress, cancel=cancel)
    current = store.get(Workload)
    doc = result.workload.model_copy(update={"id": "default"})
    store.put(doc, expected_version=current.version if current else None,
              summary=f"intake: imported {function} from AWS ({result.workload.source_detail or region})")
    text = f"Imported {function}: {len(result.problems)} problem(s)." if result.problems else f"Imported {function}."
    for problem in result.problems[:3]:
        text += f"\n• {problem}"
    for note in result.notes[:2]:
        text += f"\n• {note}"
    return text


def triage_into_store(store: "Store", session: AwsSession, regions: list[str], *, days: int = 14,
                      on_progress: Progress | None = None, cancel: threading.Event | None = None) -> str:
    from workbench.aws.triage import triage
    from workbench.models import TriageReport

    result = triage(session, regions or None, days=days, on_progress=on_progress, cancel=cancel)
    rows = [row.as_dict() for row in result.rows]
    doc = TriageReport(regions=result.regions, days=days, rows=rows,
                       problems={r: str(p) for r, p in result.problems.items()},
                       get_metric_data_calls=result.get_metric_data_calls)
    _put(store, doc, f"aws: triaged {len(rows):,} functions in {', '.join(result.regions)}")
    text = (f"Triaged {len(rows):,} functions in {', '.join(result.regions)} with "
            f"{result.get_metric_data_calls} GetMetricData calls.")
    for region, problem in result.problems.items():
        text += f"\n• {region}: {problem}"
    return text
