"""AWS work started from the workbench: listing, importing, triage and price refreshes, each in a
cancellable worker (a triage in a child process) whose result lands in the store — and the one job runner they
and every pane use.

The runner (``run_aws_job``) runs one AWS job at a time:

* A job a person started (a listing, a deployment, a cutover decision, the cutover planner's discovery) is the
  *foreground* job: the status bar shows its name and progress, Esc stops it after its current call, and a second
  one is refused with the name of the one running.
* A recurring refresh (the Monitor's metrics polling) is a *background* job: it is not shown and Esc does not
  stop it, and it yields to people. It never starts beside a foreground job (it waits for it: the refresh is run
  as soon as the job ends, so a long deployment pauses the metrics, never the other way round); a person's job
  asked for while a refresh is in flight tells the refresh to stop and starts after its one call, waiting at most
  ``YIELD_WAIT_S`` (a call that hangs cannot hold a person's action back; it only reads).

A mixin of :class:`workbench.app.WorkbenchApp` (kept apart so the App class holds the shell only). It uses the
App's methods (``notify``, ``push_screen``, ``run_worker``, ``save``, ``refuse_if_readonly``) and imports no
Textual itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, overload

if TYPE_CHECKING:
    from workbench.aws.session import AwsSession
    from workbench.config import AppConfig
    from workbench.flows.result import FlowResult
    from workbench.store import Store

Progress = Callable[[int, int, str], None]
# job(session, on_progress, cancel): the run's AWS session, or None when the job brings its own
# (needs_account=False: the cutover's demo stand-in, a pane's pinned session)
AccountJob = Callable[["AwsSession", Progress, threading.Event], Any]
OwnSessionJob = Callable[[None, Progress, threading.Event], Any]
AwsJob = Callable[[Any, Progress, threading.Event], Any]

# How long a person's job waits for the job before it to finish its current call (a metrics refresh told to stop,
# a cancelled job): enough for one GetMetricData or one List call; after it the job starts anyway.
YIELD_WAIT_S = 15.0


@dataclass
class _Job:
    name: str
    cancel: threading.Event = field(default_factory=threading.Event)
    done: threading.Event = field(default_factory=threading.Event)


def _quiet(done: int, total: int, message: str) -> None:
    """A background job's progress: not shown (the status bar belongs to the person's jobs)."""


class AwsJobs:
    _aws_job_name = ""  # what the running AWS job is, for the message that refuses a second one
    _aws_cancel: threading.Event | None = None  # the foreground job's cancel (set: Esc was pressed)
    _aws_foreground: _Job | None = None          # the job the status bar shows, until it has ended
    _aws_background: _Job | None = None          # the recurring refresh in flight, if any
    _aws_deferred: dict[str, tuple[AwsJob, bool]] | None = None  # refreshes waiting for a foreground job to end

    if TYPE_CHECKING:  # what this mixin uses of the App (workbench.app.WorkbenchApp and its other mixins)
        store: Store
        config: AppConfig
        aws_status: str
        _aws: AwsSession | None
        _aws_lock: threading.Lock

        def notify(self, message: str, *, title: str = "", severity: Any = "information",
                   timeout: float | None = None, markup: bool = True) -> None: ...

        def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any: ...

        run_worker: Callable[..., Any]  # App's own (DOMNode.run_worker): a narrower signature would not match it

        def refuse_if_readonly(self) -> bool: ...

        def show_result(self, result: FlowResult, *, timeout: float | None = None) -> None: ...

        def _update_status(self) -> None: ...

    def aws_session(self) -> AwsSession:
        """The run's one AWS session, opened on first use and shared by every pane and job (opening reads the
        credentials: call it from a worker). Switching the profile drops it."""
        from workbench.aws.session import open_session

        with self._aws_lock:  # a metrics refresh and a deploy job may both be first
            if self._aws is None:
                self._aws = open_session(self.config.aws)
            return self._aws

    def aws_client(self, service: str, region: str | None = None) -> Any:
        """A boto3 client through the one session factory (tests replace this seam with a Stubber's client)."""
        return self.aws_session().client(service, region)

    # ----------------------------------------------------------------- AWS jobs (workers; results land in the store)
    def aws_job_running(self) -> bool:
        """A person's job is running and has not been told to stop (a background refresh does not count)."""
        return self._aws_cancel is not None and not self._aws_cancel.is_set()

    def cancel_aws_job(self) -> None:
        """Esc: stop the job the status bar shows after its current call (never the background refresh)."""
        if self._aws_cancel is not None:
            self._aws_cancel.set()
            self.aws_status = "Cancelling after the current call…"

    def _run_aws_job(self, name: str, job: AccountJob) -> None:
        """Run ``job(session, on_progress, cancel) -> str`` in a worker thread, one AWS job at a time."""
        self.run_aws_job(name, job)

    @overload
    def run_aws_job(self, name: str, job: AccountJob, *, needs_account: Literal[True] = ...,
                    changes_account: bool = ..., background: bool = ...) -> bool: ...

    @overload
    def run_aws_job(self, name: str, job: OwnSessionJob, *, needs_account: Literal[False],
                    changes_account: bool = ..., background: bool = ...) -> bool: ...

    def run_aws_job(self, name: str, job: AwsJob, *, needs_account: bool = True, changes_account: bool = True,
                    background: bool = False) -> bool:
        """The one job runner every pane uses: ``job(session, on_progress, cancel)`` runs in a worker thread, one
        AWS job at a time; Esc sets ``cancel`` (the job stops after its current call). A second job is refused
        with the name of the one running. ``needs_account`` False: the job brings its own session (the cutover's
        demo stand-in, a pane's pinned session) and gets None; it still holds the gate. ``changes_account``
        False: the job only reads, so a read-only run may start it. ``background``: a recurring refresh (see the
        module docstring): never shown, never refused, run later when a person's job holds the runner.

        True if it started (or, in the background, will start when the runner is free); a foreground job's string
        result is shown when it ends."""
        if background:
            return self._start_background(name, job, needs_account)
        if changes_account and self.refuse_if_readonly():
            return False
        if needs_account and self.config.aws.offline:
            self.notify("This run is offline (--offline): AWS is not called. Fill the workload in by hand or "
                        "from a file.", severity="warning")
            return False
        if self.aws_job_running():
            self.notify(f"Not started: an AWS job is already running ({self._aws_job_name}); wait for it, or press "
                        "Esc in its pane to stop it after the current call.", severity="warning", timeout=10)
            return False
        record = _Job(name)
        earlier = [j for j in (self._aws_background, self._aws_foreground) if j is not None and not j.done.is_set()]
        if self._aws_background is not None:
            self._aws_background.cancel.set()  # the refresh yields: it stops before its next call
        self._aws_cancel, self._aws_job_name, self._aws_foreground = record.cancel, name, record

        def progress(done: int, total: int, message: str) -> None:
            text = f"{message} ({done:,}/{total:,})" if total else message
            self.call_from_thread(setattr, self, "aws_status", text)

        def work() -> Any:
            try:
                for job_before in earlier:
                    job_before.done.wait(YIELD_WAIT_S)
                if record.cancel.is_set():
                    return f"{name}: cancelled before it started (nothing was called)"
                if earlier:
                    self.call_from_thread(setattr, self, "aws_status", f"{name}…")
                return job(self.aws_session() if needs_account else None, progress, record.cancel)
            finally:
                record.done.set()
                self.call_from_thread(self._aws_job_ended, record)

        waiting = " (after the call in flight)" if earlier else ""
        self.aws_status = f"{name}…{waiting}"
        self.run_worker(work, name=name, group="aws", exclusive=False, thread=True, exit_on_error=False)
        return True

    def _start_background(self, name: str, job: AwsJob, needs_account: bool) -> bool:
        if needs_account and self.config.aws.offline:
            return False
        busy = [j for j in (self._aws_foreground, self._aws_background) if j is not None and not j.done.is_set()]
        if busy:  # run it once the runner is free (the latest request per name)
            if self._aws_deferred is None:
                self._aws_deferred = {}
            self._aws_deferred[name] = (job, needs_account)
            return True
        record = _Job(name)
        self._aws_background = record

        def work() -> None:
            try:
                job(self.aws_session() if needs_account else None, _quiet, record.cancel)
            finally:
                record.done.set()
                self.call_from_thread(self._aws_job_ended, record)

        self.run_worker(work, name=name, group="aws-background", exclusive=False, thread=True, exit_on_error=False)
        return True

    def _aws_job_ended(self, record: _Job) -> None:
        """On the UI thread when a job has ended: free the runner, then start a refresh that waited for it."""
        if record is self._aws_foreground:
            self._aws_foreground = None
            self._aws_cancel = None
            self.aws_status = ""
        elif record is self._aws_background:
            self._aws_background = None
        if self._aws_deferred and self._aws_foreground is None and self._aws_background is None:
            name = next(iter(self._aws_deferred))
            job, needs_account = self._aws_deferred.pop(name)
            self._start_background(name, job, needs_account)

    def use_aws_profile(self, profile: str | None) -> None:
        """Switch the AWS profile for this run (the next AWS call opens a session with it)."""
        import dataclasses

        if profile != self.config.aws.profile and not self.aws_job_running():
            self.config = dataclasses.replace(self.config, aws=dataclasses.replace(self.config.aws, profile=profile))
            self._aws = None
            self._update_status()

    # --- what the AWS dialogs and the cost pane ask for (screens.requests: messages up) -------------------------
    def on_list_functions_requested(self, message) -> None:
        message.stop()
        self.use_aws_profile(message.profile)
        self.aws_list_functions(message.region, message.name_filter)

    def on_import_requested(self, message) -> None:
        message.stop()
        self.aws_import_function(message.function, message.region)

    def on_triage_requested(self, message) -> None:
        message.stop()
        self.aws_triage(message.regions)

    def on_cancel_aws_requested(self, message) -> None:
        message.stop()
        self.cancel_aws_job()

    def on_prices_requested(self, message) -> None:
        message.stop()
        self.refresh_prices_from_aws(message.region)

    def aws_list_functions(self, region: str | None, name_filter: str = "") -> None:
        from workbench.aws.session_jobs import list_into_store

        self._run_aws_job("Listing functions", lambda session, progress, cancel: list_into_store(
            self.store, session, region, name_filter=name_filter, on_progress=progress, cancel=cancel))

    def aws_import_function(self, function: str, region: str | None) -> None:
        from workbench.aws.session_jobs import import_into_store

        self._run_aws_job(f"Importing {function}", lambda session, progress, cancel: import_into_store(
            self.store, session, function, region=region, on_progress=progress, cancel=cancel))

    def aws_triage(self, regions: list[str]) -> None:
        """A fleet triage runs in a child process (its parsing would hold the GIL and freeze the UI); it writes
        the TriageReport into the store, and this app sees it arrive like a partner's edit."""
        from workbench.aws.session_jobs import run_in_process

        self._run_aws_job("Fleet triage", lambda session, progress, cancel: run_in_process(
            "triage", self.store, self.config.aws, regions, on_progress=progress, cancel=cancel))

    def refresh_prices_from_aws(self, region: str | None) -> None:
        """Fetch current prices for ``region`` in a worker (``workbench.flows.aws.refresh_prices``); the cached
        prices land in the store."""
        from workbench.flows.aws import prices_refusal, refresh_prices

        if self.refuse_if_readonly():
            return
        refusal = prices_refusal(self.store, region, offline=self.config.aws.offline)
        if refusal is not None:
            self.show_result(refusal)
            return

        def work() -> None:
            result = refresh_prices(self.store, region, client=self.aws_client("pricing", "us-east-1"))
            self.call_from_thread(self.show_result, result, timeout=8)

        self.notify(f"Fetching prices for {region} from the AWS Price List API…")
        self.run_worker(work, name="price-refresh", group="prices", exclusive=True, thread=True,
                        exit_on_error=False)
