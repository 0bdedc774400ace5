"""The Deploy pane with Pilot: generated files previewed, formats cycled, written without overwriting."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from screens.dialogs import ConfirmDialog
from tests.ui.conftest import notices, showing, wait_for


async def test_generates_previews_and_writes_the_infrastructure(make_app, tmp_path):
    from workbench.models import LmiConfiguration

    app = make_app(tmp_path / "s.sqlite", demo=True)
    target = tmp_path / "infra"
    async with app.run_test(size=(100, 30)) as pilot:
        assert await wait_for(pilot, lambda: app.store.get(LmiConfiguration) is not None)
        await pilot.press("4")
        table = app.query_one("#deploy-files", DataTable)
        assert await wait_for(pilot, lambda: table.row_count > 0)
        names = {str(table.get_row_at(i)[0]) for i in range(table.row_count)}
        assert "lib/stack.ts" in names and "package.json" in names  # CDK TypeScript by default
        pane = app.query_one("#pane-deploy")
        assert "CapacityProvider" in pane.files["lib/stack.ts"]
        await pilot.press("f", "f", "f")
        assert await wait_for(pilot, lambda: pane.format == "sam" and "template.yaml" in pane.files), pane.format
        await pilot.press("w")
        assert await wait_for(pilot, lambda: showing(app))
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: (target / "template.yaml").exists())
        (target / "template.yaml").write_text("mine")
        await pilot.press("w")
        assert await wait_for(pilot, lambda: showing(app))
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: showing(app, ConfirmDialog))
        await pilot.press("n")
        assert (target / "template.yaml").read_text() == "mine"


async def test_empty_session_explains_what_the_pane_needs(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        assert await wait_for(pilot, lambda: app.query_one("#deploy-empty").display)


# --- the Checks and Plan views (offline and demo; the AWS flows are in test_deploy_plan_ui.py) ----------------

def _text(widget) -> str:
    import io

    from rich.console import Console

    content = widget.content
    if isinstance(content, str):
        return content
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(content)
    return console.file.getvalue()


def _plan(app):
    from workbench.models import DeploymentPlan

    stored = app.store.get(DeploymentPlan)
    return stored.doc if stored else None


async def test_demo_plans_offline_asks_for_the_code_and_shows_the_checklist(make_app, tmp_path):
    from textual.widgets import Static

    from screens.deploy_dialogs import ApplyPlanDialog
    from screens.dialogs import TextPrompt
    from workbench.config import AwsSettings
    from workbench.deploy import needs_code
    from workbench.models import LmiConfiguration

    code = tmp_path / "orders"
    code.mkdir()
    (code / "app.py").write_text("def handler(event, context):\n    return {}\n")
    app = make_app(tmp_path / "s.sqlite", demo=True, aws=AwsSettings(offline=True))
    async with app.run_test(size=(100, 30)) as pilot:
        assert await wait_for(pilot, lambda: app.store.get(LmiConfiguration) is not None)
        await pilot.press("4", "p")
        # The demo's function has no code: the plan is saved with the placeholder, and the code is asked for.
        assert await wait_for(pilot, lambda: showing(app, TextPrompt))
        plan = _plan(app)
        assert plan is not None and needs_code(plan) and plan.mode.value == "plan-only"
        await pilot.press("escape")
        table = app.query_one("#plan-steps", DataTable)
        assert await wait_for(pilot, lambda: table.row_count == len(plan.steps))
        assert [str(table.get_row_at(i)[2]) for i in range(3)] == [
            "create-execution-role", "put-execution-role-policy", "create-operator-role"]
        assert {str(table.get_row_at(i)[0]) for i in range(table.row_count)} == {"☐"}
        assert "needs the function's code" in _text(app.query_one("#plan-head", Static))
        detail = _text(app.query_one("#plan-detail-body", Static))
        assert "call iam.CreateRole" in detail and '"RoleName": "orders-api-execution"' in detail
        assert "No function code was given" in detail  # the plan's notes, under the step
        await pilot.press("j", "j", "j", "j", "j")
        assert await wait_for(pilot, lambda: "poll lambda GetCapacityProvider every 10 s" in _text(
            app.query_one("#plan-detail-body", Static)))
        # Offline: apply is refused before any dialog.
        said = len(notices(app))
        await pilot.press("a")
        assert await wait_for(pilot, lambda: any("offline" in m for m in notices(app)[said:])), notices(app)
        assert not isinstance(app.screen, ApplyPlanDialog)
        # p on the plan plans anew and asks again; a directory that does not exist is named, nothing changes.
        await pilot.press("p")
        assert await wait_for(pilot, lambda: showing(app, TextPrompt))
        app.screen.query_one(Input).value = str(tmp_path / "missing")
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: any(str(tmp_path / "missing") in m for m in notices(app)))
        assert needs_code(_plan(app))
        # With the code directory the plan zips it (and the directory is remembered).
        await pilot.press("p")
        assert await wait_for(pilot, lambda: showing(app, TextPrompt))
        app.screen.query_one(Input).value = str(code)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: _plan(app) is not None and not needs_code(_plan(app)))
        zipped = _plan(app).step("create-function").parameters["Code"]["ZipFile"]
        assert zipped.startswith(f"${{zip:{code}#sha256=")
        assert app.remembered_code_dir() == str(code)
        await pilot.press("p")  # plans anew with the remembered code: no question
        await pilot.pause()
        assert await wait_for(pilot, lambda: not any(w.is_running for w in app.workers if w.group == "deploy-plan"))
        assert not isinstance(app.screen, TextPrompt) and not needs_code(_plan(app))
        # g goes back to the files, v to the checks.
        await pilot.press("g")
        assert await wait_for(pilot, lambda: app.query_one("#pane-deploy").view == "files")
        assert await wait_for(pilot, lambda: app.query_one("#deploy-files", DataTable).row_count > 0)


async def test_checks_view_shows_the_offline_checks_with_what_was_found(make_app, tmp_path):
    from textual.widgets import Static

    from workbench.config import AwsSettings
    from workbench.models import LmiConfiguration
    from workbench.models.preflight import PreflightReport

    app = make_app(tmp_path / "s.sqlite", demo=True, aws=AwsSettings(offline=True))
    async with app.run_test(size=(100, 30)) as pilot:
        assert await wait_for(pilot, lambda: app.store.get(LmiConfiguration) is not None)
        await pilot.press("4", "v")
        assert await wait_for(pilot, lambda: app.store.get(PreflightReport) is not None)
        report = app.store.get(PreflightReport).doc
        assert not report.account_checked and report.operations == []
        table = app.query_one("#checks-table", DataTable)
        assert await wait_for(pilot, lambda: table.row_count == len(report.checks))
        rows = {str(table.get_row_at(i)[1]): str(table.get_row_at(i)[0]) for i in range(table.row_count)}
        assert rows["Lambda Managed Instances is available in the Region"] == "✓"
        assert rows["The subnets exist, in one VPC"] == "?"
        # The first check that needs attention is highlighted, with what was found.
        detail = _text(app.query_one("#checks-detail-body", Static))
        assert "subnet-0a1b2c3d4e5f60001" in detail and "need the account" in detail
        assert "offline run" in _text(app.query_one("#checks-head", Static))


async def test_demo_never_reaches_aws_and_refuses_to_apply(make_app, tmp_path):
    from screens.deploy_dialogs import ApplyPlanDialog
    from screens.dialogs import TextPrompt
    from workbench.models import LmiConfiguration

    code = tmp_path / "code.zip"
    import zipfile

    with zipfile.ZipFile(code, "w") as archive:
        archive.writestr("app.py", "def handler(e, c):\n    return {}\n")
    app = make_app(tmp_path / "s.sqlite", demo=True)  # not offline: the demo still plans without AWS
    app.deploy_code_dir = str(code)
    async with app.run_test(size=(100, 30)) as pilot:
        assert await wait_for(pilot, lambda: app.store.get(LmiConfiguration) is not None)
        await pilot.press("4", "p")
        assert await wait_for(pilot, lambda: _plan(app) is not None)
        assert _plan(app).step("create-function").parameters["Code"]["ZipFile"].startswith("${file:")
        said = len(notices(app))
        await pilot.press("a")
        assert await wait_for(pilot, lambda: any("sample data" in m for m in notices(app)[said:])), notices(app)
        assert not isinstance(app.screen, (ApplyPlanDialog, TextPrompt))
        await pilot.press("v")
        await pilot.pause()
    assert app._aws is None  # no AWS session was ever opened
