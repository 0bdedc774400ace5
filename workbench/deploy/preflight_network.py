"""The pre-flight's network checks against the account: the subnets (exist, one VPC, 3+ Availability Zones, free
IP addresses for the instances), the security groups (HTTPS egress, no ingress), and a way to CloudWatch Logs (a
NAT gateway route or an interface endpoint), with the other VPC endpoints for information.

:func:`ip_need` estimates how many addresses the capacity provider may take from each subnet (AWS publishes no
figure). Every call is read-only (:class:`~workbench.deploy.preflight_checks.Reader`)."""

from __future__ import annotations

import ipaddress
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from workbench import lmi_facts as facts
from workbench.aws.errors import AwsProblem
from workbench.deploy.preflight_checks import (
    FAIL,
    PASS,
    UNKNOWN,
    WARN,
    Planned,
    Reader,
    new_check,
    unknown_check,
    unless_cancelled,
    worst_of,
)
from workbench.deploy.preflight_offline import subnet_plan_check
from workbench.iac.model import _subnet_cidrs
from workbench.iac.options import IacOptions
from workbench.models import LmiConfiguration
from workbench.models._base import Environment
from workbench.models.preflight import CheckStatus, PreflightCheck

# The smallest instances LMI places functions on: M and R families from .large (2 vCPU), C from .xlarge (4 vCPU)
# (lmi-facts.md Step 3). The fewer vCPUs per instance, the more instances (and IP addresses) a fleet needs.
SMALLEST_INSTANCE_VCPUS = 2
# Every subnet reserves 5 addresses (the network, the VPC router, DNS, one for future use and the broadcast).
RESERVED_ADDRESSES_PER_SUBNET = 5
INFO_ENDPOINTS = (("monitoring", "CloudWatch metrics"), ("xray", "X-Ray"), ("sqs", "SQS"),
                  ("s3", "S3"), ("dynamodb", "DynamoDB"))


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
    named = [size for size in sizes if size is not None]
    smallest = min(named) if named and len(named) == len(sizes) else SMALLEST_INSTANCE_VCPUS
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


def _security_group_check(reader: Reader, planned_: Planned, vpcs: set[str]) -> PreflightCheck:
    ids = planned_.security_group_ids
    if planned_.create_vpc:
        return new_check("security-groups", PASS, ["the deployment creates a security group with HTTPS egress only and "
                                                   "no ingress"])
    if not ids:
        return new_check("security-groups", WARN, ["no security group given"],
                         "Give a security group that allows outbound HTTPS (TCP 443) and no inbound traffic.")
    try:
        groups = reader.items("ec2", "DescribeSecurityGroups", "SecurityGroups",
                              Filters=[{"Name": "group-id", "Values": list(ids)}])
    except AwsProblem as problem:
        return unknown_check("security-groups", problem)
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
    return new_check("security-groups", worst_of(statuses), found, " ".join(dict.fromkeys(fixes)))


def _unknown_all(ids: Iterable[str], problem: AwsProblem, found: Iterable[str] = ()) -> list[PreflightCheck]:
    return [unknown_check(i, unless_cancelled(problem), found) for i in ids]


# --- subnets, addresses, egress -----------------------------------------------------------------------------------
def _new_vpc_checks(reader: Reader, planned_: Planned, config: LmiConfiguration,
                    options: IacOptions) -> list[PreflightCheck]:
    checks = [new_check("subnets", PASS, [f"a new VPC ({planned_.vpc_cidr}) with 3 subnets will be created"])]
    try:
        zones = reader.call("ec2", "DescribeAvailabilityZones",  # not paginated
                            Filters=[{"Name": "state", "Values": ["available"]},
                                     {"Name": "zone-type", "Values": ["availability-zone"]}])["AvailabilityZones"]
    except AwsProblem as problem:
        checks.append(unknown_check("availability-zones", unless_cancelled(problem)))
    else:
        names = sorted(z["ZoneName"] for z in zones)
        checks.append(new_check("availability-zones", PASS, [f"{reader.region} has {len(names)} Availability Zones "
                                                             f"available ({', '.join(names)}); the new VPC uses 3"])
                      if len(names) >= 3 else
                      new_check("availability-zones", FAIL, [f"{reader.region} has only {len(names)} Availability "
                                                             f"Zone(s) available: {', '.join(names) or 'none'}"],
                                "Choose a Region with 3 or more Availability Zones."))
    need = ip_need(config, 3, 3, options)
    cidrs = _subnet_cidrs(planned_.vpc_cidr)
    free = min(ipaddress.ip_network(c).num_addresses - RESERVED_ADDRESSES_PER_SUBNET for c in cidrs)
    checks.append(new_check("free-ips", PASS if free >= need.per_subnet_max else WARN,
                            [f"new subnets {', '.join(cidrs)}: {free} free addresses each",
                          need.basis(config, 3)],
                            "" if free >= need.per_subnet_max else "Use a larger VPC CIDR or lower MaxVCpuCount."))
    checks.append(_security_group_check(reader, planned_, set()))
    checks.append(new_check("logs-egress", FAIL, [
        "the new VPC gets no NAT gateway and no VPC endpoints: CloudWatch Logs will be missing"],
        f"Before publishing the version, add a NAT gateway (0.0.0.0/0 route in the new subnets' route tables) or "
        f"an interface VPC endpoint com.amazonaws.{reader.region}.logs with private DNS; or deploy into existing "
        "subnets that have egress."))
    checks.append(new_check("vpc-endpoints", PASS, ["the new VPC gets no VPC endpoints"],
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


def _egress_checks(reader: Reader, subnets: list[dict[str, Any]], vpcs: set[str]) -> list[PreflightCheck]:
    region = reader.region
    vpc_filter = [{"Name": "vpc-id", "Values": sorted(vpcs)}]
    tables: list[dict[str, Any]] | None = None
    endpoints: list[dict[str, Any]] | None = None
    table_problem = endpoint_problem = None
    try:
        tables = reader.items("ec2", "DescribeRouteTables", "RouteTables", Filters=vpc_filter)
    except AwsProblem as problem:
        table_problem = unless_cancelled(problem)
    try:
        endpoints = reader.items("ec2", "DescribeVpcEndpoints", "VpcEndpoints", Filters=vpc_filter)
    except AwsProblem as problem:
        endpoint_problem = unless_cancelled(problem)
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
    route_status = worst_of(s for s, _ in routes) if tables is not None else UNKNOWN
    fix_routes = [s["SubnetId"] for s, (status, _) in zip(subnets, routes) if status is not PASS]
    if usable:
        found.append("(not checked: the endpoint's security groups must allow inbound TCP 443 from the instances)")
        logs = new_check("logs-egress", PASS, found)
    elif route_status is PASS:
        logs = new_check("logs-egress", PASS, found)
    elif endpoint_problem or table_problem:
        seen = endpoint_problem or table_problem
        assert seen is not None
        logs = unknown_check("logs-egress", seen, found)
    else:
        no_endpoint = f"no usable CloudWatch Logs endpoint ({logs_service}) in {', '.join(sorted(vpcs))}"
        fix = (f"Add a route 0.0.0.0/0 to a NAT gateway in the route tables of {', '.join(fix_routes)}, or create "
               f"an interface VPC endpoint {logs_service} with private DNS in the VPC.")
        if route_status is FAIL:
            logs = new_check("logs-egress", FAIL, [f"CloudWatch Logs will be missing: {no_endpoint}, and not every "
                                                   "subnet routes to the internet"] + found, fix)
        else:
            logs = new_check("logs-egress", WARN, [f"{no_endpoint}; the routes may or may not reach it"] + found, fix)
    if endpoint_problem is not None:
        return [logs, unknown_check("vpc-endpoints", endpoint_problem)]
    info = []
    for service, label in INFO_ENDPOINTS:
        name = f"com.amazonaws.{region}.{service}"
        matching = [_endpoint_line(e) for e in endpoints or [] if e.get("ServiceName") == name]
        info.append(f"{label} ({name}): {', '.join(matching) if matching else 'none'}")
    note = "" if route_status is PASS else ("Without a NAT gateway, the function reaches only the AWS services it "
                                            "has endpoints for: add interface endpoints (CloudWatch metrics, X-Ray, "
                                            "SQS) and gateway endpoints (S3, DynamoDB) for those it calls.")
    return [logs, new_check("vpc-endpoints", PASS, info, note)]


def network_checks(reader: Reader, planned_: Planned, config: LmiConfiguration,
                   options: IacOptions) -> list[PreflightCheck]:
    if planned_.create_vpc:
        return _new_vpc_checks(reader, planned_, config, options)
    ids = planned_.subnet_ids
    later = ("availability-zones", "free-ips", "logs-egress", "vpc-endpoints")
    if not ids:
        return [subnet_plan_check(planned_, config),
                *[new_check(i, UNKNOWN, ["no subnets given"]) for i in later],
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
    checks = [new_check("subnets", worst_of(statuses), found, " ".join(fixes))]
    # availability zones
    zones = sorted({s.get("AvailabilityZone", "?") for s in present})
    zone_line = f"the existing subnets cover {len(zones)} Availability Zone(s): {', '.join(zones) or 'none'}"
    if len(zones) >= 3:
        checks.append(new_check("availability-zones", PASS, [zone_line]))
    else:
        production = config.environment is Environment.PRODUCTION
        checks.append(new_check("availability-zones", FAIL if production else WARN, [zone_line],
                                "Add subnets in other Availability Zones so there are 3 or more: the minimum of 3 "
                                "execution environments spreads across AZs" + ("" if production else
                                                                            " (fewer is tolerable outside "
                                                                            "production)") + "."))
    # free addresses
    if not present:
        checks.append(new_check("free-ips", UNKNOWN, ["no existing subnet to check"]))
    else:
        need = ip_need(config, len(present), len(zones), options)
        statuses, found = [], []
        for s in present:
            free = int(s.get("AvailableIpAddressCount", 0))
            status = FAIL if free < need.per_subnet_min else WARN if free < need.per_subnet_max else PASS
            statuses.append(status)
            found.append(f"{s['SubnetId']} in {s.get('AvailabilityZone')} has {free} free IP addresses")
        found.append(need.basis(config, len(present)))
        worst = worst_of(statuses)
        fits = min(int(s.get("AvailableIpAddressCount", 0)) for s in present) * len(present) * need.instance_vcpus
        fix = ("" if worst is PASS else
               "Free addresses in the short subnets (unused network interfaces) or use larger ones; the version "
               "cannot become ACTIVE while its minimum execution environments have no instances."
               if worst is FAIL else
               "Before reaching MaxVCpuCount the capacity provider would run out of addresses: use larger or more "
               f"subnets, or lower MaxVCpuCount to about {max(facts.LMI_MAX_VCPU_COUNT_MIN, fits)}.")
        checks.append(new_check("free-ips", worst, found, fix))
    checks.append(_security_group_check(reader, planned_, vpcs))
    if not present:
        checks += [new_check(i, UNKNOWN, ["no existing subnet to check"]) for i in ("logs-egress", "vpc-endpoints")]
    else:
        checks += _egress_checks(reader, present, vpcs)
    return checks


__all__ = ["IpNeed", "ip_need", "network_checks"]
