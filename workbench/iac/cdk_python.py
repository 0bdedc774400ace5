"""The CDK app in Python (thinner than the TypeScript one: same roles, provider, function, version, alias, alarms)."""

from __future__ import annotations

import json
from typing import Any

from workbench.iac.cdk import README, _c, _cdk_json, _class_name
from workbench.iac.model import (
    ACCOUNT,
    MIGRATION_NOTE,
    PARTITION,
    REGION,
    SG_ARN_TOKEN,
    SUBNET_ARN_TOKEN,
    InfraModel,
)


def _py_string(text: str) -> str:
    if ACCOUNT in text or REGION in text or PARTITION in text:
        inner = (json.dumps(text)[1:-1].replace("{", "{{").replace("}", "}}")
                 .replace("$" + "{{AWS::AccountId}}", "{cdk.Aws.ACCOUNT_ID}")
                 .replace("$" + "{{AWS::Region}}", "{cdk.Aws.REGION}")
                 .replace("$" + "{{AWS::Partition}}", "{cdk.Aws.PARTITION}"))
        return f'f"{inner}"'
    return json.dumps(text)


def _py_value(value: Any, pad: str) -> str:
    inner = pad + "    "
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(k)}: {_py_value(v, inner)}," for k, v in value.items()]
        return "{\n" + "\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list):
        items = []
        for v in value:
            if isinstance(v, str) and SUBNET_ARN_TOKEN in v:
                arn = _py_string(v.replace(SUBNET_ARN_TOKEN, "@S@")).replace("@S@", "{s.subnet_id}")
                items.append(f"{inner}*[{arn} for s in subnets],")
            elif isinstance(v, str) and SG_ARN_TOKEN in v:
                arn = _py_string(v.replace(SG_ARN_TOKEN, "@G@")).replace("@G@", "{g.security_group_id}")
                items.append(f"{inner}*[{arn} for g in security_groups],")
            else:
                items.append(f"{inner}{_py_value(v, inner)},")
        return "[\n" + "\n".join(items) + f"\n{pad}]"
    if isinstance(value, str):
        return _py_string(value)
    return json.dumps(value)


def _zones_property(model: InfraModel) -> str:
    """For a new VPC: three zones resolved by CloudFormation, so synth makes no account lookup (see cdk.py)."""
    if not model.network.create:
        return ""
    return ("\n" + _c("Three Availability Zones, resolved by CloudFormation at deploy time (Fn::GetAZs), so synth "
                       "needs no account lookup.", "    ", "#")
            + "    @property\n    def availability_zones(self) -> list[str]:\n"
            "        return [cdk.Fn.select(i, cdk.Fn.get_azs()) for i in range(3)]\n")


def cdk_python(model: InfraModel) -> dict[str, str]:
    """A thinner Python app: the same roles, capacity provider, function, version, alias and alarms."""
    fn, cp, net = model.function, model.capacity_provider, model.network
    p = "        "
    body: list[str] = []
    add = body.append
    add(_c(net.why, p, "#"))
    if net.create:
        add(f"""{p}vpc = ec2.Vpc(self, "Vpc", ip_addresses=ec2.IpAddresses.cidr({json.dumps(net.vpc_cidr)}), max_azs=3,
{p}             nat_gateways=1)
{p}subnets = vpc.private_subnets
{p}security_group = ec2.SecurityGroup(self, "SecurityGroup", vpc=vpc, allow_all_outbound=False,
{p}                                   description="LMI instances: HTTPS egress only, no ingress")
{p}security_group.add_egress_rule(ec2.Peer.any_ipv4(), ec2.Port.tcp(443),
{p}                               "HTTPS to AWS APIs (CloudWatch Logs, metrics)")
{p}security_groups = [security_group]
""")
    else:
        add(f"""{p}subnet_ids = self.node.try_get_context("subnetIds") or {json.dumps(list(net.subnet_ids))}
{p}security_group_ids = self.node.try_get_context("securityGroupIds") or {json.dumps(list(net.security_group_ids))}
{p}subnets = [ec2.Subnet.from_subnet_id(self, f"Subnet{{i}}", s) for i, s in enumerate(subnet_ids)]
{p}security_groups = [ec2.SecurityGroup.from_security_group_id(self, f"SecurityGroup{{i}}", g, allow_all_outbound=False)
{p}                   for i, g in enumerate(security_group_ids)]
{p}# Imported subnets carry no route table; the capacity provider needs only their ids.
{p}cdk.Annotations.of(self).acknowledge_warning("@aws-cdk/aws-ec2:noSubnetRouteTableId",
{p}                                            "The capacity provider uses the subnet ids only")
""")
    names = {"ExecutionRole": "execution_role", "OperatorRole": "operator_role", "SchedulerRole": "scheduler_role"}
    for role in model.roles:
        add("\n" + _c(role.why, p, "#"))
        policies = "".join(f"{p}        {json.dumps(pol.name)}: iam.PolicyDocument.from_json({_py_value(pol.document, p + '        ')}),\n"
                           for pol in role.policies)
        managed = "".join(f"{p}        iam.ManagedPolicy.from_aws_managed_policy_name({json.dumps(name)}),\n"
                          for name in role.managed_policies)
        add(f"""{p}{names[role.key]} = iam.Role(
{p}    self, "{role.key}", role_name={json.dumps(role.name)},
{p}    assumed_by=iam.ServicePrincipal({json.dumps(role.service)}),
""" + (f"{p}    managed_policies=[\n{managed}{p}    ],\n" if managed else "")
            + (f"{p}    inline_policies={{\n{policies}{p}    }},\n" if policies else "") + f"{p})\n")
    arch = "lambda_.Architecture.ARM_64" if cp.architecture == "arm64" else "lambda_.Architecture.X86_64"
    filt = ""
    if cp.allowed_instance_types or cp.excluded_instance_types:
        kind = "allow" if cp.allowed_instance_types else "exclude"
        listed = ", ".join(f"ec2.InstanceType({json.dumps(t)})"
                           for t in cp.allowed_instance_types or cp.excluded_instance_types)
        filt = f"{p}    instance_type_filter=lambda_.InstanceTypeFilter.{kind}([{listed}]),\n"
    scaling = ("lambda_.ScalingOptions.auto()" if cp.target_cpu_pct is None else
               f"lambda_.ScalingOptions.manual([lambda_.TargetTrackingScalingPolicy.cpu_utilization({cp.target_cpu_pct:g})])")
    s3 = fn.code_s3
    code = (f"lambda_.Code.from_bucket(s3.Bucket.from_bucket_name(self, \"CodeBucket\", {json.dumps(s3[0])}), "
            f"{json.dumps(s3[1])})" if s3 else f"lambda_.Code.from_asset({json.dumps(fn.code_location)})")
    scaling_cfg = f"min_execution_environments={fn.min_execution_environments}"
    cfn_scaling: dict[str, Any] = {"MinExecutionEnvironments": fn.min_execution_environments}
    if fn.max_execution_environments is not None:
        scaling_cfg += f", max_execution_environments={fn.max_execution_environments}"
        cfn_scaling["MaxExecutionEnvironments"] = fn.max_execution_environments
    if model.keeps_latest_published:
        latest_published = (_c("Kept as asked: $LATEST.PUBLISHED runs its own minimum beside the numbered version.",
                               p + "    ", "#") + f"{p}    publish_to_latest_published=True,\n"
                            f"{p}    latest_published_scaling_config=lambda_.LatestPublishedScalingConfig({scaling_cfg}),\n")
    else:
        latest_published = (_c("add_function publishes $LATEST.PUBLISHED by default (minimum 3 EEs of its own): off, "
                               "the numbered version below is the only published version.", p + "    ", "#")
                            + f"{p}    publish_to_latest_published=False,\n")
    if s3:
        add("\n" + _c("The code is an object in S3: CloudFormation updates the function, and the version, only when "
                      "the key changes, so upload each build under a new key (its hash, say).", p, "#")
            + f'{p}cdk.Annotations.of(self).acknowledge_warning(\n'
            f'{p}    "@aws-cdk/aws-lambda:codeFromBucketObjectVersionNotSpecified", "Each build is uploaded under a new key")\n')
    add(f"""
{p}capacity_provider = lambda_.CapacityProvider(
{p}    self, "CapacityProvider", capacity_provider_name={json.dumps(cp.name)},
{p}    subnets=subnets, security_groups=security_groups, operator_role=operator_role,
{_c(cp.why['architecture'], p + '    ', '#')}{p}    architectures=[{arch}],
{filt}{_c(cp.why['max_vcpu_count'], p + '    ', '#')}{p}    max_v_cpu_count={cp.max_vcpu_count},
{p}    scaling_options={scaling},
{p})

{p}fn = lambda_.Function(
{p}    self, "Function", function_name={json.dumps(fn.name)},
{p}    runtime=lambda_.Runtime({json.dumps(fn.runtime)}), handler={json.dumps(fn.handler)},
{p}    code={code}, role=execution_role,
{p}    architecture={arch},  # must match the capacity provider's
{_c(fn.why['memory_mb'], p + '    ', '#')}{p}    memory_size={fn.memory_mb},
{p}    timeout=cdk.Duration.seconds({fn.timeout_s}),
{p})
{p}capacity_provider.add_function(
{p}    fn,
{_c(fn.why['concurrency'], p + '    ', '#')}{p}    per_execution_environment_max_concurrency={fn.per_execution_environment_max_concurrency},
{_c(fn.why['memory_gib_per_vcpu'], p + '    ', '#')}{p}    execution_environment_memory_gib_per_v_cpu={float(fn.memory_gib_per_vcpu)},
{latest_published}{p})
{_c(model.version_why, p, '#')}{_c('The numbered version for the alias: ' + fn.why['min_execution_environments'], p, '#')}{p}version = fn.current_version
{p}version.node.default_child.add_property_override("FunctionScalingConfig", {json.dumps(cfn_scaling)})
{p}alias = lambda_.Alias(self, "Alias", alias_name={json.dumps(fn.alias)}, version=version)
""")
    for alarm in model.alarms:
        add("\n" + _c(alarm.why, p, "#"))
        if alarm.kind == "throttle-rate":
            add(f"""{p}metric = cloudwatch.MathExpression(
{p}    label="Throttle rate (%)", expression="100 * throttles / (invocations + throttles)",
{p}    using_metrics={{"throttles": alias.metric_throttles(statistic="Sum"),
{p}                   "invocations": alias.metric_invocations(statistic="Sum")}},
{p}    period=cdk.Duration.minutes(5))
""")
        else:
            add(f"""{p}metric = cloudwatch.Metric(
{p}    namespace="AWS/Lambda", metric_name="ExecutionEnvironmentCPUUtilization", statistic="Average",
{p}    period=cdk.Duration.minutes(5),
{p}    dimensions_map={{"CapacityProviderName": capacity_provider.capacity_provider_name,
{p}                    "FunctionName": fn.function_name, "Resource": f"{{fn.function_name}}:{{version.version}}"}})
""")
        add(f"""{p}alarm = metric.create_alarm(
{p}    self, "{alarm.key}", alarm_name={json.dumps(alarm.name)}, alarm_description={json.dumps(alarm.description)},
{p}    threshold={alarm.threshold:g}, evaluation_periods=3, datapoints_to_alarm=2,
{p}    comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
{p}    treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING)
""")
        if model.alarm_topic_arn:
            add(f"{p}alarm.add_alarm_action(cloudwatch_actions.SnsAction(\n"
                f"{p}    sns.Topic.from_topic_arn(self, \"{alarm.key}Topic\", {json.dumps(model.alarm_topic_arn)})))\n")
    for s in model.schedules:
        scaling_input: dict[str, Any] = {"MinExecutionEnvironments": s.min_execution_environments}
        if s.max_execution_environments is not None:
            scaling_input["MaxExecutionEnvironments"] = s.max_execution_environments
        add("\n" + _c(s.why, p, "#") + f"""{p}scheduler.CfnSchedule(
{p}    self, "{s.key}", name={json.dumps(s.name)}, schedule_expression={json.dumps(s.cron)},
{p}    schedule_expression_timezone={json.dumps(s.timezone)},
{p}    flexible_time_window=scheduler.CfnSchedule.FlexibleTimeWindowProperty(mode="OFF"),
{p}    target=scheduler.CfnSchedule.TargetProperty(
{p}        arn="arn:aws:scheduler:::aws-sdk:lambda:putFunctionScalingConfig", role_arn=scheduler_role.role_arn,
{p}        input=cdk.Stack.of(self).to_json_string({{"FunctionName": fn.function_name, "Qualifier": version.version,
{p}                                                 "FunctionScalingConfig": {json.dumps(scaling_input)}}})))
""")
    add(f'\n{p}cdk.CfnOutput(self, "FunctionAliasArn", value=alias.function_arn)\n')
    imports = ["import aws_cdk as cdk", "from aws_cdk import aws_cloudwatch as cloudwatch", "from aws_cdk import aws_ec2 as ec2",
               "from aws_cdk import aws_iam as iam", "from aws_cdk import aws_lambda as lambda_"]
    if s3:
        imports.append("from aws_cdk import aws_s3 as s3")
    if model.schedules:
        imports.append("from aws_cdk import aws_scheduler as scheduler")
    if model.alarm_topic_arn:
        imports += ["from aws_cdk import aws_cloudwatch_actions as cloudwatch_actions", "from aws_cdk import aws_sns as sns"]
    cls = _class_name(model)
    stack = (f'"""Lambda Managed Instances for {fn.name}, generated by LMI Workbench."""\n\n' + "\n".join(imports)
             + "\nfrom constructs import Construct\n\n\n"
             f"class {cls}(cdk.Stack):\n    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:\n"
             "        super().__init__(scope, construct_id, **kwargs)\n\n" + "".join(body) + _zones_property(model))
    app = (f"#!/usr/bin/env python3\nimport os\n\nimport aws_cdk as cdk\n\nfrom stack import {cls}\n\napp = cdk.App()\n"
           f"{cls}(app, \"{cls}\", env=cdk.Environment(account=os.getenv(\"CDK_DEFAULT_ACCOUNT\"), "
           "region=os.getenv(\"CDK_DEFAULT_REGION\")))\napp.synth()\n")
    return {
        "app.py": app,
        "stack.py": stack,
        "cdk.json": _cdk_json("python3 app.py"),
        "requirements.txt": "aws-cdk-lib>=2.231.0\nconstructs>=10.0.0,<11.0.0\n",
        "README.md": README.format(name=fn.name, lang="Python",
                                   install="python3 -m venv .venv && .venv/bin/pip install -r requirements.txt",
                                   context="", versions=model.version_why, migration=MIGRATION_NOTE),
    }
