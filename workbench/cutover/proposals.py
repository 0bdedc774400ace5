"""What the guided cutover can decide and what a decision would do, without running it: the decisions, the
proposal (its exact calls and what holds it back), the gate texts, the bake time left, and the errors the
controller raises. Nothing here calls AWS or writes to the store; :mod:`workbench.cutover.controller` does both.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from workbench.aws.errors import AwsProblem
from workbench.cutover.calls import (
    NOT_STARTED,
    CutoverError,
    PlannedCall,
    current_position,
    esm_share_note,
    forward_calls,
    rollback_calls,
)
from workbench.models.cutover import (
    CutoverDecision,
    CutoverState,
    CutoverStatus,
    GateResult,
    ShiftMechanism,
)

AUDIT_KIND = "cutover"
ACTIVE = (CutoverStatus.SHIFTING, CutoverStatus.BAKING, CutoverStatus.HOLDING)


class Decision(StrEnum):
    START = "start"
    FORWARD = "forward"
    HOLD = "hold"
    ROLLBACK = "rollback"
    COMPLETE = "complete"


class CutoverRefused(CutoverError):
    """apply() would not run: no confirmation, read-only store, stale proposal, failed gate, bake not over."""


class CutoverCallFailed(CutoverError):
    """A call failed; ``decision`` records what ran and what did not, ``state`` is the state as recorded."""

    def __init__(self, message: str, *, decision: CutoverDecision, state: CutoverState,
                 problem: AwsProblem) -> None:
        super().__init__(message)
        self.decision = decision
        self.state = state
        self.problem = problem


@dataclass(frozen=True)
class Proposal:
    """A decision with the calls it would make (shown before they run). ``blockers`` are what apply() will
    refuse without ``force``: a failed gate of the current step, a bake time not over."""

    decision: Decision
    from_step: int | None
    to_step: int | None
    calls: list[PlannedCall]
    reason: str
    new_status: CutoverStatus
    basis: str = ""
    blockers: tuple[str, ...] = field(default_factory=tuple)

    @property
    def boto3_calls(self) -> list[str]:
        return [c.boto3_call for c in self.calls]


def basis_of(state: CutoverState) -> str:
    """What a proposal depends on: the position, the plan, the source and how many decisions were taken."""
    relevant = state.model_dump(mode="json", include={"status", "current_step", "steps", "mechanism", "source",
                                                      "old_function_name", "new_function_name", "new_alias",
                                                      "new_version"})
    relevant["decisions"] = len(state.decisions)
    return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:16]


def _fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return "no data"
    return f"{value:g}{unit if unit == '%' else (' ' + unit if unit else '')}"


def gate_text(gate: GateResult) -> str:
    """'throttle-rate failed: 1.4% > 1%' / 'cpu-high passed: 40% (fails > 80%)' / 'memory-high: no data'."""
    if gate.passed is None:
        return f"{gate.name}: no data"
    if gate.passed:
        return (f"{gate.name} passed: {_fmt_value(gate.observed, gate.unit)} "
                f"(fails {gate.comparison} {_fmt_value(gate.threshold, gate.unit)})")
    return (f"{gate.name} failed: {_fmt_value(gate.observed, gate.unit)} {gate.comparison} "
            f"{_fmt_value(gate.threshold, gate.unit)}")



def bake_left(state: CutoverState, now: datetime) -> timedelta | None:
    if state.status not in ACTIVE or state.current_step is None or state.step_started_at is None:
        return None
    end = state.step_started_at + timedelta(minutes=state.steps[state.current_step].bake_minutes)
    return max(timedelta(0), end - now)


def current_failures(state: CutoverState) -> list[GateResult]:
    """Failed gates of the step in effect, evaluated since it took effect (an earlier attempt's do not count)."""
    at = current_position(state)
    if at is None:
        return []
    since = state.step_started_at
    return [g for g in state.gates_for(at) if g.passed is False
            and (since is None or g.evaluated_at is None or g.evaluated_at >= since)]


def proposal_blockers(state: CutoverState, clock: Callable[[], datetime]) -> tuple[str, ...]:
    """What apply() refuses without ``force``: a failed gate of the step in effect, a bake time not over."""
    blockers = [f"gate {gate_text(g)}" for g in current_failures(state)]
    if state.current_step is not None and state.status not in NOT_STARTED:
        left = bake_left(state, clock())
        if left:
            minutes = int(left.total_seconds() // 60) + (1 if left.total_seconds() % 60 else 0)
            blockers.append(f"step {state.current_step + 1} has {minutes} min of its "
                            f"{state.steps[state.current_step].bake_minutes} min bake time left")
    return tuple(blockers)


def build_proposal(state: CutoverState, decision: Decision, *, reason: str = "",
                   clock: Callable[[], datetime]) -> Proposal:
    """The proposal for ``decision`` from where ``state`` is now (CutoverError when it does not apply).

    FORWARD from a plan (or after a rollback) is START; FORWARD at the last step is COMPLETE.
    """
    decision = Decision(decision)
    basis = basis_of(state)
    at = current_position(state)
    last = len(state.steps) - 1
    target = f"{state.new_function_name}:{state.new_alias or state.new_version or '?'}"
    if decision is Decision.FORWARD and at is None:
        decision = Decision.START
    if decision is Decision.FORWARD and state.status in ACTIVE and at == last:
        decision = Decision.COMPLETE
    if decision is Decision.START:
        if state.status not in NOT_STARTED:
            raise CutoverError(f"The cutover is already {state.status.value}: move forward, hold or roll back.")
        pct = state.steps[0].traffic_pct
        note = esm_share_note(state, 0) if state.mechanism is ShiftMechanism.EVENT_SOURCE_MAPPING else ""
        text = reason or f"start: {pct:g}% of traffic to {target} via {state.mechanism.value}"
        return Proposal(decision, None, 0, forward_calls(state, 0), text + (f" ({note})" if note else ""),
                        CutoverStatus.BAKING, basis)
    if decision is Decision.FORWARD:
        if state.status is CutoverStatus.COMPLETE:
            raise CutoverError("The cutover is complete: there is no further step.")
        assert at is not None
        to = at + 1
        note = esm_share_note(state, to) if state.mechanism is ShiftMechanism.EVENT_SOURCE_MAPPING else ""
        text = reason or (f"step {to + 1} of {last + 1}: {state.steps[at].traffic_pct:g}% → "
                          f"{state.steps[to].traffic_pct:g}% to {target}")
        return Proposal(decision, at, to, forward_calls(state, to), text + (f" ({note})" if note else ""),
                        CutoverStatus.BAKING, basis, proposal_blockers(state, clock))
    if decision is Decision.HOLD:
        if state.status not in (CutoverStatus.SHIFTING, CutoverStatus.BAKING) or at is None:
            raise CutoverError(f"Only a shifting or baking cutover can be held (it is {state.status.value}).")
        text = reason or f"hold at step {at + 1} ({state.steps[at].traffic_pct:g}% on LMI)"
        return Proposal(decision, at, at, [], text, CutoverStatus.HOLDING, basis)
    if decision is Decision.COMPLETE:
        if state.status not in ACTIVE or at != last:
            raise CutoverError(f"The cutover can be completed at its last step (100%), once baked; it is "
                               f"{state.status.value} at {state.traffic_on_lmi_pct:g}%.")
        text = reason or (f"complete: all traffic on {target}; decommission {state.old_function_name} once "
                          "stable")
        return Proposal(decision, at, at, [], text, CutoverStatus.COMPLETE, basis, proposal_blockers(state, clock))
    # ROLLBACK: from any step in effect, or to undo what a partly failed decision left behind
    partial = bool(state.decisions) and state.decisions[-1].outcome in ("partial", "running")
    if at is None and not partial:
        raise CutoverError(f"There is nothing to roll back: no traffic is on LMI ({state.status.value}).")
    failed = current_failures(state)
    text = reason or ("; ".join(f"gate {gate_text(g)}" for g in failed) if failed else
                      f"send all traffic back to {state.old_function_name}")
    return Proposal(Decision.ROLLBACK, at, at, rollback_calls(state), text, CutoverStatus.ROLLED_BACK, basis)


def rollback_on_failed_gates(state: CutoverState, gates: list[GateResult]) -> Proposal | None:
    """A ROLLBACK proposal when one of ``gates`` failed for the step in effect (and a gate of it still fails)."""
    at = current_position(state)
    failed = current_failures(state)
    if at is None or not failed or not any(g.passed is False for g in gates if g.step_index == at):
        return None
    advice = "; ".join(f"{g.name}: {g.advice}" for g in failed if g.advice)
    reason = "; ".join(f"gate {gate_text(g)}" for g in failed) + (f" — or tune: {advice}" if advice else "")
    return Proposal(Decision.ROLLBACK, at, at, rollback_calls(state), reason, CutoverStatus.ROLLED_BACK,
                    basis_of(state))
