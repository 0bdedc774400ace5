"""Lambda Managed Instances: from traffic to execution environments to instances to dollars.

The working, step by step (each step is a field of :class:`workbench.cost.results.Sizing`):

1. concurrency = requests/s × average duration (mean and peak rates);
2. vCPUs per execution environment (EE) = ceil(memory GiB / GiB-per-vCPU ratio), at least 1;
3. concurrency per EE = PerExecutionEnvironmentMaxConcurrency (default: the runtime's per-vCPU default × vCPUs);
4. EEs for the load = ceil(peak concurrency / (concurrency per EE × target utilisation)) — the headroom — or,
   when the CPU each invocation burns is known or assumed, ceil(peak requests/s × CPU seconds per invocation /
   (vCPUs per EE × target utilisation)) if that is more (the vCPUs the invocations keep busy, not the slots);
   EEs = max(MinExecutionEnvironments, that);
5. EEs per instance = min(floor((vCPUs − 1) / vCPUs per EE), floor((memory GiB − 1) / memory per EE)): one vCPU
   and one GiB of every instance stay with the system;
6. instances = max(ceil(EEs / EEs per instance), min(AZs, EEs)): the first EEs are spread over AZs, one per
   instance (publishing a version starts 3 EEs on 3 instances by default);
7. monthly cost = instance-hours × on-demand price × (1 − commitment discount)
   + 15% × instance-hours × on-demand price (the management fee, never discounted)
   + requests × $0.20/M. There is no duration charge.

With scheduled scaling the month has a peak period (fleet for the peak rate) and an off-peak period (fleet for
the off-peak rate, with its own minimum); instance-hours add up over both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from workbench.cost.prices import InstanceType, LmiPricing
from workbench.cost.errors import InstanceTooSmall
from workbench.cost.inputs import SECONDS_PER_MONTH, CostInputs
from workbench.cost.results import COMPUTE, MANAGEMENT_FEE, REQUESTS, LineItem

RESERVED_VCPU = 1
RESERVED_GIB = 1.0
_EPS = 1e-9


def ceil_count(x: float) -> int:
    """ceil for counts computed in floating point: 3.0000000000004 is 3, not 4."""
    return math.ceil(x - _EPS * max(1.0, abs(x)))


@dataclass(frozen=True)
class EeShape:
    """One execution environment: its memory, vCPUs and how many invocations it takes at once."""

    memory_mb: int
    vcpu: int
    concurrency: int
    utilisation: float
    cpu_share: float | None = None  # CPU time ÷ duration; None: CPU not counted

    @property
    def capacity(self) -> float:
        """Concurrent invocations one EE carries at the target utilisation: its slots, or fewer when the CPU they
        burn would keep more than the target share of its vCPUs busy."""
        slots = self.concurrency * self.utilisation
        if self.cpu_share:
            return min(slots, self.vcpu * self.utilisation / self.cpu_share)
        return slots


def ee_shape(inputs: CostInputs, default_concurrency_per_vcpu: dict[str, int | None], *,
             max_concurrency: int = 1600) -> EeShape:
    memory = inputs.effective_lmi_memory_mb
    vcpu = max(1, ceil_count(memory / (inputs.gib_per_vcpu * 1024.0)))
    if inputs.per_ee_concurrency is not None:
        concurrency = inputs.per_ee_concurrency
    else:
        per_vcpu = default_concurrency_per_vcpu.get(inputs.runtime) or 1
        concurrency = min(max_concurrency, per_vcpu * vcpu)
    return EeShape(memory, vcpu, concurrency, inputs.target_utilisation, inputs.cpu_share)


def envs_per_instance(instance: InstanceType, shape: EeShape) -> int:
    """How many EEs fit on one instance after the system's 1 vCPU and 1 GiB (0: not even one)."""
    usable_vcpu = instance.vcpu - RESERVED_VCPU
    usable_mb = (instance.memory_gib - RESERVED_GIB) * 1024.0
    if usable_vcpu <= 0 or usable_mb <= 0:
        return 0
    return max(0, min(usable_vcpu // shape.vcpu, int(usable_mb // shape.memory_mb)))


def require_fit(instance: InstanceType, shape: EeShape) -> int:
    epi = envs_per_instance(instance, shape)
    if epi <= 0:
        need_vcpu = shape.vcpu + RESERVED_VCPU
        need_gib = shape.memory_mb / 1024.0 + RESERVED_GIB
        raise InstanceTooSmall(
            "instance_type",
            f"{instance.name} ({instance.vcpu} vCPU, {instance.memory_gib:g} GiB) cannot hold one execution "
            f"environment of {shape.vcpu} vCPU and {shape.memory_mb} MB plus the system's 1 vCPU and 1 GiB",
            value=instance.name, allowed=f"a type with at least {need_vcpu} vCPU and {need_gib:g} GiB")
    return epi


@dataclass(frozen=True)
class FleetPeriod:
    """Part of the month with one traffic level: its hours, its rate as a multiple of the mean, its minimum."""

    name: str
    hours: float
    rate_multiple: float  # requests/s in this period ÷ mean requests/s
    min_ees: int
    # EEs of the other published versions (no traffic, each at its own minimum), on top of the serving version's
    idle_ees: int = 0


def fleet_periods(inputs: CostInputs, hours_per_month: float) -> tuple[FleetPeriod, ...]:
    mean = inputs.mean_rps
    peak_multiple = inputs.effective_peak_rps / mean if mean > 0 else 1.0
    # Every further published version keeps its own minimum running all month (schedules scale the alias's).
    idle = (inputs.published_versions - 1) * inputs.min_execution_environments
    sched = inputs.scheduled_scaling
    if sched is None or sched.peak_hours_per_month >= hours_per_month:
        return (FleetPeriod("all month", hours_per_month, peak_multiple, inputs.min_execution_environments, idle),)
    off_rps = mean if sched.off_peak_rps is None else sched.off_peak_rps
    off_min = (inputs.min_execution_environments if sched.off_peak_min_execution_environments is None
               else sched.off_peak_min_execution_environments)
    return (
        FleetPeriod("peak", sched.peak_hours_per_month, peak_multiple, inputs.min_execution_environments, idle),
        FleetPeriod("off-peak", hours_per_month - sched.peak_hours_per_month, off_rps / mean if mean > 0 else 0.0,
                    off_min, idle),
    )


def load_coefficients(shape: EeShape, periods: tuple[FleetPeriod, ...], duration_ms: float) -> tuple[float, ...]:
    """Per period, the EEs the load needs per request/month: EEs = ceil(coefficient × volume)."""
    seconds = duration_ms / 1000.0
    return tuple(p.rate_multiple / SECONDS_PER_MONTH * seconds / shape.capacity for p in periods)


def period_ees(shape: EeShape, periods: tuple[FleetPeriod, ...], duration_ms: float, volume: float) -> list[int]:
    """EEs in each period at ``volume``, after the minimum; the same for every instance type."""
    coefs = load_coefficients(shape, periods, duration_ms)
    return [max(p.min_ees, ceil_count(c * volume) if volume > 0 else 0) + p.idle_ees for p, c in zip(periods, coefs)]


def instances_for(ees: int, epi: int, az_count: int) -> int:
    """Instances for ``ees`` EEs at ``epi`` per instance, the first EEs one per AZ."""
    if ees <= 0:
        return 0
    return max(ceil_count(ees / epi), min(az_count, ees))


@dataclass(frozen=True)
class LmiBreakdown:
    instance_hours: float
    ec2_on_demand_usd: float
    discount_rate: float
    ec2_usd: float
    management_fee_usd: float
    requests_usd: float
    items: tuple[LineItem, ...]

    @property
    def total_usd(self) -> float:
        return self.ec2_usd + self.management_fee_usd + self.requests_usd


class LmiModel:
    """The LMI fleet and its monthly cost on one instance type, at any monthly volume."""

    def __init__(self, instance: InstanceType, shape: EeShape, periods: tuple[FleetPeriod, ...], *,
                 duration_ms: float, az_count: int, pricing: LmiPricing, epi: int | None = None) -> None:
        self.instance = instance
        self.shape = shape
        self.periods = periods
        self.duration_ms = duration_ms
        self.az_count = az_count
        self.epi = require_fit(instance, shape) if epi is None else epi
        self.fee = pricing.management_fee_fraction
        self.request_rate = pricing.request_usd_per_million / 1e6
        self.price = instance.usd_per_hour
        # EEs for the load in period k = ceil(coef_k × volume)
        self.coefs = load_coefficients(shape, periods, duration_ms)
        self.floors = tuple(self.instances_for_ees(p.min_ees + p.idle_ees) for p in periods)

    # --- counts -------------------------------------------------------------------------------------------

    def instances_for_ees(self, ees: int) -> int:
        return instances_for(ees, self.epi, self.az_count)

    def load_ees(self, k: int, volume: float) -> int:
        """EEs the load of period ``k`` needs, before the minimum."""
        return ceil_count(self.coefs[k] * volume) if volume > 0 else 0

    def ees(self, k: int, volume: float) -> int:
        """EEs in period ``k``: the serving version's (its minimum, or what the load needs) and the others' minimums."""
        return max(self.periods[k].min_ees, self.load_ees(k, volume)) + self.periods[k].idle_ees

    def instances(self, k: int, volume: float) -> int:
        return self.instances_for_ees(self.ees(k, volume))

    def instance_hours(self, volume: float) -> float:
        return sum(p.hours * self.instances(k, volume) for k, p in enumerate(self.periods))

    # --- money --------------------------------------------------------------------------------------------

    def cost(self, volume: float, discount_rate: float = 0.0) -> float:
        ec2_od = self.instance_hours(volume) * self.price
        return ec2_od * (1.0 - discount_rate + self.fee) + volume * self.request_rate

    def breakdown(self, volume: float, discount_rate: float = 0.0, commitment_label: str = "on-demand") -> LmiBreakdown:
        hours = self.instance_hours(volume)
        ec2_od = hours * self.price
        ec2 = ec2_od * (1.0 - discount_rate)
        fee = ec2_od * self.fee
        requests = volume * self.request_rate
        name = self.instance.name
        less = f", less {discount_rate:.0%} ({commitment_label})" if discount_rate else ""
        items = (
            LineItem(REQUESTS, "Requests", requests, f"{volume:,.0f} requests × $0.20/M; no duration charge"),
            LineItem(COMPUTE, "EC2 instances", ec2, f"{hours:,.0f} instance-h of {name} × ${self.price:g}/h{less}"),
            LineItem(MANAGEMENT_FEE, "Management fee", fee,
                     f"{self.fee:.0%} of the on-demand EC2 price (${ec2_od:,.2f}); never discounted"),
        )
        return LmiBreakdown(hours, ec2_od, discount_rate, ec2, fee, requests, items)

    # --- shape of the curve (for the break-even solver) ---------------------------------------------------

    def per_instance_hour_usd(self, discount_rate: float) -> float:
        return self.price * (1.0 - discount_rate + self.fee)

    def lower_cost(self, volume: float, discount_rate: float = 0.0) -> float:
        """A continuous lower bound of :meth:`cost`, equal to it at the volume where a fleet fills up."""
        inst = sum(p.hours * max(float(self.floors[k]), (self.coefs[k] * volume + p.idle_ees) / self.epi)
                   for k, p in enumerate(self.periods))
        return inst * self.per_instance_hour_usd(discount_rate) + volume * self.request_rate

    def lower_kinks(self, upper: float) -> list[float]:
        out = []
        for k, coef in enumerate(self.coefs):
            if coef > 0 and self.floors[k] > 0 and self.periods[k].hours > 0:
                v = (self.floors[k] * self.epi - self.periods[k].idle_ees) / coef
                if 0 < v < upper:
                    out.append(v)
        return out

    def _last_ees_of_count(self, count: int) -> int:
        """The most EEs that ``count`` instances hold."""
        if count <= 0:
            return 0
        return count * self.epi if count >= self.az_count else count

    def segment_end(self, volume: float) -> float:
        """The largest volume with the same fleet as ``volume`` (fleets are constant on (a, b] segments)."""
        end = math.inf
        for k, coef in enumerate(self.coefs):
            if coef <= 0 or self.periods[k].hours <= 0:  # a period that never changes the cost
                continue
            # the most load EEs these instances hold beside the other versions' minimums
            last = self._last_ees_of_count(self.instances(k, volume)) - self.periods[k].idle_ees
            # the largest load ceil_count still counts as ``last`` EEs (its tolerance moves the edge a hair),
            # taken a hair inside so that rounding cannot carry it over
            edge = _EPS if last < 1 else last / (1.0 - _EPS)
            limit = edge * (1.0 - 1e-12)
            # rounding can put the analytic end a hair below ``volume``: the segment then ends at ``volume``
            end = min(end, max(limit / coef, volume))
        return end
