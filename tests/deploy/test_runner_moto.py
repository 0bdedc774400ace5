"""Applying a plan against the moto server (IAM, Lambda functions/versions/aliases, CloudWatch alarms, Scheduler)
with Lambda on the LMI fake (tests/deploy/lmi_fake.py): order, the record in the store, adoption and refusals."""

from __future__ import annotations

import json
import threading

import pytest

from tests.deploy.conftest import ACCOUNT, REGION, no_sleep
from workbench.deploy import DeploymentRunner, DeployRefused, build_plan, save_plan
from workbench.deploy.plan import TAG_KEY
from workbench.iac import IacOptions
from workbench.models import DeploymentPlan
from workbench.models.deploy import StepStatus
from workbench.store import Store

SCHEDULED = IacOptions(scheduled_scaling=True)


def planned(store, workload, config, code_dir, options=SCHEDULED, session=None) -> DeploymentPlan:
    plan = build_plan(workload, config, options, region=REGION, function_code=code_dir, session=session)
    save_plan(store, plan)
    return plan


def runner(store, lmi, **kw) -> DeploymentRunner:
    return DeploymentRunner(store, lmi.session, author="ana", clients=lmi.clients, sleep=no_sleep, **kw)


def test_apply_makes_the_planned_calls_in_order_and_records_every_step(moto, lmi, recorder, store, workload, config,
                                                                        code_dir) -> None:
    plan = planned(store, workload, config, code_dir)
    lmi.fake.configure(provider_reads=2)
    result = runner(store, lmi).apply(plan.id, confirmed_by="ana")

    assert result.outcome == "completed", result.message
    lmi.assert_every_call_validated()
    # The mutating calls are exactly the plan's call steps, in the plan's order (waits and look-ups are reads).
    planned_calls = [s.operation for s in plan.steps if s.kind.value == "call"]
    assert recorder.mutating == planned_calls
    assert recorder.count("GetCapacityProvider") == 3 and recorder.count("GetCallerIdentity") == 1

    stored = store.get(DeploymentPlan, plan.id).doc
    assert stored.confirmed_by == "ana" and stored.confirmed_at is not None and stored.mode.value == "apply"
    assert all(s.status is StepStatus.DONE and s.finished_at >= s.started_at for s in stored.steps)
    assert stored.account_id == ACCOUNT
    # References were resolved from recorded outputs, and the sent parameters show it.
    role_arn = f"arn:aws:iam::{ACCOUNT}:role/orders-api-cp-operator"
    assert stored.step("create-operator-role").outputs["Role"]["Arn"] == role_arn
    assert stored.step("create-capacity-provider").sent["PermissionsConfig"] == {
        "CapacityProviderOperatorRoleArn": role_arn}
    assert stored.step("create-function").sent["Code"]["ZipFile"].startswith("${zip:")
    assert stored.step("attach-operator-role-policy").sent == {
        "RoleName": "orders-api-cp-operator", "PolicyArn": "arn:aws:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator"}
    assert "${" not in stored.step("put-execution-role-policy").sent["PolicyDocument"]

    # What moto now holds.
    iam, lam = moto.client("iam"), moto.client("lambda")
    role = iam.get_role(RoleName="orders-api-execution")["Role"]
    assert {t["Key"]: t["Value"] for t in role["Tags"]}[TAG_KEY] == plan.deployment_id
    assert lam.get_function(FunctionName="orders-api")["Tags"][TAG_KEY] == plan.deployment_id
    assert lam.get_alias(FunctionName="orders-api", Name="live")["FunctionVersion"] == "1"
    alarms = {a["AlarmName"]: a for a in moto.client("cloudwatch").describe_alarms()["MetricAlarms"]}
    assert set(alarms) == {"orders-api-live-throttle-rate", "orders-api-execution-environment-cpu"}
    assert alarms["orders-api-execution-environment-cpu"]["Threshold"] == 80.0
    assert {d["Name"]: d["Value"] for d in alarms["orders-api-execution-environment-cpu"]["Dimensions"]}[
        "Resource"] == "orders-api:1"
    schedule = moto.client("scheduler").get_schedule(Name="orders-api-business-hours-up")
    assert json.loads(schedule["Target"]["Input"])["Qualifier"] == "1"
    assert schedule["Target"]["RoleArn"] == f"arn:aws:iam::{ACCOUNT}:role/orders-api-scaling-schedule"

    # Every step's start and finish is in the audit log, with the author.
    feed = [c for c in store.changes(kind="deploy-plan") if "step " in c.summary]
    assert len(feed) == 2 * len(plan.steps)
    assert all(c.author == "ana" and "ana" in c.summary for c in feed)
    assert [c.summary.split()[1] for c in feed[:2]] == ["create-execution-role"] * 2


def test_a_finished_plan_applied_again_calls_nothing(lmi, recorder, store, workload, config, code_dir) -> None:
    plan = planned(store, workload, config, code_dir, IacOptions())
    assert runner(store, lmi).apply(plan.id, confirmed_by="ana").outcome == "completed"
    before = len(recorder.calls)
    again = runner(store, lmi).apply(plan.id, confirmed_by="bob")
    assert again.outcome == "completed" and "nothing to call" in again.message
    assert recorder.calls[before:] == []


@pytest.mark.parametrize("who", [None, "", "   "])
def test_an_unconfirmed_apply_calls_nothing_and_changes_nothing(lmi, recorder, store, workload, config, code_dir,
                                                                who) -> None:
    plan = planned(store, workload, config, code_dir)
    before = store.get(DeploymentPlan, plan.id)
    with pytest.raises(DeployRefused, match="confirmation"):
        runner(store, lmi).apply(plan.id, confirmed_by=who)
    assert recorder.calls == []
    after = store.get(DeploymentPlan, plan.id)
    assert after.version == before.version and not after.doc.confirmed


def test_a_read_only_store_or_a_plan_without_code_is_refused_before_any_call(tmp_path, lmi, recorder, workload,
                                                                             config) -> None:
    path = tmp_path / "s.sqlite"
    with Store.open(path, author="ana") as writable:
        save_plan(writable, build_plan(workload, config, region=REGION))  # no code: the placeholder
        with pytest.raises(DeployRefused, match="function code"):
            runner(writable, lmi).apply("default", confirmed_by="ana")
    with Store.open(path, author="viewer", readonly=True) as viewer, pytest.raises(DeployRefused, match="read-only"):
        runner(viewer, lmi).apply("default", confirmed_by="viewer")
    assert recorder.calls == []


def test_an_existing_role_that_is_not_ours_fails_the_step_and_is_left_alone(moto, lmi, recorder, store, workload,
                                                                          config, code_dir) -> None:
    trust = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
    moto.client("iam").create_role(RoleName="orders-api-cp-operator", AssumeRolePolicyDocument=trust)
    plan = planned(store, workload, config, code_dir)
    result = runner(store, lmi).apply(plan.id, confirmed_by="ana")

    assert result.outcome == "failed" and result.step_id == "create-operator-role"
    step = store.get(DeploymentPlan, plan.id).doc.step("create-operator-role")
    assert step.status is StepStatus.FAILED and not step.adopted
    assert "orders-api-cp-operator already exists and was not created by this deployment" in step.explanation
    assert "choose another name" in step.explanation
    # Nothing was written to the foreign role, and nothing after the failed step ran.
    assert moto.client("iam").list_role_policies(RoleName="orders-api-cp-operator")["PolicyNames"] == []
    assert recorder.mutating == ["CreateRole", "PutRolePolicy", "CreateRole"]
    assert store.get(DeploymentPlan, plan.id).doc.step("create-capacity-provider").status is StepStatus.PENDING


def test_a_role_left_by_this_deployment_is_adopted_not_created_twice(moto, lmi, recorder, store, workload, config,
                                                                    code_dir) -> None:
    plan = planned(store, workload, config, code_dir, IacOptions())
    trust = json.dumps({"Version": "2012-10-17", "Statement": []})
    moto.client("iam").create_role(RoleName="orders-api-execution", AssumeRolePolicyDocument=trust,
                                   Tags=[{"Key": TAG_KEY, "Value": plan.deployment_id}])
    result = runner(store, lmi).apply(plan.id, confirmed_by="ana")
    assert result.outcome == "completed", result.message
    step = result.plan.step("create-execution-role")
    assert step.adopted and step.status is StepStatus.DONE and "adopted" in step.outcome
    assert step.outputs["Role"]["RoleName"] == "orders-api-execution"


def test_cancelling_between_steps_stops_before_the_next_call(lmi, recorder, store, workload, config,
                                                           code_dir) -> None:
    plan = planned(store, workload, config, code_dir)
    stop = threading.Event()

    def progress(event) -> None:
        if event.phase == "done" and event.step.id == "attach-operator-role-policy":
            stop.set()

    result = runner(store, lmi, cancel=stop, on_progress=progress).apply(plan.id, confirmed_by="ana")
    assert result.outcome == "cancelled" and result.step_id == "create-capacity-provider"
    assert recorder.mutating == ["CreateRole", "PutRolePolicy", "CreateRole", "AttachRolePolicy"]
    statuses = [s.status for s in store.get(DeploymentPlan, plan.id).doc.steps]
    assert statuses[:4] == [StepStatus.DONE] * 4 and set(statuses[4:]) == {StepStatus.PENDING}
    assert any("cancelled the run before step create-capacity-provider" in c.summary
               for c in store.changes(kind="deploy"))


def test_a_plan_changed_after_its_confirmation_is_refused(lmi, recorder, store, workload, config, code_dir) -> None:
    plan = planned(store, workload, config, code_dir)
    runner(store, lmi).confirm(plan.id, confirmed_by="ana")
    stored = store.get(DeploymentPlan, plan.id)
    edited = stored.doc.model_copy(deep=True)
    edited.steps[4].parameters["CapacityProviderScalingConfig"]["MaxVCpuCount"] = 15_000
    store.put(edited, expected_version=stored.version, summary="someone edits the confirmed plan")
    with pytest.raises(DeployRefused, match="changed after ana confirmed it"):
        runner(store, lmi).apply(plan.id, confirmed_by="ana")
    assert recorder.calls == []


def test_cancelling_during_a_wait_puts_the_wait_back_and_resumes_it(lmi, recorder, store, workload, config,
                                                                   code_dir) -> None:
    plan = planned(store, workload, config, code_dir, IacOptions())
    stop = threading.Event()

    def progress(event) -> None:
        if event.phase == "polling":
            stop.set()

    result = runner(store, lmi, cancel=stop, on_progress=progress).apply(plan.id, confirmed_by="ana")
    assert result.outcome == "cancelled" and result.step_id == "wait-capacity-provider-active"
    wait = store.get(DeploymentPlan, plan.id).doc.step("wait-capacity-provider-active")
    assert wait.status is StepStatus.PENDING and "cancelled while waiting" in wait.outcome
    assert lmi.fake.capacity_providers["orders-api-capacity"]["State"] == "Pending"

    assert runner(store, lmi).apply(plan.id, confirmed_by="ana").outcome == "completed"
    assert recorder.count("CreateCapacityProvider") == 1
