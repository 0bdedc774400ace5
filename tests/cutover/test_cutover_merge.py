"""Cutover plans go through the store's field-level merge: a partner's edit of the steps made while mine was
being typed is a conflict (base / theirs / mine), never replaced unseen; a change to another field merges."""

from __future__ import annotations

import pytest

from tests.cutover.test_controller import T0, router_plan
from tests.cutover.test_event_source_mappings import Clock
from workbench.cutover import CutoverController
from workbench.models import CutoverState, CutoverStep
from workbench.store import Store, StoreConflict


def _steps(*pcts: float) -> list[CutoverStep]:
    return [CutoverStep(traffic_pct=p, bake_minutes=5) for p in pcts]


def test_two_partners_editing_the_steps_meet_as_a_conflict_and_a_region_change_merges(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="alice") as alice_store, Store.open(path, author="bob") as bob_store:
        alice = CutoverController(alice_store, author="alice", clock=Clock(T0))
        bob = CutoverController(bob_store, author="bob", clock=Clock(T0))
        alice.start(router_plan())
        opened = alice_store.get(CutoverState)  # alice opens the steps prompt
        bob.edit_steps(_steps(20, 100))
        with pytest.raises(StoreConflict) as caught:
            alice.edit_steps(_steps(10, 30, 100), expected_version=opened.version)
        (field,) = caught.value.fields
        assert field.name == "steps"
        assert [s["traffic_pct"] for s in field.base] == [s.traffic_pct for s in opened.doc.steps]
        assert [s["traffic_pct"] for s in field.theirs] == [20, 100]
        assert [s["traffic_pct"] for s in field.mine] == [10, 30, 100]
        assert [s.traffic_pct for s in alice_store.get(CutoverState).doc.steps] == [20, 100]  # bob's stands

        opened = alice_store.get(CutoverState)
        current = bob_store.get(CutoverState)
        bob_store.put(current.doc.model_copy(update={"region": "eu-west-1"}), expected_version=current.version,
                      summary="bob: region")
        edited = alice.edit_steps(_steps(10, 30, 100), expected_version=opened.version)
        assert [s.traffic_pct for s in edited.steps] == [10, 30, 100] and edited.region == "eu-west-1"
