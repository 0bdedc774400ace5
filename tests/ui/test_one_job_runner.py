"""One AWS job at a time for every pane: a cutover decision asked for while a deployment runs is refused with a
message that names the running job, Esc in the Monitor pane stops the deployment after its current call, and then
the decision's calls run as a job of the same runner (Pilot, the moto server, the LMI fake for the deployment)."""

from __future__ import annotations

from screens.cutover_dialogs import ProposalDialog
from screens.deploy_dialogs import ApplyPlanDialog
from tests.aws.conftest import aws_environment, moto, moto_endpoint  # noqa: F401 - fixtures for this module
from tests.cutover.test_weighted_alias import alias, alias_plan, two_versions
from tests.ui.conftest import wait_for
from tests.ui.test_deploy_plan_ui import (  # noqa: F401 - fixtures for this module
    REGION,
    code_dir,
    deploy_app,
    notes,
    open_plan,
    recorder,
    stored_plan,
)


async def test_a_cutover_decision_waits_for_the_deployment_and_esc_stops_it(deploy_app, recorder, moto):
    from workbench.cutover import CutoverController, discover_sources
    from workbench.models import CutoverState, DeploymentPlan

    app, lmi = deploy_app()
    lmi.create("Pending", "Active")
    two_versions(moto)
    CutoverController(app.store, author="alice").start(
        alias_plan(discover_sources(app._aws, "orders", "prod"), old_is_lmi=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_plan(pilot, app)
        # The run waits long between polls of the capacity provider, so the decision surely comes while it runs.
        stored = app.store.get(DeploymentPlan)
        steps = [s.model_copy(update={"wait": s.wait.model_copy(update={"delay_s": 600})})
                 if s.id == "wait-capacity-provider-active" else s for s in stored.doc.steps]
        app.store.put(stored.doc.model_copy(update={"steps": steps}), expected_version=stored.version)
        await pilot.press("a")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ApplyPlanDialog), attempts=600)
        await pilot.press("y")
        assert await wait_for(pilot, lambda: "Pending (check 1" in app.aws_status, attempts=600), notes(app)

        await pilot.press("5")
        await pilot.press("f")   # forward: its calls would change the account, so it needs the one job runner
        assert await wait_for(pilot, lambda: "an AWS job is already running (Deploying)" in notes(app)), notes(app)
        assert not isinstance(app.screen, ProposalDialog)            # nothing was proposed, nothing called
        assert app.aws_job_running() and "UpdateAlias" not in recorder.calls

        await pilot.press("escape")  # Esc in the Monitor pane stops the running job after its current call
        assert await wait_for(pilot, lambda: "Deployment cancelled" in notes(app) and not app.aws_job_running(),
                              attempts=600), notes(app)
        assert stored_plan(app).step("create-function").status.value == "pending"

        # The runner is free: STS says who would act and the calls are shown. Meanwhile the deployment is resumed
        # (as a on the Deploy pane does): when the person says yes, the calls must wait for it, not run beside it.
        await pilot.press("f")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ProposalDialog), attempts=600), notes(app)
        app.deploy_apply("default", confirmed_by="alice", acting_as="test")
        assert await wait_for(pilot, lambda: "Pending (check" in app.aws_status, attempts=600), notes(app)
        await pilot.press("y")
        assert await wait_for(pilot, lambda: notes(app).count("an AWS job is already running (Deploying)") == 2)
        assert "UpdateAlias" not in recorder.calls
        assert app.store.get(CutoverState).doc.decisions == []   # refused before the decision was claimed

        await pilot.press("escape")
        assert await wait_for(pilot, lambda: notes(app).count("Deployment cancelled") == 2
                              and not app.aws_job_running(), attempts=600), notes(app)
        await pilot.press("f")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ProposalDialog), attempts=600), notes(app)
        await pilot.press("y")
        assert await wait_for(pilot, lambda: "Cutover: start applied" in notes(app) and not app.aws_job_running(),
                              attempts=600), notes(app)
    assert alias(moto)["RoutingConfig"] == {"AdditionalVersionWeights": {"2": 0.1}}
    assert recorder.calls.count("UpdateAlias") == 1


# --- the Monitor's metrics polling and the cutover planner's discovery on the same runner (issue 13 item 4) -------
class GatedSource:
    """A metrics source (the monitor's interface, not an AWS client) whose fetch waits until the test opens the
    gate, so a refresh can be held "in flight"; it answers with the simulator's numbers."""

    def __init__(self) -> None:
        import threading

        from workbench.metrics import SimulatedSource

        self.inner = SimulatedSource(lmi_share=0.5)
        self.name = "gated simulation"
        self.gate = threading.Event()
        self.started = 0
        self.order: list[str] = []

    def fetch(self, queries, start, end):
        self.started += 1
        self.order.append(f"fetch {self.started}")
        self.gate.wait(5)  # bounded: a broken test fails instead of hanging
        return self.inner.fetch(queries, start, end)


def person_job(order: list[str], release):
    """A job a person started: it waits until released or cancelled (Esc), and says which."""
    def job(_session, _progress, cancel):
        order.append("job")
        for _ in range(500):  # bounded (10 s): a broken test fails instead of hanging
            if release.is_set() or cancel.is_set():
                break
            cancel.wait(0.02)
        return "Holding: cancelled" if cancel.is_set() else "Holding: done"
    return job


async def _watched_pane(pilot, app, source):
    from workbench.monitor import MonitorTarget

    await pilot.press("5")
    pane = app.query_one("#pane-monitor")
    pane.monitor_functions([MonitorTarget(function_name="orders-lmi", alias="live", version="1",
                                          capacity_provider="fleet", old_function_name="orders")])
    pane.use_source(source, label="gated", every_seconds=3600)  # offline, so this is the first fetch
    return pane


async def test_a_refresh_in_flight_yields_to_a_persons_job_and_is_never_shown_or_cancelled(make_app, tmp_path):
    import threading

    from workbench.config import AwsSettings

    app = make_app(tmp_path / "s.sqlite", aws=AwsSettings(offline=True))
    source = GatedSource()
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await _watched_pane(pilot, app, source)
        assert await wait_for(pilot, lambda: source.started == 1)
        # a refresh in flight is not the person's job: not in the status bar, and no job "is running"
        assert app.aws_status == "" and not app.aws_job_running()

        release = threading.Event()
        assert app.run_aws_job("Holding", person_job(source.order, release), needs_account=False)
        assert app.aws_job_running() and app.aws_status == "Holding… (after the call in flight)"
        await pilot.pause(0.2)
        assert source.order == ["fetch 1"]       # the person's job waits for the one call in flight ...
        source.gate.set()
        assert await wait_for(pilot, lambda: pane.refreshes == 1 and source.order == ["fetch 1", "job"])
        assert app.aws_status == "Holding…"      # ... which lands, then the job starts and is the one shown

        source.gate.clear()
        await pilot.press("r")                   # a refresh asked for while the person's job runs waits for it
        await pilot.pause(0.2)
        assert source.started == 1 and pane.refreshes == 1
        await pilot.press("escape")              # Esc in the Monitor pane stops the job the status bar shows
        assert await wait_for(pilot, lambda: "Holding: cancelled" in notes(app) and not app.aws_job_running())
        assert await wait_for(pilot, lambda: source.started == 2)  # then the refresh that waited runs
        assert app.aws_status == ""
        await pilot.press("escape")              # nothing of the person's runs: Esc does not touch the refresh
        source.gate.set()
        assert await wait_for(pilot, lambda: pane.refreshes == 2)


async def test_a_refresh_that_hangs_holds_a_persons_job_back_only_for_a_bounded_time(make_app, tmp_path,
                                                                                     monkeypatch):
    import threading

    import workbench.app.aws_jobs as aws_jobs
    from workbench.config import AwsSettings

    monkeypatch.setattr(aws_jobs, "YIELD_WAIT_S", 0.1)
    app = make_app(tmp_path / "s.sqlite", aws=AwsSettings(offline=True))
    source = GatedSource()
    async with app.run_test(size=(100, 30)) as pilot:
        await _watched_pane(pilot, app, source)
        assert await wait_for(pilot, lambda: source.started == 1)
        release = threading.Event()
        assert app.run_aws_job("Holding", person_job(source.order, release), needs_account=False)
        assert await wait_for(pilot, lambda: source.order == ["fetch 1", "job"])  # the fetch has not returned
        assert app.aws_status == "Holding…"
        release.set()
        assert await wait_for(pilot, lambda: "Holding: done" in notes(app) and not app.aws_job_running())
        source.gate.set()


async def test_discovery_in_the_planner_is_a_job_of_the_one_runner(make_app, tmp_path, moto):
    import threading

    from screens.cutover_setup import CutoverSetupScreen
    from tests.cutover.conftest import REGION
    from tests.ui.test_cutover_setup import _session_documents, _text

    moto.create_function("orders")
    app = make_app(tmp_path / "s.sqlite", aws=moto.settings(REGION))
    _session_documents(app.store)
    shown: list[str] = []
    order: list[str] = []
    release = threading.Event()
    async with app.run_test(size=(100, 30)) as pilot:
        app.watch(app, "aws_status", lambda value: shown.append(value), init=False)
        await pilot.press("5")
        await pilot.pause()
        assert app.run_aws_job("Holding", person_job(order, release), needs_account=False)
        await pilot.press("P")
        assert await wait_for(pilot, lambda: isinstance(app.screen, CutoverSetupScreen))
        dialog = app.screen
        # refused while another AWS job runs, with its name; the dialog says so and nothing was discovered
        assert await wait_for(pilot, lambda: "an AWS job is already running (Holding)" in notes(app)), notes(app)
        assert "Discovery not started: another AWS job is running" in _text(dialog, "#setup-discovery")
        assert dialog.discoveries == 0 and not dialog.discovering and dialog.setup is None

        release.set()
        assert await wait_for(pilot, lambda: not app.aws_job_running())
        await pilot.press("ctrl+r")
        assert await wait_for(pilot, lambda: dialog.discoveries == 1, attempts=400)
        assert "Nothing invokes orders that discovery can see" in _text(dialog, "#setup-discovery")
        assert "Discovering what invokes orders…" in shown  # the status bar showed it while it ran
        assert await wait_for(pilot, lambda: app.aws_status == "" and not app.aws_job_running())
