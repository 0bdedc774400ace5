"""The Findings pane with Pilot: scanning, browsing, filtering, decisions, applying and undoing patches."""

from __future__ import annotations

import shutil

from textual.widgets import DataTable, Input

from screens.dialogs import ConfirmDialog, TextPrompt
from tests.ui.conftest import showing, wait_for


def _project(tmp_path):
    from workbench.demo import sample_project_path

    target = tmp_path / "project"
    shutil.copytree(sample_project_path(), target)
    return target


async def _scanned(app, pilot, project):
    from workbench.models import Finding

    from workbench.models.findings import ReadinessSummary

    await pilot.press("3")
    app.scan_project(project)
    assert await wait_for(pilot, lambda: app.store.get(ReadinessSummary) is not None
                          and all(w.is_finished for w in app.workers), attempts=600)
    assert len(app.store.list(Finding)) > 0
    table = app.query_one("#findings-table", DataTable)
    assert await wait_for(pilot, lambda: table.row_count > 0)
    return table


def _detail(app) -> str:
    """The detail pane's text as it is drawn."""
    import io

    from rich.console import Console

    content = app.query_one("#findings-detail-body").content
    if isinstance(content, str):
        return content
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(content)
    return console.file.getvalue()


def _select(app, table, predicate):
    pane = app.query_one("#pane-findings")
    for row in range(table.row_count):
        table.move_cursor(row=row)
        if predicate(pane.highlighted()):
            return pane.highlighted()
    raise AssertionError("no finding matches")


async def test_scan_lists_findings_and_explains_the_highlighted_one(make_app, tmp_path):
    project = _project(tmp_path)
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        table = await _scanned(app, pilot, project)
        finding = app.query_one("#pane-findings").highlighted()
        detail = str(app.query_one("#findings-detail-body").render())
        assert finding.rule in detail or finding is not None
        assert table.row_count == len(app.query_one("#pane-findings")._visible())


async def test_filter_narrows_the_list_and_esc_clears_it(make_app, tmp_path):
    project = _project(tmp_path)
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(100, 30)) as pilot:
        table = await _scanned(app, pilot, project)
        everything = table.row_count
        await pilot.press("slash")
        search = app.query_one("#findings-filter", Input)
        assert search.has_focus
        await pilot.press(*"webhook", "enter")
        assert 0 < table.row_count < everything
        pane = app.query_one("#pane-findings")
        assert all("webhook" in f"{f.path} {f.message}".lower() for f in pane._visible())
        await pilot.press("slash", "escape")
        assert table.row_count == everything


async def test_a_decision_with_a_note_reaches_the_partner(make_app, tmp_path):
    from workbench.models import ReviewDecision

    project = _project(tmp_path)
    path = tmp_path / "s.sqlite"
    app = make_app(path, author="alice")
    partner = make_app(path, author="bob")
    async with app.run_test(size=(100, 30)) as pilot, partner.run_test(size=(100, 30)) as other:
        await _scanned(app, pilot, project)
        await other.press("3")
        finding = app.query_one("#pane-findings").highlighted()
        await pilot.press("A")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"only at deploy time", "enter")
        stored = app.store.get(ReviewDecision, finding.fingerprint)
        assert stored.doc.decision.value == "accepted-risk" and stored.doc.author == "alice"
        assert stored.doc.note == "only at deploy time"
        table = partner.query_one("#findings-table", DataTable)
        assert await wait_for(other, lambda: table.row_count > 0 and any(
            "accepted risk" in str(table.get_row_at(i)) for i in range(table.row_count)))
        assert any(c.author == "alice" and c.kind == "decision" for c in partner.store.changes())


async def test_apply_patch_changes_the_file_and_undo_restores_it(make_app, tmp_path):
    from workbench.models.findings import PatchRecord

    project = _project(tmp_path)
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(100, 30)) as pilot:
        table = await _scanned(app, pilot, project)
        finding = _select(app, table, lambda f: f.fix is not None)
        target = project / finding.path
        before = target.read_bytes()
        await pilot.press("a")
        assert target.read_bytes() != before
        assert len(app.store.list(PatchRecord)) == 1
        await pilot.press("u")
        assert await wait_for(pilot, lambda: showing(app, ConfirmDialog))
        await pilot.press("y")
        assert target.read_bytes() == before


async def test_a_file_changed_since_the_scan_is_not_patched(make_app, tmp_path):
    from workbench.models.findings import PatchRecord

    project = _project(tmp_path)
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(100, 30)) as pilot:
        table = await _scanned(app, pilot, project)
        finding = _select(app, table, lambda f: f.fix is not None)
        target = project / finding.path
        target.write_text(target.read_text() + "\n// edited by hand after the scan\n")
        edited = target.read_bytes()
        await pilot.press("a")
        assert target.read_bytes() == edited
        assert app.store.list(PatchRecord) == []
        assert any("rescan" in n.message.lower() or "changed" in n.message.lower() for n in app._notifications)


async def test_readonly_viewer_cannot_apply_or_decide(make_app, tmp_path):
    from workbench.models import ReviewDecision

    project = _project(tmp_path)
    path = tmp_path / "s.sqlite"
    writer = make_app(path)
    async with writer.run_test(size=(100, 30)) as pilot:
        await _scanned(writer, pilot, project)
    viewer = make_app(path, author="viewer", readonly=True)
    async with viewer.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        table = viewer.query_one("#findings-table", DataTable)
        assert await wait_for(pilot, lambda: table.row_count > 0)
        before = {p.read_bytes() for p in project.rglob("*") if p.is_file()}
        await pilot.press("a", "A")
        assert not isinstance(viewer.screen, TextPrompt)
        assert {p.read_bytes() for p in project.rglob("*") if p.is_file()} == before
    assert viewer.store.list(ReviewDecision) == []


async def test_a_patch_left_to_build_on_demand_is_built_when_shown(make_app, tmp_path):
    """The scan leaves Python patches (libcst) to be built on demand: the pane says a fix is available, builds
    it in a worker when the finding is shown, and then shows the patch with its verdict. Showing it changes
    nothing in the review: the store and its audit log get no entry for the build."""
    from workbench.models import Finding

    project = _project(tmp_path)
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(100, 30)) as pilot:
        table = await _scanned(app, pilot, project)
        pending = [s.doc for s in app.store.list(Finding) if s.doc.pending_fix is not None]
        assert pending, "the demo's Python findings have patches to build"
        assert any("fix available" in str(table.get_row_at(i)) for i in range(table.row_count))
        seen = app.store.high_water()
        finding = _select(app, table, lambda f: f.fingerprint == pending[0].fingerprint)
        assert await wait_for(pilot, lambda: _detail(app).startswith(finding.rule))
        assert await wait_for(pilot, lambda: "Proposed patch" in _detail(app), attempts=600)
        built = app.query_one("#pane-findings").highlighted()
        assert built.fix is not None and built.pending_fix is None
        detail = _detail(app)
        assert f"Proposed patch ({built.fix.applicability.value})" in detail and "Fix available" not in detail
        assert app.store.get(Finding, finding.fingerprint).doc.pending_fix is not None
        assert not any("patch built" in c.summary for c in app.store.changes(seen))


async def test_applying_a_patch_not_built_yet_builds_it_but_never_for_a_changed_file(make_app, tmp_path):
    from workbench.models import Finding
    from workbench.models.findings import PatchRecord

    project = _project(tmp_path)
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(100, 30)) as pilot:
        table = await _scanned(app, pilot, project)
        pane = app.query_one("#pane-findings")
        pending = next(s.doc for s in app.store.list(Finding) if s.doc.pending_fix is not None)
        target = project / pending.path
        edited = target.read_text() + "\n# edited by hand after the scan\n"
        target.write_text(edited)
        pane._building[pending.fingerprint] = pending.file_sha256   # as if asked already: apply builds it
        _select(app, table, lambda f: f.fingerprint == pending.fingerprint)
        await pilot.press("a")
        assert await wait_for(pilot, lambda: any("changed since scan" in n.message for n in app._notifications),
                              attempts=600)
        assert target.read_text() == edited and app.store.list(PatchRecord) == []
        target.write_text(edited[: -len("\n# edited by hand after the scan\n")])
        await _scanned(app, pilot, project)
        finding = next(s.doc for s in app.store.list(Finding) if s.doc.fingerprint == pending.fingerprint)
        pane._building[finding.fingerprint] = finding.file_sha256
        _select(app, table, lambda f: f.fingerprint == finding.fingerprint)
        before = target.read_text()
        await pilot.press("a")
        assert await wait_for(pilot, lambda: len(app.store.list(PatchRecord)) == 1, attempts=600)
        assert target.read_text() != before
