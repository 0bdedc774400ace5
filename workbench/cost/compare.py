"""One full comparison: every scenario, the instance search, break-even, sensitivity and the verdict line.

``compare(inputs, catalog)`` is what the cost pane calls on every accepted intake edit and what the headless
``cost`` command prints. It is pure: the same inputs and catalog always give the same result.
"""

from __future__ import annotations

import dataclasses

from workbench.cost.breakeven import solve_breakeven
from workbench.cost.catalog import PricingCatalog, default_catalog
from workbench.cost.ec2_cost import self_managed_cost
from workbench.cost.errors import CostInputError, InstanceTooSmall
from workbench.cost.inputs import CostInputs
from workbench.cost.instances import search_instances
from workbench.cost.lambda_cost import LambdaModel
from workbench.cost.lmi_cost import LmiModel, ee_shape, fleet_periods, require_fit
from workbench.cost.results import BreakEven, CostResult, InstanceOption, Scenario, Sizing, as_dict
from workbench.cost.sensitivity import sensitivity_grid
from workbench.cost.text import percent, usd, volume

from workbench.commitments import COMMITMENT_SHORT_LABELS as COMMITMENT_LABELS  # the one table
from workbench.commitments import COMMITMENTS as LMI_SCENARIOS


@dataclasses.dataclass(frozen=True)
class Rates:
    """The discount rates in force, and for each whether it is the catalog's assumption or the user's."""

    lambda_sp: float
    ec2: dict[str, float]
    notes: tuple[str, ...]


def resolve_rates(inputs: CostInputs, catalog: PricingCatalog) -> Rates:
    ec2 = {"on_demand": 0.0}
    notes = []
    for key, default in catalog.commitments.items():
        given = getattr(inputs.rates, key)
        ec2[key] = default.ec2_rate if given is None else float(given)
        if given is None:
            notes.append(f"{default.label}: {percent(default.ec2_rate)} off EC2 is an assumption "
                         f"(aws-samples calculator), not your quote; AWS says up to {percent(default.max_rate)}")
        else:
            notes.append(f"{default.label}: {percent(float(given))} off EC2 (your rate)")
    sp = inputs.rates.lambda_compute_sp
    default_sp = catalog.lambda_compute_sp_default
    if sp is None:
        lambda_sp = default_sp.lambda_rate
        notes.append(f"Lambda Compute Savings Plan: {percent(lambda_sp)} off duration, AWS's headline maximum; "
                     "edit it to your plan's rate")
    else:
        lambda_sp = float(sp)
        notes.append(f"Lambda Compute Savings Plan: {percent(lambda_sp)} off duration (your rate)")
    return Rates(lambda_sp, ec2, tuple(notes))


def check_region(inputs: CostInputs, catalog: PricingCatalog) -> None:
    if not catalog.lmi_available(inputs.region):
        limits = catalog.lmi_limits
        raise CostInputError(
            "region", f"Lambda Managed Instances is not available in {inputs.region}", value=inputs.region,
            allowed=f"every commercial region except {', '.join(limits.excluded_regions)} "
                    f"(AWS, {limits.regions_as_of})")


def lambda_model(inputs: CostInputs, catalog: PricingCatalog, *, sp_rate: float = 0.0,
                 duration_ms: float | None = None) -> LambdaModel:
    prices = catalog.lambda_prices(inputs.region, inputs.architecture, estimate=inputs.allow_estimates)
    return LambdaModel(prices, duration_ms=inputs.duration_avg_ms if duration_ms is None else duration_ms,
                       memory_mb=inputs.memory_mb, free_tier=catalog.free_tier if inputs.free_tier else None,
                       sp_rate=sp_rate, ephemeral_storage_mb=inputs.ephemeral_storage_mb,
                       provisioned_concurrency=inputs.provisioned_concurrency,
                       provisioned_hours=inputs.provisioned_hours_per_month,
                       other_account_gb_seconds=inputs.other_account_gb_seconds,
                       hours_per_month=catalog.hours_per_month)


def choose_instance(inputs: CostInputs, catalog: PricingCatalog, *, keep: int = 6
                    ) -> tuple[InstanceOption, LmiModel, list[InstanceOption]]:
    """The instance the comparison uses (pinned, or the cheapest that carries the load) and alternatives."""
    limits = catalog.lmi_limits
    shape = ee_shape(inputs, limits.default_concurrency_per_vcpu, max_concurrency=limits.per_ee_concurrency_max)
    periods = fleet_periods(inputs, catalog.hours_per_month)
    ranked = search_instances(catalog, inputs, shape, periods)
    if inputs.instance_type:
        inst = catalog.instance(inputs.region, inputs.instance_type, estimate=inputs.allow_estimates)
        if inst.arch != inputs.architecture:
            raise CostInputError("instance_type", f"{inst.name} is {inst.arch}; the function is {inputs.architecture}",
                                 value=inst.name, allowed=f"an {inputs.architecture} instance type")
        require_fit(inst, shape)
        model = LmiModel(inst, shape, periods, duration_ms=inputs.duration_avg_ms, az_count=inputs.az_count,
                         pricing=catalog.lmi_pricing)
        v = inputs.requests_per_month
        chosen = InstanceOption(inst.name, inst.vcpu, inst.memory_gib, inst.usd_per_hour, model.epi,
                                max(model.instances(k, v) for k in range(len(periods))), model.cost(v), inst.estimate)
    else:
        if not ranked:
            raise InstanceTooSmall(
                "lmi_memory_mb", f"no allowed {inputs.architecture} instance type in {inputs.region} can hold one "
                f"execution environment of {shape.vcpu} vCPU and {shape.memory_mb} MB plus the system's 1 vCPU and "
                "1 GiB", value=shape.memory_mb, allowed="a smaller memory size or more instance families")
        chosen, inst = ranked[0]
        model = LmiModel(inst, shape, periods, duration_ms=inputs.duration_avg_ms, az_count=inputs.az_count,
                         pricing=catalog.lmi_pricing, epi=chosen.envs_per_instance)
    others = [opt for opt, _ in ranked if opt.instance_type != chosen.instance_type]
    return chosen, model, others[: max(0, keep - 1)]


def compare(inputs: CostInputs, catalog: PricingCatalog | None = None, *, alternatives: int = 5) -> CostResult:
    """Every scenario for ``inputs`` with the catalog's prices (the shipped snapshot by default)."""
    cat = catalog or default_catalog()
    check_region(inputs, cat)
    rates = resolve_rates(inputs, cat)
    v = inputs.requests_per_month
    lam_od = lambda_model(inputs, cat)
    lam_sp = lambda_model(inputs, cat, sp_rate=rates.lambda_sp)
    chosen, lmi, others = choose_instance(inputs, cat, keep=alternatives + 1)

    scenarios: list[Scenario] = []
    for key, model, label in (("lambda_on_demand", lam_od, "Lambda, on-demand"),
                              ("lambda_compute_sp", lam_sp, f"Lambda + Compute SP ({percent(rates.lambda_sp)})")):
        b = model.breakdown(v)
        scenarios.append(Scenario(key, label, "lambda", b.total_usd, b.items,
                                  commitment="on_demand" if model is lam_od else "compute_sp",
                                  discount_rate=b.sp_rate))
    avg_instances = lmi.instance_hours(v) / cat.hours_per_month
    for commitment in LMI_SCENARIOS:
        rate = rates.ec2[commitment]
        fleet = lmi.breakdown(v, rate, COMMITMENT_LABELS[commitment])
        label = "LMI, on-demand" if commitment == "on_demand" else \
            f"LMI + {COMMITMENT_LABELS[commitment]} ({percent(rate)})"
        scenarios.append(Scenario(f"lmi_{commitment}", label, "lmi", fleet.total_usd, fleet.items,
                                  commitment=commitment, discount_rate=rate, instance_type=chosen.instance_type,
                                  instances=avg_instances, instance_hours=fleet.instance_hours))
    ec2 = self_managed_cost(lmi, v, packing=inputs.self_managed_packing)
    packing = percent(inputs.self_managed_packing)
    scenarios.append(Scenario("self_managed_ec2", f"Self-managed EC2, on-demand ({packing} packing)", "ec2",
                              ec2.total_usd, ec2.items, instance_type=chosen.instance_type,
                              instances=ec2.average_instances, instance_hours=ec2.instance_hours,
                              notes=("operations effort (images, patching, scaling, deploys) not priced",)))
    cheapest = min(scenarios, key=lambda s: s.monthly_usd).key
    scenarios = [dataclasses.replace(s, cheapest=True) if s.key == cheapest else s for s in scenarios]

    lambda_key = "lambda_compute_sp" if inputs.lambda_compute_sp else "lambda_on_demand"
    lam_base = lam_sp if inputs.lambda_compute_sp else lam_od
    lmi_key = f"lmi_{inputs.lmi_commitment}"
    lmi_rate = rates.ec2[inputs.lmi_commitment]
    breakeven = solve_breakeven(lam_base, lmi, discount_rate=lmi_rate, lmi_scenario=lmi_key,
                                lambda_scenario=lambda_key)

    base_sp = rates.lambda_sp if inputs.lambda_compute_sp else 0.0

    def lambda_at(duration: float) -> LambdaModel:
        return lambda_model(inputs, cat, sp_rate=base_sp, duration_ms=duration)

    def lmi_at(duration: float) -> LmiModel:
        return LmiModel(lmi.instance, lmi.shape, lmi.periods, duration_ms=duration, az_count=lmi.az_count,
                        pricing=cat.lmi_pricing, epi=lmi.epi)

    sens = sensitivity_grid(v, inputs.duration_avg_ms, lambda_at=lambda_at, lmi_at=lmi_at, discount_rate=lmi_rate)
    by_key = {s.key: s for s in scenarios}
    sizing = _sizing(inputs, lmi)
    text = recommendation(by_key[lambda_key], by_key[lmi_key], breakeven, v, sizing)
    inputs_dict = as_dict(inputs)
    inputs_dict.update(mean_rps=inputs.mean_rps, effective_peak_rps=inputs.effective_peak_rps,
                       effective_lmi_memory_mb=inputs.effective_lmi_memory_mb)
    return CostResult(
        model="workbench", region=inputs.region, architecture=inputs.architecture, requests_per_month=v,
        catalog_label=cat.label, pricing_date=cat.pricing_date, scenarios=tuple(scenarios), cheapest=cheapest,
        instance=chosen,
        alternatives=tuple(others[:alternatives]), sizing=sizing, breakeven=breakeven, sensitivity=sens,
        recommendation=text, prices_used=tuple(cat.sources(inputs.region, inputs.architecture)),
        assumptions=_assumptions(inputs, cat, rates), warnings=_warnings(inputs, cat, lmi, sizing, chosen),
        inputs=inputs_dict,
    )


def _sizing(inputs: CostInputs, lmi: LmiModel) -> Sizing:
    v = inputs.requests_per_month
    seconds = inputs.duration_avg_ms / 1000.0
    shape = lmi.shape
    off = len(lmi.periods) > 1
    return Sizing(
        mean_rps=inputs.mean_rps, peak_rps=inputs.effective_peak_rps,
        avg_concurrency=inputs.mean_rps * seconds, peak_concurrency=inputs.effective_peak_rps * seconds,
        memory_mb_per_ee=shape.memory_mb, vcpu_per_ee=shape.vcpu, per_ee_concurrency=shape.concurrency,
        target_utilisation=shape.utilisation, ees_needed=lmi.load_ees(0, v), ees=lmi.ees(0, v),
        envs_per_instance=lmi.epi, instances=lmi.instances(0, v),
        off_peak_ees=lmi.ees(1, v) if off else None, off_peak_instances=lmi.instances(1, v) if off else None,
        peak_hours=lmi.periods[0].hours if off else None,
        **_by_slots_and_cpu(inputs, shape),
    )


def _by_slots_and_cpu(inputs: CostInputs, shape) -> dict:
    """The peak's EEs counted by concurrency slots and by CPU, and which one sized the fleet."""
    from workbench.cost.lmi_cost import ceil_count

    peak = inputs.effective_peak_rps * inputs.duration_avg_ms / 1000.0
    slots = ceil_count(peak / (shape.concurrency * shape.utilisation)) if peak > 0 else 0
    cpu = None
    if shape.cpu_share is not None:
        cpu = ceil_count(peak * shape.cpu_share / (shape.vcpu * shape.utilisation)) if peak > 0 else 0
    return {"ees_by_slots": slots, "ees_by_cpu": cpu, "cpu_share": shape.cpu_share,
            "decided_by": "cpu" if cpu is not None and cpu > slots else "concurrency"}


def recommendation(lam: Scenario, lmi: Scenario, breakeven: BreakEven, v: float, sizing: Sizing) -> str:
    """One plain-language line: which option is cheaper for these numbers, by how much, and where it turns."""
    saving = lam.monthly_usd - lmi.monthly_usd
    where = f"LMI on {lmi.instance_type}"
    fleet = f"{sizing.instances} instance{'s' if sizing.instances != 1 else ''}"
    lmi_terms = COMMITMENT_LABELS.get(lmi.commitment, lmi.commitment)
    lam_terms = "with its Compute Savings Plan" if lam.key == "lambda_compute_sp" else "on-demand"
    if saving > 0:
        pct = saving / lam.monthly_usd if lam.monthly_usd else 0.0
        return (f"{where} ({fleet}, {lmi_terms}) saves {usd(saving)}/month ({percent(pct)}) against standard "
                f"Lambda {lam_terms}: {usd(lam.monthly_usd)} → {usd(lmi.monthly_usd)} a month.")
    head = (f"Standard Lambda is cheaper here: {usd(lam.monthly_usd)}/month against {usd(lmi.monthly_usd)} for "
            f"{where} ({fleet}, {lmi_terms})")
    if breakeven.status == "crossing" and breakeven.requests_per_month is not None:
        n = breakeven.requests_per_month
        return (f"{head}; LMI breaks even at {n:,.0f} requests/month ({volume(n)}, "
                f"{n / v:.1f}× today's volume).")
    if breakeven.status == "never_in_range":
        return f"{head}; LMI does not break even below {volume(breakeven.upper_bound)} requests/month."
    return f"{head}."


def _assumptions(inputs: CostInputs, catalog: PricingCatalog, rates: Rates) -> tuple[str, ...]:
    out = [
        f"{catalog.hours_per_month:g} hours a month; prices from the {catalog.label}",
        f"LMI fleet sized for the peak ({inputs.effective_peak_rps:,.4g} requests/s) at "
        f"{percent(inputs.target_utilisation)} target utilisation; 1 vCPU and 1 GiB of each instance kept for the "
        "system; the first EEs spread over "
        f"{inputs.az_count} Availability Zone{'s' if inputs.az_count != 1 else ''}",
        f"LMI management fee {percent(catalog.lmi_pricing.management_fee_fraction)} of the on-demand EC2 price, "
        "never discounted; LMI requests $0.20/M with no free tier (not sourced either way); no duration charge",
        "Lambda free tier " + ("applied (1M requests, 400,000 GB-s a month)" if inputs.free_tier and
                               not inputs.provisioned_concurrency else "not applied"),
    ]
    if inputs.lmi_memory_mb is None:
        out.append(f"LMI memory {inputs.effective_lmi_memory_mb} MB from the memory-sizing guidance for "
                   f"{inputs.memory_mb} MB today")
    if inputs.per_ee_concurrency is None:
        out.append(f"{inputs.runtime} default concurrency per vCPU (runtime docs)")
    if inputs.configuration_basis:
        out.append(inputs.configuration_basis)
    if inputs.cpu_share is not None:
        out.append(f"CPU per invocation: {inputs.cpu_basis or f'{percent(inputs.cpu_share)} of the duration'}; the "
                   f"fleet holds the larger of the concurrency slots and the vCPUs that CPU keeps busy at "
                   f"{percent(inputs.target_utilisation)}")
    else:
        out.append("CPU per invocation not counted" + (
            f": {inputs.cpu_basis}" if inputs.cpu_basis else
            " (no CPU share given): concurrency slots alone size the fleet"))
    if inputs.instance_type is None:
        within = f" within {', '.join(inputs.allowed_families)}" if inputs.allowed_families else ""
        out.append(f"the instance type is the cheapest that carries the load{within}; a capacity provider that "
                   "leaves the choice to AWS (no single AllowedInstanceTypes entry) may run dearer types, so the LMI "
                   "cost is a lower bound")
    if inputs.scheduled_scaling is not None:
        out.append(f"scheduled scaling: peak fleet for {inputs.scheduled_scaling.peak_hours_per_month:g} h a month")
    out.extend(rates.notes)
    return tuple(out)


def _warnings(inputs: CostInputs, catalog: PricingCatalog, lmi: LmiModel, sizing: Sizing,
              chosen: InstanceOption) -> tuple[str, ...]:
    out = []
    limits = catalog.lmi_limits
    if chosen.estimate:
        out.append(f"{chosen.instance_type} is priced by ESTIMATE: {lmi.instance.provenance.basis}")
    lam = catalog.lambda_prices(inputs.region, inputs.architecture, estimate=inputs.allow_estimates)
    if lam.provenance.estimate:
        out.append(f"Lambda prices for {inputs.region} are an ESTIMATE: {lam.provenance.basis}")
    if sizing.ees > limits.ees_max:
        out.append(f"the peak needs {sizing.ees:,} execution environments, beyond LMI's {limits.ees_max:,} per "
                   "function")
    elif inputs.max_execution_environments is not None and sizing.ees > inputs.max_execution_environments:
        out.append(f"the peak needs {sizing.ees:,} execution environments but MaxExecutionEnvironments is "
                   f"{inputs.max_execution_environments:,}: requests beyond it would be throttled")
    vcpus = sizing.instances * lmi.instance.vcpu
    if vcpus > inputs.max_vcpu:
        out.append(f"the fleet needs {vcpus:,} vCPUs at the peak; the capacity provider's MaxVCpuCount is "
                   f"{inputs.max_vcpu:,}: raise it or LMI will throttle")
    if inputs.min_execution_environments < 3:
        out.append("MinExecutionEnvironments below 3 loses multi-AZ coverage: for non-production only")
    if inputs.target_utilisation > 0.8:
        out.append("little headroom above 80% target utilisation: traffic that doubles within 5 minutes may be "
                   "throttled")
    return tuple(out)
