"""Pairing with Pilot: a save that meets a partner's newer version merges by field; a field both changed opens
the conflict dialog with base / theirs / mine; taking mine keeps the partner's other fields and tells them."""

from __future__ import annotations

from textual.widgets import Input, Static

from screens.dialogs import ConflictDialog
from screens.doc_form import DocumentForm
from tests.ui.conftest import wait_for


def _dialog_text(screen) -> str:
    return "\n".join(str(s.render()) for s in screen.query(Static))


async def _open_rates_and_type(pilot, app, field: str, value: str) -> None:
    await pilot.press("2", "r")
    assert isinstance(app.screen, DocumentForm)
    app.screen.query_one(f"#field-{field}", Input).value = value
    await pilot.pause()


async def test_a_field_only_i_changed_merges_over_the_partners_change(make_app, tmp_path):
    from workbench.models import CostSettings

    path = tmp_path / "s.sqlite"
    app = make_app(path, author="alice")
    bob = make_app(path, author="bob")
    async with app.run_test(size=(100, 40)) as pilot:
        await _open_rates_and_type(pilot, app, "compute_sp_1yr_pct", "40")  # alice's edit starts: no settings
        bob.store.put(CostSettings(free_tier=True), expected_version=None, summary="bob: free tier on")
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, DocumentForm))
        assert not isinstance(app.screen, ConflictDialog)  # created meanwhile, but different fields: merged
        stored = app.store.get(CostSettings).doc
        assert stored.compute_sp_1yr_pct == 40 and stored.free_tier is True  # bob's change stands


async def test_a_field_both_changed_shows_base_theirs_mine_and_taking_mine_tells_the_partner(make_app, tmp_path):
    from workbench.models import CostSettings

    path = tmp_path / "s.sqlite"
    app = make_app(path, author="alice")
    partner = make_app(path, author="bob")
    partner.store.put(CostSettings(lambda_compute_sp_pct=10), expected_version=None, summary="bob: 10%")
    async with app.run_test(size=(80, 24)) as pilot, partner.run_test(size=(80, 24)) as partner_pilot:
        await _open_rates_and_type(pilot, app, "lambda_compute_sp_pct", "12")  # alice starts from v1
        current = partner.store.get(CostSettings)
        partner.store.put(current.doc.model_copy(update={"lambda_compute_sp_pct": 17.0, "free_tier": True}),
                          expected_version=current.version, summary="bob: 17% and free tier")
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ConflictDialog))
        dialog = app.screen
        assert [(c.name, c.base, c.theirs, c.mine) for c in dialog.fields] == [
            ("lambda_compute_sp_pct", 10.0, 17.0, 12.0)]
        text = _dialog_text(dialog)
        # named as the cost-settings form names it, its meaning beside it (it said lambda_compute_sp_pct)
        assert "Lambda Compute SP  Compute Savings Plan discount on Lambda duration" in text
        assert "lambda_compute_sp_pct" not in text
        assert "base    10.0" in text and "theirs  17.0" in text and "mine    12.0" in text
        assert "(bob, v2)" in text
        assert "take mine for this field" in text and "keep theirs" in text
        assert partner.store.get(CostSettings).doc.lambda_compute_sp_pct == 17.0  # nothing written yet

        await pilot.press("m")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ConflictDialog))
        stored = app.store.get(CostSettings)
        assert stored.doc.lambda_compute_sp_pct == 12.0
        assert stored.doc.free_tier is True  # bob's other change was not reverted
        assert stored.version == 3
        # bob is told in his terminal (through the feed) and the audit log says so
        assert await wait_for(partner_pilot, lambda: any(
            "alice replaced bob's value" in n.message and "Lambda Compute SP: 17.0 → 12.0" in n.message
            for n in partner._notifications))
        assert not any("lambda_compute_sp_pct" in n.message for n in partner._notifications)
        log = app.store.export_markdown()
        assert "alice replaced bob's value" in log and "Lambda Compute SP: 17.0 → 12.0" in log
        assert "cost: Lambda Compute SP: 10.0 → 12.0 (took mine for Lambda Compute SP)" in log  # alice's edit
        assert "lambda_compute_sp_pct" not in log


async def test_keeping_theirs_saves_nothing_of_mine_for_that_field(make_app, tmp_path):
    from workbench.models import CostSettings

    path = tmp_path / "s.sqlite"
    app = make_app(path, author="alice")
    bob = make_app(path, author="bob")
    bob.store.put(CostSettings(lambda_compute_sp_pct=10), expected_version=None, summary="bob: 10%")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_rates_and_type(pilot, app, "lambda_compute_sp_pct", "12")
        current = bob.store.get(CostSettings)
        bob.store.put(current.doc.model_copy(update={"lambda_compute_sp_pct": 17.0}),
                      expected_version=current.version, summary="bob: 17%")
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ConflictDialog))
        await pilot.press("t")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ConflictDialog))
        stored = app.store.get(CostSettings)
        assert stored.doc.lambda_compute_sp_pct == 17.0 and stored.version == 2
        assert not [c for c in app.store.changes() if c.kind == "replaced"]


async def test_a_save_the_partner_already_made_writes_nothing_and_says_so(make_app, tmp_path):
    from workbench.models import CostSettings

    path = tmp_path / "s.sqlite"
    app = make_app(path, author="alice")
    bob = make_app(path, author="bob")
    bob.store.put(CostSettings(), expected_version=None, summary="bob: created")
    async with app.run_test(size=(80, 24)) as pilot:
        bob.store.put(CostSettings(free_tier=True), expected_version=1, summary="bob: free tier")
        before = app.store.high_water()
        assert app.save(CostSettings(free_tier=True), expected_version=1, summary="alice: free tier",
                        what="The cost settings")
        assert app.store.high_water() == before and app.store.get(CostSettings).author == "bob"
        assert await wait_for(pilot, lambda: any("nothing new to save; bob's v2 already has your changes" in n.message
                                                 for n in app._notifications))


async def test_the_choices_stay_on_screen_at_80x24_with_many_fields(make_app, tmp_path):
    from workbench.store.merge import UNKNOWN, FieldConflict

    app = make_app(tmp_path / "s.sqlite")
    fields = [FieldConflict(("decision",), UNKNOWN, "accepted-risk", "wont-fix"),
              FieldConflict(("note",), UNKNOWN, "only written at deploy time, never while serving a request",
                            "not worth the refactor before the cutover, revisit after")]
    fields += [FieldConflict((f"f{i}",), i, i + 1, i + 2) for i in range(20)]
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ConflictDialog("The decision on LMI101 src/app.py:12:4", "bob", 3, None, fields=fields))
        await pilot.pause()
        dialog = app.screen
        box = dialog.query_one(".dialog").content_region
        choices = dialog.query_one(".dialog-choices").region
        assert box.y <= choices.y and choices.bottom <= box.bottom <= 24
        assert "… and 10 more" in _dialog_text(dialog)
        await pilot.press("escape")
        assert not isinstance(app.screen, ConflictDialog)


async def test_a_decision_made_while_the_partner_types_their_note_is_a_conflict_not_replaced(make_app, tmp_path):
    """alice's "accepted risk" lands while bob types his note for "won't fix" on the same finding."""
    from screens.dialogs import TextPrompt
    from tests.ui.test_findings_pane import _project, _scanned
    from workbench.models import ReviewDecision
    from workbench.readiness.findings import decide

    path = tmp_path / "s.sqlite"
    app = make_app(path, author="bob")
    alice = make_app(path, author="alice")
    async with app.run_test(size=(100, 30)) as pilot:
        await _scanned(app, pilot, _project(tmp_path))
        finding = app.query_one("#pane-findings").highlighted()
        await pilot.press("W")  # bob: won't fix — the prompt for his note opens
        assert isinstance(app.screen, TextPrompt)
        decide(alice.store, finding, "accepted-risk", "only written at deploy time")
        await pilot.press(*"not worth it", "enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ConflictDialog))
        names = {c.name: c for c in app.screen.fields}
        assert (names["decision"].theirs, names["decision"].mine) == ("accepted-risk", "wont-fix")
        assert "theirs  accepted-risk" in _dialog_text(app.screen) and "mine    wont-fix" in _dialog_text(app.screen)
        stored = app.store.get(ReviewDecision, finding.fingerprint)
        assert stored.doc.decision.value == "accepted-risk" and stored.doc.author == "alice"  # not replaced
        await pilot.press("m")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ConflictDialog))
        stored = app.store.get(ReviewDecision, finding.fingerprint)
        assert (stored.doc.decision.value, stored.doc.note, stored.doc.author) == ("wont-fix", "not worth it", "bob")
        told = [c for c in alice.store.changes() if c.kind == "replaced"]
        assert len(told) == 1 and "bob replaced alice's value" in told[0].summary


async def test_a_workload_conflict_names_the_field_as_the_intake_pane_does(make_app, tmp_path):
    """Issue 13 (messages use the labels on screen): the dialog said baseline_concurrent_executions beside a
    pane that says "Baseline concurrent executions"."""
    from workbench.models import Workload

    path = tmp_path / "s.sqlite"
    app = make_app(path, author="alice", demo=True)
    bob = make_app(path, author="bob")
    async with app.run_test(size=(80, 24)) as pilot:
        stored = app.store.get(Workload)
        theirs = stored.doc.model_copy(update={"baseline_concurrent_executions": 20})
        bob.store.put(theirs, expected_version=stored.version, summary="bob: baseline 20")
        mine = stored.doc.model_copy(update={"baseline_concurrent_executions": 18})
        app.save(mine, expected_version=stored.version, summary="alice: baseline 18", what="The workload")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ConflictDialog)
                              and app.screen.query(".conflict-field"))
        text = _dialog_text(app.screen)
        assert "Baseline concurrent executions" in text and "baseline_concurrent_executions" not in text
        assert "base    16" in text and "theirs  20" in text and "mine    18" in text


def test_the_replaced_notice_names_fields_as_the_screens_do():
    """The notice and the audit log entry are one text, written by the store with the labels on screen (the
    notice used to be renamed in the App for the workload only, and the audit log kept the field names)."""
    from workbench.store.merge import FieldConflict
    from workbench.store.sqlite_store import replaced_text

    shown = replaced_text("bob", ("alice",), "workload", "default",
                          [FieldConflict(path=("baseline_concurrent_executions",), base=16, theirs=20, mine=18),
                           FieldConflict(path=("memory_mb",), base=1024, theirs=2048, mine=4096),
                           FieldConflict(path=("tmp_use_mb_per_invocation",), base=1, theirs=2, mine=3)])
    assert "Baseline concurrent executions: 20 → 18; Memory (MB): 2048 → 4096" in shown
    assert "/tmp use per invocation (MB): 2 → 3" in shown  # its title, as the Intake table shows it
    assert "baseline_concurrent_executions" not in shown and "memory_mb" not in shown
    assert shown.startswith("bob replaced alice's value in the workload — ")
    costs = replaced_text("bob", ("alice",), "cost-settings", "default",
                          [FieldConflict(path=("lambda_compute_sp_pct",), base=None, theirs=10, mine=12)])
    assert costs.endswith("— Lambda Compute SP: 10 → 12")
    unknown = replaced_text("bob", ("alice",), "from-a-newer-release", "default",
                            [FieldConflict(path=("some_field",), base=None, theirs=1, mine=2)])
    assert unknown.endswith("— some_field: 1 → 2")  # a kind this release does not know keeps the name
