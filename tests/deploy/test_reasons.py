"""Failures explained: a capacity provider in state Failed, a version Failed with a StateReasonCode, a wait that
runs out of patience, access denied on a write — each with the fix in plain words."""

from __future__ import annotations

import json

import pytest

from tests.deploy.conftest import REGION, no_sleep
from workbench.aws.errors import AwsProblem, ProblemKind
from workbench.aws.session import open_session
from workbench.deploy import DeploymentRunner, build_plan, reasons, save_plan
from workbench.iac import IacOptions
from workbench.models import DeploymentPlan
from workbench.models.deploy import StepStatus

LMI_CODES = ("VcpuLimitExceeded", "InsufficientCapacity", "CapacityProviderScalingLimitExceeded",
             "EC2RequestLimitExceeded", "IncompatibleAcceleratorInstanceTypes")


# --- pure -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("code", LMI_CODES)
def test_every_lmi_state_reason_code_has_a_cause_and_a_fix(code) -> None:
    why = reasons.explain_state(code, "details from Lambda")
    assert why.code == code and code in why.summary and "details from Lambda" in why.summary
    assert why.fix and why.fix != reasons.explain_state("SomethingNew").fix
    assert str(why).startswith(why.summary) and "Fix: " in str(why)


def test_the_fixes_follow_the_troubleshooting_guidance() -> None:
    assert "vCPU quota" in reasons.explain_state("VcpuLimitExceeded").fix
    assert "MaxVCpuCount" in reasons.explain_state("CapacityProviderScalingLimitExceeded").fix
    assert "instance types" in reasons.explain_state("InsufficientCapacity").fix
    assert "free IP addresses" in reasons.explain_state("SubnetOutOfIPAddresses").summary
    unknown = reasons.explain_state("BrandNewCode", subject="Function x")
    assert unknown.summary.startswith("Function x failed (BrandNewCode)")


def test_aws_errors_name_the_action_and_the_quota() -> None:
    denied = AwsProblem(ProblemKind.DENIED, "Not permitted", action="lambda:CreateFunction", code="AccessDenied")
    why = reasons.explain_problem(denied, operation="CreateFunction")
    assert "lambda:CreateFunction" in why.summary and "lambda:PassCapacityProvider" in why.fix
    limit = AwsProblem(ProblemKind.INVALID_REQUEST, "too many", code="CapacityProviderLimitExceededException")
    assert "1,000" in reasons.explain_problem(limit, operation="CreateCapacityProvider").fix
    arch = AwsProblem(ProblemKind.INVALID_REQUEST, "Architecture arm64 does not match x86_64",
                      code="InvalidParameterValueException")
    assert "arm64 or x86_64" in reasons.explain_problem(arch, operation="CreateFunction").fix


def test_a_timeout_says_what_is_still_pending() -> None:
    why = reasons.explain_timeout("GetFunctionConfiguration", "orders-api", "Pending", 312, 311 * 5)
    assert "312 checks" in why.summary and "still Pending" in why.summary and "3 of them" in why.summary
    gone = reasons.explain_timeout("GetCapacityProvider", "cp", "Deleting", 90, 890, until_gone=True)
    assert "cp still exists (state Deleting)" in gone.summary


# --- through the runner -------------------------------------------------------------------------------------------
def saved(store, workload, config, code_dir, **changes) -> DeploymentPlan:
    plan = build_plan(workload, config, IacOptions(), region=REGION, function_code=code_dir)
    for step_id, wait in changes.items():
        step = plan.step(step_id.replace("_", "-"))
        step.wait = step.wait.model_copy(update=wait)
    save_plan(store, plan)
    return plan


def test_a_failed_capacity_provider_stops_the_deployment_with_an_explanation(lmi, recorder, store, workload,
                                                                            config, code_dir) -> None:
    saved(store, workload, config, code_dir)
    lmi.fake.fail_capacity_provider("orders-api-capacity")
    result = DeploymentRunner(store, lmi.session, author="ana", clients=lmi.clients, sleep=no_sleep).apply(
        "default", confirmed_by="ana")
    assert result.outcome == "failed" and result.step_id == "wait-capacity-provider-active"
    step = store.get(DeploymentPlan, "default").doc.step("wait-capacity-provider-active")
    assert step.status is StepStatus.FAILED and step.outputs["CapacityProvider"]["State"] == "Failed"
    assert "state Failed" in step.explanation and "operator role" in step.explanation
    assert "CreateFunction" not in recorder.operations


def test_a_version_failed_with_vcpu_limit_exceeded_is_explained(lmi, recorder, store, workload, config,
                                                                code_dir) -> None:
    saved(store, workload, config, code_dir)
    lmi.fake.fail_next_version("VcpuLimitExceeded", "The vCPU limit for the account was exceeded.")
    result = DeploymentRunner(store, lmi.session, author="ana", clients=lmi.clients, sleep=no_sleep).apply(
        "default", confirmed_by="ana")
    assert result.outcome == "failed" and result.step_id == "wait-version-active"
    step = result.plan.step("wait-version-active")
    assert step.state_reason_code == "VcpuLimitExceeded"
    assert step.explanation.startswith("The new version failed (VcpuLimitExceeded).")
    assert "EC2 On-Demand vCPU quota" in step.explanation and "The vCPU limit for the account" in step.explanation
    assert "PutMetricAlarm" not in recorder.operations  # nothing after the failed wait ran
    assert lmi.fake.version_state("orders-api", "1")["state"] == "Failed"


def test_a_function_failed_at_creation_stops_the_wait_with_its_reason_code(lmi, recorder, store, workload, config,
                                                                         code_dir) -> None:
    saved(store, workload, config, code_dir)
    lmi.fake.fail_next_function("InsufficientRolePermissions", "The role defined for the function cannot be "
                                                               "assumed by Lambda.")
    result = DeploymentRunner(store, lmi.session, author="ana", clients=lmi.clients, sleep=no_sleep).apply(
        "default", confirmed_by="ana")
    assert result.outcome == "failed" and result.step_id == "wait-function-active"
    step = result.plan.step("wait-function-active")
    assert step.state_reason_code == "InsufficientRolePermissions"
    assert step.explanation.startswith("Function orders-api failed (InsufficientRolePermissions).")
    assert "cannot be assumed by Lambda" in step.explanation and "trust policy" in step.explanation
    assert "PublishVersion" not in recorder.operations


def test_a_wait_that_times_out_says_what_is_pending_and_resumes_later(lmi, recorder, store, workload, config,
                                                                      code_dir) -> None:
    saved(store, workload, config, code_dir, wait_capacity_provider_active={"max_attempts": 3})
    lmi.fake.configure(provider_reads=3)  # still Pending at the third poll
    slept: list[float] = []
    first = DeploymentRunner(store, lmi.session, author="ana", clients=lmi.clients, sleep=slept.append).apply(
        "default", confirmed_by="ana")
    assert first.outcome == "failed" and slept == [10.0, 10.0]
    step = first.plan.step("wait-capacity-provider-active")
    assert "Stopped waiting after 3 checks" in step.explanation and "is still Pending" in step.explanation
    assert "setting the capacity provider up" in step.explanation

    again = DeploymentRunner(store, lmi.session, author="ana", clients=lmi.clients, sleep=no_sleep).apply(
        "default", confirmed_by="ana")
    assert again.outcome == "completed", again.message
    assert recorder.count("CreateCapacityProvider") == 1


def test_access_denied_on_a_write_names_the_iam_action(moto, monkeypatch, store, workload, config,
                                                       code_dir) -> None:
    iam = moto.client("iam")
    iam.create_user(UserName="deployer")
    iam.put_user_policy(UserName="deployer", PolicyName="read-only", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:Get*"], "Resource": "*"}]}))
    key = iam.create_access_key(UserName="deployer")["AccessKey"]
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", key["AccessKeyId"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", key["SecretAccessKey"])
    saved(store, workload, config, code_dir)
    session = open_session(moto.settings(REGION))
    moto.require_auth_after(0)
    result = DeploymentRunner(store, session, author="ana", sleep=no_sleep).apply("default", confirmed_by="ana")
    assert result.outcome == "failed" and result.step_id == "create-execution-role"
    step = result.plan.step("create-execution-role")
    assert "may not call iam:CreateRole" in step.explanation
    assert "ask your administrator for iam:CreateRole" in step.explanation
    assert "finished steps are not repeated" in step.explanation
