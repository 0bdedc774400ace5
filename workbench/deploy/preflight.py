"""Pre-flight checks before a deployment to Lambda Managed Instances: read-only, against the account.

:func:`check_offline` needs no account (Region, runtime, the planned architectures and subnet count);
:func:`run_preflight` adds what only the account can tell: the subnets (exist, one VPC, 3+ Availability Zones,
free IP addresses), the security groups (HTTPS egress, no ingress), a way to CloudWatch Logs (a NAT gateway or
an interface endpoint), the architecture of a function or capacity provider that already exists, the two IAM
roles, and optionally the EC2 vCPU quota.

Every call is a Describe*, Get* or List* call (the reader refuses anything else). A failed call (access denied,
throttling) makes only the checks that needed it "unknown", with the workbench's wording of the AWS error; the
other checks still run. Facts: lmi-facts.md "Step 5", "Troubleshooting", "Error scenarios", "Limits".
"""

from __future__ import annotations

import fnmatch
import ipaddress
import math
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workbench import lmi_facts as facts
from workbench.aws.errors import NOT_FOUND_CODES, AwsProblem, Cancelled, ProblemKind, iam_action
from workbench.aws.session import check_cancelled
from workbench.iac.model import LAMBDA_SERVICE, IacInputError, _subnet_cidrs, build_model, operator_policy
from workbench.iac.options import IacOptions, _instance_architecture
from workbench.models import LmiConfiguration, Workload
from workbench.models._base import Environment
from workbench.models.preflight import CheckStatus, PreflightCheck, PreflightReport

if TYPE_CHECKING:
    from workbench.aws.session import AwsSession
    from workbench.store import Store, Stored

PASS, WARN, FAIL, UNKNOWN = CheckStatus.PASS, CheckStatus.WARN, CheckStatus.FAIL, CheckStatus.UNKNOWN
READ_ONLY_PREFIXES = ("Describe", "Get", "List")

TITLES = {
    "region": "Lambda Managed Instances is available in the Region",
    "runtime": "The runtime is supported",
    "subnets": "The subnets exist, in one VPC",
    "availability-zones": "The subnets span 3 or more Availability Zones",
    "free-ips": "The subnets have free IP addresses for the instances",
    "security-groups": "Security groups: HTTPS egress, no ingress",
    "logs-egress": "The instances can reach CloudWatch Logs",
    "vpc-endpoints": "Other VPC endpoints (information)",
    "architecture": "Function and capacity provider architectures match",
    "execution-role": "The function's execution role",
    "operator-role": "The capacity provider's operator role",
    "vcpu-quota": "EC2 On-Demand vCPU quota (information)",
}

# The smallest instances LMI places functions on: M and R families from .large (2 vCPU), C from .xlarge (4 vCPU)
# (lmi-facts.md Step 3). The fewer vCPUs per instance, the more instances (and IP addresses) a fleet needs.
SMALLEST_INSTANCE_VCPUS = 2
# Every subnet reserves 5 addresses (the network, the VPC router, DNS, one for future use and the broadcast).
RESERVED_ADDRESSES_PER_SUBNET = 5
OPERATOR_MANAGED_POLICY = "AWSLambdaManagedEC2ResourceOperator"  # aws-facts.md §4 "IAM"
LOGS_MANAGED_POLICIES = ("AWSLambdaBasicExecutionRole", "AWSLambdaVPCAccessExecutionRole")
LOGS_ACTIONS = ("logs:CreateLogStream", "logs:PutLogEvents")
# Only the first capacity provider of an account needs iam:CreateServiceLinkedRole: not required of a role here.
OPTIONAL_OPERATOR_ACTIONS = frozenset({"iam:CreateServiceLinkedRole"})
# Service Quotas: EC2 "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", counted in vCPUs.
# LMI's C, M and R instances count against it (a launch beyond it fails; the function reports VcpuLimitExceeded).
EC2_STANDARD_VCPU_QUOTA = ("ec2", "L-1216C47A")
INFO_ENDPOINTS = (("monitoring", "CloudWatch metrics"), ("xray", "X-Ray"), ("sqs", "SQS"),
                  ("s3", "S3"), ("dynamodb", "DynamoDB"))


# --- what is planned --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Planned:
    """The names and network the deployment will use, as the infrastructure model names them."""

    function_name: str
    capacity_provider_name: str
    execution_role_name: str
    operator_role_name: str
    subnet_ids: tuple[str, ...]
    security_group_ids: tuple[str, ...]
    create_vpc: bool
    vpc_cidr: str


def planned(workload: Workload, config: LmiConfiguration, options: IacOptions) -> Planned:
    """The planned names: from :func:`workbench.iac.model.build_model` when the inputs are valid, else by the same
    rules (so the checks still run on inputs the generators refuse, e.g. an unsupported runtime)."""
    try:
        model = build_model(workload, config, options)
    except IacInputError:
        name = options.function_name or workload.function_name
        return Planned(name, options.capacity_provider_name or config.capacity_provider_name or f"{name}-capacity",
                       f"{name[:40]}-execution", f"{name[:40]}-cp-operator",
                       options.subnet_ids or tuple(workload.subnet_ids),
                       options.security_group_ids or tuple(workload.security_group_ids), options.create_vpc,
                       options.vpc_cidr)
    net = model.network
    return Planned(model.function.name, model.capacity_provider.name, model.execution_role.name,
                   model.operator_role.name, options.subnet_ids or tuple(workload.subnet_ids),
                   options.security_group_ids or tuple(workload.security_group_ids), net.create, net.vpc_cidr)


# --- building checks --------------------------------------------------------------------------------------------
def _check(check_id: str, status: CheckStatus, found: Iterable[str], fix: str = "") -> PreflightCheck:
    return PreflightCheck(id=check_id, title=TITLES[check_id], status=status, found=list(found), fix=fix)


def _unknown(check_id: str, problem: AwsProblem, found: Iterable[str] = ()) -> PreflightCheck:
    if problem.kind is ProblemKind.DENIED:
        fix = f"Grant the read-only permission {problem.action} and run the pre-flight again, or check this by hand."
    elif problem.kind is ProblemKind.THROTTLED:
        fix = "Run the pre-flight again in a minute."
    else:
        fix = "Run the pre-flight again; if it keeps failing, check this by hand."
    return PreflightCheck(id=check_id, title=TITLES[check_id], status=UNKNOWN, found=list(found), fix=fix,
                          problem=_said(problem), action=problem.action)


def _said(problem: AwsProblem) -> str:
    """The problem's message; for an answer without an AWS error code (a bare HTTP status, e.g. an HTML 404 page
    from an endpoint that does not know the operation) a sentence instead of the page."""
    if problem.code and problem.code.isdigit():
        return (f"{problem.action} answered HTTP {problem.code} without an AWS error code: this endpoint does not "
                "seem to support the operation (an emulator or an older endpoint), so it could not be checked")
    return problem.message


def _worst(statuses: Iterable[CheckStatus]) -> CheckStatus:
    return max(statuses, key=lambda s: s.severity, default=PASS)


def _absent(problem: AwsProblem) -> bool:
    """True when AWS said the resource does not exist (an AWS error code, not a bare 404 from an emulator or a
    proxy that does not know the operation: that is "could not check", not "does not exist")."""
    return problem.kind is ProblemKind.NOT_FOUND and problem.code in NOT_FOUND_CODES


# --- offline checks ---------------------------------------------------------------------------------------------
def _region_check(region: str | None) -> PreflightCheck:
    from workbench.fit import nearest_supported_region

    regions = facts.REGIONS
    if not region:
        return _check("region", UNKNOWN, ["no Region chosen"], "Choose the Region to deploy to (--region).")
    if regions.is_available(region):
        return _check("region", PASS, [f"{region}: Lambda Managed Instances is available there (Region list as of "
                                       f"{regions.as_of})"])
    nearest = nearest_supported_region(region)
    hint = (f"Deploy to the nearest supported Region, {nearest[0]} ({nearest[1]}), " if nearest else
            f"No nearby supported Region is known for {region}: pick one from the list, ")
    return _check("region", FAIL, [
        f"Lambda Managed Instances is not available in {region} (it runs in {regions.rule}; as of {regions.as_of})",
        f"available in: {', '.join(regions.available)}"],
        hint + f"or keep this function on standard Lambda in {region}.")


def _runtime_check(workload: Workload) -> PreflightCheck:
    runtime = workload.runtime
    if runtime is None:
        return _check("runtime", UNKNOWN, ["the workload has no runtime"],
                      "Set the runtime (python3.12, nodejs22.x, java21, dotnet8…) in the intake pane.")
    display = workload.runtime_display_name
    if workload.runtime_supported:
        return _check("runtime", PASS, [f"{runtime} ({display}) is supported; "
                                        f"{workload.default_concurrency_per_vcpu} concurrent invocations per vCPU "
                                        "by default"])
    named = runtime if display == runtime else f"{runtime} ({display})"
    found = [f"Lambda Managed Instances does not yet support {named}",
             f"supported runtimes: {', '.join(facts.supported_runtime_names())}"]
    if workload.runtime_family == "provided":
        found.append(facts.OS_ONLY_RUNTIME_NOTE)
    return _check("runtime", FAIL, found, "Use standard Lambda for this function, or move it to a supported "
                                          "runtime first.")


def _planned_architecture(workload: Workload, config: LmiConfiguration,
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


def _subnet_plan_check(planned_: Planned, config: LmiConfiguration) -> PreflightCheck:
    if planned_.create_vpc:
        return _check("subnets", PASS, [f"a new VPC ({planned_.vpc_cidr}) with 3 subnets in 3 Availability Zones "
                                        "will be created"])
    ids = planned_.subnet_ids
    if not ids:
        return _check("subnets", FAIL, ["no subnets given"], "Give 3 or more subnet ids in different Availability "
                      "Zones (the workload's subnets, or the deploy options), or let the deployment create a VPC.")
    if len(ids) < 3 and config.environment is Environment.PRODUCTION:
        return _check("subnets", FAIL, [f"{len(ids)} subnet(s) given: {', '.join(ids)}"],
                      "Give 3 or more subnets in different Availability Zones: production keeps at least 3 "
                      "execution environments spread across AZs.")
    return _check("subnets", UNKNOWN, [f"{len(ids)} subnets given: {', '.join(ids)}; that they exist, their "
                                       "Availability Zones and free addresses need the account"])


def check_offline(workload: Workload, config: LmiConfiguration, options: IacOptions | None = None,
                  region: str | None = None) -> list[PreflightCheck]:
    """The checks that need no AWS account: Region, runtime, the planned architectures, the subnet count."""
    options = options or IacOptions()
    statuses, found, fixes = _planned_architecture(workload, config, options)
    return [_region_check(region or workload.region), _runtime_check(workload),
            _subnet_plan_check(planned(workload, config, options), config),
            _check("architecture", _worst(statuses), found, " ".join(fixes))]


# --- the account ------------------------------------------------------------------------------------------------
class _Reader:
    """Read-only calls through the AwsSession: refuses any operation that is not Describe*/Get*/List*, checks
    for cancellation between calls, and records every call made."""

    def __init__(self, session: "AwsSession", region: str, cancel: threading.Event | None) -> None:
        self.session, self.region, self.cancel = session, region, cancel
        self.operations: list[str] = []

    def _note(self, service: str, operation: str) -> None:
        if not operation.startswith(READ_ONLY_PREFIXES):
            raise ValueError(f"the pre-flight is read-only: it may not call {service} {operation}")
        check_cancelled(self.cancel)
        self.operations.append(iam_action(service, operation))

    def call(self, service: str, operation: str, **params: Any) -> dict[str, Any]:
        self._note(service, operation)
        return self.session.call(service, operation, region=self.region, **params)

    def items(self, service: str, operation: str, key: str, **params: Any) -> list[Any]:
        self._note(service, operation)
        out: list[Any] = []
        for page in self.session.pages(service, operation, region=self.region, cancel=self.cancel, **params):
            out += page.get(key) or []
        return out


@dataclass(frozen=True)
class IpNeed:
    """An estimate of the addresses the capacity provider may take from each subnet (AWS publishes none)."""

    instance_vcpus: int
    max_instances: int
    min_instances: int
    per_subnet_min: int
    per_subnet_max: int

    def basis(self, config: LmiConfiguration, subnets: int) -> str:
        return (f"estimate: one address per instance; instances of at least {self.instance_vcpus} vCPU, so "
                f"MaxVCpuCount {config.max_vcpu_count} allows about {self.max_instances} instances (about "
                f"{self.per_subnet_max} per subnet over {subnets}) and the {config.min_execution_environments} "
                f"minimum execution environments need about {self.min_instances} (about {self.per_subnet_min} per "
                "subnet). AWS does not publish how many addresses a capacity provider uses.")


def _size_vcpus(instance_type: str) -> int | None:
    size = instance_type.split(".", 1)[-1].lower()
    if size == "medium":
        return 1
    if size == "large":
        return 2
    found = re.fullmatch(r"(\d*)xlarge", size)
    return 4 * int(found.group(1) or 1) if found else None


def ip_need(config: LmiConfiguration, subnets: int, zones: int, options: IacOptions | None = None) -> IpNeed:
    """Addresses per subnet: the instance count at MaxVCpuCount and at the minimum, spread evenly over the subnets.

    Fewer vCPUs per instance means more instances, so the estimate takes the smallest instance the provider may
    pick: the smallest of the allowed types when all of them name a size, else 2 vCPU, and never smaller than
    one execution environment.
    """
    allowed = (options.allowed_instance_types if options and options.allowed_instance_types is not None
               else config.allowed_instance_types)
    sizes = [_size_vcpus(t) for t in allowed]
    smallest = min(sizes) if sizes and None not in sizes else SMALLEST_INSTANCE_VCPUS  # type: ignore[type-var]
    ee_vcpus = config.vcpus_per_execution_environment
    instance_vcpus = max(int(smallest), math.ceil(ee_vcpus - 1e-9))
    per_instance = max(1, math.floor(instance_vcpus / ee_vcpus + 1e-9))
    low = config.min_execution_environments
    max_instances = max(1, config.max_vcpu_count // instance_vcpus)
    min_instances = min(max_instances, max(min(low, max(zones, 1)), math.ceil(low / per_instance)))
    subnets = max(subnets, 1)
    return IpNeed(instance_vcpus, max_instances, min_instances, math.ceil(min_instances / subnets),
                  math.ceil(max_instances / subnets))


def _ports(perm: dict[str, Any]) -> str:
    proto = str(perm.get("IpProtocol", ""))
    if proto == "-1":
        return "all traffic"
    low, high = perm.get("FromPort"), perm.get("ToPort")
    ports = "" if low is None else f" {low}" if low == high else f" {low}-{high}"
    return f"{proto.upper()}{ports}"


def _peers(perm: dict[str, Any]) -> list[str]:
    return ([r["CidrIp"] for r in perm.get("IpRanges") or []] + [r["CidrIpv6"] for r in perm.get("Ipv6Ranges") or []]
            + [p["PrefixListId"] for p in perm.get("PrefixListIds") or []]
            + [g["GroupId"] for g in perm.get("UserIdGroupPairs") or [] if g.get("GroupId")])


def _allows_https(perm: dict[str, Any]) -> bool:
    proto = str(perm.get("IpProtocol", ""))
    if proto == "-1":
        return True
    low, high = perm.get("FromPort"), perm.get("ToPort")
    return proto in ("tcp", "6") and low is not None and high is not None and low <= 443 <= high


def _security_group_check(reader: _Reader, planned_: Planned, vpcs: set[str]) -> PreflightCheck:
    ids = planned_.security_group_ids
    if planned_.create_vpc:
        return _check("security-groups", PASS, ["the deployment creates a security group with HTTPS egress only and "
                                                "no ingress"])
    if not ids:
        return _check("security-groups", WARN, ["no security group given"],
                      "Give a security group that allows outbound HTTPS (TCP 443) and no inbound traffic.")
    try:
        groups = reader.items("ec2", "DescribeSecurityGroups", "SecurityGroups",
                              Filters=[{"Name": "group-id", "Values": list(ids)}])
    except AwsProblem as problem:
        return _unknown("security-groups", problem)
    by_id = {g["GroupId"]: g for g in groups}
    statuses, found, fixes = [], [], []
    missing = [g for g in ids if g not in by_id]
    if missing:
        statuses.append(FAIL)
        found.append(f"{', '.join(missing)} not found in {reader.region}")
        fixes.append(f"Use security groups that exist in {reader.region} (or create them).")
    https: list[str] = []
    for gid in ids:
        group = by_id.get(gid)
        if group is None:
            continue
        vpc = group.get("VpcId")
        if vpcs and vpc not in vpcs:
            statuses.append(FAIL)
            found.append(f"{gid} belongs to {vpc}, the subnets to {', '.join(sorted(vpcs))}")
            fixes.append("Use security groups of the subnets' VPC.")
        ingress = [f"{_ports(p)} from {', '.join(_peers(p)) or 'nowhere'}" for p in group.get("IpPermissions") or []]
        if ingress:
            statuses.append(WARN)
            found.append(f"{gid} allows inbound {'; '.join(ingress)}")
            fixes.append("Remove the inbound rules: nothing needs to connect to the instances.")
        for perm in group.get("IpPermissionsEgress") or []:
            if _allows_https(perm):
                https.append(f"{gid}: {_ports(perm)} to {', '.join(_peers(perm)) or 'nowhere'}")
    present = [g for g in ids if g in by_id]
    if present and not https:
        statuses.append(FAIL)
        found.append(f"no outbound HTTPS (TCP 443) in {', '.join(present)}")
        fixes.append("Add an outbound rule TCP 443 to 0.0.0.0/0 (or to your VPC endpoints): without it the "
                     "instances reach neither Lambda nor CloudWatch Logs.")
    elif https:
        statuses.append(PASS)
        found.append("outbound HTTPS allowed: " + "; ".join(https))
    return _check("security-groups", _worst(statuses), found, " ".join(dict.fromkeys(fixes)))


def _problem(problem: AwsProblem) -> AwsProblem:
    """The problem, unless it is the user's cancel: that stops the whole pre-flight."""
    if isinstance(problem, Cancelled):
        raise problem
    return problem


def _unknown_all(ids: Iterable[str], problem: AwsProblem, found: Iterable[str] = ()) -> list[PreflightCheck]:
    return [_unknown(i, _problem(problem), found) for i in ids]


# --- subnets, addresses, egress -----------------------------------------------------------------------------------
def _new_vpc_checks(reader: _Reader, planned_: Planned, config: LmiConfiguration,
                    options: IacOptions) -> list[PreflightCheck]:
    checks = [_check("subnets", PASS, [f"a new VPC ({planned_.vpc_cidr}) with 3 subnets will be created"])]
    try:
        zones = reader.call("ec2", "DescribeAvailabilityZones",  # not paginated
                            Filters=[{"Name": "state", "Values": ["available"]},
                                     {"Name": "zone-type", "Values": ["availability-zone"]}])["AvailabilityZones"]
    except AwsProblem as problem:
        checks.append(_unknown("availability-zones", _problem(problem)))
    else:
        names = sorted(z["ZoneName"] for z in zones)
        checks.append(_check("availability-zones", PASS, [f"{reader.region} has {len(names)} Availability Zones "
                                                          f"available ({', '.join(names)}); the new VPC uses 3"])
                      if len(names) >= 3 else
                      _check("availability-zones", FAIL, [f"{reader.region} has only {len(names)} Availability "
                                                          f"Zone(s) available: {', '.join(names) or 'none'}"],
                             "Choose a Region with 3 or more Availability Zones."))
    need = ip_need(config, 3, 3, options)
    cidrs = _subnet_cidrs(planned_.vpc_cidr)
    free = min(ipaddress.ip_network(c).num_addresses - RESERVED_ADDRESSES_PER_SUBNET for c in cidrs)
    checks.append(_check("free-ips", PASS if free >= need.per_subnet_max else WARN,
                         [f"new subnets {', '.join(cidrs)}: {free} free addresses each",
                          need.basis(config, 3)],
                         "" if free >= need.per_subnet_max else "Use a larger VPC CIDR or lower MaxVCpuCount."))
    checks.append(_security_group_check(reader, planned_, set()))
    checks.append(_check("logs-egress", FAIL, [
        "the new VPC gets no NAT gateway and no VPC endpoints: CloudWatch Logs will be missing"],
        f"Before publishing the version, add a NAT gateway (0.0.0.0/0 route in the new subnets' route tables) or "
        f"an interface VPC endpoint com.amazonaws.{reader.region}.logs with private DNS; or deploy into existing "
        "subnets that have egress."))
    checks.append(_check("vpc-endpoints", PASS, ["the new VPC gets no VPC endpoints"],
                         "Without a NAT gateway, add endpoints for the AWS services the function calls."))
    return checks


def _route_table(subnet: dict[str, Any], tables: list[dict[str, Any]]) -> tuple[dict[str, Any] | None, str]:
    for table in tables:
        if any(a.get("SubnetId") == subnet["SubnetId"] for a in table.get("Associations") or []):
            return table, "its route table"
    for table in tables:
        if table.get("VpcId") == subnet.get("VpcId") and any(a.get("Main") for a in table.get("Associations") or []):
            return table, "the VPC's main route table"
    return None, "no route table"


def _subnet_egress(subnet: dict[str, Any], tables: list[dict[str, Any]]) -> tuple[CheckStatus, str]:
    """How one subnet reaches the internet: PASS (NAT), WARN (can't tell), FAIL (it does not)."""
    sid = f"{subnet['SubnetId']} ({subnet.get('AvailabilityZone', '?')})"
    table, which = _route_table(subnet, tables)
    if table is None:
        return FAIL, f"{sid}: no route table found"
    where = f"{which} {table['RouteTableId']}"
    route = next((r for r in table.get("Routes") or [] if r.get("DestinationCidrBlock") == "0.0.0.0/0"), None)
    if route is None:
        return FAIL, f"{sid}: {where} has no default route (0.0.0.0/0)"
    if str(route.get("State", "active")).lower() == "blackhole":
        return FAIL, f"{sid}: {where} sends 0.0.0.0/0 to a target that no longer exists (blackhole)"
    if route.get("NatGatewayId"):
        return PASS, f"{sid}: {where} sends 0.0.0.0/0 to NAT gateway {route['NatGatewayId']}"
    gateway = str(route.get("GatewayId") or "")
    if gateway.startswith("igw-"):
        if not subnet.get("MapPublicIpOnLaunch"):
            return FAIL, (f"{sid}: {where} sends 0.0.0.0/0 to internet gateway {gateway}, but instances get no "
                          "public IP in this subnet (MapPublicIpOnLaunch is off), and without one they cannot "
                          "reach the internet through an internet gateway")
        return WARN, (f"{sid}: {where} sends 0.0.0.0/0 to internet gateway {gateway} and the subnet assigns "
                      "public IPs; that works only if the capacity provider's instances keep a public IP, which "
                      "AWS does not document")
    target = next((str(route[k]) for k in ("TransitGatewayId", "NetworkInterfaceId", "InstanceId",
                                           "VpcPeeringConnectionId", "LocalGatewayId", "CarrierGatewayId")
                   if route.get(k)), gateway or "an unknown target")
    if target.startswith("pcx-"):
        return FAIL, f"{sid}: {where} sends 0.0.0.0/0 to peering connection {target}, which does not reach the internet"
    return WARN, f"{sid}: {where} sends 0.0.0.0/0 to {target}; the pre-flight cannot tell whether it reaches AWS"


def _endpoint_line(endpoint: dict[str, Any]) -> str:
    dns = "private DNS on" if endpoint.get("PrivateDnsEnabled") else "private DNS off"
    kind = endpoint.get("VpcEndpointType", "?")
    extra = f", {dns}" if kind.lower() == "interface" else ""
    return f"{endpoint['VpcEndpointId']} ({kind}{extra}, {str(endpoint.get('State', '?')).lower()})"


def _egress_checks(reader: _Reader, subnets: list[dict[str, Any]], vpcs: set[str]) -> list[PreflightCheck]:
    region = reader.region
    vpc_filter = [{"Name": "vpc-id", "Values": sorted(vpcs)}]
    tables: list[dict[str, Any]] | None = None
    endpoints: list[dict[str, Any]] | None = None
    table_problem = endpoint_problem = None
    try:
        tables = reader.items("ec2", "DescribeRouteTables", "RouteTables", Filters=vpc_filter)
    except AwsProblem as problem:
        table_problem = _problem(problem)
    try:
        endpoints = reader.items("ec2", "DescribeVpcEndpoints", "VpcEndpoints", Filters=vpc_filter)
    except AwsProblem as problem:
        endpoint_problem = _problem(problem)
    logs_service = f"com.amazonaws.{region}.logs"
    found: list[str] = []
    usable = []
    for endpoint in endpoints or []:
        if endpoint.get("ServiceName") != logs_service or str(endpoint.get("VpcEndpointType")).lower() != "interface":
            continue
        ok = str(endpoint.get("State", "")).lower() == "available" and endpoint.get("PrivateDnsEnabled")
        found.append(f"CloudWatch Logs endpoint {_endpoint_line(endpoint)}" + ("" if ok else
                     ": not usable by the instances (it must be available, with private DNS on)"))
        if ok:
            usable.append(endpoint)
    routes = [_subnet_egress(s, tables) for s in subnets] if tables is not None else []
    found += [line for _, line in routes]
    route_status = _worst(s for s, _ in routes) if tables is not None else UNKNOWN
    fix_routes = [s["SubnetId"] for s, (status, _) in zip(subnets, routes) if status is not PASS]
    if usable:
        found.append("(not checked: the endpoint's security groups must allow inbound TCP 443 from the instances)")
        logs = _check("logs-egress", PASS, found)
    elif route_status is PASS:
        logs = _check("logs-egress", PASS, found)
    elif endpoint_problem or table_problem:
        problem = endpoint_problem or table_problem
        assert problem is not None
        logs = _unknown("logs-egress", problem, found)
    else:
        no_endpoint = f"no usable CloudWatch Logs endpoint ({logs_service}) in {', '.join(sorted(vpcs))}"
        fix = (f"Add a route 0.0.0.0/0 to a NAT gateway in the route tables of {', '.join(fix_routes)}, or create "
               f"an interface VPC endpoint {logs_service} with private DNS in the VPC.")
        if route_status is FAIL:
            logs = _check("logs-egress", FAIL, [f"CloudWatch Logs will be missing: {no_endpoint}, and not every "
                                                "subnet routes to the internet"] + found, fix)
        else:
            logs = _check("logs-egress", WARN, [f"{no_endpoint}; the routes may or may not reach it"] + found, fix)
    if endpoint_problem is not None:
        return [logs, _unknown("vpc-endpoints", endpoint_problem)]
    info = []
    for service, label in INFO_ENDPOINTS:
        name = f"com.amazonaws.{region}.{service}"
        matching = [_endpoint_line(e) for e in endpoints or [] if e.get("ServiceName") == name]
        info.append(f"{label} ({name}): {', '.join(matching) if matching else 'none'}")
    note = "" if route_status is PASS else ("Without a NAT gateway, the function reaches only the AWS services it "
                                            "has endpoints for: add interface endpoints (CloudWatch metrics, X-Ray, "
                                            "SQS) and gateway endpoints (S3, DynamoDB) for those it calls.")
    return [logs, _check("vpc-endpoints", PASS, info, note)]


def _network_checks(reader: _Reader, planned_: Planned, config: LmiConfiguration,
                    options: IacOptions) -> list[PreflightCheck]:
    if planned_.create_vpc:
        return _new_vpc_checks(reader, planned_, config, options)
    ids = planned_.subnet_ids
    later = ("availability-zones", "free-ips", "logs-egress", "vpc-endpoints")
    if not ids:
        return [_subnet_plan_check(planned_, config),
                *[_check(i, UNKNOWN, ["no subnets given"]) for i in later],
                _security_group_check(reader, planned_, set())]
    try:
        subnets = reader.items("ec2", "DescribeSubnets", "Subnets", Filters=[{"Name": "subnet-id",
                                                                              "Values": list(ids)}])
    except AwsProblem as problem:
        return [*_unknown_all(("subnets",) + later, problem), _security_group_check(reader, planned_, set())]
    by_id = {s["SubnetId"]: s for s in subnets}
    present = [by_id[i] for i in ids if i in by_id]
    missing = [i for i in ids if i not in by_id]
    vpcs = {s["VpcId"] for s in present}
    # subnets: exist, one VPC, available
    statuses, found, fixes = [PASS], [], []
    for s in present:
        found.append(f"{s['SubnetId']}: {s.get('AvailabilityZone')}, {s['VpcId']}, {s.get('CidrBlock')}, "
                     f"{s.get('State', '?')}")
        if s.get("State", "available") != "available":
            statuses.append(WARN)
            fixes.append(f"Wait until {s['SubnetId']} is available.")
    if missing:
        statuses.append(FAIL)
        found.append(f"{', '.join(missing)} not found in {reader.region} (or not visible to this account)")
        fixes.append(f"Use subnets that exist in {reader.region}.")
    if len(vpcs) > 1:
        statuses.append(FAIL)
        found.append(f"the subnets are in {len(vpcs)} VPCs ({', '.join(sorted(vpcs))})")
        fixes.append("Use subnets of one VPC: a capacity provider's network is one VPC.")
    checks = [_check("subnets", _worst(statuses), found, " ".join(fixes))]
    # availability zones
    zones = sorted({s.get("AvailabilityZone", "?") for s in present})
    zone_line = f"the existing subnets cover {len(zones)} Availability Zone(s): {', '.join(zones) or 'none'}"
    if len(zones) >= 3:
        checks.append(_check("availability-zones", PASS, [zone_line]))
    else:
        production = config.environment is Environment.PRODUCTION
        checks.append(_check("availability-zones", FAIL if production else WARN, [zone_line],
                             "Add subnets in other Availability Zones so there are 3 or more: the minimum of 3 "
                             "execution environments spreads across AZs" + ("" if production else
                                                                            " (fewer is tolerable outside "
                                                                            "production)") + "."))
    # free addresses
    if not present:
        checks.append(_check("free-ips", UNKNOWN, ["no existing subnet to check"]))
    else:
        need = ip_need(config, len(present), len(zones), options)
        statuses, found = [], []
        for s in present:
            free = int(s.get("AvailableIpAddressCount", 0))
            status = FAIL if free < need.per_subnet_min else WARN if free < need.per_subnet_max else PASS
            statuses.append(status)
            found.append(f"{s['SubnetId']} in {s.get('AvailabilityZone')} has {free} free IP addresses")
        found.append(need.basis(config, len(present)))
        worst = _worst(statuses)
        fits = min(int(s.get("AvailableIpAddressCount", 0)) for s in present) * len(present) * need.instance_vcpus
        fix = ("" if worst is PASS else
               "Free addresses in the short subnets (unused network interfaces) or use larger ones; the version "
               "cannot become ACTIVE while its minimum execution environments have no instances."
               if worst is FAIL else
               "Before reaching MaxVCpuCount the capacity provider would run out of addresses: use larger or more "
               f"subnets, or lower MaxVCpuCount to about {max(facts.LMI_MAX_VCPU_COUNT_MIN, fits)}.")
        checks.append(_check("free-ips", worst, found, fix))
    checks.append(_security_group_check(reader, planned_, vpcs))
    if not present:
        checks += [_check(i, UNKNOWN, ["no existing subnet to check"]) for i in ("logs-egress", "vpc-endpoints")]
    else:
        checks += _egress_checks(reader, present, vpcs)
    return checks


# --- architecture -------------------------------------------------------------------------------------------------
def _architecture_check(reader: _Reader, workload: Workload, config: LmiConfiguration, options: IacOptions,
                        planned_: Planned) -> PreflightCheck:
    statuses, found, fixes = _planned_architecture(workload, config, options)
    arch = config.architecture.value
    problems: list[AwsProblem] = []
    name, provider = planned_.function_name, planned_.capacity_provider_name
    try:
        function = reader.call("lambda", "GetFunction", FunctionName=name).get("Configuration") or {}
    except AwsProblem as problem:
        if _absent(_problem(problem)):
            found.append(f"function {name} does not exist yet in {reader.region}: it will be created as {arch}")
        else:
            statuses.append(UNKNOWN)
            problems.append(problem)
            found.append(f"could not read function {name}: {_said(problem)}")
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
        if _absent(_problem(problem)):
            found.append(f"capacity provider {provider} does not exist yet: it will be created for {arch}")
        else:
            statuses.append(UNKNOWN)
            problems.append(problem)
            found.append(f"could not read capacity provider {provider}: {_said(problem)}")
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
    status = _worst(statuses)
    check = _check("architecture", status, found, " ".join(fixes) if status is not UNKNOWN else
                   "Check the existing resources' architectures by hand, or run the pre-flight again.")
    if problems:
        check = check.model_copy(update={"problem": _said(problems[0]), "action": problems[0].action})
    return check


# --- IAM roles ----------------------------------------------------------------------------------------------------
def _statements(document: Any) -> list[dict[str, Any]]:
    if not isinstance(document, dict):
        return []
    found = document.get("Statement") or []
    return [s for s in (found if isinstance(found, list) else [found]) if isinstance(s, dict)]


def _listed(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else [str(v) for v in value or []]


def _matches(action: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(action.lower(), p.lower()) for p in patterns)


def allows(documents: Iterable[Any], action: str) -> bool:
    """True when some Allow statement covers ``action`` and no Deny statement does (resources and conditions are
    not evaluated: this is a check of actions only)."""
    allowed = denied = False
    for statement in (s for d in documents for s in _statements(d)):
        if "Action" in statement:
            hit = _matches(action, _listed(statement["Action"]))
        else:
            hit = "NotAction" in statement and not _matches(action, _listed(statement["NotAction"]))
        if hit and statement.get("Effect") == "Allow":
            allowed = True
        elif hit and statement.get("Effect") == "Deny":
            denied = True
    return allowed and not denied


def trusts_lambda(document: Any) -> bool:
    """True when the trust policy lets lambda.amazonaws.com call sts:AssumeRole."""
    for statement in _statements(document):
        if statement.get("Effect") != "Allow" or not _matches("sts:AssumeRole", _listed(statement.get("Action"))):
            continue
        principal = statement.get("Principal")
        services = _listed(principal.get("Service")) if isinstance(principal, dict) else _listed(principal)
        if LAMBDA_SERVICE in services or "*" in services:
            return True
    return False


def operator_actions() -> list[str]:
    """The actions the generated operator policy grants (the operator role must allow each of them)."""
    actions = [a for s in _statements(operator_policy("execution-role", [], []).document)
               for a in _listed(s.get("Action"))]
    return [a for a in dict.fromkeys(actions) if a not in OPTIONAL_OPERATOR_ACTIONS]


def _policy_documents(reader: _Reader, role: str,
                      attached: list[dict[str, Any]]) -> tuple[list[Any], list[AwsProblem]]:
    documents: list[Any] = []
    problems: list[AwsProblem] = []
    try:
        for name in reader.items("iam", "ListRolePolicies", "PolicyNames", RoleName=role):
            documents.append(reader.call("iam", "GetRolePolicy", RoleName=role, PolicyName=name)["PolicyDocument"])
    except AwsProblem as problem:
        problems.append(_problem(problem))
    for policy in attached:
        try:
            version = reader.call("iam", "GetPolicy", PolicyArn=policy["PolicyArn"])["Policy"]["DefaultVersionId"]
            documents.append(reader.call("iam", "GetPolicyVersion", PolicyArn=policy["PolicyArn"],
                                         VersionId=version)["PolicyVersion"]["Document"])
        except AwsProblem as problem:
            problems.append(_problem(problem))
    return documents, problems


def _role_check(reader: _Reader, check_id: str, role: str, *, operator: bool) -> PreflightCheck:
    try:
        found_role = reader.call("iam", "GetRole", RoleName=role)["Role"]
    except AwsProblem as problem:
        if _absent(_problem(problem)):
            return _check(check_id, PASS, [f"{role} does not exist: the deployment will create it",
                                           "not checked: whether you may create it (iam:CreateRole, "
                                           "iam:PutRolePolicy, iam:PassRole)"])
        return _unknown(check_id, problem)
    statuses, fixes = [PASS], []
    found = [f"{role} exists ({found_role.get('Arn')}): it will be reused",
             "the generated templates name this role too: CloudFormation, CDK, SAM and Terraform cannot create it "
             "while it exists (import it, or deploy under another function name)"]
    if not trusts_lambda(found_role.get("AssumeRolePolicyDocument")):
        statuses.append(FAIL)
        found.append(f"its trust policy does not let {LAMBDA_SERVICE} assume it")
        fixes.append(f"Let {LAMBDA_SERVICE} call sts:AssumeRole in its trust policy "
                     "(aws iam update-assume-role-policy), or deploy under another function name.")
    managed, required = ((OPERATOR_MANAGED_POLICY,), operator_actions()) if operator else \
        (LOGS_MANAGED_POLICIES, list(LOGS_ACTIONS))
    problem = None
    try:
        attached = reader.items("iam", "ListAttachedRolePolicies", "AttachedPolicies", RoleName=role)
    except AwsProblem as error:
        problem = _problem(error)
        statuses.append(UNKNOWN)
        found.append(f"could not list its policies: {_said(error)}")
    else:
        names = {p.get("PolicyName") for p in attached}
        has = [m for m in managed if m in names]
        if has:
            found.append(f"it has the AWS managed policy {has[0]}")
        else:
            documents, problems = _policy_documents(reader, role, attached)
            missing = [a for a in required if not allows(documents, a)]
            if missing and problems:
                problem = problems[0]
                statuses.append(UNKNOWN)
                found.append(f"could not read all of its policies ({_said(problem)}); not seen: "
                             f"{', '.join(missing)}")
            elif missing:
                statuses.append(FAIL if operator else WARN)
                found.append(f"its policies do not allow {', '.join(missing)} (actions checked, not resources or "
                             "conditions)")
                fixes.append(f"Attach the AWS managed policy {OPERATOR_MANAGED_POLICY}, or allow those actions: "
                             "without them Lambda cannot launch the instances." if operator else
                             "Attach AWSLambdaBasicExecutionRole, or allow logs:CreateLogStream and "
                             "logs:PutLogEvents: without them the function's logs are missing.")
            else:
                found.append(f"its policies allow {', '.join(required)} (actions checked, not resources or "
                             "conditions)" if not operator else
                             f"its policies allow all {len(required)} actions of the generated operator policy "
                             "(actions checked, not resources or conditions)")
    status = _worst(statuses)
    check = _check(check_id, status, found, " ".join(fixes) if fixes else
                   "" if status is PASS else "Check the role's policies by hand, or run the pre-flight again.")
    if problem is not None:
        check = check.model_copy(update={"problem": _said(problem), "action": problem.action})
    return check


# --- quota --------------------------------------------------------------------------------------------------------
def _quota_check(reader: _Reader, config: LmiConfiguration) -> PreflightCheck:
    service, code = EC2_STANDARD_VCPU_QUOTA
    try:
        quota = reader.call("service-quotas", "GetServiceQuota", ServiceCode=service, QuotaCode=code)["Quota"]
    except AwsProblem as problem:
        return _unknown("vcpu-quota", _problem(problem))
    value = float(quota.get("Value") or 0)
    line = (f"the account's Running On-Demand Standard instances quota ({code}) in {reader.region} is {value:g} "
            f"vCPU; MaxVCpuCount is {config.max_vcpu_count}; the quota is shared with the account's other "
            "On-Demand instances")
    if value < config.max_vcpu_count:
        return _check("vcpu-quota", WARN, [line], f"Request a quota increase ({code}) or lower MaxVCpuCount to "
                      f"{int(value)}: launches beyond the quota fail and the function reports VcpuLimitExceeded.")
    return _check("vcpu-quota", PASS, [line])


# --- the whole pre-flight -----------------------------------------------------------------------------------------
def run_preflight(session: "AwsSession", workload: Workload, config: LmiConfiguration,
                  options: IacOptions | None = None, *, region: str | None = None,
                  cancel: threading.Event | None = None, quotas: bool = True) -> PreflightReport:
    """Every pre-flight check for deploying ``workload`` with ``config`` to ``region`` (default: the workload's,
    then the session's). Read-only; an AWS failure leaves only the affected checks "unknown". Raises
    :class:`~workbench.aws.errors.Cancelled` if ``cancel`` is set."""
    options = options or IacOptions()
    target = region or workload.region or session.region
    offline = {c.id: c for c in check_offline(workload, config, options, target)}
    plan = planned(workload, config, options)
    report = PreflightReport(workload_id=workload.id, region=target, function_name=plan.function_name,
                             capacity_provider_name=plan.capacity_provider_name)
    account_ids = [i for i in TITLES if i not in offline and (quotas or i != "vcpu-quota")]
    try:
        resolved = session.resolve_region(target)
    except AwsProblem as problem:
        checks = [_unknown(c.id, problem, c.found) if c.status is UNKNOWN else c for c in offline.values()]
        checks += [_unknown(i, problem) for i in account_ids]
        return report.model_copy(update={"checks": _ordered(checks)})
    reader = _Reader(session, resolved, cancel)
    checks = [offline["region"], offline["runtime"], *_network_checks(reader, plan, config, options),
              _architecture_check(reader, workload, config, options, plan),
              _role_check(reader, "execution-role", plan.execution_role_name, operator=False),
              _role_check(reader, "operator-role", plan.operator_role_name, operator=True)]
    if quotas:
        checks.append(_quota_check(reader, config))
    return report.model_copy(update={"region": resolved, "checks": _ordered(checks), "account_checked": True,
                                     "operations": reader.operations})


def offline_report(workload: Workload, config: LmiConfiguration, options: IacOptions | None = None,
                   region: str | None = None) -> PreflightReport:
    """A report of the offline checks alone (no AWS account: ``--offline``)."""
    options = options or IacOptions()
    plan = planned(workload, config, options)
    return PreflightReport(workload_id=workload.id, region=region or workload.region,
                           function_name=plan.function_name, capacity_provider_name=plan.capacity_provider_name,
                           checks=check_offline(workload, config, options, region))


def _ordered(checks: list[PreflightCheck]) -> list[PreflightCheck]:
    order = list(TITLES)
    return sorted(checks, key=lambda c: order.index(c.id))


# --- output -------------------------------------------------------------------------------------------------------
_TAGS = {PASS: "PASS", WARN: "WARN", FAIL: "FAIL", UNKNOWN: "UNKNOWN"}


def preflight_text(report: PreflightReport) -> str:
    """The report as plain text for the terminal: one block per check, the fix under what was found."""
    counts = ", ".join(f"{n} {status}" for status, n in report.counts().items() if n)
    lines = [f"Pre-flight for {report.function_name} (capacity provider {report.capacity_provider_name}) in "
             f"{report.region or 'no Region'}: {report.status.value.upper()} ({counts})", ""]
    pad = " " * 10
    for check in report.checks:
        lines.append(f"[{_TAGS[check.status]:<7}] {check.id}: {check.title}")
        lines += [pad + line for line in check.found]
        if check.problem and not any(check.problem in line for line in check.found):
            lines.append(f"{pad}AWS: {check.problem}")
        if check.fix:
            lines.append(f"{pad}{'note' if check.status is PASS else 'fix'}: {check.fix}")
    lines.append("")
    if report.account_checked:
        calls = ", ".join(dict.fromkeys(report.operations))
        lines.append(f"AWS calls made: {len(report.operations)}, all read-only ({calls}).")
    else:
        lines.append("The account was not checked: only the checks that need no AWS access ran.")
    return "\n".join(lines) + "\n"


def preflight_dict(report: PreflightReport) -> dict[str, Any]:
    """The report as JSON-able data (``--format json``): the overall status and counts first."""
    return {"status": report.status.value, "counts": report.counts(), **report.model_dump(mode="json")}


def save_preflight(store: "Store", report: PreflightReport) -> "Stored[PreflightReport]":
    """Keep the latest report in the session's store: the newest run replaces the last one, compare-and-set on the
    version read just before (a partner's report saved in between raises StoreConflict rather than vanishing)."""
    counts = report.counts()
    summary = (f"pre-flight {report.status.value}: {counts['fail']} fail, {counts['warn']} warn, "
               f"{counts['unknown']} unknown")
    current = store.get(PreflightReport, report.id)
    return store.put(report, expected_version=current.version if current else None, summary=summary)
