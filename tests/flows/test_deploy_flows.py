"""The deployment flows (workbench.flows.deploy) without Textual: real SQLite, boto3 against the moto server, the LMI
calls on the fake of the LMI control plane. What the Deploy pane and `lmi-workbench deploy` both call."""

from __future__ import annotations

import dataclasses
import threading

from tests.deploy.conftest import ACCOUNT, REGION, no_sleep
from tests.flows.conftest import put
from workbench.flows.acting import Actor
from workbench.flows.result import Outcome
from workbench.flows.deploy import (
    acting_identity,
    apply_deployment,
    apply_refusal,
    deploy_inputs,
    plan_deployment,
    preflight,
    prepare_cleanup,
)
from workbench.iac import IacOptions
from workbench.models import DeploymentPlan
from workbench.models.preflight import PreflightReport

OPTIONS = IacOptions()


def planned(store, actor, lmi, code_dir):
    result = plan_deployment(store, actor, OPTIONS, session_factory=lambda: lmi.session, function_code=code_dir)
    assert result.ok and result.plan is not None, result.message
    return result.plan


def test_plan_apply_and_cleanup_through_the_flows(moto, lmi, recorder, store, actor, workload, code_dir):
    put(store, workload)
    plan = planned(store, actor, lmi, code_dir)
    assert recorder.mutating == []                       # planning makes read-only look-ups only
    assert store.get(DeploymentPlan).doc.id == plan.id   # and the plan is in the store

    who = acting_identity(lmi.session, plan.region)
    assert who.ok and who.identity is not None and who.identity.account == ACCOUNT
    lmi.fake.configure(provider_reads=1)
    applied = apply_deployment(store, actor, plan.id, confirmed_by="ana", acting_as=who.acting_as,
                               session=lmi.session, clients=lmi.clients, sleep=no_sleep)
    assert applied.ok and applied.ended == "completed", applied.message
    assert applied.message.startswith("Deployment completed:")
    assert recorder.mutating == [s.operation for s in plan.steps if s.kind.value == "call"]
    lmi.assert_every_call_validated()
    stored = store.get(DeploymentPlan).doc
    assert stored.confirmed_by == "ana" and all(s.status.value == "done" for s in stored.steps)

    # Planning again would replace the record of what exists: refused, and it says what to do instead.
    again = plan_deployment(store, actor, OPTIONS, session_factory=lambda: lmi.session, function_code=code_dir)
    assert not again.ok and again.exists and "resume it, or clean it up" in again.message

    cleanup = prepare_cleanup(store, actor)
    assert cleanup.ok and cleanup.plan is not None and cleanup.plan.id == "default-cleanup"
    before = len(recorder.mutating)
    removed = apply_deployment(store, actor, cleanup.plan.id, confirmed_by="ana", session=lmi.session,
                               clients=lmi.clients, sleep=no_sleep)
    assert removed.ok and removed.message.startswith("Cleanup completed:"), removed.message
    assert len(recorder.mutating) > before
    assert moto.client("iam").list_roles()["Roles"] == []          # the roles it created are gone
    finished = prepare_cleanup(store, actor)
    assert finished.ok and finished.finished and "finished" in finished.message


def test_apply_needs_someones_confirmation_and_calls_nothing_without_it(lmi, recorder, store, actor, workload,
                                                                       code_dir):
    put(store, workload)
    plan = planned(store, actor, lmi, code_dir)
    result = apply_deployment(store, actor, plan.id, confirmed_by="  ", session=lmi.session, clients=lmi.clients)
    assert not result.ok and result.ended == "refused" and "confirmation" in result.message
    assert result.outcome is Outcome.DECLINED and result.severity == "warning"
    assert recorder.mutating == []
    assert all(s.status.value == "pending" for s in store.get(DeploymentPlan).doc.steps)


def test_read_only_offline_and_the_demo_refuse_before_any_call(lmi, recorder, store, actor, workload, code_dir):
    put(store, workload)
    plan = planned(store, actor, lmi, code_dir)
    version = store.get(DeploymentPlan).version
    for who, words in ((dataclasses.replace(actor, readonly=True), "read-only"),
                       (dataclasses.replace(actor, offline=True), "offline"),
                       (dataclasses.replace(actor, demo=True), "sample data")):
        assert words in (apply_refusal(who) or "")
        result = apply_deployment(store, who, plan.id, confirmed_by="ana", session=lmi.session, clients=lmi.clients)
        assert not result.ok and words in result.message
        assert result.outcome is Outcome.REFUSED and result.severity == "warning"
    reader = dataclasses.replace(actor, readonly=True)
    assert not plan_deployment(store, reader, OPTIONS, session_factory=lambda: lmi.session).ok
    assert not preflight(store, reader, OPTIONS, session_factory=lambda: lmi.session).ok
    assert not prepare_cleanup(store, reader).ok
    assert recorder.mutating == []
    assert store.get(DeploymentPlan).version == version     # nothing was written
    assert apply_refusal(actor, job_running=True) is not None and apply_refusal(actor) is None


def test_missing_inputs_and_a_region_without_lmi_are_said_in_words(lmi, recorder, store, actor, workload):
    missing = plan_deployment(store, actor, OPTIONS, session_factory=lambda: lmi.session)
    assert not missing.ok and "no workload" in missing.message
    assert not preflight(store, actor, OPTIONS, session_factory=None).ok
    put(store, workload.model_copy(update={"region": None}))
    nowhere = plan_deployment(store, dataclasses.replace(actor, region=None), OPTIONS, session_factory=None)
    assert not nowhere.ok and "No Region" in nowhere.message
    wrong = plan_deployment(store, dataclasses.replace(actor, region="xx-nowhere-1", region_first=True), OPTIONS,
                            session_factory=None)
    assert not wrong.ok and "not available in xx-nowhere-1" in wrong.message
    assert store.get(DeploymentPlan) is None and recorder.mutating == []


def test_an_unsupported_runtime_is_planned_only_with_the_upgrade_chosen(store, actor, workload):
    put(store, workload.model_copy(update={"runtime": "python3.12"}))
    refused = plan_deployment(store, actor, OPTIONS, session_factory=None)
    assert not refused.ok and "cannot plan the deployment" in refused.message and "python3.13" in refused.message
    chosen = plan_deployment(store, dataclasses.replace(actor, offline=True),
                             IacOptions(upgrade_runtime="python3.13"), session_factory=None)
    assert chosen.ok and chosen.plan is not None and chosen.plan.runtime_upgrade is not None
    assert chosen.plan.runtime_upgrade.chosen_by == "ana"
    inputs = deploy_inputs(store, actor, OPTIONS, sizing_fallback=True)   # the pre-flight sizes it as upgraded
    assert inputs.workload.runtime == "python3.12"


def test_preflight_offline_then_against_the_account_and_cancelled(moto, lmi, recorder, store, actor, workload):
    put(store, workload)
    offline = preflight(store, dataclasses.replace(actor, offline=True), OPTIONS, session_factory=None)
    assert offline.ok and "only the checks that need no AWS account ran (--offline)" in offline.message
    assert not store.get(PreflightReport).doc.account_checked
    checked = preflight(store, actor, OPTIONS, session_factory=lambda: lmi.session)
    assert checked.report is not None and checked.report.account_checked, checked.message
    assert f"({len(checked.report.operations)} read-only calls)" in checked.message
    assert store.get(PreflightReport).doc.account_checked and recorder.mutating == []
    stop = threading.Event()
    stop.set()
    stopped = preflight(store, actor, OPTIONS, session_factory=lambda: lmi.session, cancel=stop)
    assert not stopped.ok and "stopped" in stopped.message
    assert stopped.outcome is Outcome.CANCELLED and stopped.severity == "warning" and stopped.report is not None


def test_a_partner_applying_the_same_plan_is_a_conflict_not_a_second_run(lmi, recorder, store, actor, workload,
                                                                          code_dir, tmp_path):
    from workbench.store import Store

    put(store, workload)
    plan = planned(store, actor, lmi, code_dir)
    lmi.fake.configure(provider_reads=1)
    partner = Store.open(store.path, author="bob", session="flows-test")
    try:
        def changed_by_partner(event) -> None:
            # Bob's workbench edits the plan while Ana's run is between steps (a second driver).
            if event.phase == "done" and event.index == 0:
                found = partner.get(DeploymentPlan)
                partner.put(found.doc.model_copy(update={"notes": [*found.doc.notes, "bob was here"]}),
                            expected_version=found.version, summary="bob edits the plan")

        result = apply_deployment(store, actor, plan.id, confirmed_by="ana", session=lmi.session,
                                  clients=lmi.clients, sleep=no_sleep, on_progress=changed_by_partner)
    finally:
        partner.close()
    assert not result.ok and "is someone else applying this plan?" in result.message
    assert result.outcome is Outcome.CONFLICT and result.severity == "error"
    assert len(recorder.mutating) == 1   # the run stopped after the one call it had made


def test_the_identity_is_said_or_its_problem(lmi, moto):
    from workbench.aws.session import open_session

    assert acting_identity(lmi.session, REGION).acting_as.startswith("arn:aws:")
    broken = open_session(dataclasses.replace(moto.settings(REGION), endpoint_url="http://127.0.0.1:9"),
                          max_attempts=1)
    failed = acting_identity(broken, REGION)
    assert not failed.ok and failed.identity is None and "nothing was confirmed or called" in failed.message


def test_the_actor_of_a_tui_run_follows_its_config(store):
    from workbench.config import AppConfig, AwsSettings

    config = AppConfig(session="s", author="ana", readonly=True, aws=AwsSettings(region="eu-west-1"))
    actor = Actor.of(config, store)
    assert actor.readonly and actor.author == "ana" and actor.region_for(None) == "eu-west-1"
    assert actor.region_for("us-east-1") == "us-east-1"      # the TUI: the workload's Region wins
    assert dataclasses.replace(actor, region_first=True).region_for("us-east-1") == "eu-west-1"
