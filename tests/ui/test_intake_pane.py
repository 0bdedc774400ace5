"""The Intake pane with Pilot: validated edits, files, a partner's edit, the verdict and the configuration."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from screens.dialogs import TextPrompt
from screens.doc_form import DocumentForm
from tests.ui.conftest import notices, showing, wait_for


def _value(app, table_id: str, key: str) -> str:
    table = app.query_one(table_id, DataTable)
    return str(table.get_row(key)[1])


async def _view(pilot, app, key: str, table_id: str) -> DataTable:
    """Press a view's key and wait for its table: the first showing mounts it after the key is handled."""
    await pilot.press(key)
    assert await wait_for(pilot, lambda: app.query(f"#{table_id}") and app.query_one(f"#{table_id}").display
                          and app.query_one(f"#{table_id}", DataTable).row_count > 0)
    return app.query_one(f"#{table_id}", DataTable)


async def _edit(pilot, app, key: str) -> DocumentForm:
    table = app.query_one("#intake-signals", DataTable)
    table.move_cursor(row=table.get_row_index(key))
    await pilot.press("e")
    assert await wait_for(pilot, lambda: showing(app, DocumentForm))
    return app.screen


async def test_an_invalid_value_is_explained_and_never_reaches_the_store(make_app, tmp_path):
    from workbench.models import Workload

    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        before = app.store.get(Workload)
        form = await _edit(pilot, app, "memory_mb")
        form.query_one(Input).value = "99999"
        error = form.query_one("#error-memory_mb", Static)
        assert await wait_for(pilot, lambda: error.display and "10,240" in str(error.content))
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: showing(app, DocumentForm))
        assert app.store.get(Workload).version == before.version
        form.query_one(Input).value = "lots"
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: "must be a number" in str(error.content))
        assert isinstance(app.screen, DocumentForm) and app.store.get(Workload).version == before.version
        form.query_one(Input).value = "3008"
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: app.store.get(Workload).version != before.version)
        assert not isinstance(app.screen, DocumentForm)
        after = app.store.get(Workload)
        assert after.version == before.version + 1 and after.doc.memory_mb == 3008
        assert await wait_for(pilot, lambda: _value(app, "#intake-signals", "memory_mb") == "3,008")


async def test_an_edit_recomputes_the_verdict_configuration_and_cost(make_app, tmp_path):
    from workbench.models import CostComparison, FitAssessment, LmiConfiguration, Workload

    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        assert await wait_for(pilot, lambda: app.store.get(FitAssessment) is not None
                              and app.store.get(CostComparison) is not None)
        form = await _edit(pilot, app, "runtime")
        form.query_one(Input).value = "ruby3.3"
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: app.store.get(Workload).doc.runtime == "ruby3.3")
        version = app.store.get(Workload).version
        assert await wait_for(pilot, lambda: app.store.get(FitAssessment).doc.workload_version == version)
        fit = app.store.get(FitAssessment).doc
        assert fit.verdict.value == "standard-lambda-better" and "ruby3.3" in fit.blockers[0].message
        assert "ruby3.3" in str(app.query_one("#intake-verdict", Static).content)
        assert app.store.get(LmiConfiguration) is not None  # kept from before; a notice explains why it can't follow


async def test_a_partners_edit_appears(make_app, tmp_path):
    from workbench.models import Workload

    path = tmp_path / "s.sqlite"
    app = make_app(path, author="alice", demo=True)
    partner = make_app(path, author="bob")
    async with app.run_test(size=(100, 30)) as pilot:
        current = partner.store.get(Workload)
        changed = Workload.model_validate({**current.doc.model_dump(), "duration_avg_ms": 410.0})
        partner.store.put(changed, expected_version=current.version, summary="bob: slower")
        assert await wait_for(pilot, lambda: _value(app, "#intake-signals", "duration_avg_ms") == "410")
        assert "by bob" in str(app.query_one("#intake-title", Static).content)


async def test_loading_a_bad_file_names_the_problem_and_keeps_the_workload(make_app, tmp_path):
    from workbench.models import Workload

    bad = tmp_path / "bad.yaml"
    bad.write_text("function_name: orders\nmemory_mb: [oops\n")
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        before = app.store.get(Workload)
        await pilot.press("o")
        assert await wait_for(pilot, lambda: showing(app, TextPrompt))
        app.screen.query_one(Input).value = str(bad)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: any("bad.yaml" in m for m in notices(app))), notices(app)
        assert app.store.get(Workload).version == before.version


async def test_saving_and_loading_a_workload_file(make_app, tmp_path):
    from workbench.models import Workload

    target = tmp_path / "orders.workload.yaml"
    source = make_app(tmp_path / "a.sqlite", demo=True)
    async with source.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        assert await wait_for(pilot, lambda: showing(source))
        source.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        assert await wait_for(pilot, target.exists)
    other = make_app(tmp_path / "b.sqlite")
    async with other.run_test(size=(100, 30)) as pilot:
        await pilot.press("o")
        assert await wait_for(pilot, lambda: showing(other))
        other.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: other.store.get(Workload) is not None)
        assert other.store.get(Workload).doc.function_name == source.store.get(Workload).doc.function_name


async def test_configuration_edit_is_marked_as_a_persons_choice(make_app, tmp_path):
    from workbench.models import LmiConfiguration

    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        assert await wait_for(pilot, lambda: app.store.get(LmiConfiguration) is not None)
        table = await _view(pilot, app, "g", "intake-config")
        table.move_cursor(row=table.get_row_index("max_vcpu_count"))
        await pilot.press("e")
        assert await wait_for(pilot, lambda: showing(app))
        app.screen.query_one(Input).value = "64"
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: app.store.get(LmiConfiguration).doc.max_vcpu_count == 64)
        config = app.store.get(LmiConfiguration).doc
        assert config.max_vcpu_count == 64
        assert config.provenance["max_vcpu_count"].source.value == "user"
        assert await wait_for(pilot, lambda: str(table.get_row("max_vcpu_count")[2]) == "user")


async def test_verdict_view_lists_each_signal_with_its_reason(make_app, tmp_path):
    from workbench.models import FitAssessment

    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        assert await wait_for(pilot, lambda: app.store.get(FitAssessment) is not None)
        table = await _view(pilot, app, "v", "intake-verdict-table")
        assert await wait_for(pilot, lambda: table.row_count >= 10)
        fit = app.store.get(FitAssessment).doc
        assert str(app.query_one("#intake-about", Static).content) == fit.signals[0].reason


async def test_a_new_workload_can_be_typed_into_an_empty_session(make_app, tmp_path):
    from workbench.models import Workload

    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(100, 40)) as pilot:
        assert app.query_one("#intake-empty").display
        await pilot.press("N")
        form = app.screen
        assert isinstance(form, DocumentForm)
        form.query_one("#field-function_name", Input).value = "checkout"
        form.query_one("#field-runtime", Input).value = "nodejs22.x"
        form.query_one("#field-region", Input).value = "eu-west-1"
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: app.store.get(Workload) is not None)
        assert app.store.get(Workload).doc.function_name == "checkout"


async def test_tmp_use_per_invocation_shows_the_peak_in_the_configuration_and_the_fit(make_app, tmp_path):
    from workbench.models import FitAssessment, LmiConfiguration, Workload

    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        assert await wait_for(pilot, lambda: app.store.get(LmiConfiguration) is not None)
        form = await _edit(pilot, app, "tmp_use_mb_per_invocation")
        form.query_one(Input).value = "200"
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: app.store.get(Workload).doc.tmp_use_mb_per_invocation == 200)
        concurrency = app.store.get(LmiConfiguration).doc.per_execution_environment_max_concurrency
        peak = 200 * concurrency  # the demo: 4 per EE (Lambda Insights) → 800 MB against 512 MB
        table = await _view(pilot, app, "g", "intake-config")
        assert await wait_for(pilot, lambda: table.row_count > 0 and "tmp-at-peak" in
                              [k.value for k in table.rows])
        assert str(table.get_row("tmp-at-peak")[1]) == f"{peak:,} of 512 MB — overflows"
        table.move_cursor(row=table.get_row_index("tmp-at-peak"))
        assert await wait_for(pilot, lambda: "OVERFLOWS" in str(app.query_one("#intake-about", Static).content))
        about = str(app.query_one("#intake-about", Static).content)
        assert "OVERFLOWS" in about and "raise the ephemeral storage to at least 800 MB" in about
        assert "stream the data instead of staging files" in about
        assert await wait_for(pilot, lambda: any(s.name == "tmp" for s in app.store.get(FitAssessment).doc.signals))
        signal = next(s for s in app.store.get(FitAssessment).doc.signals if s.name == "tmp")
        assert signal.finding == f"200 MB × {concurrency} = {peak} MB of 512 MB /tmp: overflows"


async def test_a_files_lmi_configuration_is_loaded_with_it_and_kept(make_app, tmp_path):
    import yaml

    from workbench.models import LmiConfiguration, Workload
    from workbench.demo import demo_documents
    from workbench.workload_files import dump_workload

    workload = next(doc for doc, _ in demo_documents() if isinstance(doc, Workload))
    path = tmp_path / "orders.yaml"
    path.write_text(yaml.safe_dump({"workload": yaml.safe_load(dump_workload(workload, "yaml")),
                                    "lmi_configuration": {"max_vcpu_count": 48}}))
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("o")
        assert await wait_for(pilot, lambda: showing(app))
        app.screen.query_one(Input).value = str(path)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: app.store.get(Workload) is not None)
        # the workload's derivation runs after the load (fit, then configuration, in one step); the file's value
        # survives it, marked as the file's
        from workbench.models import FitAssessment

        assert await wait_for(pilot, lambda: app.store.get(FitAssessment) is not None)
        await pilot.pause()
        config = app.store.get(LmiConfiguration).doc
        assert config.max_vcpu_count == 48
        assert config.provenance["max_vcpu_count"].source.value == "file"
        table = await _view(pilot, app, "g", "intake-config")
        assert await wait_for(pilot, lambda: table.row_count > 0 and str(table.get_row("max_vcpu_count")[2]) == "file")


async def test_the_hidden_views_are_built_when_first_shown_and_follow_the_store_after(make_app, tmp_path):
    """Start-up composes only the signals table; the verdict and configuration tables come with their first
    showing, filled from the store, and keep following it (a later change of the configuration shows)."""
    from workbench.models import LmiConfiguration, Provenance, ProvenanceSource

    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        assert await wait_for(pilot, lambda: app.store.get(LmiConfiguration) is not None)
        assert not app.query("#intake-verdict-table") and not app.query("#intake-config")
        await pilot.press("v")
        assert await wait_for(pilot, lambda: app.query("#intake-verdict-table")
                              and app.query_one("#intake-verdict-table", DataTable).row_count > 0)
        assert not app.query("#intake-config")
        await pilot.press("g")
        assert await wait_for(pilot, lambda: app.query("#intake-config")
                              and app.query_one("#intake-config", DataTable).row_count > 0)
        table = app.query_one("#intake-config", DataTable)
        assert table.display
        stored = app.store.get(LmiConfiguration)
        mine = {**stored.doc.provenance, "max_vcpu_count": Provenance(source=ProvenanceSource.USER, detail="bob")}
        app.store.put(stored.doc.model_copy(update={"max_vcpu_count": 96, "provenance": mine}),
                      expected_version=stored.version, summary="a partner sets the vCPU ceiling")
        assert await wait_for(pilot, lambda: _value(app, "#intake-config", "max_vcpu_count") == "96")
