"""The cutover flows (workbench.flows.cutover) without Textual: real SQLite and a weighted alias between two LMI
versions on the moto server (UpdateAlias is what moto serves), every operation recorded by a botocore hook."""

from __future__ import annotations

import dataclasses
import threading
from datetime import datetime, timezone

import pytest

from tests.cutover.conftest import REGION, Recorder
from tests.cutover.test_weighted_alias import alias, alias_plan, two_versions
from workbench.aws.session import open_session
from workbench.cutover import discover_sources
from workbench.flows.cutover import (
    NO_PLAN,
    apply_decision,
    check_actual_cost,
    cutover_report,
    discover_cutover,
    edit_steps,
    propose_decision,
    record_cutover_plan,
    steps_base,
)
from workbench.models import CutoverState

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def clock() -> datetime:
    return T0


@pytest.fixture
def session(moto):
    return open_session(moto.settings(REGION), max_attempts=1)


@pytest.fixture
def recorder(session) -> Recorder:
    return Recorder(session)


@pytest.fixture
def planned(moto, session, store, actor):
    two_versions(moto)
    result = record_cutover_plan(store, actor, alias_plan(discover_sources(session, "orders", "prod"),
                                                          old_is_lmi=True), clock=clock)
    assert result.ok, result.message
    return result.state


def test_forward_and_rollback_run_only_the_confirmed_calls(moto, session, recorder, store, actor, planned):
    proposed = propose_decision(store, actor, "forward", clock=clock)
    assert proposed.ok and proposed.proposal is not None
    assert [c.operation for c in proposed.proposal.calls] == ["UpdateAlias"]
    assert recorder.mutating == []                      # proposing calls nothing
    done = apply_decision(store, actor, proposed.proposal, confirmed_by="ana", session=session,
                          acting_as="arn:aws:iam::123456789012:user/ana", clock=clock)
    assert done.ok and done.state is not None and done.state.traffic_on_lmi_pct == 10, done.message
    assert alias(moto)["RoutingConfig"] == {"AdditionalVersionWeights": {"2": 0.1}}
    assert any("confirmed the start calls as arn:aws:iam::123456789012:user/ana" in c.summary
               for c in store.changes(0, kind="cutover"))
    back = propose_decision(store, actor, "rollback", clock=clock)
    undone = apply_decision(store, actor, back.proposal, confirmed_by="ana", session=session, clock=clock)
    assert undone.ok and undone.state.traffic_on_lmi_pct == 0 and alias(moto)["FunctionVersion"] == "1"
    assert recorder.mutating == ["lambda:UpdateAlias"] * 2


def test_confirmation_is_required_and_read_only_refuses(session, recorder, store, actor, planned):
    proposal = propose_decision(store, actor, "forward", clock=clock).proposal
    unconfirmed = apply_decision(store, actor, proposal, confirmed_by="", session=session, clock=clock)
    assert not unconfirmed.ok and "confirmation" in unconfirmed.message
    reader = dataclasses.replace(actor, readonly=True)
    assert not propose_decision(store, reader, "forward").ok
    refused = apply_decision(store, reader, proposal, confirmed_by="ana", session=session, clock=clock)
    assert not refused.ok and "read-only" in refused.message
    assert not edit_steps(store, reader, "10/0, 100/0").ok
    assert recorder.mutating == [] and store.get(CutoverState).doc.decisions == []


def test_without_a_plan_or_a_session_it_says_so(session, recorder, store, actor, moto):
    assert propose_decision(store, actor, "forward").message == NO_PLAN
    assert not edit_steps(store, actor, "10/0, 100/0").ok
    assert not cutover_report(store).ok
    two_versions(moto)
    record_cutover_plan(store, actor, alias_plan(discover_sources(session, "orders", "prod"), old_is_lmi=True),
                        clock=clock)
    proposal = propose_decision(store, actor, "forward", clock=clock).proposal
    planless = apply_decision(store, actor, proposal, confirmed_by="ana", session=None, clock=clock)
    assert not planless.ok and "no AWS session" in planless.message
    wrong = propose_decision(store, actor, "sideways")
    assert not wrong.ok and "sideways" in wrong.message
    assert recorder.mutating == []


def test_a_cancelled_decision_stops_before_its_call_and_is_recorded(moto, session, recorder, store, actor, planned):
    stop = threading.Event()
    stop.set()    # Esc arrived before the first call
    proposal = propose_decision(store, actor, "forward", clock=clock).proposal
    result = apply_decision(store, actor, proposal, confirmed_by="ana", session=session, cancel=stop, clock=clock)
    assert not result.ok and "Stopped by the user" in result.message and "Nothing was changed" in result.message
    assert recorder.mutating == [] and not (alias(moto).get("RoutingConfig") or {}).get("AdditionalVersionWeights")
    state = store.get(CutoverState).doc
    assert state.traffic_on_lmi_pct == 0 and state.decisions[-1].outcome == "failed"


def test_editing_the_steps_meets_a_partners_edit_as_a_conflict(store, actor, planned):
    from workbench.store import Store

    seen = steps_base(store)
    partner = Store.open(store.path, author="bob", session="flows-test")
    try:
        bob = dataclasses.replace(actor, author="bob")
        assert edit_steps(partner, bob, "25/0, 100/0", expected_version=seen, clock=clock).ok
    finally:
        partner.close()
    mine = edit_steps(store, actor, "50/0, 100/0", expected_version=seen, clock=clock)
    assert not mine.ok and mine.conflict is not None and "bob" in mine.message
    assert [s.traffic_pct for s in store.get(CutoverState).doc.steps] == [25, 100]   # bob's edit is kept
    bad = edit_steps(store, actor, "50, 100/0", clock=clock)
    assert not bad.ok and "step 1" in bad.message
    good = edit_steps(store, actor, "20/0, 100/0", clock=clock)
    assert good.ok and [s.traffic_pct for s in good.state.steps] == [20, 100]


def test_report_cost_and_discovery(moto, session, store, actor, planned):
    report = cutover_report(store)
    assert report.ok and "orders" in report.markdown and report.markdown.startswith("#")
    cost = check_actual_cost(store, dataclasses.replace(actor, offline=True), session=session)
    assert cost.ok and cost.check is not None           # offline: nothing read, the check says what it lacks
    found = discover_cutover(store, actor, session_factory=lambda: session, old_function="orders",
                             old_qualifier="prod", new_function="orders", new_version="2", region=REGION)
    assert found.ok and found.setup is not None and found.setup.discovery == "done"
    skipped = discover_cutover(store, actor, session_factory=None, old_function="orders", new_function="orders-lmi",
                               region=REGION, skip_reason="offline")
    assert skipped.ok and skipped.setup.discovery == "skipped"
    proposal = propose_decision(store, actor, "forward", clock=clock).proposal
    assert apply_decision(store, actor, proposal, confirmed_by="ana", session=session, clock=clock).ok
    under_way = record_cutover_plan(store, actor, planned, clock=clock)   # a second plan while this one runs
    assert not under_way.ok and "under way" in under_way.message
