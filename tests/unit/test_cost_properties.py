"""Properties that must hold for any workload (hypothesis): monotone costs, the minimum fleet, break-even."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.cost.breakeven import solve_breakeven
from workbench.cost.catalog import default_catalog
from workbench.cost.compare import choose_instance, lambda_model
from workbench.cost.inputs import CostInputs, ScheduledScaling
from workbench.cost.lambda_cost import LambdaModel

CAT = default_catalog()
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

volumes = st.floats(min_value=1, max_value=1e12, allow_nan=False)


@st.composite
def lambda_models(draw) -> LambdaModel:
    arch = draw(st.sampled_from(["x86_64", "arm64"]))
    region = draw(st.sampled_from(["us-east-1", "eu-west-1", "ap-northeast-1"]))
    prices = CAT.lambda_prices(region, arch)
    pc = draw(st.sampled_from([0, 0, 5, 200])) if prices.provisioned else 0
    return LambdaModel(
        prices, duration_ms=draw(st.floats(1, 900_000)), memory_mb=draw(st.integers(128, 10_240)),
        free_tier=CAT.free_tier if draw(st.booleans()) else None, sp_rate=draw(st.sampled_from([0.0, 0.12, 0.17])),
        ephemeral_storage_mb=draw(st.integers(512, 10_240)), provisioned_concurrency=pc,
        provisioned_hours=draw(st.floats(0, 730)), other_account_gb_seconds=draw(st.sampled_from([0, 5e9, 2e10])),
    )


@st.composite
def workloads(draw) -> CostInputs:
    requests = draw(st.floats(1e3, 5e10))
    peak_multiple = draw(st.floats(1, 20))
    mean = requests / (730 * 3600)
    sched = None
    if draw(st.booleans()):
        sched = ScheduledScaling(draw(st.floats(0, 729)), off_peak_rps=draw(st.floats(0, 1)) * mean,
                                 off_peak_min_execution_environments=draw(st.sampled_from([None, 0, 1])))
    return CostInputs(
        requests_per_month=requests, duration_avg_ms=draw(st.floats(1, 60_000)),
        memory_mb=draw(st.integers(128, 10_240)), architecture=draw(st.sampled_from(["x86_64", "arm64"])),
        runtime=draw(st.sampled_from(["nodejs", "python", "java", "dotnet"])), peak_rps=mean * peak_multiple,
        lmi_memory_mb=draw(st.sampled_from([2048, 4096, 8192])), gib_per_vcpu=draw(st.sampled_from([2.0, 4.0, 8.0])),
        min_execution_environments=draw(st.integers(0, 20)), target_utilisation=draw(st.floats(0.1, 1.0)),
        free_tier=draw(st.booleans()), scheduled_scaling=sched, published_versions=draw(st.integers(1, 3)),
    )


@SETTINGS
@given(lambda_models(), volumes, volumes)
def test_lambda_cost_is_non_decreasing_in_volume(model, a, b):
    lo, hi = sorted((a, b))
    assert model.cost(lo) <= model.cost(hi) + 1e-9 * max(1.0, model.cost(hi))


@SETTINGS
@given(lambda_models(), volumes)
def test_lambda_breakdown_adds_up(model, v):
    b = model.breakdown(v)
    assert math.isclose(b.total_usd, model.cost(v), rel_tol=1e-9, abs_tol=1e-9)
    assert abs(sum(i.usd for i in b.items) - b.total_usd) <= 1e-9 * max(1.0, b.total_usd)


@SETTINGS
@given(workloads(), volumes, st.sampled_from([0.0, 0.32, 0.65, 0.72]))
def test_lmi_cost_never_below_the_minimum_fleet(inputs, v, rate):
    _, lmi, _ = choose_instance(inputs, CAT)
    floor_hours = sum(p.hours * lmi.floors[k] for k, p in enumerate(lmi.periods))
    minimum = floor_hours * lmi.price * (1 - rate + lmi.fee)
    assert lmi.cost(v, rate) >= minimum - 1e-9
    # and never below the fee on the on-demand price of whatever runs
    b = lmi.breakdown(v, rate)
    assert math.isclose(b.management_fee_usd, 0.15 * b.ec2_on_demand_usd, rel_tol=1e-12)


@SETTINGS
@given(workloads(), volumes, volumes)
def test_lmi_cost_is_non_decreasing_in_volume(inputs, a, b):
    _, lmi, _ = choose_instance(inputs, CAT)
    lo, hi = sorted((a, b))
    assert lmi.cost(lo) <= lmi.cost(hi) + 1e-9


@SETTINGS
@given(workloads(), st.sampled_from([0.0, 0.32, 0.65]))
def test_breakeven_is_consistent_with_both_curves(inputs, rate):
    lam = lambda_model(inputs, CAT)
    _, lmi, _ = choose_instance(inputs, CAT)
    be = solve_breakeven(lam, lmi, discount_rate=rate)
    if be.status == "crossing":
        v = be.requests_per_month
        assert v is not None and v > 0
        # the two costs are equal (to the cent) at the solved volume ...
        assert abs(lam.cost(v) - lmi.cost(v, rate)) <= 0.01
        # ... and LMI is dearer everywhere before it: probe below, including at every fleet step's end
        probes = [v * f for f in (0.1, 0.5, 0.9, 0.99, 0.9999)]
        x = 1.0
        for _ in range(200):
            end = lmi.segment_end(x)
            if not end < v * 0.9999:
                break
            probes.append(end)
            x = end * (1 + 1e-8)
        for p in probes:
            if p >= 1:
                assert lam.cost(p) < lmi.cost(p, rate) + 1e-6
    elif be.status == "never_in_range":
        for p in (1.0, 1e6, 1e9, 1e12):
            assert lam.cost(p) < lmi.cost(p, rate)
    else:
        assert be.status == "lmi_cheaper_everywhere"
        assert lam.cost(1.0) >= lmi.cost(1.0, rate)
