"""Event source mappings on the moto server: an SQS queue feeds the old function; a cutover switches the
mapping to the LMI alias (GetEventSourceMapping shows it) and a rollback switches it back. Every mapping moves
whole, so with two mappings the 50% step switches one of them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.cutover.conftest import REGION, lmi_function
from workbench.cutover import (
    CutoverController,
    Decision,
    cutover_source,
    discover_sources,
    forward_calls,
    mechanism_options,
)
from workbench.models import CutoverState, CutoverStep, ShiftMechanism

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def queue_with_mapping(moto, name: str, function: str = "orders") -> tuple[str, str]:
    sqs = moto.client("sqs")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    uuid = moto.client("lambda").create_event_source_mapping(EventSourceArn=arn, FunctionName=function)["UUID"]
    return arn, uuid


def target_of(moto, uuid: str) -> str:
    return moto.client("lambda").get_event_source_mapping(UUID=uuid)["FunctionArn"]


def plan(sources, steps=None) -> CutoverState:
    extra = {"steps": steps} if steps else {}
    return CutoverState(old_function_name="orders", new_function_name="orders-lmi", new_alias="live",
                        new_version="1", region=REGION, mechanism=ShiftMechanism.EVENT_SOURCE_MAPPING,
                        source=cutover_source(ShiftMechanism.EVENT_SOURCE_MAPPING, sources, region=REGION), **extra)


def test_discovery_finds_the_mapping_and_only_reads(moto, session, recorder):
    moto.create_function("orders")
    moto.create_function("billing")
    arn, uuid = queue_with_mapping(moto, "orders-q")
    queue_with_mapping(moto, "billing-q", function="billing")
    sources = discover_sources(session, "orders")
    mappings = [s for s in sources if s.kind == "event-source-mapping"]
    assert [(s.esm_uuids, s.event_source_arn) for s in mappings] == [((uuid,), arn)]
    assert mappings[0].esm_function_arns[0].endswith(":function:orders")
    assert "orders-q" in mappings[0].description
    assert recorder.operations and recorder.mutating == []
    options = {o.mechanism: o for o in mechanism_options(sources, old_is_lmi=False)}
    esm = options[ShiftMechanism.EVENT_SOURCE_MAPPING]
    assert esm.supported and not esm.supports_partial
    assert "all of its records at once" in esm.why and "MaximumConcurrency" in esm.why
    assert options[ShiftMechanism.ROUTER].supported


def test_forward_switches_the_mapping_to_the_lmi_alias_and_rollback_switches_it_back(moto, session, store,
                                                                                      recorder):
    moto.create_function("orders")
    _, alias_arn = lmi_function(moto)
    _, uuid = queue_with_mapping(moto, "orders-q")
    clock = Clock(T0)
    ctl = CutoverController(store, author="alice", session=session, clock=clock)
    ctl.start(plan(discover_sources(session, "orders"),
                   steps=[CutoverStep(traffic_pct=100, bake_minutes=60)]))
    proposal = ctl.propose(Decision.FORWARD)
    assert proposal.decision is Decision.START
    assert proposal.boto3_calls == [f'lambda.update_event_source_mapping(UUID="{uuid}", FunctionName="{alias_arn}")']
    recorder.clear()
    state = ctl.apply(proposal, confirmed_by="alice")
    assert recorder.mutating == ["lambda:UpdateEventSourceMapping"]
    # moto resolves the alias ARN to the version it points at; AWS keeps the alias ARN. Either way: orders-lmi.
    assert target_of(moto, uuid) in (alias_arn, alias_arn.replace(":live", ":1"))
    assert state.source.esm_switched == [uuid] and state.traffic_on_lmi_pct == 100
    assert state.decisions[-1].calls[0].status == "done"

    rollback = ctl.propose(Decision.ROLLBACK)
    assert rollback.boto3_calls == [
        f'lambda.update_event_source_mapping(UUID="{uuid}", FunctionName="arn:aws:lambda:{REGION}:123456789012:'
        'function:orders")']
    clock.at = T0 + timedelta(minutes=5)
    state = ctl.apply(rollback, confirmed_by="bob")
    assert target_of(moto, uuid).endswith(":function:orders")
    assert state.status.value == "rolled-back" and state.source.esm_switched == []
    assert [(d.decision, d.author, d.confirmed_by) for d in state.decisions] == [
        ("start", "alice", "alice"), ("rollback", "alice", "bob")]


def test_two_mappings_move_one_at_a_time(moto, session, store):
    moto.create_function("orders")
    lmi_function(moto)
    _, first = queue_with_mapping(moto, "orders-a")
    _, second = queue_with_mapping(moto, "orders-b")
    sources = discover_sources(session, "orders")
    options = {o.mechanism: o for o in mechanism_options(sources, old_is_lmi=False)}
    assert options[ShiftMechanism.EVENT_SOURCE_MAPPING].supports_partial
    clock = Clock(T0)
    ctl = CutoverController(store, author="alice", session=session, clock=clock)
    state = ctl.start(plan(sources, steps=[CutoverStep(traffic_pct=50, bake_minutes=30),
                                           CutoverStep(traffic_pct=100, bake_minutes=30)]))
    order = state.source.esm_uuids
    assert sorted(order) == sorted([first, second])
    start = ctl.propose(Decision.FORWARD)
    assert [c.parameters["UUID"] for c in start.calls] == [order[0]]
    ctl.apply(start, confirmed_by="alice")
    assert "orders-lmi" in target_of(moto, order[0]) and target_of(moto, order[1]).endswith(":function:orders")
    clock.at = T0 + timedelta(minutes=31)
    step2 = ctl.propose(Decision.FORWARD)
    assert [c.parameters["UUID"] for c in step2.calls] == [order[1]]  # the first is not switched again
    state = ctl.apply(step2, confirmed_by="alice")
    assert all("orders-lmi" in target_of(moto, u) for u in order)
    back = ctl.propose(Decision.ROLLBACK)
    assert sorted(c.parameters["UUID"] for c in back.calls) == sorted(order)
    ctl.apply(back, confirmed_by="alice")
    assert all(target_of(moto, u).endswith(":function:orders") for u in order)


def test_a_single_mapping_says_what_a_ten_percent_step_means(moto, session, store):
    moto.create_function("orders")
    lmi_function(moto)
    queue_with_mapping(moto, "orders-q")
    ctl = CutoverController(store, author="alice", session=session)
    ctl.start(plan(discover_sources(session, "orders")))  # the default 10 → 50 → 100
    proposal = ctl.propose(Decision.FORWARD)
    assert "moves 1 of 1 mapping(s) (100% of the mappings), not exactly 10% of the traffic" in proposal.reason


def test_a_mapping_plan_without_the_lmi_alias_is_refused_by_name(moto, session, store):
    moto.create_function("orders")
    queue_with_mapping(moto, "orders-q")
    state = plan(discover_sources(session, "orders")).model_copy(update={"new_alias": None, "new_version": None})
    with pytest.raises(ValueError, match="new_alias"):
        forward_calls(state, 0)
    with pytest.raises(ValueError, match="new_alias"):
        CutoverController(store, author="alice", session=session).start(state)
    assert CutoverController(store, author="alice").state() is None
