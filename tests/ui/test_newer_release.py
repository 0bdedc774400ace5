"""The TUI on a session a partner's newer release wrote: every pane opens, one note per kind says it is read-only,
and an edit is refused with that note instead of dropping the partner's field (issue 13: a traceback)."""

from __future__ import annotations

import json
import sqlite3

from tests.ui.conftest import wait_for
from workbench.keys import PANES
from workbench.models import Workload


def _add_field(path) -> None:
    con = sqlite3.connect(path)
    for kind, doc_id, body in con.execute("SELECT kind, id, body FROM documents").fetchall():
        data = json.loads(body)
        data["added_by_a_newer_release"] = 1
        con.execute("UPDATE documents SET body = ? WHERE kind = ? AND id = ?", (json.dumps(data), kind, doc_id))
    con.commit()
    con.close()


async def test_the_tui_shows_a_newer_releases_session_read_only(make_app, tmp_path):
    path = tmp_path / "s.sqlite"
    first = make_app(path, demo=True)  # the demo documents, as a partner's release would have written them
    first.store.close()
    _add_field(path)
    app = make_app(path)
    said: list[str] = []  # every notice, kept: a shown notice may time out while a loaded machine opens the panes
    notify = app.notify
    app.notify = lambda message, **kw: (said.append(message), notify(message, **kw))[1]  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        for number in range(1, len(PANES) + 1):
            await pilot.press(str(number))
        assert app.is_running
        assert await wait_for(pilot, lambda: any(m.startswith("Workload 'default' was written by a newer release")
                                                 for m in said))
        stored = app.store.get(Workload)
        assert stored.doc.function_name  # shown with the fields this release knows
        saved = app.save(stored.doc.model_copy(update={"memory_mb": 4096}), expected_version=stored.version,
                         summary="edit", what="The workload")
        assert saved is False
        assert await wait_for(pilot, lambda: any("not saved: workload 'default'" in m for m in said))
    con = sqlite3.connect(path)
    body = json.loads(con.execute("SELECT body FROM documents WHERE kind = 'workload'").fetchone()[0])
    con.close()
    assert body["added_by_a_newer_release"] == 1 and body["memory_mb"] != 4096
