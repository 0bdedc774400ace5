"""Bad input: every message names the field and the allowed range; nothing is guessed."""

from __future__ import annotations

import math

import pytest

from workbench.cost.compare import compare

from workbench.cost import CostInputError, CostInputs, check_inputs
from workbench.cost.inputs import CommitmentRates, ScheduledScaling, lmi_memory_from_lambda, runtime_family

GOOD = dict(requests_per_month=10e6, duration_avg_ms=120, memory_mb=1024)


@pytest.mark.parametrize("field, value, words", [
    ("requests_per_month", 0, ["requests_per_month", "0 is out of range", "more than 0"]),
    ("requests_per_month", -5, ["requests_per_month", "-5 is out of range"]),
    ("requests_per_month", 1e15, ["requests_per_month", "1,000,000,000,000"]),
    ("requests_per_month", math.nan, ["requests_per_month", "not a finite number"]),
    ("requests_per_month", "lots", ["requests_per_month", "'lots' is not a number"]),
    ("duration_avg_ms", 0, ["duration_avg_ms", "more than 0–900,000 ms"]),
    ("duration_avg_ms", 1_000_000, ["duration_avg_ms", "1,000,000 is out of range", "15-minute invocation limit"]),
    ("memory_mb", 12_000, ["memory_mb", "12,000 is out of range", "128–10,240 MB"]),
    ("memory_mb", 100, ["memory_mb", "128–10,240 MB"]),
    ("memory_mb", 1024.5, ["memory_mb", "not a whole number"]),
    ("lmi_memory_mb", 1024, ["lmi_memory_mb", "2,048–32,768 MB", "LMI memory 2–32 GB"]),
    ("lmi_memory_mb", 40_000, ["lmi_memory_mb", "40,000 is out of range"]),
    ("gib_per_vcpu", 1.0, ["gib_per_vcpu", "2–8 GiB per vCPU"]),
    ("per_ee_concurrency", 0, ["per_ee_concurrency", "1–1,600"]),
    ("per_ee_concurrency", 5000, ["per_ee_concurrency", "PerExecutionEnvironmentMaxConcurrency"]),
    ("min_execution_environments", -1, ["min_execution_environments", "0–15,000"]),
    ("target_utilisation", 0, ["target_utilisation", "0.1–1"]),
    ("target_utilisation", 50, ["target_utilisation", "a fraction: 0.5 = 50%"]),
    ("architecture", "sparc", ["architecture", "'sparc' is not an architecture", "x86_64 or arm64"]),
    ("region", "moon-1", ["region", "not an AWS region name"]),
    ("runtime", "ruby", ["runtime", "Lambda Managed Instances does not yet support 'ruby'", "nodejs, java, dotnet"]),
    ("peak_rps", 0.001, ["peak_rps", "below the mean rate"]),
    ("duration_p99_ms", 10, ["duration_p99_ms", "below the average duration"]),
    ("ephemeral_storage_mb", 100, ["ephemeral_storage_mb", "512–10,240 MB"]),
    ("instance_type", "big", ["instance_type", "not an instance type name"]),
    ("lmi_commitment", "forever", ["lmi_commitment", "on_demand, compute_sp_1yr"]),
    ("self_managed_packing", 60, ["self_managed_packing", "0.6 = 60%"]),
    ("az_count", 0, ["az_count", "1–6"]),
    ("max_vcpu", 1, ["max_vcpu", "MaxVCpuCount"]),
])
def test_bad_value_names_the_field_and_range(field, value, words):
    with pytest.raises(CostInputError) as err:
        CostInputs(**{**GOOD, field: value})
    assert err.value.field == field
    for word in words:
        assert word in str(err.value)


def test_rates_above_aws_maximum():
    with pytest.raises(CostInputError) as err:
        CostInputs(**GOOD, rates=CommitmentRates(lambda_compute_sp=0.3))
    assert err.value.field == "rates.lambda_compute_sp" and "AWS's maximum is 17%" in str(err.value)
    with pytest.raises(CostInputError, match="rates.compute_sp_3yr"):
        CostInputs(**GOOD, rates=CommitmentRates(compute_sp_3yr=0.9))


def test_rust_needs_an_explicit_concurrency():
    with pytest.raises(CostInputError) as err:
        CostInputs(**GOOD, runtime="rust")
    assert err.value.field == "per_ee_concurrency" and "no default concurrency is published" in str(err.value)
    assert CostInputs(**GOOD, runtime="rust", per_ee_concurrency=8).runtime == "rust"


def test_max_below_min_environments():
    with pytest.raises(CostInputError, match="max_execution_environments: is below min_execution_environments"):
        CostInputs(**GOOD, min_execution_environments=5, max_execution_environments=2)


def test_scheduled_scaling_hours():
    with pytest.raises(CostInputError, match="scheduled_scaling.peak_hours_per_month"):
        CostInputs(**GOOD, scheduled_scaling=ScheduledScaling(peak_hours_per_month=800))


def test_check_inputs_lists_every_problem():
    inputs = CostInputs(**GOOD)
    object.__setattr__(inputs, "memory_mb", 99_999)
    object.__setattr__(inputs, "target_utilisation", 0)
    fields = [e.field for e in check_inputs(inputs)]
    assert fields == ["memory_mb", "target_utilisation"]


def test_from_mapping_converts_and_names_fields():
    inputs = CostInputs.from_mapping({"requests_per_month": "50,000,000", "duration_avg_ms": "80", "memory_mb": 512.0,
                                      "free_tier": "yes", "runtime": "nodejs22.x", "allowed_families": "c7g, m7g",
                                      "rates": {"compute_sp_1yr": "30%"}, "scheduled_scaling": {"off_peak_rps": 2}})
    assert inputs.requests_per_month == 50e6 and inputs.memory_mb == 512 and isinstance(inputs.memory_mb, int)
    assert inputs.free_tier is True and inputs.runtime == "nodejs"
    assert inputs.allowed_families == ("c7g", "m7g")
    assert inputs.rates.compute_sp_1yr == pytest.approx(0.3)
    assert inputs.scheduled_scaling.off_peak_rps == 2
    with pytest.raises(CostInputError, match="^colour: is not a cost input"):
        CostInputs.from_mapping({**GOOD, "colour": "blue"})
    with pytest.raises(CostInputError, match="^memory_mb: is required"):
        CostInputs.from_mapping({"requests_per_month": 1, "duration_avg_ms": 1})
    with pytest.raises(CostInputError, match="^free_tier: 'maybe' is not true or false"):
        CostInputs.from_mapping({**GOOD, "free_tier": "maybe"})


def test_runtime_families():
    assert [runtime_family(r) for r in ("python3.12", "nodejs22.x", "java21", "dotnet8", "ruby3.3")] == \
        ["python", "nodejs", "java", "dotnet", "ruby3.3"]


@pytest.mark.parametrize("lambda_mb, lmi_mb", [(128, 2048), (1024, 2048), (1025, 4096), (2048, 4096),
                                               (4096, 8192), (10_240, 16384)])
def test_memory_sizing_guidance(lambda_mb, lmi_mb):
    # lmi-facts.md "memory sizing": 128 MB–1 GB → 2 GB; 1–2 GB → 4 GB; 2–4 GB → up to 8 GB;
    # 4–10 GB → up to 16 GB
    assert lmi_memory_from_lambda(lambda_mb) == lmi_mb


def test_the_ui_can_keep_the_last_good_comparison():
    good = compare(CostInputs(**GOOD))
    with pytest.raises(CostInputError):
        compare(CostInputs(**{**GOOD, "memory_mb": 20_000}))
    assert good.scenarios  # nothing about a failed edit touches a result already computed
