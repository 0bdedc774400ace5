"""AWS work started from the workbench: listing, importing, triage and price refreshes, each in a
cancellable worker (a triage in a child process) whose result lands in the store.

A mixin of :class:`workbench.app.WorkbenchApp` (kept apart so the App class holds the shell only). It uses the
App's methods (``notify``, ``push_screen``, ``run_worker``, ``save``, ``refuse_if_readonly``) and imports no
Textual itself.
"""

from __future__ import annotations


class AwsJobs:
    _aws_job_name = ""  # what the running AWS job is, for the message that refuses a second one

    def aws_session(self):
        """The run's one AWS session, opened on first use and shared by every pane and job (opening reads the
        credentials: call it from a worker). Switching the profile drops it."""
        from workbench.aws.session import open_session

        with self._aws_lock:  # a metrics refresh and a deploy job may both be first
            if self._aws is None:
                self._aws = open_session(self.config.aws)
            return self._aws

    def aws_client(self, service: str, region: str | None = None):
        """A boto3 client through the one session factory (tests replace this seam with a Stubber's client)."""
        return self.aws_session().client(service, region)

    # ----------------------------------------------------------------- AWS jobs (workers; results land in the store)
    def aws_job_running(self) -> bool:
        return self._aws_cancel is not None and not self._aws_cancel.is_set()

    def cancel_aws_job(self) -> None:
        if self._aws_cancel is not None:
            self._aws_cancel.set()
            self.aws_status = "Cancelling after the current call…"

    def _run_aws_job(self, name: str, job) -> None:
        """Run ``job(session, on_progress, cancel) -> str`` in a worker thread, one AWS job at a time."""
        self.run_aws_job(name, job)

    def run_aws_job(self, name: str, job, *, needs_account: bool = True) -> bool:
        """The one job runner every pane uses: ``job(session, on_progress, cancel)`` runs in a worker thread, one
        AWS job at a time; Esc sets ``cancel`` (the job stops after its current call). A second job is refused
        with the name of the one running. ``needs_account`` False: the job brings its own session (the cutover's
        demo stand-in, a pane's pinned session) and gets None; it still holds the gate. True if it started; the
        job's string result is shown when it ends."""
        import threading

        if self.refuse_if_readonly():
            return False
        if needs_account and self.config.aws.offline:
            self.notify("This run is offline (--offline): AWS is not called. Fill the workload in by hand or "
                        "from a file.", severity="warning")
            return False
        if self.aws_job_running():
            self.notify(f"Not started: an AWS job is already running ({self._aws_job_name}); wait for it, or press "
                        "Esc in its pane to stop it after the current call.", severity="warning", timeout=10)
            return False
        cancel = threading.Event()
        self._aws_cancel = cancel
        self._aws_job_name = name

        def progress(done: int, total: int, message: str) -> None:
            text = f"{message} ({done:,}/{total:,})" if total else message
            self.call_from_thread(setattr, self, "aws_status", text)

        def work() -> str:
            try:
                return job(self.aws_session() if needs_account else None, progress, cancel)
            finally:
                self.call_from_thread(setattr, self, "aws_status", "")
                self._aws_cancel = None

        self.aws_status = f"{name}…"
        self.run_worker(work, name=name, group="aws", exclusive=False, thread=True, exit_on_error=False)
        return True

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
