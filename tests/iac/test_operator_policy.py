"""The operator role: the AWS managed policy by default in every format and in the deployment plan; the inline
variant holds every statement of the managed policy, action by action, and nothing more."""

from __future__ import annotations

import json
from fnmatch import fnmatchcase

import pytest

from workbench.iac import IacInputError, IacOptions, build_model, generate
from workbench.iac.model import concrete_policy
from workbench.iac.operator_policy import (
    MANAGED_OPERATOR_POLICY_DATE,
    MANAGED_OPERATOR_POLICY_DOCUMENT,
    MANAGED_OPERATOR_POLICY_NAME,
    MANAGED_OPERATOR_POLICY_SOURCE,
    MANAGED_OPERATOR_POLICY_VERSION,
)

ACCOUNT, REGION = "123456789012", "eu-west-1"
SUBNETS = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1", "subnet-0123456789abcdef2"]
GROUPS = ["sg-0123456789abcdef0"]
MANAGED_ARN = "arn:aws:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator"


def _listed(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _inline_document(workload, config) -> dict:
    model = build_model(workload, config, IacOptions(operator_policy="inline"))
    (policy,) = model.operator_role.policies
    return concrete_policy(policy, account=ACCOUNT, region=REGION, subnet_ids=SUBNETS, security_group_ids=GROUPS)


def test_the_managed_policy_is_data_with_its_source():
    assert MANAGED_OPERATOR_POLICY_NAME == "AWSLambdaManagedEC2ResourceOperator"
    assert (MANAGED_OPERATOR_POLICY_VERSION, MANAGED_OPERATOR_POLICY_DATE) == ("v1", "2025-11-30")
    assert "AWS Managed Policy Reference" in MANAGED_OPERATOR_POLICY_SOURCE
    statements = MANAGED_OPERATOR_POLICY_DOCUMENT["Statement"]
    assert len(statements) == 4  # lmi-facts.md: four statements
    assert {"ec2:CreateNetworkInterface", "ec2:DescribeCapacityReservations",
            "ec2:DescribeInstanceTypeOfferings"} <= {a for s in statements for a in _listed(s["Action"])}


def test_the_inline_variant_grants_every_action_of_every_managed_statement(workload, config):
    """For each managed statement and each of its actions: an inline statement grants that action under the same
    condition, on resources that are the managed statement's resources narrowed (every managed resource pattern
    has an inline resource it covers, and every inline resource is covered by a managed pattern)."""
    inline = _inline_document(workload, config)["Statement"]
    missing = []
    for managed in MANAGED_OPERATOR_POLICY_DOCUMENT["Statement"]:
        patterns = _listed(managed["Resource"])
        for action in _listed(managed["Action"]):
            grants = [s for s in inline if action in _listed(s["Action"])
                      and s.get("Condition") == managed.get("Condition")
                      and all(any(fnmatchcase(r, p) for r in _listed(s["Resource"])) for p in patterns)
                      and all(any(fnmatchcase(r, p) for p in patterns) for r in _listed(s["Resource"]))]
            if not grants:
                missing.append(f"{action} on {patterns} with {managed.get('Condition')}")
    assert missing == []


def test_the_inline_variant_grants_nothing_beyond_the_managed_policy(workload, config):
    managed = {(a, json.dumps(s.get("Condition"), sort_keys=True)) for s in MANAGED_OPERATOR_POLICY_DOCUMENT["Statement"]
               for a in _listed(s["Action"])}
    inline = {(a, json.dumps(s.get("Condition"), sort_keys=True)) for s in _inline_document(workload, config)["Statement"]
              for a in _listed(s["Action"])}
    assert inline == managed
    # narrowed: this account and Region, these subnets and groups
    resources = [r for s in _inline_document(workload, config)["Statement"] for r in _listed(s["Resource"])]
    assert f"arn:aws:ec2:{REGION}:{ACCOUNT}:subnet/{SUBNETS[0]}" in resources
    assert f"arn:aws:ec2:{REGION}:{ACCOUNT}:security-group/{GROUPS[0]}" in resources
    assert not any(":*:*:" in r for r in resources)


def test_the_comparison_catches_a_missing_action(workload, config):
    """Guards the comparison above: dropping ec2:CreateNetworkInterface from the copy is reported."""
    document = _inline_document(workload, config)
    for statement in document["Statement"]:
        statement["Action"] = [a for a in _listed(statement["Action"]) if a != "ec2:CreateNetworkInterface"]
    granted = {a for s in document["Statement"] for a in _listed(s["Action"])}
    needed = {a for s in MANAGED_OPERATOR_POLICY_DOCUMENT["Statement"] for a in _listed(s["Action"])}
    assert needed - granted == {"ec2:CreateNetworkInterface"}


# What attaching the managed policy looks like in each format.
ATTACH = {
    "cloudformation": "arn:${AWS::Partition}:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator",
    "sam": "arn:${AWS::Partition}:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator",
    "terraform": 'policy_arn = "arn:${local.partition}:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator"',
    "cdk-ts": "iam.ManagedPolicy.fromAwsManagedPolicyName(\"AWSLambdaManagedEC2ResourceOperator\")",
    "cdk-js": "iam.ManagedPolicy.fromAwsManagedPolicyName(\"AWSLambdaManagedEC2ResourceOperator\")",
    "cdk-py": "iam.ManagedPolicy.from_aws_managed_policy_name(\"AWSLambdaManagedEC2ResourceOperator\")",
    "cli": 'aws iam attach-role-policy --role-name orders-api-cp-operator '
           '--policy-arn "arn:${PARTITION}:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator"',
}


@pytest.mark.parametrize("fmt", sorted(ATTACH))
def test_every_format_attaches_the_managed_policy_by_default(workload, config, fmt):
    text = "\n".join(generate(fmt, workload, config, IacOptions()).values())
    assert ATTACH[fmt] in text
    assert "ec2:CreateNetworkInterface" not in text  # no inline copy beside it


@pytest.mark.parametrize("fmt", sorted(ATTACH))
def test_the_inline_option_writes_the_copy_instead(workload, config, fmt):
    text = "\n".join(generate(fmt, workload, config, IacOptions(operator_policy="inline")).values())
    assert ATTACH[fmt] not in text
    assert "ec2:CreateNetworkInterface" in text and "ec2:DescribeCapacityReservations" in text


def test_cloudformation_role_carries_the_managed_policy_arn(workload, config):
    import yaml

    template = yaml.safe_load(generate("cloudformation", workload, config, IacOptions())["template.yaml"])
    role = template["Resources"]["OperatorRole"]["Properties"]
    assert role["ManagedPolicyArns"] == [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/"
                                                     "AWSLambdaManagedEC2ResourceOperator"}]
    assert "Policies" not in role


def test_an_unknown_operator_policy_choice_is_refused(workload, config):
    with pytest.raises(IacInputError) as error:
        build_model(workload, config, IacOptions(operator_policy="admin"))
    assert "operator policy 'admin' must be one of managed, inline" in str(error.value)


def _plan(workload, config, options):
    from workbench.deploy.plan_build import build_plan

    opts = IacOptions(subnet_ids=tuple(SUBNETS), security_group_ids=tuple(GROUPS), code_location="s3://b/k.zip",
                      operator_policy=options)
    return build_plan(workload, config, opts, region="us-east-1", account_id=ACCOUNT)


def test_the_deployment_plan_attaches_the_managed_policy(workload, config):
    plan = _plan(workload, config, "managed")
    step = plan.step("attach-operator-role-policy")
    assert (step.service, step.operation) == ("iam", "AttachRolePolicy")
    assert step.parameters == {"RoleName": "orders-api-cp-operator", "PolicyArn": MANAGED_ARN}
    ids = [s.id for s in plan.steps]
    assert "put-operator-role-policy" not in ids
    assert ids.index("attach-operator-role-policy") < ids.index("create-capacity-provider")


def test_the_deployment_plan_can_put_the_inline_copy(workload, config):
    plan = _plan(workload, config, "inline")
    document = json.loads(plan.step("put-operator-role-policy").parameters["PolicyDocument"])
    actions = {a for s in document["Statement"] for a in _listed(s["Action"])}
    assert "ec2:CreateNetworkInterface" in actions
    assert "attach-operator-role-policy" not in [s.id for s in plan.steps]


def test_the_deployment_plan_keeps_one_published_version(workload, config):
    """The plan publishes one numbered version (PublishVersion without PublishTo) and refuses to keep
    $LATEST.PUBLISHED as well, so its minimum is the one the cost comparison counts by default."""
    from workbench.deploy.plan_build import PlanError, build_plan

    plan = _plan(workload, config, "managed")
    publishes = [s for s in plan.steps if s.operation == "PublishVersion"]
    assert len(publishes) == 1 and "PublishTo" not in publishes[0].parameters
    opts = IacOptions(subnet_ids=tuple(SUBNETS), security_group_ids=tuple(GROUPS), code_location="s3://b/k.zip",
                      keep_latest_published=True)
    with pytest.raises(PlanError) as error:
        build_plan(workload, config, opts, region="us-east-1", account_id=ACCOUNT)
    assert "publishes one numbered version" in str(error.value)


@pytest.mark.parametrize("operator", ["managed", "inline"])
def test_terraform_creates_the_capacity_provider_after_the_operator_role_has_its_permissions(workload, config,
                                                                                            operator):
    text = generate("terraform", workload, config, IacOptions(operator_policy=operator))["main.tf"]
    provider = text[text.index('resource "aws_lambda_capacity_provider" "this"'):]
    depends = provider[provider.index("depends_on = ["):provider.index("]")]
    expected = ("aws_iam_role_policy_attachment.operatorrole_awslambdamanagedec2resourceoperator"
                if operator == "managed" else "aws_iam_role_policy.operatorrole_capacity_provider_operator")
    assert expected in depends
    assert f'resource "{expected.split(".")[0]}" "{expected.split(".")[1]}"' in text
