"""Standard Lambda cost: hand-computed cases for every part of the formula."""

from __future__ import annotations

import pytest

from workbench.cost.catalog import default_catalog
from workbench.cost.errors import MissingPrice
from workbench.cost.lambda_cost import LambdaModel, tiered_cost

CAT = default_catalog()
X86 = CAT.lambda_prices("us-east-1", "x86_64")
ARM = CAT.lambda_prices("us-east-1", "arm64")


def one_gb_second(prices, **kw) -> LambdaModel:
    """1,000 ms at 1,024 MB: exactly 1 GB-s per request, so volume = GB-seconds."""
    return LambdaModel(prices, duration_ms=1000, memory_mb=1024, **kw)


@pytest.mark.parametrize("gbs, expected", [
    (6e9, 6e9 * 0.0000166667),                                        # = 100,000.20, all tier 1
    (6e9 + 1, 6e9 * 0.0000166667 + 0.000015),                         # the first GB-s past 6B is tier 2
    (15e9, 6e9 * 0.0000166667 + 9e9 * 0.000015),                      # = 100,000.2 + 135,000 = 235,000.2
    (16e9, 6e9 * 0.0000166667 + 9e9 * 0.000015 + 1e9 * 0.0000133334),  # + 13,333.4 = 248,333.6
])
def test_x86_tier_boundaries_at_6b_and_15b(gbs, expected):
    assert tiered_cost(gbs, X86.tiers) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("gbs, expected", [
    (6e9, 6e9 * 0.0000133334),                                             # arm64 is still in tier 1 at 6B
    (7.5e9, 7.5e9 * 0.0000133334),                                         # = 100,000.50
    (7.5e9 + 1, 7.5e9 * 0.0000133334 + 0.0000120001),
    (18.75e9, 7.5e9 * 0.0000133334 + 11.25e9 * 0.0000120001),              # = 100,000.5 + 135,001.125
    (20e9, 7.5e9 * 0.0000133334 + 11.25e9 * 0.0000120001 + 1.25e9 * 0.0000106667),
])
def test_arm_tier_boundaries_at_7_5b_and_18_75b(gbs, expected):
    assert tiered_cost(gbs, ARM.tiers) == pytest.approx(expected, rel=1e-12)


def test_total_is_requests_plus_duration():
    # 15B requests × 1 GB-s: requests 15e9 × $0.20/M = $3,000; duration $235,000.20 (tiers above)
    model = one_gb_second(X86)
    assert model.cost(15e9) == pytest.approx(3000 + 235_000.2, rel=1e-12)
    b = model.breakdown(15e9)
    assert b.requests_usd == pytest.approx(3000)
    assert b.duration_usd == pytest.approx(235_000.2)


def test_tiers_count_what_other_functions_already_used():
    # 1B GB-s of this function on top of 5.5B from others: 0.5B at tier 1, 0.5B at tier 2
    model = one_gb_second(X86, other_account_gb_seconds=5.5e9)
    assert model.breakdown(1e9).duration_usd == pytest.approx(0.5e9 * 0.0000166667 + 0.5e9 * 0.000015)


def test_free_tier_on_and_off():
    # 400 ms × 1,024 MB = 0.4 GB-s per request: 1M requests = exactly the free 1M requests and 400,000 GB-s
    on = LambdaModel(X86, duration_ms=400, memory_mb=1024, free_tier=CAT.free_tier)
    off = LambdaModel(X86, duration_ms=400, memory_mb=1024)
    assert on.cost(1e6) == 0.0
    # 2M requests: 1M billable requests ($0.20) + 400,000 billable GB-s × 0.0000166667 ($6.66668)
    assert on.cost(2e6) == pytest.approx(0.2 + 6.66668)
    # without it: 2M × $0.20/M + 800,000 GB-s × 0.0000166667 = 0.40 + 13.33336
    assert off.cost(2e6) == pytest.approx(0.4 + 13.33336)


def test_free_tier_does_not_cover_provisioned_concurrency():
    model = LambdaModel(X86, duration_ms=400, memory_mb=1024, free_tier=CAT.free_tier, provisioned_concurrency=1)
    assert model.free is None


def test_ephemeral_storage_above_512mb():
    # 10,240 MB of /tmp: 9,728 MB billable = 9.5 GB; 1M requests × 1 s = 9.5M GB-s × $0.0000000309 = $0.29355
    model = LambdaModel(X86, duration_ms=1000, memory_mb=1024, ephemeral_storage_mb=10_240)
    base = LambdaModel(X86, duration_ms=1000, memory_mb=1024)
    assert model.cost(1e6) - base.cost(1e6) == pytest.approx(0.29355)
    assert LambdaModel(X86, duration_ms=1000, memory_mb=1024, ephemeral_storage_mb=512).storage_per_request == 0


def test_provisioned_concurrency():
    # 10 × 1 GB for 730 h = 26,280,000 GB-s configured × $0.0000041667 = $109.500876
    # 10M requests × 1 GB-s all served by PC (it is on all month) × $0.0000097222 = $97.222; requests $2.00
    model = one_gb_second(X86, provisioned_concurrency=10)
    assert model.cost(10e6) == pytest.approx(109.500876 + 97.222 + 2.0)
    b = model.breakdown(10e6)
    assert b.provisioned_usd == pytest.approx(109.500876 + 97.222)
    assert b.duration_usd == 0.0
    # 40M GB-s: PC serves its 26.28M GB-s capacity, the remaining 13.72M GB-s are on-demand tier 1
    b = model.breakdown(40e6)
    assert b.billable_gb_seconds == pytest.approx(13.72e6)
    assert b.duration_usd == pytest.approx(13.72e6 * 0.0000166667)


def test_provisioned_concurrency_price_missing_is_reported():
    with pytest.raises(MissingPrice, match="Provisioned Concurrency.*arm64.*eu-west-1"):
        LambdaModel(CAT.lambda_prices("eu-west-1", "arm64"), duration_ms=100, memory_mb=1024,
                    provisioned_concurrency=5)


def test_compute_savings_plan_discounts_duration_only():
    od = one_gb_second(X86)
    sp = one_gb_second(X86, sp_rate=0.17)
    a, b = od.breakdown(50e6), sp.breakdown(50e6)
    assert b.requests_usd == a.requests_usd  # requests never discounted: 50M × $0.20/M = $10
    assert a.requests_usd == pytest.approx(10.0)
    assert b.duration_usd == pytest.approx(a.duration_usd * 0.83)  # 50M GB-s × 0.0000166667 × (1 − 0.17)
    assert b.duration_usd == pytest.approx(50e6 * 0.0000166667 * 0.83)


def test_kinks_are_where_the_slope_changes():
    model = LambdaModel(X86, duration_ms=500, memory_mb=1024, free_tier=CAT.free_tier)
    # 0.5 GB-s per request: free requests end at 1M, free GB-s at 800k requests,
    # tier 1 ends at (6e9 + 400k) / 0.5 = 12,000,800,000, tier 2 at (15e9 + 400k) / 0.5
    kinks = model.kinks(1e12)
    for expected in (1e6, 8e5, 12_000_800_000, 30_000_800_000):
        assert any(k == pytest.approx(expected) for k in kinks)
