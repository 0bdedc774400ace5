"""The pre-flight checks that need no AWS account: the Region, the runtime, the planned architectures and the
number of subnets (lmi-facts.md "Step 5", "Limits")."""

from __future__ import annotations

from workbench import lmi_facts as facts
from workbench.deploy.preflight_checks import (
    FAIL,
    PASS,
    UNKNOWN,
    Planned,
    new_check,
    planned,
    worst_of,
)
from workbench.iac.options import IacOptions, _instance_architecture
from workbench.models import LmiConfiguration, Workload
from workbench.models._base import Environment
from workbench.models.preflight import CheckStatus, PreflightCheck


# --- offline checks ---------------------------------------------------------------------------------------------
def _region_check(region: str | None) -> PreflightCheck:
    from workbench.fit import nearest_supported_region

    regions = facts.REGIONS
    if not region:
        return new_check("region", UNKNOWN, ["no Region chosen"], "Choose the Region to deploy to (--region).")
    if regions.is_available(region):
        return new_check("region", PASS, [f"{region}: Lambda Managed Instances is available there (Region list as of "
                                          f"{regions.as_of})"])
    nearest = nearest_supported_region(region)
    hint = (f"Deploy to the nearest supported Region, {nearest[0]} ({nearest[1]}), " if nearest else
            f"No nearby supported Region is known for {region}: pick one from the list, ")
    return new_check("region", FAIL, [
        f"Lambda Managed Instances is not available in {region} (it runs in {regions.rule}; as of {regions.as_of})",
        f"available in: {', '.join(regions.available)}"],
        hint + f"or keep this function on standard Lambda in {region}.")


def _runtime_check(workload: Workload) -> PreflightCheck:
    runtime = workload.runtime
    if runtime is None:
        return new_check("runtime", UNKNOWN, ["the workload has no runtime"],
                         "Set the runtime (python3.13, nodejs22.x, java21, dotnet8…) in the intake pane.")
    found = facts.runtime_support(runtime)
    if found.supported:
        return new_check("runtime", PASS, [f"{found.named} is supported; {workload.default_concurrency_per_vcpu} "
                                           "concurrent invocations per vCPU by default"] +
                         ([found.note] if found.note else []))
    lines = [found.unsupported_message, f"supported runtimes: {', '.join(facts.supported_runtime_names())} "
                                        f"(as of {facts.RUNTIME_SUPPORT.as_of})"]
    if found.note:
        lines.append(found.note)
    fix = (f"Upgrade the function to {found.upgrade} first (deploy --upgrade-runtime {found.upgrade} records that "
           "choice), or use standard Lambda for this function." if found.upgrade else
           "Use standard Lambda for this function: LMI has no runtime for it.")
    return new_check("runtime", FAIL, lines, fix)


def planned_architecture(workload: Workload, config: LmiConfiguration,
                         options: IacOptions) -> tuple[list[CheckStatus], list[str], list[str]]:
    """(statuses, found lines, fixes) for the architectures the plan itself names."""
    function_arch, provider_arch = workload.architecture.value, config.architecture.value
    if function_arch != provider_arch:
        return [FAIL], [f"the function is {function_arch} (workload) but the capacity provider is planned as "
                        f"{provider_arch}"], ["Set both to the same architecture (arm64 or x86_64)."]
    statuses, found, fixes = [PASS], [f"planned: function and capacity provider are both {provider_arch}"], []
    allowed = (options.allowed_instance_types if options.allowed_instance_types is not None
               else config.allowed_instance_types)
    wrong = [t for t in allowed if (a := _instance_architecture(t)) is not None and a.value != provider_arch]
    if wrong:
        statuses.append(FAIL)
        found.append(f"allowed instance types {', '.join(wrong)} are not {provider_arch}")
        fixes.append(f"Allow only {provider_arch} instance types (Graviton types carry a g: m7g, c7g, r8g).")
    return statuses, found, fixes


def subnet_plan_check(planned_: Planned, config: LmiConfiguration) -> PreflightCheck:
    if planned_.create_vpc:
        return new_check("subnets", PASS, [f"a new VPC ({planned_.vpc_cidr}) with 3 subnets in 3 Availability Zones "
                                           "will be created"])
    ids = planned_.subnet_ids
    if not ids:
        return new_check("subnets", FAIL, ["no subnets given"], "Give 3 or more subnet ids in different Availability "
                         "Zones (the workload's subnets, or the deploy options), or let the deployment create a VPC.")
    if len(ids) < 3 and config.environment is Environment.PRODUCTION:
        return new_check("subnets", FAIL, [f"{len(ids)} subnet(s) given: {', '.join(ids)}"],
                         "Give 3 or more subnets in different Availability Zones: production keeps at least 3 "
                         "execution environments spread across AZs.")
    return new_check("subnets", UNKNOWN, [f"{len(ids)} subnets given: {', '.join(ids)}; that they exist, their "
                                          "Availability Zones and free addresses need the account"])


def check_offline(workload: Workload, config: LmiConfiguration, options: IacOptions | None = None,
                  region: str | None = None) -> list[PreflightCheck]:
    """The checks that need no AWS account: Region, runtime, the planned architectures, the subnet count."""
    options = options or IacOptions()
    statuses, found, fixes = planned_architecture(workload, config, options)
    return [_region_check(region or workload.region), _runtime_check(workload),
            subnet_plan_check(planned(workload, config, options), config),
            new_check("architecture", worst_of(statuses), found, " ".join(fixes))]


__all__ = ["check_offline", "planned_architecture", "subnet_plan_check"]
