"""The pricing catalog: typed look-ups over the sourced snapshot shipped with the package.

Every block keeps where its numbers came from and how old they are (:class:`Provenance`), so the cost pane can
say which prices it uses. A price the catalog lacks raises :class:`MissingPrice`; it is never guessed. An
estimate (a family's median price per vCPU in the same region, or another region's price scaled by the regional
ratio) is produced only when the caller asks for one, and it is labelled as an estimate.

Prices fetched from the AWS Price List API (``workbench.cost.refresh``) come in as a :class:`PriceOverride` in
the same shapes as the snapshot's blocks; they take precedence over the snapshot, with their own fetch date.
"""

from __future__ import annotations

import json
import statistics
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from workbench.cost.errors import MissingPrice
from workbench.cost.override import PriceOverride, load_override, save_override
from workbench.cost.prices import (
    CommitmentRate,
    DurationTier,
    FreeTier,
    InstanceType,
    LambdaPrices,
    LmiLimits,
    LmiPricing,
    ProvisionedConcurrencyPrice,
    Provenance,
    size_rank,
)

__all__ = [
    "ARCHITECTURES", "CommitmentRate", "DurationTier", "FreeTier", "InstanceType", "LambdaPrices", "LmiLimits",
    "LmiPricing", "PriceOverride", "PricingCatalog", "Provenance", "ProvisionedConcurrencyPrice", "default_catalog",
    "load_override", "save_override", "size_rank",
]

ARCHITECTURES = ("x86_64", "arm64")
REFERENCE_REGION = "us-east-1"  # the only region whose EC2 block is complete in the snapshot


def _source_text(block: dict[str, Any]) -> str:
    if "repo" in block:
        text = f"{block['repo']} {block.get('path', '')}".strip()
        if block.get("commit"):
            text += f" @ {str(block['commit'])[:7]}"
        return text
    return str(block)


@lru_cache(maxsize=1)
def _snapshot_data() -> dict[str, Any]:
    text = resources.files("workbench.cost").joinpath("data/lmi-pricing-snapshot.json").read_text("utf-8")
    return json.loads(text)


class PricingCatalog:
    """Look-ups over one snapshot, optionally with fetched prices laid over it."""

    def __init__(self, data: dict[str, Any], override: PriceOverride | None = None) -> None:
        self._data = data
        self.override = override
        self._instances: dict[str, dict[str, InstanceType]] = {}
        self._lambda: dict[tuple[str, str], LambdaPrices] = {}
        self._specs: dict[str, tuple[int, float, str]] | None = None
        self._factors: dict[str, tuple[float, int] | None] = {}
        self.memo: dict[tuple[Any, ...], Any] = {}  # derived look-ups other modules cache per catalog
        self.snapshot_date: str = str(data.get("generated_on", "unknown date"))
        self.hours_per_month: float = float(data["hours_per_month"]["value"])
        self.currency: str = data.get("currency", "USD")
        self.free_tier = self._free_tier()
        self.lmi_pricing = self._lmi_pricing()
        self.lmi_limits = self._lmi_limits()
        self.commitments = self._commitments()
        lam_sp = data["lambda_standard"]["compute_savings_plan"]
        self.lambda_compute_sp_default = CommitmentRate(
            key="lambda_compute_sp", label="Compute Savings Plan (Lambda duration)",
            ec2_rate=0.0, lambda_rate=float(lam_sp["max_discount"]), max_rate=float(lam_sp["max_discount"]),
            provenance=Provenance("Lambda Compute Savings Plan rate", lam_sp["source"], "2026",
                                  basis="AWS's headline maximum ('up to'); edit it to your plan's rate"))

    # --- construction -------------------------------------------------------------------------------------

    @classmethod
    def from_file(cls, path: Path, override: PriceOverride | None = None) -> "PricingCatalog":
        return cls(json.loads(Path(path).read_text("utf-8")), override)

    def with_override(self, override: PriceOverride | None) -> "PricingCatalog":
        return PricingCatalog(self._data, override)

    @property
    def label(self) -> str:
        """How the pane names the prices in use: "snapshot of 2026-11-27" (+ fetched prices and their date)."""
        text = f"snapshot of {self.snapshot_date}"
        if self.override is not None:
            text += f" with AWS Price List prices fetched {self.override.fetched_on}"
        return text

    @property
    def pricing_date(self) -> str:
        """The date of the newest prices in use: the fetch date of an override, else the snapshot's date."""
        return self.override.fetched_on if self.override is not None else self.snapshot_date

    # --- fixed blocks -------------------------------------------------------------------------------------

    def _free_tier(self) -> FreeTier:
        lam = self._data["lambda_standard"]
        block = lam["free_tier"]
        return FreeTier(int(block["requests_per_month"]), int(block["gb_seconds_per_month"]), block.get("note", ""),
                        Provenance("Lambda free tier", lam["source"]["pricing_page"], lam["as_of"]))

    def _lmi_pricing(self) -> LmiPricing:
        lmi = self._data["lmi"]
        block = lmi["pricing"]
        return LmiPricing(float(block["request_usd_per_million"]),
                          float(block["management_fee_fraction_of_ec2_on_demand"]),
                          bool(block["management_fee_discountable"]),
                          Provenance("LMI requests and management fee", block["sources"]["request_and_fee"],
                                     lmi["as_of"], basis=block["sources"]["fee_not_discounted"]))

    def _lmi_limits(self) -> LmiLimits:
        lmi = self._data["lmi"]
        cap = lmi["capacity"]
        ratio = cap["memory_gib_per_vcpu"]
        conc = cap["per_execution_environment_max_concurrency"]
        vcpu = cap["capacity_provider_max_vcpu"]
        regions = lmi["regions"]
        return LmiLimits(
            memory_mb_min=int(cap["function_memory_mib"]["min"]), memory_mb_max=int(cap["function_memory_mib"]["max"]),
            vcpu_max=int(cap["function_vcpu"]["max"]),
            ratio_min=float(ratio["api_min"]), ratio_max=float(ratio["api_max"]), ratio_default=float(ratio["default"]),
            per_ee_concurrency_min=int(conc["api_min"]), per_ee_concurrency_max=int(conc["api_max"]),
            concurrency_per_vcpu_max=int(conc["doc_max_per_vcpu"]),
            default_concurrency_per_vcpu=_with_documented_defaults(dict(cap["default_concurrency_per_vcpu"])),
            min_ees_default=int(cap["default_min_execution_environments"]),
            ees_max=int(cap["execution_environments_range"][1]),
            default_instances=int(cap["default_instances_launched"]),
            max_vcpu_default=int(vcpu["default"]), max_vcpu_min=int(vcpu["api_min"]), max_vcpu_max=int(vcpu["api_max"]),
            sync_timeout_s=int(cap["timeouts"]["sync_max_s"]),
            async_timeout_s=int(cap["timeouts"]["async_and_esm_max_s"]),
            excluded_regions=tuple(regions["excluded"]), regions_as_of=str(regions["as_of"]),
            regions_source=str(regions["source"]),
        )

    def _commitments(self) -> dict[str, CommitmentRate]:
        sp = self._data["savings_plans"]
        sample = sp["calculator_assumptions_aws_samples"]
        head = sp["aws_headline_max_discounts"]
        prov = Provenance("commitment discount (assumption)", sample["source"], "2026-03-19",
                          basis="the aws-samples calculator's assumption, not an AWS rate for your instance family; "
                                "edit it to your quote")
        rows = (
            ("compute_sp_1yr", "Compute Savings Plan, 1 yr", "compute_sp_1yr", "ec2_compute_savings_plan"),
            ("compute_sp_3yr", "Compute Savings Plan, 3 yr", "compute_sp_3yr", "ec2_compute_savings_plan"),
            ("ec2_instance_sp", "EC2 Instance Savings Plan, 1 yr", "ec2_instance_sp_1yr", "ec2_instance_savings_plan"),
            ("reserved", "Reserved Instances, 3 yr", "reserved_3yr", "reserved_instances"),
        )
        return {key: CommitmentRate(key, label, float(sample[src]["ec2"]), float(sample[src]["lambda"]),
                                    float(head[cap]), prov)
                for key, label, src, cap in rows}

    # --- regions ------------------------------------------------------------------------------------------

    def lmi_available(self, region: str) -> bool:
        """LMI is in every commercial region except the excluded list (What's New, 2026-06-08)."""
        return region not in self.lmi_limits.excluded_regions

    def ec2_regions(self) -> list[str]:
        regions = [r for r in self._data["ec2_on_demand_linux"] if not r.startswith("_")]
        if self.override is not None:
            regions += [r for r in self.override.ec2 if r not in regions]
        return sorted(regions)

    def lambda_regions(self) -> list[str]:
        regions = list(self._data["lambda_standard"]["regions"])
        if self.override is not None:
            regions += [r for r in self.override.lambda_ if r not in regions]
        return sorted(regions)

    # --- EC2 ----------------------------------------------------------------------------------------------

    def _snapshot_provenance(self, region: str) -> Provenance:
        block = self._data["ec2_on_demand_linux"][region]
        basis = block.get("note", "") if block.get("partial") else ""
        return Provenance(f"EC2 on-demand Linux prices, {region}", _source_text(block["source"]),
                          str(block.get("as_of", self.snapshot_date)), basis=basis)

    def _region_instances(self, region: str) -> dict[str, InstanceType]:
        cached = self._instances.get(region)
        if cached is not None:
            return cached
        rows: dict[str, InstanceType] = {}
        block = self._data["ec2_on_demand_linux"].get(region)
        if block is not None:
            prov = self._snapshot_provenance(region)
            for name, row in block["instances"].items():
                rows[name] = _instance_from_row(name, region, row, prov)
        if self.override is not None and region in self.override.ec2:
            prov = Provenance(f"EC2 on-demand Linux prices, {region}", self.override.source, self.override.fetched_on)
            for name, row in self.override.ec2[region].items():
                rows[name] = _instance_from_row(name, region, row, prov)
        self._instances[region] = rows
        return rows

    def _all_specs(self) -> dict[str, tuple[int, float, str]]:
        """vCPU, memory and architecture by type; these do not depend on the region."""
        if self._specs is None:
            specs: dict[str, tuple[int, float, str]] = {}
            for region in self.ec2_regions():
                for name, inst in self._region_instances(region).items():
                    specs.setdefault(name, (inst.vcpu, inst.memory_gib, inst.arch))
            self._specs = specs
        return self._specs

    def missing_message(self, what: str, region: str) -> str:
        text = f"no {what} in {region} in the snapshot of {self.snapshot_date}"
        if self.override is not None:
            text += f" or the AWS Price List prices fetched {self.override.fetched_on}"
        return text

    def instance(self, region: str, name: str, *, estimate: bool = False) -> InstanceType:
        """The on-demand price and shape of ``name`` in ``region``.

        Raises MissingPrice when the catalog has no price there, unless ``estimate`` is true: then a labelled
        estimate is returned when one can be made (see :meth:`estimate_instance`).
        """
        found = self._region_instances(region).get(name)
        if found is not None:
            return found
        if estimate:
            guessed = self.estimate_instance(region, name)
            if guessed is not None:
                return guessed
        if name not in self._all_specs():
            raise MissingPrice(f"unknown instance type {name!r}: it is in no region of the snapshot of "
                               f"{self.snapshot_date}", region=region, item=name,
                               field="instance_type")
        raise MissingPrice(self.missing_message(f"on-demand price for {name}", region), region=region, item=name,
                           field="instance_type")

    def estimate_instance(self, region: str, name: str) -> InstanceType | None:
        """A labelled estimate for a type the region lacks, or None when none can be made.

        First choice: the family's median price per vCPU-hour observed in the same region (the snapshot's
        ``family_rate_hint``). Otherwise the reference region's price times the median ratio of this region's
        prices to the reference region's over the types both have.
        """
        spec = self._all_specs().get(name)
        if spec is None:
            return None
        vcpu, mem, arch = spec
        family = name.split(".", 1)[0]
        hints = self._data["ec2_on_demand_linux"].get(region, {}).get("family_rate_hint", {})
        hint = hints.get(family)
        if isinstance(hint, dict) and hint.get("approx_usd_per_vcpu_hour"):
            rate = float(hint["approx_usd_per_vcpu_hour"])
            prov = Provenance(f"EC2 on-demand price of {name}, {region}", "snapshot family_rate_hint",
                              self.snapshot_date, estimate=True,
                              basis=f"{vcpu} vCPU × ${rate:g}/vCPU-h, the median {family} rate observed in "
                                    f"{region} ({hint.get('n_observed', '?')} types); not a price")
            return InstanceType(name, region, vcpu, mem, arch, family, family[0], round(vcpu * rate, 6), prov)
        if region == REFERENCE_REGION:
            return None
        ref = self._region_instances(REFERENCE_REGION).get(name)
        if ref is None:
            return None
        here = self._region_instances(region)
        if not here:  # nothing priced in this region at all: the reference price as it is, labelled
            prov = Provenance(f"EC2 on-demand price of {name}, {region}", f"{REFERENCE_REGION} price used for {region}",
                              ref.provenance.as_of, estimate=True,
                              basis=f"the snapshot has no EC2 prices for {region}; {REFERENCE_REGION} charges "
                                    f"${ref.usd_per_hour:g}/h and other regions often charge more; not a price")
            return InstanceType(name, region, vcpu, mem, arch, family, family[0], ref.usd_per_hour, prov)
        if region not in self._factors:
            ref_rows = self._region_instances(REFERENCE_REGION)
            ratios = [inst.usd_per_hour / other.usd_per_hour for n, inst in here.items()
                      if (other := ref_rows.get(n)) is not None and other.usd_per_hour > 0]
            self._factors[region] = (statistics.median(ratios), len(ratios)) if ratios else None
        found = self._factors[region]
        if found is None:
            return None
        factor, n_ratios = found
        prov = Provenance(f"EC2 on-demand price of {name}, {region}", f"{REFERENCE_REGION} price × regional ratio",
                          self.snapshot_date, estimate=True,
                          basis=f"{REFERENCE_REGION} ${ref.usd_per_hour:g}/h × {factor:.4f}, the median {region}/"
                                f"{REFERENCE_REGION} price ratio over {n_ratios} types; not a price")
        return InstanceType(name, region, vcpu, mem, arch, family, family[0], round(ref.usd_per_hour * factor, 6), prov)

    def instances(self, region: str, *, arch: str | None = None, estimate: bool = False) -> list[InstanceType]:
        """Every priced type in ``region`` (optionally one architecture), sorted by name.

        With ``estimate``, types the region lacks but the snapshot knows elsewhere are added as labelled
        estimates where one can be made.
        """
        rows = dict(self._region_instances(region))
        if estimate:
            for name in self._all_specs():
                if name not in rows:
                    guessed = self.estimate_instance(region, name)
                    if guessed is not None:
                        rows[name] = guessed
        out = [inst for inst in rows.values() if arch is None or inst.arch == arch]
        out.sort(key=lambda inst: inst.name)
        return out

    def has_ec2_prices(self, region: str) -> bool:
        return bool(self._region_instances(region))

    # --- Lambda -------------------------------------------------------------------------------------------

    def lambda_prices(self, region: str, arch: str, *, estimate: bool = False) -> LambdaPrices:
        """Standard Lambda prices for a region and architecture; MissingPrice if the catalog lacks them."""
        if arch not in ARCHITECTURES:
            raise MissingPrice(f"unknown architecture {arch!r}: expected one of {', '.join(ARCHITECTURES)}",
                               region=region, item=arch)
        key = (region, arch)
        cached = self._lambda.get(key)
        if cached is not None and (not cached.provenance.estimate or estimate):
            return cached
        lam = self._data["lambda_standard"]
        block: dict[str, Any] | None = None
        prov: Provenance | None = None
        if self.override is not None:
            candidate = self.override.lambda_.get(region)
            if candidate and arch in candidate.get("duration", {}):
                # fetched prices first; anything the fetch lacked (PC, storage) from the snapshot's block
                block = {**lam["regions"].get(region, {}), **{k: v for k, v in candidate.items() if v}}
                prov = Provenance(f"Lambda prices, {region} {arch}", self.override.source, self.override.fetched_on)
        if block is None and region in lam["regions"]:
            block = lam["regions"][region]
            prov = Provenance(f"Lambda prices, {region} {arch}", _source_text(lam["source"]["regional_table"]),
                              lam["as_of"])
        if block is None:
            if not estimate or REFERENCE_REGION not in lam["regions"]:
                priced = ", ".join(self.lambda_regions())
                raise MissingPrice(self.missing_message(f"Lambda prices ({arch})", region)
                                   + f"; it prices Lambda in {priced}", region=region, item=arch)
            block = lam["regions"][REFERENCE_REGION]
            prov = Provenance(f"Lambda prices, {region} {arch}", f"{REFERENCE_REGION} prices used for {region}",
                              lam["as_of"], estimate=True,
                              basis=f"{region} is not in the snapshot; some regions charge more than "
                                    f"{REFERENCE_REGION}")
        assert prov is not None
        prices = _lambda_from_block(region, arch, block, prov)
        self._lambda[key] = prices
        return prices

    # --- provenance ---------------------------------------------------------------------------------------

    def sources(self, region: str, arch: str | None = None) -> list[Provenance]:
        """Every block of prices a comparison in ``region`` draws on, for the pane's "prices used" line."""
        out: list[Provenance] = []
        for a in ([arch] if arch else list(ARCHITECTURES)):
            try:
                out.append(self.lambda_prices(region, a).provenance)
            except MissingPrice:
                pass
        insts = self._region_instances(region)
        seen: set[tuple[str, str]] = set()
        for inst in insts.values():
            mark = (inst.provenance.source, inst.provenance.as_of)
            if mark not in seen:
                seen.add(mark)
                out.append(inst.provenance)
        out.append(self.free_tier.provenance)
        out.append(self.lmi_pricing.provenance)
        out.append(next(iter(self.commitments.values())).provenance)
        out.append(self.lambda_compute_sp_default.provenance)
        return out


def _instance_from_row(name: str, region: str, row: dict[str, Any], prov: Provenance) -> InstanceType:
    family = str(row.get("family") or name.split(".", 1)[0])
    return InstanceType(name=name, region=region, vcpu=int(row["vcpu"]), memory_gib=float(row["memory_gib"]),
                        arch=str(row["arch"]), family=family, category=str(row.get("category") or family[0]),
                        usd_per_hour=float(row["usd_per_hour"]), provenance=prov)


def _lambda_from_block(region: str, arch: str, block: dict[str, Any], prov: Provenance) -> LambdaPrices:
    tiers = tuple(
        DurationTier(float(t["from_gb_seconds"]), None if t.get("to_gb_seconds") is None else float(t["to_gb_seconds"]),
                     float(t["usd_per_gb_second"]), str(t.get("basis", "")))
        for t in block["duration"][arch]["tiers"]
    )
    pc_block = (block.get("provisioned_concurrency") or {}).get(arch) or {}
    pc = None
    configured = pc_block.get("usd_per_gb_second_configured")
    if configured is not None and pc_block.get("duration_usd_per_gb_second") is not None:
        pc = ProvisionedConcurrencyPrice(float(pc_block["usd_per_gb_second_configured"]),
                                         float(pc_block["duration_usd_per_gb_second"]))
    eph = block.get("ephemeral_storage_usd_per_gb_second_above_512mb")
    return LambdaPrices(region=region, arch=arch, request_usd_per_million=float(block["request_usd_per_million"]),
                        tiers=tiers, ephemeral_usd_per_gb_second=None if eph is None else float(eph),
                        provisioned=pc, provenance=prov)


@lru_cache(maxsize=1)
def default_catalog() -> PricingCatalog:
    """The catalog built from the snapshot shipped with the package (cached; treat it as read-only)."""
    return PricingCatalog(_snapshot_data())


def _with_documented_defaults(per_vcpu: dict[str, int | None]) -> dict[str, int | None]:
    """The snapshot's default concurrency per vCPU, with a family it leaves blank (Rust: null in the pricing snapshot)
    filled from the facts module, which cites AWS's page for it ("Rust support for Lambda Managed Instances": 8)."""
    from workbench.lmi_facts import SUPPORTED_RUNTIME_FAMILIES as FAMILY_FACTS

    filled = dict(per_vcpu)
    for name, facts in FAMILY_FACTS.items():
        if filled.get(name) is None:
            filled[name] = facts.default_concurrency_per_vcpu
    return filled
