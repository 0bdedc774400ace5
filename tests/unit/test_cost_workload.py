"""From the shared documents to the engine and back: Workload/LmiConfiguration → CostInputs → CostComparison."""

from __future__ import annotations

import pytest

from workbench.cost.compare import compare

from workbench.cost import CostInputError
from workbench.cost.aws_sample import calculate
from workbench.cost.workload import (
    inputs_from_workload,
    sample_input_from_workload,
    sample_to_cost_comparison,
    to_cost_comparison,
)
from workbench.models import CostComparison, LmiConfiguration, Workload


def workload(**changes) -> Workload:
    base = dict(function_name="orders-api", region="us-east-1", requests_per_month=120_000_000,
                peak_requests_per_second=110.0, runtime="python3.13", architecture="x86_64", memory_mb=2048,
                duration_avg_ms=350.0, duration_p99_ms=1200.0)
    base.update(changes)
    return Workload(**base)


def test_inputs_from_workload_alone_use_the_starting_configuration():
    from workbench.starting_config import starting_configuration

    inp = inputs_from_workload(workload())
    assert (inp.requests_per_month, inp.peak_rps, inp.duration_avg_ms, inp.memory_mb) == (120e6, 110.0, 350.0, 2048)
    assert inp.runtime == "python" and inp.architecture == "x86_64" and inp.region == "us-east-1"
    assert inp.lmi_commitment == "on_demand" and not inp.lambda_compute_sp
    # not the API's 2:1 and the engine's own memory table: the configuration generate and deploy use
    config = starting_configuration(workload())
    assert (inp.lmi_memory_mb, inp.gib_per_vcpu, inp.per_ee_concurrency, inp.min_execution_environments,
            inp.max_vcpu) == (config.memory_mb, config.memory_gib_per_vcpu,
                              config.per_execution_environment_max_concurrency, config.min_execution_environments,
                              config.max_vcpu_count) == (8192, 8.0, 16, 3, 400)
    assert "derived from the workload" in inp.configuration_basis


def test_a_non_production_workload_is_priced_at_its_own_minimum():
    inp = inputs_from_workload(workload(environment="non-production"))
    assert inp.min_execution_environments == 1


def test_configuration_settings_reach_the_engine():
    config = LmiConfiguration(per_execution_environment_max_concurrency=24, memory_mb=8192, memory_gib_per_vcpu=4.0,
                              min_execution_environments=6, max_vcpu_count=200, allowed_instance_types=["m7i.*"])
    inp = inputs_from_workload(workload(), config)
    assert (inp.per_ee_concurrency, inp.lmi_memory_mb, inp.gib_per_vcpu) == (24, 8192, 4.0)
    assert (inp.min_execution_environments, inp.max_vcpu, inp.allowed_families) == (6, 200, ("m7i.*",))
    r = compare(inp)
    assert r.instance.instance_type.startswith("m7i.")
    assert r.sizing.ees >= 6


def test_existing_savings_plan_sets_the_baseline():
    inp = inputs_from_workload(workload(savings_plan="compute-3yr", savings_plan_discount_pct=12))
    assert inp.lambda_compute_sp and inp.lmi_commitment == "compute_sp_3yr"
    assert inp.rates.lambda_compute_sp == pytest.approx(0.12)


def test_mean_rate_stands_in_for_monthly_requests():
    inp = inputs_from_workload(workload(requests_per_month=None, mean_requests_per_second=10.0,
                                        peak_requests_per_second=20.0))
    assert inp.requests_per_month == pytest.approx(10.0 * 730 * 3600)


@pytest.mark.parametrize("missing", ["duration_avg_ms", "memory_mb", "region", "runtime"])
def test_missing_numbers_name_the_workload_field(missing):
    with pytest.raises(CostInputError) as err:
        inputs_from_workload(workload(**{missing: None}))
    assert err.value.field == missing and "is needed for a cost comparison" in str(err.value)


def test_range_errors_use_the_document_field_names():
    # the workload allows a peak below requests_per_month's mean only if mean_requests_per_second is unset;
    # the engine refuses it and says which Workload field to fix
    with pytest.raises(CostInputError) as err:
        inputs_from_workload(workload(peak_requests_per_second=1.0))
    assert err.value.field == "peak_requests_per_second"


def test_architecture_mismatch_with_the_configuration():
    config = LmiConfiguration(per_execution_environment_max_concurrency=16, architecture="arm64")
    with pytest.raises(CostInputError, match="lmi_configuration.architecture: is arm64 but the function is x86_64"):
        inputs_from_workload(workload(), config)


def test_unsupported_runtime_is_named():
    with pytest.raises(CostInputError) as err:
        inputs_from_workload(workload(runtime="ruby3.3"))
    assert err.value.field == "runtime" and "does not yet support ruby3.3" in str(err.value)
    assert "standard Lambda" in str(err.value)


def test_to_cost_comparison_is_a_valid_document():
    result = compare(inputs_from_workload(workload()))
    doc = to_cost_comparison(result, workload_id="orders", workload_version=4)
    assert isinstance(doc, CostComparison) and doc.KIND == "cost"
    assert [s.name for s in doc.scenarios] == [s.label for s in result.scenarios]
    assert doc.cheapest == result.scenario(result.cheapest).label
    assert doc.model == "workbench" and doc.workload_version == 4
    assert str(doc.pricing_date) == "2026-11-27"
    assert doc.recommendation == result.recommendation
    assert doc.break_even_requests_per_month == round(result.breakeven.requests_per_month)
    lmi = doc.scenario("LMI, on-demand")
    assert set(lmi.line_items) == {"Requests", "EC2 instances", "Management fee"}
    assert lmi.instance_type == result.instance.instance_type
    # the document survives a JSON round trip (what the store does)
    assert CostComparison.model_validate_json(doc.model_dump_json()) == doc


def test_sample_model_to_document():
    sample = calculate(sample_input_from_workload(workload()))
    doc = sample_to_cost_comparison(sample)
    assert doc.model == "aws-sample" and len(doc.scenarios) == 3


def test_sample_input_from_workload():
    data = sample_input_from_workload(workload(cpu_profile="io-bound", architecture="arm64"))
    # peak 110/s × 0.35 s = 38.5 → 39 concurrent; arm64 → c7g.xlarge; io-bound → io-heavy
    assert data["targetConcurrency"] == 39 and data["instanceType"] == "c7g.xlarge"
    assert data["workloadType"] == "io-heavy" and data["azConfig"] == "3az"
    assert data["memoryPerExec"] == 2048 and data["durationSec"] == pytest.approx(0.35)


def test_rust_on_provided_al2023_is_priced_at_its_documented_concurrency():
    """LMI runs Rust on provided.al2023 (lmi_facts); the pricing snapshot leaves Rust's default concurrency blank,
    so the facts module's documented 8 per vCPU fills it (cost used to reject the runtime)."""
    from workbench.cost.catalog import default_catalog
    from workbench.cost.inputs import runtime_family

    assert runtime_family("provided.al2023") == "rust"
    assert default_catalog().lmi_limits.default_concurrency_per_vcpu["rust"] == 8
    result = compare(inputs_from_workload(workload(runtime="provided.al2023")))
    assert result.sizing.per_ee_concurrency == 8 * result.sizing.vcpu_per_ee
