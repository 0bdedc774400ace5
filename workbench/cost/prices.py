"""The typed records the pricing catalog hands out: prices with their provenance, limits and defaults."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SIZE = re.compile(r"^(?:(\d+)?x)?large$")


@dataclass(frozen=True)
class Provenance:
    """Where a block of prices came from. ``estimate`` marks numbers derived rather than looked up."""

    what: str
    source: str
    as_of: str
    estimate: bool = False
    basis: str = ""

    def describe(self) -> str:
        when = f"as of {self.as_of}" if self.as_of[:1].isdigit() else self.as_of
        text = f"{self.what}: {self.source} ({when})"
        if self.estimate:
            text = f"ESTIMATE — {text}; {self.basis}"
        elif self.basis:
            text += f"; {self.basis}"
        return text


@dataclass(frozen=True)
class InstanceType:
    name: str
    region: str
    vcpu: int
    memory_gib: float
    arch: str
    family: str
    category: str
    usd_per_hour: float
    provenance: Provenance

    @property
    def size(self) -> str:
        return self.name.split(".", 1)[1]

    @property
    def estimate(self) -> bool:
        return self.provenance.estimate


@dataclass(frozen=True)
class DurationTier:
    from_gb_seconds: float
    to_gb_seconds: float | None  # None: no upper bound
    usd_per_gb_second: float
    basis: str = ""


@dataclass(frozen=True)
class ProvisionedConcurrencyPrice:
    usd_per_gb_second_configured: float
    duration_usd_per_gb_second: float


@dataclass(frozen=True)
class LambdaPrices:
    """Standard Lambda prices for one region and architecture."""

    region: str
    arch: str
    request_usd_per_million: float
    tiers: tuple[DurationTier, ...]
    ephemeral_usd_per_gb_second: float | None
    provisioned: ProvisionedConcurrencyPrice | None
    provenance: Provenance


@dataclass(frozen=True)
class FreeTier:
    requests_per_month: int
    gb_seconds_per_month: int
    note: str
    provenance: Provenance


@dataclass(frozen=True)
class CommitmentRate:
    """A default discount rate. Not a price from AWS: an assumption the user can edit, labelled as such."""

    key: str
    label: str
    ec2_rate: float
    lambda_rate: float
    max_rate: float  # AWS's headline "up to" figure for this kind of commitment
    provenance: Provenance


@dataclass(frozen=True)
class LmiPricing:
    request_usd_per_million: float
    management_fee_fraction: float
    management_fee_discountable: bool
    provenance: Provenance


@dataclass(frozen=True)
class LmiLimits:
    """LMI capacity limits and defaults (docs and API shapes), used for validation and defaults."""

    memory_mb_min: int
    memory_mb_max: int
    vcpu_max: int
    ratio_min: float
    ratio_max: float
    ratio_default: float
    per_ee_concurrency_min: int
    per_ee_concurrency_max: int
    concurrency_per_vcpu_max: int
    default_concurrency_per_vcpu: dict[str, int | None]
    min_ees_default: int
    ees_max: int
    default_instances: int
    max_vcpu_default: int
    max_vcpu_min: int
    max_vcpu_max: int
    sync_timeout_s: int
    async_timeout_s: int
    excluded_regions: tuple[str, ...]
    regions_as_of: str
    regions_source: str


def size_rank(size: str) -> float:
    """``large`` 0.5, ``xlarge`` 1, ``4xlarge`` 4; ``medium`` 0.25; anything else (``metal``) is infinite."""
    if size == "medium":
        return 0.25
    match = _SIZE.match(size)
    if not match:
        return float("inf")
    if size == "large":
        return 0.5
    return float(match.group(1) or 1)
