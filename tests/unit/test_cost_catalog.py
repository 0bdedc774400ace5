"""The pricing catalog: typed look-ups over the shipped snapshot, missing prices named, estimates labelled."""

from __future__ import annotations

import json

import pytest

from workbench.cost.catalog import PriceOverride, PricingCatalog, default_catalog, load_override, save_override
from workbench.cost.errors import MissingPrice


@pytest.fixture(scope="module")
def cat() -> PricingCatalog:
    return default_catalog()


def test_snapshot_ships_as_package_data_with_its_date(cat):
    assert cat.snapshot_date == "2026-11-27"
    assert cat.hours_per_month == 730
    assert cat.label == "snapshot of 2026-11-27"


def test_instance_lookup_has_shape_price_and_source(cat):
    inst = cat.instance("us-east-1", "c7g.xlarge")
    assert (inst.vcpu, inst.memory_gib, inst.arch, inst.family, inst.category) == (4, 8.0, "arm64", "c7g", "c")
    assert inst.usd_per_hour == 0.145
    assert not inst.estimate
    assert inst.provenance.as_of == "2026-07-20"
    assert "karpenter" in inst.provenance.source


def test_regions_keep_their_own_prices(cat):
    # c7g.xlarge: us-east-1 0.145, us-east-2 0.1445, eu-west-1 0.155, ap-northeast-1 0.1819 (aws-facts.md §3)
    assert cat.instance("us-east-2", "c7g.xlarge").usd_per_hour == 0.1445
    assert cat.instance("eu-west-1", "c7g.xlarge").usd_per_hour == 0.155
    assert cat.instance("ap-northeast-1", "c7g.xlarge").usd_per_hour == 0.1819


def test_missing_price_names_type_region_and_snapshot_date(cat):
    with pytest.raises(MissingPrice) as err:
        cat.instance("eu-west-1", "m7i.xlarge")
    assert str(err.value) == "no on-demand price for m7i.xlarge in eu-west-1 in the snapshot of 2026-11-27"
    assert err.value.region == "eu-west-1" and err.value.item == "m7i.xlarge"
    assert err.value.field == "instance_type"


def test_unknown_type_says_so(cat):
    with pytest.raises(MissingPrice, match="unknown instance type 'z9q.huge'"):
        cat.instance("us-east-1", "z9q.huge")


def test_estimate_only_when_asked_and_labelled(cat):
    # m7i in eu-west-1: the family's median $/vCPU-h there is 0.056175 (m7i.2xlarge 0.4494 / 8 vCPU)
    # → 4 vCPU × 0.056175 = 0.2247
    est = cat.instance("eu-west-1", "m7i.xlarge", estimate=True)
    assert est.estimate
    assert est.usd_per_hour == pytest.approx(0.2247)
    assert "ESTIMATE" in est.provenance.describe()


def test_cross_region_estimate_scales_the_reference_price(cat):
    # c8g has no price and no family hint in eu-west-1: us-east-1 price × the median eu-west-1/us-east-1 ratio
    est = cat.instance("eu-west-1", "c8g.xlarge", estimate=True)
    assert est.estimate and "us-east-1" in est.provenance.basis
    ratio = est.usd_per_hour / cat.instance("us-east-1", "c8g.xlarge").usd_per_hour
    assert 1.0 < ratio < 1.2  # eu-west-1 costs a little more (c7g.xlarge: 0.155 / 0.145 ≈ 1.069)


def test_instances_filters_by_architecture(cat):
    arm = cat.instances("us-east-1", arch="arm64")
    assert arm and all(i.arch == "arm64" for i in arm)
    assert len(cat.instances("us-east-1")) == 189


def test_lambda_prices_keep_tiers_per_architecture(cat):
    x86 = cat.lambda_prices("us-east-1", "x86_64")
    arm = cat.lambda_prices("us-east-1", "arm64")
    assert [t.to_gb_seconds for t in x86.tiers] == [6e9, 15e9, None]
    assert [t.to_gb_seconds for t in arm.tiers] == [7.5e9, 18.75e9, None]
    assert x86.tiers[0].usd_per_gb_second == 0.0000166667
    assert arm.tiers[2].usd_per_gb_second == 0.0000106667
    assert x86.request_usd_per_million == 0.2
    assert x86.ephemeral_usd_per_gb_second == 0.0000000309
    assert x86.provisioned is not None and x86.provisioned.usd_per_gb_second_configured == 0.0000041667


def test_region_without_lambda_prices_is_missing_not_guessed(cat):
    with pytest.raises(MissingPrice) as err:
        cat.lambda_prices("af-south-1", "x86_64")
    assert "af-south-1" in str(err.value) and "2026-11-27" in str(err.value)
    assert err.value.field == "region" and "it prices Lambda in ap-northeast-1, " in str(err.value)
    est = cat.lambda_prices("af-south-1", "x86_64", estimate=True)
    assert est.provenance.estimate
    with pytest.raises(MissingPrice):  # an estimate asked for once is not handed out afterwards unasked
        cat.lambda_prices("af-south-1", "x86_64")


def test_arm_provisioned_concurrency_outside_us_east_1_is_not_sourced(cat):
    assert cat.lambda_prices("eu-west-1", "arm64").provisioned is None


def test_free_tier_and_commitment_defaults_are_labelled(cat):
    assert (cat.free_tier.requests_per_month, cat.free_tier.gb_seconds_per_month) == (1_000_000, 400_000)
    assert cat.commitments["compute_sp_1yr"].ec2_rate == 0.32
    assert cat.commitments["reserved"].ec2_rate == 0.65
    assert "assumption" in cat.commitments["compute_sp_3yr"].provenance.what
    assert cat.lambda_compute_sp_default.lambda_rate == 0.17
    assert cat.lmi_pricing.management_fee_fraction == 0.15
    assert cat.lmi_pricing.management_fee_discountable is False


def test_lmi_region_rule(cat):
    assert cat.lmi_available("eu-central-1")
    for region in ("il-central-1", "me-south-1", "me-central-1", "ap-southeast-6"):
        assert not cat.lmi_available(region)


def test_override_takes_precedence_with_its_date(cat, tmp_path):
    override = PriceOverride(
        fetched_on="2026-12-01", source="AWS Price List API",
        ec2={"eu-west-1": {"m7i.xlarge": {"vcpu": 4, "memory_gib": 16.0, "arch": "x86_64", "usd_per_hour": 0.2142}}},
    )
    path = tmp_path / "prices.json"
    save_override(override, path)
    loaded = load_override(path)
    fresh = cat.with_override(loaded)
    inst = fresh.instance("eu-west-1", "m7i.xlarge")
    assert inst.usd_per_hour == 0.2142 and inst.provenance.as_of == "2026-12-01"
    assert fresh.instance("eu-west-1", "c7g.xlarge").usd_per_hour == 0.155  # the snapshot still answers the rest
    assert fresh.pricing_date == "2026-12-01"
    assert "fetched 2026-12-01" in fresh.label
    with pytest.raises(MissingPrice, match="or the AWS Price List prices fetched 2026-12-01"):
        fresh.instance("eu-west-1", "r8g.xlarge")
    assert json.loads(path.read_text())["kind"] == "lmi-workbench price override"


def test_sources_list_each_block_once(cat):
    sources = cat.sources("us-east-1", "arm64")
    whats = [p.what for p in sources]
    assert len(whats) == len(set(whats))
    assert any("EC2" in w for w in whats) and any("Lambda prices" in w for w in whats)
