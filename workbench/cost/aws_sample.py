"""The AWS sample calculator's methodology, so users can cross-check the workbench against it.

This reproduces the formulas of the public "LMI Pricing Calculator" in aws-samples/sample-aws-lambda-managed-
instances (tools/pricing-calculator, commit 6934a80, 2026-03-19) as issue 4 states them. It is a different
model from the workbench's own (workload type instead of measured concurrency, a fixed 50% buffer, a fixed
self-managed packing ratio); its assumptions are its own and are labelled as such in the output.

Input uses the calculator's field names: runtime, targetConcurrency, memoryPerExec (MB), instanceType,
requestsPerMonth, durationSec, arch, savingsPlan, workloadType, azConfig, ec2PackingEfficiency (%), plus the
optional memVcpuRatio (default 2) and region (default us-east-1, for the instance price from the catalog).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping

from workbench.cost.catalog import PricingCatalog, default_catalog
from workbench.cost.errors import CostInputError
from workbench.cost.text import usd

# Each invocation's share of one vCPU by workload type, in percent.
CPU_SHARE_PCT = {"io-heavy": 12.5, "balanced": 25.0, "cpu-heavy": 50.0}
RUNTIME_LIMIT = {"nodejs": 64, "java": 32, "dotnet": 32, "python": 16}  # concurrency per vCPU (runtime docs)
AZ_MINIMUM = {"3az": 3, "5az": 5, "none": 1}
SCALING_BUFFER = 1.5
# (EC2 discount, Lambda discount) per plan: the calculator's "internal analysis" assumptions, not AWS rates.
DISCOUNTS = {
    "none": (0.0, 0.0),
    "compute_sp_1yr": (0.32, 0.12),
    "compute_sp_3yr": (0.65, 0.12),
    "ec2_instance_sp": (0.32, 0.0),
    "reserved_3yr": (0.65, 0.0),
}
PLAN_LABELS = {
    "none": "On-Demand",
    "compute_sp_1yr": "Compute Savings Plan (1yr)",
    "compute_sp_3yr": "Compute Savings Plan (3yr)",
    "ec2_instance_sp": "EC2 Instance Savings Plan (1yr)",
    "reserved_3yr": "Reserved Instance (3yr)",
}
# AWS's published Lambda duration price per ms at 128 MB (rounded), as the calculator uses them.
PRICE_PER_MS_128MB = {"x86_64": 0.0000000021, "arm64": 0.0000000017}
REQUEST_USD = 0.20 / 1_000_000
MANAGEMENT_FEE = 0.15
LMI_PACKING = 0.80
HOURS = 730
MAX_INSTANCES = 5000  # the calculator refuses fleets above this as unrealistic

DEFAULTS: dict[str, Any] = {
    "instanceType": "c7g.xlarge", "requestsPerMonth": 1_000_000, "durationSec": 60, "arch": "arm64",
    "savingsPlan": "none", "workloadType": "balanced", "azConfig": "3az", "ec2PackingEfficiency": 60,
    "memVcpuRatio": 2, "region": "us-east-1",
}
FIELDS = ("runtime", "targetConcurrency", "memoryPerExec", "instanceType", "requestsPerMonth", "durationSec", "arch",
          "savingsPlan", "workloadType", "azConfig", "ec2PackingEfficiency", "memVcpuRatio", "region")


@dataclass(frozen=True)
class AwsSampleResult:
    inputs: dict[str, Any]
    capacity: dict[str, Any]
    lmi: dict[str, Any]
    lambda_: dict[str, Any]
    self_managed_ec2: dict[str, Any]
    cheapest: str
    recommendation: str
    pricing: dict[str, str]
    pricing_date: str = ""
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": "aws-sample",
            "inputs": self.inputs,
            "capacity": self.capacity,
            "lmi": self.lmi,
            "lambda": self.lambda_,
            "self_managed_ec2": self.self_managed_ec2,
            "cheapest": self.cheapest,
            "recommendation": self.recommendation,
            "pricing": self.pricing,
            "pricing_date": self.pricing_date,
            "warnings": list(self.warnings),
        }


def _num(data: Mapping[str, Any], name: str, lo: float, hi: float, unit: str, *, low_open: bool = True) -> int | float:
    raw = data.get(name)
    allowed = f"{'more than ' if low_open else ''}{lo:g}–{hi:,g}{(' ' + unit) if unit else ''}"
    if raw is None:
        raise CostInputError(name, "is required", allowed=allowed)
    value = raw
    if isinstance(raw, str):
        try:
            value = float(raw.replace(",", "").replace("_", ""))
        except ValueError:
            raise CostInputError(name, f"{raw!r} is not a number", value=raw, allowed=allowed) from None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise CostInputError(name, f"{raw!r} is not a number", value=raw, allowed=allowed)
    if value < lo or (low_open and value <= lo) or value > hi:
        raise CostInputError(name, f"{value:,g} is out of range", value=raw, allowed=allowed)
    return int(value) if float(value).is_integer() else float(value)


def _choice(data: Mapping[str, Any], name: str, choices: Mapping[str, Any] | tuple[str, ...]) -> str:
    raw = data.get(name)
    if raw not in choices:
        raise CostInputError(name, f"{raw!r} is not one of the calculator's values", value=raw,
                             allowed=", ".join(choices))
    return str(raw)


def parse_input(data: Mapping[str, Any]) -> dict[str, Any]:
    """The calculator's input with defaults filled in, validated; errors name the calculator's field."""
    if not isinstance(data, Mapping):
        raise CostInputError("input", "must be a JSON object with the calculator's field names",
                             allowed=", ".join(FIELDS))
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise CostInputError(unknown[0], "is not a field of the AWS sample calculator", allowed=", ".join(FIELDS))
    merged = {**DEFAULTS, **{k: v for k, v in data.items() if v is not None}}
    runtime = _choice(merged, "runtime", RUNTIME_LIMIT)
    out = {
        "runtime": runtime,
        "targetConcurrency": _num(merged, "targetConcurrency", 0, 10_000_000, "concurrent invocations"),
        "memoryPerExec": _num(merged, "memoryPerExec", 128, 10_240, "MB", low_open=False),
        "instanceType": str(merged["instanceType"]),
        "requestsPerMonth": _num(merged, "requestsPerMonth", 0, 1e12, "requests/month"),
        "durationSec": _num(merged, "durationSec", 0, 900, "s (the 15-minute invocation limit)"),
        "arch": _choice(merged, "arch", PRICE_PER_MS_128MB),
        "savingsPlan": _choice(merged, "savingsPlan", DISCOUNTS),
        "workloadType": _choice(merged, "workloadType", CPU_SHARE_PCT),
        "azConfig": _choice(merged, "azConfig", AZ_MINIMUM),
        "ec2PackingEfficiency": _num(merged, "ec2PackingEfficiency", 1, 100, "%", low_open=False),
        "memVcpuRatio": _num(merged, "memVcpuRatio", 2, 8, "GiB per vCPU", low_open=False),
        "region": str(merged["region"]),
    }
    return out


def calculate(data: Mapping[str, Any], catalog: PricingCatalog | None = None) -> AwsSampleResult:
    """Run the sample calculator's model on ``data`` (its own field names)."""
    cat = catalog or default_catalog()
    p = parse_input(data)
    inst = cat.instance(p["region"], p["instanceType"])
    warnings: list[str] = []
    if inst.arch != p["arch"]:
        warnings.append(f"{inst.name} is {inst.arch} but arch is {p['arch']}: the calculator does not check this")

    limit = RUNTIME_LIMIT[p["runtime"]]
    ratio = p["memVcpuRatio"]
    mem_per_exec = p["memoryPerExec"]
    # Capacity, step by step (names as in the calculator's output).
    sustainable_per_vcpu = min(math.floor(100 / CPU_SHARE_PCT[p["workloadType"]]), limit)
    concurrency_per_vcpu = max(1, min(limit, math.floor(ratio * 1024 / mem_per_exec)))
    function_memory = max(2048, math.ceil(mem_per_exec * concurrency_per_vcpu))
    vcpus_per_env = math.ceil(function_memory / (ratio * 1024))
    sustainable_per_env = sustainable_per_vcpu * vcpus_per_env
    environments = math.ceil(p["targetConcurrency"] / sustainable_per_env)
    usable_vcpu = inst.vcpu - 1
    usable_mb = inst.memory_gib * 1024 - 1024
    if usable_vcpu <= 0 or usable_mb <= 0:
        raise CostInputError("instanceType", f"{inst.name} leaves nothing after the system's 1 vCPU and 1 GiB",
                             value=inst.name, allowed="an instance type with at least 2 vCPU and 2 GiB")
    fit_vcpu = math.floor(usable_vcpu / vcpus_per_env)
    fit_mem = math.floor(usable_mb / function_memory)
    envs_per_instance = max(1, min(fit_vcpu, fit_mem))
    if min(fit_vcpu, fit_mem) < 1:
        warnings.append(f"{inst.name} cannot really hold one environment of {vcpus_per_env} vCPU and "
                        f"{function_memory} MB; the calculator's formula counts 1 per instance anyway")
    az_min = AZ_MINIMUM[p["azConfig"]]
    base_instances = max(az_min, math.ceil(environments / envs_per_instance))
    instances = max(az_min, math.ceil(base_instances * SCALING_BUFFER))
    if instances > MAX_INSTANCES:
        raise CostInputError("targetConcurrency", f"needs {instances:,} instances, which the calculator refuses as "
                             "unrealistic", value=p["targetConcurrency"],
                             allowed=f"a load that needs at most {MAX_INSTANCES:,} instances")

    ec2_rate, lambda_rate = DISCOUNTS[p["savingsPlan"]]
    requests = p["requestsPerMonth"]
    # LMI: EC2 after the plan's discount + 15% fee on the on-demand EC2 price + requests.
    ec2_od = instances * inst.usd_per_hour * HOURS
    lmi_ec2 = ec2_od * (1 - ec2_rate)
    fee = ec2_od * MANAGEMENT_FEE
    lmi_requests = requests * REQUEST_USD
    lmi_total = lmi_ec2 + fee + lmi_requests
    # Standard Lambda: per-ms price scaled from 128 MB, less the plan's Lambda discount, + requests.
    price_per_ms = PRICE_PER_MS_128MB[p["arch"]] * (mem_per_exec / 128)
    compute_od = requests * p["durationSec"] * 1000 * price_per_ms
    compute = compute_od * (1 - lambda_rate)
    lam_requests = requests * REQUEST_USD
    lam_total = compute + lam_requests
    # Self-managed EC2: the LMI fleet scaled from 80% to the given packing efficiency.
    packing = p["ec2PackingEfficiency"] / 100
    ec2_instances = math.ceil(instances * LMI_PACKING / packing)
    ec2_self_od = ec2_instances * inst.usd_per_hour * HOURS
    ec2_self = ec2_self_od * (1 - ec2_rate)

    totals = {"lmi": lmi_total, "lambda": lam_total, "self_managed_ec2": ec2_self}
    cheapest = min(totals, key=lambda k: totals[k])
    saving = lam_total - lmi_total
    plan = PLAN_LABELS[p["savingsPlan"]]
    if saving > 0:
        text = (f"AWS sample model: LMI on {instances} × {inst.name} ({plan}) saves {usd(saving)}/month "
                f"({saving / lam_total:.0%}) against standard Lambda: {usd(lam_total)} → {usd(lmi_total)}.")
    else:
        text = (f"AWS sample model: standard Lambda is cheaper here: {usd(lam_total)}/month against "
                f"{usd(lmi_total)} for LMI on {instances} × {inst.name} ({plan}).")
    return AwsSampleResult(
        inputs=p,
        capacity={
            "concurrency_per_vcpu": concurrency_per_vcpu, "function_memory_mb": function_memory,
            "vcpus_per_env": vcpus_per_env, "sustainable_concurrency_per_vcpu": sustainable_per_vcpu,
            "sustainable_concurrency_per_env": sustainable_per_env, "environments_needed": environments,
            "envs_per_instance": envs_per_instance, "base_instances": base_instances, "instances": instances,
            "az_minimum": az_min, "scaling_buffer": SCALING_BUFFER,
        },
        lmi={"instance_type": inst.name, "usd_per_hour": inst.usd_per_hour, "instances": instances,
             "ec2_on_demand_usd": ec2_od, "discount_rate": ec2_rate, "ec2_usd": lmi_ec2, "management_fee_usd": fee,
             "requests_usd": lmi_requests, "total_usd": lmi_total},
        lambda_={"price_per_ms": price_per_ms, "memory_mb": mem_per_exec,
                 "gb_seconds": requests * p["durationSec"] * mem_per_exec / 1024, "compute_on_demand_usd": compute_od,
                 "discount_rate": lambda_rate, "compute_usd": compute, "requests_usd": lam_requests,
                 "total_usd": lam_total},
        self_managed_ec2={"instance_type": inst.name, "instances": ec2_instances, "packing_efficiency": packing,
                          "ec2_on_demand_usd": ec2_self_od, "discount_rate": ec2_rate, "total_usd": ec2_self},
        cheapest=cheapest,
        recommendation=text,
        pricing={
            "instance_price": f"{inst.name} ${inst.usd_per_hour:g}/h in {inst.region}: {inst.provenance.describe()}",
            "lambda_price": "per-ms prices at 128 MB as AWS publishes them ($0.0000000021 x86_64, "
                            "$0.0000000017 arm64), as the calculator uses them",
            "discounts": "the calculator's own assumptions ('internal analysis'), not AWS rates",
            "methodology": "aws-samples/sample-aws-lambda-managed-instances tools/pricing-calculator (6934a80, "
                           "2026-03-19)",
        },
        pricing_date=cat.pricing_date,
        warnings=tuple(warnings),
    )
