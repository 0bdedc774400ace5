"""Self-managed EC2 for the same load: what running the function's work on your own fleet would cost.

The same compute as the LMI fleet (the load's execution environments' vCPUs and memory, at the same target
utilisation) packed onto the same instance type at a packing efficiency (default 60%: what a hand-run fleet of
services or containers typically achieves, per the aws-samples calculator's assumption), never fewer instances
than Availability Zones while there is load. No management fee and no request charge; operations effort (AMIs,
patching, scaling, deployment) is not priced and is listed as a note.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.cost.lmi_cost import LmiModel, ceil_count
from workbench.cost.results import COMPUTE, LineItem


@dataclass(frozen=True)
class Ec2Breakdown:
    instance_hours: float
    average_instances: float
    ec2_on_demand_usd: float
    discount_rate: float
    ec2_usd: float
    items: tuple[LineItem, ...]

    @property
    def total_usd(self) -> float:
        return self.ec2_usd


def self_managed_instances(lmi: LmiModel, k: int, volume: float, packing: float) -> int:
    load = lmi.load_ees(k, volume)
    if load <= 0:
        return 0
    inst = lmi.instance
    vcpus = load * lmi.shape.vcpu
    gib = load * lmi.shape.memory_mb / 1024.0
    return max(lmi.az_count, ceil_count(vcpus / (inst.vcpu * packing)), ceil_count(gib / (inst.memory_gib * packing)))


def self_managed_cost(lmi: LmiModel, volume: float, *, packing: float, discount_rate: float = 0.0,
                      commitment_label: str = "on-demand") -> Ec2Breakdown:
    hours = sum(p.hours * self_managed_instances(lmi, k, volume, packing) for k, p in enumerate(lmi.periods))
    total_hours = sum(p.hours for p in lmi.periods)
    od = hours * lmi.instance.usd_per_hour
    ec2 = od * (1.0 - discount_rate)
    less = f", less {discount_rate:.0%} ({commitment_label})" if discount_rate else ""
    items = (LineItem(COMPUTE, "EC2 instances", ec2,
                      f"{hours:,.0f} instance-h of {lmi.instance.name} × ${lmi.instance.usd_per_hour:g}/h at "
                      f"{packing:.0%} packing{less}"),)
    return Ec2Breakdown(hours, hours / total_hours if total_hours else 0.0, od, discount_rate, ec2, items)
