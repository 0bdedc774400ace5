"""Saving a shared document: compare-and-set, merged by field over a partner's newer version, a conflict with
base / theirs / mine only for a field both changed, and the user's choice resolving it."""

from __future__ import annotations

from tests.flows._stores import alice, bob, file_state, store_path  # noqa: F401 - fixtures
from workbench.flows.documents import resolve_conflict, save_document
from workbench.flows.result import Outcome
from workbench.models import CostSettings
from workbench.store import Store


def test_a_new_document_is_saved(alice):
    result = save_document(alice, CostSettings(reserved_pct=30), expected_version=None, summary="cost: set",
                           what="The cost settings")
    assert result.outcome is Outcome.DONE and result.ok
    assert alice.get(CostSettings).doc.reserved_pct == 30


def test_a_partners_change_to_another_field_is_kept_and_mine_goes_on_top(alice, bob):
    save_document(alice, CostSettings(), expected_version=None, summary="start")
    seen = bob.get(CostSettings)
    save_document(alice, seen.doc.model_copy(update={"reserved_pct": 40}), expected_version=seen.version,
                  summary="alice")
    result = save_document(bob, seen.doc.model_copy(update={"lambda_compute_sp_pct": 12}),
                           expected_version=seen.version, summary="bob", what="The cost settings")
    assert result.outcome is Outcome.MERGED
    assert "their other changes were kept" in result.message
    stored = alice.get(CostSettings).doc
    assert (stored.reserved_pct, stored.lambda_compute_sp_pct) == (40, 12)


def test_a_field_both_changed_is_a_conflict_with_base_theirs_and_mine_and_nothing_is_saved(alice, bob):
    save_document(alice, CostSettings(reserved_pct=10), expected_version=None, summary="start")
    seen = bob.get(CostSettings)
    save_document(alice, seen.doc.model_copy(update={"reserved_pct": 40}), expected_version=seen.version,
                  summary="alice")
    before = alice.get(CostSettings)
    result = save_document(bob, seen.doc.model_copy(update={"reserved_pct": 70, "lambda_compute_sp_pct": 5}),
                           expected_version=seen.version, summary="bob", what="The cost settings")
    assert result.outcome is Outcome.CONFLICT and not result.ok
    assert [(f.name, f.base, f.theirs, f.mine) for f in result.fields] == [("reserved_pct", 10, 40, 70)]
    assert result.fields[0].shown() == ("10.0", "40.0", "70.0")
    assert result.partner == "alice" and "Reserved Instances" in result.message  # named as on the form
    assert "reserved_pct" not in result.message and result.fields[0].label == "Reserved Instances"
    # The document is named once, in words ("The cost settings: cost-settings 'default' was changed …" before).
    assert result.message.startswith("alice changed the cost settings (now v2)") and "'default'" not in result.message
    assert alice.get(CostSettings).version == before.version  # nothing written


def test_taking_mine_replaces_their_value_and_tells_them(alice, bob):
    save_document(alice, CostSettings(reserved_pct=10), expected_version=None, summary="start")
    seen = bob.get(CostSettings)
    save_document(alice, seen.doc.model_copy(update={"reserved_pct": 40}), expected_version=seen.version,
                  summary="alice")
    conflict = save_document(bob, seen.doc.model_copy(update={"reserved_pct": 70, "lambda_compute_sp_pct": 5}),
                             expected_version=seen.version, summary="bob", what="The cost settings")
    result = resolve_conflict(bob, conflict, "mine")
    assert result.outcome is Outcome.DONE and "replaced alice's" in result.message
    stored = alice.get(CostSettings).doc
    assert (stored.reserved_pct, stored.lambda_compute_sp_pct) == (70, 5)
    replaced = [c for c in alice.changes() if c.kind == "replaced"]
    assert replaced and "alice" in replaced[-1].summary and "40" in replaced[-1].summary


def test_keeping_theirs_still_saves_my_other_fields(alice, bob):
    save_document(alice, CostSettings(reserved_pct=10), expected_version=None, summary="start")
    seen = bob.get(CostSettings)
    save_document(alice, seen.doc.model_copy(update={"reserved_pct": 40}), expected_version=seen.version,
                  summary="alice")
    conflict = save_document(bob, seen.doc.model_copy(update={"reserved_pct": 70, "lambda_compute_sp_pct": 5}),
                             expected_version=seen.version, summary="bob")
    result = resolve_conflict(bob, conflict, "theirs")
    assert result.outcome is Outcome.DONE
    stored = alice.get(CostSettings).doc
    assert (stored.reserved_pct, stored.lambda_compute_sp_pct) == (40, 5)


def test_cancelling_a_conflict_saves_nothing(alice, bob):
    save_document(alice, CostSettings(reserved_pct=10), expected_version=None, summary="start")
    seen = bob.get(CostSettings)
    save_document(alice, seen.doc.model_copy(update={"reserved_pct": 40}), expected_version=seen.version,
                  summary="alice")
    version = alice.get(CostSettings).version
    conflict = save_document(bob, seen.doc.model_copy(update={"reserved_pct": 70}), expected_version=seen.version,
                             summary="bob")
    result = resolve_conflict(bob, conflict, None)
    assert result.outcome is Outcome.DECLINED
    assert alice.get(CostSettings).version == version and alice.get(CostSettings).doc.reserved_pct == 40


def test_another_change_while_choosing_is_a_new_conflict(alice, bob):
    save_document(alice, CostSettings(reserved_pct=10), expected_version=None, summary="start")
    seen = bob.get(CostSettings)
    save_document(alice, seen.doc.model_copy(update={"reserved_pct": 40}), expected_version=seen.version,
                  summary="alice")
    conflict = save_document(bob, seen.doc.model_copy(update={"reserved_pct": 70}), expected_version=seen.version,
                             summary="bob")
    now = alice.get(CostSettings)
    save_document(alice, now.doc.model_copy(update={"reserved_pct": 55}), expected_version=now.version,
                  summary="alice again")
    again = resolve_conflict(bob, conflict, "mine")
    assert again.outcome is Outcome.CONFLICT and again.fields[0].theirs == 55
    assert alice.get(CostSettings).doc.reserved_pct == 55
    assert resolve_conflict(bob, again, "mine").outcome is Outcome.DONE
    assert alice.get(CostSettings).doc.reserved_pct == 70


def test_a_partner_who_already_made_my_change_leaves_nothing_to_save(alice, bob):
    save_document(alice, CostSettings(), expected_version=None, summary="start")
    seen = bob.get(CostSettings)
    save_document(alice, seen.doc.model_copy(update={"reserved_pct": 40}), expected_version=seen.version,
                  summary="alice")
    result = save_document(bob, seen.doc.model_copy(update={"reserved_pct": 40}), expected_version=seen.version,
                           summary="bob", what="The cost settings")
    assert result.outcome is Outcome.UNCHANGED and "nothing new to save" in result.message


def test_a_read_only_session_refuses_and_leaves_the_file_unchanged(alice, store_path):
    
    save_document(alice, CostSettings(reserved_pct=10), expected_version=None, summary="start")
    alice.close()
    before = file_state(store_path)
    with Store.open(store_path, author="viewer", readonly=True, session="s", announce=False) as viewer:
        seen = viewer.get(CostSettings)
        result = save_document(viewer, seen.doc.model_copy(update={"reserved_pct": 99}),
                               expected_version=seen.version, summary="viewer")
        assert result.outcome is Outcome.REFUSED and "read-only" in result.message
    assert file_state(store_path) == before


def test_an_invalid_merge_is_a_conflict_not_a_crash(alice, bob):
    """Each side valid, together not (a rule across fields): a conflict naming why, nothing written."""
    from workbench.models import Workload

    base = Workload(function_name="orders", region="us-east-1", requests_per_month=1_000_000, memory_mb=1024,
                    duration_avg_ms=100.0, duration_p99_ms=400.0)
    save_document(alice, base, expected_version=None, summary="start")
    seen = bob.get(Workload)
    save_document(alice, seen.doc.model_copy(update={"duration_p99_ms": 150.0}), expected_version=seen.version,
                  summary="alice")
    result = save_document(bob, Workload.model_validate({**seen.doc.model_dump(), "duration_avg_ms": 300.0}),
                           expected_version=seen.version, summary="bob", what="The workload")
    assert result.outcome is Outcome.CONFLICT and "Duration P99 (ms)" in result.conflict.invalid  # as on screen
    assert "duration_p99_ms" not in result.conflict.invalid
    assert [f.name for f in result.fields] == ["duration_avg_ms"]
    assert alice.get(Workload).doc.duration_avg_ms == 100.0
