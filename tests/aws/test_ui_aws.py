"""The Intake pane's AWS screens with Pilot, against the moto server: list, import, triage, cancel."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable, Input

from screens.aws_screens import ImportScreen, TriageScreen
from tests.conftest import SUITE_NOW
from tests.ui.conftest import make_app, notices, showing, wait_for  # noqa: F401 - make_app is a fixture
from workbench.clock import parse_moment

REGION = "us-east-1"
END = parse_moment(SUITE_NOW).replace(minute=0, second=0, microsecond=0)
START = END - timedelta(days=14)
HOURS = 14 * 24


async def test_list_then_import_a_function_into_the_workload(moto, make_app, tmp_path):
    from workbench.models import DataSource, FunctionListing, Workload

    for name in ("orders-api", "payments-api", "reports-batch"):
        moto.create_function(name, memory_mb=1024)
    moto.put_hourly("orders-api", REGION, START, [1000.0] * HOURS, duration_ms=150, concurrency=[4.0] * HOURS)
    app = make_app(tmp_path / "s.sqlite", aws=moto.settings(REGION))
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.press("i")
        assert await wait_for(pilot, lambda: showing(app, ImportScreen))
        app.screen.query_one("#aws-filter", Input).value = "api"
        await pilot.press("ctrl+l")
        assert await wait_for(pilot, lambda: app.store.get(FunctionListing) is not None)
        listing = app.store.get(FunctionListing).doc
        assert [f["name"] for f in listing.functions] == ["orders-api", "payments-api"] and listing.seen == 3
        table = app.screen.query_one("#aws-functions", DataTable)
        assert await wait_for(pilot, lambda: table.row_count == 2)
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: app.store.get(Workload) is not None)
        workload = app.store.get(Workload).doc
        assert workload.function_name == "orders-api" and workload.source is DataSource.AWS_IMPORT
        assert workload.requests_per_month == 1000 * 730
        assert any(c.summary.startswith("intake: imported orders-api") for c in app.store.changes())


async def test_triage_ranks_the_fleet_and_lands_in_the_store(moto, make_app, tmp_path):
    from workbench.models import TriageReport

    for name in ("busy", "quiet"):
        moto.create_function(name, memory_mb=2048)
    moto.put_hourly("busy", REGION, START, [400_000.0] * HOURS, duration_ms=400, concurrency=[50.0] * HOURS)
    moto.put_hourly("quiet", REGION, START, [10.0] * HOURS, duration_ms=50, concurrency=[1.0] * HOURS)
    app = make_app(tmp_path / "s.sqlite", aws=moto.settings(REGION))
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.press("t")
        assert await wait_for(pilot, lambda: showing(app, TriageScreen))
        await pilot.press("ctrl+r")
        # The triage runs in a child process that imports boto3 and talks to moto: on a loaded 2-core machine
        # that took over 20 s once and more under load, so the bound is wait_for's 120 s (a bound, never a timing
        # assertion).
        assert await wait_for(pilot, lambda: app.store.get(TriageReport) is not None), \
            (notices(app), app.aws_status, [(w.name, w.state) for w in app.workers])
        report = app.store.get(TriageReport).doc
        assert {r["function_name"] for r in report.rows} == {"busy", "quiet"}
        # One batched call for both functions; the emulator cannot compute p99, so the workbench asks once more
        # without percentiles (a real account answers the first call).
        assert report.get_metric_data_calls <= 2
        table = app.screen.query_one("#triage-table", DataTable)
        assert await wait_for(pilot, lambda: table.row_count == 2)
        assert str(table.get_row_at(0)[0]) == "busy"  # the biggest saving first


async def test_offline_run_never_calls_aws(make_app, tmp_path):
    from workbench.config import AwsSettings
    from workbench.models import FunctionListing

    app = make_app(tmp_path / "s.sqlite", aws=AwsSettings(offline=True))
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.press("i")
        assert await wait_for(pilot, lambda: showing(app, ImportScreen))  # its keys work once it is there
        await pilot.press("ctrl+l")
        assert await wait_for(pilot, lambda: any("offline" in m for m in notices(app))), notices(app)
    assert app.store.get(FunctionListing) is None


async def test_no_credentials_is_explained(moto, make_app, tmp_path, monkeypatch):
    from workbench.models import FunctionListing

    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    app = make_app(tmp_path / "s.sqlite", aws=moto.settings(REGION))
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.press("i")
        assert await wait_for(pilot, lambda: showing(app, ImportScreen))  # its keys work once it is there
        await pilot.press("ctrl+l")
        assert await wait_for(pilot, lambda: any("credential" in m.lower() for m in notices(app))), notices(app)
        assert app.is_running  # the workbench keeps working offline
    assert app.store.get(FunctionListing) is None


async def test_an_unknown_profile_is_explained(moto, make_app, tmp_path):
    from workbench.models import FunctionListing

    app = make_app(tmp_path / "s.sqlite", aws=moto.settings(REGION))
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.press("i")
        assert await wait_for(pilot, lambda: showing(app))
        app.screen.query_one("#aws-profile", Input).value = "no-such-profile"
        await pilot.press("ctrl+l")
        assert await wait_for(pilot, lambda: any("no-such-profile" in m for m in notices(app))), notices(app)
        assert "no-such-profile" in app.config.aws.describe()
    assert app.store.get(FunctionListing) is None


async def test_triage_of_a_region_without_lmi_shows_where_it_runs(moto, make_app, tmp_path):
    from textual.widgets import Static

    from workbench.models import TriageReport

    moto.create_function("bahrain-api", "me-south-1", memory_mb=1024)
    app = make_app(tmp_path / "s.sqlite", aws=moto.settings(REGION))
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.press("t")
        assert await wait_for(pilot, lambda: showing(app, TriageScreen))
        app.screen.query_one("#triage-regions", Input).value = "me-south-1"
        await pilot.press("ctrl+r")
        assert await wait_for(pilot, lambda: app.store.get(TriageReport) is not None)
        problems = app.screen.query_one("#triage-problems", Static)
        assert await wait_for(pilot, lambda: problems.display)
        text = str(problems.render())
        assert "Lambda Managed Instances is not available in me-south-1" in text
        assert "Nearest supported Region: ap-south-1" in text
        assert app.screen.query_one("#triage-table", DataTable).row_count == 0
