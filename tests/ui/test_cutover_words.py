"""The rollback confirmation names where traffic goes: the old function, not the step it leaves (issue 13: at 100%
it said "→ step 3 (100% on LMI)")."""

from __future__ import annotations

from screens.cutover_dialogs import ProposalDialog
from workbench.cutover import CutoverController, Decision
from workbench.demo import demo_cutover_session, load_demo
from workbench.models import CutoverState
from workbench.models.cutover import CutoverStatus
from workbench.store import Store


def test_rolling_back_from_100_percent_goes_to_the_old_function(tmp_path):
    with Store.open(tmp_path / "s.sqlite", author="alice", session="s") as store:
        load_demo(store)
        stored = store.get(CutoverState)
        last = len(stored.doc.steps) - 1
        store.put(stored.doc.model_copy(update={"current_step": last, "status": CutoverStatus.HOLDING}),
                  expected_version=stored.version)
        controller = CutoverController(store, author="alice", session=demo_cutover_session(store))
        proposal = controller.propose(Decision.ROLLBACK)
        text = ProposalDialog(proposal, store.get(CutoverState).doc, "alice").body_text()
    first = " ".join(text.split("\n", 2)[:2])
    assert f"step {last + 1} (100% on LMI) → the old function only (0% on LMI)" in first, text
    assert "→ step" not in first
