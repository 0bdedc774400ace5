"""One AWS job at a time for every pane: a cutover decision asked for while a deployment runs is refused with a
message that names the running job, Esc in the Monitor pane stops the deployment after its current call, and then
the decision's calls run as a job of the same runner (Pilot, the moto server, the LMI fake for the deployment)."""

from __future__ import annotations

from screens.cutover_dialogs import ProposalDialog
from screens.deploy_dialogs import ApplyPlanDialog
from tests.aws.conftest import aws_environment, moto, moto_endpoint  # noqa: F401 - fixtures for this module
from tests.cutover.test_weighted_alias import alias, alias_plan, two_versions
from tests.ui.conftest import showing, wait_for
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
        assert await wait_for(pilot, lambda: showing(app, ApplyPlanDialog), attempts=600)
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
        assert await wait_for(pilot, lambda: showing(app, ProposalDialog), attempts=600), notes(app)
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
        assert await wait_for(pilot, lambda: showing(app, ProposalDialog), attempts=600), notes(app)
        await pilot.press("y")
        assert await wait_for(pilot, lambda: "Cutover: start applied" in notes(app) and not app.aws_job_running(),
                              attempts=600), notes(app)
    assert alias(moto)["RoutingConfig"] == {"AdditionalVersionWeights": {"2": 0.1}}
    assert recorder.calls.count("UpdateAlias") == 1
