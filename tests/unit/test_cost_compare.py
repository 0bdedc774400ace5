"""The full comparison: scenarios, instance choice, break-even, sensitivity and the verdict line."""

from __future__ import annotations

import pytest

from workbench.cost.compare import compare

from workbench.cost import CommitmentRates, CostInputs
from workbench.cost.breakeven import solve_breakeven
from workbench.cost.catalog import default_catalog
from workbench.cost.compare import choose_instance, lambda_model
from workbench.cost.errors import CostInputError, InstanceTooSmall, MissingPrice

CAT = default_catalog()

SCENARIOS = ["lambda_on_demand", "lambda_compute_sp", "lmi_on_demand", "lmi_compute_sp_1yr", "lmi_compute_sp_3yr",
             "lmi_ec2_instance_sp", "lmi_reserved", "self_managed_ec2"]


def steady(**changes) -> CostInputs:
    base = dict(requests_per_month=100e6, duration_avg_ms=200, memory_mb=1024, architecture="arm64",
                runtime="nodejs", peak_rps=100)
    base.update(changes)
    return CostInputs(**base)


def test_every_scenario_monthly_and_yearly_with_the_cheapest_marked():
    r = compare(steady())
    assert [s.key for s in r.scenarios] == SCENARIOS
    cheapest = [s for s in r.scenarios if s.cheapest]
    assert len(cheapest) == 1 and cheapest[0].key == r.cheapest
    assert cheapest[0].monthly_usd == min(s.monthly_usd for s in r.scenarios)
    for s in r.scenarios:
        assert s.yearly_usd == pytest.approx(12 * s.monthly_usd)
        assert sum(i.usd for i in s.items) == pytest.approx(s.monthly_usd)


def test_hand_computed_steady_workload():
    # Lambda arm64: 100M × 0.2 s × 1 GB = 20M GB-s × $0.0000133334 = $266.668, + 100M × $0.20/M = $20
    # LMI: 100/s × 0.2 s = 20 concurrent; Node.js 64 per EE × 50% = 32 → 1 EE for the load, minimum 3;
    # the cheapest arm64 type of the LMI families holding a 2 GB / 1 vCPU EE: m6g.large ($0.077/h),
    # 3 instances × 730 h × $0.077 = $168.63, fee $25.2945, requests $20 → $213.9245
    r = compare(steady())
    assert r.scenario("lambda_on_demand").monthly_usd == pytest.approx(286.668)
    assert r.instance.instance_type == "m6g.large"
    assert r.scenario("lmi_on_demand").monthly_usd == pytest.approx(213.9245)
    assert r.recommendation.startswith("LMI on m6g.large (3 instances, on-demand) saves $72.74/month (25%)")


def test_instance_choice_returns_alternatives_cheapest_first():
    r = compare(steady())
    costs = [r.instance.lmi_monthly_usd] + [a.lmi_monthly_usd for a in r.alternatives]
    assert costs == sorted(costs)
    assert len(r.alternatives) == 5
    assert all(a.instance_type != r.instance.instance_type for a in r.alternatives)


def test_instance_search_respects_allowed_and_excluded_types():
    r = compare(steady(allowed_families=("c7g",)))
    assert r.instance.instance_type.startswith("c7g.")
    assert all(a.instance_type.startswith("c7g.") for a in r.alternatives)
    r = compare(steady(excluded_instance_types=("m6g.*", "m7g.*")))
    assert not r.instance.instance_type.startswith(("m6g", "m7g"))


def test_default_families_follow_the_lmi_rule():
    # C from .xlarge, M and R from .large: c7g.large is never chosen unless allowed explicitly
    _, _, others = choose_instance(steady(), CAT, keep=200)
    names = {o.instance_type for o in others}
    assert "c7g.large" not in names and "m7g.large" in names


def test_pinned_instance_type():
    r = compare(steady(instance_type="c7g.xlarge"))
    assert r.instance.instance_type == "c7g.xlarge"
    assert r.scenario("lmi_on_demand").instance_type == "c7g.xlarge"


def test_pinned_instance_of_the_wrong_architecture():
    with pytest.raises(CostInputError, match="instance_type: c7i.xlarge is x86_64; the function is arm64"):
        compare(steady(instance_type="c7i.xlarge"))


def test_pinned_instance_too_small():
    with pytest.raises(InstanceTooSmall) as err:
        compare(steady(instance_type="c7g.large", lmi_memory_mb=4096))
    assert err.value.field == "instance_type"


def test_commitment_rates_are_editable_and_the_fee_stays():
    r = compare(steady(rates=CommitmentRates(compute_sp_1yr=0.5)))
    od, sp = r.scenario("lmi_on_demand"), r.scenario("lmi_compute_sp_1yr")
    assert sp.discount_rate == 0.5
    assert sp.item("management_fee") == pytest.approx(od.item("management_fee"))
    assert sp.item("compute") == pytest.approx(od.item("compute") * 0.5)
    assert any("(your rate)" in a for a in r.assumptions)
    assert any("assumption" in a for a in r.assumptions)  # the others are still labelled as assumptions


def test_lambda_savings_plan_rate_defaults_to_the_snapshot():
    r = compare(steady())
    assert r.scenario("lambda_compute_sp").discount_rate == 0.17
    r = compare(steady(rates=CommitmentRates(lambda_compute_sp=0.12)))
    assert r.scenario("lambda_compute_sp").discount_rate == 0.12


def test_breakeven_hand_computed():
    # x86, 1 s at 1,024 MB = 1 GB-s per request: Lambda = V × (0.0000166667 + 0.0000002)
    # LMI on c7g.xlarge: minimum fleet 3 instances = 3 × 730 × 0.145 × 1.15 = $365.1825, + V × 0.0000002;
    # that fleet carries up to 9 EEs × 8 = 72 concurrent = 189,216,000 requests/month, so the curves
    # cross inside it: 0.0000166667 × V = 365.1825 → V = 21,910,906.2
    inputs = CostInputs(requests_per_month=10e6, duration_avg_ms=1000, memory_mb=1024, architecture="arm64",
                        runtime="python", lmi_memory_mb=2048, instance_type="c7g.xlarge")
    lam = lambda_model(inputs.with_changes(architecture="x86_64", instance_type=None), CAT)
    _, lmi, _ = choose_instance(inputs, CAT)
    be = solve_breakeven(lam, lmi)
    assert be.status == "crossing"
    assert be.requests_per_month == pytest.approx(365.1825 / 0.0000166667, rel=1e-9)
    assert be.lambda_usd == pytest.approx(be.lmi_usd, abs=0.01)


def test_breakeven_when_lmi_is_cheaper_below_todays_volume():
    r = compare(steady())
    assert r.breakeven.status == "crossing"
    assert r.breakeven.requests_per_month < r.requests_per_month


def test_recommendation_when_lambda_is_cheaper_names_the_breakeven():
    r = compare(steady(requests_per_month=5e6, peak_rps=None))
    assert r.recommendation.startswith("Standard Lambda is cheaper here")
    n = r.breakeven.requests_per_month
    assert n is not None and f"LMI breaks even at {n:,.0f} requests/month" in r.recommendation


def test_breakeven_never_when_lmi_cannot_catch_up():
    # 100 ms at 128 MB costs Lambda 0.1 × 0.125 × $0.0000133334 ≈ $1.7e-7 a request beyond the $0.20/M both pay;
    # one invocation at a time per 2 GB environment at 50% costs LMI 0.1 s / 0.5 of an m6g.large
    # ($0.077 × 1.15 / 3,600 s) ≈ $4.9e-6 a request: LMI never catches up
    r = compare(steady(requests_per_month=1e6, duration_avg_ms=100, memory_mb=128, peak_rps=None,
                       per_ee_concurrency=1))
    assert r.breakeven.status == "never_in_range"
    assert r.breakeven.requests_per_month is None
    assert "does not break even below 1T requests/month" in r.recommendation


def test_sensitivity_grid_and_centre_cell_match_the_scenarios():
    r = compare(steady())
    sens = r.sensitivity
    assert sens.steps == (-0.5, -0.25, 0.0, 0.25, 0.5)
    assert len(sens.cells) == 25
    centre = sens.cell(0.0, 0.0)
    assert centre.lambda_usd == pytest.approx(r.scenario("lambda_on_demand").monthly_usd)
    assert centre.lmi_usd == pytest.approx(r.scenario("lmi_on_demand").monthly_usd)
    # more traffic or longer invocations only make Lambda dearer
    assert sens.cell(0.5, 0.0).lambda_usd > centre.lambda_usd > sens.cell(-0.5, 0.0).lambda_usd
    assert "LMI wins" in sens.summary or "stays cheaper" in sens.summary


def test_sensitivity_summary_names_the_flip():
    r = compare(steady())  # LMI wins today by 25%; at −50% traffic Lambda costs half as much
    assert r.sensitivity.cell(-0.5, 0.0).lmi_cheaper is False
    assert "standard Lambda wins with traffic at or below -50%" in r.sensitivity.summary


def test_verdict_uses_the_chosen_commitment_and_existing_plan():
    r = compare(steady(lmi_commitment="compute_sp_3yr", lambda_compute_sp=True))
    assert r.breakeven.lmi_scenario == "lmi_compute_sp_3yr"
    assert r.breakeven.lambda_scenario == "lambda_compute_sp"
    assert "Compute SP 3 yr" in r.recommendation and "with its Compute Savings Plan" in r.recommendation


def test_region_where_lmi_is_not_available():
    with pytest.raises(CostInputError) as err:
        compare(steady(region="me-south-1"))
    assert err.value.field == "region"
    assert "not available in me-south-1" in str(err.value) and "2026-06-08" in str(err.value)


def test_region_without_prices():
    with pytest.raises(MissingPrice, match="no Lambda prices \\(arm64\\) in af-south-1 in the snapshot of 2026-11-27"):
        compare(steady(region="af-south-1"))


def test_region_with_partial_ec2_prices_searches_what_is_priced():
    r = compare(steady(region="eu-west-1"))
    assert r.instance.instance_type in {i.name for i in CAT.instances("eu-west-1", arch="arm64")}
    assert not r.instance.estimate


def test_estimates_only_when_allowed_and_flagged():
    r = compare(steady(region="eu-west-1", allow_estimates=True))
    if r.instance.estimate:
        assert any("ESTIMATE" in w for w in r.warnings)
    r = compare(steady(region="af-south-1", allow_estimates=True))
    assert any("Lambda prices for af-south-1 are an ESTIMATE" in w for w in r.warnings)


def test_warnings_for_limits():
    # 5e10 requests × 1 s ≈ 19,026 concurrent → ~595 EEs of 1 vCPU: far beyond MaxVCpuCount 400
    r = compare(steady(requests_per_month=5e10, duration_avg_ms=1000, peak_rps=None, max_vcpu=400))
    assert any("MaxVCpuCount" in w for w in r.warnings)
    r = compare(steady(min_execution_environments=1))
    assert any("loses multi-AZ coverage" in w for w in r.warnings)


def test_no_type_can_hold_the_environment():
    with pytest.raises(InstanceTooSmall) as err:
        compare(steady(lmi_memory_mb=32768, gib_per_vcpu=8.0, allowed_families=("c7g.large",)))
    assert err.value.field == "lmi_memory_mb"


def test_same_inputs_same_result():
    assert compare(steady()) == compare(steady())


def test_search_costs_equal_the_full_model_for_every_candidate():
    from workbench.cost.instances import search_instances
    from workbench.cost.lmi_cost import LmiModel, ee_shape, fleet_periods
    from workbench.cost.inputs import ScheduledScaling

    inputs = steady(requests_per_month=7e8, peak_rps=900, runtime="python", lmi_memory_mb=4096,
                    scheduled_scaling=ScheduledScaling(300, off_peak_rps=60))
    shape = ee_shape(inputs, CAT.lmi_limits.default_concurrency_per_vcpu)
    periods = fleet_periods(inputs, 730)
    ranked = search_instances(CAT, inputs, shape, periods)
    assert len(ranked) > 20
    for option, inst in ranked:
        model = LmiModel(inst, shape, periods, duration_ms=inputs.duration_avg_ms, az_count=3, pricing=CAT.lmi_pricing)
        assert option.lmi_monthly_usd == pytest.approx(model.cost(inputs.requests_per_month), rel=1e-12)
        assert option.instances == max(model.instances(k, inputs.requests_per_month) for k in range(2))


def test_cost_curves_for_the_chart_mark_today_and_the_crossing():
    from workbench.cost.curves import cost_curves

    inputs = steady()
    result = compare(inputs)
    curves = cost_curves(inputs, instance_type=result.instance.instance_type, points=40)
    assert list(curves.volumes) == sorted(curves.volumes) and len(curves.volumes) >= 40
    assert curves.today in curves.volumes
    be = curves.breakeven.requests_per_month
    assert be == pytest.approx(result.breakeven.requests_per_month) and be in curves.volumes
    i = curves.volumes.index(be)
    assert curves.lambda_usd[i] == pytest.approx(curves.lmi_usd[i], abs=0.01)
    t = curves.volumes.index(curves.today)
    assert curves.lambda_usd[t] == pytest.approx(result.scenario("lambda_on_demand").monthly_usd)
    assert curves.lmi_usd[t] == pytest.approx(result.scenario("lmi_on_demand").monthly_usd)
    assert curves.volumes[0] <= min(curves.today, be) / 10 and curves.volumes[-1] >= max(curves.today, be) * 4
