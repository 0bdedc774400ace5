"""The shapes a comparison is made of: line items, scenarios, the chosen instance, break-even, sensitivity.

Plain frozen dataclasses, cheap to build on every keystroke; :func:`as_dict` turns any of them into JSON-ready
data for the formatters and the CostComparison document.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from workbench.cost.prices import Provenance

# Line-item kinds, in the order the drill-down lists them.
REQUESTS = "requests"
COMPUTE = "compute"
MANAGEMENT_FEE = "management_fee"
PROVISIONED = "provisioned_concurrency"
STORAGE = "storage"


@dataclass(frozen=True)
class LineItem:
    kind: str
    label: str
    usd: float
    detail: str = ""


@dataclass(frozen=True)
class Scenario:
    key: str
    label: str
    family: str  # "lambda", "lmi" or "ec2"
    monthly_usd: float
    items: tuple[LineItem, ...]
    commitment: str = "on_demand"
    discount_rate: float = 0.0
    instance_type: str | None = None
    instances: float | None = None  # average instance count over the month (fractional with scheduled scaling)
    instance_hours: float | None = None
    cheapest: bool = False
    notes: tuple[str, ...] = ()

    @property
    def yearly_usd(self) -> float:
        return self.monthly_usd * 12

    def item(self, kind: str) -> float:
        return sum(i.usd for i in self.items if i.kind == kind)


@dataclass(frozen=True)
class InstanceOption:
    """One instance type the search considered, with the fleet it needs and what LMI costs on it."""

    instance_type: str
    vcpu: int
    memory_gib: float
    usd_per_hour: float
    envs_per_instance: int
    instances: int  # at the peak
    lmi_monthly_usd: float  # on-demand EC2 + management fee + requests
    estimate: bool = False


@dataclass(frozen=True)
class Sizing:
    """How the LMI fleet follows from the traffic (the pane's "show the working")."""

    mean_rps: float
    peak_rps: float
    avg_concurrency: float
    peak_concurrency: float
    memory_mb_per_ee: int
    vcpu_per_ee: int
    per_ee_concurrency: int
    target_utilisation: float
    ees_needed: int  # at the peak, before the minimum
    ees: int  # after MinExecutionEnvironments
    envs_per_instance: int
    instances: int  # at the peak
    off_peak_ees: int | None = None
    off_peak_instances: int | None = None
    peak_hours: float | None = None
    ees_by_slots: int | None = None  # at the peak: concurrency slots alone
    ees_by_cpu: int | None = None  # at the peak: the vCPUs the invocations keep busy (None: CPU not counted)
    cpu_share: float | None = None
    decided_by: str = "concurrency"  # "concurrency" or "cpu": which count sized the fleet


@dataclass(frozen=True)
class BreakEven:
    """Where LMI (the chosen commitment) and standard Lambda cost the same, solved on both curves.

    ``requests_per_month`` is the first volume at which LMI is no dearer than Lambda, or None (``status``
    says why): "crossing", "lmi_cheaper_everywhere", "never_in_range", "gave_up".
    """

    requests_per_month: float | None
    status: str
    lambda_usd: float | None = None
    lmi_usd: float | None = None
    upper_bound: float = 0.0
    lmi_scenario: str = "lmi_on_demand"
    lambda_scenario: str = "lambda_on_demand"
    note: str = ""


@dataclass(frozen=True)
class SensitivityCell:
    traffic_change: float  # -0.5 … +0.5
    duration_change: float
    lambda_usd: float
    lmi_usd: float

    @property
    def lmi_cheaper(self) -> bool:
        return self.lmi_usd < self.lambda_usd

    @property
    def saving_usd(self) -> float:
        return self.lambda_usd - self.lmi_usd


@dataclass(frozen=True)
class Sensitivity:
    steps: tuple[float, ...]
    cells: tuple[SensitivityCell, ...]  # traffic-major: for t in steps, for d in steps
    summary: str

    def cell(self, traffic_change: float, duration_change: float) -> SensitivityCell:
        for c in self.cells:
            if abs(c.traffic_change - traffic_change) < 1e-9 and abs(c.duration_change - duration_change) < 1e-9:
                return c
        raise KeyError((traffic_change, duration_change))


@dataclass(frozen=True)
class CostResult:
    model: str  # "workbench"
    region: str
    architecture: str
    requests_per_month: float
    catalog_label: str
    pricing_date: str  # the snapshot's date, or the fetch date of Price List prices laid over it
    scenarios: tuple[Scenario, ...]
    cheapest: str
    instance: InstanceOption
    alternatives: tuple[InstanceOption, ...]
    sizing: Sizing
    breakeven: BreakEven
    sensitivity: Sensitivity
    recommendation: str
    prices_used: tuple[Provenance, ...]
    assumptions: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    inputs: dict[str, Any] = field(default_factory=dict)

    def scenario(self, key: str) -> Scenario:
        for s in self.scenarios:
            if s.key == key:
                return s
        raise KeyError(key)


def as_dict(obj: Any) -> Any:
    """JSON-ready data (dicts, lists, numbers, strings) for any result dataclass, with derived totals."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {f.name: as_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        if isinstance(obj, Scenario):
            out["yearly_usd"] = obj.yearly_usd
        if isinstance(obj, SensitivityCell):
            out["lmi_cheaper"] = obj.lmi_cheaper
            out["saving_usd"] = obj.saving_usd
        return out
    if isinstance(obj, (list, tuple)):
        return [as_dict(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): as_dict(v) for k, v in obj.items()}
    return obj
