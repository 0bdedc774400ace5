"""AWS work started from the workbench: listing, importing, triage and price refreshes, each in a
cancellable worker (a triage in a child process) whose result lands in the store.

A mixin of :class:`workbench.app.WorkbenchApp` (kept apart so the App class holds the shell only). It uses the
App's methods (``notify``, ``push_screen``, ``run_worker``, ``save``, ``refuse_if_readonly``) and imports no
Textual itself.
"""

from __future__ import annotations


class AwsJobs:
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
        import threading

        if self.refuse_if_readonly():
            return
        if self.config.aws.offline:
            self.notify("This run is offline (--offline): AWS is not called. Fill the workload in by hand or "
                        "from a file.", severity="warning")
            return
        if self.aws_job_running():
            self.notify("An AWS call is already running: wait for it, or press Esc to cancel it.",
                        severity="warning")
            return
        cancel = threading.Event()
        self._aws_cancel = cancel

        def progress(done: int, total: int, message: str) -> None:
            text = f"{message} ({done:,}/{total:,})" if total else message
            self.call_from_thread(setattr, self, "aws_status", text)

        def work() -> str:
            try:
                return job(self.aws_session(), progress, cancel)
            finally:
                self.call_from_thread(setattr, self, "aws_status", "")
                self._aws_cancel = None

        self.aws_status = f"{name}…"
        self.run_worker(work, name=name, group="aws", exclusive=False, thread=True, exit_on_error=False)

    def use_aws_profile(self, profile: str | None) -> None:
        """Switch the AWS profile for this run (the next AWS call opens a session with it)."""
        import dataclasses

        if profile != self.config.aws.profile and not self.aws_job_running():
            self.config = dataclasses.replace(self.config, aws=dataclasses.replace(self.config.aws, profile=profile))
            self._aws = None
            self._update_status()

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
        """Fetch current prices for ``region`` in a worker; the cached prices land in the store."""
        if self.refuse_if_readonly():
            return
        if self.config.aws.offline:
            self.notify("This run is offline (--offline): the prices of the shipped snapshot stay in use.",
                        severity="warning")
            return
        if region is None:
            self.notify("There is no comparison yet: the prices are fetched for its region.", severity="warning")
            return
        from workbench.cost.session import refresh_session_prices

        def work() -> str:
            return refresh_session_prices(self.store, [region],
                                          client=self.aws_client("pricing", "us-east-1"))

        self.notify(f"Fetching prices for {region} from the AWS Price List API…")
        self.run_worker(work, name="price-refresh", group="prices", exclusive=True, thread=True,
                        exit_on_error=False)
