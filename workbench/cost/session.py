"""The cost comparison of a session: read the workload, its LMI configuration and the team's what-if settings
from the store, compute, and keep the CostComparison document current.

Every open workbench reacts to the same store changes; they all compute the same numbers, and the
compare-and-set write lets exactly one of them record each new comparison (the others' writes are refused as
stale, which is fine: the document they would have written is already there).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from workbench.cost.catalog import PricingCatalog, default_catalog
from workbench.cost.compare import compare
from workbench.cost.curves import CostCurves, cost_curves
from workbench.cost.errors import CostError, CostInputError
from workbench.cost.inputs import CommitmentRates, CostInputs
from workbench.cost.results import CostResult
from workbench.cost.workload import inputs_from_workload, to_cost_comparison

from workbench.models.cost_settings import CostSettings
from workbench.models.lmi_config import LmiConfiguration
from workbench.models.price_list import PriceListCache
from workbench.models.workload import Workload

if TYPE_CHECKING:
    from workbench.store import Store

WATCHED = (Workload, LmiConfiguration, CostSettings, PriceListCache)  # the documents the comparison reads
WATCHED_KINDS = frozenset(cls.KIND for cls in WATCHED)


@dataclass(frozen=True)
class CostEvaluation:
    """One computation for given document versions: a result, or the reason there is none."""

    versions: tuple[int | None, ...]  # workload, lmi-config, cost-settings, price-list
    workload_version: int | None
    inputs: CostInputs | None = None
    result: CostResult | None = None
    curves: CostCurves | None = None
    error: str | None = None
    error_field: str | None = None


def _pct(value: float | None) -> float | None:
    return None if value is None else value / 100.0


def settings_overrides(settings: "CostSettings | None") -> dict:
    if settings is None:
        return {}
    overrides: dict = {
        "rates": CommitmentRates(
            lambda_compute_sp=_pct(settings.lambda_compute_sp_pct),
            compute_sp_1yr=_pct(settings.compute_sp_1yr_pct),
            compute_sp_3yr=_pct(settings.compute_sp_3yr_pct),
            ec2_instance_sp=_pct(settings.ec2_instance_sp_pct),
            reserved=_pct(settings.reserved_pct),
        ),
        "free_tier": settings.free_tier,
        "self_managed_packing": settings.self_managed_packing_pct / 100.0,
        "allow_estimates": settings.allow_estimates,
    }
    if settings.lmi_commitment is not None:
        overrides["lmi_commitment"] = settings.lmi_commitment
    if settings.instance_type:
        overrides["instance_type"] = settings.instance_type
    return overrides


def session_catalog(store: "Store") -> PricingCatalog:
    """The shipped snapshot, with the session's cached Price List prices laid over it when there are any."""
    from workbench.cost.override import PriceOverride
    from workbench.models import PriceListCache

    cache = store.get(PriceListCache)
    if cache is None:
        return default_catalog()
    return default_catalog().with_override(PriceOverride.from_json(cache.doc.override))


def store_prices(store: "Store", override, regions: list[str]) -> None:
    """Cache a Price List refresh in the store (merged over an earlier one), so every partner uses it."""
    from workbench.cost.override import PriceOverride
    from workbench.models import PriceListCache

    current = store.get(PriceListCache)
    if current is not None:
        override = PriceOverride.from_json(current.doc.override).merged_with(override)
        regions = sorted(set(current.doc.regions) | set(regions))
    doc = PriceListCache(fetched_on=date.fromisoformat(override.fetched_on[:10]), regions=sorted(regions),
                         override=override.to_json())
    store.put(doc, expected_version=current.version if current else None,
              summary=f"prices: AWS Price List for {', '.join(sorted(regions))} fetched {override.fetched_on}")


def evaluate(store: "Store", catalog: PricingCatalog | None = None) -> CostEvaluation | None:
    """The comparison for what the store holds now; None when there is no workload yet."""
    from workbench.models import CostSettings, LmiConfiguration, PriceListCache, Workload

    workload = store.get(Workload)
    if workload is None:
        return None
    config = store.get(LmiConfiguration)
    settings = store.get(CostSettings)
    prices = store.get(PriceListCache)
    versions = (workload.version, config.version if config else None, settings.version if settings else None,
                prices.version if prices else None)
    try:
        inputs = inputs_from_workload(workload.doc, config.doc if config else None,
                                      **settings_overrides(settings.doc if settings else None))
        cat = catalog or session_catalog(store)
        result = compare(inputs, cat)
        curves = cost_curves(inputs, cat, instance_type=result.instance.instance_type)
    except CostInputError as exc:
        return CostEvaluation(versions, workload.version, error=str(exc), error_field=exc.field)
    except CostError as exc:
        return CostEvaluation(versions, workload.version, error=str(exc),
                              error_field=getattr(exc, "field", None))
    return CostEvaluation(versions, workload.version, inputs=inputs, result=result, curves=curves)


def persist(store: "Store", evaluation: CostEvaluation) -> bool:
    """Record the comparison unless the store already has it for this workload version. True if written."""
    from workbench.derived import put_if_changed
    from workbench.models import CostComparison

    if evaluation.result is None or store.readonly:
        return False
    doc = to_cost_comparison(evaluation.result, workload_version=evaluation.workload_version)
    return put_if_changed(store, doc, store.get(CostComparison),
                          f"cost: {evaluation.result.recommendation}"[:300], ignore={"computed_at"})


def refresh_session_prices(store: "Store", regions: list[str], *, client) -> str:
    """Fetch the regions' EC2 and Lambda prices from the AWS Price List API and cache them in the store.

    ``client`` is a boto3 ``pricing`` client. Returns a sentence for the person; raises RefreshError (or the
    AWS session's AwsProblem) with a plain message when the prices cannot be fetched.
    """
    from workbench.cost.refresh import refresh_prices

    override = refresh_prices(regions, client=client)
    if not override.ec2 and not override.lambda_:
        return f"The AWS Price List API returned no prices for {', '.join(regions)}; the snapshot stays in use."
    store_prices(store, override, regions)
    count = sum(len(rows) for rows in override.ec2.values())
    return (f"Fetched {count} EC2 prices and Lambda prices for {', '.join(regions)} "
            f"(dated {override.fetched_on}); every comparison in this session uses them now.")
