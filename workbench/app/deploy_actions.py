"""The Deploy pane's work: pre-flight checks, the guided deployment's plan, applying it and cleaning it up.

A mixin of :class:`workbench.app.WorkbenchApp` (kept apart so the App class holds the shell only). It uses the
App's methods (``notify``, ``run_worker``, ``call_from_thread``, ``_run_aws_job``, ``aws_job_running``) and
imports no Textual itself. Everything slow runs in a worker thread and lands in the store: the pre-flight report
(``PreflightReport``), the plan and the record of every step (``DeploymentPlan``, written by the runner before
and after each call). The pane only renders the store, so a partner's terminal shows the same progress and a
closed workbench resumes where the store says it stopped.

Safety: nothing here changes an AWS account except :meth:`DeployActions.deploy_apply`, which the pane calls
only after the person confirmed the listed calls, and which passes that person's name as ``confirmed_by``.
``--readonly``, ``--offline`` and the demo's sample data refuse it before any call. Planning and the pre-flight
make read-only calls only (or none: offline, the demo).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.store import StoreConflict, StoreError

if TYPE_CHECKING:
    from workbench.iac.options import IacOptions
    from workbench.models import DeploymentPlan, LmiConfiguration, Workload
    from workbench.models.preflight import PreflightReport

PLAN_ID = "default"


class DeployInputsMissing(ValueError):
    """The session lacks what the deployment is made from (a workload, a Region); the message says what."""


class DeployActions:
    # Tests route chosen (service, operation) pairs to their own boto3 client (a Stubber for the LMI operations
    # the emulator lacks); everything else goes through the session's clients. Empty in normal use.
    deploy_client_routes: dict[tuple[str, str], Any] | None = None
    deploy_code_dir: str | None = None  # the function code directory given last (remembered for this run)
    deploy_running: str | None = None   # the id of the plan being applied in this process, if any
    # The runtime upgrade the user chose in this run (python3.12 -> python3.13), confirmed in a dialog; the plan
    # records it with their name. None: the workload's runtime as it is (an unsupported one is refused).
    deploy_runtime_upgrade: str | None = None

    # ----------------------------------------------------------------- inputs
    def deploy_inputs(self) -> tuple[Workload, LmiConfiguration, IacOptions]:
        """The workload, its LMI configuration (the stored one, else the starting one) and the options."""
        from workbench.iac.options import IacOptions
        from workbench.models import LmiConfiguration, Workload
        from workbench.starting_config import UnsupportedRuntime, configuration_for

        workload = self.store.get(Workload)
        if workload is None:
            raise DeployInputsMissing("There is no workload in this session yet: describe the function in the "
                                      "Intake pane (key 1) first.")
        from workbench.iac.options import as_deployed

        found = workload.doc.runtime_support
        chosen = self.deploy_runtime_upgrade
        options = IacOptions(upgrade_runtime=chosen if found is not None and not found.supported and chosen else None)
        config = self.store.get(LmiConfiguration)
        try:  # the stored configuration wins; else the one cost and generate derive (on the chosen runtime)
            return (workload.doc, configuration_for(as_deployed(workload.doc, options), config.doc if config else None),
                    options)
        except UnsupportedRuntime as error:
            raise DeployInputsMissing(str(error)) from None

    def deploy_offer_runtime_upgrade(self, retry: Callable[[], None]) -> bool:
        """When the workload's runtime is not supported but has an upgrade, ask whether to plan on it (an explicit
        choice, recorded in the plan with the author's name); ``retry`` plans again after a yes. True if asked."""
        from workbench.models import Workload

        stored = self.store.get(Workload)
        found = stored.doc.runtime_support if stored is not None else None
        if found is None or found.supported or not found.upgrade or self.deploy_runtime_upgrade == found.upgrade:
            return False
        from screens.dialogs import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self.deploy_runtime_upgrade = found.upgrade
                self.notify(f"Runtime upgrade chosen: the plan deploys {found.upgrade} (recorded with your name).")
                retry()
            else:
                self.notify(found.explain(), severity="warning", timeout=15)

        self.push_screen(ConfirmDialog(
            f"{found.unsupported_message}. Plan the deployment on {found.upgrade}?",
            f"Supported runtimes: {found.supported_list}. Upgrading is migration work: update and test the code "
            f"for {found.upgrade} first. The plan records this choice with your name ({self.config.author}); "
            "n keeps the function on standard Lambda."), answered)
        return True

    def deploy_region(self, workload: Workload) -> str:
        region = workload.region or self.config.aws.region
        if not region:
            raise DeployInputsMissing("No Region: set the workload's region (Intake pane) or start the workbench "
                                      "with --region.")
        return region

    def deploy_uses_aws(self) -> bool:
        """False when planning and checks must not reach AWS: --offline, or the demo's sample data."""
        return not (self.config.aws.offline or self.config.demo)

    def deploy_refusal(self) -> str | None:
        """Why this workbench may not change the account now (None when it may, after confirmation)."""
        if self.store.readonly or self.config.readonly:
            return ("This session is open read-only (--readonly): deploying is refused. You see the plan and its "
                    "progress here as the person driving applies it.")
        if self.config.aws.offline:
            return "This run is offline (--offline): the plan can be reviewed, but applying it needs AWS."
        if self.config.demo:
            return ("The demo's workload is sample data (its subnets do not exist): review the plan, but deploy a "
                    "real workload (`lmi-workbench --session NAME`).")
        if self.aws_job_running():
            return "An AWS job is already running: wait for it, or press Esc to stop it after the current call."
        return None

    def remembered_code_dir(self) -> str | None:
        """The code directory given last in this run, else the one the stored plan zips."""
        from workbench.deploy.plan_refs import code_path_of
        from workbench.models import DeploymentPlan

        if self.deploy_code_dir:
            return self.deploy_code_dir
        stored = self.store.get(DeploymentPlan, PLAN_ID)
        if stored is None:
            return None
        for step in stored.doc.steps:
            code = (step.parameters.get("Code") or {}).get("ZipFile") if step.operation == "CreateFunction" else None
            found = code_path_of(code) if isinstance(code, str) else None
            if found is not None:
                return str(found[0])
        return None

    def _deploy_clients(self, session, region: str | None):
        """The runner's clients: the session's, with the test routes (if any) in front."""
        if not self.deploy_client_routes:
            return None
        from workbench.deploy import RoutedClients, SessionClients

        return RoutedClients(SessionClients(session, region), self.deploy_client_routes)

    # ----------------------------------------------------------------- pre-flight
    def deploy_offline_report(self) -> PreflightReport | None:
        """The checks that need no account, computed now (nothing is called or stored); None without inputs."""
        from workbench.deploy.preflight import offline_report

        try:
            workload, config, options = self.deploy_inputs()
        except DeployInputsMissing:
            return None
        return offline_report(workload, config, options, region=workload.region or self.config.aws.region)

    def deploy_preflight(self) -> None:
        """Run the pre-flight: the offline checks land in the store at once, the account's (read-only calls) in
        a worker. Read-only viewers see the last stored report; offline runs and the demo check offline only."""
        from workbench.deploy.preflight import (
            offline_report,
            run_preflight,
            save_preflight,
        )

        if self.store.readonly or self.config.readonly:
            self.notify("Read-only session: you see the last pre-flight report; running the checks is left to "
                        "the person driving.", severity="warning")
            return
        try:
            workload, config, options = self.deploy_inputs()
        except DeployInputsMissing as error:
            self.notify(str(error), severity="warning")
            return
        region = workload.region or self.config.aws.region
        if self.aws_job_running():
            self.notify("An AWS job is already running: wait for it, or press Esc to stop it.", severity="warning")
            return
        try:
            save_preflight(self.store, offline_report(workload, config, options, region=region))
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        if not self.deploy_uses_aws():
            why = "--offline" if self.config.aws.offline else "the demo's sample data"
            self.notify(f"Pre-flight: only the checks that need no AWS account ran ({why}).")
            return

        def job(session, progress, cancel) -> str:
            from workbench.aws.errors import Cancelled

            progress(0, 0, "Pre-flight: checking the account (read-only calls)")
            try:
                report = run_preflight(session, workload, config, options, region=region, cancel=cancel)
            except Cancelled:
                return "Pre-flight stopped: the account checks did not finish (the offline checks are shown)."
            save_preflight(self.store, report)
            counts = report.counts()
            return (f"Pre-flight {report.status.value.upper()}: {counts['pass']} pass, {counts['warn']} warn, "
                    f"{counts['fail']} fail, {counts['unknown']} unknown ({len(report.operations)} read-only "
                    "calls).")

        self._run_aws_job("Pre-flight checks", job)

    # ----------------------------------------------------------------- the plan
    def deploy_build_plan(self, function_code: str | None = None,
                          then: Callable[[DeploymentPlan], None] | None = None) -> None:
        """Build the deployment plan in a worker and save it (plan-only: nothing is applied). With AWS, three
        read-only look-ups decide it (the account, whether the function and its alias exist); offline and in the
        demo it plans to create everything. ``then(plan)`` runs on the UI thread once it is saved."""
        from workbench.aws.errors import AwsProblem
        from workbench.deploy import PlanError, PlanExists, build_plan, save_plan

        if self.store.readonly or self.config.readonly:
            self.notify("Read-only session: you see the plan the person driving makes; planning is left to them.",
                        severity="warning")
            return
        if self.deploy_running is not None or self.aws_job_running():
            self.notify("An AWS job is running: plan again when it has finished (Esc stops it).",
                        severity="warning")
            return
        if self.deploy_offer_runtime_upgrade(lambda: self.deploy_build_plan(function_code, then)):
            return
        try:
            workload, config, options = self.deploy_inputs()
            region = self.deploy_region(workload)
        except DeployInputsMissing as error:
            self.notify(str(error), severity="warning")
            return
        code = function_code or self.remembered_code_dir()
        use_aws = self.deploy_uses_aws()

        def work() -> None:
            session, note = None, None
            if use_aws:
                try:
                    session = self.aws_session()
                except AwsProblem as problem:
                    note = (f"Planned without AWS ({problem.message}): it creates everything; the apply checks "
                            "again what exists before each call.")
            try:
                plan = build_plan(workload, config, options, region=region, function_code=code, session=session,
                                  plan_id=PLAN_ID, chosen_by=self.config.author)
            except PlanError as error:
                self.call_from_thread(self.notify, str(error), severity="error", timeout=15)
                return
            if note:
                plan = plan.model_copy(update={"notes": [note, *plan.notes]})
            try:
                save_plan(self.store, plan)
            except PlanExists as error:
                self.call_from_thread(self.notify, f"{error} (a resumes it, x cleans it up).", severity="warning",
                                      timeout=12)
                return
            except StoreConflict as error:
                self.call_from_thread(self.notify, f"The plan was not saved: {error}", severity="error")
                return
            if code:
                self.deploy_code_dir = str(code)
            if then is not None:
                self.call_from_thread(then, plan)

        self.run_worker(work, name="Planning the deployment", group="deploy-plan", exclusive=True, thread=True,
                        exit_on_error=False)

    def deploy_prepare_cleanup(self, plan_id: str = PLAN_ID) -> DeploymentPlan | None:
        """The cleanup plan of ``plan_id`` (built from the store's record and saved, or the stored one when it has
        started); None, with the reason shown, when there is nothing to clean up or it may not be planned here."""
        from workbench.deploy import (
            PlanError,
            PlanExists,
            build_cleanup_plan,
            cleanup_id_for,
            has_started,
            is_finished,
            save_plan,
        )
        from workbench.models import DeploymentPlan

        if self.store.readonly or self.config.readonly:
            self.notify("Read-only session: the cleanup is planned and run by the person driving.",
                        severity="warning")
            return None
        if self.deploy_running is not None:
            self.notify("A run is going on: clean up once it has stopped (Esc stops it).", severity="warning")
            return None
        applied = self.store.get(DeploymentPlan, plan_id)
        if applied is None or not has_started(applied.doc):
            self.notify("Nothing to clean up: the deployment plan has not made any call.", severity="warning")
            return None
        current = self.store.get(DeploymentPlan, cleanup_id_for(plan_id))
        if (current is not None and current.doc.deployment_id == applied.doc.deployment_id
                and has_started(current.doc)):
            if is_finished(current.doc):
                self.notify("The cleanup has finished: what the deployment created is gone.")
            return current.doc
        try:
            cleanup = build_cleanup_plan(applied.doc)
        except PlanError as error:
            self.notify(str(error), severity="error")
            return None
        if not cleanup.steps:
            self.notify(cleanup.notes[-1] if cleanup.notes else "There is nothing to remove.", severity="warning")
            return None
        try:
            save_plan(self.store, cleanup)
        except (PlanExists, StoreError) as error:
            self.notify(str(error), severity="error")
            return None
        return cleanup

    # ----------------------------------------------------------------- who the calls are made as
    def deploy_identity(self, region: str | None, then) -> None:
        """Ask STS who the calls would be made as (an AWS job; see workbench.aws.identity), then call
        ``then(identity, problem)`` on the UI thread: a CallerIdentity, or None and the problem in words."""
        def job(session, progress, cancel) -> None:
            from workbench.aws.errors import AwsProblem
            from workbench.aws.identity import caller_identity

            try:
                identity = caller_identity(session, region)
            except AwsProblem as problem:
                self.call_from_thread(then, None, problem.message)
                return None
            self.call_from_thread(self.aws_identity_known, identity)
            self.call_from_thread(then, identity, None)
            return None

        self._run_aws_job("Checking which AWS identity would make the calls", job)

    def aws_identity_known(self, identity) -> None:
        """The status bar shows the account once it is known."""
        self.aws_account = identity.account
        self._update_status()

    # ----------------------------------------------------------------- apply (after confirmation)
    def deploy_apply(self, plan_id: str, *, confirmed_by: str, acting_as: str | None = None) -> None:
        """Apply (or resume) the stored plan ``plan_id`` in a worker, recording each step in the store.
        ``confirmed_by`` is the person who confirmed the listed calls; the runner refuses without one."""
        refusal = self.deploy_refusal()
        if refusal:
            self.notify(refusal, severity="warning")
            return
        if not confirmed_by.strip():
            self.notify("Not applied: the calls need someone's confirmation.", severity="warning")
            return

        def job(session, progress, cancel) -> None:
            from workbench.deploy import DeploymentRunner, DeployRefused
            from workbench.models import DeploymentPlan

            self.deploy_running = plan_id
            try:
                stored = self.store.get(DeploymentPlan, plan_id)
                region = stored.doc.region if stored else None

                def on_progress(event) -> None:
                    progress(event.index + 1, event.total, f"{event.step.id}: {event.message}")

                runner = DeploymentRunner(self.store, session, author=self.config.author,
                                          clients=self._deploy_clients(session, region), on_progress=on_progress,
                                          cancel=cancel, sleep=cancel.wait)
                try:
                    result = runner.apply(plan_id, confirmed_by=confirmed_by, acting_as=acting_as)
                except DeployRefused as error:
                    self.call_from_thread(self.notify, str(error), severity="error", timeout=15)
                    return
                except StoreConflict as error:
                    self.call_from_thread(self.notify, f"{error} (is someone else applying this plan?)",
                                          severity="error", timeout=15)
                    return
                what = "Cleanup" if plan_id.endswith("-cleanup") else "Deployment"
                severity = {"completed": "information", "cancelled": "warning"}.get(result.outcome, "error")
                self.call_from_thread(self.notify, f"{what} {result.outcome}: {result.message}",
                                      severity=severity, timeout=15)
                return
            finally:
                self.deploy_running = None

        self._run_aws_job("Deploying" if not plan_id.endswith("-cleanup") else "Cleaning up", job)

    def deploy_cancel(self) -> bool:
        """Stop the running AWS job after its current call; False when nothing runs."""
        if not self.aws_job_running():
            return False
        self.cancel_aws_job()
        return True


def code_dir_problem(text: str) -> str | None:
    """Why ``text`` cannot be the function's code (None when it can): it must be a directory or a .zip file."""
    path = Path(text).expanduser()
    if not path.exists():
        return f"{path} does not exist: give the directory that holds the function's code (or a .zip file)."
    if path.is_file() and path.suffix.lower() != ".zip":
        return f"{path} is a file but not a .zip: give the code's directory or its .zip."
    return None


__all__ = ["PLAN_ID", "DeployActions", "DeployInputsMissing", "code_dir_problem"]
