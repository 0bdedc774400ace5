"""Standard Lambda cost for one function, as a function of its monthly request volume.

Requests, duration in GB-seconds with the monthly tiers of the architecture (tiers count every function of the
account in the region and architecture: ``other_account_gb_seconds`` says how many GB-s the others already
use), the free tier when asked (never with Provisioned Concurrency), ephemeral storage above 512 MB, and
Provisioned Concurrency when configured. A Compute Savings Plan discounts duration and Provisioned Concurrency,
never requests or storage.

:class:`LambdaModel` keeps everything but the volume fixed, so the break-even solver and the sensitivity grid
can evaluate it cheaply and know where its slope changes (:meth:`LambdaModel.kinks`).
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.cost.prices import DurationTier, FreeTier, LambdaPrices
from workbench.cost.errors import MissingPrice
from workbench.cost.results import COMPUTE, PROVISIONED, REQUESTS, STORAGE, LineItem

FREE_EPHEMERAL_MB = 512


def tiered_cost(gb_seconds: float, tiers: tuple[DurationTier, ...]) -> float:
    """Cost of ``gb_seconds`` counted from zero through the tiers (each tier's rate on its own slice)."""
    total = 0.0
    for tier in tiers:
        if gb_seconds <= tier.from_gb_seconds:
            break
        top = gb_seconds if tier.to_gb_seconds is None else min(gb_seconds, tier.to_gb_seconds)
        total += (top - tier.from_gb_seconds) * tier.usd_per_gb_second
    return total


@dataclass(frozen=True)
class LambdaBreakdown:
    requests: float
    gb_seconds: float
    on_demand_gb_seconds: float
    billable_gb_seconds: float
    requests_usd: float
    duration_on_demand_usd: float  # before the Savings Plan
    duration_usd: float
    provisioned_usd: float
    storage_usd: float
    sp_rate: float
    items: tuple[LineItem, ...]

    @property
    def total_usd(self) -> float:
        return self.requests_usd + self.duration_usd + self.provisioned_usd + self.storage_usd


class LambdaModel:
    """Standard Lambda monthly cost of one function at any monthly volume."""

    def __init__(self, prices: LambdaPrices, *, duration_ms: float, memory_mb: int, free_tier: FreeTier | None = None,
                 sp_rate: float = 0.0, ephemeral_storage_mb: int = FREE_EPHEMERAL_MB, provisioned_concurrency: int = 0,
                 provisioned_hours: float = 730.0, other_account_gb_seconds: float = 0.0,
                 hours_per_month: float = 730.0) -> None:
        self.prices = prices
        self.duration_ms = duration_ms
        self.memory_mb = memory_mb
        self.memory_gb = memory_mb / 1024.0
        self.gbs_per_request = duration_ms / 1000.0 * self.memory_gb
        self.sp_rate = sp_rate
        self.request_rate = prices.request_usd_per_million / 1e6
        self.tiers = prices.tiers
        self.offset = other_account_gb_seconds
        self.offset_cost = tiered_cost(other_account_gb_seconds, prices.tiers)
        self.pc = provisioned_concurrency if provisioned_hours > 0 else 0
        # The free tier does not cover functions with Provisioned Concurrency (AWS pricing page).
        self.free = free_tier if (free_tier is not None and self.pc == 0) else None
        self.free_requests = float(self.free.requests_per_month) if self.free else 0.0
        self.free_gbs = float(self.free.gb_seconds_per_month) if self.free else 0.0
        extra_gb = max(0, ephemeral_storage_mb - FREE_EPHEMERAL_MB) / 1024.0
        if extra_gb > 0 and prices.ephemeral_usd_per_gb_second is None:
            raise MissingPrice(f"no ephemeral-storage price for Lambda in {prices.region}", region=prices.region,
                               item="ephemeral storage", field="ephemeral_storage_mb")
        self.storage_per_request = extra_gb * duration_ms / 1000.0 * (prices.ephemeral_usd_per_gb_second or 0.0)
        self.ephemeral_storage_mb = ephemeral_storage_mb
        if self.pc:
            if prices.provisioned is None:
                raise MissingPrice(f"no Provisioned Concurrency price for {prices.arch} in {prices.region} in the "
                                   "snapshot (AWS publishes it; the snapshot's sources did not carry it)",
                                   region=prices.region, item="provisioned concurrency",
                                   field="provisioned_concurrency")
            self.pc_share = provisioned_hours / hours_per_month  # traffic share arriving while PC is on
            self.pc_capacity_gbs = self.pc * self.memory_gb * provisioned_hours * 3600.0
            self.pc_fixed_usd = self.pc_capacity_gbs * prices.provisioned.usd_per_gb_second_configured
            self.pc_duration_rate = prices.provisioned.duration_usd_per_gb_second
        else:
            self.pc_share = 0.0
            self.pc_capacity_gbs = 0.0
            self.pc_fixed_usd = 0.0
            self.pc_duration_rate = 0.0
        self.provisioned_hours = provisioned_hours

    # --- evaluation ---------------------------------------------------------------------------------------

    def _split(self, gbs: float) -> tuple[float, float]:
        """GB-seconds served by Provisioned Concurrency, and the rest (on-demand)."""
        if not self.pc:
            return 0.0, gbs
        served = min(gbs * self.pc_share, self.pc_capacity_gbs)
        return served, gbs - served

    def cost(self, volume: float) -> float:
        """Total monthly USD at ``volume`` requests/month."""
        requests_usd = max(0.0, volume - self.free_requests) * self.request_rate
        served, od = self._split(volume * self.gbs_per_request)
        billable = max(0.0, od - self.free_gbs)
        duration = tiered_cost(self.offset + billable, self.tiers) - self.offset_cost
        pc = self.pc_fixed_usd + served * self.pc_duration_rate
        return requests_usd + (duration + pc) * (1.0 - self.sp_rate) + volume * self.storage_per_request

    def breakdown(self, volume: float) -> LambdaBreakdown:
        gbs = volume * self.gbs_per_request
        served, od = self._split(gbs)
        billable = max(0.0, od - self.free_gbs)
        billable_requests = max(0.0, volume - self.free_requests)
        requests_usd = billable_requests * self.request_rate
        duration_od = tiered_cost(self.offset + billable, self.tiers) - self.offset_cost
        duration = duration_od * (1.0 - self.sp_rate)
        pc = (self.pc_fixed_usd + served * self.pc_duration_rate) * (1.0 - self.sp_rate)
        storage = volume * self.storage_per_request
        sp = f", less {self.sp_rate:.0%} Compute Savings Plan" if self.sp_rate else ""
        free = " after the free tier" if self.free else ""
        items = [
            LineItem(REQUESTS, "Requests", requests_usd,
                     f"{billable_requests:,.0f} requests{free} × ${self.prices.request_usd_per_million:g}/M"),
            LineItem(COMPUTE, "Duration", duration,
                     f"{billable:,.0f} GB-s{free} ({self.duration_ms:g} ms × {self.memory_mb} MB), "
                     f"{self.prices.arch} tiers{sp}"),
        ]
        if self.pc:
            items.append(LineItem(PROVISIONED, "Provisioned Concurrency", pc,
                                  f"{self.pc} × {self.memory_mb} MB for {self.provisioned_hours:g} h, "
                                  f"{served:,.0f} GB-s served{sp}"))
        if storage:
            items.append(LineItem(STORAGE, "Ephemeral storage", storage,
                                  f"{self.ephemeral_storage_mb - FREE_EPHEMERAL_MB} MB above the free 512 MB"))
        return LambdaBreakdown(volume, gbs, od, billable, requests_usd, duration_od, duration, pc, storage,
                               self.sp_rate, tuple(items))

    # --- shape of the curve -------------------------------------------------------------------------------

    def _volume_for_on_demand_gbs(self, target: float) -> float:
        """The volume at which on-demand GB-seconds reach ``target`` (the inverse of :meth:`_split`)."""
        g = self.gbs_per_request
        if target <= 0 or g <= 0:
            return 0.0
        if not self.pc:
            return target / g
        share = self.pc_share
        if share < 1.0:
            at_cap = self.pc_capacity_gbs / (g * share)  # volume at which PC is full
            if target <= at_cap * g * (1.0 - share):
                return target / (g * (1.0 - share))
        return (target + self.pc_capacity_gbs) / g

    def kinks(self, upper: float) -> list[float]:
        """Volumes in (0, upper) where the cost's slope changes: free-tier ends, tier boundaries, PC full."""
        points: list[float] = []
        if self.free:
            points.append(self.free_requests)
        if self.pc and self.pc_share > 0 and self.gbs_per_request > 0:
            points.append(self.pc_capacity_gbs / (self.gbs_per_request * self.pc_share))
        for tier in self.tiers:
            for bound in (tier.from_gb_seconds, tier.to_gb_seconds):
                if bound is not None and bound > self.offset:
                    points.append(self._volume_for_on_demand_gbs(bound - self.offset + self.free_gbs))
        if self.free:
            points.append(self._volume_for_on_demand_gbs(self.free_gbs))
        return sorted({p for p in points if 0 < p < upper})
