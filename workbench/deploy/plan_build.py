"""Building the deployment plan: every AWS call that deploys the LMI configuration, in order, with its parameters.

:func:`build_plan` renders the same :class:`workbench.iac.model.InfraModel` the code generators render, so the
roles, policies, names and numbers in the plan agree with the generated CDK/SAM/Terraform/CLI script. Values that
exist only after an earlier step are references (:mod:`workbench.deploy.plan_refs`); the plan as a record (saving,
rendering, its predicates) is :mod:`workbench.deploy.plan`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench import lmi_facts as facts
from workbench.deploy.plan import TAG_KEY
from workbench.deploy.plan_refs import ACCOUNT_REF, CODE_PLACEHOLDER, read_code, ref
from workbench.iac.model import (
    InfraModel,
    Role,
    build_model,
    concrete_policy,
)
from workbench.iac.options import IacInputError, IacOptions
from workbench.models import (
    DeploymentPlan,
    DeploymentStep,
    LmiConfiguration,
    RuntimeUpgrade,
    Workload,
)
from workbench.models.deploy import (
    DeployFormat,
    DeployMode,
    PlanType,
    StepKind,
    WaitSpec,
)

if TYPE_CHECKING:
    from workbench.aws.session import AwsSession
    from workbench.deploy.clients import Clients

# Lambda takes a zip of at most 50 MB in the request itself; larger code goes through S3.
DIRECT_UPLOAD_MAX_BYTES = 50 * 1024 * 1024
SCHEDULER_TARGET = "arn:aws:scheduler:::aws-sdk:lambda:putFunctionScalingConfig"

# Polling: there is no capacity-provider waiter, so GetCapacityProvider every 10 s for up to 15 minutes (the
# generated CLI script does the same). The version and function waits use the numbers of botocore's own
# PublishedVersionActive (5 s × 312) and FunctionActiveV2 / FunctionUpdatedV2 (1 s × 300) waiters; the version
# wait reads them (and its success/failure states) from the botocore in use when it has that waiter
# (:func:`published_version_wait`), these being the values of botocore 1.44.8's lambda waiters-2.json.
CAPACITY_PROVIDER_WAIT = (10.0, 90)
VERSION_WAIT = (5.0, 312)
FUNCTION_WAIT = (1.0, 300)

# After CreateFunction with a capacity provider, $LATEST goes Pending → ActiveNonInvocable, never Active (only a
# published version runs: "$LATEST.PUBLISHED version in Lambda Managed Instances"; the State enum of botocore's
# lambda model; lmi-facts.md "States", checked 2026-12-07). Waiting for Active there (botocore's FunctionActiveV2,
# `aws lambda wait function-active-v2`) would never end. The wait only has to see creation finish, because
# PublishVersion is refused while the function is Pending ("Lambda function states"); Active is accepted too for
# a function Lambda runs without a capacity provider (and for an emulator that knows no LMI states).
LATEST_READY_STATES = ["ActiveNonInvocable", "Active"]
# PutFunctionScalingConfig's MinExecutionEnvironments/MaxExecutionEnvironments range ("FunctionScalingConfig",
# AWS Lambda API Reference: 0 to 15,000).
SCALING_LIMIT = 15_000


def published_version_wait() -> tuple[float, int, list[str], list[str]]:
    """(delay, attempts, success states, failure states) of botocore's ``PublishedVersionActive`` waiter
    (GetFunctionConfiguration with the version as Qualifier, State Active; Failed ends it), read from the
    botocore in use; :data:`VERSION_WAIT` with Active/Failed when that botocore has no such waiter."""
    delay, attempts = VERSION_WAIT
    success, failure = ["Active"], ["Failed"]
    try:
        import botocore.session

        waiter = botocore.session.get_session().get_waiter_model("lambda").get_waiter("PublishedVersionActive")
    except Exception:  # noqa: BLE001 - an older botocore (no such waiter), or none: keep the documented numbers
        return delay, attempts, success, failure
    states: dict[str, list[str]] = {"success": [], "failure": []}
    for acceptor in waiter.acceptors:
        if acceptor.matcher == "path" and acceptor.argument == "State" and acceptor.state in states:
            states[acceptor.state].append(str(acceptor.expected))
    return (float(waiter.delay), int(waiter.max_attempts), states["success"] or success,
            states["failure"] or failure)


def scaling_config(minimum: int, maximum: int | None, ceiling: int) -> dict[str, int]:
    """``FunctionScalingConfig`` with both bounds. PutFunctionScalingConfig sets the two together and a bound left
    out goes back to its default (lmi-facts.md "Scaling config", checked 2026-12-07), so Max is always sent: the
    configured one, else ``ceiling`` (what the capacity provider's MaxVCpuCount allows), never below Min."""
    top = maximum if maximum is not None else max(minimum, min(ceiling, SCALING_LIMIT))
    if top < minimum:
        raise PlanError([(f"MaxExecutionEnvironments ({top}) is below MinExecutionEnvironments ({minimum}): the "
                          "maximum must be at least the minimum")])
    return {"MinExecutionEnvironments": minimum, "MaxExecutionEnvironments": top}


def environments_ceiling(fn: Any, cp: Any) -> int:
    """How many execution environments of ``fn`` fit in the capacity provider's MaxVCpuCount (at least 1)."""
    vcpus = max(1.0, fn.memory_mb / 1024 / float(fn.memory_gib_per_vcpu))
    return max(1, int(cp.max_vcpu_count // vcpus))


class PlanError(ValueError):
    """Inputs the plan cannot be built from, every problem listed (one per line)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("cannot plan the deployment:\n" + "\n".join(f"- {p}" for p in self.problems))


def partition_of(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def code_reference(location: Path | str) -> str:
    """``${zip:DIR#sha256=...}`` or ``${file:ZIP#sha256=...}`` for code the runner will read when the step runs."""
    path = Path(location).expanduser().absolute()
    try:
        data = read_code(path)
    except OSError as error:
        raise PlanError([f"cannot read the function code {path}: {error.strerror or error}"]) from None
    except ValueError as error:
        raise PlanError([str(error)]) from None
    if len(data) > DIRECT_UPLOAD_MAX_BYTES:
        raise PlanError([(f"the function code {path} zips to {len(data) / 1024 / 1024:.1f} MB; CreateFunction "
                          "takes at most 50 MB directly: upload it to S3 and give an s3://bucket/key.zip location")])
    kind = "zip" if path.is_dir() else "file"
    return f"${{{kind}:{path}#sha256={hashlib.sha256(data).hexdigest()}}}"


# --- read-only look-ups at plan time ---------------------------------------------------------------------------

class _Lookups:
    """Read-only calls at plan time. After a failure that retrying will not cure (no credentials, no network)
    the remaining look-ups are skipped, so an offline plan is quick."""

    def __init__(self, session: AwsSession | None, region: str, notes: list[str],
                 clients: Clients | None = None) -> None:
        self.session, self.region, self.notes, self.clients = session, region, notes, clients
        self.gave_up = False

    def __call__(self, what: str, service: str, operation: str, **params: Any) -> dict[str, Any] | None:
        """The answer; None when the resource does not exist or the call failed (a note says which)."""
        from workbench.aws.errors import AwsProblem, ProblemKind

        if self.session is None and self.clients is None:
            if self.gave_up:
                self.notes.append(f"Could not check {what} either (same problem); planned as if it does not exist.")
            return None
        try:
            if self.clients is not None:
                from workbench.deploy.clients import call_operation

                return call_operation(self.clients, service, operation, params, region=self.region,
                                      session=self.session)
            assert self.session is not None  # checked above: a session or clients
            return self.session.call(service, operation, region=self.region, **params)
        except AwsProblem as problem:
            if problem.kind is not ProblemKind.NOT_FOUND:
                self.notes.append(f"Could not check {what} ({problem.message}); planned as if it does not exist. "
                                  "The apply checks again and stops rather than change something it did not "
                                  "create.")
            if problem.offer_offline:
                self.session, self.clients, self.gave_up = None, None, True
            return None


# --- building the plan -----------------------------------------------------------------------------------------

def _iam_text(text: str) -> str:
    """IAM descriptions take Latin-1 printable characters and at most 1000 of them."""
    return "".join(ch if 32 <= ord(ch) <= 126 or 161 <= ord(ch) <= 255 else "-" for ch in text)[:1000]


class _Steps:
    def __init__(self) -> None:
        self.steps: list[DeploymentStep] = []

    def call(self, step_id: str, title: str, service: str, operation: str, params: dict[str, Any], *,
             resource: tuple[str, str] | None = None) -> None:
        self.steps.append(DeploymentStep(
            id=step_id, title=title, service=service, operation=operation, parameters=params,
            resource_type=resource[0] if resource else None, resource_name=resource[1] if resource else None))

    def wait(self, step_id: str, title: str, service: str, operation: str, params: dict[str, Any],
             spec: WaitSpec, *, resource: tuple[str, str] | None = None) -> None:
        self.steps.append(DeploymentStep(
            id=step_id, title=title, service=service, operation=operation, parameters=params, kind=StepKind.WAIT,
            wait=spec, resource_type=resource[0] if resource else None,
            resource_name=resource[1] if resource else None))


def _role_steps(out: _Steps, role: Role, key: str, document: dict[str, Any] | None, tags: list[dict[str, str]],
                managed_arn: Any = None) -> None:
    out.call(f"create-{key}-role", f"Create the {key} role {role.name} (trusts {role.service})", "iam",
             "CreateRole", {"RoleName": role.name, "AssumeRolePolicyDocument": json.dumps(role.trust_policy),
                            "Description": _iam_text(role.why), "Tags": tags}, resource=("iam-role", role.name))
    for name in role.managed_policies:
        arn = managed_arn(name)
        out.call(f"attach-{key}-role-policy", f"Attach the AWS managed policy {name} to the {key} role", "iam",
                 "AttachRolePolicy", {"RoleName": role.name, "PolicyArn": arn},
                 resource=("iam-role-policy", f"{role.name}/{arn}"))
    for policy in role.policies:
        out.call(f"put-{key}-role-policy", f"Give the {key} role its inline policy {policy.name}", "iam",
                 "PutRolePolicy", {"RoleName": role.name, "PolicyName": policy.name,
                                   "PolicyDocument": json.dumps(document)},
                 resource=("iam-role-policy", f"{role.name}/{policy.name}"))


def _alarm_params(model: InfraModel, version: str, tags: list[dict[str, str]]) -> list[tuple[str, dict[str, Any]]]:
    fn, cp = model.function, model.capacity_provider
    actions = {"AlarmActions": [model.alarm_topic_arn]} if model.alarm_topic_arn else {}
    out = []
    for alarm in model.alarms:
        common = {"AlarmName": alarm.name, "AlarmDescription": alarm.description,
                  "ComparisonOperator": "GreaterThanThreshold", "Threshold": float(alarm.threshold),
                  "EvaluationPeriods": 3, "DatapointsToAlarm": 2, "TreatMissingData": "notBreaching",
                  **actions, "Tags": tags}
        if alarm.kind == "throttle-rate":
            # Invocations and Throttles are published per alias (Resource = function:alias).
            dims = [{"Name": "FunctionName", "Value": fn.name}, {"Name": "Resource", "Value": f"{fn.name}:{fn.alias}"}]
            metrics = [{"Id": mid, "ReturnData": False, "MetricStat": {
                "Metric": {"Namespace": "AWS/Lambda", "MetricName": name, "Dimensions": dims},
                "Period": facts.LMI_METRIC_PERIOD_S, "Stat": "Sum"}}
                for mid, name in (("throttles", "Throttles"), ("invocations", "Invocations"))]
            metrics.append({"Id": "rate", "Label": "Throttle rate (%)", "ReturnData": True,
                            "Expression": "100 * throttles / (invocations + throttles)"})
            out.append(("put-throttle-rate-alarm", {**common, "Metrics": metrics}))
        else:
            # CPU is published per version (Resource = function:version) with the capacity provider's name.
            out.append(("put-cpu-alarm", {
                **common, "Namespace": "AWS/Lambda", "MetricName": "ExecutionEnvironmentCPUUtilization",
                "Dimensions": [{"Name": "CapacityProviderName", "Value": cp.name},
                               {"Name": "FunctionName", "Value": fn.name},
                               {"Name": "Resource", "Value": f"{fn.name}:{version}"}],
                "Statistic": "Average", "Period": facts.LMI_METRIC_PERIOD_S}))
    return out


def build_plan(workload: Workload | None, config: LmiConfiguration | None, options: IacOptions | None = None, *,
               region: str, account_id: str | None = None, function_code: Path | str | None = None,
               session: AwsSession | None = None, plan_id: str = "default",
               deployment_id: str | None = None, chosen_by: str | None = None,
               clients: Clients | None = None) -> DeploymentPlan:
    """The ordered API calls that deploy ``workload`` with ``config`` in ``region``; nothing is called.

    With a ``session`` (or ``clients``, the runner's seam), read-only calls decide the plan: STS
    GetCallerIdentity (the account, unless ``account_id`` is given), Lambda GetFunction and, for an existing
    function, GetAlias (UpdateAlias or CreateAlias). A function that exists already on a capacity provider is
    updated with UpdateFunctionConfiguration and keeps its own role and code. A function that exists without one
    is not changed: a capacity provider cannot be attached to an existing function (lmi-facts.md "SAM", checked
    2026-12-07), so the plan creates a new function ``<name>-lmi`` beside it and the notes say how the traffic
    moves to it (at the invocation source). Without a session the plan creates everything and the account is
    looked up when applied.

    ``function_code``: a directory (zipped when the step runs) or a .zip file. Without it an ``s3://`` code
    location in ``options`` is used, else CreateFunction gets the ``${input:function-code}`` placeholder and the
    plan cannot be applied until it is planned again with code. Raises :class:`PlanError` listing every problem.

    A function on a runtime LMI does not support is refused (``lmi_facts.runtime_support``), unless
    ``options.upgrade_runtime`` names a valid upgrade: the plan then deploys that runtime and records the choice
    with ``chosen_by`` (who chose it) in ``runtime_upgrade``.
    """
    options = options or IacOptions()
    problems: list[str] = []
    try:
        model = build_model(workload, config, options)
    except IacInputError as error:
        raise PlanError(error.problems) from None
    assert config is not None and workload is not None
    if options.upgrade_runtime and not chosen_by:
        problems.append(f"the runtime upgrade to {options.upgrade_runtime} is recorded with who chose it: "
                        "give chosen_by")
    if not facts.REGIONS.is_available(region):
        hint = facts.REGIONS.suggest(region)
        problems.append(f"Lambda Managed Instances is not available in {region}"
                        + (f"; the nearest Region where it is: {hint}" if hint else ""))
    net, fn, cp = model.network, model.function, model.capacity_provider
    if net.create:
        problems.append("the guided deployment uses existing subnets and security groups; create the VPC with "
                        "the generated infrastructure first, then give its subnet and security group ids")
    elif not net.subnet_ids:
        problems.append("no subnets: the capacity provider needs subnet ids (3 in different Availability Zones); "
                        "set them on the workload or give subnet_ids")
    if model.keeps_latest_published:
        problems.append("the guided deployment publishes one numbered version behind the alias; keeping "
                        "$LATEST.PUBLISHED as well is offered in the generated infrastructure only")
    if problems:
        raise PlanError(problems)
    notes: list[str] = []
    if deployment_id is None:
        deployment_id = uuid.uuid4().hex[:12]
    lookup = _Lookups(session, region, notes, clients)
    if account_id is None:
        found = lookup("the account", "sts", "GetCallerIdentity")
        account_id = found.get("Account") if found else None
    existing = lookup(f"whether function {fn.name} exists", "lambda", "GetFunction", FunctionName=fn.name)
    original = existing  # the function found under the workload's name (migrated from, or updated)
    if existing is not None and not _on_capacity_provider(existing):
        # Migration: the function runs on standard Lambda. It is left as it is; a new function gets the capacity
        # provider, and traffic moves to it at the invocation source once its version is Active.
        old_name, new_name = fn.name, migrated_function_name(fn.name)
        fn = dataclasses.replace(fn, name=new_name)
        model = dataclasses.replace(model, function=fn)
        existing = lookup(f"whether function {new_name} exists", "lambda", "GetFunction", FunctionName=new_name)
        if existing is not None and not _on_capacity_provider(existing):
            problems.append(f"function {new_name} exists and is not on a capacity provider either: name the LMI "
                            "function differently (function_name) and plan again")
        notes.append(migration_note(old_name, new_name, fn.alias))
    config_now = (existing or {}).get("Configuration") or {}
    # The function that exists is what moves to LMI (updated, or its code in the new function): its runtime is
    # checked, not only the workload's.
    runtime_now = ((original or {}).get("Configuration") or {}).get("Runtime")
    if original is not None and runtime_now and runtime_now != fn.runtime:
        problem = facts.runtime_upgrade_problem(runtime_now, options.upgrade_runtime)
        if problem:
            name_now = ((original or {}).get("Configuration") or {}).get("FunctionName") or fn.name
            problems.append(f"function {name_now} exists on {runtime_now}: {problem}")
    if existing is not None:
        arch_now = (config_now.get("Architectures") or ["x86_64"])[0]
        if arch_now != fn.architecture:
            problems.append(f"architecture mismatch: function {fn.name} exists as {arch_now} but the capacity "
                            f"provider is {fn.architecture}; they must match (changing a function's architecture "
                            "needs UpdateFunctionCode, which this plan does not do)")
    if problems:
        raise PlanError(problems)
    partition = partition_of(region)
    account = account_id or ACCOUNT_REF
    tags_list = [{"Key": TAG_KEY, "Value": deployment_id}]
    tags_map = {TAG_KEY: deployment_id}
    out = _Steps()

    def policy_document(policy) -> dict[str, Any]:
        return concrete_policy(policy, account=account, region=region, partition=partition,
                               subnet_ids=list(net.subnet_ids), security_group_ids=list(net.security_group_ids))

    # 1. Roles. An existing function keeps its own execution role.
    operator = model.operator_role
    if existing is None:
        execution = model.execution_role
        _role_steps(out, execution, "execution", policy_document(execution.policies[0]), tags_list)
    else:
        notes.append(f"Function {fn.name} already exists: its configuration is updated "
                     "(UpdateFunctionConfiguration); it keeps its own execution role and code.")
    # The operator role gets the AWS managed policy AWSLambdaManagedEC2ResourceOperator (or its inline copy).
    _role_steps(out, operator, "operator", policy_document(operator.policies[0]) if operator.policies else None,
                tags_list, managed_arn=lambda name: f"arn:{partition}:iam::aws:policy/{name}")

    # 2. The capacity provider, and the wait until it is Active (there is no waiter: poll GetCapacityProvider).
    requirements, scaling = cp.instance_requirements(), cp.scaling_config()
    out.call("create-capacity-provider", f"Create the capacity provider {cp.name}", "lambda",
             "CreateCapacityProvider", {
                 "CapacityProviderName": cp.name,
                 "VpcConfig": {"SubnetIds": list(net.subnet_ids), "SecurityGroupIds": list(net.security_group_ids)},
                 "PermissionsConfig": {"CapacityProviderOperatorRoleArn": ref("create-operator-role", "Role.Arn")},
                 "InstanceRequirements": requirements, "CapacityProviderScalingConfig": scaling, "Tags": tags_map},
             resource=("capacity-provider", cp.name))
    delay, attempts = CAPACITY_PROVIDER_WAIT
    out.wait("wait-capacity-provider-active", f"Wait until capacity provider {cp.name} is Active", "lambda",
             "GetCapacityProvider", {"CapacityProviderName": cp.name},
             WaitSpec(state_path="CapacityProvider.State", success=["Active"], failure=["Failed"],
                      delay_s=delay, max_attempts=attempts), resource=("capacity-provider", cp.name))

    # 3. The function with its capacity-provider configuration, set explicitly.
    provider_config = {"LambdaManagedInstancesCapacityProviderConfig": {
        "CapacityProviderArn": ref("wait-capacity-provider-active", "CapacityProvider.CapacityProviderArn"),
        "PerExecutionEnvironmentMaxConcurrency": fn.per_execution_environment_max_concurrency,
        "ExecutionEnvironmentMemoryGiBPerVCpu": float(fn.memory_gib_per_vcpu)}}
    delay, attempts = FUNCTION_WAIT
    if existing is None:
        code = _code(function_code, fn, notes)
        out.call("create-function", f"Create function {fn.name} on the capacity provider", "lambda",
                 "CreateFunction", {
                     "FunctionName": fn.name, "Runtime": fn.runtime, "Role": ref("create-execution-role", "Role.Arn"),
                     "Handler": fn.handler, "Code": code, "Architectures": [fn.architecture],
                     "MemorySize": fn.memory_mb, "Timeout": fn.timeout_s, "CapacityProviderConfig": provider_config,
                     "Tags": tags_map}, resource=("function", fn.name))
        # $LATEST of an LMI function ends as ActiveNonInvocable (LATEST_READY_STATES): wait for creation to end,
        # not for Active; the version is what becomes Active (wait-version-active below).
        out.wait("wait-function-active", f"Wait until function {fn.name} is created ($LATEST ActiveNonInvocable)",
                 "lambda", "GetFunctionConfiguration", {"FunctionName": fn.name},
                 WaitSpec(state_path="State", success=list(LATEST_READY_STATES), failure=["Failed"],
                          reason_path="StateReasonCode", delay_s=delay, max_attempts=attempts),
                 resource=("function", fn.name))
    else:
        if function_code is not None:
            notes.append("The code given is not deployed: the plan updates the existing function's configuration "
                         "only (UpdateFunctionCode is not part of it).")
        update: dict[str, Any] = {"FunctionName": fn.name, "MemorySize": fn.memory_mb, "Timeout": fn.timeout_s,
                                  "CapacityProviderConfig": provider_config}
        if runtime_now and runtime_now != fn.runtime:
            update["Runtime"] = fn.runtime   # the chosen upgrade (checked above)
        out.call("update-function-configuration", f"Attach function {fn.name} to the capacity provider", "lambda",
                 "UpdateFunctionConfiguration", update, resource=("function", fn.name))
        out.wait("wait-function-updated", f"Wait until the update of {fn.name} has finished", "lambda",
                 "GetFunctionConfiguration", {"FunctionName": fn.name},
                 WaitSpec(state_path="LastUpdateStatus", success=["Successful"], failure=["Failed"],
                          reason_path="LastUpdateStatusReasonCode", delay_s=delay, max_attempts=attempts),
                 resource=("function", fn.name))

    # 4. Version, alias, scaling on that version, and the wait until the version is ACTIVE (3 EEs ready).
    version = ref("publish-version", "Version")
    out.call("publish-version", f"Publish a version of {fn.name} (this starts the execution environments)",
             "lambda", "PublishVersion",
             {"FunctionName": fn.name, "Description": f"LMI version published by lmi-workbench deployment "
                                                      f"{deployment_id}"}, resource=("function-version", fn.name))
    alias_now = None
    if existing is not None:
        alias_now = lookup(f"alias {fn.alias}", "lambda", "GetAlias", FunctionName=fn.name, Name=fn.alias)
    alias_params = {"FunctionName": fn.name, "Name": fn.alias, "FunctionVersion": version,
                    "Description": f"LMI version (lmi-workbench deployment {deployment_id})"}
    if alias_now is None:
        out.call("create-alias", f"Create alias {fn.alias} pointing at the new version", "lambda", "CreateAlias",
                 alias_params, resource=("alias", f"{fn.name}:{fn.alias}"))
    else:
        notes.append(f"Alias {fn.alias} exists (version {alias_now.get('FunctionVersion')}): UpdateAlias moves all "
                     "of its traffic to the LMI version at once. To shift gradually, plan with another alias name.")
        out.call("update-alias", f"Point alias {fn.alias} at the new version", "lambda", "UpdateAlias",
                 alias_params, resource=("alias", f"{fn.name}:{fn.alias}"))
    ceiling = environments_ceiling(fn, cp)
    scaling_cfg = scaling_config(fn.min_execution_environments, fn.max_execution_environments, ceiling)
    top = scaling_cfg["MaxExecutionEnvironments"]
    out.call("put-function-scaling-config",
             f"Keep {fn.min_execution_environments} to {top} execution environments on the new version"
             + ("" if fn.max_execution_environments is not None else
                f" (no maximum was set: {top} is what MaxVCpuCount {cp.max_vcpu_count} holds)"), "lambda",
             "PutFunctionScalingConfig", {"FunctionName": fn.name, "Qualifier": version,
                                          "FunctionScalingConfig": scaling_cfg},
             resource=("function-scaling-config", fn.name))
    # botocore's PublishedVersionActive waiter: GetFunctionConfiguration with the version as Qualifier until State
    # is Active (its minimum execution environments run); Failed ends it with a StateReasonCode (reasons.py).
    delay, attempts, success, failure = published_version_wait()
    out.wait("wait-version-active", "Wait until the new version is ACTIVE (its execution environments are ready)",
             "lambda", "GetFunctionConfiguration", {"FunctionName": fn.name, "Qualifier": version},
             WaitSpec(state_path="State", success=success, failure=failure, reason_path="StateReasonCode",
                      delay_s=delay, max_attempts=attempts), resource=("function-version", fn.name))

    # 5. Alarms: throttle rate > 1% (metric math on the alias) and execution-environment CPU > 80%.
    for step_id, params in _alarm_params(model, version, tags_list):
        out.call(step_id, f"Create alarm {params['AlarmName']}", "cloudwatch", "PutMetricAlarm", params,
                 resource=("alarm", params["AlarmName"]))

    # 6. Scheduled scaling, only when configured.
    if model.scheduler_role is not None and model.schedules:
        role = model.scheduler_role
        _role_steps(out, role, "scheduler", policy_document(role.policies[0]), tags_list)
        for s in model.schedules:
            cfg = scaling_config(s.min_execution_environments, s.max_execution_environments, ceiling)
            target_input = json.dumps({"FunctionName": fn.name, "Qualifier": version, "FunctionScalingConfig": cfg})
            step_id = "create-" + s.name.removeprefix(f"{fn.name}-")[:50].lower() + "-schedule"
            out.call(step_id, f"Create schedule {s.name} ({s.cron} {s.timezone})", "scheduler", "CreateSchedule", {
                "Name": s.name, "ScheduleExpression": s.cron, "ScheduleExpressionTimezone": s.timezone,
                "FlexibleTimeWindow": {"Mode": "OFF"},
                "Description": f"{s.why[:400]} (lmi-workbench deployment {deployment_id})"[:512],
                "Target": {"Arn": SCHEDULER_TARGET, "RoleArn": ref("create-scheduler-role", "Role.Arn"),
                           "Input": target_input}}, resource=("schedule", s.name))
    if account_id is None:
        notes.append("The account is not known yet: ${aws:account-id} in the policies is filled in from STS "
                     "GetCallerIdentity when the plan is applied.")
    if model.region and model.region != region:
        notes.append(f"The workload names {model.region} but the plan targets {region}.")
    if len(net.subnet_ids) < 3:
        notes.append(f"{len(net.subnet_ids)} subnet(s): use 3 in different Availability Zones so the minimum "
                     "execution environments spread across AZs.")
    upgrade = None
    if options.upgrade_runtime and chosen_by:
        before = runtime_now if original is not None and runtime_now else workload.runtime or ""
        upgrade = RuntimeUpgrade(from_runtime=before, to_runtime=options.upgrade_runtime,
                                 chosen_by=chosen_by)
        notes.insert(0, f"Runtime upgrade chosen by {chosen_by}: {upgrade.from_runtime} → {upgrade.to_runtime} "
                        f"(Lambda Managed Instances does not support {upgrade.from_runtime}). Upgrade and test the "
                        "code for the new runtime before applying.")
    return DeploymentPlan(id=plan_id, region=region, format=DeployFormat.API, mode=DeployMode.PLAN_ONLY,
                          steps=out.steps, plan_type=PlanType.APPLY, deployment_id=deployment_id,
                          account_id=account_id, notes=notes, runtime_upgrade=upgrade,
                          lmi_config_version=None)


def _on_capacity_provider(found: dict[str, Any]) -> bool:
    """True when a GetFunction answer shows the function on a capacity provider (an LMI function)."""
    return bool(((found.get("Configuration") or {}).get("CapacityProviderConfig") or {})
                .get("LambdaManagedInstancesCapacityProviderConfig"))


def migrated_function_name(name: str) -> str:
    """The new LMI function beside an existing standard one (function names: at most 64 characters)."""
    return f"{name[:60]}-lmi"


def migration_note(old: str, new: str, alias: str) -> str:
    return (f"Function {old} exists without a capacity provider and is left unchanged: a capacity provider cannot "
            f"be added to an existing function, so the plan creates a new function {new} on it (from the code "
            f"given), publishes a version and points alias {new}:{alias} at it. Moving the traffic is then yours: "
            f"once that version is Active, shift the invocation sources (API Gateway integration, event source "
            f"mappings, callers) from {old} to {new}:{alias} step by step (10% → 50% → 100%) — a weighted alias "
            f"cannot split traffic between an LMI and a standard version. Delete {old} once {new} carries all of "
            "it.")


def _code(function_code: Path | str | None, fn, notes: list[str]) -> dict[str, Any]:
    if function_code is not None:
        return {"ZipFile": code_reference(function_code)}
    s3 = fn.code_s3
    if s3 is not None:
        return {"S3Bucket": s3[0], "S3Key": s3[1]}
    notes.append("No function code was given: CreateFunction's Code is the placeholder ${input:function-code}. "
                 "The plan can be reviewed but not applied; plan again with the code's directory "
                 "(--function-code DIR) or an s3://bucket/key.zip code location.")
    return {"ZipFile": CODE_PLACEHOLDER}


__all__ = ["CAPACITY_PROVIDER_WAIT", "FUNCTION_WAIT", "LATEST_READY_STATES", "VERSION_WAIT", "PlanError",
           "build_plan", "code_reference", "environments_ceiling", "migrated_function_name", "partition_of",
           "published_version_wait", "scaling_config"]
