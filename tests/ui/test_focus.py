"""The focus always belongs to the visible pane (issue 13): after a command from the palette switched panes, the
footer showed Intake's keys and e/i opened Intake dialogs over Findings; the empty Findings pane said "Press S to
scan" and S did nothing; typed note text became commands."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from screens.dialogs import TextPrompt
from tests.ui.conftest import run_from_palette, showing, wait_for


def _pane_of(widget) -> str | None:
    for node in widget.ancestors_with_self:
        if (node.id or "").startswith("pane-"):
            return node.id.removeprefix("pane-")
    return None


def _footer_keys(app) -> set[str]:
    return {binding.key for (_, binding, enabled, _) in app.screen.active_bindings.values() if binding.show}


async def test_a_command_from_the_palette_leaves_the_focus_in_the_pane_it_opened(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert _pane_of(app.focused) == "intake"
        await run_from_palette(pilot, "Findings: Group")
        assert await wait_for(pilot, lambda: app.current_pane == "findings")
        assert await wait_for(pilot, lambda: app.focused is not None and _pane_of(app.focused) == "findings")
        assert "w" not in _footer_keys(app)  # Intake's "w Signals" is not offered over Findings
        await pilot.press("i")  # Intake's import key: nothing of Intake's opens over Findings
        await pilot.pause(0.1)
        assert not [s for s in app.screen_stack[1:] if type(s).__name__ in ("ImportScreen", "DocumentForm")]


async def test_a_scan_started_from_the_palette_leaves_findings_in_charge(make_app, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "handler.py").write_text("import boto3\n\ndef handler(event, context):\n"
                                        "    client = boto3.client('s3')\n    return client.list_buckets()\n")
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        await run_from_palette(pilot, "Findings: Scan")
        assert await wait_for(pilot, lambda: showing(app, TextPrompt))
        prompt = app.screen.query_one(Input)
        prompt.value = str(project)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: app.query_one("#findings-table", DataTable).row_count > 0)
        await pilot.pause(0.1)
        assert app.current_pane == "findings"
        assert _pane_of(app.focused) == "findings"
        assert "w" not in _footer_keys(app)
        await pilot.press("e")  # Intake's edit key: nothing of Intake's opens over Findings
        await pilot.pause(0.1)
        assert len(app.screen_stack) == 1


async def test_the_empty_findings_pane_scans_on_s(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        assert app.query_one("#findings-empty").display
        assert _pane_of(app.focused) == "findings"
        await pilot.press("S")
        assert await wait_for(pilot, lambda: showing(app, TextPrompt))


async def test_note_text_goes_into_the_note_not_to_the_panes(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.press("n")
        assert await wait_for(pilot, lambda: showing(app, TextPrompt))
        await pilot.press(*"ship it 2 e i")
        assert app.screen.query_one(Input).value == "ship it 2 e i"
        assert app.current_pane == "findings"
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: any(c.summary == "ship it 2 e i" for c in app.store.changes()))


async def test_a_view_with_nothing_to_focus_leaves_the_focus_in_its_pane(make_app, tmp_path):
    """Deploy's `a` before there is a plan switches to the empty plan view: the file list that had the focus is
    hidden, the focus went nowhere, and the pane's keys (p plans, a applies) and its footer were gone."""
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        assert await wait_for(pilot, lambda: app.focused is not None and _pane_of(app.focused) == "deploy")
        await pilot.press("a")  # no plan yet: the plan view, with nothing in it to focus
        assert await wait_for(pilot, lambda: "No plan yet" in app.query_one("#message-line").message)
        assert await wait_for(pilot, lambda: app.focused is not None and _pane_of(app.focused) == "deploy")
        assert {"p", "a"} <= _footer_keys(app)
        await pilot.press("p")  # reaches the pane: the demo plans (and asks for the function's code)
        assert await wait_for(pilot, lambda: len(app.screen_stack) > 1, attempts=600)


async def test_a_key_typed_right_after_a_panes_number_reaches_that_pane(make_app, tmp_path):
    """Keys that arrive together ("2" then "e", as a fast typist or a paste over SSH sends them) are dispatched
    before the Cost pane's first showing has finished mounting it: the "e" must still be the Cost pane's export,
    not Intake's edit of the field that had the focus (seen on a loaded machine: a DocumentForm opened)."""
    from textual import events

    from screens.dialogs import TextPrompt
    from screens.doc_form import DocumentForm

    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await wait_for(pilot, lambda: _pane_of(app.focused) == "intake")
        app.post_message(events.Key("2", "2"))  # both queued before either is handled
        app.post_message(events.Key("e", "e"))
        assert await wait_for(pilot, lambda: showing(app))
        assert not isinstance(app.screen, DocumentForm)
        assert isinstance(app.screen, TextPrompt) and app.current_pane == "cost"
