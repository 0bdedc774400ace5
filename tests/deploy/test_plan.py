"""The plan: the calls in order, their parameters exactly as sent (agreeing with the generated infrastructure),
references for values that exist only later, the function's code, and clear refusals of bad input."""

from __future__ import annotations

import hashlib
import json

import botocore.session
import pytest

from tests.deploy.conftest import ACCOUNT, GROUPS, REGION, SUBNETS
from workbench.aws.session import open_session
from workbench.deploy import PlanError, build_plan, needs_code, render_text, save_plan
from workbench.deploy.plan import TAG_KEY
from workbench.deploy.plan_build import (
    CAPACITY_PROVIDER_WAIT,
    FUNCTION_WAIT,
    VERSION_WAIT,
    code_reference,
    scaling_config,
)
from workbench.deploy.plan_refs import CODE_PLACEHOLDER, zip_directory
from workbench.iac import IacOptions, build_model
from workbench.iac.model import concrete_policy
from workbench.models import DeploymentPlan

SCHEDULED = IacOptions(scheduled_scaling=True, alarm_topic_arn="arn:aws:sns:us-east-1:123456789012:lmi-alarms")


def test_the_calls_come_in_the_documented_order(workload, config, code_dir) -> None:
    plan = build_plan(workload, config, SCHEDULED, region=REGION, function_code=code_dir, account_id=ACCOUNT)
    assert [(s.id, s.service, s.operation, s.kind.value) for s in plan.steps] == [
        ("create-execution-role", "iam", "CreateRole", "call"),
        ("put-execution-role-policy", "iam", "PutRolePolicy", "call"),
        ("create-operator-role", "iam", "CreateRole", "call"),
        ("attach-operator-role-policy", "iam", "AttachRolePolicy", "call"),
        ("create-capacity-provider", "lambda", "CreateCapacityProvider", "call"),
        ("wait-capacity-provider-active", "lambda", "GetCapacityProvider", "wait"),
        ("create-function", "lambda", "CreateFunction", "call"),
        ("wait-function-active", "lambda", "GetFunctionConfiguration", "wait"),
        ("publish-version", "lambda", "PublishVersion", "call"),
        ("create-alias", "lambda", "CreateAlias", "call"),
        ("put-function-scaling-config", "lambda", "PutFunctionScalingConfig", "call"),
        ("wait-version-active", "lambda", "GetFunctionConfiguration", "wait"),
        ("put-throttle-rate-alarm", "cloudwatch", "PutMetricAlarm", "call"),
        ("put-cpu-alarm", "cloudwatch", "PutMetricAlarm", "call"),
        ("create-scheduler-role", "iam", "CreateRole", "call"),
        ("put-scheduler-role-policy", "iam", "PutRolePolicy", "call"),
        ("create-business-hours-up-schedule", "scheduler", "CreateSchedule", "call"),
        ("create-business-hours-down-schedule", "scheduler", "CreateSchedule", "call"),
    ]
    assert plan.mode.value == "plan-only" and not plan.confirmed and plan.region == REGION
    without = build_plan(workload, config, IacOptions(), region=REGION, function_code=code_dir)
    assert {s.service for s in without.steps} == {"iam", "lambda", "cloudwatch"}


def test_parameters_are_the_configuration_set_explicitly(workload, config, code_dir) -> None:
    plan = build_plan(workload, config, SCHEDULED, region=REGION, function_code=code_dir, account_id=ACCOUNT)
    cp = plan.step("create-capacity-provider").parameters
    assert cp["CapacityProviderName"] == "orders-api-capacity"
    assert cp["VpcConfig"] == {"SubnetIds": SUBNETS, "SecurityGroupIds": GROUPS}
    assert cp["PermissionsConfig"] == {"CapacityProviderOperatorRoleArn": "${step:create-operator-role.Role.Arn}"}
    assert cp["InstanceRequirements"] == {"Architectures": [config.architecture.value]}
    assert cp["CapacityProviderScalingConfig"] == {"MaxVCpuCount": config.max_vcpu_count, "ScalingMode": "Auto"}
    assert cp["Tags"] == {TAG_KEY: plan.deployment_id}
    fn = plan.step("create-function").parameters
    assert fn["CapacityProviderConfig"] == {"LambdaManagedInstancesCapacityProviderConfig": {
        "CapacityProviderArn": "${step:wait-capacity-provider-active.CapacityProvider.CapacityProviderArn}",
        "PerExecutionEnvironmentMaxConcurrency": config.per_execution_environment_max_concurrency,
        "ExecutionEnvironmentMemoryGiBPerVCpu": config.memory_gib_per_vcpu}}
    assert (fn["MemorySize"], fn["Timeout"], fn["Architectures"], fn["Runtime"]) == (
        config.memory_mb, workload.timeout_s, [config.architecture.value], "python3.13")
    assert fn["Role"] == "${step:create-execution-role.Role.Arn}"
    scaling = plan.step("put-function-scaling-config").parameters
    # Min and Max together: a bound left out would go back to its default. No maximum configured: the largest
    # number of execution environments MaxVCpuCount holds.
    vcpus = config.memory_mb / 1024 / config.memory_gib_per_vcpu
    assert config.max_execution_environments is None
    assert scaling == {"FunctionName": "orders-api", "Qualifier": "${step:publish-version.Version}",
                       "FunctionScalingConfig": {"MinExecutionEnvironments": config.min_execution_environments,
                                                 "MaxExecutionEnvironments": int(config.max_vcpu_count // vcpus)}}
    assert config.min_execution_environments >= 3  # production
    for s in ("create-business-hours-up-schedule", "create-business-hours-down-schedule"):
        sent = json.loads(plan.step(s).parameters["Target"]["Input"])["FunctionScalingConfig"]
        assert set(sent) == {"MinExecutionEnvironments", "MaxExecutionEnvironments"}
        assert sent["MinExecutionEnvironments"] <= sent["MaxExecutionEnvironments"]
    throttle = plan.step("put-throttle-rate-alarm").parameters
    assert throttle["Threshold"] == 1.0 and throttle["AlarmActions"] == [SCHEDULED.alarm_topic_arn]
    assert [m["Id"] for m in throttle["Metrics"]] == ["throttles", "invocations", "rate"]
    assert throttle["Metrics"][2]["Expression"] == "100 * throttles / (invocations + throttles)"
    cpu = plan.step("put-cpu-alarm").parameters
    assert cpu["Threshold"] == 80.0 and cpu["MetricName"] == "ExecutionEnvironmentCPUUtilization"
    assert {"Name": "Resource", "Value": "orders-api:${step:publish-version.Version}"} in cpu["Dimensions"]
    schedule = plan.step("create-business-hours-up-schedule").parameters
    assert json.loads(schedule["Target"]["Input"])["Qualifier"] == "${step:publish-version.Version}"
    assert plan.deployment_id in schedule["Description"]
    # JSON-serialisable as they stand, and they survive the store unchanged.
    assert json.loads(json.dumps([s.parameters for s in plan.steps])) == [s.parameters for s in plan.steps]


def test_the_policies_are_the_ones_the_generators_write(workload, config, code_dir) -> None:
    plan = build_plan(workload, config, SCHEDULED, region=REGION, function_code=code_dir, account_id=ACCOUNT)
    model = build_model(workload, config, SCHEDULED)
    for role, step_id in ((model.execution_role, "put-execution-role-policy"),
                          (model.scheduler_role, "put-scheduler-role-policy")):
        sent = json.loads(plan.step(step_id).parameters["PolicyDocument"])
        assert sent == concrete_policy(role.policies[0], account=ACCOUNT, region=REGION, subnet_ids=SUBNETS,
                                       security_group_ids=GROUPS)
        trust = json.loads(plan.step(step_id.replace("put-", "create-").replace("-policy", "")).parameters[
            "AssumeRolePolicyDocument"])
        assert trust == role.trust_policy
    # The operator role gets the AWS managed policy, as the generators attach it (tests/iac/test_operator_policy.py).
    assert model.operator_role.managed_policies == ("AWSLambdaManagedEC2ResourceOperator",)
    assert plan.step("attach-operator-role-policy").parameters == {
        "RoleName": model.operator_role.name,
        "PolicyArn": "arn:aws:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator"}


def test_without_an_account_the_policies_say_it_is_looked_up_later(workload, config, code_dir) -> None:
    plan = build_plan(workload, config, region=REGION, function_code=code_dir)
    assert plan.account_id is None
    assert "${aws:account-id}" in plan.step("put-execution-role-policy").parameters["PolicyDocument"]
    assert any("GetCallerIdentity" in note for note in plan.notes)


def test_code_is_a_deterministic_zip_whose_digest_the_plan_shows(workload, config, code_dir) -> None:
    (code_dir / "__pycache__").mkdir()
    (code_dir / "__pycache__" / "app.cpython-311.pyc").write_bytes(b"\0")
    first = zip_directory(code_dir)
    assert first == zip_directory(code_dir)
    plan = build_plan(workload, config, region=REGION, function_code=code_dir)
    assert plan.step("create-function").parameters["Code"] == {
        "ZipFile": f"${{zip:{code_dir}#sha256={hashlib.sha256(first).hexdigest()}}}"}
    import io
    import zipfile
    assert sorted(zipfile.ZipFile(io.BytesIO(first)).namelist()) == ["app.py", "lib/util.py"]
    (code_dir / "app.py").write_text("changed = True\n")
    assert code_reference(code_dir) != plan.step("create-function").parameters["Code"]["ZipFile"]


def test_without_code_the_plan_shows_a_placeholder_and_cannot_be_applied(workload, config) -> None:
    plan = build_plan(workload, config, region=REGION)
    assert plan.step("create-function").parameters["Code"] == {"ZipFile": CODE_PLACEHOLDER}
    assert needs_code(plan) and any("--function-code DIR" in note for note in plan.notes)
    s3 = build_plan(workload, config, IacOptions(code_location="s3://builds/orders.zip"), region=REGION)
    assert s3.step("create-function").parameters["Code"] == {"S3Bucket": "builds", "S3Key": "orders.zip"}
    assert not needs_code(s3)


@pytest.mark.parametrize("change, message", [
    ({"region": "il-central-1"}, "not available in il-central-1; the nearest Region where it is: eu-south-1"),
    ({"options": IacOptions(create_vpc=True)}, "uses existing subnets"),
    ({"workload_subnets": []}, "no subnets: the capacity provider needs subnet ids"),
    ({"function_code": "/nonexistent/code"}, "function code /nonexistent/code does not exist"),
    ({"options": IacOptions(alias_name="123")}, "alias name '123'"),
])
def test_bad_input_is_refused_with_the_value_named(workload, config, change, message) -> None:
    if "workload_subnets" in change:
        workload = workload.model_copy(update={"subnet_ids": change.pop("workload_subnets")})
    kwargs = {"region": REGION, **change}
    options = kwargs.pop("options", None)
    with pytest.raises(PlanError) as caught:
        build_plan(workload, config, options, **kwargs)
    assert message in str(caught.value) and str(caught.value).startswith("cannot plan the deployment:")


def test_waits_use_the_documented_polling(workload, config, code_dir) -> None:
    waiters = botocore.session.get_session().get_waiter_model("lambda")
    version = waiters.get_waiter("PublishedVersionActive")
    assert VERSION_WAIT == (float(version.delay), version.max_attempts)
    active = waiters.get_waiter("FunctionActiveV2")
    assert FUNCTION_WAIT == (float(active.delay), active.max_attempts)
    plan = build_plan(workload, config, region=REGION, function_code=code_dir)
    cp_wait = plan.step("wait-capacity-provider-active").wait
    assert (cp_wait.state_path, cp_wait.success, cp_wait.failure) == ("CapacityProvider.State", ["Active"], ["Failed"])
    assert (cp_wait.delay_s, cp_wait.max_attempts) == CAPACITY_PROVIDER_WAIT
    # The version wait is botocore's PublishedVersionActive waiter: its numbers and its acceptors.
    version_wait = plan.step("wait-version-active").wait
    assert (version_wait.state_path, version_wait.reason_path) == ("State", "StateReasonCode")
    assert (version_wait.delay_s, version_wait.max_attempts) == (float(version.delay), version.max_attempts)
    acceptors = {(a.state, a.expected) for a in version.acceptors}
    assert {("success", s) for s in version_wait.success} <= acceptors
    assert {("failure", s) for s in version_wait.failure} <= acceptors and version_wait.failure == ["Failed"]
    # $LATEST of an LMI function never becomes Active: its wait ends at ActiveNonInvocable.
    latest = plan.step("wait-function-active")
    assert "Qualifier" not in latest.parameters and "ActiveNonInvocable" in latest.wait.success
    assert latest.wait.failure == ["Failed"] and latest.wait.reason_path == "StateReasonCode"


def test_scaling_config_always_has_both_bounds_with_min_at_most_max() -> None:
    assert scaling_config(3, 10, 99) == {"MinExecutionEnvironments": 3, "MaxExecutionEnvironments": 10}
    assert scaling_config(3, None, 99) == {"MinExecutionEnvironments": 3, "MaxExecutionEnvironments": 99}
    assert scaling_config(5, None, 2) == {"MinExecutionEnvironments": 5, "MaxExecutionEnvironments": 5}
    assert scaling_config(3, None, 10**6)["MaxExecutionEnvironments"] == 15_000  # the API's range
    assert scaling_config(0, 0, 50) == {"MinExecutionEnvironments": 0, "MaxExecutionEnvironments": 0}
    with pytest.raises(PlanError, match=r"MaxExecutionEnvironments \(2\) is below MinExecutionEnvironments \(3\)"):
        scaling_config(3, 2, 99)


def test_with_a_session_only_reads_decide_the_plan_and_a_standard_function_gets_a_new_one(moto, recorder, workload,
                                                                                         config, code_dir) -> None:
    session = open_session(moto.settings(REGION))
    for service in ("iam", "lambda", "sts", "cloudwatch", "scheduler"):
        recorder.attach(session.client(service, REGION))
    new = build_plan(workload, config, region=REGION, function_code=code_dir, session=session)
    assert new.account_id == ACCOUNT and "create-function" in [s.id for s in new.steps]

    moto.create_function("orders-api", memory_mb=2048, architecture="arm64")
    moto.client("lambda").create_alias(FunctionName="orders-api", Name="live", FunctionVersion="$LATEST")
    plan = build_plan(workload, config, region=REGION, function_code=code_dir, session=session)
    ids = [s.id for s in plan.steps]
    # A capacity provider cannot be added to the existing function: a new one, then the traffic shift.
    assert "update-function-configuration" not in ids and "update-alias" not in ids
    assert plan.step("create-function").parameters["FunctionName"] == "orders-api-lmi"
    assert plan.step("create-function").parameters["Architectures"] == [config.architecture.value]
    assert plan.step("put-function-scaling-config").parameters["FunctionName"] == "orders-api-lmi"
    note = next(n for n in plan.notes if "exists without a capacity provider" in n)
    assert "creates a new function orders-api-lmi" in note and "invocation sources" in note
    assert "weighted alias cannot split traffic between an LMI and a standard version" in note
    assert recorder.mutating == []
    assert recorder.operations.count("GetFunction") == 3 and "GetAlias" not in recorder.operations


def test_an_existing_lmi_function_is_updated_and_another_architecture_refused(moto, lmi, workload, config,
                                                                            code_dir) -> None:
    from tests.aws._moto import TRUST, tiny_zip

    role = moto.client("iam").create_role(RoleName="old-operator", AssumeRolePolicyDocument=TRUST)["Role"]["Arn"]
    for arch in ("x86_64", "arm64"):
        lmi.client.create_capacity_provider(
            CapacityProviderName=f"old-{arch.replace('_', '-')}", PermissionsConfig={
                "CapacityProviderOperatorRoleArn": role}, InstanceRequirements={"Architectures": [arch]},
            VpcConfig={"SubnetIds": SUBNETS, "SecurityGroupIds": GROUPS})

    def lmi_function(name: str, arch: str) -> dict:
        return lmi.client.create_function(
            FunctionName=name, Runtime="python3.13", Role=moto.role_arn, Handler="app.handler",
            Code={"ZipFile": tiny_zip()}, Architectures=[arch], CapacityProviderConfig={
                "LambdaManagedInstancesCapacityProviderConfig": {"CapacityProviderArn": (
                    f"arn:aws:lambda:{REGION}:{ACCOUNT}:capacity-provider:old-{arch.replace('_', '-')}")}})

    lmi_function("orders-api", "x86_64")
    plan = build_plan(workload, config, region=REGION, function_code=code_dir, session=lmi.session,
                      clients=lmi.clients)
    ids = [s.id for s in plan.steps]
    assert "create-execution-role" not in ids and "create-function" not in ids
    update = plan.step("update-function-configuration").parameters
    assert update["FunctionName"] == "orders-api" and "Role" not in update and "Code" not in update
    assert update["CapacityProviderConfig"]["LambdaManagedInstancesCapacityProviderConfig"][
        "PerExecutionEnvironmentMaxConcurrency"] == config.per_execution_environment_max_concurrency
    assert plan.step("attach-operator-role-policy").operation == "AttachRolePolicy"
    assert any("code given is not deployed" in n for n in plan.notes)

    lmi.client.delete_function(FunctionName="orders-api")
    lmi_function("orders-api", "arm64")
    with pytest.raises(PlanError, match="exists as arm64 but the capacity provider is x86_64"):
        build_plan(workload, config, region=REGION, session=lmi.session, clients=lmi.clients)
    lmi.assert_every_call_validated()


def test_an_unreachable_account_is_noted_and_the_plan_is_still_shown(workload, config, code_dir) -> None:
    from workbench.config import AwsSettings

    session = open_session(AwsSettings(region=REGION, endpoint_url="http://127.0.0.1:9"), max_attempts=1,
                           connect_timeout=0.5)
    plan = build_plan(workload, config, region=REGION, function_code=code_dir, session=session)
    assert "create-function" in [s.id for s in plan.steps]
    assert "Could not check the account (Cannot reach http://127.0.0.1:9" in plan.notes[0]
    assert plan.notes[1].startswith("Could not check whether function orders-api exists either")


def test_the_text_shows_every_step_and_decodes_json_documents(store, workload, config, code_dir) -> None:
    plan = build_plan(workload, config, SCHEDULED, region=REGION, function_code=code_dir, account_id=ACCOUNT)
    text = render_text(plan)
    for n, step in enumerate(plan.steps, 1):
        assert f"{n:>2}. [pending] {step.id}: {step.title}" in text
    assert "(PolicyDocument is sent as JSON text; shown decoded)" in text
    assert '"Action": "logs:CreateLogGroup"' in text
    assert "(Target.Input is sent as JSON text; shown decoded)" in text
    save_plan(store, plan)
    assert store.get(DeploymentPlan, plan.id).doc == plan


# --- runtime versions (lmi_facts.RUNTIME_SUPPORT) -------------------------------------------------------------------
def test_a_function_on_an_unsupported_runtime_is_not_created(workload, config, code_dir) -> None:
    old = workload.model_copy(update={"runtime": "python3.12"})
    with pytest.raises(PlanError) as caught:
        build_plan(old, config, region=REGION, function_code=code_dir)
    message = str(caught.value)
    assert "Lambda Managed Instances does not yet support python3.12" in message
    assert "--upgrade-runtime python3.13" in message and "standard Lambda" in message


def test_the_upgrade_is_an_explicit_choice_recorded_with_who_made_it(workload, config, code_dir) -> None:
    old = workload.model_copy(update={"runtime": "python3.12"})
    options = IacOptions(upgrade_runtime="python3.13")
    with pytest.raises(PlanError, match="recorded with who chose it"):
        build_plan(old, config, options, region=REGION, function_code=code_dir)
    plan = build_plan(old, config, options, region=REGION, function_code=code_dir, chosen_by="alice")
    assert plan.step("create-function").parameters["Runtime"] == "python3.13"
    assert plan.runtime_upgrade is not None
    assert (plan.runtime_upgrade.from_runtime, plan.runtime_upgrade.to_runtime, plan.runtime_upgrade.chosen_by) == \
        ("python3.12", "python3.13", "alice")
    assert plan.notes[0].startswith("Runtime upgrade chosen by alice: python3.12 → python3.13")
    assert "Runtime upgrade chosen by alice" in render_text(plan)


def test_an_existing_function_on_an_old_runtime_is_refused_then_updated_with_the_chosen_upgrade(
        moto, workload, config) -> None:
    session = open_session(moto.settings(REGION))
    moto.create_function("orders-api", runtime="python3.12", memory_mb=2048)
    with pytest.raises(PlanError, match="exists on python3.12: Lambda Managed Instances does not yet support"):
        build_plan(workload, config, region=REGION, session=session)
    plan = build_plan(workload, config, IacOptions(upgrade_runtime="python3.13"), region=REGION, session=session,
                      chosen_by="bob")
    # A standard function is migrated to a new one (a capacity provider cannot be added to it): on the upgrade.
    assert plan.step("create-function").parameters["FunctionName"] == "orders-api-lmi"
    assert plan.step("create-function").parameters["Runtime"] == "python3.13"
    assert plan.runtime_upgrade is not None and plan.runtime_upgrade.from_runtime == "python3.12"
