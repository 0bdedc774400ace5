"""The starting LMI configuration: the three Lambda Insights formulas and the defaults without them, worked by
hand at their boundaries, each value with where it came from."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench import lmi_facts as facts
from workbench.models import Environment, LmiConfiguration, ProvenanceSource, Workload
from workbench.starting_config import (
    UnsupportedRuntime,
    memory_gib_per_vcpu_for,
    sized_memory_mb,
    starting_configuration,
)

INSIGHTS = ProvenanceSource.LAMBDA_INSIGHTS


def wl(**kw) -> Workload:
    base = dict(function_name="f", runtime="nodejs22.x")
    base.update(kw)
    return Workload(**base)


def insights(**kw) -> Workload:
    base = dict(duration_avg_ms=120.0, insights_cpu_total_time_ms=30.0, insights_memory_utilization_pct=50.0,
                memory_mb=1024)
    base.update(kw)
    return wl(**base)


def detail(config: LmiConfiguration, name: str) -> str:
    return config.provenance[name].detail


# --- with Lambda Insights: the formulas ------------------------------------------------------------------------

def test_the_three_formulas_worked_by_hand_with_memory_exactly_2048():
    # concurrency: floor(0.5 × 120 / 30) = floor(2.0) = 2
    # memory: min(32768, max(2048, 2 × 50/100 × 1024 = 1024)) = 2048, already whole vCPUs at 2:1 (CPU-bound)
    # minimum: max(3, ceil(10 × 2 / 2)) = max(3, 10) = 10
    config = starting_configuration(insights(cpu_profile="cpu-bound", baseline_concurrent_executions=10))
    assert config.per_execution_environment_max_concurrency == 2
    assert config.memory_mb == 2048
    assert config.memory_gib_per_vcpu == 2.0
    assert config.min_execution_environments == 10
    assert config.max_vcpu_count == 400
    assert config.provenance["per_execution_environment_max_concurrency"].source is INSIGHTS
    assert detail(config, "per_execution_environment_max_concurrency") == \
        "Lambda Insights: floor(0.5 × 120 ms / 30 ms) = 2"
    assert config.provenance["memory_mb"].source is INSIGHTS
    assert "min(32768, max(2048, 2 × 50% × 1,024 MB = 1,024 MB)) = 2,048 MB" in detail(config, "memory_mb")
    assert config.provenance["min_execution_environments"].source is INSIGHTS
    assert "max(3, ceil(10 × 2 / 2)) = 10" in detail(config, "min_execution_environments")


def test_memory_is_capped_at_32768_mb():
    # floor(0.5 × 1000 / 10) = 50; 50 × 80% × 1024 = 40,960 → min(32768, ·) = 32,768 = 8 vCPU at 4:1
    config = starting_configuration(insights(runtime="java21", cpu_profile="io-bound", duration_avg_ms=1000,
                                             insights_cpu_total_time_ms=10, insights_memory_utilization_pct=80))
    assert config.per_execution_environment_max_concurrency == 50
    assert config.memory_mb == 32_768
    assert config.memory_gib_per_vcpu == 4.0
    assert config.vcpus_per_execution_environment == 8
    assert "= 32,768 MB" in detail(config, "memory_mb")


def test_concurrency_never_falls_below_1():
    # floor(0.5 × 100 / 80) = floor(0.625) = 0 → 1
    config = starting_configuration(insights(duration_avg_ms=100, insights_cpu_total_time_ms=80))
    assert config.per_execution_environment_max_concurrency == 1
    assert "floor(0.5 × 100 ms / 80 ms) = 0" in detail(config, "per_execution_environment_max_concurrency")
    assert "raised to 1" in detail(config, "per_execution_environment_max_concurrency")


def test_concurrency_never_exceeds_1600():
    config = starting_configuration(insights(duration_avg_ms=900_000, insights_cpu_total_time_ms=1))
    assert config.per_execution_environment_max_concurrency == facts.LMI_MAX_CONCURRENCY_MAX == 1600
    assert "capped at 1600" in detail(config, "per_execution_environment_max_concurrency")


def test_python_memory_from_the_formula_is_aligned_to_8_to_1():
    # the demo: floor(0.5 × 350 / 40) = floor(4.375) = 4; 4 × 35% × 2048 = 2,867.2 MB → 1 vCPU at 8:1 = 8,192 MB
    # minimum: max(3, ceil(16 × 2 / 4)) = max(3, 8) = 8
    config = starting_configuration(wl(runtime="python3.13", cpu_profile="io-bound", duration_avg_ms=350,
                                       insights_cpu_total_time_ms=40, insights_memory_utilization_pct=35,
                                       memory_mb=2048, baseline_concurrent_executions=16))
    assert config.per_execution_environment_max_concurrency == 4
    assert config.memory_gib_per_vcpu == 8.0
    assert config.memory_mb == 8192
    assert "2,867 MB" in detail(config, "memory_mb") and "8,192 MB" in detail(config, "memory_mb")
    assert config.min_execution_environments == 8


@pytest.mark.parametrize("environment, expected", [(Environment.PRODUCTION, 3), (Environment.NON_PRODUCTION, 1)])
def test_minimum_3_in_production_and_1_allowed_in_non_production(environment, expected):
    # floor(0.5 × 160 / 10) = 8; ceil(4 × 2 / 8) = 1 → max(3, 1) = 3 in production, max(1, 1) = 1 otherwise
    work = insights(duration_avg_ms=160, insights_cpu_total_time_ms=10, baseline_concurrent_executions=4)
    config = starting_configuration(work, environment=environment)
    assert config.per_execution_environment_max_concurrency == 8
    assert config.min_execution_environments == expected
    assert config.environment is environment
    floor = 3 if environment is Environment.PRODUCTION else 1
    assert f"max({floor}, ceil(4 × 2 / 8)) = {expected}" in detail(config, "min_execution_environments")


def test_the_workloads_own_environment_is_used_when_none_is_given():
    config = starting_configuration(wl(environment="non-production"))
    assert config.environment is Environment.NON_PRODUCTION
    assert config.min_execution_environments == 1


def test_without_a_baseline_the_minimum_is_the_rule_of_thumb():
    config = starting_configuration(insights())
    assert config.min_execution_environments == 3
    assert config.provenance["min_execution_environments"].source is ProvenanceSource.RULE_OF_THUMB
    assert "baseline_concurrent_executions" in detail(config, "min_execution_environments")


def test_max_vcpu_count_is_raised_to_hold_the_minimum():
    # floor(0.5 × 100 / 60) = 0 → 1; memory 1 × 90% × 10240 = 9,216 → 5 vCPU at 2:1 = 10,240 MB
    # minimum max(3, ceil(300 × 2 / 1)) = 600 EEs × 5 vCPU = 3,000 vCPU > the default 400
    config = starting_configuration(insights(runtime="java21", cpu_profile="cpu-bound", duration_avg_ms=100,
                                             insights_cpu_total_time_ms=60, insights_memory_utilization_pct=90,
                                             memory_mb=10_240, baseline_concurrent_executions=300))
    assert config.memory_mb == 10_240 and config.vcpus_per_execution_environment == 5
    assert config.min_execution_environments == 600
    assert config.max_vcpu_count == 3000
    assert config.provenance["max_vcpu_count"].source is ProvenanceSource.WORKLOAD
    assert "600 × 5 vCPU" in detail(config, "max_vcpu_count")


def test_zero_cpu_time_falls_back_to_the_defaults():
    config = starting_configuration(insights(insights_cpu_total_time_ms=0))
    assert config.per_execution_environment_max_concurrency == 64  # Node.js default, 1 vCPU
    assert config.provenance["per_execution_environment_max_concurrency"].source is ProvenanceSource.RUNTIME_DEFAULT
    assert any("cpu_total_time" in note for note in config.notes)


def test_insights_cpu_without_memory_utilization_still_gives_the_concurrency():
    config = starting_configuration(insights(insights_memory_utilization_pct=None))
    assert config.per_execution_environment_max_concurrency == 2
    assert config.provenance["memory_mb"].source is not INSIGHTS


# --- without Lambda Insights: defaults, sizing table, ratio ----------------------------------------------------

@pytest.mark.parametrize("runtime, profile, memory, ratio, expected_mb, concurrency", [
    ("python3.13", "unknown", 1024, 8.0, 8192, 16),     # Python 8:1: 2,048 → 1 vCPU = 8,192 MB; 16 × 1
    ("python3.13", "memory-heavy", 256, 8.0, 8192, 16),
    ("python3.13", "cpu-bound", 1024, 4.0, 4096, 1),    # CPU-bound Python: 4:1 (not 2:1), 1 per vCPU
    ("nodejs22.x", "io-bound", 512, 4.0, 4096, 64),     # general 4:1: 2,048 → 4,096 MB (1 vCPU); 64 × 1
    ("nodejs22.x", "balanced", 10_240, 4.0, 16_384, 256),  # 16,384 MB = 4 vCPU; 64 × 4
    ("java21", "cpu-bound", 1536, 2.0, 4096, 2),        # CPU-bound 2:1: 4,096 MB = 2 vCPU; 1 × 2
    ("java21", "unknown", 1536, 4.0, 4096, 32),         # 4,096 MB = 1 vCPU at 4:1; 32 × 1
    ("dotnet8", "memory-heavy", 6144, 8.0, 8192, 32),   # memory-heavy 8:1: 8,192 MB = 1 vCPU; 32 × 1
    ("nodejs22.x", "io-bound", None, 4.0, 4096, 64),    # memory unknown: 2 GB → 4,096 MB at 4:1
])
def test_defaults_without_insights(runtime, profile, memory, ratio, expected_mb, concurrency):
    config = starting_configuration(wl(runtime=runtime, cpu_profile=profile, memory_mb=memory))
    assert config.memory_gib_per_vcpu == ratio
    assert config.memory_mb == expected_mb
    assert config.per_execution_environment_max_concurrency == concurrency
    assert config.min_execution_environments == 3
    assert config.max_vcpu_count == 400
    assert config.provenance["per_execution_environment_max_concurrency"].source is ProvenanceSource.RUNTIME_DEFAULT
    assert any("Lambda Insights" in note for note in config.notes)


def test_default_concurrency_says_how_it_was_reached():
    config = starting_configuration(wl(runtime="nodejs22.x", cpu_profile="balanced", memory_mb=10_240))
    assert detail(config, "per_execution_environment_max_concurrency") == \
        "Node.js default 64 per vCPU × 4 vCPU = 256"
    assert "10,240 MB today" in detail(config, "memory_mb") and "16,384 MB" in detail(config, "memory_mb")


def test_sizing_from_a_python_function_is_explained_with_the_alignment():
    config = starting_configuration(wl(runtime="python3.13", memory_mb=1024))
    text = detail(config, "memory_mb")
    assert "1,024 MB today → 2,048 MB" in text and "8:1" in text and "8,192 MB" in text
    assert "8:1" in detail(config, "memory_gib_per_vcpu") and "Python" in detail(config, "memory_gib_per_vcpu")


@pytest.mark.parametrize("today, expected", [
    (128, 2048), (512, 2048), (513, 2048), (1024, 2048), (1025, 4096), (2048, 4096), (2049, 4096), (4096, 4096),
    (4097, 8192), (8192, 8192), (8193, 16_384), (10_240, 16_384),
])
def test_memory_sizing_table_boundaries(today, expected):
    mb, why = sized_memory_mb(today)
    assert mb == expected and why
    # at 2:1 every row is already whole vCPUs, so the configuration keeps the table's figure
    config = starting_configuration(wl(runtime="java21", cpu_profile="cpu-bound", memory_mb=today))
    assert config.memory_mb == expected


@pytest.mark.parametrize("runtime, profile, ratio", [
    ("nodejs22.x", "cpu-bound", 2.0), ("nodejs22.x", "io-bound", 4.0), ("nodejs22.x", "balanced", 4.0),
    ("nodejs22.x", "unknown", 4.0), ("java21", "memory-heavy", 8.0), ("python3.13", "io-bound", 8.0),
    ("python3.13", "cpu-bound", 4.0), (None, "unknown", 4.0),
])
def test_memory_to_vcpu_ratio_from_the_profile(runtime, profile, ratio):
    value, why = memory_gib_per_vcpu_for(wl(runtime=runtime, cpu_profile=profile))
    assert value == ratio and why


def test_unknown_runtime_uses_the_most_conservative_default():
    config = starting_configuration(wl(runtime=None))
    assert config.per_execution_environment_max_concurrency == 16  # 16 per vCPU × 1 vCPU (4,096 MB at 4:1)
    assert config.provenance["per_execution_environment_max_concurrency"].source is ProvenanceSource.RULE_OF_THUMB
    assert any("runtime" in note for note in config.notes)


def test_unsupported_runtime_is_refused_with_the_fit_message():
    with pytest.raises(UnsupportedRuntime) as caught:
        starting_configuration(wl(runtime="ruby3.3"))
    message = str(caught.value)
    assert message.startswith("Lambda Managed Instances does not yet support ruby3.3")
    assert "Java 21+, Python 3.13+, Node.js 22+, .NET 8+" in message and "standard Lambda" in message


def test_an_older_python_is_refused_with_the_upgrade_named():
    with pytest.raises(UnsupportedRuntime, match="does not yet support python3.12.*python3.13"):
        starting_configuration(wl(runtime="python3.12"))


def test_architecture_follows_the_function():
    config = starting_configuration(wl(architecture="arm64"))
    assert config.architecture.value == "arm64"
    assert "arm64" in detail(config, "architecture")


def test_non_production_default_minimum_is_1_and_says_so():
    config = starting_configuration(wl(), environment=Environment.NON_PRODUCTION)
    assert config.min_execution_environments == 1
    assert "non-production" in detail(config, "min_execution_environments")


def test_every_value_set_has_its_provenance_in_words():
    config = starting_configuration(wl(memory_mb=1024), workload_version=4)
    assert config.workload_version == 4 and config.workload_id == "default"
    for name in ("per_execution_environment_max_concurrency", "memory_mb", "memory_gib_per_vcpu",
                 "min_execution_environments", "max_vcpu_count", "architecture", "scaling_mode"):
        assert config.provenance[name].detail.strip(), name
    assert LmiConfiguration.model_validate_json(config.model_dump_json()) == config


# --- whatever the workload, the result is a valid configuration -----------------------------------------------

workloads = st.builds(
    Workload,
    function_name=st.just("f"),
    runtime=st.sampled_from([None, "python3.13", "nodejs22.x", "java21", "dotnet8"]),
    environment=st.sampled_from(list(Environment)),
    cpu_profile=st.sampled_from(["cpu-bound", "io-bound", "balanced", "memory-heavy", "unknown"]),
    memory_mb=st.none() | st.integers(facts.LAMBDA_MEMORY_MB_MIN, facts.LAMBDA_MEMORY_MB_MAX),
    duration_avg_ms=st.none() | st.floats(0, 900_000),
    insights_cpu_total_time_ms=st.none() | st.floats(0, 900_000),
    insights_memory_utilization_pct=st.none() | st.floats(0, 100),
    baseline_concurrent_executions=st.none() | st.integers(0, 1_000_000),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workloads)
def test_any_supported_workload_gets_a_valid_configuration(work):
    config = starting_configuration(work)
    LmiConfiguration.model_validate(config.model_dump())  # every cross-field rule holds
    assert facts.LMI_MAX_CONCURRENCY_MIN <= config.per_execution_environment_max_concurrency <= 1600
    assert facts.memory_is_aligned(config.memory_mb, config.memory_gib_per_vcpu)
    floor = 3 if config.environment is Environment.PRODUCTION else 1
    assert config.min_execution_environments >= floor
