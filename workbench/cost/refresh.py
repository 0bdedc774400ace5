"""Refresh prices from the AWS Price List API into a :class:`PriceOverride` with its fetch date.

``GetProducts`` for AmazonEC2 (on-demand Linux, shared tenancy, current-generation C/M/R) and AWSLambda
(requests, duration tiers, Provisioned Concurrency, ephemeral storage), paginated, on the us-east-1 endpoint of
the ``pricing`` service. boto3 is imported only when no client is passed in; callers (the AWS adapters, tests
with botocore's Stubber) pass a session or a client. Every call here only reads.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any, Callable, Iterable, Iterator

from workbench.cost.override import PriceOverride
from workbench.clock import system_now
from workbench.cost.errors import CostError

PRICING_ENDPOINT_REGION = "us-east-1"  # the Price List API's endpoint; it serves every region's prices
SOURCE = "AWS Price List API (pricing GetProducts, us-east-1 endpoint)"
LMI_FAMILY = re.compile(r"^[cmr][6-9][a-z]*\.(?:\d*x)?large$")  # current-generation C/M/R, no metal
_REGION_PREFIX = re.compile(r"^[A-Z]{2,4}\d?-")


class RefreshError(CostError):
    """The Price List API could not be read (no credentials, denied, throttled, network)."""


def pricing_client(session: Any = None) -> Any:
    """A ``pricing`` client on the Price List API's us-east-1 endpoint."""
    if session is None:
        import boto3  # lazily: importing boto3 costs ~0.14 s

        session = boto3.session.Session()
    return session.client("pricing", region_name=PRICING_ENDPOINT_REGION)


def _term(field: str, value: str) -> dict[str, str]:
    return {"Type": "TERM_MATCH", "Field": field, "Value": value}


def ec2_filters(region: str, instance_type: str | None = None) -> list[dict[str, str]]:
    filters = [
        _term("regionCode", region),
        _term("operatingSystem", "Linux"),
        _term("tenancy", "Shared"),
        _term("preInstalledSw", "NA"),
        _term("capacitystatus", "Used"),
        _term("operation", "RunInstances"),
    ]
    if instance_type:
        filters.append(_term("instanceType", instance_type))
    return filters


def lambda_filters(region: str) -> list[dict[str, str]]:
    return [_term("regionCode", region)]


def iter_products(client: Any, service_code: str, filters: list[dict[str, str]]) -> Iterator[dict[str, Any]]:
    """Every product of a GetProducts query, across pages (each PriceList entry is a JSON string)."""
    paginator = client.get_paginator("get_products")
    for page in paginator.paginate(ServiceCode=service_code, Filters=filters, FormatVersion="aws_v1"):
        for entry in page.get("PriceList", []):
            yield json.loads(entry) if isinstance(entry, str) else entry


def on_demand_dimensions(product: dict[str, Any]) -> list[dict[str, Any]]:
    """The on-demand price dimensions of one product: beginRange, endRange (None = no end), usd, unit."""
    out = []
    for term in product.get("terms", {}).get("OnDemand", {}).values():
        for dim in term.get("priceDimensions", {}).values():
            usd = dim.get("pricePerUnit", {}).get("USD")
            if usd is None:
                continue
            end = dim.get("endRange", "Inf")
            out.append({
                "begin": float(dim.get("beginRange", 0) or 0),
                "end": None if end in ("Inf", "", None) else float(end),
                "usd": float(usd),
                "unit": dim.get("unit", ""),
            })
    out.sort(key=lambda d: d["begin"])
    return out


def _memory_gib(text: str) -> float | None:
    match = re.match(r"^\s*([\d,.]+)\s*GiB", text or "")
    return float(match.group(1).replace(",", "")) if match else None


def _arch(attrs: dict[str, str]) -> str:
    proc = (attrs.get("physicalProcessor", "") + " " + attrs.get("processorArchitecture", "")).lower()
    return "arm64" if ("graviton" in proc or "arm" in proc) else "x86_64"


def parse_ec2_product(product: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """(instance type, catalog row) from one AmazonEC2 product, or None if it is not an hourly instance price."""
    attrs = product.get("product", {}).get("attributes", {})
    name = attrs.get("instanceType")
    if not name:
        return None
    hourly = [d for d in on_demand_dimensions(product) if d["unit"].lower().startswith("hr") and d["usd"] > 0]
    mem = _memory_gib(attrs.get("memory", ""))
    try:
        vcpu = int(attrs.get("vcpu", ""))
    except ValueError:
        return None
    if not hourly or mem is None:
        return None
    family = name.split(".", 1)[0]
    return name, {"vcpu": vcpu, "memory_gib": mem, "arch": _arch(attrs), "family": family, "category": family[0],
                  "usd_per_hour": hourly[0]["usd"]}


def fetch_ec2_prices(client: Any, region: str, *, instance_types: Iterable[str] | None = None,
                     keep: Callable[[str], bool] | None = None) -> dict[str, dict[str, Any]]:
    """On-demand Linux prices in ``region``: the named types (one query each) or, by default, every current-
    generation C/M/R type from one region-wide query."""
    rows: dict[str, dict[str, Any]] = {}
    wanted = keep or (lambda name: bool(LMI_FAMILY.match(name)))
    queries = [ec2_filters(region, t) for t in instance_types] if instance_types else [ec2_filters(region)]
    for filters in queries:
        for product in iter_products(client, "AmazonEC2", filters):
            parsed = parse_ec2_product(product)
            if parsed is None:
                continue
            name, row = parsed
            if instance_types or wanted(name):
                rows[name] = row
    return rows


def _usage(attrs: dict[str, str]) -> str:
    """The usage type without its region prefix ("USE2-Lambda-GB-Second" → "Lambda-GB-Second")."""
    usage = attrs.get("usagetype", "")
    if usage.startswith("Global-"):
        return ""  # free-tier allowances, not prices
    return _REGION_PREFIX.sub("", usage, count=1)


def parse_lambda_products(products: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A Lambda region block (the snapshot's shape) from AWSLambda products; keys absent when not found."""
    found: dict[str, list[dict[str, Any]]] = {}
    for product in products:
        usage = _usage(product.get("product", {}).get("attributes", {}))
        dims = on_demand_dimensions(product)
        if usage and dims and any(d["usd"] > 0 for d in dims):
            found[usage] = dims
    block: dict[str, Any] = {"duration": {}, "provisioned_concurrency": {}}
    for arch, suffix in (("x86_64", ""), ("arm64", "-ARM")):
        tiers = found.get(f"Lambda-GB-Second{suffix}")
        if tiers:
            block["duration"][arch] = {"tiers": [
                {"from_gb_seconds": d["begin"], "to_gb_seconds": d["end"], "usd_per_gb_second": d["usd"]}
                for d in tiers]}
        conf = found.get(f"Lambda-Provisioned-Concurrency{suffix}")
        dur = found.get(f"Lambda-Provisioned-GB-Second{suffix}")
        if conf and dur:
            block["provisioned_concurrency"][arch] = {"usd_per_gb_second_configured": conf[0]["usd"],
                                                      "duration_usd_per_gb_second": dur[0]["usd"]}
    request = found.get("Request") or found.get("Request-ARM")
    if request:
        block["request_usd_per_million"] = round(request[0]["usd"] * 1e6, 10)
    storage = found.get("Lambda-Storage-GB-Second") or found.get("Lambda-Storage-GB-Second-ARM")
    if storage:
        block["ephemeral_storage_usd_per_gb_second_above_512mb"] = storage[0]["usd"]
    return block


def fetch_lambda_prices(client: Any, region: str) -> dict[str, Any] | None:
    """The Lambda region block for ``region``, or None when the API returned no duration or request price."""
    block = parse_lambda_products(iter_products(client, "AWSLambda", lambda_filters(region)))
    if not block["duration"] or "request_usd_per_million" not in block:
        return None
    return block


def refresh_prices(regions: Iterable[str], *, client: Any = None, session: Any = None, today: date | None = None,
                   instance_types: Iterable[str] | None = None, ec2: bool = True, lambda_: bool = True
                   ) -> PriceOverride:
    """Fetch EC2 and Lambda prices for ``regions`` into an override dated ``today``.

    Raises RefreshError with the AWS error code and message when the Price List API cannot be read.
    """
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # pragma: no cover - botocore ships with the workbench
        BotoCoreError = ClientError = Exception  # type: ignore[misc,assignment]
    client = client or pricing_client(session)
    types = list(instance_types) if instance_types else None
    ec2_rows: dict[str, dict[str, dict[str, Any]]] = {}
    lam_rows: dict[str, dict[str, Any]] = {}
    try:
        for region in regions:
            if ec2:
                rows = fetch_ec2_prices(client, region, instance_types=types)
                if rows:
                    ec2_rows[region] = rows
            if lambda_:
                block = fetch_lambda_prices(client, region)
                if block is not None:
                    lam_rows[region] = block
    except ClientError as err:
        info = err.response.get("Error", {})
        raise RefreshError(f"the AWS Price List API refused the request: {info.get('Code', 'error')}: "
                           f"{info.get('Message', str(err))}") from err
    except BotoCoreError as err:
        raise RefreshError(f"could not reach the AWS Price List API: {err}") from err
    stamp = (today or system_now().date()).isoformat()
    return PriceOverride(fetched_on=stamp, source=SOURCE, ec2=ec2_rows, lambda_=lam_rows)
