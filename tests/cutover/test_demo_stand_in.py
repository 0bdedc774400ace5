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
