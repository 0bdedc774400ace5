"""The Deploy pane's guided deployment and pre-flight with Pilot, against the moto server.

The App's AWS session points at moto; Lambda goes to the fake of the LMI control plane moto lacks
(tests/deploy/lmi_fake.py: capacity providers, LMI function states, scaling config; it checks each request against
the service model and passes the rest of Lambda on to moto), routed in through the App's ``deploy_client_routes``
seam. Every operation any client is asked to make is recorded by a botocore
``before-call`` hook, so the tests can say exactly which calls changed the account (and that planning, the
pre-flight, a declined confirmation and a read-only viewer changed nothing).
"""

from __future__ import annotations

import threading

import pytest
from textual.widgets import DataTable, Static

from screens.deploy_dialogs import ApplyPlanDialog
from tests.aws.conftest import aws_environment, moto, moto_endpoint  # noqa: F401 - fixtures for this module
from tests.deploy.lmi_fake import LmiFake
from tests.ui.conftest import notices, showing, wait_for
from workbench.aws.session import open_session
from workbench.deploy import (
    DeploymentRunner,
    RoutedClients,
    SessionClients,
    build_plan,
    save_plan,
)
from workbench.deploy.plan import TAG_KEY, is_mutating

REGION = "us-east-1"
ACCOUNT = "123456789012"
SERVICES = ("iam", "lambda", "cloudwatch", "scheduler", "sts", "ec2", "service-quotas")
PROVIDER = "orders-api-capacity"


class Recorder:
    """Every operation a client is asked to make (botocore ``before-call``), Stubbed ones included."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, model=None, **_) -> None:
        with self._lock:
            self.calls.append(model.name)

    def attach(self, client) -> None:
        client.meta.events.register_first("before-call.*.*", self, unique_id=f"recorder-{id(self)}")

    @property
    def mutating(self) -> list[str]:
        return [op for op in self.calls if is_mutating(op)]


class Lmi:
    """The LMI fake, its Lambda client recorded; ``create`` says how the capacity provider's polls answer."""

    def __init__(self, endpoint: str, recorder: Recorder) -> None:
        self.fake = LmiFake(endpoint, provider_reads=0)
        self.client = self.fake.client
        recorder.attach(self.client)
        self.routes = self.fake.routes()

    def create(self, *polls: str) -> None:
        """The capacity provider's state at each poll: Pending ones first, then Active or Failed."""
        self.fake.configure(provider_reads=sum(1 for state in polls if state == "Pending"))
        if polls and polls[-1] == "Failed":
            self.fake.fail_capacity_provider(PROVIDER)

    def assert_every_call_validated(self) -> None:
        assert self.fake.calls and all(c.validated for c in self.fake.calls)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def code_dir(tmp_path):
    root = tmp_path / "orders"
    root.mkdir()
    (root / "app.py").write_text("def handler(event, context):\n    return {'ok': True}\n")
    return root


def demo_workload():
    from workbench.demo import demo_documents
    from workbench.models import Workload

    return next(doc for doc, _ in demo_documents() if isinstance(doc, Workload))


@pytest.fixture
def deploy_app(make_app, moto, recorder, tmp_path, code_dir):
    """An App on a session holding the demo's workload (not marked as a demo), its AWS session on moto with the
    recorder on every client, Lambda on the LMI fake, and the code directory remembered."""
    from workbench.store import Store

    moto.add_aws_managed_policy("AWSLambdaManagedEC2ResourceOperator")  # the operator role attaches it

    def build(path=None, *, readonly: bool = False, author: str = "alice"):
        path = path or tmp_path / "s.sqlite"
        if not path.exists():
            with Store.open(path, author="setup", session="payments-api") as store:
                store.put(demo_workload(), expected_version=None, summary="workload")
        app = make_app(path, author=author, readonly=readonly, aws=moto.settings(REGION))
        app._aws = open_session(moto.settings(REGION))
        for service in SERVICES:
            recorder.attach(app._aws.client(service, REGION))
        lmi = Lmi(moto.endpoint, recorder)
        app.deploy_client_routes = lmi.routes
        app.deploy_code_dir = str(code_dir)
        return app, lmi

    return build


def stored_plan(app, plan_id: str = "default"):
    from workbench.models import DeploymentPlan

    found = app.store.get(DeploymentPlan, plan_id)
    return found.doc if found else None


def marks(app) -> list[str]:
    table = app.query_one("#plan-steps", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def text_of(app, selector: str) -> str:
    """What a Static shows, as plain text (Rich renderables rendered without colour)."""
    import io

    from rich.console import Console

    content = app.query_one(selector, Static).content
    if isinstance(content, str):
        return content
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(content)
    return console.file.getvalue()


def detail(app) -> str:
    return text_of(app, "#plan-detail-body")


def notes(app) -> str:
    """Every notice said so far: a toast can time out before a loaded machine gets to look at it."""
    return "\n".join(notices(app))


async def open_plan(pilot, app) -> None:
    from workbench.models import LmiConfiguration

    assert await wait_for(pilot, lambda: app.store.get(LmiConfiguration) is not None)
    await pilot.press("4", "p")
    assert await wait_for(pilot, lambda: stored_plan(app) is not None and app.query_one("#plan-steps").row_count)


async def test_plan_then_decline_calls_nothing_that_changes_the_account(deploy_app, recorder):
    app, _ = deploy_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_plan(pilot, app)
        plan = stored_plan(app)
        # Planning made read-only look-ups only: the account, and whether the function exists (it does not).
        assert "GetCallerIdentity" in recorder.calls and "GetFunction" in recorder.calls
        assert recorder.mutating == []
        assert plan.account_id == ACCOUNT and plan.mode.value == "plan-only" and not plan.confirmed
        assert plan.step("create-function").parameters["Code"]["ZipFile"].startswith("${zip:")
        assert marks(app) == ["☐"] * len(plan.steps)
        await pilot.press("a")
        assert await wait_for(pilot, lambda: showing(app, ApplyPlanDialog), attempts=600)
        body = text_of(app.screen, "#deploy-confirm-text")
        mutating = [s for s in plan.steps if is_mutating(s.operation)]
        for step in mutating:
            assert f"{step.service}.{step.operation}" in body
        assert f"{len(mutating)} calls that change the account" in body
        assert "iam.CreateRole" in body and "lambda.CreateCapacityProvider" in body and "alice" in body
        assert "lambda.GetCapacityProvider" in body  # named as a read-only wait
        # who the calls would be made as, asked of STS before the question (issue 11 item 9)
        assert f"Acting as arn:aws:sts::{ACCOUNT}:" in body or f"Acting as arn:aws:iam::{ACCOUNT}:" in body
        assert f"(account {ACCOUNT}) in {plan.region}" in body
        assert f"account {ACCOUNT}" in str(app.query_one("#status-bar").render())
        await pilot.press("n")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ApplyPlanDialog))
        await pilot.pause()
    assert recorder.mutating == []
    assert not stored_plan(app).confirmed and all(s.status.value == "pending" for s in stored_plan(app).steps)


async def test_apply_turns_every_step_done_then_cleanup_removes_it(deploy_app, recorder, moto):
    app, lmi = deploy_app()
    lmi.create("Active")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_plan(pilot, app)
        plan = stored_plan(app)
        await pilot.press("a")
        assert await wait_for(pilot, lambda: showing(app, ApplyPlanDialog), attempts=600)
        await pilot.press("y")
        assert await wait_for(pilot, lambda: all(s.status.value == "done" for s in stored_plan(app).steps),
                              attempts=600), notes(app)
        assert await wait_for(pilot, lambda: marks(app) == ["☑"] * len(plan.steps))
        assert await wait_for(pilot, lambda: "Deployment completed" in notes(app) and not app.aws_job_running())
        done = stored_plan(app)
        assert done.confirmed_by == "alice" and done.mode.value == "apply"
        assert recorder.mutating == [s.operation for s in plan.steps if s.kind.value == "call"]
        lmi.assert_every_call_validated()
        assert moto.client("lambda").get_alias(FunctionName="orders-api", Name="live")["FunctionVersion"] == "1"
        assert "finished" in text_of(app, "#plan-head")

        # a again: nothing to call.
        before = len(recorder.calls)
        said = len(notices(app))
        await pilot.press("a")
        assert await wait_for(pilot, lambda: any("nothing to call" in m for m in notices(app)[said:]))
        assert not isinstance(app.screen, ApplyPlanDialog)

        # x: the cleanup plan, confirmed, removes what the deployment created (function before provider).
        await pilot.press("x")
        assert await wait_for(pilot, lambda: showing(app, ApplyPlanDialog), attempts=600)
        body = text_of(app.screen, "#deploy-confirm-text")
        assert body.index("lambda.DeleteFunction") < body.index("lambda.DeleteCapacityProvider") \
            < body.index("iam.DeleteRole")
        assert recorder.calls[before:] == []
        await pilot.press("y")
        assert await wait_for(pilot, lambda: stored_plan(app, "default-cleanup") is not None and all(
            s.status.value == "done" for s in stored_plan(app, "default-cleanup").steps), attempts=600), notes(app)
        assert await wait_for(pilot, lambda: set(marks(app)) == {"☑"})
    lmi.assert_every_call_validated()
    assert moto.client("lambda").list_functions()["Functions"] == []
    assert not [r for r in moto.client("iam").list_roles()["Roles"] if r["RoleName"].startswith("orders-api")]


async def test_a_failing_step_is_marked_and_explained(deploy_app, recorder):
    app, lmi = deploy_app()
    lmi.create("Failed")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_plan(pilot, app)
        await pilot.press("a")
        assert await wait_for(pilot, lambda: showing(app, ApplyPlanDialog), attempts=600)
        await pilot.press("y")
        failed = "wait-capacity-provider-active"
        assert await wait_for(pilot, lambda: stored_plan(app).step(failed).status.value == "failed", attempts=600)
        assert await wait_for(pilot, lambda: marks(app)[5] == "✗")
        assert marks(app)[:5] == ["☑"] * 5 and set(marks(app)[6:]) == {"☐"}
        assert app.query_one("#plan-steps", DataTable).cursor_row == 5  # the failed step is highlighted
        text = detail(app)
        assert "Why:" in text and "state Failed" in text and "operator role" in text and "Fix:" in text
        assert "stopped: wait-capacity-provider-active failed" in text_of(app, "#plan-head")
        assert await wait_for(pilot, lambda: "Deployment failed" in notes(app))
    assert "CreateFunction" not in recorder.calls


async def test_a_read_only_viewer_sees_the_plan_and_apply_is_refused(deploy_app, recorder, tmp_path, code_dir):
    from workbench.store import Store

    path = tmp_path / "shared.sqlite"
    with Store.open(path, author="alice", session="payments-api") as store:
        store.put(demo_workload(), expected_version=None, summary="workload")
        from workbench.starting_config import starting_configuration

        save_plan(store, build_plan(demo_workload(), starting_configuration(demo_workload()), region=REGION,
                                    function_code=code_dir))
    app, _ = deploy_app(path, readonly=True, author="bob")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "p")
        assert await wait_for(pilot, lambda: app.query_one("#plan-steps", DataTable).row_count == 14)
        assert "read-only: you watch" in text_of(app, "#plan-head")
        said = len(notices(app))
        await pilot.press("a")
        assert await wait_for(pilot, lambda: any("read-only" in m for m in notices(app)[said:]))
        assert not isinstance(app.screen, ApplyPlanDialog)
        await pilot.press("x", "v")
        await pilot.pause()
        assert not isinstance(app.screen, ApplyPlanDialog)
    assert recorder.calls == []


async def test_resume_after_a_crash_shows_the_marks_and_continues(deploy_app, recorder, moto, tmp_path, code_dir):
    """A workbench died after CreateRole reached AWS but before its record: the step stays ◐ running; a resumes,
    adopts the role it finds tagged with this deployment, and sends no second CreateRole."""
    from workbench.starting_config import starting_configuration
    from workbench.store import Store

    path = tmp_path / "crashed.sqlite"
    workload = demo_workload()
    with Store.open(path, author="alice", session="payments-api") as store:
        store.put(workload, expected_version=None, summary="workload")
        plan = build_plan(workload, starting_configuration(workload), region=REGION, function_code=code_dir)
        save_plan(store, plan)
        session = open_session(moto.settings(REGION))
        iam = session.client("iam", REGION)

        def die_after_operator_role(parsed=None, **_) -> None:
            if "operator" in str((parsed or {}).get("Role", {}).get("RoleName")):
                raise SystemExit("the workbench was closed")

        iam.meta.events.register("after-call.iam.CreateRole", die_after_operator_role, unique_id="die")
        crashing = DeploymentRunner(store, session, author="alice",
                                    clients=RoutedClients(SessionClients(session, REGION), {}))
        with pytest.raises(SystemExit):
            crashing.apply(plan.id, confirmed_by="alice")
    app, lmi = deploy_app(path)
    lmi.create("Active")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "p")
        assert await wait_for(pilot, lambda: app.query_one("#plan-steps", DataTable).row_count == len(plan.steps))
        assert marks(app)[:4] == ["☑", "☑", "◐", "☐"]
        assert app.query_one("#plan-steps", DataTable).cursor_row == 2
        assert "create-operator-role is marked running" in text_of(app, "#plan-run")
        assert stored_plan(app).deployment_id == plan.deployment_id  # p showed the record; it did not plan anew
        await pilot.press("a")
        assert await wait_for(pilot, lambda: showing(app, ApplyPlanDialog), attempts=600)
        body = text_of(app.screen, "#deploy-confirm-text")
        assert "Resuming" in body and "2 finished calls are skipped" in body
        assert "create-operator-role (running) is checked first" in body
        await pilot.press("y")
        assert await wait_for(pilot, lambda: all(s.status.value == "done" for s in stored_plan(app).steps),
                              attempts=600), notes(app)
        assert await wait_for(pilot, lambda: set(marks(app)) == {"☑"})
        # p on a plan that has run shows its record; planning anew is refused until it is cleaned up.
        assert await wait_for(pilot, lambda: not app.aws_job_running() and "Deployment completed" in notes(app))
        await pilot.press("p")
        assert await wait_for(pilot, lambda: "has already run" in notes(app))
        assert stored_plan(app).deployment_id == plan.deployment_id
    step = stored_plan(app).step("create-operator-role")
    assert step.adopted and f"{TAG_KEY}={plan.deployment_id}" in step.outcome
    assert "CreateRole" not in recorder.calls  # neither role was created again
    assert recorder.calls.count("AttachRolePolicy") == 1  # only the operator role's policy was still to do


async def test_esc_stops_the_run_after_the_current_call_and_a_resumes(deploy_app, recorder):
    from workbench.models import DeploymentPlan

    app, lmi = deploy_app()
    lmi.create("Pending", "Active")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_plan(pilot, app)
        # Make the wait between polls long, so Esc surely arrives while the run waits for the provider.
        stored = app.store.get(DeploymentPlan)
        steps = [s.model_copy(update={"wait": s.wait.model_copy(update={"delay_s": 600})})
                 if s.id == "wait-capacity-provider-active" else s for s in stored.doc.steps]
        app.store.put(stored.doc.model_copy(update={"steps": steps}), expected_version=stored.version)
        await pilot.press("a")
        assert await wait_for(pilot, lambda: showing(app, ApplyPlanDialog), attempts=600)
        await pilot.press("y")
        assert await wait_for(pilot, lambda: "Pending (check 1" in app.aws_status, attempts=600), notes(app)
        assert "▶" in text_of(app, "#plan-run")
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: "Deployment cancelled" in notes(app) and not app.aws_job_running(),
                              attempts=600)
        plan = stored_plan(app)
        assert plan.step("wait-capacity-provider-active").status.value == "pending"
        assert plan.step("create-function").status.value == "pending"
        assert "CreateFunction" not in recorder.calls
        await pilot.press("a")
        assert await wait_for(pilot, lambda: showing(app, ApplyPlanDialog), attempts=600)
        await pilot.press("y")
        assert await wait_for(pilot, lambda: all(s.status.value == "done" for s in stored_plan(app).steps),
                              attempts=600), notes(app)
    assert recorder.calls.count("CreateCapacityProvider") == 1


async def test_preflight_checks_the_account_with_read_only_calls(make_app, moto, recorder, tmp_path):
    from tests.deploy_preflight._account import build_network
    from workbench.models.preflight import PreflightReport
    from workbench.store import Store

    network = build_network(moto, logs_endpoint=True)
    workload = demo_workload().model_copy(update={"subnet_ids": network.subnet_ids,
                                                  "security_group_ids": [network.security_group_id]})
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="setup", session="payments-api") as store:
        store.put(workload, expected_version=None, summary="workload")
    app = make_app(path, aws=moto.settings(REGION))
    app._aws = open_session(moto.settings(REGION))
    for service in SERVICES:
        recorder.attach(app._aws.client(service, REGION))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "v")
        # The checks that need no account are there at once; the account's arrive from the worker.
        assert await wait_for(pilot, lambda: app.query_one("#checks-table", DataTable).row_count >= 4)
        assert await wait_for(pilot, lambda: (app.store.get(PreflightReport) is not None
                                              and app.store.get(PreflightReport).doc.account_checked), attempts=600)
        report = app.store.get(PreflightReport).doc
        table = app.query_one("#checks-table", DataTable)
        assert await wait_for(pilot, lambda: table.row_count == len(report.checks))
        rows = {str(table.get_row_at(i)[1]): str(table.get_row_at(i)[0]) for i in range(table.row_count)}
        assert rows["The subnets span 3 or more Availability Zones"] == "✓"
        assert rows["The function's execution role"] == report.check("execution-role").status.value.replace(
            "pass", "✓").replace("warn", "!").replace("fail", "✗").replace("unknown", "?")
        assert await wait_for(pilot, lambda: "Esc stops" not in text_of(app, "#checks-head"))  # the job ended
        head = text_of(app, "#checks-head")
        assert f"Account checked with {len(report.operations)} read-only calls" in head
        table.move_cursor(row=[c.id for c in report.checks].index("availability-zones"))
        found = report.check("availability-zones").found
        assert found and await wait_for(pilot, lambda: all(line[:20] in text_of(app, "#checks-detail-body")
                                                           for line in found)), text_of(app, "#checks-detail-body")
    assert recorder.calls and recorder.mutating == []


async def test_a_partner_watching_read_only_sees_the_run_move(deploy_app, recorder, moto, tmp_path, code_dir):
    """Bob watches read-only while Alice's workbench (another connection to the same store file) applies the
    plan: his checklist follows the store, step by step, without any AWS call of his own."""
    from workbench.starting_config import starting_configuration
    from workbench.store import Store

    path = tmp_path / "pair.sqlite"
    workload = demo_workload()
    with Store.open(path, author="alice", session="payments-api") as store:
        store.put(workload, expected_version=None, summary="workload")
        plan = build_plan(workload, starting_configuration(workload), region=REGION, function_code=code_dir)
        save_plan(store, plan)
    app, _ = deploy_app(path, readonly=True, author="bob")
    alice_recorder = Recorder()
    alice_lmi = Lmi(moto.endpoint, alice_recorder)
    alice_lmi.create("Active")
    go, seen_running = threading.Event(), threading.Event()

    def alice() -> None:
        session = open_session(moto.settings(REGION))
        for service in SERVICES:
            alice_recorder.attach(session.client(service, REGION))
        with Store.open(path, author="alice", session="payments-api") as store:
            def pause_on_function(event) -> None:
                if event.phase == "started" and event.step.id == "create-function":
                    # hold the step "running" until Bob's screen has shown it (a bound; only a failure waits it out)
                    seen_running.wait(300)

            go.wait(300)
            DeploymentRunner(store, session, author="alice", on_progress=pause_on_function,
                             clients=RoutedClients(SessionClients(session, REGION), alice_lmi.routes),
                             sleep=lambda _seconds: None).apply(  # polls answer at once: no real waits
                plan.id, confirmed_by="alice")

    worker = threading.Thread(target=alice, daemon=True)
    worker.start()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "p")
        assert await wait_for(pilot, lambda: app.query_one("#plan-steps", DataTable).row_count == len(plan.steps))
        assert set(marks(app)) == {"☐"}
        go.set()
        assert await wait_for(pilot, lambda: marks(app)[6] == "◐", attempts=600)
        assert marks(app)[:6] == ["☑"] * 6
        assert await wait_for(pilot, lambda: "create-function is marked running" in text_of(app, "#plan-run")), \
            text_of(app, "#plan-run")
        seen_running.set()
        # bounded, not timed: the rest of Alice's run lands in the store at the machine's pace
        assert await wait_for(pilot, lambda: set(marks(app)) == {"☑"}, attempts=2400)
        assert "confirmed by alice" in text_of(app, "#plan-head")
    worker.join(300)
    assert recorder.calls == []  # Bob's workbench called nothing
    assert "CreateFunction" in alice_recorder.calls


# --- a runtime LMI does not support: the upgrade is offered, and planned only when chosen ----------------------------
def _old_runtime_store(tmp_path):
    from workbench.store import Store

    path = tmp_path / "old.sqlite"
    with Store.open(path, author="setup", session="payments-api") as store:
        store.put(demo_workload().model_copy(update={"runtime": "python3.12"}), expected_version=None,
                  summary="workload")
    return path


async def test_an_unsupported_runtime_is_planned_only_after_the_upgrade_is_chosen(deploy_app, recorder, tmp_path):
    from screens.dialogs import ConfirmDialog

    app, _ = deploy_app(_old_runtime_store(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "p")
        assert await wait_for(pilot, lambda: showing(app, ConfirmDialog))
        question = str(app.screen.query(Static).first().render())
        assert "does not yet support python3.12" in question and "python3.13" in question
        await pilot.press("y")
        assert await wait_for(pilot, lambda: stored_plan(app) is not None, attempts=200), notes(app)
        plan = stored_plan(app)
        assert plan.step("create-function").parameters["Runtime"] == "python3.13"
        assert plan.runtime_upgrade is not None and plan.runtime_upgrade.chosen_by == "alice"
        assert (plan.runtime_upgrade.from_runtime, plan.runtime_upgrade.to_runtime) == ("python3.12", "python3.13")
    assert recorder.mutating == []


async def test_declining_the_upgrade_plans_nothing_and_says_why(deploy_app, recorder, tmp_path):
    from screens.dialogs import ConfirmDialog

    app, _ = deploy_app(_old_runtime_store(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "p")
        assert await wait_for(pilot, lambda: showing(app, ConfirmDialog))
        await pilot.press("n")
        assert await wait_for(pilot, lambda: "does not yet support python3.12" in notes(app))
        assert await wait_for(pilot, lambda: "standard Lambda" in notes(app)), notes(app)
        assert stored_plan(app) is None
    assert recorder.mutating == []
