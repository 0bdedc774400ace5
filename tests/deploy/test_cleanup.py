"""The cleanup plan removes what the deployment created — only that, in an order AWS accepts — with the same
runner and the same confirmation."""

from __future__ import annotations

import pytest

from tests.deploy.conftest import REGION, no_sleep
from workbench.deploy import (
    DeploymentRunner,
    DeployRefused,
    PlanError,
    PlanExists,
    build_cleanup_plan,
    build_plan,
    save_plan,
)
from workbench.iac import IacOptions
from workbench.models import DeploymentPlan
from workbench.models.deploy import DeployMode, PlanType, StepStatus


def deployed(store, lmi, workload, config, code_dir, options=None, session=None) -> DeploymentPlan:
    plan = build_plan(workload, config, options or IacOptions(scheduled_scaling=True), region=REGION,
                      function_code=code_dir, session=session)
    save_plan(store, plan)
    result = DeploymentRunner(store, lmi.session, author="ana", clients=lmi.clients, sleep=no_sleep).apply(
        plan.id, confirmed_by="ana")
    assert result.outcome == "completed", result.message
    return result.plan


def test_cleanup_removes_everything_the_deployment_created_in_order(moto, lmi, recorder, store, workload, config,
                                                                   code_dir) -> None:
    deployed(store, lmi, workload, config, code_dir)
    cleanup = build_cleanup_plan(store, "default")
    assert cleanup.plan_type is PlanType.CLEANUP and cleanup.source_plan_id == "default"
    assert [(s.id, s.operation) for s in cleanup.steps] == [
        ("delete-business-hours-up-schedule", "DeleteSchedule"),
        ("delete-business-hours-down-schedule", "DeleteSchedule"),
        ("delete-alarms", "DeleteAlarms"),
        ("delete-alias", "DeleteAlias"),
        ("delete-function", "DeleteFunction"),
        ("wait-function-deleted", "GetFunction"),
        ("delete-capacity-provider", "DeleteCapacityProvider"),
        ("wait-capacity-provider-deleted", "GetCapacityProvider"),
        ("delete-scheduler-role-policy", "DeleteRolePolicy"), ("delete-scheduler-role", "DeleteRole"),
        ("detach-operator-role-policy", "DetachRolePolicy"), ("delete-operator-role", "DeleteRole"),
        ("delete-execution-role-policy", "DeleteRolePolicy"), ("delete-execution-role", "DeleteRole"),
    ]
    assert cleanup.step("delete-alarms").parameters == {
        "AlarmNames": ["orders-api-live-throttle-rate", "orders-api-execution-environment-cpu"]}

    save_plan(store, cleanup)
    runner = DeploymentRunner(store, lmi.session, author="ana", clients=lmi.clients, sleep=no_sleep)
    with pytest.raises(DeployRefused):
        runner.apply(cleanup.id, confirmed_by="")
    before = len(recorder.calls)
    result = runner.apply(cleanup.id, confirmed_by="ana")
    assert result.outcome == "completed", result.message
    lmi.assert_every_call_validated()
    assert [op for _, op in recorder.calls[before:] if not op.startswith(("Get", "Describe", "List"))] == [
        s.operation for s in cleanup.steps if s.kind.value == "call"]
    assert moto.client("iam").list_roles()["Roles"] == []
    assert moto.client("lambda").list_functions()["Functions"] == []
    assert moto.client("cloudwatch").describe_alarms()["MetricAlarms"] == []
    assert moto.client("scheduler").list_schedules()["Schedules"] == []
    # With the cleanup finished, the deployment may be planned again under the same id.
    save_plan(store, build_plan(workload, config, region=REGION, function_code=code_dir))


def test_what_is_already_gone_counts_as_removed(moto, lmi, store, workload, config, code_dir) -> None:
    deployed(store, lmi, workload, config, code_dir, IacOptions())
    moto.client("cloudwatch").delete_alarms(AlarmNames=["orders-api-live-throttle-rate",
                                                        "orders-api-execution-environment-cpu"])
    moto.client("iam").delete_role_policy(RoleName="orders-api-execution", PolicyName="logs")
    cleanup = build_cleanup_plan(store, "default")
    save_plan(store, cleanup)
    result = DeploymentRunner(store, lmi.session, author="ana", clients=lmi.clients, sleep=no_sleep).apply(
        cleanup.id, confirmed_by="ana")
    assert result.outcome == "completed", result.message
    assert result.plan.step("delete-execution-role-policy").outcome == "already gone"
    assert moto.client("iam").list_roles()["Roles"] == []


def test_a_standard_function_is_migrated_beside_it_and_cleanup_removes_only_the_new_one(moto, lmi, store,
                                                                                       workload, config,
                                                                                       code_dir) -> None:
    moto.create_function("orders-api", memory_mb=2048)
    lam = moto.client("lambda")
    lam.publish_version(FunctionName="orders-api")
    lam.create_alias(FunctionName="orders-api", Name="live", FunctionVersion="1")
    plan = deployed(store, lmi, workload, config, code_dir, IacOptions(), session=lmi.session)
    assert plan.step("create-function").parameters["FunctionName"] == "orders-api-lmi"
    assert plan.step("create-alias").parameters["FunctionName"] == "orders-api-lmi"
    assert "update-function-configuration" not in [s.id for s in plan.steps]
    assert any("orders-api exists without a capacity provider and is left unchanged" in n for n in plan.notes)
    assert lam.get_alias(FunctionName="orders-api", Name="live")["FunctionVersion"] == "1"

    cleanup = build_cleanup_plan(store, "default")
    assert cleanup.step("delete-function").parameters == {"FunctionName": "orders-api-lmi"}
    save_plan(store, cleanup)
    result = DeploymentRunner(store, lmi.session, author="ana", clients=lmi.clients, sleep=no_sleep).apply(
        cleanup.id, confirmed_by="ana")
    assert result.outcome == "completed", result.message
    assert [f["FunctionName"] for f in lam.list_functions()["Functions"]] == ["orders-api"]
    assert lam.get_alias(FunctionName="orders-api", Name="live")["FunctionVersion"] == "1"
    assert lmi.fake.capacity_providers == {}


def test_an_existing_lmi_function_is_only_detached_from_what_the_deployment_added(moto, lmi, store, workload,
                                                                                 config, code_dir) -> None:
    from tests.aws._moto import TRUST, tiny_zip

    role = moto.client("iam").create_role(RoleName="old-operator", AssumeRolePolicyDocument=TRUST)["Role"]["Arn"]
    old = lmi.client.create_capacity_provider(
        CapacityProviderName="old-capacity", VpcConfig={"SubnetIds": ["subnet-1"], "SecurityGroupIds": ["sg-1"]},
        PermissionsConfig={"CapacityProviderOperatorRoleArn": role})["CapacityProvider"]
    while lmi.client.get_capacity_provider(CapacityProviderName="old-capacity")["CapacityProvider"]["State"] != "Active":
        pass
    lmi.client.create_function(
        FunctionName="orders-api", Runtime="python3.13", Role=moto.role_arn, Handler="app.handler",
        Code={"ZipFile": tiny_zip()}, MemorySize=2048, CapacityProviderConfig={
            "LambdaManagedInstancesCapacityProviderConfig": {"CapacityProviderArn": old["CapacityProviderArn"]}})
    while lmi.client.get_function_configuration(FunctionName="orders-api")["State"] == "Pending":
        pass
    lmi.client.publish_version(FunctionName="orders-api")
    lmi.client.create_alias(FunctionName="orders-api", Name="live", FunctionVersion="1")
    plan = build_plan(workload, config, IacOptions(), region=REGION, function_code=code_dir, session=lmi.session,
                      clients=lmi.clients)
    assert [s.operation for s in plan.steps][:3] == ["CreateRole", "AttachRolePolicy", "CreateCapacityProvider"]
    assert "update-function-configuration" in [s.id for s in plan.steps] and "update-alias" in [
        s.id for s in plan.steps]
    save_plan(store, plan)
    result = DeploymentRunner(store, lmi.session, author="ana", clients=lmi.clients, sleep=no_sleep).apply(
        plan.id, confirmed_by="ana")
    assert result.outcome == "completed", result.message
    assert lmi.client.get_alias(FunctionName="orders-api", Name="live")["FunctionVersion"] == "2"

    cleanup = build_cleanup_plan(store, "default")
    operations = [s.operation for s in cleanup.steps]
    assert operations == ["DeleteAlarms"]  # the version is kept (the alias that existed points at it)
    text = " ".join(cleanup.notes)
    assert "out of scope" in text and "pointing it back is out of scope" in text
    assert "Capacity provider orders-api-capacity and the operator role are kept" in text
    # Once the user has detached the function, the provider and the operator role may go too.
    detached = build_cleanup_plan(store, "default", function_detached=True)
    assert [s.operation for s in detached.steps] == ["DeleteAlarms", "DeleteCapacityProvider", "GetCapacityProvider",
                                                     "DetachRolePolicy", "DeleteRole"]
    assert moto.client("lambda").get_function(FunctionName="orders-api")["Configuration"]["FunctionName"] == (
        "orders-api")
    lmi.assert_every_call_validated()


def test_steps_that_did_not_finish_are_not_removed_but_named(store, workload, config, code_dir) -> None:
    plan = build_plan(workload, config, IacOptions(), region=REGION, function_code=code_dir)
    started = plan.model_copy(update={"confirmed_by": "ana", "confirmed_at": plan.created_at, "mode": DeployMode.APPLY})
    data = started.model_dump()
    for step in data["steps"][:2]:
        step.update(status="done", started_at=plan.created_at, finished_at=plan.created_at,
                    sent=step["parameters"], outputs={})
    data["steps"][2].update(status="running", started_at=plan.created_at)
    cleanup = build_cleanup_plan(DeploymentPlan.model_validate(data))
    assert [s.operation for s in cleanup.steps] == ["DeleteRolePolicy", "DeleteRole"]
    assert "create-operator-role did not finish" in cleanup.notes[0]


def test_cleanup_needs_an_applied_plan(store) -> None:
    with pytest.raises(PlanError, match="no deployment plan 'default'"):
        build_cleanup_plan(store, "default")


def test_a_plan_that_has_run_cannot_be_replaced_until_it_is_cleaned_up(lmi, store, workload, config,
                                                                      code_dir) -> None:
    deployed(store, lmi, workload, config, code_dir, IacOptions())
    with pytest.raises(PlanExists, match="resume it, or clean it up"):
        save_plan(store, build_plan(workload, config, region=REGION, function_code=code_dir))
    assert all(s.status is StepStatus.DONE for s in store.get(DeploymentPlan, "default").doc.steps)
