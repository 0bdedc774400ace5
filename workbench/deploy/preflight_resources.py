"""The pre-flight's checks of what already exists in the account: a function or capacity provider of the planned
names (their architectures must match; a capacity provider's subnets cannot change), and the EC2 On-Demand vCPU
quota the instances count against. Read-only."""

from __future__ import annotations

from workbench.aws.errors import AwsProblem
from workbench.deploy.preflight_checks import (
    FAIL,
    PASS,
    UNKNOWN,
    WARN,
    Planned,
    Reader,
    is_absent,
    new_check,
    said,
    unknown_check,
    unless_cancelled,
    worst_of,
)
from workbench.deploy.preflight_offline import planned_architecture
from workbench.iac.options import IacOptions
from workbench.models import LmiConfiguration, Workload
from workbench.models.preflight import PreflightCheck

# Service Quotas: EC2 "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", counted in vCPUs.
# LMI's C, M and R instances count against it (a launch beyond it fails; the function reports VcpuLimitExceeded).
EC2_STANDARD_VCPU_QUOTA = ("ec2", "L-1216C47A")


# --- architecture -------------------------------------------------------------------------------------------------
def architecture_check(reader: Reader, workload: Workload, config: LmiConfiguration, options: IacOptions,
                       planned_: Planned) -> PreflightCheck:
    statuses, found, fixes = planned_architecture(workload, config, options)
    arch = config.architecture.value
    problems: list[AwsProblem] = []
    name, provider = planned_.function_name, planned_.capacity_provider_name
    try:
        function = reader.call("lambda", "GetFunction", FunctionName=name).get("Configuration") or {}
    except AwsProblem as problem:
        if is_absent(unless_cancelled(problem)):
            found.append(f"function {name} does not exist yet in {reader.region}: it will be created as {arch}")
        else:
            statuses.append(UNKNOWN)
            problems.append(problem)
            found.append(f"could not read function {name}: {said(problem)}")
    else:
        current = (function.get("Architectures") or ["x86_64"])[0]
        if current != arch:
            statuses.append(FAIL)
            found.append(f"function {name} exists and is {current}; the capacity provider will be {arch}")
            fixes.append(f"Rebuild the code for {arch} and update the function (UpdateFunctionCode with "
                         f"Architectures [{arch}]), or plan the capacity provider as {current}.")
        else:
            found.append(f"function {name} exists and is {current}: it will be updated")
        attached = ((function.get("CapacityProviderConfig") or {})
                    .get("LambdaManagedInstancesCapacityProviderConfig") or {}).get("CapacityProviderArn")
        if attached:
            found.append(f"function {name} already runs on capacity provider {attached}")
    try:
        existing = reader.call("lambda", "GetCapacityProvider", CapacityProviderName=provider).get(
            "CapacityProvider") or {}
    except AwsProblem as problem:
        if is_absent(unless_cancelled(problem)):
            found.append(f"capacity provider {provider} does not exist yet: it will be created for {arch}")
        else:
            statuses.append(UNKNOWN)
            problems.append(problem)
            found.append(f"could not read capacity provider {provider}: {said(problem)}")
    else:
        archs = (existing.get("InstanceRequirements") or {}).get("Architectures") or []
        state = existing.get("State", "?")
        if not archs:
            statuses.append(UNKNOWN)
            found.append(f"capacity provider {provider} exists (State {state}) but reports no architecture")
        elif archs[0] != arch:
            statuses.append(FAIL)
            found.append(f"capacity provider {provider} exists (State {state}) with {archs[0]} instances; the "
                         f"function is planned as {arch}")
            fixes.append(f"Plan the function as {archs[0]} to use it, or choose another capacity provider name: "
                         "instance requirements cannot be changed after creation.")
        else:
            found.append(f"capacity provider {provider} exists (State {state}, {archs[0]}): it will be reused")
        theirs = set((existing.get("VpcConfig") or {}).get("SubnetIds") or [])
        if theirs and not planned_.create_vpc and theirs != set(planned_.subnet_ids):
            statuses.append(WARN)
            found.append(f"capacity provider {provider} uses subnets {', '.join(sorted(theirs))}, not the planned "
                         f"{', '.join(planned_.subnet_ids)}")
            fixes.append("Its VPC settings cannot be changed after creation: plan its subnets, or another name.")
    status = worst_of(statuses)
    check = new_check("architecture", status, found, " ".join(fixes) if status is not UNKNOWN else
                      "Check the existing resources' architectures by hand, or run the pre-flight again.")
    if problems:
        check = check.model_copy(update={"problem": said(problems[0]), "action": problems[0].action})
    return check


# --- quota --------------------------------------------------------------------------------------------------------
def quota_check(reader: Reader, config: LmiConfiguration) -> PreflightCheck:
    service, code = EC2_STANDARD_VCPU_QUOTA
    try:
        quota = reader.call("service-quotas", "GetServiceQuota", ServiceCode=service, QuotaCode=code)["Quota"]
    except AwsProblem as problem:
        return unknown_check("vcpu-quota", unless_cancelled(problem))
    value = float(quota.get("Value") or 0)
    line = (f"the account's Running On-Demand Standard instances quota ({code}) in {reader.region} is {value:g} "
            f"vCPU; MaxVCpuCount is {config.max_vcpu_count}; the quota is shared with the account's other "
            "On-Demand instances")
    if value < config.max_vcpu_count:
        return new_check("vcpu-quota", WARN, [line], f"Request a quota increase ({code}) or lower MaxVCpuCount to "
                         f"{int(value)}: launches beyond the quota fail and the function reports VcpuLimitExceeded.")
    return new_check("vcpu-quota", PASS, [line])


__all__ = ["EC2_STANDARD_VCPU_QUOTA", "architecture_check", "quota_check"]
