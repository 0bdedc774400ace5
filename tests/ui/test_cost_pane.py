"""The Cost pane with Pilot: live recompute from the store, bad input, shared settings, export."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from screens.dialogs import ConfirmDialog, TextPrompt
from screens.doc_form import DocumentForm
from tests.ui.conftest import notices, run_from_palette, showing, wait_for


def _rows(app) -> list[str]:
    table = app.query_one("#cost-table", DataTable)
    return [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


def _text(app, selector: str) -> str:
    return str(app.query_one(selector, Static).content)


async def test_shows_every_scenario_marks_the_cheapest_and_records_the_comparison(make_app, tmp_path):
    from workbench.models import CostComparison, Workload

    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        assert await wait_for(pilot, lambda: len(_rows(app)) == 8)
        rows = _rows(app)
        assert sum("★" in row for row in rows) == 1
        assert "Lambda, on-demand" in rows[0] and "Self-managed EC2" in rows[-1]
        assert "saves" in _text(app, "#cost-recommendation") or "cheaper" in _text(app, "#cost-recommendation")
        stored = app.store.get(CostComparison)
        assert stored is not None
        assert stored.doc.workload_version == app.store.get(Workload).version
        assert "snapshot of" in _text(app, "#cost-title")


async def test_a_partners_intake_edit_recomputes_the_table(make_app, tmp_path):
    from workbench.models import CostComparison, Workload

    path = tmp_path / "s.sqlite"
    app = make_app(path, author="alice", demo=True)
    partner = make_app(path, author="bob")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        assert await wait_for(pilot, lambda: len(_rows(app)) == 8)
        before = _rows(app)[0]
        current = partner.store.get(Workload)
        partner.store.put(current.doc.model_copy(update={"requests_per_month": 10 * current.doc.requests_per_month,
                                                         "mean_requests_per_second": None,
                                                         "peak_requests_per_second": None}),
                          expected_version=current.version, summary="bob: ten times the traffic")
        assert await wait_for(pilot, lambda: _rows(app)[0] != before)
        assert app.store.get(CostComparison).doc.workload_version == current.version + 1


async def test_an_input_without_prices_keeps_the_last_good_comparison(make_app, tmp_path):
    from workbench.models import Workload

    path = tmp_path / "s.sqlite"
    app = make_app(path, demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        assert await wait_for(pilot, lambda: len(_rows(app)) == 8)
        good = _rows(app)
        current = app.store.get(Workload)
        app.store.put(current.doc.model_copy(update={"region": "af-south-1"}), expected_version=current.version,
                      summary="move to Cape Town")
        error = app.query_one("#cost-error", Static)
        assert await wait_for(pilot, lambda: error.display)
        assert "af-south-1" in _text(app, "#cost-error")
        assert "last good comparison" in _text(app, "#cost-error")
        assert _rows(app) == good


async def test_rates_form_refuses_a_bad_value_and_saves_a_good_one(make_app, tmp_path):
    from workbench.models import CostSettings

    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2", "r")
        assert await wait_for(pilot, lambda: showing(app, DocumentForm))
        field = app.screen.query_one("#field-compute_sp_1yr_pct", Input)
        field.value = "150"
        error = app.screen.query_one("#error-compute_sp_1yr_pct", Static)
        assert await wait_for(pilot, lambda: error.display and "between 0 and 66" in str(error.content))  # AWS's
        # maximum for Compute SP
        assert "compute_sp_1yr_pct" not in str(error.content)  # the label on screen, not the field's name
        lambda_sp = app.screen.query_one("#field-lambda_compute_sp_pct", Input)
        lambda_sp.value = "25"  # the engine's maximum is 17%: refused here, not after saving
        assert await wait_for(pilot, lambda: "between 0 and 17" in str(
            app.screen.query_one("#error-lambda_compute_sp_pct", Static).content))
        lambda_sp.value = ""
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, DocumentForm)  # not saved
        assert app.store.get(CostSettings) is None
        field.value = "40"
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: app.store.get(CostSettings) is not None)
        assert not isinstance(app.screen, DocumentForm)
        assert app.store.get(CostSettings).doc.compute_sp_1yr_pct == 40
        assert await wait_for(pilot, lambda: any("Compute SP 1 yr (40%)" in row for row in _rows(app)))


async def test_commitment_key_cycles_the_shared_setting(make_app, tmp_path):
    from workbench.models import CostSettings

    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "c")
        assert await wait_for(pilot, lambda: app.store.get(CostSettings) is not None)
        assert app.store.get(CostSettings).doc.lmi_commitment == "on_demand"
        version = app.store.get(CostSettings).version
        await pilot.press("c")
        assert await wait_for(pilot, lambda: app.store.get(CostSettings).version != version)
        assert app.store.get(CostSettings).doc.lmi_commitment == "compute_sp_1yr"
        assert await wait_for(pilot, lambda: "1yr" in _text(app, "#cost-recommendation")
                              or "1 yr" in _text(app, "#cost-recommendation"))


async def test_export_writes_markdown_and_asks_before_replacing(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite", demo=True)
    target = tmp_path / "out" / "cost.md"
    target.parent.mkdir()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "e")
        assert await wait_for(pilot, lambda: showing(app, TextPrompt))
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        assert await wait_for(pilot, target.exists)
        text = target.read_text()
        assert "Lambda, on-demand" in text and "|" in text
        target.write_text("keep me")
        await pilot.press("e")
        assert await wait_for(pilot, lambda: showing(app))
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: showing(app, ConfirmDialog))
        await pilot.press("n")
        assert target.read_text() == "keep me"


async def test_readonly_viewer_sees_costs_but_cannot_change_settings(make_app, tmp_path):
    from workbench.models import CostSettings

    path = tmp_path / "s.sqlite"
    make_app(path, demo=True)
    viewer = make_app(path, author="viewer", readonly=True)
    async with viewer.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        assert await wait_for(pilot, lambda: len(_rows(viewer)) == 8)
        await pilot.press("c", "r")
        assert not isinstance(viewer.screen, DocumentForm)
    assert viewer.store.get(CostSettings) is None


async def test_palette_runs_a_pane_command_on_its_pane(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await run_from_palette(pilot, "Cost: Break-even")
        assert await wait_for(pilot, lambda: app.current_pane == "cost")
        assert await wait_for(pilot, lambda: app.query_one("#cost-detail").current == "detail-chart")
        assert app.focused is app.query_one("#cost-table")  # the pane's keys keep working


async def test_price_refresh_runs_in_a_worker_and_lands_in_the_store(make_app, tmp_path):
    """The Price List API through botocore's Stubber (the emulator has no Price List): real response shapes,
    requests checked against the service model."""
    import botocore.session
    from botocore.stub import ANY, Stubber

    from tests.integration.test_pricing_refresh import ec2_product
    from workbench.models import PriceListCache

    client = botocore.session.get_session().create_client(
        "pricing", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
    stubber = Stubber(client)
    stubber.add_response("get_products", {"FormatVersion": "aws_v1", "PriceList": [
        ec2_product("c7g.xlarge", 4, "8 GiB", "AWS Graviton3 Processor", "0.1234", region="us-east-1")]},
        {"ServiceCode": "AmazonEC2", "Filters": ANY, "FormatVersion": "aws_v1"})
    stubber.add_response("get_products", {"FormatVersion": "aws_v1", "PriceList": []},
                         {"ServiceCode": "AWSLambda", "Filters": ANY, "FormatVersion": "aws_v1"})
    stubber.activate()
    app = make_app(tmp_path / "s.sqlite", demo=True)
    app.aws_client = lambda service, region=None: client
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        assert await wait_for(pilot, lambda: app.cost_evaluation is not None)
        await pilot.press("u")
        assert await wait_for(pilot, lambda: app.store.get(PriceListCache) is not None)
        cache = app.store.get(PriceListCache).doc
        assert cache.regions == ["us-east-1"]
        assert await wait_for(pilot, lambda: "Price List" in _text(app, "#cost-title"))


async def test_price_refresh_offline_says_so(make_app, tmp_path):
    from workbench.config import AwsSettings
    from workbench.models import PriceListCache

    app = make_app(tmp_path / "s.sqlite", demo=True, aws=AwsSettings(offline=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "u")
        assert any("offline" in m for m in notices(app))
    assert app.store.get(PriceListCache) is None


async def test_price_refresh_failure_is_explained_and_changes_nothing(make_app, tmp_path):
    import botocore.session
    from botocore.stub import Stubber

    from workbench.models import PriceListCache

    client = botocore.session.get_session().create_client(
        "pricing", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
    stubber = Stubber(client)
    stubber.add_client_error("get_products", service_error_code="AccessDeniedException",
                             service_message="User is not authorized to perform: pricing:GetProducts",
                             http_status_code=400)
    stubber.activate()
    app = make_app(tmp_path / "s.sqlite", demo=True)
    app.aws_client = lambda service, region=None: client
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        assert await wait_for(pilot, lambda: app.cost_evaluation is not None)
        await pilot.press("u")
        assert await wait_for(pilot, lambda: any("pricing:GetProducts" in m for m in notices(app)))
        assert len(_rows(app)) == 8  # the comparison on screen is untouched
    assert app.store.get(PriceListCache) is None


async def test_price_sources_are_a_table_with_source_date_and_age(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2", "p")
        assert await wait_for(pilot, lambda: app.query_one("#cost-detail").current == "detail-prices")
        from rich.console import Console

        console = Console(width=100, record=True, file=open("/dev/null", "w"))
        console.print(app.query_one("#detail-prices-body", Static).content)
        text = console.export_text()
        assert "Provenance(" not in text
        header = next(line for line in text.splitlines() if "Source" in line)
        assert "Prices" in header and "Dated" in header and "Age" in header
        assert any(line.rstrip().endswith(" d") and "2026-" in line for line in text.splitlines())
