"""Price List refresh against botocore's Stubber: real GetProducts shapes (PriceList entries are JSON strings),
pagination, request parameters checked against the pricing service model, and the errors users see."""

from __future__ import annotations

import json
from datetime import date

import botocore.session
import pytest
from botocore.stub import Stubber

from workbench.cost.compare import compare

from workbench.cost import CostInputs
from workbench.cost.catalog import default_catalog
from workbench.cost.refresh import RefreshError, ec2_filters, lambda_filters, refresh_prices


@pytest.fixture()
def client():
    session = botocore.session.get_session()
    return session.create_client("pricing", region_name="us-east-1", aws_access_key_id="testing",
                                 aws_secret_access_key="testing")


def ec2_product(instance_type: str, vcpu: int, memory: str, processor: str, usd: str, region: str = "eu-west-1",
                sku: str = "SKU1") -> str:
    return json.dumps({
        "product": {
            "productFamily": "Compute Instance",
            "attributes": {
                "instanceType": instance_type, "vcpu": str(vcpu), "memory": memory, "physicalProcessor": processor,
                "processorArchitecture": "64-bit", "operatingSystem": "Linux", "tenancy": "Shared",
                "preInstalledSw": "NA", "capacitystatus": "Used", "operation": "RunInstances", "regionCode": region,
                "usagetype": f"EU-BoxUsage:{instance_type}", "servicecode": "AmazonEC2",
            },
            "sku": sku,
        },
        "serviceCode": "AmazonEC2",
        "terms": {
            "OnDemand": {f"{sku}.JRTCKXETXF": {
                "priceDimensions": {f"{sku}.JRTCKXETXF.6YS6EN2CT7": {
                    "unit": "Hrs", "endRange": "Inf", "beginRange": "0", "appliesTo": [],
                    "description": f"${usd} per On Demand Linux {instance_type} Instance Hour",
                    "rateCode": f"{sku}.JRTCKXETXF.6YS6EN2CT7", "pricePerUnit": {"USD": usd}}},
                "sku": sku, "effectiveDate": "2026-11-01T00:00:00Z", "offerTermCode": "JRTCKXETXF",
                "termAttributes": {}}},
        },
        "version": "20261120000000",
        "publicationDate": "2026-11-20T00:00:00Z",
    })


def lambda_product(usagetype: str, dims: list[tuple[str, str, str]], group: str = "AWS-Lambda-Duration",
                   sku: str = "L1") -> str:
    price_dims = {f"{sku}.JRTCKXETXF.{i}": {"unit": "Lambda-GB-Second", "beginRange": b, "endRange": e,
                                             "pricePerUnit": {"USD": usd}, "appliesTo": [],
                                             "description": usagetype, "rateCode": f"{sku}.{i}"}
                  for i, (b, e, usd) in enumerate(dims)}
    return json.dumps({
        "product": {"productFamily": "Serverless", "sku": sku,
                    "attributes": {"usagetype": usagetype, "group": group, "regionCode": "eu-west-1",
                                   "location": "EU (Ireland)", "servicecode": "AWSLambda"}},
        "serviceCode": "AWSLambda",
        "terms": {"OnDemand": {f"{sku}.JRTCKXETXF": {"priceDimensions": price_dims, "sku": sku,
                                                     "offerTermCode": "JRTCKXETXF",
                                                     "effectiveDate": "2026-11-01T00:00:00Z",
                                                     "termAttributes": {}}}},
        "version": "20261120000000", "publicationDate": "2026-11-20T00:00:00Z",
    })


LAMBDA_PRICE_LIST = [
    lambda_product("EU-Lambda-GB-Second", [("0", "6000000000", "0.0000166667"),
                                           ("6000000000", "15000000000", "0.0000150000"),
                                           ("15000000000", "Inf", "0.0000133334")], sku="X86"),
    lambda_product("EU-Lambda-GB-Second-ARM", [("0", "7500000000", "0.0000133334"),
                                               ("7500000000", "18750000000", "0.0000120001"),
                                               ("18750000000", "Inf", "0.0000106667")], sku="ARM"),
    lambda_product("EU-Request", [("0", "Inf", "0.0000002000")], group="AWS-Lambda-Requests", sku="REQ"),
    lambda_product("EU-Request-ARM", [("0", "Inf", "0.0000002000")], group="AWS-Lambda-Requests", sku="REQA"),
    lambda_product("EU-Lambda-Storage-GB-Second", [("0", "Inf", "0.0000000340")], sku="EPH"),
    lambda_product("EU-Lambda-Provisioned-Concurrency", [("0", "Inf", "0.0000046460")], sku="PC"),
    lambda_product("EU-Lambda-Provisioned-GB-Second", [("0", "Inf", "0.0000108407")], sku="PCD"),
    lambda_product("EU-Lambda-Edge-Request", [("0", "Inf", "0.0000006000")], sku="EDGE"),
    lambda_product("Global-Request", [("0", "1000000", "0.0000000000")], sku="FREE"),
]


def stub_ec2(stubber: Stubber, region: str = "eu-west-1") -> None:
    params = {"ServiceCode": "AmazonEC2", "Filters": ec2_filters(region), "FormatVersion": "aws_v1"}
    stubber.add_response("get_products", {
        "FormatVersion": "aws_v1",
        "PriceList": [ec2_product("m7i.xlarge", 4, "16 GiB", "Intel Xeon Scalable (Sapphire Rapids)", "0.2247000000"),
                      ec2_product("c7g.xlarge", 4, "8 GiB", "AWS Graviton3 Processor", "0.1550000000", sku="SKU2")],
        "NextToken": "page-2",
    }, params)
    stubber.add_response("get_products", {
        "FormatVersion": "aws_v1",
        "PriceList": [ec2_product("c8g.xlarge", 4, "8 GiB", "AWS Graviton4 Processor", "0.1706000000", sku="SKU3"),
                      ec2_product("t3.micro", 2, "1 GiB", "Intel Xeon Family", "0.0114000000", sku="SKU4")],
    }, {**params, "NextToken": "page-2"})


def stub_lambda(stubber: Stubber, region: str = "eu-west-1") -> None:
    stubber.add_response("get_products", {"FormatVersion": "aws_v1", "PriceList": LAMBDA_PRICE_LIST},
                         {"ServiceCode": "AWSLambda", "Filters": lambda_filters(region), "FormatVersion": "aws_v1"})


def test_refresh_reads_ec2_and_lambda_across_pages(client):
    with Stubber(client) as stubber:
        stub_ec2(stubber)
        stub_lambda(stubber)
        override = refresh_prices(["eu-west-1"], client=client, today=date(2026, 12, 1))
        stubber.assert_no_pending_responses()
    assert override.fetched_on == "2026-12-01"
    rows = override.ec2["eu-west-1"]
    assert set(rows) == {"m7i.xlarge", "c7g.xlarge", "c8g.xlarge"}  # t3.micro is not an LMI family
    assert rows["c8g.xlarge"] == {"vcpu": 4, "memory_gib": 8.0, "arch": "arm64", "family": "c8g", "category": "c",
                                  "usd_per_hour": 0.1706}
    assert rows["m7i.xlarge"]["arch"] == "x86_64"
    lam = override.lambda_["eu-west-1"]
    assert lam["request_usd_per_million"] == pytest.approx(0.2)
    assert [t["to_gb_seconds"] for t in lam["duration"]["arm64"]["tiers"]] == [7.5e9, 18.75e9, None]
    assert lam["ephemeral_storage_usd_per_gb_second_above_512mb"] == pytest.approx(3.4e-8)
    assert lam["provisioned_concurrency"]["x86_64"]["usd_per_gb_second_configured"] == pytest.approx(4.646e-6)


def test_refreshed_prices_fill_the_catalog_and_carry_their_date(client):
    with Stubber(client) as stubber:
        stub_ec2(stubber)
        stub_lambda(stubber)
        override = refresh_prices(["eu-west-1"], client=client, today=date(2026, 12, 1))
    cat = default_catalog().with_override(override)
    inst = cat.instance("eu-west-1", "m7i.xlarge")  # missing from the snapshot, present after the refresh
    assert inst.usd_per_hour == 0.2247 and inst.provenance.as_of == "2026-12-01" and not inst.estimate
    prices = cat.lambda_prices("eu-west-1", "arm64")
    assert prices.provenance.as_of == "2026-12-01"
    r = compare(CostInputs(requests_per_month=1e8, duration_avg_ms=100, memory_mb=1024, region="eu-west-1",
                           architecture="x86_64", runtime="java", instance_type="m7i.xlarge"), cat)
    assert r.pricing_date == "2026-12-01" and "fetched 2026-12-01" in r.catalog_label


def test_named_instance_types_are_queried_one_by_one(client):
    with Stubber(client) as stubber:
        stubber.add_response("get_products", {"FormatVersion": "aws_v1", "PriceList": [
            ec2_product("r7g.xlarge", 4, "32 GiB", "AWS Graviton3 Processor", "0.2142000000", region="us-east-1")]},
            {"ServiceCode": "AmazonEC2", "Filters": ec2_filters("us-east-1", "r7g.xlarge"), "FormatVersion": "aws_v1"})
        override = refresh_prices(["us-east-1"], client=client, instance_types=["r7g.xlarge"], lambda_=False,
                                  today=date(2026, 12, 2))
        stubber.assert_no_pending_responses()
    assert override.ec2["us-east-1"]["r7g.xlarge"]["usd_per_hour"] == 0.2142


def test_access_denied_is_a_clear_refresh_error(client):
    with Stubber(client) as stubber:
        stubber.add_client_error("get_products", service_error_code="AccessDeniedException",
                                 service_message="User is not authorized to perform: pricing:GetProducts",
                                 http_status_code=400)
        with pytest.raises(RefreshError) as err:
            refresh_prices(["us-east-1"], client=client, lambda_=False)
    assert "AccessDeniedException" in str(err.value) and "pricing:GetProducts" in str(err.value)


def test_throttling_is_reported(client):
    with Stubber(client) as stubber:
        stubber.add_client_error("get_products", service_error_code="ThrottlingException",
                                 service_message="Rate exceeded", http_status_code=400)
        with pytest.raises(RefreshError, match="ThrottlingException: Rate exceeded"):
            refresh_prices(["us-east-1"], client=client, lambda_=False)


def test_empty_answer_leaves_the_snapshot_in_charge(client):
    with Stubber(client) as stubber:
        stubber.add_response("get_products", {"FormatVersion": "aws_v1", "PriceList": []},
                             {"ServiceCode": "AmazonEC2", "Filters": ec2_filters("us-west-2"),
                              "FormatVersion": "aws_v1"})
        stubber.add_response("get_products", {"FormatVersion": "aws_v1", "PriceList": []},
                             {"ServiceCode": "AWSLambda", "Filters": lambda_filters("us-west-2"),
                              "FormatVersion": "aws_v1"})
        override = refresh_prices(["us-west-2"], client=client, today=date(2026, 12, 1))
    assert override.ec2 == {} and override.lambda_ == {}
    cat = default_catalog().with_override(override)
    assert cat.instance("us-west-2", "c7g.xlarge").provenance.as_of.startswith("undated")


def test_pricing_client_uses_the_us_east_1_endpoint():
    from workbench.cost.refresh import pricing_client

    session = botocore.session.get_session()

    class Session:  # the shape of a boto3 Session for what pricing_client needs
        def client(self, name, region_name):
            return session.create_client(name, region_name=region_name, aws_access_key_id="testing",
                                         aws_secret_access_key="testing")

    client = pricing_client(Session())
    assert client.meta.region_name == "us-east-1"
    assert client.meta.service_model.service_name == "pricing"
