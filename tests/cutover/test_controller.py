"""The controller's rules: gates propose a rollback (never apply it), forward is held back by a failed gate or
an unfinished bake unless forced with a reason, and nothing mutating is called without a confirmation, on a
read-only store, from a stale proposal, or without an AWS session. Failed calls are recorded honestly."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.aws._faults import FaultProxy, Seen, access_denied
from tests.cutover.conftest import REGION, lmi_function
from tests.cutover.test_event_source_mappings import Clock, queue_with_mapping, target_of
from workbench.cutover import (
    CutoverCallFailed,
    CutoverController,
    CutoverError,
    CutoverRefused,
    Decision,
    cutover_source,
    discover_sources,
)
from workbench.models import CutoverSource, CutoverState, CutoverStep, GateResult, ShiftMechanism, default_gates
from workbench.aws.session import open_session
from workbench.store import Store

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def router_plan(**changes) -> CutoverState:
    return CutoverState(old_function_name="orders", new_function_name="orders-lmi", new_alias="live",
                        mechanism=ShiftMechanism.ROUTER, **changes)


def evaluated(step: int, at: datetime, **observed: float) -> list[GateResult]:
    gates = []
    for gate in default_gates(step):
        value = observed.get(gate.name.replace("-", "_"))
        if value is None:
            continue
        passed = not gate.breached(value)
        gates.append(gate.model_copy(update={"observed": value, "passed": passed, "evaluated_at": at}))
    return gates


@pytest.fixture
def clock():
    return Clock(T0)


@pytest.fixture
def esm_setup(moto, session, store, clock):
    moto.create_function("orders")
    lmi_function(moto)
    _, uuid = queue_with_mapping(moto, "orders-q")
    state = CutoverState(old_function_name="orders", new_function_name="orders-lmi", new_alias="live",
                         region=REGION, mechanism=ShiftMechanism.EVENT_SOURCE_MAPPING,
                         steps=[CutoverStep(traffic_pct=100, bake_minutes=60)],
                         source=cutover_source(ShiftMechanism.EVENT_SOURCE_MAPPING,
                                               discover_sources(session, "orders"), region=REGION))
    ctl = CutoverController(store, author="alice", session=session, clock=clock)
    ctl.start(state)
    return ctl, uuid


# --- gates -----------------------------------------------------------------------------------------------------

def test_a_failed_gate_proposes_a_rollback_and_holds_forward_back(store, clock):
    ctl = CutoverController(store, author="alice", clock=clock)
    ctl.start(router_plan())
    ctl.apply(ctl.propose(Decision.FORWARD), confirmed_by="alice")
    clock.at = T0 + timedelta(minutes=40)
    assert ctl.record_gates(evaluated(0, clock.at, throttle_rate=0.2, cpu_high=50)) is None
    proposal = ctl.record_gates(evaluated(0, clock.at, throttle_rate=1.4, cpu_high=50))
    assert proposal is not None and proposal.decision is Decision.ROLLBACK
    assert proposal.reason.startswith("gate throttle-rate failed: 1.4% > 1%")
    assert "raise MinExecutionEnvironments" in proposal.reason
    assert ctl.state().status.value == "baking"  # proposed, not applied
    forward = ctl.propose(Decision.FORWARD)
    assert forward.blockers == ("gate throttle-rate failed: 1.4% > 1%",)
    with pytest.raises(CutoverRefused, match="held back: gate throttle-rate failed"):
        ctl.apply(forward, confirmed_by="alice")
    with pytest.raises(CutoverRefused, match="held back"):
        ctl.apply(forward, confirmed_by="alice", force=True)  # force needs a reason
    state = ctl.apply(forward, confirmed_by="carol", force=True, force_reason="spike was a load test")
    assert state.current_step == 1
    assert state.decisions[-1].forced and state.decisions[-1].force_reason == "spike was a load test"
    events = [c.summary for c in store.changes(kind="cutover") if c.op == "event"]
    assert any("FORCED: spike was a load test" in e for e in events)
    assert any("step 1 throttle-rate failed: 1.4% > 1%" in e for e in events)


def test_unchanged_gate_outcomes_are_not_written_again(store, clock):
    ctl = CutoverController(store, author="alice", clock=clock)
    ctl.start(router_plan())
    ctl.apply(ctl.propose(Decision.START), confirmed_by="alice")
    ctl.record_gates(evaluated(0, T0, throttle_rate=0.1))
    before = store.high_water()
    ctl.record_gates(evaluated(0, T0 + timedelta(minutes=1), throttle_rate=0.3))
    assert store.high_water() == before
    ctl.record_gates(evaluated(0, T0 + timedelta(minutes=2), throttle_rate=3))
    assert store.high_water() > before
    gate = ctl.state().gates_for(0)[0]
    assert (gate.observed, gate.passed) == (3, False)


def test_gates_for_a_step_that_does_not_exist_are_refused(store):
    ctl = CutoverController(store, author="alice")
    ctl.start(router_plan())
    with pytest.raises(CutoverError, match="after the last one"):
        ctl.record_gates(evaluated(5, T0, throttle_rate=0.1))


def test_forward_waits_for_the_bake_time(store, clock):
    ctl = CutoverController(store, author="alice", clock=clock)
    ctl.start(router_plan())
    ctl.apply(ctl.propose(Decision.START), confirmed_by="alice")
    clock.at = T0 + timedelta(minutes=10)
    assert ctl.bake_remaining() == timedelta(minutes=20)
    with pytest.raises(CutoverRefused, match="20 min of its 30 min bake time left"):
        ctl.apply(ctl.propose(Decision.FORWARD), confirmed_by="alice")
    clock.at = T0 + timedelta(minutes=30)
    assert ctl.bake_remaining() == timedelta(0)
    assert ctl.apply(ctl.propose(Decision.FORWARD), confirmed_by="alice").current_step == 1


# --- refusals: nothing mutating is called ----------------------------------------------------------------------

def test_no_mutating_call_without_confirmation(esm_setup, recorder, moto):
    ctl, uuid = esm_setup
    proposal = ctl.propose(Decision.START)
    assert proposal.calls and proposal.calls[0].operation == "UpdateEventSourceMapping"
    recorder.clear()
    for who in ("", "   "):
        with pytest.raises(CutoverRefused, match="needs a confirmation"):
            ctl.apply(proposal, confirmed_by=who)
    assert recorder.operations == []
    assert target_of(moto, uuid).endswith(":function:orders")
    assert ctl.state().decisions == []


def test_no_mutating_call_from_a_read_only_store(esm_setup, recorder, session, store, clock):
    _, _ = esm_setup
    viewer_store = Store.open(store.path, author="bob", readonly=True)
    try:
        viewer = CutoverController(viewer_store, author="bob", session=session, clock=clock)
        proposal = viewer.propose(Decision.START)
        recorder.clear()
        with pytest.raises(CutoverRefused, match="read-only"):
            viewer.apply(proposal, confirmed_by="bob")
        assert recorder.operations == []
        # a viewer still sees a failed gate's rollback advice, but nothing is stored
        before = store.high_water()
        assert viewer.record_gates(evaluated(0, T0, throttle_rate=0.1)) is None
        assert store.high_water() == before
    finally:
        viewer_store.close()


def test_a_viewer_sees_the_rollback_advice_but_stores_nothing(store, clock):
    ctl = CutoverController(store, author="alice", clock=clock)
    ctl.start(router_plan())
    ctl.apply(ctl.propose(Decision.START), confirmed_by="alice")
    viewer_store = Store.open(store.path, author="bob", readonly=True)
    try:
        before = store.high_water()
        proposal = CutoverController(viewer_store, author="bob", clock=clock).record_gates(
            evaluated(0, T0 + timedelta(minutes=1), memory_high=95))
        assert proposal is not None and proposal.decision is Decision.ROLLBACK
        assert proposal.reason.startswith("gate memory-high failed: 95% > 90%")
        assert store.high_water() == before and ctl.state().gates == []
    finally:
        viewer_store.close()


def test_no_mutating_call_from_a_stale_proposal(esm_setup, recorder, session, store, clock):
    ctl, _ = esm_setup
    stale = ctl.propose(Decision.START)
    partner_store = Store.open(store.path, author="bob")
    try:
        partner = CutoverController(partner_store, author="bob", session=session, clock=clock)
        partner.edit_steps([CutoverStep(traffic_pct=100, bake_minutes=15)])
    finally:
        partner_store.close()
    recorder.clear()
    with pytest.raises(CutoverRefused, match="changed since this start was proposed"):
        ctl.apply(stale, confirmed_by="alice")
    assert recorder.operations == []


def test_a_partner_cannot_run_the_same_decision_while_the_calls_are_under_way(esm_setup, session, store, clock,
                                                                            recorder):
    ctl, _ = esm_setup
    partner_store = Store.open(store.path, author="bob")
    partner = CutoverController(partner_store, author="bob", clock=clock)
    theirs = partner.propose(Decision.START)  # the same proposal, made before alice confirms
    refused: list[Exception] = []

    def partner_confirms_meanwhile(**_):
        if not refused:
            try:
                partner.apply(theirs, confirmed_by="bob")
            except CutoverRefused as exc:
                refused.append(exc)
    session.client("lambda").meta.events.register("before-call.lambda.UpdateEventSourceMapping",
                                                   partner_confirms_meanwhile)
    try:
        recorder.clear()
        state = ctl.apply(ctl.propose(Decision.START), confirmed_by="alice")
    finally:
        partner_store.close()
    assert refused and "changed since this start was proposed" in str(refused[0])
    assert recorder.mutating == ["lambda:UpdateEventSourceMapping"]
    assert [(d.decision, d.outcome) for d in state.decisions] == [("start", "applied")]


def test_plan_only_proposes_the_calls_but_cannot_run_them(esm_setup, store, clock, recorder):
    plan_only = CutoverController(store, author="alice", clock=clock)
    proposal = plan_only.propose(Decision.START)
    assert proposal.boto3_calls[0].startswith("lambda.update_event_source_mapping(")
    with pytest.raises(CutoverRefused, match="no AWS session"):
        plan_only.apply(proposal, confirmed_by="alice")
    assert recorder.mutating == []


def test_proposing_reads_nothing_and_changes_nothing(esm_setup, recorder):
    ctl, _ = esm_setup
    recorder.clear()
    for decision in (Decision.START, Decision.FORWARD):
        ctl.propose(decision)
    with pytest.raises(CutoverError, match="nothing to roll back"):
        ctl.propose(Decision.ROLLBACK)
    assert recorder.operations == []


# --- failures --------------------------------------------------------------------------------------------------
# moto answers an unknown mapping UUID with an empty 200, so AWS's own refusal is injected by the fault proxy of
# tests/aws (AccessDeniedException, as Lambda words it) for the mapping named in the rule.

def denying(uuids: set[str]):
    def rule(seen: Seen, before: int):
        if seen.method == "PUT" and seen.path.rsplit("/", 1)[-1] in uuids:
            return access_denied("lambda:UpdateEventSourceMapping")
        return None
    return rule


def two_mapping_plan(moto, store, clock, endpoint: str):
    moto.create_function("orders")
    lmi_function(moto)
    _, first = queue_with_mapping(moto, "orders-a")
    _, second = queue_with_mapping(moto, "orders-b")
    session = open_session(moto.settings(REGION, endpoint_url=endpoint), max_attempts=1)
    sources = discover_sources(session, "orders")
    state = CutoverState(old_function_name="orders", new_function_name="orders-lmi", new_alias="live",
                         region=REGION, mechanism=ShiftMechanism.EVENT_SOURCE_MAPPING,
                         steps=[CutoverStep(traffic_pct=100, bake_minutes=60)],
                         source=cutover_source(ShiftMechanism.EVENT_SOURCE_MAPPING, sources, region=REGION))
    ctl = CutoverController(store, author="alice", session=session, clock=clock)
    return ctl, ctl.start(state).source.esm_uuids


def test_a_failed_call_leaves_the_position_and_records_the_error(moto, store, clock):
    uuids: set[str] = set()
    with FaultProxy(moto.endpoint, denying(uuids)) as proxy:
        ctl, order = two_mapping_plan(moto, store, clock, proxy.endpoint)
        uuids.add(order[0])
        with pytest.raises(CutoverCallFailed, match="Nothing was changed") as failed:
            ctl.apply(ctl.propose(Decision.START), confirmed_by="alice")
    assert failed.value.problem.kind.value == "denied"
    after = ctl.state()
    assert (after.status.value, after.current_step, after.source.esm_switched) == ("planned", None, [])
    assert after.decisions[-1].outcome == "failed"
    assert [c.status for c in after.decisions[-1].calls] == ["failed", "not-run"]
    assert all(target_of(moto, u).endswith(":function:orders") for u in order)
    events = [c.summary for c in store.changes(kind="cutover") if c.op == "event"]
    assert any(e.startswith("FAILED lambda.update_event_source_mapping") and "Not permitted" in e for e in events)
    with pytest.raises(CutoverError, match="nothing to roll back"):
        ctl.propose(Decision.ROLLBACK)


def test_a_partial_failure_says_what_ran_and_rollback_undoes_it(moto, store, clock):
    uuids: set[str] = set()
    with FaultProxy(moto.endpoint, denying(uuids)) as proxy:
        ctl, order = two_mapping_plan(moto, store, clock, proxy.endpoint)
        uuids.add(order[1])
        with pytest.raises(CutoverCallFailed) as failed:
            ctl.apply(ctl.propose(Decision.START), confirmed_by="alice")
        message = str(failed.value)
        assert "partly failed" in message and f'UUID="{order[0]}"' in message.split("Ran before it:")[1]
        after = ctl.state()
        assert after.status.value == "planned" and after.source.esm_switched == [order[0]]
        assert [c.status for c in after.decisions[-1].calls] == ["done", "failed"]
        assert "orders-lmi" in target_of(moto, order[0]) and target_of(moto, order[1]).endswith(":function:orders")
        back = ctl.propose(Decision.ROLLBACK)
        assert [c.parameters["UUID"] for c in back.calls] == [order[0]]
        ctl.apply(back, confirmed_by="alice")
    assert target_of(moto, order[0]).endswith(":function:orders")


# --- hold, edit, complete ---------------------------------------------------------------------------------------

def test_hold_then_edit_the_later_steps(store, clock):
    ctl = CutoverController(store, author="alice", clock=clock)
    ctl.start(router_plan())
    ctl.apply(ctl.propose(Decision.START), confirmed_by="alice")
    with pytest.raises(CutoverError, match="planned or holding"):
        ctl.edit_steps([CutoverStep(traffic_pct=10, bake_minutes=5), CutoverStep(traffic_pct=100, bake_minutes=5)])
    hold = ctl.propose(Decision.HOLD)
    assert hold.calls == [] and hold.new_status.value == "holding"
    ctl.apply(hold, confirmed_by="alice")
    with pytest.raises(CutoverError, match="steps 1–1 have been taken"):
        ctl.edit_steps([CutoverStep(traffic_pct=20, bake_minutes=5), CutoverStep(traffic_pct=100, bake_minutes=5)])
    with pytest.raises(CutoverError, match="steps: .*raise traffic_pct"):
        ctl.edit_steps([CutoverStep(traffic_pct=10, bake_minutes=5), CutoverStep(traffic_pct=5, bake_minutes=5),
                        CutoverStep(traffic_pct=100, bake_minutes=5)])
    edited = ctl.edit_steps([CutoverStep(traffic_pct=10, bake_minutes=5), CutoverStep(traffic_pct=25, bake_minutes=5),
                             CutoverStep(traffic_pct=100, bake_minutes=5)])
    assert [s.traffic_pct for s in edited.steps] == [10, 25, 100] and edited.status.value == "holding"
    clock.at = T0 + timedelta(minutes=6)
    assert ctl.apply(ctl.propose(Decision.FORWARD), confirmed_by="alice").traffic_on_lmi_pct == 25


def test_forward_at_the_last_step_completes(store, clock):
    ctl = CutoverController(store, author="alice", clock=clock)
    ctl.start(router_plan(steps=[CutoverStep(traffic_pct=100, bake_minutes=60)]))
    ctl.apply(ctl.propose(Decision.START), confirmed_by="alice")
    with pytest.raises(CutoverRefused, match="bake time left"):
        ctl.apply(ctl.propose(Decision.FORWARD), confirmed_by="alice")
    clock.at = T0 + timedelta(hours=1)
    complete = ctl.propose(Decision.FORWARD)
    assert complete.decision is Decision.COMPLETE and "decommission orders" in complete.reason
    state = ctl.apply(complete, confirmed_by="alice")
    assert state.status.value == "complete" and state.full_traffic_since == T0
    with pytest.raises(CutoverError, match="complete"):
        ctl.propose(Decision.FORWARD)


def test_a_new_plan_is_refused_while_a_cutover_is_under_way(store):
    ctl = CutoverController(store, author="alice")
    ctl.start(router_plan())
    ctl.apply(ctl.propose(Decision.START), confirmed_by="alice")
    with pytest.raises(CutoverError, match="under way"):
        ctl.start(router_plan())
    with pytest.raises(CutoverError, match="author"):
        CutoverController(store, author=" ")


def test_a_plan_without_source_details_names_the_missing_field(store):
    state = CutoverState(old_function_name="orders", new_function_name="orders-lmi", new_alias="live",
                         mechanism=ShiftMechanism.EVENT_SOURCE_MAPPING, source=CutoverSource())
    with pytest.raises(CutoverError, match="source.esm_uuids"):
        CutoverController(store, author="alice").start(state)
