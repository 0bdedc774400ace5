"""Running a confirmed deployment (or cleanup) plan, step by step, with an honest record in the store.

    runner = DeploymentRunner(store, session, author="ana", on_progress=show, cancel=stop_event)
    result = runner.apply("default", confirmed_by="ana")      # RunResult: completed | failed | cancelled

* Nothing is called unless the store is writable and the plan is confirmed: ``confirmed_by`` names the person
  (recorded with the time and a digest of the calls on the plan the first time; a plan whose calls changed after
  that is refused). A plan still holding the code placeholder is refused.
* Each step is written to the store before its call (``running``) and after it (``done`` or ``failed``, with the
  answer's outputs, the parameters as sent, and for a failure an explanation from :mod:`workbench.deploy.reasons`).
  Each write is compare-and-set and is the audit entry (feed: author, step, result): a second runner on the
  same plan gets a StoreConflict instead of repeating a call.
* Resuming: ``done`` steps are skipped, so re-running a finished plan calls nothing. A step left ``running``
  or ``failed`` is first checked with a read-only call (GetRole, GetCapacityProvider, GetFunction,
  ListVersionsByFunction, GetAlias, DescribeAlarms, GetSchedule): what this deployment already created is
  adopted, not created twice. An "already exists" answer is handled the same way: the resource is adopted only
  if it carries this deployment's mark (its tag, its operator role, its description, the version an alias points
  at); anything else fails the step with an explanation and is left alone. Deletes that find nothing are done.
* ``cancel`` (a threading.Event) is checked between steps and between the polls of a wait.
* ``on_progress(StepEvent)`` is called from the running thread after each change; an exception it raises stops
  the run where it is (the store already holds the truth).

AWS calls go through the :class:`~workbench.deploy.clients.Clients` seam (:mod:`workbench.deploy.clients`); the
read-only re-checks are :mod:`workbench.deploy.adoption`; references are resolved by
:mod:`workbench.deploy.plan_refs`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workbench.aws.errors import AwsProblem, Cancelled, ProblemKind
from workbench.deploy import adoption, reasons
from workbench.deploy.answers import dig, json_safe, outcome_of
from workbench.deploy.clients import Clients, SessionClients, call_operation, list_pages
from workbench.deploy.plan import is_finished, needs_code, plan_digest
from workbench.deploy.plan_refs import Unresolved, resolve
from workbench.models import DeploymentPlan, DeploymentStep
from workbench.models._base import utc_now
from workbench.models.deploy import DeployMode, PlanType, StepKind, StepStatus

if TYPE_CHECKING:
    from workbench.aws.session import AwsSession
    from workbench.store import Store

CONFLICT_CODES = frozenset({"EntityAlreadyExists", "ResourceConflictException", "ConflictException"})
CREATES = frozenset({"CreateRole", "CreateCapacityProvider", "CreateFunction", "CreateAlias", "CreateSchedule"})
# Calls right after a role is created can be refused until IAM has propagated it (seconds).
ROLE_PROPAGATION_RETRIES = 6
ROLE_PROPAGATION_DELAY_S = 5.0
PASSES_A_NEW_ROLE = frozenset({"CreateCapacityProvider", "CreateFunction", "CreateSchedule",
                               "UpdateFunctionConfiguration"})


# An LMI function's $LATEST ends as ActiveNonInvocable, never Active: only a published version runs ("$LATEST.PUBLISHED
# version in Lambda Managed Instances"; the State enum of botocore's lambda model). The plan's wait on $LATEST ends
# there (plan_build.LATEST_READY_STATES); the version's own wait (PublishedVersionActive) waits for Active.
_STATE_NOTES = {"ActiveNonInvocable": " (created; on a capacity provider only a published version is invoked)"}


class DeployRefused(RuntimeError):
    """The run was refused before any AWS call: the message says why and what to do."""


@dataclass(frozen=True)
class StepEvent:
    """Progress for the UI: ``phase`` is started, polling, done, adopted, skipped, failed or cancelled."""

    plan: DeploymentPlan
    step: DeploymentStep
    index: int  # 0-based position of the step
    total: int
    phase: str
    message: str


@dataclass(frozen=True)
class RunResult:
    plan: DeploymentPlan
    version: int       # the plan's store version after the run
    outcome: str       # completed | failed | cancelled
    step_id: str | None  # the step that failed or was next when cancelled
    message: str


class DeploymentRunner:
    """Applies a stored :class:`DeploymentPlan` (apply or cleanup) with the store as the record of every step."""

    def __init__(self, store: Store, session: AwsSession | None, *, author: str,
                 clients: Clients | None = None, on_progress: Callable[[StepEvent], None] | None = None,
                 cancel: threading.Event | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        if session is None and clients is None:
            raise ValueError("DeploymentRunner needs an AwsSession or clients to call AWS with")
        self.store = store
        self.session = session
        self.author = author
        self._clients = clients
        self.on_progress = on_progress
        self.cancel = cancel
        self.sleep = sleep
        self._plan: DeploymentPlan | None = None
        self._version = 0

    # --- confirmation and the run ---------------------------------------------------------------------------
    def _load(self, plan_id: str) -> None:
        if self.store.readonly:
            raise DeployRefused(f"the store {self.store.path} is open read-only: nothing was applied (reopen it "
                                "without --readonly to deploy)")
        stored = self.store.get(DeploymentPlan, plan_id)
        if stored is None:
            raise DeployRefused(f"there is no deployment plan {plan_id!r} in the store: build and save one first")
        self._plan, self._version = stored.doc, stored.version

    def confirm(self, plan_id: str = "default", *, confirmed_by: str,
                acting_as: str | None = None) -> DeploymentPlan:
        """Record who confirmed the plan (and when); no AWS call. An already confirmed plan keeps its record."""
        name = (confirmed_by or "").strip()
        if not name:
            raise DeployRefused("the plan was not confirmed: applying needs the name of the person who confirms it")
        self._load(plan_id)
        plan = self._plan
        assert plan is not None
        if not plan.confirmed:
            what = "cleanup" if plan.plan_type is PlanType.CLEANUP else "deployment"
            self._plan = plan.model_copy(update={"confirmed_by": name[:200], "confirmed_at": utc_now(),
                                                 "confirmed_as": acting_as[:600] if acting_as else None,
                                                 "mode": DeployMode.APPLY, "confirmed_digest": plan_digest(plan)})
            who = f"{name} as {acting_as}" if acting_as else name
            self._save(f"{what} plan {plan.id} confirmed by {who} ({len(plan.steps)} steps)")
        elif plan.confirmed_digest is not None and plan.confirmed_digest != plan_digest(plan):
            raise DeployRefused(f"plan {plan.id!r} was changed after {plan.confirmed_by} confirmed it: nothing was "
                                "applied. Plan again and confirm the new plan.")
        return self._plan

    def apply(self, plan_id: str = "default", *, confirmed_by: str | None,
              acting_as: str | None = None) -> RunResult:
        """Run the plan's unfinished steps in order. Raises DeployRefused (nothing called) when the store is
        read-only, the plan is missing, unconfirmed or still needs its code; StoreConflict when someone else
        changed the plan meanwhile (another run?)."""
        self._load(plan_id)
        if not (confirmed_by or "").strip():
            raise DeployRefused(f"plan {plan_id!r} was not applied: it needs an explicit confirmation "
                                "(confirmed_by: who confirms these calls)")
        assert self._plan is not None
        if self._plan.confirmed_digest is not None and self._plan.confirmed_digest != plan_digest(self._plan):
            raise DeployRefused(f"plan {plan_id!r} was changed after {self._plan.confirmed_by} confirmed it: nothing "
                                "was applied. Plan again and confirm the new plan.")
        if needs_code(self._plan):
            raise DeployRefused("the plan has no function code (CreateFunction holds ${input:function-code}): plan "
                                "again with the code's directory (--function-code DIR) or an s3:// location")
        if is_finished(self._plan):
            return RunResult(self._plan, self._version, "completed", None, "every step is already done: nothing "
                                                                           "to call")
        self.confirm(plan_id, confirmed_by=confirmed_by or "", acting_as=acting_as)
        total = len(self._plan.steps)
        for index in range(total):
            step = self._plan.steps[index]
            if self.cancel is not None and self.cancel.is_set():
                return self._cancelled(index, step)
            if step.status in (StepStatus.DONE, StepStatus.SKIPPED):
                self._event(index, step, "skipped", f"{step.id}: already done")
                continue
            try:
                ok = self._run(index, step)
            except Cancelled:
                return self._cancelled(index, self._plan.steps[index])
            if not ok:
                failed = self._plan.steps[index]
                return RunResult(self._plan, self._version, "failed", failed.id,
                                 failed.explanation or failed.outcome or f"{failed.id} failed")
        return RunResult(self._plan, self._version, "completed", None, f"all {total} steps done")

    # --- store writes -------------------------------------------------------------------------------------
    def _save(self, summary: str) -> None:
        assert self._plan is not None
        stored = self.store.put(self._plan, expected_version=self._version, summary=summary)
        self._version = stored.version

    def _update(self, index: int, summary: str, **changes: Any) -> DeploymentStep:
        assert self._plan is not None
        step = DeploymentStep.model_validate({**self._plan.steps[index].model_dump(), **changes})
        steps = list(self._plan.steps)
        steps[index] = step
        self._plan = DeploymentPlan.model_validate({**self._plan.model_dump(), "steps": steps})
        self._save(summary)
        return step

    def _event(self, index: int, step: DeploymentStep, phase: str, message: str) -> None:
        if self.on_progress is not None:
            assert self._plan is not None
            self.on_progress(StepEvent(self._plan, step, index, len(self._plan.steps), phase, message))

    def _cancelled(self, index: int, step: DeploymentStep) -> RunResult:
        assert self._plan is not None
        self.store.record("deploy", self._plan.id, f"{self.author} cancelled the run before step {step.id}")
        self._event(index, step, "cancelled", f"cancelled before {step.id}")
        return RunResult(self._plan, self._version, "cancelled", step.id,
                         f"cancelled before step {step.id}; apply again to continue")

    def _done(self, index: int, outputs: dict[str, Any], outcome: str, *, adopted: bool = False) -> None:
        step = self._plan.steps[index]  # type: ignore[union-attr]
        started = step.started_at or utc_now()
        step = self._update(index, f"step {step.id} done by {self.author}: {outcome}"[:500], status=StepStatus.DONE,
                            started_at=started, finished_at=utc_now(), outputs=outputs, outcome=outcome[:2000],
                            adopted=adopted, explanation=None)
        self._event(index, step, "adopted" if adopted else "done", outcome)

    def _fail(self, index: int, why: reasons.Explanation, *, state_reason_code: str | None = None,
              outputs: dict[str, Any] | None = None) -> bool:
        step = self._plan.steps[index]  # type: ignore[union-attr]
        started = step.started_at or utc_now()
        changes: dict[str, Any] = {"status": StepStatus.FAILED, "started_at": started, "finished_at": utc_now(),
                                   "outcome": why.summary[:2000], "explanation": str(why),
                                   "state_reason_code": state_reason_code}
        if outputs is not None:
            changes["outputs"] = outputs
        step = self._update(index, f"step {step.id} failed for {self.author}: {why.summary}"[:500], **changes)
        self._event(index, step, "failed", str(why))
        return False

    # --- one step -----------------------------------------------------------------------------------------
    def _run(self, index: int, step: DeploymentStep) -> bool:
        try:
            sent = self._resolve(step.parameters, keep_code=True)
            params = self._resolve(step.parameters, keep_code=False)
        except Unresolved as error:
            return self._fail(index, reasons.explain_unresolved(step.id, str(error)))
        except AwsProblem as problem:
            return self._fail(index, reasons.explain_problem(problem, operation="GetCallerIdentity"))
        if step.status in (StepStatus.RUNNING, StepStatus.FAILED) or step.operation == "PutMetricAlarm":
            try:
                probe = self._probe(step, params)
            except AwsProblem as problem:
                return self._fail(index, reasons.explain_problem(problem, operation=step.operation,
                                                                 subject=step.resource_name or ""))
            if probe.kind == "ours":
                self._done(index, probe.outputs or {}, f"already there and this deployment's: adopted "
                                                       f"({probe.detail})", adopted=True)
                return True
            if probe.kind == "foreign":
                return self._fail(index, reasons.explain_foreign(step.resource_type or "resource",
                                                                 step.resource_name or step.id, probe.detail))
        step = self._update(index, f"step {step.id} started by {self.author}: {step.service} {step.operation}",
                            status=StepStatus.RUNNING, started_at=utc_now(), finished_at=None, outcome=None,
                            explanation=None, state_reason_code=None, sent=sent)
        self._event(index, step, "started", f"{step.service} {step.operation}")
        if step.kind is StepKind.WAIT:
            return self._wait(index, step, params)
        return self._call(index, step, params)

    def _client_call(self, service: str, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        assert self._plan is not None
        return call_operation(self._clients_for(), service, operation, params, region=self._plan.region,
                              session=self.session)

    def _list_all(self, service: str, operation: str, key: str, params: dict[str, Any]) -> list[Any]:
        assert self._plan is not None
        return list_pages(self._clients_for(), service, operation, key, params, region=self._plan.region)

    def _clients_for(self) -> Clients:
        if self._clients is None:
            assert self.session is not None and self._plan is not None
            self._clients = SessionClients(self.session, self._plan.region)
        return self._clients

    def _call(self, index: int, step: DeploymentStep, params: dict[str, Any]) -> bool:
        subject = step.resource_name or ""
        for attempt in range(ROLE_PROPAGATION_RETRIES + 1):
            try:
                answer = self._client_call(step.service, step.operation, params)
            except AwsProblem as problem:
                if problem.code in CONFLICT_CODES and step.operation in CREATES:
                    try:
                        probe = self._probe(step, params)
                    except AwsProblem as again:
                        return self._fail(index, reasons.explain_problem(again, operation=step.operation,
                                                                         subject=subject))
                    if probe.kind == "ours":
                        self._done(index, probe.outputs or {}, f"already existed and is this deployment's: "
                                                               f"adopted ({probe.detail})", adopted=True)
                        return True
                    return self._fail(index, reasons.explain_foreign(step.resource_type or "resource",
                                                                     subject or step.id,
                                                                     probe.detail or problem.message))
                if problem.kind is ProblemKind.NOT_FOUND and step.operation.startswith("Delete"):
                    self._done(index, {}, "already gone")
                    return True
                text = problem.message.lower()
                if (problem.kind is ProblemKind.INVALID_REQUEST and "role" in text
                        and attempt < ROLE_PROPAGATION_RETRIES and step.operation in PASSES_A_NEW_ROLE):
                    self._pause(ROLE_PROPAGATION_DELAY_S)
                    continue
                return self._fail(index, reasons.explain_problem(problem, operation=step.operation, subject=subject))
            self._done(index, json_safe(answer), outcome_of(answer))
            return True
        return False  # not reached: the last attempt returns

    def _pause(self, seconds: float) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled()
        self.sleep(seconds)
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled()

    def _wait(self, index: int, step: DeploymentStep, params: dict[str, Any]) -> bool:
        spec = step.wait
        assert spec is not None
        subject = step.resource_name or step.id
        state: str | None = None
        for attempt in range(1, spec.max_attempts + 1):
            try:
                answer = self._client_call(step.service, step.operation, params)
            except AwsProblem as problem:
                if problem.kind is not ProblemKind.NOT_FOUND:
                    return self._fail(index, reasons.explain_problem(problem, operation=step.operation,
                                                                     subject=subject))
                if spec.until_gone:
                    self._done(index, {}, f"{subject} is gone")
                    return True
                state = None  # not visible yet (eventual consistency): keep polling
            else:
                state = dig(answer, spec.state_path)
                state = None if state is None else str(state)
                if state is not None and state in spec.success and not spec.until_gone:
                    self._done(index, json_safe(answer), f"{subject} is {state}" + _STATE_NOTES.get(state, ""))
                    return True
                if state is not None and state in spec.failure:
                    return self._failed_state(index, step, answer, state)
            self._event(index, step, "polling", f"{subject}: {state or 'not visible yet'} (check {attempt} of "
                                                f"{spec.max_attempts})")
            if attempt < spec.max_attempts:
                try:
                    self._pause(spec.delay_s)
                except Cancelled:
                    self._update(index, f"wait {step.id} cancelled by {self.author}", status=StepStatus.PENDING,
                                 started_at=None, finished_at=None, outcome="cancelled while waiting; apply again "
                                                                            "to wait again")
                    raise
        why = reasons.explain_timeout(step.operation, subject, state, spec.max_attempts,
                                      spec.delay_s * (spec.max_attempts - 1), until_gone=spec.until_gone)
        return self._fail(index, why)

    def _failed_state(self, index: int, step: DeploymentStep, answer: dict[str, Any], state: str) -> bool:
        """A wait that saw ``Failed``: a capacity provider (no reason code in the API), or a function / version with
        its ``StateReasonCode`` and ``StateReason`` ("Lambda function states"), explained with the fix from
        :data:`workbench.deploy.reasons.STATE_REASONS` (e.g. VcpuLimitExceeded: the EC2 vCPU quota)."""
        spec = step.wait
        assert spec is not None
        if step.operation == "GetCapacityProvider":
            why = reasons.explain_capacity_provider_failed(step.resource_name or "", answer)
            return self._fail(index, why, outputs=json_safe(answer))
        code = dig(answer, spec.reason_path) if spec.reason_path else None
        text_path = (spec.reason_path or "").removesuffix("Code")
        reason = dig(answer, text_path) if text_path else None
        subject = "The new version" if "Qualifier" in step.parameters else f"Function {step.resource_name}"
        why = reasons.explain_state(code, reason, subject=subject)
        return self._fail(index, why, state_reason_code=str(code)[:100] if code else state,
                          outputs=json_safe(answer))

    # --- references -----------------------------------------------------------------------------------------
    def _resolve(self, value: Any, *, keep_code: bool) -> Any:
        assert self._plan is not None
        return resolve(value, self._plan, keep_code=keep_code, account_id=self._account_id)

    def _account_id(self) -> str:
        """The plan's account; asked of STS (read-only) the first time a plan made without it needs it."""
        assert self._plan is not None
        if self._plan.account_id is None:
            answer = self._client_call("sts", "GetCallerIdentity", {})
            self._plan = self._plan.model_copy(update={"account_id": str(answer["Account"])})
        return self._plan.account_id

    # --- idempotent re-checks (read-only) -----------------------------------------------------------------------
    def _probe(self, step: DeploymentStep, params: dict[str, Any]) -> adoption.Probe:
        """Does what this step creates already exist, and is it this deployment's? (:mod:`.adoption`)"""
        assert self._plan is not None
        return adoption.probe(step, params, deployment_id=self._plan.deployment_id, call=self._client_call,
                              list_all=self._list_all)


__all__ = ["DeployRefused", "DeploymentRunner", "RunResult", "StepEvent"]
