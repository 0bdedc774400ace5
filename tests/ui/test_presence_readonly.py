"""Presence with Pilot: a read-only viewer is listed as such, in the status bar and on the Review pane."""

from __future__ import annotations

from screens.chrome import StatusBar
from tests.ui.conftest import wait_for
from workbench.store import Store


async def test_a_readonly_viewer_is_shown_as_read_only(make_app, tmp_path):
    path = tmp_path / "s.sqlite"
    app = make_app(path, author="alice")
    with Store.open(path, author="bob", readonly=True) as viewer:  # its heartbeat lives beside the store
        async with app.run_test(size=(120, 40)) as pilot:
            app._heartbeat()
            assert await wait_for(pilot, lambda: "bob (read-only)" in str(app.query_one(StatusBar).render()))
            assert app.present_people() == ["bob (read-only)"]
            await pilot.press("6")
            people = app.query_one("#review-people")
            assert await wait_for(pilot, lambda: "bob (read-only)" in str(people.render()))
            viewer.leave()
            app._heartbeat()
            assert await wait_for(pilot, lambda: app.present_people() == [])
