"""What the generators need beyond the workload and its LMI configuration, and the checks run before generating."""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench import lmi_facts as facts
from workbench.iac.operator_policy import OPERATOR_POLICY_CHOICES
from workbench.models import LmiConfiguration, Workload
from workbench.models._base import Architecture, Environment

_SUBNET = re.compile(r"^subnet-[0-9a-f]{8,17}$")
_SECURITY_GROUP = re.compile(r"^sg-[0-9a-f]{8,17}$")
_HANDLER = re.compile(r"^[^\s]{1,128}$")
_CRON = re.compile(r"^cron\(([^ )]+ ){5}[^ )]+\)$")
_TIMEZONE = re.compile(r"^[A-Za-z_]+(/[A-Za-z0-9_+\-]+)*$")
_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

# Graviton instance families carry a "g" right after the generation digit (c7g, m8g, r7gd); x86 ones do not.
_GRAVITON = re.compile(r"^[a-z]+\d+g")

DEFAULT_HANDLERS = {"python": "app.handler", "nodejs": "index.handler", "java": "example.Handler::handleRequest",
                    "dotnet": "Function::Function.Handler::FunctionHandler", "rust": "bootstrap"}


class IacInputError(ValueError):
    """Inputs the generators refuse, with every problem listed (one per line)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("cannot generate the infrastructure:\n" + "\n".join(f"- {p}" for p in self.problems))


@dataclass(frozen=True)
class IacOptions:
    """Choices for the generated infrastructure. Unset names fall back to the workload's function name."""

    function_name: str | None = None
    handler: str | None = None
    # "s3://bucket/key.zip" or a local path (a directory or .zip; SAM, CDK, Terraform and the CLI script use it)
    code_location: str = "build/function.zip"
    capacity_provider_name: str | None = None
    alias_name: str = "live"
    # VPC: existing subnets and security groups (parameters), or create_vpc=True for a new VPC across 3 AZs.
    create_vpc: bool = False
    subnet_ids: tuple[str, ...] = ()
    security_group_ids: tuple[str, ...] = ()
    vpc_cidr: str = "10.40.0.0/16"
    # Instance types: override the configuration's lists when given (None = use the configuration's).
    allowed_instance_types: tuple[str, ...] | None = None
    excluded_instance_types: tuple[str, ...] | None = None
    # Scheduled scaling (EventBridge Scheduler): raise the minimum before business hours, lower it after.
    scheduled_scaling: bool = False
    business_hours_start_cron: str = "cron(0 7 ? * MON-FRI *)"
    business_hours_end_cron: str = "cron(0 19 ? * MON-FRI *)"
    schedule_timezone: str = "UTC"
    off_hours_min_execution_environments: int | None = None  # None = the production floor (3) or 1 outside it
    # Alarm thresholds (lmi-facts.md Step 6): throttle rate > 1 %, CPU > 80 %.
    throttle_rate_alarm_pct: float = 1.0
    cpu_alarm_pct: float = 80.0
    alarm_topic_arn: str | None = None
    # Published versions: a numbered version behind the alias only (default). True keeps $LATEST.PUBLISHED as well,
    # which runs its own minimum execution environments (the minimum cost doubles).
    keep_latest_published: bool = False
    # The operator role: "managed" attaches AWSLambdaManagedEC2ResourceOperator; "inline" writes a narrowed copy.
    operator_policy: str = "managed"
    # The runtime to move an unsupported function to (python3.12 -> python3.13), chosen explicitly by the user
    # (--upgrade-runtime); None: the workload's runtime as it is, and an unsupported one is refused.
    upgrade_runtime: str | None = None


# aws-cdk-lib 2.276.0 aws-lambda/lib/capacity-provider.ts: "maxVCpuCount must be between 12 and 15000" (the L2
# construct's own check; the API and CloudFormation take 2 and up).
CDK_MIN_MAX_VCPU_COUNT = 12


def check_format(fmt: str, config: LmiConfiguration | None) -> list[str]:
    """What one output format refuses beyond :func:`check_inputs` (empty when it takes the inputs)."""
    problems: list[str] = []
    if fmt.startswith("cdk") and config is not None and config.max_vcpu_count < CDK_MIN_MAX_VCPU_COUNT:
        problems.append(f"max vCPU count {config.max_vcpu_count} is below {CDK_MIN_MAX_VCPU_COUNT}, the least the CDK "
                        f"construct lambda.CapacityProvider takes (maxVCpuCount 12–15,000; cdk synth would fail): "
                        f"raise it to {CDK_MIN_MAX_VCPU_COUNT} or more, or generate CloudFormation, SAM, Terraform "
                        "or the CLI script, which take 2 and up")
    return problems


def _instance_architecture(instance_type: str) -> Architecture | None:
    family = instance_type.split(".", 1)[0].lower()
    if "*" in family or not re.search(r"\d", family):
        return None  # a wildcard family (c*) or no generation: cannot tell
    return Architecture.ARM64 if _GRAVITON.match(family) else Architecture.X86_64


def _value(item: object) -> str:
    return str(getattr(item, "value", item))


def runtime_choice(text: str) -> str:
    """The ``--upgrade-runtime`` value: a runtime identifier (python3.13), lower-cased."""
    value = text.strip().lower()
    if not re.match(facts.RUNTIME_IDENTIFIER_PATTERN, value):
        raise ValueError(f"--upgrade-runtime takes a Lambda runtime identifier such as python3.13 (got {text!r})")
    return value


def as_deployed(workload: Workload, options: IacOptions) -> Workload:
    """The workload on the runtime it will run on: the upgrade the user chose (when it is a valid one), else as it is.
    For deriving its starting configuration; the generators and the plan take the workload and the options."""
    if options.upgrade_runtime and workload.runtime and not facts.runtime_upgrade_problem(workload.runtime,
                                                                                           options.upgrade_runtime):
        return workload.model_copy(update={"runtime": options.upgrade_runtime})
    return workload


def check_inputs(workload: Workload | None, config: LmiConfiguration | None, options: IacOptions) -> list[str]:
    """Every reason the inputs cannot be turned into infrastructure (empty when they can)."""
    problems: list[str] = []
    if workload is None:
        problems.append("there is no workload: describe the function first (intake pane, or --workload FILE)")
    if config is None:
        problems.append("there is no LMI configuration: derive the starting configuration from the workload first")
    if workload is None or config is None:
        return problems
    if workload.runtime is None:
        problems.append("the workload has no runtime: set it (python3.13, nodejs22.x, java21, dotnet8…)")
    else:
        problem = facts.runtime_upgrade_problem(workload.runtime, options.upgrade_runtime)
        if problem:
            problems.append(problem)
    if workload.region is not None and workload.region_supported is False:
        problems.append(f"Lambda Managed Instances is not available in {workload.region}")
    function_arch, provider_arch = _value(workload.architecture), _value(config.architecture)
    if function_arch != provider_arch:
        problems.append(f"architecture mismatch: the function is {function_arch} but the capacity "
                        f"provider is {provider_arch}; they must match (arm64 or x86_64 on both)")
    allowed = list(options.allowed_instance_types if options.allowed_instance_types is not None
                   else config.allowed_instance_types)
    excluded = list(options.excluded_instance_types if options.excluded_instance_types is not None
                    else config.excluded_instance_types)
    if allowed and excluded:
        problems.append("allowed and excluded instance types are both set; a capacity provider takes one or the "
                        "other (AllowedInstanceTypes or ExcludedInstanceTypes)")
    for name in allowed:
        arch = _instance_architecture(name)
        if arch is not None and arch.value != provider_arch:
            problems.append(f"architecture mismatch: allowed instance type {name} is {arch.value} but the capacity "
                            f"provider is {provider_arch}")
    production = _value(config.environment) == Environment.PRODUCTION.value
    if production and config.min_execution_environments < facts.LMI_MIN_EXECUTION_ENVIRONMENTS_PRODUCTION:
        problems.append(f"min execution environments is {config.min_execution_environments} in production; at "
                        f"least {facts.LMI_MIN_EXECUTION_ENVIRONMENTS_PRODUCTION} keep multi-AZ coverage")
    name = options.function_name or workload.function_name
    if not _NAME.match(name):
        problems.append(f"function name {name!r} must be 1–64 letters, digits, hyphens or underscores")
    if options.capacity_provider_name is not None and not re.match(facts.LMI_CAPACITY_PROVIDER_NAME_PATTERN,
                                                                   options.capacity_provider_name):
        problems.append(f"capacity provider name {options.capacity_provider_name!r} must be 1–140 letters, "
                        "digits, hyphens or underscores")
    if not _NAME.match(options.alias_name) or options.alias_name.isdigit():
        problems.append(f"alias name {options.alias_name!r} must be letters, digits, hyphens or underscores "
                        "and not only digits")
    if options.handler is not None and not _HANDLER.match(options.handler):
        problems.append(f"handler {options.handler!r} must be 1–128 characters without spaces")
    if not options.code_location.strip():
        problems.append("the code location is empty: give s3://bucket/key.zip or a local path")
    elif options.code_location.startswith("s3://") and "/" not in options.code_location[5:].strip("/"):
        problems.append(f"code location {options.code_location!r} needs a key: s3://bucket/path/function.zip")
    if options.create_vpc and (options.subnet_ids or options.security_group_ids):
        problems.append("create_vpc is on but subnet or security group ids are given too: choose one")
    bad = [s for s in options.subnet_ids if not _SUBNET.match(s)]
    bad += [s for s in options.security_group_ids if not _SECURITY_GROUP.match(s)]
    if bad:
        problems.append(f"not subnet or security group ids: {', '.join(bad)}")
    if options.subnet_ids and len(options.subnet_ids) < 3:
        problems.append(f"{len(options.subnet_ids)} subnet(s) given; use at least 3 in different Availability "
                        "Zones so the minimum of 3 execution environments spreads across AZs")
    if len(options.subnet_ids) > 16 or len(options.security_group_ids) > 5:
        problems.append("a capacity provider takes at most 16 subnets and 5 security groups")
    if options.operator_policy not in OPERATOR_POLICY_CHOICES:
        problems.append(f"operator policy {options.operator_policy!r} must be one of "
                        f"{', '.join(OPERATOR_POLICY_CHOICES)}")
    if not 0 < options.throttle_rate_alarm_pct <= 100:
        problems.append(f"throttle rate alarm threshold {options.throttle_rate_alarm_pct:g}% must be in (0, 100]")
    if not 0 < options.cpu_alarm_pct <= 100:
        problems.append(f"CPU alarm threshold {options.cpu_alarm_pct:g}% must be in (0, 100]")
    if options.scheduled_scaling:
        for label, cron in (("start", options.business_hours_start_cron), ("end", options.business_hours_end_cron)):
            if not _CRON.match(cron):
                problems.append(f"business hours {label} {cron!r} must be an EventBridge Scheduler cron "
                                "expression with 6 fields, e.g. cron(0 7 ? * MON-FRI *)")
        if not _TIMEZONE.match(options.schedule_timezone):
            problems.append(f"schedule time zone {options.schedule_timezone!r} must be an IANA name such as "
                            "Europe/Berlin or UTC")
        off = options.off_hours_min_execution_environments
        if off is not None and (off < 0 or (production and off < facts.LMI_MIN_EXECUTION_ENVIRONMENTS_PRODUCTION)):
            problems.append(f"off-hours minimum {off} is below the production floor of "
                            f"{facts.LMI_MIN_EXECUTION_ENVIRONMENTS_PRODUCTION}")
    return problems
