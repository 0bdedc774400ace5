"""The AWS work the workbench runs for a session, each step landing in the session's store: list a Region's
functions, import one into the workload, triage a fleet. Run in worker threads (or the child process of
``run_in_process``); ``cancel`` stops between calls. The work itself is the flows' (``workbench.flows.aws``);
these adapt a flow's result to a job's answer (a sentence, or the AwsProblem raised).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from workbench.aws.session import AwsSession, Progress

if TYPE_CHECKING:
    from workbench.store import Store


def _text(result) -> str:
    """A flow's result as the job's answer: its sentences, or its AwsProblem raised (the job runner and the
    child process report problems as exceptions)."""
    if result.problem is not None:
        raise result.problem
    if not result.ok:
        from workbench.aws.errors import AwsProblem, ProblemKind

        raise AwsProblem(ProblemKind.SERVICE_ERROR, result.message)
    return result.message


def list_into_store(store: "Store", session: AwsSession, region: str | None, *, name_filter: str = "",
                    on_progress: Progress | None = None, cancel: threading.Event | None = None) -> str:
    from workbench.flows import aws

    return _text(aws.list_functions(store, session, region, name_filter=name_filter, on_progress=on_progress,
                                    cancel=cancel))


def import_into_store(store: "Store", session: AwsSession, function: str, *, region: str | None, days: int = 14,
                      on_progress: Progress | None = None, cancel: threading.Event | None = None) -> str:
    """Import ``function`` as the session's workload (compare-and-set over the current one)."""
    from workbench.flows import aws

    return _text(aws.import_function(store, session, function, region=region, days=days, on_progress=on_progress,
                                     cancel=cancel))


def triage_into_store(store: "Store", session: AwsSession, regions: list[str], *, days: int = 14,
                      on_progress: Progress | None = None, cancel: threading.Event | None = None) -> str:
    from workbench.flows import aws

    result = aws.triage(session, regions, days=days, store=store, on_progress=on_progress, cancel=cancel)
    if result.problem is not None and result.result is not None:  # every Region failed: the report says which
        return result.message
    return _text(result)


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
