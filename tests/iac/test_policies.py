"""Every generated IAM policy passes parliament with no finding above LOW; the operator role keeps its condition."""

from __future__ import annotations

import json
import warnings

import pytest

from workbench.iac import build_model
from workbench.iac.model import (
    OPERATOR_CONDITION_KEY,
    OPERATOR_CONDITION_VALUE,
    concrete_policy,
)
from workbench.iac.options import IacOptions

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # parliament imports pkg_resources
    import parliament
    from parliament import analyze_policy_string

# Findings parliament's bundled IAM database (1.6.4) cannot judge, each accepted only for the exact name below:
# - ec2:ManagedResourceOperator is newer than its per-action condition table (the key itself is in its ec2
#   condition list), so it is "unknown" for ec2:CreateTags and ec2:AttachNetworkInterface.
# - ec2:RunInstances needs several resource types at once; the policy deliberately splits them into statements
#   with different conditions (managed instances / our subnets and groups / Amazon-owned images), and parliament
#   reports each statement as missing the others.
# - ec2:CreateNetworkInterface: the statement copied from AWS's managed policy AWSLambdaManagedEC2ResourceOperator
#   grants it on subnets and security groups; the network interface itself is granted by the first statement, under
#   the ec2:ManagedResourceOperator condition, which parliament reports as missing from the third.
ACCEPTED = {
    ("UNKNOWN_CONDITION_FOR_ACTION", OPERATOR_CONDITION_KEY),
    ("RESOURCE_MISMATCH", "ec2:RunInstances"),
    ("RESOURCE_MISMATCH", "ec2:CreateNetworkInterface"),
}
SEVERITY_ORDER = ["MUTE", "INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"]


def _accepted(finding) -> bool:
    detail = finding.detail
    if finding.issue == "UNKNOWN_CONDITION_FOR_ACTION":
        return any(key in str(detail) for issue, key in ACCEPTED if issue == finding.issue)
    if finding.issue == "RESOURCE_MISMATCH":
        accepted = {key for issue, key in ACCEPTED if issue == "RESOURCE_MISMATCH"}
        return all(item.get("action") in accepted for item in detail)
    return False


def _severity(finding) -> str:
    return parliament.config.get(finding.issue, {}).get("severity", "MEDIUM")


def _policies(workload, config, options):
    model = build_model(workload, config, options)
    for role in model.roles:
        for policy in role.policies:
            yield role, concrete_policy(policy, account="123456789012", region="us-east-1",
                                        subnet_ids=list(workload.subnet_ids),
                                        security_group_ids=list(workload.security_group_ids))


@pytest.mark.parametrize(("scheduled", "operator"), [(False, "managed"), (True, "inline")])
def test_policies_have_no_finding_above_low(workload, config, scheduled, operator):
    options = IacOptions(scheduled_scaling=scheduled, operator_policy=operator)
    problems = []
    for role, document in _policies(workload, config, options):
        for finding in analyze_policy_string(json.dumps(document)).findings:
            if SEVERITY_ORDER.index(_severity(finding)) > SEVERITY_ORDER.index("LOW") and not _accepted(finding):
                problems.append(f"{role.key}: {finding.issue} {finding.detail}")
    assert problems == []


def test_parliament_still_flags_a_mismatched_policy():
    """Guards the check above: the harness does report a policy whose resources do not fit its action."""
    document = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                                                       "Resource": "arn:aws:ec2:us-east-1:123456789012:instance/*"}]}
    findings = analyze_policy_string(json.dumps(document)).findings
    assert any(SEVERITY_ORDER.index(_severity(f)) > SEVERITY_ORDER.index("LOW") and not _accepted(f)
               for f in findings)


def test_trust_policies_trust_the_right_service(workload, config):
    model = build_model(workload, config, IacOptions(scheduled_scaling=True))
    services = {role.key: role.trust_policy["Statement"][0]["Principal"]["Service"] for role in model.roles}
    assert services == {"ExecutionRole": "lambda.amazonaws.com", "OperatorRole": "lambda.amazonaws.com",
                        "SchedulerRole": "scheduler.amazonaws.com"}


def test_operator_role_keeps_the_managed_resource_operator_condition(workload, config):
    model = build_model(workload, config, IacOptions(operator_policy="inline"))
    statements = model.operator_role.policies[0].document["Statement"]
    conditioned = {a for s in statements
                   if s.get("Condition", {}).get("StringEquals", {}).get(OPERATOR_CONDITION_KEY)
                   == OPERATOR_CONDITION_VALUE for a in s["Action"]}
    assert conditioned == {"ec2:RunInstances", "ec2:CreateTags", "ec2:AttachNetworkInterface"}
    # The instance, ENI and volume ARNs are only ever granted under that condition.
    for s in statements:
        resources = s["Resource"] if isinstance(s["Resource"], list) else [s["Resource"]]
        if any(r.endswith(("instance/*", "network-interface/*", "volume/*")) for r in resources):
            assert s["Condition"]["StringEquals"][OPERATOR_CONDITION_KEY] == OPERATOR_CONDITION_VALUE
    assert model.operator_role.service == model.execution_role.service == "lambda.amazonaws.com"


@pytest.mark.parametrize("fmt", ["cloudformation", "sam", "terraform", "cdk-ts", "cdk-py", "cli"])
def test_every_format_carries_the_condition_in_the_inline_variant(workload, config, fmt):
    from workbench.iac import generate

    text = "\n".join(generate(fmt, workload, config, IacOptions(operator_policy="inline")).values())
    assert OPERATOR_CONDITION_KEY in text and OPERATOR_CONDITION_VALUE in text
