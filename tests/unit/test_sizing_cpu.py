"""Item 7 of issue 11: the CPU each invocation burns sizes the LMI fleet next to the concurrency slots; the
larger count wins, and the result says which one decided (cost result and configuration provenance)."""

from __future__ import annotations

import json

import pytest
import yaml

from workbench.cost.command import run_cost
from workbench.cost.compare import compare
from workbench.cost.inputs import SECONDS_PER_MONTH, CostInputs
from workbench.cost.report import format_table
from workbench.cost.workload import inputs_from_workload
from workbench.models import Workload
from workbench.starting_config import (
    ASSUMED_CPU_SHARE,
    cpu_demand,
    starting_configuration,
)

RPS = 10_000.0


def hot(**changes) -> CostInputs:
    # 10k requests/s × 100 ms = 1,000 concurrent; 8,192 MB at 4:1 = 2 vCPU per EE, 128 slots per EE
    base = dict(requests_per_month=RPS * SECONDS_PER_MONTH, duration_avg_ms=100.0, memory_mb=2048,
                runtime="nodejs", lmi_memory_mb=8192, gib_per_vcpu=4.0, per_ee_concurrency=128, max_vcpu=15_000)
    base.update(changes)
    return CostInputs(**base)


def test_a_cpu_bound_function_at_10k_requests_per_second_is_priced_on_the_cpu_it_burns():
    slots_only = compare(hot(), alternatives=0)
    burning = compare(hot(cpu_share=0.85, cpu_basis="assumed 85% CPU for cpu-bound work"), alternatives=0)
    # slots: ceil(1,000 / (128 × 50%)) = 16 EEs; CPU: ceil(1,000 × 0.85 / (2 vCPU × 50%)) = 850 EEs
    assert (slots_only.sizing.ees, slots_only.sizing.decided_by) == (16, "concurrency")
    assert slots_only.sizing.ees_by_cpu is None
    assert (burning.sizing.ees_by_slots, burning.sizing.ees_by_cpu, burning.sizing.ees) == (16, 850, 850)
    assert burning.sizing.decided_by == "cpu"
    assert burning.scenario("lmi_on_demand").monthly_usd > 5 * slots_only.scenario("lmi_on_demand").monthly_usd
    text = format_table(burning)
    assert "16 environments by concurrency slots, 850 by CPU (85% of the duration); decided by CPU" in text
    assert any("assumed 85% CPU for cpu-bound work" in a for a in burning.assumptions)


def test_an_io_bound_function_stays_sized_on_its_slots():
    result = compare(hot(cpu_share=0.01), alternatives=0)
    # CPU: ceil(1,000 × 0.01 / 1) = 10 < 16 slots
    assert (result.sizing.ees_by_cpu, result.sizing.ees, result.sizing.decided_by) == (10, 16, "concurrency")


def test_the_break_even_and_the_sensitivity_follow_the_cpu_count():
    result = compare(hot(cpu_share=0.85), alternatives=0)
    base = result.sensitivity.cell(0.0, 0.0)
    assert base.lmi_usd == pytest.approx(result.scenario("lmi_on_demand").monthly_usd)
    # half the duration halves the CPU an invocation burns, so the CPU-decided fleet shrinks too
    assert result.sensitivity.cell(0.0, -0.5).lmi_usd < 0.6 * base.lmi_usd


def test_lambda_insights_cpu_time_is_the_measured_share():
    w = Workload(function_name="f", runtime="nodejs22.x", duration_avg_ms=200.0, insights_cpu_total_time_ms=50.0,
                 cpu_profile="io-bound")
    demand = cpu_demand(w)
    assert demand.share == 0.25 and demand.measured and "Lambda Insights" in demand.basis


def test_without_insights_the_profile_gives_a_stated_assumption_and_unknown_is_not_guessed():
    w = Workload(function_name="f", runtime="nodejs22.x", duration_avg_ms=200.0, cpu_profile="cpu-bound")
    demand = cpu_demand(w)
    assert demand.share == ASSUMED_CPU_SHARE[w.cpu_profile] and not demand.measured
    assert demand.basis.startswith("assumed 85% CPU for cpu-bound work")
    unknown = cpu_demand(w.model_copy(update={"cpu_profile": "unknown"}))
    assert unknown.share is None and "not counted" in unknown.basis


def test_the_configuration_says_the_cpu_decided_and_raises_max_vcpu_count_for_the_peak():
    # balanced Node.js: 4:1, 1 GB → 4,096 MB = 1 vCPU, 64 slots per EE; 10k/s × 100 ms = 1,000 concurrent
    w = Workload(function_name="f", runtime="nodejs22.x", memory_mb=1024, duration_avg_ms=100.0,
                 peak_requests_per_second=RPS, cpu_profile="balanced")
    config = starting_configuration(w)
    # slots: ceil(1,000 / (64 × 50%)) = 32 EEs; CPU: ceil(1,000 × 50% / (1 × 50%)) = 1,000 EEs × 1 vCPU
    assert config.max_vcpu_count == 1000
    detail = config.provenance["max_vcpu_count"].detail
    assert "32 EEs by concurrency slots, 1,000 by CPU" in detail and "decided by CPU" in detail
    assert any(note.startswith("CPU decides the fleet") for note in config.notes)


def test_the_configuration_says_when_slots_decided():
    # io-bound Python: 8:1 → 8,192 MB = 1 vCPU, 16 slots; 100/s × 100 ms = 10 concurrent
    w = Workload(function_name="f", runtime="python3.13", memory_mb=1024, duration_avg_ms=100.0,
                 peak_requests_per_second=100.0, cpu_profile="io-bound")
    config = starting_configuration(w)
    assert config.max_vcpu_count == 400
    # slots: ceil(10 / (16 × 50%)) = 2; CPU: ceil(10 × 5% / (1 × 50%)) = 1
    assert "2 EEs by concurrency slots, 1 by CPU" in config.provenance["max_vcpu_count"].detail
    assert "decided by concurrency slots" in config.provenance["max_vcpu_count"].detail


def test_the_cost_command_shows_which_count_decided(tmp_path):
    path = tmp_path / "hot.yaml"
    path.write_text(yaml.safe_dump({
        "workload": dict(function_name="hot", region="us-east-1", runtime="nodejs22.x", memory_mb=2048,
                         requests_per_month=int(RPS * SECONDS_PER_MONTH), duration_avg_ms=100.0,
                         cpu_profile="cpu-bound", architecture="arm64"),
        "lmi_configuration": {"per_execution_environment_max_concurrency": 128, "max_vcpu_count": 15000}}))
    text, code = run_cost(workload=path, fmt="json")
    assert code == 0, text
    sizing = json.loads(text)["sizing"]
    assert sizing["decided_by"] == "cpu" and sizing["ees"] == sizing["ees_by_cpu"] > sizing["ees_by_slots"]


def test_a_workload_priced_without_cpu_says_so():
    w = Workload(function_name="f", region="us-east-1", runtime="nodejs22.x", memory_mb=1024, duration_avg_ms=100.0,
                 requests_per_month=100_000_000)
    result = compare(inputs_from_workload(w), alternatives=0)
    assert result.sizing.ees_by_cpu is None
    assert any(a.startswith("CPU per invocation not counted: CPU profile unknown") for a in result.assumptions)
    assert any("lower bound" in a for a in result.assumptions)


def test_a_concurrency_given_in_a_file_is_the_one_the_cpu_note_is_made_at():
    from workbench.starting_config import configuration_for

    # io-bound Python, 1,000/s × 100 ms = 100 concurrent, 1 vCPU per EE. Derived 16 per EE: slots
    # ceil(100 / 8) = 13, CPU ceil(100 × 5% / 0.5) = 10 → slots decide. Given 128 per EE: slots ceil(100 / 64) = 2,
    # CPU still 10 → CPU decides, and the note says so at the given concurrency
    w = Workload(function_name="f", runtime="python3.13", memory_mb=1024, duration_avg_ms=100.0,
                 peak_requests_per_second=1000.0, cpu_profile="io-bound")
    derived = starting_configuration(w)
    assert not any(n.startswith("CPU decides the fleet") for n in derived.notes)
    given = configuration_for(w, {"per_execution_environment_max_concurrency": 128}, origin="f.yaml")
    note = next(n for n in given.notes if n.startswith("CPU decides the fleet"))
    assert "2 EEs by concurrency slots, 10 by CPU" in note


def test_a_cpu_time_far_beyond_the_duration_is_refused_naming_the_insights_field():
    from workbench.cost import CostInputError

    w = Workload(function_name="f", region="us-east-1", runtime="nodejs22.x", memory_mb=1024,
                 requests_per_month=1_000_000, duration_avg_ms=1.0, insights_cpu_total_time_ms=500.0)
    with pytest.raises(CostInputError) as err:
        inputs_from_workload(w)
    assert err.value.field == "insights_cpu_total_time_ms"
    assert "500 ms of CPU is 500× the average duration (1 ms)" in str(err.value)
    # threads may burn more CPU than wall time: 4× is a valid share, and it is counted
    ok = inputs_from_workload(w.model_copy(update={"insights_cpu_total_time_ms": 4.0}))
    assert ok.cpu_share == 4.0


def test_the_stored_comparison_says_what_sized_the_fleet():
    from workbench.cost.workload import to_cost_comparison

    doc = to_cost_comparison(compare(hot(cpu_share=0.85), alternatives=0))
    assert doc.inputs_summary["Sized by"] == "CPU (16 by slots, 850 by CPU at the peak)"
    assert to_cost_comparison(compare(hot(), alternatives=0)).inputs_summary["Sized by"] == "concurrency slots"
