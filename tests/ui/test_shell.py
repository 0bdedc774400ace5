"""The shell with Pilot: panes on keys, help, palette, themes, keymap, read-only, pairing, conflicts."""

from __future__ import annotations

import json

from textual.command import CommandPalette
from textual.widgets import ContentSwitcher, DataTable, Input

from screens.chrome import PaneTabs, StatusBar
from screens.dialogs import ConflictDialog, TextPrompt
from screens.help import HelpScreen
from tests.ui.conftest import palette_offers, run_from_palette, showing, wait_for
from workbench.keys import PANES


def _rendered(widget) -> str:
    return str(widget.render())


def _text_of(static) -> str:
    """The plain text a Static shows (rich renderables rendered at 120 columns)."""
    from rich.console import Console

    console = Console(width=120, record=True, file=open("/dev/null", "w"))
    console.print(static.content)
    return console.export_text()


async def test_number_keys_switch_panes(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        for number, (pane, title, _) in enumerate(PANES, start=1):
            await pilot.press(str(number))
            assert app.current_pane == pane
            assert app.query_one("#panes", ContentSwitcher).current == f"pane-{pane}"
            assert app.query_one(PaneTabs).current == pane
            assert app.query_one(f"#pane-{pane}").display
        await pilot.press("1")
        assert app.current_pane == "intake"


async def test_help_opens_on_question_mark_and_f1_and_lists_bindings(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = _text_of(app.screen.query_one("#help-table"))
        assert "Cost: standard Lambda vs LMI vs EC2" in text
        assert "Quit the workbench" in text
        await pilot.press("2")  # pane keys do nothing while a dialog is open
        assert app.current_pane == "intake"
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_palette_runs_a_pane_command(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        assert await wait_for(pilot, lambda: showing(app, CommandPalette) and isinstance(app.focused, Input))
        await pilot.press(*"Pane: Monitor")
        assert await wait_for(pilot, lambda: palette_offers(app, "Pane: Monitor"))
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: app.current_pane == "monitor")


async def test_theme_switch_is_remembered_per_user(make_app, tmp_path, isolated_user_dirs):
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test() as pilot:
        assert app.theme == "workbench-dark"
        await pilot.press("ctrl+t")
        assert app.theme == "workbench-light"
    settings = json.loads((isolated_user_dirs / "config" / "settings.json").read_text())
    assert settings["theme"] == "workbench-light"
    again = make_app(tmp_path / "s.sqlite")
    async with again.run_test():
        assert again.theme == "workbench-light"


async def test_unknown_theme_falls_back_with_a_message(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite", theme="no-such-theme")
    async with app.run_test():
        assert app.theme == "workbench-dark"
        assert any("unknown theme 'no-such-theme'" in problem for problem in app.problems)


async def test_keymap_file_rebinds_by_id(make_app, tmp_path):
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keys]\n"pane.cost" = "f2"\n"no.such.binding" = "x"\n')
    app = make_app(tmp_path / "s.sqlite", keymap_path=keymap)
    async with app.run_test() as pilot:
        await pilot.press("2")
        assert app.current_pane == "intake"  # the old key no longer switches
        await pilot.press("f2")
        assert app.current_pane == "cost"
        assert any("unknown binding id 'no.such.binding'" in p for p in app.problems)
        await pilot.press("f1")
        text = _text_of(app.screen.query_one("#help-table"))
        assert "F2" in text


async def test_notes_go_to_the_audit_log(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test() as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"q is typed, not quit")  # keys go to the input, not to the bindings
        await pilot.press("enter")
        notes = [c for c in app.store.changes() if c.kind == "note"]
        assert [n.summary for n in notes] == ["q is typed, not quit"]
        assert notes[0].author == "alice"
        assert app.is_running


async def test_readonly_refuses_edits(make_app, tmp_path):
    writer = make_app(tmp_path / "s.sqlite")  # creates the file
    writer.store.record("note", "review", "created")
    app = make_app(tmp_path / "s.sqlite", author="viewer", readonly=True)
    before = app.store.high_water()
    async with app.run_test() as pilot:
        await pilot.press("n")
        assert not isinstance(app.screen, TextPrompt)
        await pilot.press("R")
        assert not isinstance(app.screen, TextPrompt)
        assert "READ-ONLY" in _rendered(app.query_one(StatusBar))
    assert app.store.high_water() == before


async def test_second_app_on_the_same_store_sees_the_first_apps_change(make_app, tmp_path):
    path = tmp_path / "s.sqlite"
    first = make_app(path, author="alice")
    second = make_app(path, author="bob")
    async with first.run_test() as one, second.run_test() as two:
        await two.press("6")
        await one.press("n")
        await one.press(*"ship it on Tuesday")
        await one.press("enter")
        log = second.query_one("#review-log", DataTable)

        def shows_note() -> bool:
            return any("ship it on Tuesday" in str(log.get_row_at(i)) for i in range(log.row_count))

        assert await wait_for(two, shows_note)
        row = log.get_row_at(0)  # newest first
        assert "alice" in row and "ship it on Tuesday" in row


async def test_presence_shows_the_other_person(make_app, tmp_path):
    path = tmp_path / "s.sqlite"
    first = make_app(path, author="alice")
    second = make_app(path, author="bob")
    async with first.run_test() as one, second.run_test():
        first._heartbeat()
        assert await wait_for(one, lambda: "bob" in _rendered(first.query_one(StatusBar)))


async def test_conflicting_rename_offers_reload_or_overwrite(make_app, tmp_path):
    from workbench.models import ReviewInfo

    path = tmp_path / "s.sqlite"
    app = make_app(path, author="alice")
    other = make_app(path, author="bob")
    other.store.put(ReviewInfo(title="Orders"), expected_version=None, summary="created")
    async with app.run_test() as pilot:
        await pilot.press("R")
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        current = other.store.get(ReviewInfo)
        other.store.put(current.doc.model_copy(update={"title": "Bob's title"}),
                        expected_version=current.version, summary="bob renamed")
        prompt.query_one(Input).value = "Alice's title"
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: showing(app, ConflictDialog))
        assert other.store.get(ReviewInfo).doc.title == "Bob's title"  # nothing overwritten silently
        await pilot.press("o")
        assert app.store.get(ReviewInfo).doc.title == "Alice's title"
        assert app.store.get(ReviewInfo).version == 3

        # And the other choice: reload theirs.
        await pilot.press("R")
        current = other.store.get(ReviewInfo)
        other.store.put(current.doc.model_copy(update={"title": "Bob again"}),
                        expected_version=current.version, summary="bob renamed again")
        app.screen.query_one(Input).value = "Alice again"
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: showing(app, ConflictDialog))
        await pilot.press("r")
        assert app.store.get(ReviewInfo).doc.title == "Bob again"


async def test_copy_join_command_uses_osc52_clipboard(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test() as pilot:
        await pilot.press("y")
        assert app.clipboard == f"lmi-workbench --session payments-api --store {tmp_path / 's.sqlite'}"


async def test_demo_workload_shows_on_intake(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(80, 24)):
        table = app.query_one("#intake-signals", DataTable)
        assert table.display and table.row_count > 5
        assert "DEMO" in _rendered(app.query_one(StatusBar))


async def test_no_color_is_honoured(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test():
        assert app.no_color


def test_a_change_arriving_while_the_app_closes_is_ignored(make_app, tmp_path):
    """A partner's write can land between the last screen closing and the loop stopping (seen in CI)."""
    from workbench.app import StoreChanged

    app = make_app(tmp_path / "s.sqlite")
    assert not app.screen_stack
    app.on_store_changed(StoreChanged(app.store.changes()))  # must not raise ScreenStackError


async def test_the_driver_sees_a_readonly_viewer(make_app, tmp_path):
    path = tmp_path / "s.sqlite"
    driver = make_app(path, author="alice")
    viewer = make_app(path, author="carol", readonly=True)
    async with driver.run_test() as one, viewer.run_test():
        viewer._heartbeat()
        driver._heartbeat()
        assert await wait_for(one, lambda: "carol" in _rendered(driver.query_one(StatusBar)))


async def test_theme_from_the_palette(make_app, tmp_path, isolated_user_dirs):
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(100, 30)) as pilot:
        await run_from_palette(pilot, "Theme: workbench-high")
        assert await wait_for(pilot, lambda: app.theme == "workbench-high-contrast")
    settings = json.loads((isolated_user_dirs / "config" / "settings.json").read_text())
    assert settings["theme"] == "workbench-high-contrast"


async def test_help_opens_at_the_current_panes_keys(make_app, tmp_path):
    from textual.containers import VerticalScroll

    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "question_mark")
        assert isinstance(app.screen, HelpScreen) and app.screen.section == "Deploy pane"
        body = app.screen.query_one("#help-body", VerticalScroll)
        assert await wait_for(pilot, lambda: body.scroll_y > 0)
        table = app.screen.query_one("#help-table")
        line = app.screen.section_line(table.content_region.width)
        assert body.scroll_y == min(table.virtual_region.y + line, body.max_scroll_y)
        await pilot.press("escape", "1", "question_mark")
        assert app.screen.section == "Intake pane"
