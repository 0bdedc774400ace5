"""The Deploy pane with Pilot: generated files previewed, formats cycled, written without overwriting."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from screens.dialogs import ConfirmDialog
from tests.ui.conftest import wait_for


async def test_generates_previews_and_writes_the_infrastructure(make_app, tmp_path):
    from workbench.models import LmiConfiguration

    app = make_app(tmp_path / "s.sqlite", demo=True)
    target = tmp_path / "infra"
    async with app.run_test(size=(100, 30)) as pilot:
        assert await wait_for(pilot, lambda: app.store.get(LmiConfiguration) is not None)
        await pilot.press("4")
        table = app.query_one("#deploy-files", DataTable)
        assert await wait_for(pilot, lambda: table.row_count > 0)
        names = {str(table.get_row_at(i)[0]) for i in range(table.row_count)}
        assert "lib/stack.ts" in names and "package.json" in names  # CDK TypeScript by default
        pane = app.query_one("#pane-deploy")
        assert "CapacityProvider" in pane.files["lib/stack.ts"]
        await pilot.press("f", "f", "f")
        assert pane.format == "sam" and "template.yaml" in pane.files
        await pilot.press("w")
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: (target / "template.yaml").exists())
        (target / "template.yaml").write_text("mine")
        await pilot.press("w")
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")
        assert (target / "template.yaml").read_text() == "mine"


async def test_empty_session_explains_what_the_pane_needs(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        assert app.query_one("#deploy-empty").display
