"""The shared documents: JSON round trips, every range boundary, cross-field rules, readable errors."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from workbench import lmi_facts as facts
from workbench.documents import document_class
from workbench.models import (
    BlockerCode,
    CostComparison,
    CostScenario,
    CutoverState,
    CutoverStatus,
    CutoverStep,
    Decision,
    DeploymentPlan,
    DeploymentStep,
    Direction,
    Finding,
    FitAssessment,
    FitBlocker,
    FitSignal,
    FixProposal,
    GateResult,
    LmiConfiguration,
    MetricPoint,
    MetricSeries,
    ReviewDecision,
    ReviewInfo,
    Verdict,
    Workload,
    default_gates,
    field_help,
    field_range,
)

T0 = datetime(2026, 11, 2, 12, 0, tzinfo=timezone.utc)
SHA = "a" * 64
DIFF = "--- a/app.py\n+++ b/app.py\n@@ -1,2 +1,2 @@\n-x = 1\n+x = 2\n"


def workload(**kw) -> Workload:
    base = dict(function_name="orders-api", runtime="python3.13", memory_mb=1024, timeout_s=10,
                duration_avg_ms=120, duration_p99_ms=450, requests_per_month=120_000_000,
                mean_requests_per_second=45.7, peak_requests_per_second=120, region="us-east-1")
    base.update(kw)
    return Workload(**base)


def config(**kw) -> LmiConfiguration:
    base = dict(per_execution_environment_max_concurrency=16, memory_mb=4096, memory_gib_per_vcpu=2.0)
    base.update(kw)
    return LmiConfiguration(**base)


def finding(**kw) -> Finding:
    base = dict(rule="LMI001", title="SDK client created in the handler", severity="warning", runtime="python",
                path="src/orders/app.py", line=12, column=5, end_line=12, end_column=40,
                message="boto3.client() runs on every invocation", fingerprint="LMI001:src/orders/app.py:abc123",
                file_sha256=SHA)
    base.update(kw)
    return Finding(**base)


def errors_of(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return str(exc.value)


# --- round trips -----------------------------------------------------------------------------------------------

def every_document():
    yield ReviewInfo(title="DEMO — orders-api", description="sample", created_at=T0, is_demo=True)
    yield workload(private_resources=["RDS MySQL"], in_vpc=True, subnet_ids=["subnet-0123abcd"],
                   insights_cpu_total_time_ms=12.5, insights_memory_utilization_pct=40.0,
                   baseline_concurrent_executions=6, peak_concurrent_executions=20,
                   savings_plan="compute-1yr", savings_plan_discount_pct=12)
    yield FitAssessment(workload_version=3, verdict="strong-fit", computed_at=T0, signals=[
        FitSignal(name="traffic", finding="steady, 120M requests/month", direction="for-lmi",
                  reason="steady traffic above 50M requests/month")])
    yield config(provenance={"memory_mb": {"source": "workload", "detail": "1 GB today → 4 GB"}},
                 allowed_instance_types=["c7g.*", "m7g.large"], created_at=T0)
    yield CostComparison(scenarios=[
        CostScenario(name="Standard Lambda", monthly_usd=1200.0, line_items={"requests": 24.0, "duration": 1176.0}),
        CostScenario(name="LMI", monthly_usd=800.0, instance_type="c7g.xlarge", instance_count=3)],
        pricing_source="embedded snapshot", pricing_date=date(2026, 11, 27), recommendation="LMI saves 33%",
        inputs_summary={"requests": "120M/month"}, computed_at=T0)
    yield finding(fix=FixProposal(diff=DIFF, applicability="safe", description="move the client"), detected_at=T0)
    yield ReviewDecision(fingerprint="LMI001:src/orders/app.py:abc123", decision="accepted-risk",
                         note="runs once a day", author="ana", decided_at=T0)
    yield DeploymentPlan(mode="apply", confirmed_by="ana", confirmed_at=T0, created_at=T0, steps=[
        DeploymentStep(id="create-capacity-provider", title="Create the capacity provider", service="lambda",
                       operation="CreateCapacityProvider", parameters={"CapacityProviderName": "orders"},
                       status="done", started_at=T0, finished_at=T0 + timedelta(seconds=3), outcome="arn:..."),
        DeploymentStep(id="publish-version", title="Publish", service="lambda", operation="PublishVersion")])
    yield MetricSeries(id="m1", namespace="AWS/Lambda", metric_name="Invocations", stat="Sum",
                       period_seconds=300, unit="Count", source="simulated", label="Invocations (LMI)",
                       dimensions={"FunctionName": "orders-api", "Resource": "orders-api:live"},
                       points=[MetricPoint(timestamp=T0, value=1.0),
                               MetricPoint(timestamp=T0 + timedelta(minutes=5), value=2.0)])
    yield CutoverState(old_function_name="orders-api", new_function_name="orders-api-lmi", new_version="7",
                       status="baking", current_step=0, started_at=T0, gates=default_gates(0))


@pytest.mark.parametrize("doc", list(every_document()), ids=lambda d: d.KIND)
def test_every_document_round_trips_through_json(doc):
    text = doc.model_dump_json()
    again = type(doc).model_validate_json(text)
    assert again == doc
    assert document_class(doc.KIND) is type(doc)


def test_times_must_be_timezone_aware_and_are_stored_in_utc():
    with pytest.raises(ValidationError, match="created_at"):
        ReviewInfo(title="x", created_at=datetime(2026, 1, 1, 12, 0))
    plus_two = timezone(timedelta(hours=2))
    info = ReviewInfo(title="x", created_at=datetime(2026, 1, 1, 14, 0, tzinfo=plus_two))
    assert info.created_at.utcoffset() == timedelta(0) and info.created_at.hour == 12


def test_unknown_fields_and_nan_are_refused():
    with pytest.raises(ValidationError, match="memory_gb"):
        workload(memory_gb=1)
    with pytest.raises(ValidationError, match="duration_avg_ms"):
        workload(duration_avg_ms=float("nan"))


# --- workload ranges -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("field,low,high,unit", [
    ("memory_mb", 128, 10_240, "MB"),
    ("ephemeral_storage_mb", 512, 10_240, "MB"),
    ("timeout_s", 1, 900, "s"),
    ("insights_memory_utilization_pct", 0, 100, "%"),
    ("savings_plan_discount_pct", 0, 17, "%"),
])
def test_workload_range_boundaries_are_inclusive_and_errors_name_field_and_range(field, low, high, unit):
    extra = {"savings_plan": "compute-3yr"} if field == "savings_plan_discount_pct" else {}
    kw = {"duration_avg_ms": None, "duration_p99_ms": None} if field == "timeout_s" else {}
    assert getattr(workload(**{field: low}, **extra, **kw), field) == low
    assert getattr(workload(**{field: high}, **extra, **kw), field) == high
    for bad in (low - 1, high + 1):
        with pytest.raises(ValidationError) as exc:
            workload(**{field: bad}, **extra, **kw)
        text = errors_of(exc)
        assert field in text and f"{low:,}" in text and f"{high:,}" in text and unit in text


def test_durations_must_fit_the_invocation_limit():
    workload(timeout_s=900, duration_avg_ms=899_000, duration_p99_ms=900_000)
    with pytest.raises(ValidationError, match="duration_p99_ms"):
        workload(timeout_s=None, duration_p99_ms=900_001)


def test_p99_at_least_average():
    workload(duration_avg_ms=200, duration_p99_ms=200)
    with pytest.raises(ValidationError, match="duration_p99_ms .* duration_avg_ms"):
        workload(duration_avg_ms=200, duration_p99_ms=199)


def test_durations_cannot_exceed_the_configured_timeout():
    with pytest.raises(ValidationError, match="timeout_s"):
        workload(timeout_s=1, duration_avg_ms=200, duration_p99_ms=1500)


def test_peak_at_least_mean_for_rps_and_concurrency():
    with pytest.raises(ValidationError, match="peak_requests_per_second"):
        workload(mean_requests_per_second=50, peak_requests_per_second=49.9)
    with pytest.raises(ValidationError, match="peak_concurrent_executions"):
        workload(baseline_concurrent_executions=10, peak_concurrent_executions=9)


def test_private_resources_need_a_vpc():
    workload(in_vpc=None, private_resources=["RDS"])
    with pytest.raises(ValidationError, match="in_vpc"):
        workload(in_vpc=False, private_resources=["RDS"])


def test_lambda_discount_needs_a_compute_savings_plan():
    with pytest.raises(ValidationError, match="savings_plan_discount_pct"):
        workload(savings_plan="none", savings_plan_discount_pct=10)
    with pytest.raises(ValidationError, match="ec2-instance-1yr"):
        workload(savings_plan="ec2-instance-1yr", savings_plan_discount_pct=10)
    assert workload(savings_plan="ec2-instance-1yr").savings_plan_discount_pct is None


@pytest.mark.parametrize("runtime,family,supported,per_vcpu", [
    ("python3.13", "python", True, 16), ("nodejs22.x", "nodejs", True, 64), ("java21", "java", True, 32),
    ("dotnet8", "dotnet", True, 32), ("ruby3.3", "ruby", False, None), ("provided.al2023", "rust", True, 8),
    ("provided.al2", "provided", False, None), ("python3.12", "python", False, None), ("nodejs20.x", "nodejs", False, None),
    ("Python3.13 ", "python", True, 16),
])
def test_runtime_identifiers_and_their_family(runtime, family, supported, per_vcpu):
    w = workload(runtime=runtime)
    assert w.runtime == runtime.strip().lower()
    assert (w.runtime_family, w.runtime_supported, w.default_concurrency_per_vcpu) == (family, supported, per_vcpu)


@pytest.mark.parametrize("field,value", [("runtime", "python 3.12"), ("runtime", "3.12"), ("region", "US East"),
                                         ("function_name", "orders api"), ("function_name", "x" * 65),
                                         ("subnet_ids", ["subnet-xyz"]), ("security_group_ids", ["default"])])
def test_malformed_identifiers_are_refused_with_the_field_named(field, value):
    with pytest.raises(ValidationError) as exc:
        workload(**{field: value})
    assert field in errors_of(exc)


def test_workload_derived_values_and_consistency_warnings():
    w = workload()
    assert w.implied_mean_requests_per_second == pytest.approx(120_000_000 / (730 * 3600))
    assert w.monthly_gb_seconds == pytest.approx(120_000_000 * 0.120 * 1.0)
    assert w.region_supported is True and w.consistency_warnings() == []
    off = workload(mean_requests_per_second=500, peak_requests_per_second=600, baseline_concurrent_executions=1)
    warnings = off.consistency_warnings()
    assert any("requests_per_month" in w for w in warnings)
    assert any("baseline_concurrent_executions" in w for w in warnings)
    assert workload(region="il-central-1").region_supported is False


def test_field_help_carries_description_and_range():
    assert "128" in field_help(Workload, "memory_mb") and "MB" in field_help(Workload, "memory_mb")
    assert field_range(LmiConfiguration, "max_vcpu_count").hi == 15_000
    for name, info in Workload.model_fields.items():
        assert info.description or name == "id", f"{name} has no help text"


# --- LMI configuration -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [1, 1600])
def test_concurrency_boundaries_accepted(value):
    assert config(per_execution_environment_max_concurrency=value).per_execution_environment_max_concurrency == value


@pytest.mark.parametrize("value", [0, 1601])
def test_concurrency_outside_range_names_field_and_range(value):
    with pytest.raises(ValidationError) as exc:
        config(per_execution_environment_max_concurrency=value)
    text = errors_of(exc)
    assert "per_execution_environment_max_concurrency" in text and "1 and 1,600" in text


@pytest.mark.parametrize("memory,ratio", [(2048, 2.0), (32768, 2.0), (32768, 8.0), (8192, 8.0), (4096, 4.0),
                                          (6144, 3.0)])
def test_lmi_memory_boundaries_and_alignment_accepted(memory, ratio):
    assert config(memory_mb=memory, memory_gib_per_vcpu=ratio).memory_mb == memory


@pytest.mark.parametrize("memory", [2047, 32769, 1024])
def test_lmi_memory_outside_range_is_refused(memory):
    with pytest.raises(ValidationError) as exc:
        config(memory_mb=memory)
    assert "memory_mb" in errors_of(exc) and "2,048 and 32,768 MB" in errors_of(exc)


def test_lmi_memory_must_be_whole_vcpus_at_the_ratio():
    with pytest.raises(ValidationError) as exc:
        config(memory_mb=2048, memory_gib_per_vcpu=4.0)
    assert "memory_mb" in errors_of(exc) and "4,096 MB" in errors_of(exc)
    with pytest.raises(ValidationError, match="memory_mb"):
        config(memory_mb=5000, memory_gib_per_vcpu=2.0)


@pytest.mark.parametrize("ratio,ok", [(2.0, True), (8.0, True), (1.99, False), (8.01, False)])
def test_ratio_boundaries(ratio, ok):
    if ok:
        assert config(memory_mb=facts.align_memory_mb(8192, ratio), memory_gib_per_vcpu=ratio)
    else:
        with pytest.raises(ValidationError) as exc:
            config(memory_gib_per_vcpu=ratio)
        assert "memory_gib_per_vcpu" in errors_of(exc) and "between 2 and 8" in errors_of(exc)


def test_min_execution_environments_production_and_non_production():
    assert config(min_execution_environments=3).min_execution_environments == 3
    with pytest.raises(ValidationError, match="min_execution_environments must be at least 3 in production"):
        config(min_execution_environments=2)
    assert config(environment="non-production", min_execution_environments=1).min_execution_environments == 1
    off = config(environment="non-production", min_execution_environments=0, max_execution_environments=0)
    assert off.deactivated
    with pytest.raises(ValidationError, match="0 and 15,000"):
        config(min_execution_environments=15_001, max_vcpu_count=15_000)
    with pytest.raises(ValidationError, match="max_execution_environments"):
        config(min_execution_environments=5, max_execution_environments=4)
    with pytest.raises(ValidationError, match="0 and 15,000"):
        config(max_execution_environments=-1)


def test_max_vcpu_boundaries_and_ceiling():
    assert config().max_vcpu_count == 400
    assert config(environment="non-production", min_execution_environments=1, memory_mb=2048,
                  max_vcpu_count=2).max_vcpu_count == 2
    with pytest.raises(ValidationError, match="max_vcpu_count must be between 2 and 15,000"):
        config(max_vcpu_count=1)
    with pytest.raises(ValidationError, match="max_vcpu_count must be between 2 and 15,000"):
        config(max_vcpu_count=15_001)
    with pytest.raises(ValidationError, match="exceeds max_vcpu_count"):
        config(memory_mb=32768, min_execution_environments=30, max_vcpu_count=400)  # 30 × 16 vCPU


def test_allowed_and_excluded_instance_types_are_exclusive():
    assert config(allowed_instance_types=["c7g.xlarge"]).allowed_instance_types == ["c7g.xlarge"]
    assert config(excluded_instance_types=["m6i.*"]).excluded_instance_types == ["m6i.*"]
    with pytest.raises(ValidationError, match="allowed_instance_types and excluded_instance_types"):
        config(allowed_instance_types=["c7g.xlarge"], excluded_instance_types=["m6i.*"])
    with pytest.raises(ValidationError, match="allowed_instance_types"):
        config(allowed_instance_types=["c7g xlarge"])


def test_cpu_target_needs_manual_scaling_and_provenance_names_real_fields():
    assert config(scaling_mode="Manual", target_cpu_utilization_pct=50).target_cpu_utilization_pct == 50
    with pytest.raises(ValidationError, match="scaling_mode Manual"):
        config(target_cpu_utilization_pct=50)
    with pytest.raises(ValidationError, match="target_cpu_utilization_pct must be between 0 and 100"):
        config(scaling_mode="Manual", target_cpu_utilization_pct=101)
    with pytest.raises(ValidationError, match="memory_gb"):
        config(provenance={"memory_gb": {"source": "user"}})


def test_assignment_is_validated_too():
    c = config()
    with pytest.raises(ValidationError, match="per_execution_environment_max_concurrency"):
        c.per_execution_environment_max_concurrency = 0


def test_total_concurrency_and_vcpus():
    c = config(memory_mb=8192, memory_gib_per_vcpu=4.0, per_execution_environment_max_concurrency=32)
    assert c.vcpus_per_execution_environment == 2 and c.total_concurrency_at_minimum == 96


# --- fit, cost ---------------------------------------------------------------------------------------------------

def test_blocked_assessment_must_say_standard_lambda():
    blocker = FitBlocker(code=BlockerCode.UNSUPPORTED_RUNTIME,
                         message="Lambda Managed Instances does not yet support ruby3.3",
                         suggestions=["Node.js", "Java", ".NET", "Python"])
    ok = FitAssessment(workload_version=1, verdict=Verdict.STANDARD_LAMBDA_BETTER, blockers=[blocker])
    assert ok.blocked
    with pytest.raises(ValidationError, match="blockers"):
        FitAssessment(workload_version=1, verdict=Verdict.WORTH_EVALUATING, blockers=[blocker])


def test_fit_signals_have_directions_and_unique_names():
    s = FitSignal(name="traffic", finding="bursty", direction=Direction.AGAINST_LMI, reason="idle most of the day")
    a = FitAssessment(workload_version=0, verdict="worth-evaluating", signals=[s])
    assert a.signals_by(Direction.AGAINST_LMI) == [s]
    with pytest.raises(ValidationError, match="unique"):
        FitAssessment(workload_version=0, verdict="worth-evaluating", signals=[s, s])
    with pytest.raises(ValidationError, match="direction"):
        FitSignal(name="x", finding="y", direction="maybe", reason="z")


def test_cost_comparison_fills_cheapest_and_yearly_and_checks_line_items():
    cmp = CostComparison(scenarios=[CostScenario(name="A", monthly_usd=10), CostScenario(name="B", monthly_usd=5)],
                         pricing_source="snapshot", pricing_date=date(2026, 11, 27))
    assert cmp.cheapest == "B" and cmp.cheapest_scenario.yearly_usd == 60
    with pytest.raises(ValidationError, match="cheapest"):
        CostComparison(scenarios=[CostScenario(name="A", monthly_usd=10), CostScenario(name="B", monthly_usd=5)],
                       cheapest="A", pricing_source="s", pricing_date=date(2026, 1, 1))
    with pytest.raises(ValidationError, match="line_items"):
        CostScenario(name="A", monthly_usd=10, line_items={"requests": 2, "duration": 3})
    with pytest.raises(ValidationError, match="monthly_usd must be at least 0 USD"):
        CostScenario(name="A", monthly_usd=-1)
    with pytest.raises(ValidationError, match="model"):
        CostComparison(scenarios=[CostScenario(name="A", monthly_usd=1)], pricing_source="s",
                       pricing_date=date(2026, 1, 1), model="guess")


# --- findings and decisions --------------------------------------------------------------------------------------

def test_finding_id_is_its_fingerprint():
    f = finding()
    assert f.id == f.fingerprint
    with pytest.raises(ValidationError, match="id must equal fingerprint"):
        finding(id="something-else")


@pytest.mark.parametrize("field,value", [("rule", "LMI01"), ("rule", "XYZ001"), ("severity", "fatal"),
                                         ("line", 0), ("column", 0), ("path", "/abs/app.py"),
                                         ("path", "../outside.py"), ("file_sha256", "abc")])
def test_finding_field_rules(field, value):
    with pytest.raises(ValidationError) as exc:
        finding(**{field: value})
    assert field in errors_of(exc)


def test_finding_span_and_fix_shape():
    assert finding(line=3, end_line=4, column=10, end_column=1).end_line == 4
    with pytest.raises(ValidationError, match="end_line"):
        finding(line=5, end_line=4)
    with pytest.raises(ValidationError, match="end_column"):
        finding(column=10, end_column=9)
    with pytest.raises(ValidationError, match="unified diff"):
        FixProposal(diff="just text", applicability="safe", description="x")
    with pytest.raises(ValidationError, match="applicability"):
        FixProposal(diff=DIFF, applicability="unsafe", description="x")
    assert finding(path="src\\win\\app.py").path == "src/win/app.py"


def test_decisions_need_a_reason_unless_patched():
    assert ReviewDecision(fingerprint="fp-12345678", decision=Decision.PATCHED, author="ana").id == "fp-12345678"
    with pytest.raises(ValidationError, match="note must say why"):
        ReviewDecision(fingerprint="fp-12345678", decision="wont-fix", author="ana")


# --- deployment --------------------------------------------------------------------------------------------------

def test_deployment_steps_run_only_when_applied_and_confirmed():
    done = DeploymentStep(id="a", title="t", service="lambda", operation="CreateCapacityProvider", status="done",
                          started_at=T0, finished_at=T0)
    assert done.boto3_method == "create_capacity_provider"
    with pytest.raises(ValidationError, match="plan-only"):
        DeploymentPlan(steps=[done], confirmed_by="ana", confirmed_at=T0)
    with pytest.raises(ValidationError, match="confirmation"):
        DeploymentPlan(mode="apply", steps=[done])
    with pytest.raises(ValidationError, match="together"):
        DeploymentPlan(confirmed_by="ana")
    with pytest.raises(ValidationError, match="unique"):
        DeploymentPlan(steps=[DeploymentStep(id="a", title="t", service="lambda", operation="X1"),
                              DeploymentStep(id="a", title="t", service="lambda", operation="X1")])


def test_deployment_step_times_and_parameters():
    with pytest.raises(ValidationError, match="finished_at"):
        DeploymentStep(id="a", title="t", service="lambda", operation="Op", started_at=T0,
                       finished_at=T0 - timedelta(seconds=1))
    with pytest.raises(ValidationError, match="started_at"):
        DeploymentStep(id="a", title="t", service="lambda", operation="Op", status="running")
    with pytest.raises(ValidationError, match="JSON"):
        DeploymentStep(id="a", title="t", service="lambda", operation="Op", parameters={"x": object()})


# --- metrics -----------------------------------------------------------------------------------------------------

def series(**kw) -> MetricSeries:
    base = dict(namespace="AWS/Lambda", metric_name="Invocations", stat="Sum", period_seconds=60, unit="Count",
                source="cloudwatch")
    base.update(kw)
    return MetricSeries(**base)


@pytest.mark.parametrize("stat", ["Sum", "Average", "Maximum", "Minimum", "SampleCount", "p99", "p99.9", "p50"])
def test_metric_stats_accepted(stat):
    assert series(stat=stat).stat == stat


@pytest.mark.parametrize("field,value", [("stat", "avg"), ("stat", "p999"), ("period_seconds", 45),
                                         ("period_seconds", 0), ("unit", "ms"), ("source", "guess")])
def test_metric_series_field_rules(field, value):
    with pytest.raises(ValidationError) as exc:
        series(**{field: value})
    assert field in errors_of(exc)


def test_metric_points_are_in_time_order():
    with pytest.raises(ValidationError, match="time order"):
        series(points=[MetricPoint(timestamp=T0, value=1), MetricPoint(timestamp=T0, value=2)])
    s = series(points=[MetricPoint(timestamp=T0, value=1)], stale_since=T0)
    assert s.stale and s.latest.value == 1


# --- cutover -----------------------------------------------------------------------------------------------------

def test_cutover_defaults_and_step_rules():
    c = CutoverState(old_function_name="old", new_function_name="new")
    assert [s.traffic_pct for s in c.steps] == [10, 50, 100] and c.traffic_on_lmi_pct == 0
    with pytest.raises(ValidationError, match="100%"):
        CutoverState(old_function_name="o", new_function_name="n", steps=[CutoverStep(traffic_pct=10, bake_minutes=5)])
    with pytest.raises(ValidationError, match="raise traffic_pct"):
        CutoverState(old_function_name="o", new_function_name="n",
                     steps=[CutoverStep(traffic_pct=50, bake_minutes=5), CutoverStep(traffic_pct=10, bake_minutes=5),
                            CutoverStep(traffic_pct=100, bake_minutes=5)])
    with pytest.raises(ValidationError, match="traffic_pct must be between"):
        CutoverStep(traffic_pct=0, bake_minutes=5)


def test_cutover_status_and_current_step_agree():
    with pytest.raises(ValidationError, match="needs current_step"):
        CutoverState(old_function_name="o", new_function_name="n", status=CutoverStatus.SHIFTING)
    with pytest.raises(ValidationError, match="complete"):
        CutoverState(old_function_name="o", new_function_name="n", status="complete", current_step=1)
    done = CutoverState(old_function_name="o", new_function_name="n", status="complete", current_step=2)
    assert done.traffic_on_lmi_pct == 100
    back = CutoverState(old_function_name="o", new_function_name="n", status="rolled-back", current_step=1)
    assert back.traffic_on_lmi_pct == 0
    with pytest.raises(ValidationError, match="between 0 and 2"):
        CutoverState(old_function_name="o", new_function_name="n", status="baking", current_step=3)


def test_gate_results_must_agree_with_the_threshold():
    gate = default_gates(0)[0]
    assert (gate.name, gate.comparison, gate.threshold) == ("throttle-rate", ">", 1.0)
    GateResult(**{**gate.model_dump(), "observed": 0.5, "passed": True})
    with pytest.raises(ValidationError, match="contradicts"):
        GateResult(**{**gate.model_dump(), "observed": 2.0, "passed": True})


# --- facts -------------------------------------------------------------------------------------------------------

def test_region_facts_have_source_and_date_and_match_botocore():
    import json
    from pathlib import Path

    import botocore

    assert facts.REGIONS.as_of == "2026-06-08" and "whats-new" in facts.REGIONS.source
    assert not facts.REGIONS.is_available("me-central-1") and facts.REGIONS.is_available("eu-central-1")
    for excluded in facts.REGIONS.excluded:
        assert facts.REGIONS.is_available(facts.REGIONS.suggest(excluded))
    endpoints = json.loads((Path(botocore.__file__).parent / "data" / "endpoints.json").read_text())
    aws = next(p for p in endpoints["partitions"] if p["partition"] == "aws")
    new = set(aws["regions"]) - set(facts.REGIONS.commercial_regions)
    assert not new, f"botocore knows commercial regions the LMI rule has not been checked for: {sorted(new)}"


@pytest.mark.parametrize("memory,ratio,expected", [(2048, 4.0, 4096), (100, 2.0, 2048), (40_000, 2.0, 32_768),
                                                   (5000, 8.0, 8192), (4096, 4.0, 4096)])
def test_align_memory(memory, ratio, expected):
    assert facts.align_memory_mb(memory, ratio) == expected
    assert facts.memory_is_aligned(expected, ratio)
