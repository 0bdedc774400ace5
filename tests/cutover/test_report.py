"""The audit log and the Markdown report of a whole cutover: an SQS mapping on the moto server is switched to
the LMI alias, a gate fails, the proposed rollback is confirmed by someone else; every step, gate result,
decision, author and call is in the audit log, and the report shows them with the cost section and the
decommission reminder."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tests.cutover.conftest import REGION, lmi_function
from tests.cutover.test_controller import Clock, evaluated
from tests.cutover.test_event_source_mappings import queue_with_mapping
from workbench.cutover import (
    CutoverController,
    Decision,
    actual_vs_predicted,
    cutover_report_markdown,
    cutover_source,
    discover_sources,
    record_cost_check,
)
from workbench.models import CutoverState, CutoverStep, ShiftMechanism
from workbench.store import Store

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def run_cutover(moto, session, store):
    moto.create_function("orders")
    lmi_function(moto)
    _, uuid = queue_with_mapping(moto, "orders-q")
    clock = Clock(T0)
    alice = CutoverController(store, author="alice", session=session, clock=clock)
    alice.start(CutoverState(
        old_function_name="orders", new_function_name="orders-lmi", new_alias="live", new_version="1",
        region=REGION, mechanism=ShiftMechanism.EVENT_SOURCE_MAPPING,
        steps=[CutoverStep(traffic_pct=100, bake_minutes=120)],
        source=cutover_source(ShiftMechanism.EVENT_SOURCE_MAPPING, discover_sources(session, "orders"),
                              region=REGION)))
    alice.apply(alice.propose(Decision.START), confirmed_by="alice")
    clock.at = T0 + timedelta(minutes=20)
    proposal = alice.record_gates(evaluated(0, clock.at, throttle_rate=1.4, cpu_high=55))
    partner = Store.open(store.path, author="bob")  # bob's own workbench on the same session
    try:
        CutoverController(partner, author="bob", session=session, clock=clock).apply(proposal, confirmed_by="bob")
    finally:
        partner.close()
    return uuid


def test_the_audit_log_has_every_step_gate_decision_and_author(moto, session, store):
    uuid = run_cutover(moto, session, store)
    events = [(c.author, c.doc_id, c.summary) for c in store.changes(kind="cutover") if c.op == "event"]
    assert [e[0] for e in events] == ["alice"] * 4 + ["bob"] * 2
    subjects = [e[1] for e in events]
    assert subjects == ["plan", "call lambda.UpdateEventSourceMapping", "start — → step 1", "gates step 1",
                        "call lambda.UpdateEventSourceMapping", "rollback at step 1"]
    plan, call, start, gates, back_call, rollback = (e[2] for e in events)
    assert "cutover planned by alice" in plan and "100% (120 min)" in plan
    assert f'lambda.update_event_source_mapping(UUID="{uuid}"' in call and "confirmed by alice" in call
    assert start.startswith("start by alice, confirmed by alice: applied")
    assert "throttle-rate failed: 1.4% > 1%" in gates and "cpu-high passed" in gates
    assert "by bob, confirmed by bob" in back_call
    assert rollback.startswith("rollback by bob, confirmed by bob: applied; gate throttle-rate failed")
    exported = store.export_markdown()  # the review's own audit-log export carries them too
    assert "rollback by bob, confirmed by bob" in exported and "| bob |" in exported


def test_the_markdown_report_for_the_migration_review(moto, session, store):
    uuid = run_cutover(moto, session, store)
    record_cost_check(store, actual_vs_predicted(store, now=T0 + timedelta(hours=1)))
    report = cutover_report_markdown(store)
    assert report.startswith("# Cutover report: orders → orders-lmi:live (version 1)")
    assert "| Status | rolled-back |" in report and "| Mechanism | event-source-mapping |" in report
    assert "| 1 | 100% | 120 min | 2026-11-20 09:00:00 UTC | 1 passed, 1 failed |" in report
    assert ("| 1 | throttle-rate | Throttles / Invocations | > 1 % | 1.4 % | **failed** | 2026-11-20 09:20:00 UTC | "
            "raise MinExecutionEnvironments or lower the CPU target |") in report
    assert "| 2026-11-20 09:00:00 UTC | start | — → 1 | alice | alice | applied |" in report
    assert "| 2026-11-20 09:20:00 UTC | rollback | 1 → 1 | bob | bob | applied | gate throttle-rate failed" in report
    assert f'  - done: `lambda.update_event_source_mapping(UUID="{uuid}", FunctionName=' in report
    assert "## Cost after the cutover" in report and "- Status: not-enough-data" in report
    assert "- Predicted LMI: —/month" in report  # no cost comparison in this session
    assert "## Decommission" in report and "decommission orders" in report
    assert "## Audit log (cutover entries)" in report and "| cost check |" in report


def test_a_report_without_a_cutover(store):
    assert "_No cutover has been planned in this session._" in cutover_report_markdown(store)
