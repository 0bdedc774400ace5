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
    from workbench.fit import region_unavailable

    unavailable = region_unavailable(listing.region)
    warning = f"\n• {unavailable} Importing from here is refused." if unavailable else ""
    if listing.empty_account:
        return f"There are no Lambda functions in {listing.region} for these credentials.{warning}"
    return f"{len(listing.functions):,} functions in {listing.region}.{warning}"


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


# --- a job in its own process -----------------------------------------------------------------------------------
# A fleet triage parses thousands of CloudWatch series and prices every function: long stretches of C code that
# hold the GIL and would freeze the UI's event loop for hundreds of milliseconds if run in a thread. It runs in a
# child process instead (``python -m workbench.aws.job_process``, talking JSON lines over pipes), which opens the
# same store file and writes its result there; the app notices the new document through the store's change
# feed, like a partner's edit.

JOBS = {"triage": "triage_into_store", "import": "import_into_store", "list": "list_into_store"}


def run_in_process(job: str, store: "Store", settings, *args, on_progress: Progress | None = None,
                   cancel: threading.Event | None = None, **kwargs) -> str:
    """Run ``job`` ("triage", "import", "list") in a child process on the same store file; block this (worker)
    thread until it ends, relaying progress and cancellation. Raises AwsProblem with the child's message."""
    import dataclasses
    import json
    import select
    import subprocess
    import sys

    from workbench.aws.errors import AwsProblem, ProblemKind

    request = {"job": job, "store": str(store.path), "author": store.author,
               "settings": dataclasses.asdict(settings), "args": list(args), "kwargs": kwargs}
    child = subprocess.Popen([sys.executable, "-m", "workbench.aws.job_process"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, close_fds=True,
                             start_new_session=True)  # the terminal's signals are the app's to handle
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(json.dumps(request) + "\n")
    child.stdin.flush()
    cancelled = False
    try:
        while True:
            if cancel is not None and cancel.is_set() and not cancelled:
                cancelled = True
                try:
                    child.stdin.write("cancel\n")
                    child.stdin.flush()
                except OSError:
                    pass
            ready, _, _ = select.select([child.stdout], [], [], 0.1)
            if not ready:
                continue
            line = child.stdout.readline()
            if not line:  # the child ended without a result
                child.wait(timeout=5)
                if cancelled:
                    raise AwsProblem(ProblemKind.CANCELLED, "Cancelled; nothing was changed.")
                detail = (child.stderr.read() if child.stderr else "").strip().splitlines()[-1:]  # last line
                raise AwsProblem(ProblemKind.SERVICE_ERROR, f"the {job} process ended without a result "
                                 f"(exit code {child.returncode}){': ' + detail[0] if detail else ''}")
            message = json.loads(line)
            if "progress" in message and on_progress is not None:
                on_progress(*message["progress"])
            elif "done" in message:
                return message["done"]
            elif "problem" in message:
                kind = message.get("kind") or "service-error"
                raise AwsProblem(ProblemKind(kind) if kind in ProblemKind._value2member_map_
                                 else ProblemKind.SERVICE_ERROR, message["problem"])
    finally:
        if child.poll() is None:
            try:
                child.stdin.close()
            except OSError:
                pass
            try:
                child.wait(timeout=5)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
