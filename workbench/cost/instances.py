"""Instance choice: the cheapest type in the region that carries the workload, and the next alternatives.

Candidates are the region's priced types of the function's architecture, filtered by the allowed families or
patterns (default: the LMI families, C from .xlarge, M and R from .large, no metal) and the excluded types.
Each is sized with the same model the comparison uses and ranked by its LMI on-demand monthly cost; commitment
discounts apply alike to every type, so they do not change the order.
"""

from __future__ import annotations

from fnmatch import fnmatchcase

from workbench.cost.catalog import InstanceType, PricingCatalog, size_rank
from workbench.cost.errors import MissingPrice
from workbench.cost.inputs import CostInputs
from workbench.cost.lmi_cost import EeShape, FleetPeriod, envs_per_instance, instances_for, period_ees
from workbench.cost.results import InstanceOption

DEFAULT_MIN_SIZE = {"c": 1.0, "m": 0.5, "r": 0.5}  # C .xlarge and up; M and R .large and up (awslabs LMI skill)


def _matches(inst: InstanceType, pattern: str) -> bool:
    if "." in pattern:
        return fnmatchcase(inst.name, pattern)
    return fnmatchcase(inst.family, pattern)


def candidate_types(catalog: PricingCatalog, inputs: CostInputs) -> list[InstanceType]:
    key = ("candidates", inputs.region, inputs.architecture, inputs.allow_estimates, inputs.allowed_families,
           inputs.excluded_instance_types)
    cached = catalog.memo.get(key)
    if cached is not None:
        return cached
    pool = catalog.instances(inputs.region, arch=inputs.architecture, estimate=inputs.allow_estimates)
    if inputs.allowed_families:
        pool = [i for i in pool if any(_matches(i, p) for p in inputs.allowed_families)]
    else:
        pool = [i for i in pool if i.category in DEFAULT_MIN_SIZE and size_rank(i.size) >= DEFAULT_MIN_SIZE[i.category]
                and size_rank(i.size) != float("inf")]
    if inputs.excluded_instance_types:
        pool = [i for i in pool if not any(_matches(i, p) for p in inputs.excluded_instance_types)]
    catalog.memo[key] = pool
    return pool


def search_instances(catalog: PricingCatalog, inputs: CostInputs, shape: EeShape, periods: tuple[FleetPeriod, ...],
                     *, volume: float | None = None) -> list[tuple[InstanceOption, InstanceType]]:
    """Every candidate that holds at least one EE, cheapest first (ties: fewer instances, then name).

    The EEs each period needs do not depend on the instance type, so each candidate costs a few operations:
    EEs per instance, instances, instance-hours. The costs equal ``LmiModel.cost`` for that type.
    Raises MissingPrice when the region has no priced candidate at all.
    """
    pool = candidate_types(catalog, inputs)
    if not pool:
        what = (f"on-demand price for any {inputs.architecture} instance type"
                + (f" matching {', '.join(inputs.allowed_families)}" if inputs.allowed_families else
                   " of the LMI families (C, M, R)"))
        hint = "" if inputs.allow_estimates else "; allow estimates to use labelled estimates from other regions"
        raise MissingPrice(catalog.missing_message(what, inputs.region) + hint, region=inputs.region)
    vol = inputs.requests_per_month if volume is None else volume
    ees = period_ees(shape, periods, inputs.duration_avg_ms, vol)
    hours = [p.hours for p in periods]
    markup = 1.0 + catalog.lmi_pricing.management_fee_fraction
    requests = vol * (catalog.lmi_pricing.request_usd_per_million / 1e6)
    az = inputs.az_count
    ranked: list[tuple[float, int, str, InstanceOption, InstanceType]] = []
    for inst in pool:
        epi = envs_per_instance(inst, shape)
        if epi <= 0:
            continue
        counts = [instances_for(e, epi, az) for e in ees]
        instance_hours = sum(h * n for h, n in zip(hours, counts))
        monthly = instance_hours * inst.usd_per_hour * markup + requests
        peak = max(counts)
        option = InstanceOption(inst.name, inst.vcpu, inst.memory_gib, inst.usd_per_hour, epi, peak, monthly,
                                inst.estimate)
        ranked.append((monthly, peak, inst.name, option, inst))
    ranked.sort(key=lambda row: row[:3])
    return [(row[3], row[4]) for row in ranked]
