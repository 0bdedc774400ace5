"""The pre-flight against a moto server: subnets, Availability Zones, free addresses, security groups and the way
to CloudWatch Logs — and proof that it only reads."""

from __future__ import annotations

import pytest

from tests.deploy_preflight._account import (
    REGION,
    Recorder,
    build_network,
    config,
    options,
    workload,
)
from workbench.aws.session import open_session
from workbench.deploy.preflight import preflight_text, run_preflight
from workbench.iac.options import IacOptions
from workbench.models import CheckStatus

PASS, WARN, FAIL, UNKNOWN = CheckStatus.PASS, CheckStatus.WARN, CheckStatus.FAIL, CheckStatus.UNKNOWN


def preflight(moto, network, *, cfg=None, wl=None, opts=None, quotas=False):
    session = open_session(moto.settings())
    recorder = Recorder(session)
    report = run_preflight(session, wl or workload(), cfg or config(), opts or options(network), quotas=quotas)
    return report, recorder


def test_three_zones_with_a_nat_route_pass_everything_and_only_read(moto) -> None:
    network = build_network(moto)
    report, recorder = preflight(moto, network)
    statuses = {c.id: c.status for c in report.checks}
    # the capacity provider cannot be read from moto (it lacks the LMI API): that alone stays unknown, honestly
    assert statuses.pop("architecture") is UNKNOWN
    assert "GetCapacityProvider answered HTTP 404 without an AWS error code" in report.check("architecture").problem
    assert statuses == {i: PASS for i in ("region", "runtime", "subnets", "availability-zones", "free-ips",
                                          "security-groups", "logs-egress", "vpc-endpoints", "execution-role",
                                          "operator-role")}
    assert report.account_checked
    nat = network.extra["nat"]
    assert any(f"sends 0.0.0.0/0 to NAT gateway {nat}" in line for line in report.check("logs-egress").found)
    # read-only: every operation the clients were asked for (botocore's own before-call hook) reads
    assert recorder.operations and all(op.startswith(("Describe", "Get", "List")) for op in recorder.operations)
    # the report counts only what AWS answered: moto's HTML 404 for GetCapacityProvider is not an answer
    assert [op.split(":")[1] for op in report.operations] == [op for op in recorder.operations
                                                               if op != "GetCapacityProvider"]
    assert "AWS calls answered: 7, all read-only" in preflight_text(report)


def test_the_vpc_main_route_table_is_used_when_a_subnet_has_no_table_of_its_own(moto) -> None:
    network = build_network(moto, explicit_tables=False)
    report, _ = preflight(moto, network)
    logs = report.check("logs-egress")
    assert logs.status is PASS
    assert sum("the VPC's main route table" in line for line in logs.found) == 3


def test_two_availability_zones_fail_with_the_zones_named(moto) -> None:
    network = build_network(moto, zones=("a", "b", "b"))
    report, _ = preflight(moto, network)
    zones = report.check("availability-zones")
    assert zones.status is FAIL
    assert zones.found == ["the existing subnets cover 2 Availability Zone(s): us-east-1a, us-east-1b"]
    assert "3 or more" in zones.fix
    assert report.status is FAIL


def test_two_zones_outside_production_only_warn(moto) -> None:
    network = build_network(moto, zones=("a", "b"))
    cfg = config(environment="non-production", min_execution_environments=1)
    report, _ = preflight(moto, network, cfg=cfg, wl=workload(environment="non-production"))
    assert report.check("availability-zones").status is WARN


def test_a_small_subnet_warns_with_its_free_addresses_and_the_estimate(moto) -> None:
    network = build_network(moto, prefixes=(28,))  # 16 addresses - 5 reserved = 11 free
    report, _ = preflight(moto, network)
    ips = report.check("free-ips")
    assert ips.status is WARN
    assert f"{network.subnet_ids[0]} in us-east-1a has 11 free IP addresses" in ips.found
    assert f"{network.subnet_ids[1]} in us-east-1b has 251 free IP addresses" in ips.found
    assert "MaxVCpuCount 400 allows about 200 instances (about 67 per subnet over 3)" in ips.found[-1]
    assert ips.found[-1].startswith("estimate:")
    assert "lower MaxVCpuCount to about 66" in ips.fix  # 11 addresses x 3 subnets x 2 vCPU


def test_a_subnet_too_small_for_the_minimum_fails(moto) -> None:
    network = build_network(moto, prefixes=(28,))
    # 60 execution environments of 2 vCPU need about 60 instances, 20 per subnet; the /28 has 11 addresses
    report, _ = preflight(moto, network, cfg=config(min_execution_environments=60))
    ips = report.check("free-ips")
    assert ips.status is FAIL
    assert "need about 60 (about 20 per subnet)" in ips.found[-1]
    assert "cannot become ACTIVE" in ips.fix


def test_a_security_group_without_https_egress_fails_and_ingress_warns(moto) -> None:
    network = build_network(moto, https_out=False, ingress=True)
    report, _ = preflight(moto, network)
    groups = report.check("security-groups")
    assert groups.status is FAIL
    sg = network.security_group_id
    assert f"no outbound HTTPS (TCP 443) in {sg}" in groups.found
    assert f"{sg} allows inbound TCP 22 from 0.0.0.0/0" in groups.found
    assert "Add an outbound rule TCP 443" in groups.fix and "Remove the inbound rules" in groups.fix


def test_missing_and_foreign_security_groups_fail(moto) -> None:
    network = build_network(moto)
    other = build_network(moto)
    opts = IacOptions(subnet_ids=tuple(network.subnet_ids),
                      security_group_ids=(other.security_group_id, "sg-0123456789abcdef0"))
    report, _ = preflight(moto, network, opts=opts)
    groups = report.check("security-groups")
    assert groups.status is FAIL
    assert f"sg-0123456789abcdef0 not found in {REGION}" in groups.found
    assert f"{other.security_group_id} belongs to {other.vpc_id}, the subnets to {network.vpc_id}" in groups.found


def test_missing_subnets_and_subnets_of_two_vpcs_fail(moto) -> None:
    network = build_network(moto)
    other = build_network(moto)
    ids = (network.subnet_ids[0], network.subnet_ids[1], other.subnet_ids[0], "subnet-0123456789abcdef0")
    report, _ = preflight(moto, network, opts=IacOptions(subnet_ids=ids,
                                                         security_group_ids=(network.security_group_id,)))
    subnets = report.check("subnets")
    assert subnets.status is FAIL
    assert f"subnet-0123456789abcdef0 not found in {REGION} (or not visible to this account)" in subnets.found
    assert f"the subnets are in 2 VPCs ({', '.join(sorted([network.vpc_id, other.vpc_id]))})" in subnets.found


def test_no_nat_no_internet_gateway_and_no_logs_endpoint_fail(moto) -> None:
    network = build_network(moto, egress="none")
    report, _ = preflight(moto, network)
    logs = report.check("logs-egress")
    assert logs.status is FAIL
    assert logs.found[0].startswith("CloudWatch Logs will be missing: no usable CloudWatch Logs endpoint "
                                    "(com.amazonaws.us-east-1.logs)")
    assert all("has no default route (0.0.0.0/0)" in line for line in logs.found[1:])
    assert "NAT gateway" in logs.fix and "com.amazonaws.us-east-1.logs" in logs.fix
    assert report.check("vpc-endpoints").status is PASS  # information only


def test_a_logs_interface_endpoint_with_private_dns_passes_without_nat(moto) -> None:
    network = build_network(moto, egress="none", logs_endpoint=True)
    report, _ = preflight(moto, network)
    logs = report.check("logs-egress")
    assert logs.status is PASS
    assert logs.found[0] == (f"CloudWatch Logs endpoint {network.extra['logs']} (Interface, private DNS on, "
                             "available)")


def test_a_logs_endpoint_without_private_dns_does_not_count(moto) -> None:
    network = build_network(moto, egress="none", logs_endpoint=True, private_dns=False)
    report, _ = preflight(moto, network)
    logs = report.check("logs-egress")
    assert logs.status is FAIL
    assert any("private DNS off" in line and "not usable" in line for line in logs.found)


def test_an_internet_gateway_without_public_ips_does_not_reach_the_internet(moto) -> None:
    network = build_network(moto, egress="igw")
    report, _ = preflight(moto, network)
    logs = report.check("logs-egress")
    assert logs.status is FAIL
    assert all("instances get no public IP in this subnet (MapPublicIpOnLaunch is off)" in line
               for line in logs.found[1:])


def test_an_internet_gateway_with_public_ips_is_only_a_warning(moto) -> None:
    network = build_network(moto, egress="igw", map_public=True)
    report, _ = preflight(moto, network)
    logs = report.check("logs-egress")
    assert logs.status is WARN
    assert any("which AWS does not document" in line for line in logs.found)


def test_gateway_endpoints_are_reported_as_information(moto) -> None:
    network = build_network(moto)
    ec2 = moto.client("ec2")
    table = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [network.vpc_id]}])["RouteTables"][0]
    s3 = ec2.create_vpc_endpoint(VpcId=network.vpc_id, ServiceName=f"com.amazonaws.{REGION}.s3",
                                 VpcEndpointType="Gateway", RouteTableIds=[table["RouteTableId"]])
    report, _ = preflight(moto, network)
    info = report.check("vpc-endpoints")
    assert info.status is PASS
    assert any(line.startswith(f"S3 (com.amazonaws.{REGION}.s3): {s3['VpcEndpoint']['VpcEndpointId']} (Gateway")
               for line in info.found)
    assert f"CloudWatch metrics (com.amazonaws.{REGION}.monitoring): none" in info.found


def test_a_new_vpc_is_checked_for_three_zones_and_warned_about_egress(moto) -> None:
    report, recorder = preflight(moto, None, opts=IacOptions(create_vpc=True))
    assert report.check("availability-zones").status is PASS
    assert "us-east-1 has 6 Availability Zones available" in report.check("availability-zones").found[0]
    assert report.check("logs-egress").status is FAIL
    assert "CloudWatch Logs will be missing" in report.check("logs-egress").found[0]
    assert report.check("free-ips").status is PASS  # three /20 subnets of 10.40.0.0/16
    assert "DescribeSubnets" not in recorder.operations


@pytest.mark.parametrize("region", ["us-west-2", "eu-west-1"])
def test_the_logs_endpoint_name_follows_the_region(moto, region) -> None:
    network = build_network(moto, egress="none", logs_endpoint=True, region=region)
    session = open_session(moto.settings(region=region))
    report = run_preflight(session, workload(region=region), config(), options(network), quotas=False)
    assert report.region == region
    assert report.check("logs-egress").status is PASS
