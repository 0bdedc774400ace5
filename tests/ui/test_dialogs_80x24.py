"""Every dialog shows its answer line at 80x24, however long its question (issue 13: the cutover confirmation's
y/n line was below the bottom of the screen)."""

from __future__ import annotations

from textual.widgets import Static

from screens.cutover_dialogs import ProposalDialog
from screens.dialogs import ConfirmDialog
from tests.ui.conftest import wait_for


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
        assert await wait_for(pilot, lambda: isinstance(app.screen, ProposalDialog))
        await pilot.pause(0.1)
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
        assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.pause(0.1)
        assert "y" in _answer_line_is_on_screen(app)
