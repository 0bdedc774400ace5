"""LMI sizing and cost: hand-computed cases (fee, minimum environments, packing, scheduled scaling)."""

from __future__ import annotations

import pytest

from workbench.cost.catalog import default_catalog
from workbench.cost.ec2_cost import self_managed_cost
from workbench.cost.errors import InstanceTooSmall
from workbench.cost.inputs import CostInputs, ScheduledScaling
from workbench.cost.lmi_cost import EeShape, LmiModel, ee_shape, envs_per_instance, fleet_periods

CAT = default_catalog()
C7G_XL = CAT.instance("us-east-1", "c7g.xlarge")  # 4 vCPU, 8 GiB, $0.145/h


def model_for(inputs: CostInputs, instance=C7G_XL) -> LmiModel:
    shape = ee_shape(inputs, CAT.lmi_limits.default_concurrency_per_vcpu)
    return LmiModel(instance, shape, fleet_periods(inputs, 730), duration_ms=inputs.duration_avg_ms,
                    az_count=inputs.az_count, pricing=CAT.lmi_pricing)


# 2,628,000,000 requests/month = 1,000 requests/s on average (730 h × 3,600 s = 2,628,000 s)
BASE = CostInputs(requests_per_month=2_628_000_000, duration_avg_ms=100, memory_mb=1024, architecture="arm64",
                  runtime="python", lmi_memory_mb=2048, gib_per_vcpu=2.0, target_utilisation=0.5)


def test_shape_from_memory_ratio_and_runtime():
    # 2,048 MB at 2 GiB/vCPU = 1 vCPU; Python's default 16 per vCPU × 1 = 16; capacity 16 × 50% = 8
    shape = ee_shape(BASE, CAT.lmi_limits.default_concurrency_per_vcpu)
    assert (shape.memory_mb, shape.vcpu, shape.concurrency, shape.capacity) == (2048, 1, 16, 8.0)
    # 8,192 MB at 2 GiB/vCPU = 4 vCPU; Node.js 64 × 4 = 256
    node = ee_shape(BASE.with_changes(runtime="nodejs", lmi_memory_mb=8192),
                    CAT.lmi_limits.default_concurrency_per_vcpu)
    assert (node.vcpu, node.concurrency) == (4, 256)


def test_fleet_from_traffic():
    # 1,000 requests/s × 0.1 s = 100 concurrent; 100 / 8 = 12.5 → 13 EEs;
    # c7g.xlarge holds min((4 − 1) // 1, (8 − 1) GiB // 2 GiB) = 3 EEs → ceil(13 / 3) = 5 instances
    m = model_for(BASE)
    v = BASE.requests_per_month
    assert (m.load_ees(0, v), m.ees(0, v), m.epi, m.instances(0, v)) == (13, 13, 3, 5)


def test_cost_on_demand():
    # EC2 5 × 730 h × $0.145 = $529.25; fee 15% = $79.3875; requests 2.628e9 × $0.20/M = $525.60
    m = model_for(BASE)
    b = m.breakdown(BASE.requests_per_month)
    assert b.ec2_on_demand_usd == pytest.approx(529.25)
    assert b.management_fee_usd == pytest.approx(79.3875)
    assert b.requests_usd == pytest.approx(525.6)
    assert b.total_usd == pytest.approx(1134.2375)
    assert m.cost(BASE.requests_per_month) == pytest.approx(1134.2375)


def test_management_fee_is_never_discounted():
    # 65% off EC2: 529.25 × 0.35 = 185.2375; the fee stays 15% of the ON-DEMAND $529.25 = 79.3875
    m = model_for(BASE)
    b = m.breakdown(BASE.requests_per_month, 0.65)
    assert b.ec2_usd == pytest.approx(185.2375)
    assert b.management_fee_usd == pytest.approx(79.3875)
    assert b.total_usd == pytest.approx(185.2375 + 79.3875 + 525.6)
    for rate in (0.0, 0.32, 0.65, 0.72):
        assert m.breakdown(1e9, rate).management_fee_usd == m.breakdown(1e9, 0.0).management_fee_usd


def test_minimum_execution_environments():
    # 1,000 requests a month need 1 EE for the load, but the minimum is 3 EEs, spread over 3 AZs → 3 instances
    m = model_for(BASE)
    assert (m.load_ees(0, 1000), m.ees(0, 1000), m.instances(0, 1000)) == (1, 3, 3)
    # 3 × 730 × $0.145 × 1.15 = $365.1825, plus 1,000 requests × $0.20/M = $0.0002
    assert m.cost(1000) == pytest.approx(365.1825 + 0.0002)
    # MinExecutionEnvironments 10 → 10 EEs → max(ceil(10 / 3), 3) = 4 instances
    ten = model_for(BASE.with_changes(min_execution_environments=10))
    assert (ten.ees(0, 1000), ten.instances(0, 1000)) == (10, 4)
    # non-production with 1 EE: one instance
    one = model_for(BASE.with_changes(min_execution_environments=1))
    assert one.instances(0, 1000) == 1


@pytest.mark.parametrize("name, memory_mb, ratio, expected", [
    ("c7g.xlarge", 2048, 2.0, 3),    # (4−1)//1 = 3 vCPU-wise, (8−1)·1024//2048 = 3 memory-wise
    ("c7g.large", 2048, 2.0, 1),     # (2−1)//1 = 1, 3072//2048 = 1
    ("m7g.large", 2048, 2.0, 1),     # 1 vCPU left; memory would allow 3
    ("c7g.4xlarge", 2048, 2.0, 15),  # 15 vCPU, 31 GiB // 2 GiB = 15
    ("c7g.2xlarge", 4096, 2.0, 3),   # 2 vCPU per EE: 7 // 2 = 3; 15 GiB // 4 GiB = 3
    ("r7g.large", 8192, 8.0, 1),     # 1 vCPU per EE at 8:1; 15 GiB // 8 GiB = 1
    ("c7g.xlarge", 8192, 8.0, 0),    # 7 GiB left cannot hold 8 GiB
    ("c7g.large", 4096, 2.0, 0),     # 1 vCPU left cannot hold 2
])
def test_packing_keeps_one_vcpu_and_one_gib_for_the_system(name, memory_mb, ratio, expected):
    inst = CAT.instance("us-east-1", name)
    vcpu = max(1, -(-memory_mb // int(ratio * 1024)))
    assert envs_per_instance(inst, EeShape(memory_mb, vcpu, 16, 0.5)) == expected


def test_instance_that_cannot_hold_one_environment_is_a_clear_error():
    with pytest.raises(InstanceTooSmall) as err:
        model_for(BASE.with_changes(lmi_memory_mb=8192, gib_per_vcpu=8.0))
    assert err.value.field == "instance_type"
    assert "c7g.xlarge (4 vCPU, 8 GiB) cannot hold one execution environment" in str(err.value)
    assert "at least 2 vCPU and 9 GiB" in str(err.value)


def test_scheduled_scaling_lowers_the_off_peak_fleet():
    # peak 2,000/s for 220 h: 200 concurrent / 8 = 25 EEs → ceil(25/3) = 9 instances
    # off-peak 500/s for 510 h: 50 / 8 = 6.25 → 7 EEs → 3 instances
    # 9 × 220 + 3 × 510 = 3,510 instance-hours × $0.145 = $508.95 (against 9 × 730 × 0.145 = $952.65 without)
    inputs = BASE.with_changes(peak_rps=2000, scheduled_scaling=ScheduledScaling(220, off_peak_rps=500))
    m = model_for(inputs)
    v = inputs.requests_per_month
    assert (m.instances(0, v), m.instances(1, v)) == (9, 3)
    assert m.instance_hours(v) == pytest.approx(3510)
    assert m.breakdown(v).ec2_on_demand_usd == pytest.approx(508.95)
    flat = model_for(BASE.with_changes(peak_rps=2000))
    assert flat.breakdown(v).ec2_on_demand_usd == pytest.approx(952.65)


def test_scheduled_scaling_to_zero_off_peak():
    inputs = BASE.with_changes(scheduled_scaling=ScheduledScaling(220, off_peak_rps=0,
                                                                  off_peak_min_execution_environments=0))
    m = model_for(inputs)
    assert m.instances(1, inputs.requests_per_month) == 0


def test_self_managed_ec2_packs_the_same_load():
    # 13 EEs of 1 vCPU / 2 GiB: 13 vCPU / (4 × 0.6) = 5.4 → 6; 26 GiB / (8 × 0.6) = 5.4 → 6 → 6 instances
    # 6 × 730 × $0.145 = $635.10, no fee, no request charge
    m = model_for(BASE)
    b = self_managed_cost(m, BASE.requests_per_month, packing=0.6)
    assert b.instance_hours == pytest.approx(6 * 730)
    assert b.total_usd == pytest.approx(635.1)
    # never fewer instances than AZs while there is load
    assert self_managed_cost(m, 1000, packing=0.6).average_instances == 3
