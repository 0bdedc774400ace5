"""The pre-flight's IAM, architecture and quota checks, and what happens when AWS refuses or throttles a call."""

from __future__ import annotations

import json
import threading

import pytest
from botocore.stub import Stubber

from tests.aws._faults import FaultProxy, Seen
from tests.deploy_preflight._account import (
    REGION,
    Recorder,
    build_network,
    config,
    create_role,
    ec2_action,
    ec2_denied,
    ec2_throttled,
    options,
    workload,
)
from workbench.aws.errors import Cancelled, ProblemKind
from workbench.aws.session import open_session
from workbench.deploy.preflight import run_preflight
from workbench.deploy.preflight_checks import Reader as _Reader
from workbench.deploy.preflight_roles import operator_actions
from workbench.iac.model import concrete_policy, execution_policy, operator_policy
from workbench.iac.options import IacOptions
from workbench.models import CheckStatus

PASS, WARN, FAIL, UNKNOWN = CheckStatus.PASS, CheckStatus.WARN, CheckStatus.FAIL, CheckStatus.UNKNOWN
OPERATOR_POLICY = "arn:aws:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator"
EC2_TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


def concrete(policy) -> dict:
    return concrete_policy(policy, account="123456789012", region=REGION)


def preflight(moto, network, *, session=None, **kwargs):
    session = session or open_session(moto.settings())
    kwargs.setdefault("quotas", False)
    return run_preflight(session, kwargs.pop("wl", workload()), kwargs.pop("cfg", config()),
                         kwargs.pop("opts", None) or options(network), **kwargs)


# --- roles ----------------------------------------------------------------------------------------------------------
def test_existing_roles_with_the_generated_policies_are_reused(moto) -> None:
    network = build_network(moto)
    execution = create_role(moto, "orders-execution", inline=concrete(execution_policy("orders")))
    operator = create_role(moto, "orders-cp-operator", inline=concrete(
        operator_policy(["*"], ["*"])))
    report = preflight(moto, network)
    for check_id, arn in (("execution-role", execution), ("operator-role", operator)):
        check = report.check(check_id)
        assert check.status is PASS, check
        assert check.found[0].endswith(f"({arn}): it will be reused")
    assert report.check("execution-role").found[-1].startswith(
        "its policies allow logs:CreateLogStream, logs:PutLogEvents")
    assert report.check("operator-role").found[-1].startswith(
        f"its policies allow all {len(operator_actions())} actions of the generated operator policy")


def test_the_aws_managed_operator_policy_is_enough(moto, monkeypatch) -> None:
    monkeypatch.setenv("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")  # the in-process server reads it on reset
    moto.reset()
    network = build_network(moto)
    create_role(moto, "orders-cp-operator", managed=(OPERATOR_POLICY,))
    report = preflight(moto, network)
    operator = report.check("operator-role")
    assert operator.status is PASS
    assert "it has the AWS managed policy AWSLambdaManagedEC2ResourceOperator" in operator.found
    assert "iam:GetPolicyVersion" not in report.operations  # the managed policy is recognised by name


def test_a_role_lambda_cannot_assume_fails(moto) -> None:
    network = build_network(moto)
    create_role(moto, "orders-execution", trust=EC2_TRUST, inline=concrete(execution_policy("orders")))
    report = preflight(moto, network)
    execution = report.check("execution-role")
    assert execution.status is FAIL
    assert "its trust policy does not let lambda.amazonaws.com assume it" in execution.found
    assert "sts:AssumeRole" in execution.fix


def test_an_operator_role_without_launch_permissions_fails_and_names_them(moto) -> None:
    network = build_network(moto)
    create_role(moto, "orders-cp-operator", inline={"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}]})
    report = preflight(moto, network)
    operator = report.check("operator-role")
    assert operator.status is FAIL
    assert operator.found[-1].startswith("its policies do not allow ec2:RunInstances, ec2:CreateTags, "
                                         "ec2:AttachNetworkInterface, ec2:CreateNetworkInterface")
    assert "AWSLambdaManagedEC2ResourceOperator" in operator.fix


def test_a_customer_managed_policy_counts_and_a_deny_wins(moto) -> None:
    network = build_network(moto)
    iam = moto.client("iam")
    allow_all = iam.create_policy(PolicyName="broad", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["ec2:*", "iam:PassRole"], "Resource": "*"}]}))["Policy"]["Arn"]
    create_role(moto, "orders-cp-operator", managed=(allow_all,))
    create_role(moto, "orders-execution", managed=(allow_all,), inline={"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "logs:*", "Resource": "*"},
        {"Effect": "Deny", "Action": "logs:PutLogEvents", "Resource": "*"}]})
    report = preflight(moto, network)
    assert report.check("operator-role").status is PASS
    assert {"iam:GetPolicy", "iam:GetPolicyVersion"} <= set(report.operations)
    execution = report.check("execution-role")
    assert execution.status is WARN  # logs missing is bad, but the function still runs
    assert "its policies do not allow logs:PutLogEvents" in execution.found[-1]


def test_roles_that_do_not_exist_will_be_created(moto) -> None:
    report = preflight(moto, build_network(moto))
    execution = report.check("execution-role")
    assert execution.status is PASS
    assert execution.found == ["orders-execution does not exist: the deployment will create it",
                               "not checked: whether you may create it (iam:CreateRole, iam:PutRolePolicy, "
                               "iam:PassRole)"]
    assert report.check("operator-role").found[-1] == (
        "not checked: whether you may create it (iam:CreateRole, iam:AttachRolePolicy or iam:PutRolePolicy, "
        "iam:PassRole)")


# --- architecture -------------------------------------------------------------------------------------------------
def test_an_existing_function_of_the_other_architecture_fails(moto) -> None:
    network = build_network(moto)
    moto.create_function("orders", architecture="x86_64")
    report = preflight(moto, network)
    arch = report.check("architecture")
    assert arch.status is FAIL
    assert "function orders exists and is x86_64; the capacity provider will be arm64" in arch.found
    assert "Rebuild the code for arm64" in arch.fix


def test_an_existing_function_of_the_same_architecture_will_be_updated(moto) -> None:
    network = build_network(moto)
    moto.create_function("orders", architecture="arm64")
    report = preflight(moto, network)
    assert "function orders exists and is arm64: it will be updated" in report.check("architecture").found


def _stubbed_lambda(session):
    return Stubber(session.client("lambda", REGION))


def test_an_existing_capacity_provider_of_the_other_architecture_fails(moto) -> None:
    network = build_network(moto)
    session = open_session(moto.settings())
    with _stubbed_lambda(session) as stub:
        stub.add_client_error("get_function", service_error_code="ResourceNotFoundException", http_status_code=404,
                              expected_params={"FunctionName": "orders"})
        stub.add_response("get_capacity_provider", {"CapacityProvider": {
            "CapacityProviderArn": f"arn:aws:lambda:{REGION}:123456789012:capacity-provider:orders-capacity",
            "State": "Active",
            "VpcConfig": {"SubnetIds": network.subnet_ids, "SecurityGroupIds": [network.security_group_id]},
            "PermissionsConfig": {"CapacityProviderOperatorRoleArn": "arn:aws:iam::123456789012:role/op"},
            "InstanceRequirements": {"Architectures": ["x86_64"]}}},
            expected_params={"CapacityProviderName": "orders-capacity"})
        report = preflight(moto, network, session=session)
        stub.assert_no_pending_responses()
    arch = report.check("architecture")
    assert arch.status is FAIL
    assert ("capacity provider orders-capacity exists (State Active) with x86_64 instances; the function is planned "
            "as arm64") in arch.found
    assert "function orders does not exist yet in us-east-1: it will be created as arm64" in arch.found
    assert "cannot be changed after creation" in arch.fix


def test_an_absent_capacity_provider_will_be_created(moto) -> None:
    network = build_network(moto)
    session = open_session(moto.settings())
    with _stubbed_lambda(session) as stub:
        stub.add_client_error("get_function", service_error_code="ResourceNotFoundException", http_status_code=404)
        stub.add_client_error("get_capacity_provider", service_error_code="ResourceNotFoundException",
                              http_status_code=404)
        report = preflight(moto, network, session=session)
    arch = report.check("architecture")
    assert arch.status is PASS
    assert "capacity provider orders-capacity does not exist yet: it will be created for arm64" in arch.found


# --- quota --------------------------------------------------------------------------------------------------------
def _quota(value: float) -> dict:
    return {"Quota": {"ServiceCode": "ec2", "QuotaCode": "L-1216C47A", "Value": value,
                      "QuotaName": "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances"}}


@pytest.mark.parametrize(("value", "status"), [(256.0, WARN), (640.0, PASS)])
def test_the_vcpu_quota_is_compared_with_max_vcpu_count(moto, value, status) -> None:
    network = build_network(moto)
    session = open_session(moto.settings())
    with Stubber(session.client("service-quotas", REGION)) as stub:
        stub.add_response("get_service_quota", _quota(value), {"ServiceCode": "ec2", "QuotaCode": "L-1216C47A"})
        report = preflight(moto, network, session=session, quotas=True)
    quota = report.check("vcpu-quota")
    assert quota.status is status
    assert f"is {value:g} vCPU; MaxVCpuCount is 400" in quota.found[0]
    if status is WARN:
        assert "lower MaxVCpuCount to 256" in quota.fix


def test_a_quota_the_endpoint_cannot_answer_is_unknown(moto) -> None:
    report = preflight(moto, build_network(moto), quotas=True)  # moto knows only VPC quotas
    quota = report.check("vcpu-quota")
    assert quota.status is UNKNOWN and quota.action == "service-quotas:GetServiceQuota"
    assert "NoSuchResourceException" in quota.problem


# --- refusals, throttling, cancel -----------------------------------------------------------------------------------
def test_access_denied_on_route_tables_leaves_only_the_egress_check_unknown(moto) -> None:
    network = build_network(moto)

    def deny(seen: Seen, before: int):
        if seen.service == "ec2" and ec2_action(seen.body) == "DescribeRouteTables":
            return ec2_denied("ec2:DescribeRouteTables")
        return None

    with FaultProxy(moto.endpoint, deny) as proxy:
        report = preflight(moto, network, session=open_session(moto.settings(endpoint_url=proxy.endpoint)))
    assert len(proxy.faults) == 1  # denied once, not retried
    logs = report.check("logs-egress")
    assert logs.status is UNKNOWN
    assert logs.action == "ec2:DescribeRouteTables"
    assert logs.problem == ("Not permitted: arn:aws:iam::123456789012:user/analyst may not call "
                            "ec2:DescribeRouteTables in us-east-1. Ask for the read-only permission "
                            "ec2:DescribeRouteTables, or continue without it.")
    assert "Grant the read-only permission ec2:DescribeRouteTables" in logs.fix
    others = {c.id: c.status for c in report.checks if c.id not in ("logs-egress", "architecture")}
    assert set(others.values()) == {PASS}


def test_access_denied_on_route_tables_does_not_matter_with_a_logs_endpoint(moto) -> None:
    network = build_network(moto, egress="none", logs_endpoint=True)

    def deny(seen: Seen, before: int):
        return ec2_denied("ec2:DescribeRouteTables") if ec2_action(seen.body) == "DescribeRouteTables" else None

    with FaultProxy(moto.endpoint, deny) as proxy:
        report = preflight(moto, network, session=open_session(moto.settings(endpoint_url=proxy.endpoint)))
    assert report.check("logs-egress").status is PASS


def test_throttled_subnets_leave_their_checks_unknown_and_the_rest_run(moto) -> None:
    network = build_network(moto)

    def throttle(seen: Seen, before: int):
        return ec2_throttled() if ec2_action(seen.body) == "DescribeSubnets" else None

    with FaultProxy(moto.endpoint, throttle) as proxy:
        session = open_session(moto.settings(endpoint_url=proxy.endpoint), max_attempts=2)
        report = preflight(moto, network, session=session)
    assert len(proxy.faults) == 2  # retried once with backoff, then given up
    for check_id in ("subnets", "availability-zones", "free-ips", "logs-egress", "vpc-endpoints"):
        check = report.check(check_id)
        assert check.status is UNKNOWN, check_id
        assert check.problem.startswith("AWS kept throttling ec2:DescribeSubnets in us-east-1 "
                                        "(RequestLimitExceeded) after 2 attempts")
    assert report.check("security-groups").status is PASS
    assert report.check("operator-role").status is PASS


def test_cancel_stops_before_any_call(moto) -> None:
    session = open_session(moto.settings())
    recorder = Recorder(session)
    cancel = threading.Event()
    cancel.set()
    opts = IacOptions(subnet_ids=("subnet-0123456789abcdef0",) * 3, security_group_ids=("sg-0123456789abcdef0",))
    with pytest.raises(Cancelled):
        preflight(moto, None, session=session, cancel=cancel, opts=opts)
    assert recorder.operations == []


def test_the_reader_refuses_a_mutating_call_before_sending_it(moto) -> None:
    session = open_session(moto.settings())
    recorder = Recorder(session)
    reader = _Reader(session, REGION, None)
    with pytest.raises(ValueError, match="read-only: it may not call lambda CreateCapacityProvider"):
        reader.call("lambda", "CreateCapacityProvider", CapacityProviderName="x")
    assert recorder.operations == [] and reader.operations == []


def test_an_unknown_region_is_named_and_nothing_is_called(moto) -> None:
    network = build_network(moto)
    session = open_session(moto.settings())
    recorder = Recorder(session)
    report = preflight(moto, network, session=session, region="us-esat-1", wl=workload(region=None))
    assert report.check("region").status is FAIL
    subnets = report.check("subnets")
    assert subnets.status is UNKNOWN
    assert subnets.problem == "'us-esat-1' is not an AWS Region. Did you mean us-east-1?"
    assert not report.account_checked and report.operations == [] and recorder.operations == []
    assert {c.id for c in report.checks} >= {"free-ips", "logs-egress", "operator-role"}
    assert report.status is FAIL


def test_a_denied_problem_kind_is_kept_on_the_check(moto) -> None:
    network = build_network(moto)

    def deny(seen: Seen, before: int):
        return ec2_denied("ec2:DescribeSecurityGroups") if ec2_action(seen.body) == "DescribeSecurityGroups" else None

    with FaultProxy(moto.endpoint, deny) as proxy:
        report = preflight(moto, network, session=open_session(moto.settings(endpoint_url=proxy.endpoint)))
    groups = report.check("security-groups")
    assert (groups.status, groups.action) == (UNKNOWN, "ec2:DescribeSecurityGroups")
    assert ProblemKind.DENIED.value not in groups.problem  # the message is words, not the kind
    assert groups.problem.startswith("Not permitted:")
