"""The guided cutover as user intents, headless: the Monitor pane (and any script) calls these.

    setup = discover_cutover(store, actor, session_factory=open_it, old_function="orders", new_function="orders-lmi")
    record_cutover_plan(store, actor, state)                        # the plan (no AWS call)
    proposed = propose_decision(store, actor, "forward")            # the exact calls; nothing is called
    done = apply_decision(store, actor, proposed.proposal, confirmed_by="ana", session=session)
    edit_steps(store, actor, "10/30, 50/60, 100/60", expected_version=seen)
    check_actual_cost(store, actor, session=session)                 # predicted against actual (read-only)
    report = cutover_report(store)                                   # Markdown of the whole cutover

Nothing here asks anyone: ``confirmed_by`` is the person who said yes to the listed calls, and ``force_reason``
their reason to go past a blocker. AWS is called only by ``workbench.cutover`` through the session given here;
``cancel`` (an Event) stops a decision before its next call.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from workbench.flows.acting import Actor, SessionFactory
from workbench.flows.result import READONLY_TEXT, FlowResult, Outcome

if TYPE_CHECKING:
    from workbench.aws.session import AwsSession
    from workbench.cutover.proposals import Decision, Proposal
    from workbench.cutover.setup import CutoverSetup
    from workbench.models.cutover import CutoverState
    from workbench.models.derived import CostCheck
    from workbench.store import Store, StoreConflict

Clock = Callable[[], datetime]  # the controller's clock (tests pass a fixed one); None: the current time
NO_PLAN = "There is no cutover plan in this session yet: P plans one (or try it with --demo)."
COST_DAYS = 14


@dataclass
class SetupResult(FlowResult):
    setup: CutoverSetup | None = None


@dataclass
class PlanRecorded(FlowResult):
    state: CutoverState | None = None


@dataclass
class ProposalResult(FlowResult):
    proposal: Proposal | None = None


@dataclass
class DecisionResult(FlowResult):
    state: CutoverState | None = None


@dataclass
class StepsResult(FlowResult):
    state: CutoverState | None = None
    conflict: StoreConflict | None = None   # a partner edited the steps meanwhile: theirs / mine to choose


@dataclass
class CostResult(FlowResult):
    check: CostCheck | None = None


@dataclass
class ReportResult(FlowResult):
    markdown: str = ""


def _controller(store: Store, actor: Actor, session: AwsSession | None = None, clock: Clock | None = None):
    from workbench.cutover.controller import CutoverController
    from workbench.models._base import utc_now

    return CutoverController(store, author=actor.author, session=session, clock=clock or utc_now)


def _state(store: Store) -> CutoverState | None:
    from workbench.models import CutoverState

    stored = store.get(CutoverState)
    return stored.doc if stored is not None else None


# --- planning -------------------------------------------------------------------------------------------------------
def discover_cutover(store: Store, actor: Actor, *, session_factory: SessionFactory | None, old_function: str,
                     new_function: str, old_qualifier: str | None = None, new_alias: str | None = None,
                     new_version: str | None = None, region: str | None = None,
                     skip_reason: str | None = None) -> SetupResult:
    """What invokes the old function (read-only List and Get calls) and which traffic-shift mechanisms that
    allows; without AWS (offline, the demo, no credentials) the mechanisms that need no discovery."""
    from workbench.aws.errors import AwsProblem
    from workbench.cutover.setup import propose_setup

    session, reason = None, skip_reason
    if session_factory is not None and not actor.demo:
        try:
            session = session_factory()
        except AwsProblem as problem:
            reason = f"AWS cannot be reached: {problem.message}"
    try:
        setup = propose_setup(session, store, old_function=old_function, old_qualifier=old_qualifier,
                              new_function=new_function, new_alias=new_alias, new_version=new_version, region=region,
                              skip_reason=reason, demo=actor.demo)
    except Exception as exc:  # noqa: BLE001 - a name Lambda would refuse, the store: said in words
        return SetupResult.of(Outcome.FAILED, str(exc))
    return SetupResult.of(Outcome.DONE, setup.reason, setup=setup)


def record_cutover_plan(store: Store, actor: Actor, state: CutoverState, *, clock: Clock | None = None) -> PlanRecorded:
    """Record ``state`` as the cutover plan (no AWS call); refused read-only or while a cutover is under way."""
    from workbench.cutover import CutoverError
    from workbench.store import StoreError

    if actor.readonly:
        return PlanRecorded.of(Outcome.REFUSED, READONLY_TEXT)
    try:
        planned = _controller(store, actor, clock=clock).start(state)
    except CutoverError as exc:
        return PlanRecorded.of(Outcome.REFUSED, str(exc), "error")
    except StoreError as exc:
        return PlanRecorded.of(Outcome.FAILED, str(exc))
    first = planned.steps[0]
    how = ("no AWS call: your router shifts it" if planned.mechanism.value == "router"
           else "its calls are shown first")
    return PlanRecorded.of(Outcome.DONE, f"Cutover planned via {planned.mechanism.value}: f proposes the first step "
                                         f"({first.traffic_pct:g}% for {first.bake_minutes} min; {how}).",
                           state=planned)


# --- decisions ------------------------------------------------------------------------------------------------------
def propose_decision(store: Store, actor: Actor, decision: Decision | str, *, reason: str = "",
                     clock: Clock | None = None) -> ProposalResult:
    """The proposal for forward / hold / rollback from where the cutover is now: the exact calls and the author.
    Nothing is called or recorded."""
    from workbench.cutover.calls import CutoverError
    from workbench.cutover.proposals import Decision
    from workbench.store import StoreError

    if actor.readonly:
        return ProposalResult.of(Outcome.REFUSED, READONLY_TEXT)
    try:
        if _state(store) is None:
            return ProposalResult.of(Outcome.REFUSED, NO_PLAN)
        proposal = _controller(store, actor, clock=clock).propose(Decision(decision), reason=reason)
    except StoreError as exc:  # before CutoverError and ValueError: a store problem is a failure, not a refusal
        return ProposalResult.of(Outcome.FAILED, str(exc), "warning")
    except (CutoverError, ValueError) as exc:
        return ProposalResult.of(Outcome.REFUSED, str(exc))
    return ProposalResult.of(Outcome.DONE, f"Proposed: {proposal.decision.value} ({len(proposal.calls)} call(s)).",
                             proposal=proposal)


def decision_session(store: Store, actor: Actor, open_session: SessionFactory) -> AwsSession | None:
    """The session a decision's calls run through: the demo's stand-in for the demo's own cutover (it answers
    the calls and sends nothing), None offline (only decisions without calls are recorded), else the account's
    session from ``open_session``."""
    if actor.demo:
        from typing import cast

        from workbench.demo import demo_cutover_session

        return cast("AwsSession | None", demo_cutover_session(store))  # duck-typed: .call() and .region
    if actor.offline:
        return None
    return open_session()


def needs_identity(actor: Actor, proposal: Proposal) -> bool:
    """Whether the AWS identity must be shown before confirming: only when real calls go to a real account."""
    return actor.uses_aws and bool(proposal.calls)


def apply_decision(store: Store, actor: Actor, proposal: Proposal, *, confirmed_by: str,
                   session: AwsSession | None, force_reason: str = "", acting_as: str | None = None,
                   cancel: threading.Event | None = None, clock: Clock | None = None) -> DecisionResult:
    """Run the proposal's calls (only after ``confirmed_by`` said yes to them; with ``acting_as``, the AWS
    identity they saw) and record the decision. A blocker is passed only with ``force_reason``. Without a
    session only a decision with no calls can be recorded (the controller says so)."""
    if actor.readonly:
        return DecisionResult.of(Outcome.REFUSED, READONLY_TEXT)
    if not confirmed_by.strip():
        return DecisionResult.of(Outcome.DECLINED, "Not applied: the calls need someone's confirmation. Nothing was "
                                                   "run.", "warning")
    try:
        if acting_as:  # the audit log says which AWS identity the confirmation was given for
            store.record("cutover", "identity", f"{confirmed_by} confirmed the {proposal.decision.value} calls as "
                                                f"{acting_as}")
        state = _controller(store, actor, session, clock).apply(proposal, confirmed_by=confirmed_by,
                                                         force=bool(force_reason.strip()),
                                                         force_reason=force_reason, cancel=cancel)
    except Exception as exc:  # noqa: BLE001 - refused, a call failed (recorded), or the store: say which
        return DecisionResult.of(Outcome.FAILED, f"Cutover: {exc}")
    last = state.decisions[-1] if state.decisions else None
    return DecisionResult.of(Outcome.DONE, f"Cutover: {last.message}" if last else "Cutover: recorded.", state=state)


def steps_base(store: Store) -> int | None:
    """The version of the cutover an edit of its steps starts from (a partner's edit meanwhile is a conflict)."""
    from workbench.models import CutoverState

    stored = store.get(CutoverState)
    return stored.version if stored is not None else None


def edit_steps(store: Store, actor: Actor, text: str, *, expected_version: int | None = None,
               clock: Clock | None = None) -> StepsResult:
    """Replace the steps with ``text`` (``10/30, 50/60, 100/60``); a bad step is named, a partner's edit of the
    steps since ``expected_version`` is returned as a conflict (never replaced unseen)."""
    from pydantic import ValidationError

    from workbench.cutover.calls import CutoverError
    from workbench.cutover.steps_text import parse_steps
    from workbench.models.cutover import CutoverStep
    from workbench.store import StoreConflict, StoreError

    if actor.readonly:
        return StepsResult.of(Outcome.REFUSED, READONLY_TEXT)
    try:
        if _state(store) is None:
            return StepsResult.of(Outcome.REFUSED, NO_PLAN)
        steps = [CutoverStep(traffic_pct=pct, bake_minutes=bake) for pct, bake in parse_steps(text)]
        state = _controller(store, actor, clock=clock).edit_steps(steps, expected_version=expected_version)
    except StoreConflict as conflict:
        return StepsResult.of(Outcome.CONFLICT, f"The cutover steps were changed by {conflict.current_author} "
                                                "meanwhile.", conflict=conflict)
    except ValidationError as exc:
        first = exc.errors()[0]
        return StepsResult.of(Outcome.INVALID, f"Steps not changed: {'.'.join(map(str, first['loc']))}: "
                                               f"{first['msg']}")
    except StoreError as exc:
        return StepsResult.of(Outcome.FAILED, f"Steps not changed: {exc}")
    except (ValueError, CutoverError) as exc:
        return StepsResult.of(Outcome.INVALID, f"Steps not changed: {exc}")
    return StepsResult.of(Outcome.DONE, f"Cutover steps: {text}", state=state)


# --- after the cutover ----------------------------------------------------------------------------------------------
def check_actual_cost(store: Store, actor: Actor, *, session: AwsSession | None,
                      days: int = COST_DAYS) -> CostResult:
    """The predicted against the actual cost since the cutover (Cost Explorer, else CloudWatch × prices: read-only
    calls; none without a session) with the reminder to decommission the old function; recorded unless the actor
    is read-only."""
    from workbench.cutover.actual_cost import actual_vs_predicted, record_cost_check

    try:
        check = actual_vs_predicted(store, session=session if actor.uses_aws else None, days=days)
        if not actor.readonly:
            record_cost_check(store, check)
    except Exception as exc:  # noqa: BLE001 - said in words; the pane keeps working
        return CostResult.of(Outcome.FAILED, f"The actual cost is not available: {exc}")
    return CostResult.of(Outcome.DONE, "The actual cost is read.", check=check)


def cutover_report(store: Store) -> ReportResult:
    """The whole cutover as Markdown (steps, gates, decisions with their authors, the cost check)."""
    from workbench.cutover.report import cutover_report_markdown
    from workbench.store import StoreError

    try:
        if _state(store) is None:
            return ReportResult.of(Outcome.REFUSED, "Nothing to export yet: there is no cutover in this session.")
        return ReportResult.of(Outcome.DONE, "The cutover report.", markdown=cutover_report_markdown(store))
    except StoreError as exc:
        return ReportResult.of(Outcome.FAILED, str(exc))


__all__ = ["COST_DAYS", "NO_PLAN", "CostResult", "DecisionResult", "PlanRecorded", "ProposalResult",
           "ReportResult", "SetupResult", "StepsResult", "apply_decision", "check_actual_cost", "cutover_report",
           "discover_cutover", "edit_steps", "propose_decision", "record_cutover_plan", "steps_base"]
