"""The demo's cutover runs through a stand-in that sends nothing to AWS: the audit log must say so, not 'done'."""

from __future__ import annotations

from workbench.cutover import CutoverController, Decision
from workbench.demo import demo_cutover_session, load_demo


def test_the_demo_cutover_records_its_calls_as_simulated(store) -> None:
    load_demo(store)
    stand_in = demo_cutover_session(store)
    assert stand_in is not None
    controller = CutoverController(store, author="alice", session=stand_in)
    proposal = controller.propose(Decision.FORWARD)
    assert proposal.calls, "the demo's first step makes the canary: at least one call is shown"
    controller.apply(proposal, confirmed_by="alice")
    entries = [c.summary for c in store.changes() if c.summary.startswith(("done ", "simulated "))]
    assert entries, "each call made is in the audit log"
    assert all(e.startswith("simulated ") and "nothing was sent to AWS" in e for e in entries), entries
    assert [op for _, op, _ in stand_in.calls] == [c.operation for c in proposal.calls]


def test_the_exported_report_says_simulated_for_what_the_demo_only_simulated(store) -> None:
    from workbench.cutover.report import cutover_report_markdown

    load_demo(store)
    controller = CutoverController(store, author="alice", session=demo_cutover_session(store))
    controller.apply(controller.propose(Decision.FORWARD), confirmed_by="alice")
    report = cutover_report_markdown(store)
    decisions = report.split("## Decisions", 1)[1].split("## Cost", 1)[0]
    rows = [line for line in decisions.splitlines() if line.startswith("| ") and "| start |" in line]
    assert rows and all("| simulated |" in row and "| applied |" not in row for row in rows), rows
    calls = [line for line in decisions.splitlines() if line.startswith("  - ")]
    assert calls and all(line.startswith("  - simulated: `") for line in calls), calls
    assert "nothing was sent to AWS" in decisions
    assert "  - done:" not in decisions
