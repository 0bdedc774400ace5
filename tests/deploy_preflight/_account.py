"""Building the network, roles and function a pre-flight looks at, on the moto server, and the inputs for it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from tests.aws._faults import Fault
from tests.aws._moto import TRUST, MotoAccount
from workbench.iac.options import IacOptions
from workbench.models import LmiConfiguration, Workload

REGION = "us-east-1"
ALL_TRAFFIC_OUT = {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}


@dataclass
class Network:
    vpc_id: str
    subnet_ids: list[str]
    security_group_id: str
    extra: dict[str, str] = field(default_factory=dict)


def build_network(moto: MotoAccount, *, zones: tuple[str, ...] = ("a", "b", "c"), prefixes: tuple[int, ...] = (),
                  egress: str = "nat", map_public: bool = False, https_out: bool = True, ingress: bool = False,
                  logs_endpoint: bool = False, private_dns: bool = True, explicit_tables: bool = True,
                  region: str = REGION) -> Network:
    """A VPC with one subnet per entry of ``zones`` (letters of AZs, repeats allowed), each a /24 unless
    ``prefixes`` says otherwise; ``egress`` "nat" (a NAT gateway in a public subnet), "igw" (straight to an internet
    gateway) or "none"; the routes in a table associated with the subnets (``explicit_tables``) or in the VPC's
    main table."""
    ec2 = moto.client("ec2", region)
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = []
    for n, zone in enumerate(zones):
        prefix = prefixes[n] if n < len(prefixes) else 24
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{n + 1}.0/{prefix}",
                                   AvailabilityZone=f"{region}{zone}")["Subnet"]["SubnetId"]
        if map_public:
            ec2.modify_subnet_attribute(SubnetId=subnet, MapPublicIpOnLaunch={"Value": True})
        subnets.append(subnet)
    extra: dict[str, str] = {}
    main = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                              {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]
    table = main["RouteTableId"]
    if explicit_tables:
        table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
        for subnet in subnets:
            ec2.associate_route_table(RouteTableId=table, SubnetId=subnet)
    if egress in ("nat", "igw"):
        igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
        extra["igw"] = igw
        if egress == "igw":
            ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
        else:
            public = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.200.0/24",
                                       AvailabilityZone=f"{region}a")["Subnet"]["SubnetId"]
            allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
            nat = ec2.create_nat_gateway(SubnetId=public, AllocationId=allocation)["NatGateway"]["NatGatewayId"]
            ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
            extra["nat"] = nat
    group = ec2.create_security_group(GroupName="lmi-instances", Description="LMI instances",
                                      VpcId=vpc)["GroupId"]
    if not https_out:
        ec2.revoke_security_group_egress(GroupId=group, IpPermissions=[ALL_TRAFFIC_OUT])
        ec2.authorize_security_group_egress(GroupId=group, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    if ingress:
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    if logs_endpoint:
        extra["logs"] = ec2.create_vpc_endpoint(
            VpcId=vpc, ServiceName=f"com.amazonaws.{region}.logs", VpcEndpointType="Interface",
            SubnetIds=subnets[:1], SecurityGroupIds=[group], PrivateDnsEnabled=private_dns)["VpcEndpoint"][
            "VpcEndpointId"]
    return Network(vpc, subnets, group, extra)


def workload(**changes) -> Workload:
    values = dict(function_name="orders", runtime="python3.13", region=REGION, architecture="arm64")
    return Workload(**{**values, **changes})


def config(**changes) -> LmiConfiguration:
    values = dict(per_execution_environment_max_concurrency=16, memory_mb=4096, memory_gib_per_vcpu=2.0,
                  architecture="arm64")
    return LmiConfiguration(**{**values, **changes})


def options(network: Network, **changes) -> IacOptions:
    return IacOptions(subnet_ids=tuple(network.subnet_ids), security_group_ids=(network.security_group_id,),
                      **changes)


def create_role(moto: MotoAccount, name: str, *, trust: str = TRUST, inline: dict | None = None,
                managed: tuple[str, ...] = ()) -> str:
    iam = moto.client("iam")
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust)["Role"]["Arn"]
    if inline is not None:
        iam.put_role_policy(RoleName=name, PolicyName="inline", PolicyDocument=json.dumps(inline))
    for policy in managed:
        iam.attach_role_policy(RoleName=name, PolicyArn=policy)
    return arn


def ec2_error(code: str, message: str, status: int) -> Fault:
    """An EC2 (query protocol) error answer as AWS sends it."""
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>' + code + "</Code><Message>"
            + message + "</Message></Error></Errors><RequestID>proxy-answer</RequestID></Response>")
    return Fault(status, {"Content-Type": "text/xml;charset=UTF-8"}, body.encode())


def ec2_denied(action: str) -> Fault:
    return ec2_error("UnauthorizedOperation", "You are not authorized to perform this operation. User: "
                     "arn:aws:iam::123456789012:user/analyst is not authorized to perform: " + action
                     + " because no identity-based policy allows the " + action + " action", 403)


def ec2_throttled() -> Fault:
    return ec2_error("RequestLimitExceeded", "Request limit exceeded.", 503)


def ec2_action(body: bytes) -> str:
    """The Action of an EC2 query request body (Action=DescribeSubnets&Version=...)."""
    for part in body.decode().split("&"):
        key, _, value = part.partition("=")
        if key == "Action":
            return value
    return ""


class Recorder:
    """Every operation the session's clients are asked to make (a botocore before-call hook), so a test can
    prove that nothing but Describe/Get/List was called."""

    def __init__(self, session, region: str = REGION,
                 services: tuple[str, ...] = ("ec2", "iam", "lambda", "service-quotas")) -> None:
        self.operations: list[str] = []
        for service in services:
            session.client(service, region).meta.events.register("before-call", self._seen)

    def _seen(self, model=None, **_) -> None:
        self.operations.append(model.name)
