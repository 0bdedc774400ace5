"""Between the shared documents and the cost engine: Workload (+ LmiConfiguration) → CostInputs, and a
comparison → the CostComparison document the store keeps.

Errors keep the Workload's or LmiConfiguration's field names, so the intake pane can mark the field it shows.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from workbench.clock import system_now
from workbench.cost.errors import CostInputError
from workbench.cost.inputs import MAX_CPU_SHARE, SECONDS_PER_MONTH, CommitmentRates, CostInputs, runtime_family
from workbench.cost.text import percent

if TYPE_CHECKING:
    from workbench.cost.aws_sample import AwsSampleResult
    from workbench.cost.results import CostResult
    from workbench.models import CostComparison, LmiConfiguration, Workload

# CostInputs field → the document field a person edits (for error messages).
WORKLOAD_FIELDS = {
    "requests_per_month": "requests_per_month",
    "peak_rps": "peak_requests_per_second",
    "duration_avg_ms": "duration_avg_ms",
    "duration_p99_ms": "duration_p99_ms",
    "memory_mb": "memory_mb",
    "architecture": "architecture",
    "region": "region",
    "runtime": "runtime",
    "ephemeral_storage_mb": "ephemeral_storage_mb",
    "provisioned_concurrency": "provisioned_concurrency",
    "rates.lambda_compute_sp": "savings_plan_discount_pct",
    "cpu_share": "insights_cpu_total_time_ms",
}
CONFIG_FIELDS = {
    "per_ee_concurrency": "lmi_configuration.per_execution_environment_max_concurrency",
    "lmi_memory_mb": "lmi_configuration.memory_mb",
    "gib_per_vcpu": "lmi_configuration.memory_gib_per_vcpu",
    "min_execution_environments": "lmi_configuration.min_execution_environments",
    "max_execution_environments": "lmi_configuration.max_execution_environments",
    "max_vcpu": "lmi_configuration.max_vcpu_count",
    "target_utilisation": "lmi_configuration.target_cpu_utilization_pct",
    "allowed_families": "lmi_configuration.allowed_instance_types",
    "excluded_instance_types": "lmi_configuration.excluded_instance_types",
}
# An existing Savings Plan also covers the LMI fleet's EC2 hours: compare with it in force.
_PLAN_TO_COMMITMENT = {
    "none": "on_demand",
    "compute-1yr": "compute_sp_1yr",
    "compute-3yr": "compute_sp_3yr",
    "ec2-instance-1yr": "ec2_instance_sp",
    "ec2-instance-3yr": "ec2_instance_sp",
}


def inputs_from_workload(workload: "Workload", config: "LmiConfiguration | None" = None,
                         **overrides: Any) -> CostInputs:
    """CostInputs for ``workload`` with the LMI settings of ``config`` (defaults when None).

    ``overrides`` set any CostInputs field directly (the pane's what-if edits: commitment, rates, instance).
    Raises CostInputError naming the Workload/LmiConfiguration field that is missing or out of range.
    """
    def need(value: Any, name: str, why: str) -> Any:
        if value is None:
            raise CostInputError(name, f"is needed for a cost comparison: {why}")
        return value

    requests = workload.requests_per_month
    if requests is None and workload.mean_requests_per_second is not None:
        requests = workload.mean_requests_per_second * SECONDS_PER_MONTH
    need(requests, "requests_per_month", "give requests per month or the mean requests per second")
    values: dict[str, Any] = {
        "requests_per_month": float(requests),
        "duration_avg_ms": need(workload.duration_avg_ms, "duration_avg_ms", "the average duration sets both costs"),
        "memory_mb": need(workload.memory_mb, "memory_mb", "Lambda's duration charge is per GB-second"),
        "architecture": getattr(workload.architecture, "value", workload.architecture),
        "region": need(workload.region, "region", "prices differ by region"),
        "peak_rps": workload.peak_requests_per_second,
        "duration_p99_ms": workload.duration_p99_ms,
        "ephemeral_storage_mb": workload.ephemeral_storage_mb,
        "provisioned_concurrency": workload.provisioned_concurrency,
    }
    plan = getattr(workload.savings_plan, "value", workload.savings_plan)
    values["lambda_compute_sp"] = plan in ("compute-1yr", "compute-3yr")
    values["lmi_commitment"] = _PLAN_TO_COMMITMENT.get(plan, "on_demand")
    if workload.savings_plan_discount_pct is not None:
        values["rates"] = CommitmentRates(lambda_compute_sp=workload.savings_plan_discount_pct / 100)
    if values["peak_rps"] is not None and values["peak_rps"] <= 0:
        values["peak_rps"] = None
    family = runtime_family(workload.runtime) if workload.runtime else None
    if config is None:  # the same configuration generate and deploy derive (workbench.starting_config)
        need(family, "runtime", "its default concurrency per vCPU sizes the LMI fleet")
        from workbench.starting_config import UnsupportedRuntime, configuration_for

        try:
            config = configuration_for(workload)
        except UnsupportedRuntime as err:
            raise CostInputError("runtime", str(err), value=workload.runtime) from None
    from workbench.starting_config import configuration_origin, cpu_demand

    demand = cpu_demand(workload)
    if demand.share is not None and demand.share > MAX_CPU_SHARE:
        raise CostInputError("insights_cpu_total_time_ms", (
            f"{workload.insights_cpu_total_time_ms:g} ms of CPU is {demand.share:,.0f}× the average duration "
            f"({workload.duration_avg_ms:g} ms): more than {MAX_CPU_SHARE:g} vCPUs busy throughout each invocation; "
            "check both figures"), value=workload.insights_cpu_total_time_ms,
            allowed=f"at most {MAX_CPU_SHARE:g} × duration_avg_ms")
    values.update(cpu_share=demand.share, cpu_basis=demand.basis, configuration_basis=configuration_origin(config))
    if config is not None:
        values.update(
            per_ee_concurrency=config.per_execution_environment_max_concurrency,
            lmi_memory_mb=config.memory_mb,
            gib_per_vcpu=config.memory_gib_per_vcpu,
            min_execution_environments=config.min_execution_environments,
            max_execution_environments=config.max_execution_environments,
            max_vcpu=config.max_vcpu_count,
            allowed_families=tuple(config.allowed_instance_types),
            excluded_instance_types=tuple(config.excluded_instance_types),
        )
        if config.target_cpu_utilization_pct:
            values["target_utilisation"] = config.target_cpu_utilization_pct / 100
        if getattr(config.architecture, "value", config.architecture) != values["architecture"]:
            raise CostInputError("lmi_configuration.architecture",
                                 f"is {getattr(config.architecture, 'value', config.architecture)} but the function "
                                 f"is {values['architecture']}: they must match", allowed=values["architecture"])
    values["runtime"] = family or "python"
    values.update(overrides)
    try:
        return CostInputs(**values)
    except CostInputError as err:
        if err.field in overrides or err.field.split(".")[0] in overrides:
            raise  # the value came from the caller, under the caller's name
        name = WORKLOAD_FIELDS.get(err.field) or CONFIG_FIELDS.get(err.field)
        if name is None or name == err.field:
            raise
        message = str(err).split(": ", 1)[1] if ": " in str(err) else str(err)
        raise CostInputError(name, message.split(" (allowed: ")[0], value=err.value, allowed=err.allowed) from err


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return system_now().date()


def _inputs_summary(result: "CostResult") -> dict[str, str]:
    inp = result.inputs
    s = result.sizing
    summary = {
        "Requests": f"{inp['requests_per_month']:,.0f} /month",
        "Mean / peak rate": f"{s.mean_rps:,.2f} / {s.peak_rps:,.2f} requests/s",
        "Duration (avg)": f"{inp['duration_avg_ms']:g} ms",
        "Lambda memory": f"{inp['memory_mb']} MB",
        "Architecture": str(inp["architecture"]),
        "Region": str(inp["region"]),
        "LMI memory": f"{s.memory_mb_per_ee} MB ({s.vcpu_per_ee} vCPU per environment)",
        "Concurrency per environment": f"{s.per_ee_concurrency}",
        "Target utilisation": percent(s.target_utilisation),
        "Execution environments": f"{s.ees} (min {inp['min_execution_environments']}"
                                  + (f" on each of {inp['published_versions']} published versions)"
                                     if inp.get("published_versions", 1) > 1 else ")"),
        "Sized by": ("CPU" if s.decided_by == "cpu" else "concurrency slots") + (
            "" if s.ees_by_cpu is None else f" ({s.ees_by_slots} by slots, {s.ees_by_cpu} by CPU at the peak)"),
        "Instance": f"{result.instance.instance_type} × {s.instances}",
        "Commitment for the verdict": str(inp["lmi_commitment"]),
    }
    return summary


def to_cost_comparison(result: "CostResult", *, workload_id: str = "default", workload_version: int | None = None,
                       doc_id: str = "default") -> "CostComparison":
    """The CostComparison document for a workbench comparison (amounts rounded to cents)."""
    from workbench.models import CostComparison, CostScenario

    scenarios = []
    for s in result.scenarios:
        items = {i.label: round(i.usd, 2) for i in s.items}
        notes = list(s.notes)
        if s.discount_rate:
            notes.append(f"{percent(s.discount_rate)} off " + ("duration" if s.family == "lambda" else "EC2"))
        scenarios.append(CostScenario(
            name=s.label, monthly_usd=round(s.monthly_usd, 2), yearly_usd=round(s.yearly_usd, 2),
            line_items=items, instance_type=s.instance_type,
            instance_count=None if s.instances is None else int(round(s.instances)), notes=notes))
    cheapest = result.scenario(result.cheapest).label
    be = result.breakeven.requests_per_month
    source = f"{result.catalog_label}; " + "; ".join(
        f"{p.what}: {p.source} ({p.as_of})" for p in result.prices_used[:3])
    return CostComparison(
        id=doc_id, workload_id=workload_id, workload_version=workload_version, region=result.region,
        scenarios=scenarios, cheapest=cheapest,
        break_even_requests_per_month=None if be is None else int(round(be)),
        pricing_source=source[:500], pricing_date=_date(result.pricing_date), model="workbench",
        recommendation=result.recommendation[:1000], inputs_summary=_inputs_summary(result),
    )


def sample_to_cost_comparison(result: "AwsSampleResult", *, workload_id: str = "default",
                              workload_version: int | None = None, doc_id: str = "default") -> "CostComparison":
    """The CostComparison document for an AWS-sample-model result."""
    from workbench.models import CostComparison, CostScenario

    lmi, lam, ec2 = result.lmi, result.lambda_, result.self_managed_ec2
    names = {"lmi": "LMI (AWS sample model)", "lambda": "Lambda (AWS sample model)",
             "self_managed_ec2": "Self-managed EC2 (AWS sample model)"}
    scenarios = [
        CostScenario(name=names["lambda"], monthly_usd=round(lam["total_usd"], 2),
                     line_items={"Requests": round(lam["requests_usd"], 2), "Duration": round(lam["compute_usd"], 2)}),
        CostScenario(name=names["lmi"], monthly_usd=round(lmi["total_usd"], 2),
                     line_items={"Requests": round(lmi["requests_usd"], 2), "EC2 instances": round(lmi["ec2_usd"], 2),
                                 "Management fee": round(lmi["management_fee_usd"], 2)},
                     instance_type=lmi["instance_type"], instance_count=lmi["instances"]),
        CostScenario(name=names["self_managed_ec2"], monthly_usd=round(ec2["total_usd"], 2),
                     line_items={"EC2 instances": round(ec2["total_usd"], 2)}, instance_type=ec2["instance_type"],
                     instance_count=ec2["instances"]),
    ]
    inputs = {k: str(v) for k, v in result.inputs.items()}
    return CostComparison(
        id=doc_id, workload_id=workload_id, workload_version=workload_version, region=result.inputs.get("region"),
        scenarios=scenarios, cheapest=min(scenarios, key=lambda s: s.monthly_usd).name,
        pricing_source=result.pricing["instance_price"][:500], pricing_date=_date(result.pricing_date),
        model="aws-sample", recommendation=result.recommendation[:1000], inputs_summary=inputs,
    )


_PLAN_TO_SAMPLE = {"none": "none", "compute-1yr": "compute_sp_1yr", "compute-3yr": "compute_sp_3yr",
                   "ec2-instance-1yr": "ec2_instance_sp", "ec2-instance-3yr": "ec2_instance_sp"}
_PROFILE_TO_SAMPLE = {"io-bound": "io-heavy", "cpu-bound": "cpu-heavy"}


def sample_input_from_workload(workload: "Workload", config: "LmiConfiguration | None" = None) -> dict[str, Any]:
    """The AWS sample calculator's input for a workload, so ``--model aws-sample`` works on a workload file.

    targetConcurrency is the peak concurrency (peak_concurrent_executions, else peak or mean requests/s ×
    average duration); the instance is the configuration's first allowed concrete type, else c7g.xlarge (arm64)
    or c7i.xlarge (x86_64); workloadType follows the CPU profile; production uses the 3-AZ minimum.
    """
    inputs = inputs_from_workload(workload, config)
    seconds = inputs.duration_avg_ms / 1000.0
    target = workload.peak_concurrent_executions or inputs.effective_peak_rps * seconds
    arch = inputs.architecture
    instance = "c7g.xlarge" if arch == "arm64" else "c7i.xlarge"
    if config is not None:
        concrete = [t for t in config.allowed_instance_types if "*" not in t]
        if concrete:
            instance = concrete[0]
    plan = getattr(workload.savings_plan, "value", workload.savings_plan)
    profile = getattr(workload.cpu_profile, "value", workload.cpu_profile)
    environment = getattr(workload.environment, "value", workload.environment)
    return {
        "runtime": inputs.runtime, "targetConcurrency": max(1, int(-(-target // 1))),
        "memoryPerExec": inputs.memory_mb, "instanceType": instance, "requestsPerMonth": inputs.requests_per_month,
        "durationSec": seconds, "arch": arch, "savingsPlan": _PLAN_TO_SAMPLE.get(plan, "none"),
        "workloadType": _PROFILE_TO_SAMPLE.get(profile, "balanced"),
        "azConfig": "3az" if environment == "production" else "none", "region": inputs.region,
    }
