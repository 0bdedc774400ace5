"""The guided cutover: propose a decision with its exact AWS calls, apply it only when someone confirms it, and
write every step, gate result, decision and author to the store (the CutoverState document and the audit log).

    controller = CutoverController(store, author="alice", session=aws)   # session None → plan only
    controller.start(CutoverState(...))                                  # records the plan
    proposal = controller.propose(Decision.FORWARD)                      # shows proposal.calls; changes nothing
    controller.apply(proposal, confirmed_by="alice")                     # runs the calls, then records

``propose`` never calls AWS. ``apply`` refuses (CutoverRefused, nothing called) without a confirmation, on a
read-only store, when the state moved since the proposal, when a gate of the current step failed and the
decision moves forward, or before the bake time is over — the last two unless ``force=True`` with a reason.
A failing call raises CutoverCallFailed after recording what ran and what did not.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError

from workbench.aws.errors import AwsProblem, Cancelled
from workbench.cutover.calls import CutoverError, PlannedCall, forward_calls
from workbench.cutover.mechanisms import names_function
from workbench.cutover.proposals import (
    ACTIVE,
    AUDIT_KIND,
    CutoverCallFailed,
    CutoverRefused,
    Decision,
    Proposal,
    bake_left,
    basis_of,
    build_proposal,
    gate_text,
    proposal_blockers,
    rollback_on_failed_gates,
)
from workbench.models._base import utc_now
from workbench.models.cutover import (
    CutoverDecision,
    CutoverState,
    CutoverStatus,
    CutoverStep,
    GateResult,
    ShiftMechanism,
)
from workbench.store.errors import StoreConflict

if TYPE_CHECKING:
    from workbench.aws.session import AwsSession
    from workbench.store import Store


def _validation_message(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ())) or "steps"
    return f"{where}: {first.get('msg')}"


def _call_outcome(answer: dict[str, Any]) -> str:
    keys = ("UUID", "FunctionArn", "State", "AliasArn", "FunctionVersion", "RoutingConfig", "id", "deploymentId",
            "canarySettings", "variables", "Statement")
    shown = {k: answer[k] for k in keys if k in answer}
    return json.dumps(shown, default=str)[:2000] if shown else "ok"


class CutoverController:
    """Drives one cutover (the CutoverState with id ``doc_id``) for ``author``; ``session`` None → plan only."""

    def __init__(self, store: "Store", *, author: str, session: "AwsSession | None" = None,
                 doc_id: str = "default", clock: Callable[[], datetime] = utc_now) -> None:
        if not author or not author.strip():
            raise CutoverError("author: say who is driving the cutover (it goes into the audit log)")
        self.store = store
        self.author = author.strip()
        self.session = session
        self.doc_id = doc_id
        self._clock = clock

    # --- reading ------------------------------------------------------------------------------------------
    def _stored(self):
        return self.store.get(CutoverState, self.doc_id)

    def state(self) -> CutoverState | None:
        found = self._stored()
        return found.doc if found else None

    def _require(self):
        found = self._stored()
        if found is None:
            raise CutoverError("There is no cutover plan yet: start one first.")
        return found

    def bake_remaining(self, now: datetime | None = None) -> timedelta | None:
        """Time left before the step in effect has baked (zero when over); None when nothing is baking."""
        state = self.state()
        return None if state is None else bake_left(state, now or self._clock())

    # --- the plan -----------------------------------------------------------------------------------------
    def start(self, state: CutoverState) -> CutoverState:
        """Record ``state`` as the plan (status planned). Refused while another cutover is under way."""
        if state.status is not CutoverStatus.PLANNED or state.current_step is not None:
            raise CutoverError(f"status: a new plan starts as planned with no current step (got {state.status})")
        forward_calls(state, 0)  # the mechanism has what it needs (CutoverError naming the field otherwise)
        if state.mechanism is ShiftMechanism.WEIGHTED_ALIAS:
            from workbench.cutover.calls import check_weighted_alias
            check_weighted_alias(state)
        current = self._stored()
        if current is not None and current.doc.status in ACTIVE:
            raise CutoverError(f"A cutover of {current.doc.old_function_name} is under way "
                               f"({current.doc.status.value}, {current.doc.traffic_on_lmi_pct:g}% on LMI): roll it "
                               "back or complete it before planning another.")
        plan = state.model_copy(update={"id": self.doc_id, "updated_at": self._clock(), "decisions": [],
                                        "step_started_at": None})
        steps = " → ".join(f"{s.traffic_pct:g}% ({s.bake_minutes} min)" for s in plan.steps)
        summary = (f"cutover planned by {self.author}: {plan.old_function_name} → {plan.new_function_name}"
                   f"{':' + plan.new_alias if plan.new_alias else ''} via {plan.mechanism.value}; steps {steps}")
        self.store.put(plan, expected_version=current.version if current else None, summary=summary[:300])
        self.store.record(AUDIT_KIND, "plan", summary)
        return plan

    def edit_steps(self, steps: list[CutoverStep], *, expected_version: int | None = None) -> CutoverState:
        """Replace the steps (only while planned or holding; steps already taken keep their traffic share).

        ``expected_version``: the version the user saw when they started editing the steps; a partner's change
        made meanwhile is merged by field, and their edit of the steps too is a StoreConflict (the store's
        base / theirs / mine), never replaced unseen. None: the version stored now."""
        found = self._require()
        state = found.doc
        if state.status not in (CutoverStatus.PLANNED, CutoverStatus.HOLDING):
            raise CutoverError(f"steps can be edited while the cutover is planned or holding, not while "
                               f"{state.status.value}; hold it first")
        if state.status is CutoverStatus.HOLDING and state.current_step is not None:
            done = state.current_step
            if len(steps) <= done or [s.traffic_pct for s in steps[:done + 1]] != \
                    [s.traffic_pct for s in state.steps[:done + 1]]:
                raise CutoverError(f"steps: steps 1–{done + 1} have been taken "
                                   f"({', '.join(f'{s.traffic_pct:g}%' for s in state.steps[:done + 1])}); "
                                   "only later steps (and the bake times) can change")
        try:
            edited = CutoverState.model_validate({**state.model_dump(), "steps": [s.model_dump() for s in steps],
                                                  "updated_at": self._clock()})
        except ValidationError as error:
            raise CutoverError(_validation_message(error)) from None
        text = " → ".join(f"{s.traffic_pct:g}% ({s.bake_minutes} min)" for s in edited.steps)
        edited = self.store.put(edited, expected_version=expected_version or found.version,
                                summary=f"cutover steps edited: {text}"[:300]).doc
        self.store.record(AUDIT_KIND, "steps edited", f"{self.author} set the steps to {text}")
        return edited

    # --- proposals ----------------------------------------------------------------------------------------
    def propose(self, decision: Decision, *, reason: str = "") -> Proposal:
        """The proposal for ``decision`` from where the cutover is now (CutoverError when it does not apply).

        FORWARD from a plan (or after a rollback) is START; FORWARD at the last step is COMPLETE.
        """
        return build_proposal(self._require().doc, decision, reason=reason, clock=self._clock)

    # --- gates --------------------------------------------------------------------------------------------
    def record_gates(self, gates: list[GateResult]) -> Proposal | None:
        """Store gate results (written when an outcome changes, so the audit log stays readable) and return a
        ROLLBACK proposal when a gate of the step in effect failed — never applied here. A read-only store
        keeps nothing, but the proposal is still returned."""
        found = self._require()
        state = found.doc
        last = len(state.steps) - 1
        bad = [g.name for g in gates if g.step_index > last]
        if bad:
            raise CutoverError(f"gates: {', '.join(bad)} refer to a step after the last one ({last + 1})")
        merged = {(g.name, g.step_index): g for g in state.gates}
        changed = []
        for gate in gates:
            before = merged.get((gate.name, gate.step_index))
            if before is None or before.passed != gate.passed:
                changed.append(gate)
            merged[(gate.name, gate.step_index)] = gate if (before is None or before.passed != gate.passed) \
                else before
        updated = CutoverState.model_validate(
            state.model_copy(update={"gates": list(merged.values()), "updated_at": self._clock()}).model_dump())
        if changed and not self.store.readonly:
            text = "; ".join(f"step {g.step_index + 1} {gate_text(g)}" for g in changed)
            try:
                self.store.put(updated, expected_version=found.version, summary=f"cutover gates: {text}"[:300])
            except StoreConflict:
                return self.record_gates(gates)  # someone decided meanwhile: merge into theirs
            self.store.record(AUDIT_KIND, f"gates step {changed[0].step_index + 1}",
                              f"{text} (recorded by {self.author})")
        return rollback_on_failed_gates(updated, gates)

    # --- applying -----------------------------------------------------------------------------------------
    def _refuse_unless_allowed(self, proposal: Proposal, state: CutoverState, confirmed_by: str, force: bool,
                               force_reason: str) -> tuple[str, ...]:
        if not confirmed_by or not confirmed_by.strip():
            raise CutoverRefused(f"{proposal.decision.value} needs a confirmation: pass confirmed_by (the name of "
                                 "the person who confirms). Nothing was run.")
        if self.store.readonly:
            raise CutoverRefused(f"{self.store.path} is open read-only: {proposal.decision.value} was not run and "
                                 "nothing was recorded. Reopen it without --readonly to act.")
        if basis_of(state) != proposal.basis:
            raise CutoverRefused(f"The cutover changed since this {proposal.decision.value} was proposed (now "
                                 f"{state.status.value} at {state.traffic_on_lmi_pct:g}%, "
                                 f"{len(state.decisions)} decision(s)); propose again. Nothing was run.")
        blockers: tuple[str, ...] = ()
        if proposal.decision in (Decision.FORWARD, Decision.COMPLETE):
            blockers = proposal_blockers(state, self._clock)
            if blockers and not (force and force_reason.strip()):
                raise CutoverRefused(f"{proposal.decision.value} is held back: {'; '.join(blockers)}. Roll back, "
                                     "wait, or force it with a reason. Nothing was run.")
        if proposal.calls and self.session is None:
            raise CutoverRefused("This workbench has no AWS session (plan only): the calls were not run. Copy them "
                                 "from the plan, or reopen with AWS access.")
        return blockers

    def apply(self, proposal: Proposal, *, confirmed_by: str, force: bool = False,
              force_reason: str = "", cancel: threading.Event | None = None) -> CutoverState:
        """Run the proposal's calls in order, then record the new state and the audit entries.

        ``cancel`` set (Esc in the workbench) stops before the next call, never in the middle of one: what ran is
        recorded and the rest is reported as not run, like a failing call (CutoverCallFailed).

        CutoverRefused (nothing called, nothing recorded) per the rules above. CutoverCallFailed when a call
        fails: the position stays as it was, the decision is recorded as failed or partial (what ran, what did
        not) with the error in words, and mappings that did switch are remembered so a rollback undoes them.
        """
        found = self._require()
        state = found.doc
        blockers = self._refuse_unless_allowed(proposal, state, confirmed_by, force, force_reason)
        confirmed_by = confirmed_by.strip()
        now = self._clock()
        region = (state.source.region if state.source else None) or state.region
        records = [c.record() for c in proposal.calls]
        claim: CutoverDecision | None = None
        if proposal.calls:
            # Claim the decision before any call: a compare-and-set write of a "running" record changes the
            # basis, so a partner's proposal made meanwhile is stale and cannot run the same calls twice.
            claim = CutoverDecision(
                decision=proposal.decision.value, from_step=proposal.from_step, to_step=proposal.from_step,
                author=self.author, confirmed_by=confirmed_by, at=now, reason=proposal.reason[:2000],
                calls=records, outcome="running", message=f"running {len(records)} call(s)")
            try:
                found = self.store.put(state.model_copy(update={"decisions": [*state.decisions, claim]}),
                                       expected_version=found.version,
                                       summary=f"cutover {proposal.decision.value} by {self.author}: running "
                                               f"{len(records)} call(s)")
            except StoreConflict:
                raise CutoverRefused(f"The cutover changed while {proposal.decision.value} was being confirmed; "
                                     "propose again. Nothing was run.") from None
        source = state.source.model_copy(deep=True) if state.source else None
        problem: AwsProblem | None = None
        ran = 0
        for index, call in enumerate(proposal.calls):
            assert self.session is not None
            try:
                if cancel is not None and cancel.is_set():
                    raise Cancelled("Stopped by the user before this call.")
                answer = self.session.call(call.service, call.operation, region=region, **call.parameters)
            except AwsProblem as error:
                problem = error
                records[index] = call.record("failed", error.message)
                self.store.record(AUDIT_KIND, f"call {call.service}.{call.operation}",
                                  f"FAILED {call.boto3_call}: {error.message} (by {self.author}, confirmed by "
                                  f"{confirmed_by})")
                break
            ran += 1
            simulated = getattr(self.session, "simulated", None)  # the demo's stand-in says so in the record
            records[index] = call.record("done", (f"simulated ({simulated}): " if simulated else "")
                                         + _call_outcome(answer))
            source = self._remember(source, call, answer, state.new_function_name)
            self.store.record(AUDIT_KIND, f"call {call.service}.{call.operation}",
                              f"{'simulated' if simulated else 'done'} {call.boto3_call} (by {self.author}, "
                              f"confirmed by {confirmed_by})" + (f"; {simulated}" if simulated else ""))
        outcome: Literal["applied", "failed", "partial"]
        if problem is None:
            simulated = getattr(self.session, "simulated", None) if ran else None
            outcome, message = "applied", f"{proposal.decision.value} " + (
                f"simulated ({ran} call(s); {simulated})" if simulated
                else f"applied ({ran} call(s))" if ran else "applied (no AWS calls: recorded)")
        else:
            not_run = [c.boto3_call for c in proposal.calls[ran + 1:]]
            done = [c.boto3_call for c in proposal.calls[:ran]]
            outcome = "partial" if ran else "failed"
            message = (f"{proposal.decision.value} {'partly ' if ran else ''}failed: "
                       f"{proposal.calls[ran].boto3_call} → {problem.message}"
                       + (f" Ran before it: {'; '.join(done)}." if done else " Nothing was changed.")
                       + (f" Not run: {'; '.join(not_run)}." if not_run else "")
                       + (" The position is unchanged; roll back to undo what ran." if ran else ""))
        record = CutoverDecision(
            decision=proposal.decision.value, from_step=proposal.from_step,
            to_step=proposal.to_step if problem is None else proposal.from_step, author=self.author,
            confirmed_by=confirmed_by, at=now, reason=proposal.reason[:2000], forced=bool(blockers),
            force_reason=force_reason[:1000] if force else "", calls=records, outcome=outcome,
            message=message[:2000])
        new_state = self._write(found, proposal, record, claim, source, now, success=problem is None)
        summary = (f"{proposal.decision.value} by {self.author}, confirmed by {confirmed_by}: {outcome}; "
                   f"{proposal.reason}" + (f"; FORCED: {force_reason}" if record.forced else "")
                   + (f"; {message}" if problem else ""))
        self.store.record(AUDIT_KIND, self._subject(proposal), summary)
        if problem is not None:
            raise CutoverCallFailed(message, decision=record, state=new_state, problem=problem)
        return new_state

    @staticmethod
    def _subject(proposal: Proposal) -> str:
        def pct(step: int | None) -> str:
            return "—" if step is None else f"step {step + 1}"
        if proposal.decision in (Decision.START, Decision.FORWARD):
            return f"{proposal.decision.value} {pct(proposal.from_step)} → {pct(proposal.to_step)}"
        return f"{proposal.decision.value} at {pct(proposal.from_step)}"

    @staticmethod
    def _remember(source, call: PlannedCall, answer: dict[str, Any], new_function: str):
        """Keep what a call changed that later calls need: the canary deployment, which mappings switched."""
        if source is None:
            return source
        if call.operation == "CreateDeployment" and answer.get("id"):
            return source.model_copy(update={"canary_deployment_id": answer["id"]})
        if call.operation == "UpdateEventSourceMapping":
            uuid = call.parameters["UUID"]
            switched = [u for u in source.esm_switched if u != uuid]
            if names_function(call.parameters["FunctionName"], new_function):
                switched.append(uuid)
            return source.model_copy(update={"esm_switched": switched})
        return source

    def _write(self, found, proposal: Proposal, record: CutoverDecision, claim: CutoverDecision | None, source,
               now: datetime, *, success: bool) -> CutoverState:
        for _attempt in range(5):
            state = found.doc
            if claim is None and basis_of(state) != proposal.basis:
                raise CutoverRefused(f"The cutover changed while {proposal.decision.value} was being recorded; "
                                     "propose again.")
            decisions = [d for d in state.decisions if d != claim] + [record]
            update: dict[str, Any] = {"decisions": decisions, "updated_at": now, "source": source}
            if success:
                update["status"] = proposal.new_status
                if proposal.decision in (Decision.START, Decision.FORWARD):
                    update["current_step"] = proposal.to_step
                    update["step_started_at"] = now
                if proposal.decision is Decision.START:
                    update["started_at"] = state.started_at or now
            new_state = CutoverState.model_validate(state.model_copy(update=update).model_dump())
            summary = f"cutover {proposal.decision.value} by {self.author}: {record.outcome}"
            try:
                # merged by field with a partner's newer version (a gate result landing meanwhile), if any
                return self.store.put(new_state, expected_version=found.version, summary=summary).doc
            except StoreConflict:
                found = self._require()  # a gate result landed meanwhile: apply ours on top of it
        raise CutoverError("The cutover document kept changing while recording this decision; the calls above "
                           "ran (see the audit log).")
