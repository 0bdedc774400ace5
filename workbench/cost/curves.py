"""Cost against monthly volume for the break-even chart: both curves sampled, today and the crossing included.

The pane draws these points; it never builds cost models itself. Volumes are spaced evenly on a log scale
from well below today's volume (or the crossing) to well above, and today's volume and the solved crossing are
added as exact points so the chart can mark them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from workbench.cost.breakeven import solve_breakeven
from workbench.cost.catalog import PricingCatalog, default_catalog
from workbench.cost.compare import check_region, choose_instance, lambda_model, resolve_rates
from workbench.cost.inputs import MAX_REQUESTS_PER_MONTH, CostInputs
from workbench.cost.results import BreakEven


@dataclass(frozen=True)
class CostCurves:
    volumes: tuple[float, ...]
    lambda_usd: tuple[float, ...]
    lmi_usd: tuple[float, ...]
    today: float
    breakeven: BreakEven
    lambda_label: str
    lmi_label: str


def cost_curves(inputs: CostInputs, catalog: PricingCatalog | None = None, *, instance_type: str | None = None,
                points: int = 60) -> CostCurves:
    """Lambda (with the existing plan, if any) and LMI (the chosen commitment) at ``points`` volumes.

    ``instance_type`` pins the LMI instance (pass the comparison's choice so the chart matches the table).
    """
    cat = catalog or default_catalog()
    check_region(inputs, cat)
    if instance_type is not None:
        inputs = inputs.with_changes(instance_type=instance_type)
    rates = resolve_rates(inputs, cat)
    lam = lambda_model(inputs, cat, sp_rate=rates.lambda_sp if inputs.lambda_compute_sp else 0.0)
    chosen, lmi, _ = choose_instance(inputs, cat, keep=1)
    rate = rates.ec2[inputs.lmi_commitment]
    be = solve_breakeven(lam, lmi, discount_rate=rate, lmi_scenario=f"lmi_{inputs.lmi_commitment}",
                         lambda_scenario="lambda_compute_sp" if inputs.lambda_compute_sp else "lambda_on_demand")
    today = inputs.requests_per_month
    anchors = [today] + ([be.requests_per_month] if be.requests_per_month else [])
    lo = max(1.0, min(anchors) / 20.0)
    hi = min(MAX_REQUESTS_PER_MONTH, max(anchors) * 5.0)
    n = max(2, points)
    step = (math.log10(hi) - math.log10(lo)) / (n - 1)
    volumes = sorted({lo * 10 ** (i * step) for i in range(n)} | set(anchors))
    lmi_label = f"LMI on {chosen.instance_type}" + ("" if inputs.lmi_commitment == "on_demand"
                                                     else f" ({inputs.lmi_commitment})")
    return CostCurves(
        volumes=tuple(volumes),
        lambda_usd=tuple(lam.cost(v) for v in volumes),
        lmi_usd=tuple(lmi.cost(v, rate) for v in volumes),
        today=today,
        breakeven=be,
        lambda_label="Lambda" + (" + Compute SP" if inputs.lambda_compute_sp else ""),
        lmi_label=lmi_label,
    )
