"""The guided deployment as user intents, headless: the Deploy pane and ``lmi-workbench deploy`` both call these.

    inputs = deploy_inputs(store, actor, options)                         # the workload, its configuration
    checked = preflight(store, actor, options, session_factory=open_it)    # read-only checks, saved
    planned = plan_deployment(store, actor, options, session_factory=open_it, function_code="src/")
    who = acting_identity(session, planned.plan.region)                    # STS GetCallerIdentity
    applied = apply_deployment(store, actor, planned.plan.id, session=session, confirmed_by="ana",
                               acting_as=who.acting_as)                  # only after that person said yes
    cleanup = prepare_cleanup(store, actor)                                # then apply_deployment(cleanup.plan.id)

Each returns a ``FlowResult`` (with what it made: the report, the plan) saying what happened; none asks anything (confirmation is the
``confirmed_by`` parameter) and none imports Textual. Every AWS call is made by ``workbench.deploy`` and
``workbench.aws`` through the session (or ``clients``) given here. Read-only, --offline and the demo's sample data
refuse whatever would change the account, before any call.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.flows.acting import JOB_RUNNING, Actor, SessionFactory
from workbench.flows.result import FlowResult, Outcome

if TYPE_CHECKING:
    from workbench.aws.identity import CallerIdentity
    from workbench.aws.session import AwsSession
    from workbench.deploy import Clients, StepEvent
    from workbench.iac.options import IacOptions
    from workbench.models import DeploymentPlan, LmiConfiguration, Workload
    from workbench.models.preflight import PreflightReport
    from workbench.store import Store

PLAN_ID = "default"


class DeployInputsMissing(ValueError):
    """The session lacks what the deployment is made from (a workload, a Region); the message says what."""


@dataclass(frozen=True)
class DeployInputs:
    workload: Workload        # as stored (the plan deploys it with ``options.upgrade_runtime`` applied)
    config: LmiConfiguration  # the stored configuration, else the one cost and generate derive
    options: IacOptions
    region: str | None        # per the Actor's rule; None when neither the run nor the workload names one


@dataclass
class PreflightResult(FlowResult):
    report: PreflightReport | None = None


@dataclass
class PlanResult(FlowResult):
    plan: DeploymentPlan | None = None
    exists: bool = False      # a stored plan with this id has run steps: resume it or clean it up first


@dataclass
class CleanupResult(FlowResult):
    plan: DeploymentPlan | None = None
    finished: bool = False    # the cleanup has already removed everything: nothing to call


@dataclass
class IdentityResult(FlowResult):
    identity: CallerIdentity | None = None

    @property
    def acting_as(self) -> str | None:
        return self.identity.describe() if self.identity is not None else None


@dataclass
class ApplyResult(FlowResult):
    """``outcome``: DONE (completed), FAILED, CANCELLED (Esc) or, before any call, REFUSED / DECLINED."""

    ended: str = "refused"    # the runner's word: completed | failed | cancelled, or refused: nothing was called
    step_id: str | None = None
    plan: DeploymentPlan | None = None
    detail: str = ""          # the runner's own sentence (the message without "Deployment completed: ")


# --- inputs and refusals ------------------------------------------------------------------------------------------
def deploy_inputs(store: Store | None, actor: Actor, options: IacOptions, *,
                  fallback_workload: Workload | None = None, sizing_fallback: bool = False) -> DeployInputs:
    """The workload (the stored one, else ``fallback_workload``), its configuration and the Region.

    Without a stored configuration it is derived on the runtime the function will run on; an unsupported runtime
    raises DeployInputsMissing naming the upgrade to choose, except that the pre-flight (``sizing_fallback``)
    sizes it as if upgraded and lets its runtime check report the version."""
    from workbench import lmi_facts
    from workbench.iac.options import as_deployed
    from workbench.models import LmiConfiguration, Workload
    from workbench.starting_config import UnsupportedRuntime, configuration_for

    stored = store.get(Workload, "default") if store is not None else None
    workload = stored.doc if stored is not None else fallback_workload
    if workload is None:
        raise DeployInputsMissing("There is no workload in this session yet: describe the function in the Intake "
                                  "pane (key 1) first (or use --demo).")
    region = actor.region_for(workload.region)
    config = store.get(LmiConfiguration, "default") if store is not None else None
    if config is not None:   # the stored configuration wins
        return DeployInputs(workload, config.doc, options, region)
    deployed = as_deployed(workload, options)
    support = deployed.runtime_support
    if support is not None and not support.supported:
        if sizing_fallback and support.upgrade:
            deployed = deployed.model_copy(update={"runtime": support.upgrade})
        else:
            problem = lmi_facts.runtime_upgrade_problem(workload.runtime or "", options.upgrade_runtime)
            raise DeployInputsMissing(f"cannot plan the deployment: {problem}")
    try:
        return DeployInputs(workload, configuration_for(deployed, None), options, region)
    except UnsupportedRuntime as error:
        raise DeployInputsMissing(str(error)) from None


def apply_refusal(actor: Actor, *, job_running: bool = False) -> str | None:
    """Why this run may not change the account now (None when it may, after confirmation)."""
    if actor.readonly:
        return ("This session is open read-only (--readonly): deploying is refused. You see the plan and its "
                "progress here as the person driving applies it.")
    if actor.offline:
        return "This run is offline (--offline): the plan can be reviewed, but applying it needs AWS."
    if actor.demo:
        return ("The demo's workload is sample data (its subnets do not exist): review the plan, but deploy a "
                "real workload (`lmi-workbench --session NAME`).")
    if job_running:
        return JOB_RUNNING
    return None


def code_dir_problem(text: str) -> str | None:
    """Why ``text`` cannot be the function's code (None when it can): it must be a directory or a .zip file."""
    path = Path(text).expanduser()
    if not path.exists():
        return f"{path} does not exist: give the directory that holds the function's code (or a .zip file)."
    if path.is_file() and path.suffix.lower() != ".zip":
        return f"{path} is a file but not a .zip: give the code's directory or its .zip."
    return None


def stored_code_dir(store: Store, plan_id: str = PLAN_ID) -> str | None:
    """The code directory (or .zip) the stored plan ``plan_id`` zips, if any."""
    from workbench.deploy.plan_refs import code_path_of
    from workbench.models import DeploymentPlan

    stored = store.get(DeploymentPlan, plan_id)
    if stored is None:
        return None
    for step in stored.doc.steps:
        code = (step.parameters.get("Code") or {}).get("ZipFile") if step.operation == "CreateFunction" else None
        found = code_path_of(code) if isinstance(code, str) else None
        if found is not None:
            return str(found[0])
    return None


# --- pre-flight -----------------------------------------------------------------------------------------------------
def _save_preflight(store: Store | None, report: Any) -> PreflightResult | None:
    """Put the report in the store; the FAILED result to return when the store refuses it, else None."""
    from workbench.deploy.preflight import save_preflight
    from workbench.store import StoreError

    assert store is not None
    try:
        save_preflight(store, report)
    except StoreError as error:
        return PreflightResult.of(Outcome.FAILED, str(error), report=report)
    return None


def preflight(store: Store | None, actor: Actor, options: IacOptions, *, session_factory: SessionFactory | None,
              cancel: threading.Event | None = None, save: bool = True,
              fallback_workload: Workload | None = None) -> PreflightResult:
    """The pre-flight checks: the offline ones always, the account's (read-only calls) when this run uses AWS and
    a session opens. ``save``: the report lands in the store (the offline part first, so a watcher sees it at
    once); a read-only actor may not save (the CLI runs it with ``save=False`` on a read-only store)."""
    from workbench.aws.errors import AwsProblem, Cancelled
    from workbench.deploy.preflight import offline_report, run_preflight
    from workbench.iac.options import as_deployed

    if save and (actor.readonly or store is None):
        return PreflightResult.of(Outcome.REFUSED, "Read-only session: you see the last pre-flight report; running "
                                                   "the checks is left to the person driving.")
    try:
        inputs = deploy_inputs(store, actor, options, fallback_workload=fallback_workload, sizing_fallback=True)
    except DeployInputsMissing as error:
        return PreflightResult.of(Outcome.INVALID, str(error), "warning")
    workload = as_deployed(inputs.workload, options)   # with an upgrade chosen: checked as it will be deployed
    report = offline_report(workload, inputs.config, options, region=inputs.region)
    if save and (failed := _save_preflight(store, report)) is not None:
        return failed
    if not actor.uses_aws or session_factory is None:
        why = "--offline" if actor.offline else "the demo's sample data" if actor.demo else "no AWS session"
        return PreflightResult.of(Outcome.DONE, f"Pre-flight: only the checks that need no AWS account ran ({why}).",
                                  report=report)
    try:
        session = session_factory()
    except AwsProblem as problem:
        return PreflightResult.of(Outcome.DONE, f"Checking without the account: {problem.message}", "warning",
                                  report=report)
    try:
        report = run_preflight(session, workload, inputs.config, options, region=inputs.region, cancel=cancel)
    except Cancelled:
        return PreflightResult.of(Outcome.CANCELLED, "Pre-flight stopped: the account checks did not finish (the "
                                                     "offline checks are shown).", report=report)
    if save and (failed := _save_preflight(store, report)) is not None:
        return failed
    counts = report.counts()
    return PreflightResult.of(Outcome.DONE, f"Pre-flight {report.status.value.upper()}: {counts['pass']} pass, "
                                            f"{counts['warn']} warn, {counts['fail']} fail, {counts['unknown']} "
                                            f"unknown ({len(report.operations)} read-only calls).", report=report)


# --- the plan -------------------------------------------------------------------------------------------------------
def plan_deployment(store: Store | None, actor: Actor, options: IacOptions, *,
                    session_factory: SessionFactory | None, function_code: str | Path | None = None,
                    plan_id: str = PLAN_ID, save: bool = True, session_required: bool = False,
                    fallback_workload: Workload | None = None) -> PlanResult:
    """Build the deployment plan (nothing is applied) and, with ``save``, store it.

    With AWS, read-only look-ups decide it (the account, whether the function and its alias exist); offline, in
    the demo or when no session opens (unless ``session_required``) it plans to create everything. A stored plan
    that has run steps is never replaced (the result says so: resume it or clean it up)."""
    from workbench.aws.errors import AwsProblem
    from workbench.deploy import PlanError, PlanExists, build_plan, save_plan
    from workbench.store import StoreConflict, StoreError

    if save and (actor.readonly or store is None):
        return PlanResult.of(Outcome.REFUSED, "Read-only session: you see the plan the person driving makes; "
                                              "planning is left to them.")
    try:
        inputs = deploy_inputs(store, actor, options, fallback_workload=fallback_workload)
    except DeployInputsMissing as error:
        return PlanResult.of(Outcome.INVALID, str(error), "warning")
    if not inputs.region:
        return PlanResult.of(Outcome.INVALID, "No Region: set the workload's region (Intake pane) or give --region.",
                             "warning")
    session: AwsSession | None = None
    note = None
    if actor.uses_aws and session_factory is not None:
        try:
            session = session_factory()
        except AwsProblem as problem:
            if session_required:
                return PlanResult.of(Outcome.FAILED, problem.message)
            note = (f"Planned without AWS ({problem.message}): it creates everything; the apply checks again what "
                    "exists before each call.")
    try:
        plan = build_plan(inputs.workload, inputs.config, options, region=inputs.region, function_code=function_code,
                          session=session, plan_id=plan_id, chosen_by=actor.author)
    except PlanError as error:
        return PlanResult.of(Outcome.INVALID, str(error))
    if note:
        plan = plan.model_copy(update={"notes": [note, *plan.notes]})
    if save:
        assert store is not None
        try:
            save_plan(store, plan)
        except PlanExists as error:
            return PlanResult.of(Outcome.REFUSED, str(error), exists=True)
        except StoreConflict as error:
            return PlanResult.of(Outcome.CONFLICT, f"The plan was not saved: {error}", "error")
        except StoreError as error:
            return PlanResult.of(Outcome.FAILED, str(error))
    return PlanResult.of(Outcome.DONE, note or f"Planned {len(plan.steps)} steps (nothing has been called).",
                         "warning" if note else "information", plan=plan)


def prepare_cleanup(store: Store, actor: Actor, plan_id: str = PLAN_ID, *, running: bool = False,
                    function_detached: bool = False) -> CleanupResult:
    """The cleanup plan of ``plan_id``: the stored one when it has started (``finished`` when it is done), else
    built from the store's record of what the deployment created and saved. Nothing is called."""
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
    from workbench.store import StoreError

    if actor.readonly:
        return CleanupResult.of(Outcome.REFUSED, "Read-only session: the cleanup is planned and run by the person "
                                                 "driving.")
    if running:
        return CleanupResult.of(Outcome.REFUSED, "A run is going on: clean up once it has stopped (Esc stops it).")
    applied = store.get(DeploymentPlan, plan_id)
    if applied is None:
        return CleanupResult.of(Outcome.INVALID, f"There is no deployment plan {plan_id!r} in this session: nothing "
                                                 "to clean up.", "warning")
    if not has_started(applied.doc):
        return CleanupResult.of(Outcome.INVALID, "Nothing to clean up: the deployment plan has not made any call.",
                                "warning")
    current = store.get(DeploymentPlan, cleanup_id_for(plan_id))
    if current is not None and current.doc.deployment_id == applied.doc.deployment_id and has_started(current.doc):
        if is_finished(current.doc):
            return CleanupResult.of(Outcome.UNCHANGED, "The cleanup has finished: what the deployment created is "
                                                       "gone.", plan=current.doc, finished=True)
        return CleanupResult.of(Outcome.DONE, "Resuming the cleanup: finished steps are skipped.", plan=current.doc)
    try:
        cleanup = build_cleanup_plan(applied.doc, function_detached=function_detached)
    except PlanError as error:
        return CleanupResult.of(Outcome.INVALID, str(error))
    if not cleanup.steps:
        return CleanupResult.of(Outcome.UNCHANGED, cleanup.notes[-1] if cleanup.notes else "There is nothing to "
                                "remove.", "warning", plan=cleanup, finished=True)
    try:
        save_plan(store, cleanup)
    except (PlanExists, StoreError) as error:
        return CleanupResult.of(Outcome.FAILED, str(error))
    return CleanupResult.of(Outcome.DONE, f"Cleanup planned: {len(cleanup.steps)} steps (nothing has been called).",
                            plan=cleanup)


# --- who the calls are made as, and applying ------------------------------------------------------------------------
def acting_identity(session: AwsSession, region: str | None) -> IdentityResult:
    """Who the calls would be made as (STS GetCallerIdentity, see workbench.aws.identity): shown with the
    confirmation and recorded with it. A failure means nothing may be confirmed."""
    from workbench.aws.errors import AwsProblem
    from workbench.aws.identity import caller_identity

    try:
        identity = caller_identity(session, region)
    except AwsProblem as problem:
        return IdentityResult.of(Outcome.FAILED, f"Could not tell which AWS identity would make the calls, so "
                                                 f"nothing was confirmed or called: {problem.message}")
    return IdentityResult.of(Outcome.DONE, f"Acting as {identity.describe()}.", identity=identity)


def apply_deployment(store: Store, actor: Actor, plan_id: str, *, confirmed_by: str, session: AwsSession | None,
                     acting_as: str | None = None, clients: Clients | None = None,
                     on_progress: Callable[[StepEvent], None] | None = None, cancel: threading.Event | None = None,
                     sleep: Callable[[float], Any] | None = None) -> ApplyResult:
    """Apply (or resume) the stored plan ``plan_id``, recording each step in the store. ``confirmed_by`` is the
    person who confirmed the listed calls (with ``acting_as``, the identity they saw); refused without one."""
    from workbench.deploy import DeploymentRunner, DeployRefused
    from workbench.store import StoreConflict

    refusal = apply_refusal(actor)
    if refusal:
        return ApplyResult.of(Outcome.REFUSED, refusal)
    if not confirmed_by.strip():
        return ApplyResult.of(Outcome.DECLINED, "Not applied: the calls need someone's confirmation.", "warning")
    if session is None and clients is None:
        return ApplyResult.of(Outcome.INVALID, "Not applied: there is no AWS session to make the calls with.")
    extra: dict[str, Any] = {"sleep": sleep} if sleep is not None else {}
    runner = DeploymentRunner(store, session, author=actor.author, clients=clients, on_progress=on_progress,
                              cancel=cancel, **extra)
    try:
        result = runner.apply(plan_id, confirmed_by=confirmed_by, acting_as=acting_as)
    except DeployRefused as error:
        return ApplyResult.of(Outcome.REFUSED, str(error), "error")
    except StoreConflict as error:
        return ApplyResult.of(Outcome.CONFLICT, f"{error} (is someone else applying this plan?)", "error")
    what = "Cleanup" if plan_id.endswith("-cleanup") else "Deployment"
    outcome = _RUN_OUTCOMES.get(result.outcome, Outcome.FAILED)
    return ApplyResult.of(outcome, f"{what} {result.outcome}: {result.message}", ended=result.outcome,
                          step_id=result.step_id, plan=result.plan, detail=result.message)


# the runner's outcome (workbench.deploy.runner) as a flow's; its sentence takes the outcome's default severity
_RUN_OUTCOMES: dict[str, Outcome] = {"completed": Outcome.DONE, "cancelled": Outcome.CANCELLED,
                                     "failed": Outcome.FAILED}


__all__ = ["PLAN_ID", "ApplyResult", "CleanupResult", "DeployInputs", "DeployInputsMissing", "IdentityResult",
           "PlanResult", "PreflightResult", "acting_identity", "apply_deployment", "apply_refusal",
           "code_dir_problem", "deploy_inputs", "plan_deployment", "preflight", "prepare_cleanup",
           "stored_code_dir"]
