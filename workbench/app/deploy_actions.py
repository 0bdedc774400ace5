"""The Deploy pane's jobs: the App's side of ``workbench.flows.deploy`` (pre-flight, plan, cleanup, identity, apply).

A mixin of :class:`workbench.app.WorkbenchApp` (kept apart so the App class holds the shell only). Each method
runs one flow of :mod:`workbench.flows.deploy` (the same functions ``lmi-workbench deploy`` calls), the slow ones
as a job of the App's one job runner (``run_aws_job``: one AWS job at a time, Esc cancels), and shows the flow's
message. Results land in the store (the pre-flight report, the plan and the record of every step), so the pane
only renders the store and a partner's terminal shows the same progress. No Textual and no screens here: the
pane asks its questions (the runtime upgrade, the confirmation of the calls) and passes the answers in.

Safety: nothing here changes an AWS account except :meth:`DeployActions.deploy_apply`, which the pane calls
only after the person confirmed the listed calls, and which passes that person's name as ``confirmed_by``.
``--readonly``, ``--offline`` and the demo's sample data refuse it before any call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.aws.identity import CallerIdentity
    from workbench.aws.session import AwsSession
    from workbench.config import AppConfig
    from workbench.store import Store
    from workbench.flows.acting import Actor
    from workbench.flows.result import FlowResult
    from workbench.iac.options import IacOptions
    from workbench.lmi_facts import RuntimeSupport
    from workbench.models import DeploymentPlan
    from workbench.models.preflight import PreflightReport


class DeployActions:
    # Tests route chosen (service, operation) pairs to their own boto3 client (a Stubber for the LMI operations
    # the emulator lacks); everything else goes through the session's clients. Empty in normal use.
    deploy_client_routes: dict[tuple[str, str], Any] | None = None
    deploy_code_dir: str | None = None  # the function code directory given last (remembered for this run)
    deploy_running: str | None = None   # the id of the plan being applied in this process, if any
    # The runtime upgrade the user chose in this run (python3.12 -> python3.13), confirmed in a dialog; the plan
    # records it with their name. None: the workload's runtime as it is (an unsupported one is refused).
    deploy_runtime_upgrade: str | None = None

    if TYPE_CHECKING:  # what this mixin uses of the App (workbench.app.WorkbenchApp and its AwsJobs)
        store: Store
        config: AppConfig
        aws_account: str | None

        def notify(self, message: str, *, title: str = "", severity: Any = "information",
                   timeout: float | None = None, markup: bool = True) -> None: ...

        def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any: ...

        run_worker: Callable[..., Any]  # App's own (DOMNode.run_worker): a narrower signature would not match it

        def aws_session(self) -> AwsSession: ...

        def aws_job_running(self) -> bool: ...

        def cancel_aws_job(self) -> None: ...

        run_aws_job: Callable[..., bool]  # AwsJobs.run_aws_job (overloaded by the kind of job)

        def _update_status(self) -> None: ...

        def show_result(self, result: FlowResult, *, timeout: float | None = None) -> None: ...

    # ----------------------------------------------------------------- inputs
    def actor(self) -> Actor:
        """Who acts in this run and what it allows, for the flows."""
        from workbench.flows.acting import Actor

        return Actor.of(self.config, self.store)

    def deploy_options(self) -> IacOptions:
        """The options the plan is built with: the runtime upgrade, when one was chosen for an unsupported one."""
        from workbench.iac.options import IacOptions
        from workbench.models import Workload

        stored = self.store.get(Workload)
        found = stored.doc.runtime_support if stored is not None else None
        chosen = self.deploy_runtime_upgrade
        return IacOptions(upgrade_runtime=chosen if found is not None and not found.supported and chosen else None)

    def runtime_upgrade_to_offer(self) -> RuntimeSupport | None:
        """The workload's runtime when it is not supported but has an upgrade not chosen yet (the pane asks)."""
        from workbench.models import Workload

        stored = self.store.get(Workload)
        found = stored.doc.runtime_support if stored is not None else None
        if found is None or found.supported or not found.upgrade or self.deploy_runtime_upgrade == found.upgrade:
            return None
        return found

    def choose_runtime_upgrade(self, upgrade: str) -> None:
        self.deploy_runtime_upgrade = upgrade
        self.notify(f"Runtime upgrade chosen: the plan deploys {upgrade} (recorded with your name).")

    def deploy_refusal(self) -> str | None:
        """Why this workbench may not change the account now (None when it may, after confirmation)."""
        from workbench.flows.deploy import apply_refusal

        return apply_refusal(self.actor(), job_running=self.aws_job_running())

    def remembered_code_dir(self) -> str | None:
        """The code directory given last in this run, else the one the stored plan zips."""
        from workbench.flows.deploy import PLAN_ID, stored_code_dir

        return self.deploy_code_dir or stored_code_dir(self.store, PLAN_ID)

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
        from workbench.flows.deploy import DeployInputsMissing, deploy_inputs

        try:
            inputs = deploy_inputs(self.store, self.actor(), self.deploy_options())
        except DeployInputsMissing:
            return None
        return offline_report(inputs.workload, inputs.config, inputs.options, region=inputs.region)

    def deploy_preflight(self) -> None:
        """Run the pre-flight (``flows.deploy.preflight``): offline checks at once, the account's (read-only
        calls) as an AWS job. Read-only viewers see the last stored report."""
        from workbench.flows.deploy import DeployInputsMissing, deploy_inputs, preflight

        actor, options = self.actor(), self.deploy_options()
        if actor.readonly:  # the flow's refusal, before anything is looked at
            self.show_result(preflight(self.store, actor, options, session_factory=None))
            return
        try:
            deploy_inputs(self.store, actor, options, sizing_fallback=True)
        except DeployInputsMissing as error:
            self.notify(str(error), severity="warning")
            return
        if self.aws_job_running():
            self.notify("An AWS job is already running: wait for it, or press Esc to stop it.", severity="warning")
            return
        if not actor.uses_aws:
            self.show_result(preflight(self.store, actor, options, session_factory=None))
            return

        def job(session, progress, cancel) -> str | None:
            progress(0, 0, "Pre-flight: checking the account (read-only calls)")
            result = preflight(self.store, actor, options, session_factory=lambda: session, cancel=cancel)
            if result.severity == "information":
                return result.message  # shown by the App when the job ends
            self.call_from_thread(self.show_result, result)
            return None

        self.run_aws_job("Pre-flight checks", job)

    # ----------------------------------------------------------------- the plan
    def deploy_build_plan(self, function_code: str | None = None,
                          then: Callable[[DeploymentPlan], None] | None = None) -> None:
        """Build the deployment plan (``flows.deploy.plan_deployment``) in a worker and save it (nothing is
        applied). ``then(plan)`` runs on the UI thread once it is saved. The pane asks about a runtime upgrade
        first (``runtime_upgrade_to_offer``)."""
        from workbench.flows.deploy import PLAN_ID, plan_deployment

        actor, options = self.actor(), self.deploy_options()
        if actor.readonly:  # the flow's refusal, before anything is looked at
            self.show_result(plan_deployment(self.store, actor, options, session_factory=None))
            return
        if self.deploy_running is not None or self.aws_job_running():
            self.notify("An AWS job is running: plan again when it has finished (Esc stops it).",
                        severity="warning")
            return
        code = function_code or self.remembered_code_dir()

        def work() -> None:
            result = plan_deployment(self.store, actor, options, session_factory=self.aws_session,
                                     function_code=code, plan_id=PLAN_ID)
            if result.plan is None:
                hint = " (a resumes it, x cleans it up)." if result.exists else ""
                self.call_from_thread(self.notify, result.message + hint, severity=result.severity, timeout=12)
                return
            if code:
                self.deploy_code_dir = str(code)
            if then is not None:
                self.call_from_thread(then, result.plan)

        self.run_worker(work, name="Planning the deployment", group="deploy-plan", exclusive=True, thread=True,
                        exit_on_error=False)

    def deploy_prepare_cleanup(self, plan_id: str | None = None) -> DeploymentPlan | None:
        """The cleanup plan of ``plan_id`` (default: the pane's plan, ``flows.deploy.PLAN_ID``;
        ``flows.deploy.prepare_cleanup``); None, with the reason shown, when there is nothing to clean up or it may
        not be planned here."""
        from workbench.flows.deploy import PLAN_ID, prepare_cleanup

        plan_id = PLAN_ID if plan_id is None else plan_id
        result = prepare_cleanup(self.store, self.actor(), plan_id, running=self.deploy_running is not None)
        if result.plan is None or (result.finished and not result.plan.steps):
            self.show_result(result)
            return None
        if result.finished:
            self.show_result(result)
        return result.plan

    # ----------------------------------------------------------------- who the calls are made as
    def deploy_identity(self, region: str | None,
                        then: Callable[[CallerIdentity | None, str | None], None]) -> None:
        """Ask STS who the calls would be made as (an AWS job; ``flows.deploy.acting_identity``), then call
        ``then(identity, problem)`` on the UI thread: a CallerIdentity, or None and the problem in words."""
        from workbench.flows.deploy import acting_identity

        def job(session, progress, cancel) -> None:
            result = acting_identity(session, region)
            if result.identity is None:
                self.call_from_thread(then, None, result.message)
                return None
            self.call_from_thread(self.aws_identity_known, result.identity)
            self.call_from_thread(then, result.identity, None)
            return None

        self.run_aws_job("Checking which AWS identity would make the calls", job)

    def aws_identity_known(self, identity: CallerIdentity) -> None:
        """The status bar shows the account once it is known."""
        self.aws_account = identity.account
        self._update_status()

    # ----------------------------------------------------------------- apply (after confirmation)
    def deploy_apply(self, plan_id: str, *, confirmed_by: str, acting_as: str | None = None) -> None:
        """Apply (or resume) the stored plan ``plan_id`` as an AWS job (``flows.deploy.apply_deployment``).
        ``confirmed_by`` is the person who confirmed the listed calls; the flow refuses without one."""
        from workbench.flows.deploy import apply_deployment

        refusal = self.deploy_refusal()
        if refusal:
            self.notify(refusal, severity="warning")
            return
        if not confirmed_by.strip():
            self.notify("Not applied: the calls need someone's confirmation.", severity="warning")
            return
        actor = self.actor()

        def job(session, progress, cancel) -> None:
            from workbench.models import DeploymentPlan

            self.deploy_running = plan_id
            try:
                stored = self.store.get(DeploymentPlan, plan_id)
                region = stored.doc.region if stored else None

                def on_progress(event) -> None:
                    progress(event.index + 1, event.total, f"{event.step.id}: {event.message}")

                result = apply_deployment(self.store, actor, plan_id, confirmed_by=confirmed_by, acting_as=acting_as,
                                          session=session, clients=self._deploy_clients(session, region),
                                          on_progress=on_progress, cancel=cancel, sleep=cancel.wait)
                self.call_from_thread(self.show_result, result, timeout=15)
            finally:
                self.deploy_running = None

        self.run_aws_job("Deploying" if not plan_id.endswith("-cleanup") else "Cleaning up", job)

    def deploy_cancel(self) -> bool:
        """Stop the running AWS job after its current call; False when nothing runs."""
        if not self.aws_job_running():
            return False
        self.cancel_aws_job()
        return True


__all__ = ["DeployActions"]
