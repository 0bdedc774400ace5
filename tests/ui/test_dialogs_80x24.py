"""Every dialog shows its answer line at 80x24, however long its question (issue 13: the cutover confirmation's
y/n line was below the bottom of the screen)."""

from __future__ import annotations

from textual.widgets import Static

from screens.cutover_dialogs import ProposalDialog
from screens.dialogs import ConfirmDialog
from tests.ui.conftest import showing, wait_for


def _drawn(app, selector: str) -> bool:
    """The dialog's line is laid out inside the screen and drawn there: what the assertions below check, as a
    condition to wait for (the layout comes after the dialog is pushed, later on a loaded machine)."""
    try:
        line = app.screen.query_one(selector, Static)
        region = line.region
        return (region.height >= 1 and region.y >= 0 and region.bottom <= app.size.height
                and region.right <= app.size.width and app.screen.get_widget_at(region.x + 1, region.y)[0] is line)
    except Exception:  # not mounted yet, or nothing drawn at that point yet
        return False


def _answer_line_is_on_screen(app) -> str:
    choices = app.screen.query_one(".dialog-choices", Static)
    region = choices.region
    assert region.height >= 1 and region.bottom <= app.size.height, region
    widget, _ = app.screen.get_widget_at(region.x + 1, region.y)
    assert widget is choices  # drawn there, not covered by the question's text
    return str(choices.render())


async def test_the_cutover_confirmation_shows_y_and_n(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        assert await wait_for(pilot, lambda: app.query("#pane-monitor"))
        await pilot.pause(0.3)
        await pilot.press("f")
        assert await wait_for(pilot, lambda: showing(app, ProposalDialog))
        await wait_for(pilot, lambda: _drawn(app, ".dialog-choices"))
        line = _answer_line_is_on_screen(app)
        assert "y" in line and "Esc" in line
        for _ in range(40):  # the long body scrolls under it, to its last line
            await pilot.press("j")
        assert app.screen.query_one("#proposal-body").scroll_y > 0
        _answer_line_is_on_screen(app)


async def test_a_confirmation_with_a_long_detail_shows_y_and_n(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        detail = "\n".join(f"line {n}: a file that would be replaced" for n in range(60))
        app.push_screen(ConfirmDialog("Replace these files?", detail))
        assert await wait_for(pilot, lambda: showing(app, ConfirmDialog))
        await wait_for(pilot, lambda: _drawn(app, ".dialog-choices"))
        assert "y" in _answer_line_is_on_screen(app)


def _line_is_on_screen(app, selector: str) -> str:
    """The dialog's answer or hint line is inside the 80x24 screen and drawn (not covered)."""
    line = app.screen.query_one(selector, Static)
    region = line.region
    assert region.height >= 1 and region.y >= 0 and region.bottom <= app.size.height, region
    assert region.right <= app.size.width, region
    widget, _ = app.screen.get_widget_at(region.x + 1, region.y)
    assert widget is line
    return str(line.render())


async def test_the_conflict_dialog_with_many_long_fields_shows_its_choices(make_app, tmp_path):
    from screens.dialogs import ConflictDialog
    from workbench.store.merge import FieldConflict

    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        fields = [FieldConflict(path=(f"field_{n}",), base="b" * 90, theirs="t" * 90, mine="m" * 90)
                  for n in range(14)]
        app.push_screen(ConflictDialog("The workload", "bob", 7, 5, fields=fields,
                                       invalid="Your merged version would not validate: " + "x" * 200,
                                       labels={f"field_{n}": "what the field means " * 5 for n in range(14)}))
        assert await wait_for(pilot, lambda: showing(app, ConflictDialog))
        await wait_for(pilot, lambda: _drawn(app, ".dialog-choices"))
        line = _line_is_on_screen(app, ".dialog-choices")
        assert "keep theirs" in line and "take mine" in line and "Esc" in line
        first = app.screen.query(".conflict-field").first()
        assert "base" in str(first.render()) and 0 <= first.region.y < 24  # base / theirs / mine is shown


async def test_the_deploy_apply_confirmation_shows_y_and_n(make_app, tmp_path):
    from screens.deploy_dialogs import ApplyPlanDialog
    from workbench.models import DeploymentPlan

    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause(0.3)
        await pilot.press("p")  # the demo plans offline; Esc keeps the plan without code
        assert await wait_for(pilot, lambda: len(app.screen_stack) > 1, attempts=600)
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: app.store.get(DeploymentPlan, "default") is not None, attempts=600)
        plan = app.store.get(DeploymentPlan, "default").doc
        app.push_screen(ApplyPlanDialog(plan, "alice", acting_as="arn:aws:sts::123456789012:assumed-role/x/alice"))
        assert await wait_for(pilot, lambda: showing(app, ApplyPlanDialog))
        await wait_for(pilot, lambda: _drawn(app, ".dialog-choices"))
        line = _line_is_on_screen(app, ".dialog-choices")
        assert "y" in line and "Esc" in line
        for _ in range(60):
            await pilot.press("j")
        _line_is_on_screen(app, ".dialog-choices")


async def test_the_aws_import_screen_and_the_settings_form_show_their_keys(make_app, tmp_path):
    from screens.aws_screens import ImportScreen
    from screens.doc_form import DocumentForm

    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        assert await wait_for(pilot, lambda: showing(app, ImportScreen))
        await wait_for(pilot, lambda: _drawn(app, ".dialog-hint"))
        assert "Enter" in _line_is_on_screen(app, ".dialog-hint")
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: len(app.screen_stack) == 1)
        await pilot.press("2")
        await pilot.pause(0.5)
        await pilot.press("r")
        assert await wait_for(pilot, lambda: showing(app, DocumentForm))
        await wait_for(pilot, lambda: _drawn(app, ".dialog-hint"))
        assert "Esc" in _line_is_on_screen(app, ".dialog-hint")
