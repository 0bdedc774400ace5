"""The infrastructure model: every resource the writers render, as plain data with the reason for each value.

Built once from the workload, its LMI configuration and the options; CloudFormation, SAM, CDK, Terraform and
the CLI script all render this same model, so they cannot disagree about a role, a number or a name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench import lmi_facts as facts
from workbench.iac.operator_policy import (
    MANAGED_OPERATOR_POLICY_NAME,
    MANAGED_OPERATOR_POLICY_VERSION,
)
from workbench.iac.options import (
    DEFAULT_HANDLERS,
    IacInputError,
    IacOptions,
    check_inputs,
)
from workbench.models import LmiConfiguration, Workload
from workbench.models._base import Environment
from workbench.models.lmi_config import ScalingMode

# Placeholders the writers replace with their own way of naming the account, Region and partition.
ACCOUNT = "${AWS::AccountId}"
REGION = "${AWS::Region}"
PARTITION = "${AWS::Partition}"
OPERATOR_CONDITION_KEY = "ec2:ManagedResourceOperator"
OPERATOR_CONDITION_VALUE = "scaler.lambda.amazonaws.com"
LAMBDA_SERVICE = "lambda.amazonaws.com"
SCHEDULER_SERVICE = "scheduler.amazonaws.com"


@dataclass(frozen=True)
class Policy:
    name: str
    document: dict[str, Any]  # an IAM policy document; ARNs use the ACCOUNT/REGION/PARTITION placeholders


@dataclass(frozen=True)
class Role:
    key: str            # logical id / variable name, e.g. "ExecutionRole"
    name: str           # IAM role name
    service: str        # the service principal trusted to assume it
    policies: tuple[Policy, ...]          # inline policies
    why: str
    managed_policies: tuple[str, ...] = ()  # AWS managed policies to attach, by name (arn:…:iam::aws:policy/NAME)

    @property
    def trust_policy(self) -> dict[str, Any]:
        return {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": self.service}, "Action": "sts:AssumeRole"}]}


@dataclass(frozen=True)
class Network:
    create: bool
    subnet_ids: tuple[str, ...]           # defaults for the parameters when not creating
    security_group_ids: tuple[str, ...]
    vpc_cidr: str
    subnet_cidrs: tuple[str, ...]         # one per AZ when creating
    why: str


@dataclass(frozen=True)
class CapacityProvider:
    name: str
    architecture: str
    allowed_instance_types: tuple[str, ...]
    excluded_instance_types: tuple[str, ...]
    max_vcpu_count: int
    scaling_mode: str                      # Auto | Manual
    target_cpu_pct: float | None           # only with Manual
    why: dict[str, str]

    def instance_requirements(self) -> dict[str, Any]:
        """``InstanceRequirements`` as the CreateCapacityProvider API takes it."""
        requirements: dict[str, Any] = {"Architectures": [self.architecture]}
        if self.allowed_instance_types:
            requirements["AllowedInstanceTypes"] = list(self.allowed_instance_types)
        if self.excluded_instance_types:
            requirements["ExcludedInstanceTypes"] = list(self.excluded_instance_types)
        return requirements

    def scaling_config(self) -> dict[str, Any]:
        """``CapacityProviderScalingConfig`` as the API takes it (the CPU target only when one is set)."""
        scaling: dict[str, Any] = {"MaxVCpuCount": self.max_vcpu_count, "ScalingMode": self.scaling_mode}
        if self.target_cpu_pct is not None:
            scaling["ScalingPolicies"] = [{"PredefinedMetricType": "LambdaCapacityProviderAverageCPUUtilization",
                                           "TargetValue": float(self.target_cpu_pct)}]
        return scaling


@dataclass(frozen=True)
class Function:
    name: str
    runtime: str
    handler: str
    architecture: str
    memory_mb: int
    timeout_s: int
    code_location: str
    per_execution_environment_max_concurrency: int
    memory_gib_per_vcpu: float
    min_execution_environments: int
    max_execution_environments: int | None
    alias: str
    why: dict[str, str]

    @property
    def code_s3(self) -> tuple[str, str] | None:
        if not self.code_location.startswith("s3://"):
            return None
        bucket, _, key = self.code_location[5:].partition("/")
        return bucket, key


# Sources: lmi-facts.md (checked 2026-12-07): "SAM: CapacityProviderConfig cannot be added to or removed from an
# existing function resource"; aws-cdk-lib capacity-provider.ts: "Capacity provider configuration cannot be removed
# from a function, only modified"; the Developer Guide on shifting traffic between LMI and non-LMI versions.
MIGRATION_NOTE = ("Migrating an existing function: this creates a NEW function. SAM cannot add CapacityProviderConfig "
                  "to an existing function resource (and a capacity provider cannot be removed from a function "
                  "again), so do not add it to the function you run today. Deploy this beside it under a new name, "
                  "shift traffic to it at the invocation source (API Gateway, event source mappings or a router; a "
                  "weighted alias cannot split traffic between an LMI and a non-LMI version) 10% -> 50% -> 100%, "
                  "watch throttles and CPU, then delete the old function.")


@dataclass(frozen=True)
class PublishedVersion:
    """A published version the infrastructure keeps. Each keeps its own minimum execution environments running
    ("$LATEST.PUBLISHED version in Lambda Managed Instances"; "Scaling Lambda Managed Instances")."""

    qualifier: str                         # NUMBERED (the number Lambda assigns) or LATEST_PUBLISHED
    min_execution_environments: int
    max_execution_environments: int | None
    serves_alias: bool                     # the alias (and so the traffic) points at it


NUMBERED = "numbered"
LATEST_PUBLISHED = "$LATEST.PUBLISHED"


def version_model_why(versions: tuple[PublishedVersion, ...]) -> str:
    """Why the infrastructure publishes what it publishes: said in every generated format."""
    minimum = versions[0].min_execution_environments
    why = ("One published version: a numbered version, which the alias points at. CloudFormation and the console "
           "also create $LATEST.PUBLISHED for an LMI function unless told not to (PublishToLatestPublished: false), "
           "and every published version keeps its own minimum execution environments running, so a second one "
           f"would run another {minimum} and double the minimum cost. A numbered version is immutable: pointing the "
           "alias back at the previous one rolls back, and the CPU alarm and schedules name it. Invoke the alias: "
           "an unqualified invoke runs $LATEST.PUBLISHED, which this infrastructure does not keep.")
    if len(versions) > 1:
        total = sum(v.min_execution_environments for v in versions)
        why = ("Two published versions, as asked: the numbered version behind the alias and $LATEST.PUBLISHED (for "
               "unqualified invokes). Each keeps its own minimum execution environments running: "
               f"{total} in all, not {minimum}; the cost comparison counts both.")
    return why


@dataclass(frozen=True)
class Alarm:
    key: str
    name: str
    description: str
    threshold: float
    kind: str               # "throttle-rate" (metric math on the alias) | "cpu" (per version)
    why: str


@dataclass(frozen=True)
class Schedule:
    key: str
    name: str
    cron: str
    timezone: str
    min_execution_environments: int
    max_execution_environments: int | None
    why: str


@dataclass(frozen=True)
class InfraModel:
    workload_name: str
    region: str | None
    production: bool
    execution_role: Role
    operator_role: Role
    scheduler_role: Role | None
    network: Network
    capacity_provider: CapacityProvider
    function: Function
    alarms: tuple[Alarm, ...]
    schedules: tuple[Schedule, ...]
    alarm_topic_arn: str | None
    published_versions: tuple[PublishedVersion, ...] = ()

    @property
    def keeps_latest_published(self) -> bool:
        return any(v.qualifier == LATEST_PUBLISHED for v in self.published_versions)

    @property
    def minimum_execution_environments(self) -> int:
        """The execution environments the infrastructure keeps running at the least: every published version's
        minimum, added up."""
        return sum(v.min_execution_environments for v in self.published_versions)

    @property
    def version_why(self) -> str:
        return version_model_why(self.published_versions)

    @property
    def roles(self) -> tuple[Role, ...]:
        return tuple(r for r in (self.execution_role, self.operator_role, self.scheduler_role) if r is not None)


def _arn(service: str, resource: str, *, region: bool = True, account: bool = True) -> str:
    return (f"arn:{PARTITION}:{service}:{REGION if region else ''}:{ACCOUNT if account else ''}:{resource}")


def execution_policy(function_name: str) -> Policy:
    group = _arn("logs", f"log-group:/aws/lambda/{function_name}")
    return Policy("logs", {"Version": "2012-10-17", "Statement": [
        {"Sid": "CreateLogGroup", "Effect": "Allow", "Action": "logs:CreateLogGroup", "Resource": group},
        {"Sid": "WriteLogs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
         "Resource": f"{group}:*"},
    ]})


def operator_policy(subnet_arns: list[str], security_group_arns: list[str]) -> Policy:
    """The inline least-privilege operator policy: every statement of the managed policy
    ``AWSLambdaManagedEC2ResourceOperator`` (:mod:`workbench.iac.operator_policy`), with the same actions, resource
    types and conditions, narrowed to this account and Region and to the capacity provider's subnets and groups."""
    managed = {"StringEquals": {OPERATOR_CONDITION_KEY: OPERATOR_CONDITION_VALUE}}
    return Policy("capacity-provider-operator", {"Version": "2012-10-17", "Statement": [
        # (1) Instances, their ENIs and volumes, only when Lambda's scaler is the one launching them.
        {"Sid": "ManagedInstances", "Effect": "Allow",
         "Action": ["ec2:RunInstances", "ec2:CreateTags", "ec2:AttachNetworkInterface"],
         "Resource": [_arn("ec2", "instance/*"), _arn("ec2", "network-interface/*"), _arn("ec2", "volume/*")],
         "Condition": managed},
        # (2) Describe calls do not support resource-level permissions.
        {"Sid": "Describe", "Effect": "Allow",
         "Action": ["ec2:DescribeAvailabilityZones", "ec2:DescribeCapacityReservations", "ec2:DescribeInstances",
                    "ec2:DescribeInstanceStatus", "ec2:DescribeInstanceTypeOfferings", "ec2:DescribeInstanceTypes",
                    "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets"],
         "Resource": "*"},
        # (3) Instances and their network interfaces go into these subnets and security groups only.
        {"Sid": "TheseSubnetsAndGroups", "Effect": "Allow",
         "Action": ["ec2:RunInstances", "ec2:CreateNetworkInterface"],
         "Resource": subnet_arns + security_group_arns},
        # (4) Amazon-owned images only.
        {"Sid": "AmazonImagesOnly", "Effect": "Allow", "Action": ["ec2:RunInstances"],
         "Resource": [f"arn:{PARTITION}:ec2:{REGION}::image/*"],
         "Condition": {"StringEquals": {"ec2:Owner": "amazon"}}},
    ]})


def scheduler_policy(function_name: str) -> Policy:
    return Policy("scheduled-scaling", {"Version": "2012-10-17", "Statement": [
        {"Sid": "ScaleThisFunction", "Effect": "Allow", "Action": "lambda:PutFunctionScalingConfig",
         "Resource": [_arn("lambda", f"function:{function_name}"), _arn("lambda", f"function:{function_name}:*")]},
    ]})


SUBNET_ARN_TOKEN = "{subnet}"
SG_ARN_TOKEN = "{security_group}"


def _default_handler(family: str | None) -> str:
    return DEFAULT_HANDLERS.get(family or "", "index.handler")


def _timeout(workload: Workload) -> tuple[int, str]:
    if workload.timeout_s is not None:
        return workload.timeout_s, f"the function's timeout today ({workload.timeout_s} s)"
    return 30, "30 s: no timeout known for the function today; set it to what it needs"


def build_model(workload: Workload | None, config: LmiConfiguration | None,
                options: IacOptions | None = None) -> InfraModel:
    """The model every writer renders; raises :class:`IacInputError` listing every problem with the inputs."""
    options = options or IacOptions()
    problems = check_inputs(workload, config, options)
    if problems:
        raise IacInputError(problems)
    assert workload is not None and config is not None
    if options.upgrade_runtime:  # chosen explicitly and checked above: the function is generated on the new runtime
        workload = workload.model_copy(update={"runtime": options.upgrade_runtime})
    name = options.function_name or workload.function_name
    production = config.environment is Environment.PRODUCTION
    provider_name = options.capacity_provider_name or config.capacity_provider_name or f"{name}-capacity"
    role_base = name[:40]
    execution_role_name = f"{role_base}-execution"
    execution = Role("ExecutionRole", execution_role_name, LAMBDA_SERVICE, (execution_policy(name),),
                     "The function's role: writes its own CloudWatch Logs. No VPC ENI permissions: the capacity "
                     "provider's instances, not the function, are placed in the VPC.")
    subnet_arns = [_arn("ec2", "subnet/" + SUBNET_ARN_TOKEN)]
    sg_arns = [_arn("ec2", "security-group/" + SG_ARN_TOKEN)]
    if options.operator_policy == "inline":
        operator = Role("OperatorRole", f"{role_base}-cp-operator", LAMBDA_SERVICE,
                        (operator_policy(subnet_arns, sg_arns),),
                        "The capacity provider's operator role, with an inline copy of every statement of the AWS "
                        f"managed policy {MANAGED_OPERATOR_POLICY_NAME} ({MANAGED_OPERATOR_POLICY_VERSION}): Lambda "
                        f"launches and tags EC2 instances only where {OPERATOR_CONDITION_KEY} = "
                        f"{OPERATOR_CONDITION_VALUE}, from Amazon-owned images, in these subnets and security "
                        "groups, in this account and Region. AWS may extend the managed policy; this copy does not "
                        "follow.")
    else:
        operator = Role("OperatorRole", f"{role_base}-cp-operator", LAMBDA_SERVICE, (),
                        f"The capacity provider's operator role, with the AWS managed policy "
                        f"{MANAGED_OPERATOR_POLICY_NAME} (what AWS documents as the minimum; AWS keeps it current): "
                        f"Lambda launches and tags EC2 instances only where {OPERATOR_CONDITION_KEY} = "
                        f"{OPERATOR_CONDITION_VALUE}, from Amazon-owned images.",
                        managed_policies=(MANAGED_OPERATOR_POLICY_NAME,))
    scheduler = None
    schedules: tuple[Schedule, ...] = ()
    if options.scheduled_scaling:
        scheduler = Role("SchedulerRole", f"{role_base}-scaling-schedule", SCHEDULER_SERVICE,
                         (scheduler_policy(name),),
                         "EventBridge Scheduler calls PutFunctionScalingConfig on this function only.")
        floor = facts.LMI_MIN_EXECUTION_ENVIRONMENTS_PRODUCTION if production else 1
        off = options.off_hours_min_execution_environments
        off = floor if off is None else off
        peak = max(config.min_execution_environments, off)
        schedules = (
            Schedule("ScaleUpSchedule", f"{name}-business-hours-up", options.business_hours_start_cron,
                     options.schedule_timezone, peak, config.max_execution_environments,
                     f"Raise the minimum to {peak} before business hours: scaling doubles only every 5 minutes, so "
                     "capacity must be there before the peak, not chase it."),
            Schedule("ScaleDownSchedule", f"{name}-business-hours-down", options.business_hours_end_cron,
                     options.schedule_timezone, off, config.max_execution_environments,
                     f"Lower the minimum to {off} after hours" + (" (never below 3 in production: fewer loses "
                                                                 "multi-AZ coverage)." if production else ".")),
        )
    create = options.create_vpc
    subnets = options.subnet_ids or tuple(workload.subnet_ids)
    groups = options.security_group_ids or tuple(workload.security_group_ids)
    network = Network(
        create=create, subnet_ids=() if create else subnets, security_group_ids=() if create else groups,
        vpc_cidr=options.vpc_cidr,
        subnet_cidrs=tuple(_subnet_cidrs(options.vpc_cidr)) if create else (),
        why=("A new VPC with 3 private subnets in 3 Availability Zones, so the 3 minimum execution environments "
             "spread across AZs; the security group allows HTTPS egress only (no ingress). Add a NAT gateway or "
             "VPC endpoints (CloudWatch Logs, monitoring, X-Ray, SQS; S3/DynamoDB gateways): without egress the "
             "function's logs go missing." if create else
             "Existing subnets (3+ in different Availability Zones) and security groups, as parameters. They "
             "need egress (NAT or VPC endpoints) to CloudWatch Logs, or the function's logs go missing."))
    allowed = tuple(options.allowed_instance_types if options.allowed_instance_types is not None
                    else config.allowed_instance_types)
    excluded = tuple(options.excluded_instance_types if options.excluded_instance_types is not None
                     else config.excluded_instance_types)
    prov = {k: v.detail for k, v in config.provenance.items()}
    cp = CapacityProvider(
        name=provider_name, architecture=config.architecture.value, allowed_instance_types=allowed,
        excluded_instance_types=excluded, max_vcpu_count=config.max_vcpu_count,
        scaling_mode=config.scaling_mode.value,
        target_cpu_pct=config.target_cpu_utilization_pct if config.scaling_mode is ScalingMode.MANUAL else None,
        why={
            "architecture": prov.get("architecture", "must match the function's architecture"),
            "max_vcpu_count": prov.get("max_vcpu_count", "MaxVCpuCount is the capacity provider's cost ceiling"),
            "scaling_mode": prov.get("scaling_mode", "Auto keeps about 50% headroom; Manual sets a CPU target"),
            "instance_types": ("Only these instance types: restricting lowers availability, keep the list broad."
                               if allowed else "These instance types are excluded; Lambda picks from the rest."
                               if excluded else "No instance type filter: Lambda chooses, which keeps availability "
                               "highest; the cost comparison priced the cheapest type that fits, a lower bound."),
        })
    family = workload.runtime_family
    timeout, timeout_why = _timeout(workload)
    default_conc = workload.default_concurrency_per_vcpu
    vcpus = config.vcpus_per_execution_environment
    fn = Function(
        name=name, runtime=workload.runtime or "", handler=options.handler or _default_handler(family),
        architecture=config.architecture.value, memory_mb=config.memory_mb, timeout_s=timeout,
        code_location=options.code_location,
        per_execution_environment_max_concurrency=config.per_execution_environment_max_concurrency,
        memory_gib_per_vcpu=config.memory_gib_per_vcpu,
        min_execution_environments=config.min_execution_environments,
        max_execution_environments=config.max_execution_environments, alias=options.alias_name,
        why={
            "memory_gib_per_vcpu": prov.get("memory_gib_per_vcpu", "memory-to-vCPU ratio") +
            "; set explicitly because the API default (2:1) rarely suits the workload",
            "concurrency": prov.get("per_execution_environment_max_concurrency",
                                    f"runtime default {default_conc} per vCPU" if default_conc else "") +
            f" (runtime default is {default_conc} per vCPU)" * bool(default_conc and
                                                                    "per_execution_environment_max_concurrency"
                                                                    in prov),
            "memory_mb": prov.get("memory_mb", f"{config.memory_mb} MB") + (
                "" if "vCPU" in prov.get("memory_mb", "") else f" → {vcpus:g} vCPU per execution environment"),
            "min_execution_environments": prov.get(
                "min_execution_environments",
                "3 keeps multi-AZ coverage" if production else "non-production: fewer than 3 is allowed") +
            f"; capacity at the minimum = {config.total_concurrency_at_minimum} concurrent invocations",
            "max_execution_environments": ("no maximum: MaxVCpuCount on the capacity provider is the ceiling"
                                           if config.max_execution_environments is None else
                                           "the most execution environments this version may scale to"),
            "timeout_s": timeout_why,
            "alias": "callers invoke the alias, which points at the published version (LMI runs versions only)",
        })
    alarms = (
        Alarm("ThrottleRateAlarm", f"{name}-{options.alias_name}-throttle-rate",
              f"Throttles / Invocations above {options.throttle_rate_alarm_pct:g}% on alias {options.alias_name}: "
              "raise MinExecutionEnvironments or lower the scaling target.",
              options.throttle_rate_alarm_pct, "throttle-rate",
              "Throttle rate > 1% means traffic grows faster than LMI's 5-minute doubling (lmi-facts.md Step 6)."),
        Alarm("CpuAlarm", f"{name}-execution-environment-cpu",
              f"Execution environment CPU above {options.cpu_alarm_pct:g}%: lower concurrency or add vCPUs.",
              options.cpu_alarm_pct, "cpu",
              "CPU > 80% means the concurrency per execution environment is too high for the CPU it has."),
    )
    versions: tuple[PublishedVersion, ...] = (PublishedVersion(NUMBERED, fn.min_execution_environments, fn.max_execution_environments, True),)
    if options.keep_latest_published:
        versions += (PublishedVersion(LATEST_PUBLISHED, fn.min_execution_environments,
                                      fn.max_execution_environments, False),)
    return InfraModel(workload_name=workload.function_name, region=workload.region, production=production,
                      execution_role=execution, operator_role=operator, scheduler_role=scheduler, network=network,
                      capacity_provider=cp, function=fn, alarms=alarms, schedules=schedules,
                      alarm_topic_arn=options.alarm_topic_arn, published_versions=versions)


def _subnet_cidrs(vpc_cidr: str) -> list[str]:
    import ipaddress

    net = ipaddress.ip_network(vpc_cidr, strict=False)
    prefix = min(net.prefixlen + 4, 28)
    return [str(s) for s in list(net.subnets(new_prefix=prefix))[:3]]


def concrete_policy(policy: Policy, *, account: str, region: str, partition: str = "aws",
                    subnet_ids: list[str] | None = None, security_group_ids: list[str] | None = None,
                    ) -> dict[str, Any]:
    """The policy document with the placeholders filled in (for linters, the CLI script and previews)."""
    import copy

    doc = copy.deepcopy(policy.document)
    subnets = subnet_ids or ["*"]
    groups = security_group_ids or ["*"]

    def fill(value: Any) -> Any:
        if isinstance(value, str):
            return value.replace(ACCOUNT, account).replace(REGION, region).replace(PARTITION, partition)
        if isinstance(value, list):
            out: list[Any] = []
            for item in value:
                if isinstance(item, str) and SUBNET_ARN_TOKEN in item:
                    out += [fill(item.replace(SUBNET_ARN_TOKEN, s)) for s in subnets]
                elif isinstance(item, str) and SG_ARN_TOKEN in item:
                    out += [fill(item.replace(SG_ARN_TOKEN, g)) for g in groups]
                else:
                    out.append(fill(item))
            return out
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        return value

    return fill(doc)
