"""The shell at 80x24 (issue 13 item 6): the footer and the status bar fit the width (what does not fit is left
out whole, the help key and the command palette's never), and help's title stays on screen when help opens at
the current pane's section."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from screens.chrome import StatusBar, WorkbenchFooter
from screens.help import HelpScreen
from tests.ui.conftest import showing, wait_for


def _shown_keys(app) -> list[FooterKey]:
    footer = app.query_one(WorkbenchFooter)
    return [key for key in footer.query(FooterKey) if key.display]


def _footer_laid_out(app) -> bool:
    """What the test below asserts of the footer, as a condition to wait for (the layout follows the pane's
    switch; on a loaded machine a fixed pause can end before it)."""
    keys = _shown_keys(app)
    palette = [key for key in keys if key.has_class("-command-palette")]
    others = [key for key in keys if key not in palette]
    return bool(palette) and palette[0].region.right <= 80 and all(
        key.region.width >= len(key.key_display) + 1 + len(key.description)
        and key.region.right <= palette[0].region.x for key in others)


@pytest.mark.parametrize("pane", ["1", "2", "3", "4", "5", "6"])
async def test_the_footer_fits_80_columns_and_always_shows_help(make_app, tmp_path, pane):
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(pane)
        assert await wait_for(pilot, lambda: any(key.action == "show_help" for key in _shown_keys(app)))
        # recomposed for the pane (its keys replace Intake's: quit fits with those of panes 3 and 5), then laid out
        await wait_for(pilot, lambda: _footer_laid_out(app) and (
            pane not in "35" or any(key.action == "quit" for key in _shown_keys(app))))
        keys = _shown_keys(app)
        palette = [key for key in keys if key.has_class("-command-palette")]
        assert palette and palette[0].region.right <= 80
        others = [key for key in keys if key not in palette]
        assert any(key.action == "show_help" for key in others)
        for key in others:  # whole, inside the screen, left of the palette's key
            assert key.region.width >= len(key.key_display) + 1 + len(key.description)
            assert key.region.right <= palette[0].region.x, (key.description, key.region, palette[0].region)
        if pane in "35":  # these panes' keys fit with quit
            assert any(key.action == "quit" for key in others)


async def test_the_footer_leaves_out_the_least_needed_keys_first(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("3")
        assert await wait_for(pilot, lambda: any(key.action == "apply_patch" for key in _shown_keys(app)))
        wide = [key.action for key in _shown_keys(app)]
        assert {"show_help", "quit", "add_note"} <= set(wide)
        await pilot.resize_terminal(64, 24)
        assert await wait_for(pilot, lambda: 0 < len(_shown_keys(app)) < len(wide))  # recomposed at 64
        narrow = [key.action for key in _shown_keys(app)]
        assert "show_help" in narrow and "add_note" not in narrow  # the note goes before the pane's keys
        assert narrow[0] == wide[0]  # the pane's first key stays


async def test_the_status_bar_fits_80_columns_leaving_out_the_store_path_whole(make_app, tmp_path):
    app = make_app(tmp_path / "a-long-directory-name-for-the-store" / "s.sqlite", demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)
        bar = app.query_one(StatusBar)
        text = bar.line(80).plain
        assert len(text) <= 80 and text.rstrip().endswith("AWS offline") and "…" not in text
        assert "here: only you" in text and "DEMO" in text
        wide = bar.line(200).plain
        assert "a-long-directory" in wide or "s.sqlite" in wide  # the store's path where there is room
        rendered = "".join(segment.text for segment in bar.render_line(0))
        assert rendered.rstrip() == text.rstrip()
        # A long AWS part (profile, endpoint) is cut at its end; the account, first in it, stays in view.
        bar.update_status(session="payments-api", author="alice", store="/tmp/store.sqlite", others=["bob"],
                          aws="account 123456789012 · a-long-profile-name · eu-west-1 · via http://127.0.0.1:5000",
                          readonly=False, demo=False)
        narrow = bar.line(80).plain
        assert "/tmp/store.sqlite" not in narrow and "AWS account 123456789012" in narrow[:80]


async def test_help_keeps_its_title_on_screen_when_it_opens_at_a_panes_section(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        for pane, section in [("5", "Monitor pane"), ("2", "Cost pane"), ("6", "Review")]:
            await pilot.press(pane)
            await pilot.pause(0.3)
            await pilot.press("question_mark")
            assert await wait_for(pilot, lambda: showing(app, HelpScreen))
            assert app.screen.section == section
            body = app.screen.query_one("#help-body")
            if pane != "6":
                assert await wait_for(pilot, lambda body=body: body.scroll_y > 0)
            title = app.screen.query_one("#help-title")
            assert title.region.height >= 1 and 0 <= title.region.y < 24
            assert app.screen.get_widget_at(title.region.x + 1, title.region.y)[0] is title
            assert "Esc closes" in str(title.render())
            await pilot.press("escape")


async def test_the_footer_offers_no_pane_keys_under_a_dialog(make_app, tmp_path):
    """Under the note dialog the footer still said "e Edit w Signals …", keys that do nothing there."""
    from screens.dialogs import TextPrompt

    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await wait_for(pilot, lambda: any(key.action == "edit_field" for key in _shown_keys(app)))
        await pilot.press("n")
        assert await wait_for(pilot, lambda: showing(app, TextPrompt))
        assert await wait_for(pilot, lambda: not [k for k in _shown_keys(app) if not k.has_class("-command-palette")])
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: any(key.action == "edit_field" for key in _shown_keys(app)))
