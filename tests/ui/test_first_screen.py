"""The first screen is drawn from the store's rows, before any pydantic model is imported or built, and drawn
again from the validated documents right after the first frame (issue 13 item 7; the time it saves is measured by
bench/bench_startup.py). What the first frame shows must be what the validated documents show, and a document
this release cannot read is said once validation runs, never left looking fine."""

from __future__ import annotations

import json
import sqlite3
from types import SimpleNamespace

import pytest
from textual.widgets import DataTable, Static
from textual.widgets._data_table import default_cell_formatter

from screens.chrome import StatusBar
from screens.intake import IntakePane
from tests.ui.conftest import wait_for


def _content(widget: Static) -> tuple:
    content = widget.content
    return (str(content), tuple(getattr(content, "spans", ())))


def _first_screen(app) -> dict:
    """Everything the Intake pane and the status bar show, styles included."""
    pane = app.query_one(IntakePane)
    table = app.query_one("#intake-signals", DataTable)
    return {
        "title": _content(app.query_one("#intake-title", Static)),
        "verdict": _content(app.query_one("#intake-verdict", Static)),
        "empty shown": app.query_one("#intake-empty").display,
        "rows": [tuple(default_cell_formatter(cell).plain for cell in table.get_row_at(i))
                 for i in range(table.row_count)],  # as drawn
        "about": _content(app.query_one("#intake-about", Static)),
        "help": dict(pane._help),
        "status": list(app.query_one(StatusBar)._parts),
    }


@pytest.fixture
def first_frames(monkeypatch):
    """What the Intake pane showed right after its first render (before the first frame), and how it was drawn;
    then ``validated`` holds what it showed right after the App drew it again from the validated documents
    (before the work that follows may change the store)."""
    from workbench.app import WorkbenchApp

    frames = SimpleNamespace(first=[], validated=[])
    original = IntakePane.render_first

    def spy(self) -> None:
        original(self)
        self.shell._update_status()  # as the heartbeat in App.on_mount does, before the first frame
        frames.first.append((self.drawn_from_rows, _first_screen(self.app)))

    check = WorkbenchApp.check_first_screen

    def checked(app) -> None:
        check(app)
        frames.validated.append(_first_screen(app))

    monkeypatch.setattr(IntakePane, "render_first", spy)
    monkeypatch.setattr(WorkbenchApp, "check_first_screen", checked)
    return frames


def _set_body(path, kind: str, change) -> None:
    with sqlite3.connect(path) as conn:
        (body,) = conn.execute("SELECT body FROM documents WHERE kind = ? AND id = 'default'", (kind,)).fetchone()
        data = json.loads(body)
        change(data)
        conn.execute("UPDATE documents SET body = ? WHERE kind = ? AND id = 'default'", (json.dumps(data), kind))


def _demo_with_fit(store, **workload_changes) -> None:
    from workbench.derived import refresh_fit
    from workbench.models import Workload

    if workload_changes:
        stored = store.get(Workload)
        store.put(stored.doc.model_copy(update=workload_changes), expected_version=stored.version)
    refresh_fit(store)


def _stale_fit(store) -> None:
    from workbench.models import Workload

    _demo_with_fit(store)
    stored = store.get(Workload)
    store.put(stored.doc.model_copy(update={"memory_mb": 4096}), expected_version=stored.version)


def _sparse_workload(store) -> None:
    from workbench.models import Workload

    store.put(Workload(function_name="thin", tmp_use_mb_per_invocation=12.5, in_vpc=False,
                       notes="see [ticket 123] and [b]"), expected_version=None)


@pytest.mark.parametrize("prepare", [
    pytest.param(lambda store: None, id="demo, not assessed yet"),
    pytest.param(_demo_with_fit, id="demo with its verdict"),
    pytest.param(lambda store: _demo_with_fit(store, runtime="ruby3.3", region="af-south-1"),
                 id="blocked: unsupported runtime and Region"),
    pytest.param(_stale_fit, id="verdict for an earlier version"),
])
async def test_the_first_frame_shows_what_the_validated_documents_show(make_app, tmp_path, first_frames, prepare):
    app = make_app(tmp_path / "s.sqlite", demo=True)
    prepare(app.store)
    async with app.run_test(size=(100, 30)) as pilot:
        assert await wait_for(pilot, lambda: app.first_frame_drawn and not app.query_one(IntakePane).drawn_from_rows)
        (from_rows, first), = first_frames.first
        assert from_rows, "the first frame is drawn from the store's rows"
        assert first["rows"] and not first["empty shown"]
        assert first == first_frames.validated[0]


async def test_a_workload_with_blanks_lists_and_a_titled_field_is_shown_alike(make_app, tmp_path, first_frames):
    app = make_app(tmp_path / "s.sqlite")
    _sparse_workload(app.store)
    async with app.run_test(size=(100, 30)) as pilot:
        assert await wait_for(pilot, lambda: app.first_frame_drawn and not app.query_one(IntakePane).drawn_from_rows)
        (from_rows, first), = first_frames.first
        assert from_rows
        rows = dict(first["rows"])
        assert rows["/tmp use per invocation (MB)"] == "12.5" and rows["Memory (MB)"] == "—"
        assert rows["In VPC"] == "no" and rows["Private resources"] == "—"
        assert rows["Notes"] == "see [ticket 123] and [b]"  # a person's words, never read as markup
        assert first == first_frames.validated[0]


async def test_a_document_that_fails_validation_is_said_once_validation_runs(make_app, tmp_path, first_frames):
    path = tmp_path / "s.sqlite"
    app = make_app(path, demo=True)
    _set_body(path, "workload", lambda data: data.update(memory_mb="lots"))
    async with app.run_test(size=(100, 30)) as pilot:
        assert await wait_for(pilot, lambda: app.first_frame_drawn and not app.query_one(IntakePane).drawn_from_rows)
        (from_rows, first), = first_frames.first
        assert from_rows and dict(first["rows"])["Memory (MB)"] == "lots"  # the row, as it is stored
        # once validated: the signals give way to the reason, and it is said as an error (the app keeps running)
        assert _first_screen(app)["empty shown"]
        said = str(app.query_one("#intake-empty", Static).content)
        assert "cannot be read by this release" in said and "memory_mb" in said
        def errors() -> list[str]:
            return [n.message for n in app._notifications if n.severity == "error"]

        assert await wait_for(pilot, lambda: len(errors()) == 1) and "memory_mb" in errors()[0]
        app.query_one(IntakePane).refresh_from_store()  # the next change in the store: not said again
        await pilot.pause()
        assert len(errors()) == 1


async def test_a_verdict_that_fails_validation_is_said_too(make_app, tmp_path, first_frames):
    path = tmp_path / "s.sqlite"
    app = make_app(path, demo=True)
    _demo_with_fit(app.store)
    _set_body(path, "fit", lambda data: data.update(verdict="strong-fit", blockers=[
        {"code": "unsupported-runtime", "message": "no", "suggestions": [], "alternatives": [], "suggested": None,
         "source": ""}]))  # valid row by row, but a blocked workload cannot be a strong fit
    async with app.run_test(size=(100, 30)) as pilot:
        assert await wait_for(pilot, lambda: app.first_frame_drawn and not app.query_one(IntakePane).drawn_from_rows)
        assert first_frames.first[0][0]
        verdict = str(app.query_one("#intake-verdict", Static).content)
        assert "cannot be read by this release" in verdict
        assert await wait_for(pilot, lambda: any(n.severity == "error" and "fit 'default'" in n.message
                                                 for n in app._notifications))


async def test_a_document_from_a_newer_release_is_not_drawn_from_its_row(make_app, tmp_path, first_frames):
    path = tmp_path / "s.sqlite"
    app = make_app(path, demo=True)
    _set_body(path, "workload", lambda data: data.update(tmp_mb=512))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        (from_rows, first), = first_frames.first
        assert not from_rows  # not the outline's shape: the validated document (shown read-only) draws it
        assert dict(first["rows"])["Memory (MB)"] == "2,048"
        assert await wait_for(pilot, lambda: any("newer release" in n.message for n in app._notifications))
