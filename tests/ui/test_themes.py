"""Every theme the app offers starts the app and draws every pane; a saved theme that no longer loads is
reported once and ignored (issue 13: Ctrl+T to workbench-ansi crashed, was saved, and every later start crashed)."""

from __future__ import annotations

import json

import pytest

from tests.ui.conftest import wait_for
from themes import DEFAULT_THEME, THEME_NAMES
from workbench.keys import PANES


@pytest.mark.parametrize("theme", THEME_NAMES)
async def test_the_app_starts_with_each_saved_theme_and_draws_every_pane(make_app, tmp_path, isolated_user_dirs,
                                                                          theme):
    config = isolated_user_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"theme": theme}))
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == theme
        for number, (pane, _, _) in enumerate(PANES, start=1):
            await pilot.press(str(number))
            assert await wait_for(pilot, lambda pane=pane: app.current_pane == pane)
        await pilot.press("question_mark")
        await pilot.pause(0.05)
        await pilot.press("escape")
        assert not app.problems


async def test_ctrl_t_cycles_through_every_workbench_theme_without_stopping(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        seen = []
        for _ in THEME_NAMES:
            await pilot.press("ctrl+t")
            await pilot.pause(0.05)
            seen.append(app.theme)
        assert sorted(seen) == sorted(THEME_NAMES)
        assert app.is_running


async def test_every_theme_the_palette_offers_applies(make_app, tmp_path):
    """Textual's own themes are offered too (the palette's theme picker): each must apply over every pane."""
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        for number in range(1, len(PANES) + 1):
            await pilot.press(str(number))
        for name in sorted(app.available_themes):
            app.theme = name
            await pilot.pause(0.02)
            assert app.theme == name and app.is_running
            assert app.get_css_variables()["ansi-background"]


async def test_a_saved_theme_that_no_longer_loads_is_reported_once_and_forgotten(make_app, tmp_path,
                                                                                 isolated_user_dirs):
    config = isolated_user_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"theme": "workbench-retired"}))
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(80, 24)):
        assert app.theme == DEFAULT_THEME
        assert [p for p in app.problems if "workbench-retired" in p]
    assert json.loads((config / "settings.json").read_text()).get("theme") is None
    again = make_app(tmp_path / "s.sqlite")
    async with again.run_test(size=(80, 24)):
        assert again.theme == DEFAULT_THEME
        assert not again.problems  # reported once, not at every start
