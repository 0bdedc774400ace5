"""NO_COLOR: the blocking ✗ marker keeps its contrast (issue 13: dark red turned grey on a grey row, 1.33:1)."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.ui.conftest import wait_for


async def _error_marks(make_app, tmp_path) -> list:
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        table = app.query_one("#findings-table", DataTable)
        assert await wait_for(pilot, lambda: table.row_count > 0, attempts=400)
        return [table.get_row_at(i)[0] for i in range(table.row_count) if str(table.get_row_at(i)[0]) == "✗"]


async def test_without_colour_the_blocking_mark_is_bold_text_colour(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    marks = await _error_marks(make_app, tmp_path)
    assert marks and all(str(mark.style) == "bold" for mark in marks)  # the text colour: full contrast


async def test_with_colour_the_blocking_mark_is_red(make_app, tmp_path):
    marks = await _error_marks(make_app, tmp_path)
    assert marks and all("red" in str(mark.style) for mark in marks)
