"""Notifications at 80x24 (issue 13): one at a time, in the message line above the status bar (never over it or
a dialog's buttons); a message too long for three lines opens in a dialog; loading a bad workload file shows the
whole error."""

from __future__ import annotations

from textual.widgets import Input

from screens.chrome import MessageDialog, MessageLine, StatusBar
from screens.dialogs import TextPrompt
from tests.ui.conftest import showing, wait_for


async def test_a_message_sits_above_the_status_bar_and_replaces_the_last(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        app.notify("first")
        app.notify("second", severity="warning")
        line = app.query_one(MessageLine)
        assert await wait_for(pilot, lambda: line.display and line.message == "second" and line.region.height > 0)
        assert line.display and line.message == "second" and str(line.render()).startswith("! second")
        bar = app.query_one(StatusBar)
        assert line.region.bottom <= bar.region.y  # above the status bar, not over it
        assert app.screen.get_widget_at(bar.region.x + 1, bar.region.y)[0] is bar
        assert len(app.screen_stack) == 1


async def test_a_message_never_covers_a_dialogs_answer_line(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert await wait_for(pilot, lambda: showing(app, TextPrompt))
        app.notify("a partner saved the workload", severity="information")
        await pilot.pause(0.05)
        hint = app.screen.query_one(".dialog-hint")
        assert app.screen.get_widget_at(hint.region.x + 1, hint.region.y)[0] is hint


async def test_a_long_message_opens_in_a_dialog_in_full(make_app, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("function_name: f\nmemory_mb: 99999\ntimeout_s: 0\ncolour: blue\ntraffic_pattern: spiky\n")
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        assert await wait_for(pilot, lambda: showing(app, TextPrompt))
        app.screen.query_one(Input).value = str(bad)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: showing(app, MessageDialog))
        text = str(app.screen.query_one("#message-text").render())
        assert f"{bad}: 4 problems:" in text and "line 5: traffic_pattern" in text
        app.notify("x" * 400, severity="error")  # another long one joins it, no second dialog
        assert await wait_for(pilot, lambda: len(getattr(app.screen, "messages", ())) == 2)
        assert sum(isinstance(s, MessageDialog) for s in app.screen_stack) == 1
        assert len(app.screen.messages) == 2
        await pilot.press("escape")
        assert len(app.screen_stack) == 1
        assert app.query_one(MessageLine).display  # the short form stays in the line


async def test_a_message_from_a_worker_thread_reaches_the_line(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        app.run_worker(lambda: app.notify("from a thread"), thread=True)
        assert await wait_for(pilot, lambda: app.query_one(MessageLine).message == "from a thread")


async def test_traffic_figures_that_disagree_are_a_clear_warning(make_app, tmp_path):
    from workbench.models import Workload

    app = make_app(tmp_path / "s.sqlite")
    app.store.put(Workload(function_name="orders", requests_per_month=120_000_000, mean_requests_per_second=90),
                  expected_version=None)
    async with app.run_test(size=(80, 24)) as pilot:
        line = app.query_one(MessageLine)
        assert await wait_for(pilot, lambda: line.message.startswith("Traffic figures disagree: Requests per month"))
        assert "-warning" in line.classes


async def test_a_long_problem_of_a_file_is_shown_whole_with_its_end(make_app, tmp_path):
    """A problem longer than the message line (a 400-character value echoed back) opens in the dialog with the
    whole sentence, its end included (it was cut at 300 characters, losing the closing part)."""
    folder = tmp_path / ("a-rather-long-directory-name-" * 3)
    folder.mkdir()
    bad = folder / "workload.yaml"
    bad.write_text("workload:\n  function_name: \"" + "a" * 400 + "\"\n")
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        assert await wait_for(pilot, lambda: showing(app, TextPrompt))
        app.screen.query_one(Input).value = str(bad)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: showing(app, MessageDialog))
        text = str(app.screen.query_one("#message-text").render()).replace("\n", "")
        assert str(bad) in text and "line 2" in text and "a" * 400 + "')" in text
