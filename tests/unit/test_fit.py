"""The fit verdict: each decision-table row applied to a workload, the rules of thumb at their boundaries, the
two error scenarios (unsupported runtime, unsupported Region) and the overall verdict rule, by hand."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench import lmi_facts as facts
from workbench.fit import SIGNAL_NAMES, VERDICT_RULE, assess
from workbench.models import BlockerCode, ConcurrencyReadiness, Direction, FitAssessment, Verdict, Workload

FOR, AGAINST, NEUTRAL = Direction.FOR_LMI, Direction.AGAINST_LMI, Direction.NEUTRAL


def strong(**kw) -> Workload:
    """The demo's orders-api: steady, 120M requests/month, $1,417/month, Python, I/O-bound, in a VPC."""
    base = dict(function_name="orders-api", region="us-east-1", traffic_pattern="steady",
                requests_per_month=120_000_000, monthly_lambda_spend_usd=1417.34, runtime="python3.13",
                memory_mb=2048, duration_avg_ms=350.0, cpu_profile="io-bound", in_vpc=True)
    base.update(kw)
    return Workload(**base)


def bare(**kw) -> Workload:
    return Workload(function_name="f", **kw)


def signal(fit: FitAssessment, name: str):
    found = [s for s in fit.signals if s.name == name]
    assert len(found) == 1, [s.name for s in fit.signals]
    return found[0]


def direction(fit: FitAssessment, name: str) -> Direction:
    return signal(fit, name).direction


# --- the whole table -------------------------------------------------------------------------------------------

def test_every_signal_is_assessed_once_with_words_a_person_reads():
    fit = assess(strong())
    assert [s.name for s in fit.signals] == list(SIGNAL_NAMES)
    for s in fit.signals:
        assert s.finding.strip() and s.reason.strip()
        assert s.reason[0].isupper(), s.reason  # a sentence, not a code


def test_the_demo_workload_is_a_strong_fit():
    fit = assess(strong(), workload_version=7)
    assert fit.verdict is Verdict.STRONG_FIT
    assert fit.workload_version == 7 and fit.workload_id == "default"
    assert not fit.blockers and fit.signals_by(AGAINST) == []
    for name in ("traffic", "volume", "spend", "cost-shape", "compute", "isolation", "scale-to-zero",
                 "code-readiness"):
        assert direction(fit, name) is FOR, name
    assert "cost comparison" in fit.summary.lower()  # LMI is not always cheaper: compare before deciding


def test_without_a_store_version_the_assessment_says_version_0():
    assert assess(strong()).workload_version == 0


def test_a_workload_with_nothing_but_a_name_is_assessed_without_crashing():
    fit = assess(bare())
    assert fit.verdict is Verdict.WORTH_EVALUATING
    assert not fit.blockers
    assert all(s.direction is NEUTRAL for s in fit.signals)
    unknown = [s for s in fit.signals if s.finding.startswith("unknown — fill in ")]
    assert {s.name for s in unknown} >= {"traffic", "volume", "spend", "cost-shape", "duration", "compute",
                                         "isolation", "scale-to-zero", "code-readiness", "runtime", "region"}
    assert signal(fit, "volume").finding == "unknown — fill in requests_per_month"
    assert signal(fit, "runtime").finding == "unknown — fill in runtime"
    for name in ("traffic_pattern", "requests_per_month", "monthly_lambda_spend_usd", "runtime", "region",
                 "duration_avg_ms", "memory_mb", "cpu_profile", "in_vpc"):
        assert name in fit.missing_inputs
    assert len(fit.missing_inputs) == len(set(fit.missing_inputs))
    assert "fill in" in fit.summary.lower() and "too little is known" in fit.summary


# --- error scenario: unsupported runtime -----------------------------------------------------------------------

def test_unsupported_runtime_names_it_lists_the_supported_ones_and_suggests_standard_lambda():
    fit = assess(strong(runtime="ruby3.3"))
    assert fit.verdict is Verdict.STANDARD_LAMBDA_BETTER
    [blocker] = fit.blockers
    assert blocker.code is BlockerCode.UNSUPPORTED_RUNTIME
    assert blocker.message.startswith("Lambda Managed Instances does not yet support ruby3.3")
    assert blocker.alternatives == ["Java 21+", "Python 3.13+", "Node.js 22+", ".NET 8+", "Rust on provided.al2023"]
    assert blocker.suggested == "standard Lambda"
    assert any("standard Lambda" in s for s in blocker.suggestions)
    assert any("Java 21+, Python 3.13+, Node.js 22+, .NET 8+" in s for s in blocker.suggestions)
    assert direction(fit, "runtime") is AGAINST
    assert "does not yet support ruby3.3" in fit.summary
    assert facts.RUNTIME_SUPPORT.as_of in blocker.source


@pytest.mark.parametrize("runtime, upgrade", [
    ("python3.12", "python3.13"), ("nodejs20.x", "nodejs22.x"), ("nodejs18.x", "nodejs22.x"), ("java17", "java21"),
    ("java11", "java21"), ("dotnet6", "dotnet8"), ("provided.al2", "provided.al2023"),
])
def test_an_older_runtime_version_is_a_blocker_that_names_the_upgrade(runtime, upgrade):
    fit = assess(strong(runtime=runtime))
    assert fit.verdict is Verdict.STANDARD_LAMBDA_BETTER
    [blocker] = fit.blockers
    assert blocker.code is BlockerCode.UNSUPPORTED_RUNTIME
    assert blocker.message.startswith(f"Lambda Managed Instances does not yet support {runtime}")
    assert blocker.suggested == upgrade
    assert any(f"Upgrade to {upgrade}" in s and "standard Lambda" in s for s in blocker.suggestions)
    assert direction(fit, "runtime") is AGAINST


@pytest.mark.parametrize("runtime", ["python3.13", "python3.14", "nodejs22.x", "nodejs24.x", "java21", "java25",
                                     "dotnet8", "dotnet10"])
def test_the_supported_versions_and_later_ones_are_accepted(runtime):
    fit = assess(strong(runtime=runtime))
    assert fit.blockers == []
    assert "supported" in signal(fit, "runtime").finding and "not supported" not in signal(fit, "runtime").finding


def test_rust_on_provided_al2023_is_supported_with_its_condition_named():
    fit = assess(strong(runtime="provided.al2023"))
    assert fit.blockers == []
    assert "provided.al2023 (Rust): supported, 8 concurrent invocations per vCPU" in signal(fit, "runtime").finding
    assert "Rust only" in next(s.reason for s in fit.signals if s.name == "runtime")


def test_go_on_go1x_has_no_upgrade_and_keeps_standard_lambda():
    [blocker] = assess(strong(runtime="go1.x")).blockers
    assert blocker.suggested == "standard Lambda"
    assert not any("Upgrade to" in s for s in blocker.suggestions)


@pytest.mark.parametrize("runtime, family", [("nodejs22.x", "Node.js"), ("java21", "Java"), ("dotnet8", ".NET"),
                                             ("python3.13", "Python")])
def test_supported_runtimes_raise_no_blocker(runtime, family):
    fit = assess(strong(runtime=runtime))
    assert not fit.blockers
    assert direction(fit, "runtime") is NEUTRAL
    assert signal(fit, "runtime").finding.startswith(f"{runtime}: supported") and family


# --- error scenario: unsupported Region ------------------------------------------------------------------------

def test_unsupported_region_names_it_lists_the_regions_with_their_source_and_suggests_the_nearest():
    fit = assess(strong(region="il-central-1"))
    assert fit.verdict is Verdict.STANDARD_LAMBDA_BETTER
    [blocker] = fit.blockers
    assert blocker.code is BlockerCode.UNSUPPORTED_REGION
    assert "il-central-1" in blocker.message and "not available" in blocker.message
    assert blocker.alternatives == list(facts.REGIONS.available)
    assert facts.REGIONS.as_of in blocker.source and "whats-new" in blocker.source
    assert blocker.suggested == "eu-south-1"
    assert any("eu-south-1" in s and "nearest" in s for s in blocker.suggestions)
    assert direction(fit, "region") is AGAINST


@pytest.mark.parametrize("region, nearest", [("me-south-1", "ap-south-1"), ("me-central-1", "ap-south-1"),
                                             ("ap-southeast-6", "ap-southeast-2")])
def test_each_excluded_region_gets_its_nearest_supported_region(region, nearest):
    [blocker] = assess(strong(region=region)).blockers
    assert blocker.suggested == nearest


def test_a_region_outside_the_list_is_refused_with_a_same_geography_suggestion():
    [blocker] = assess(strong(region="us-gov-west-1")).blockers
    assert "us-gov-west-1" in blocker.message
    assert blocker.suggested == "us-west-2"
    assert any("judgement" in s for s in blocker.suggestions)


def test_a_region_with_no_supported_neighbour_lists_the_regions_but_suggests_none():
    [blocker] = assess(strong(region="cn-north-1")).blockers
    assert blocker.suggested is None
    assert blocker.alternatives == list(facts.REGIONS.available)
    assert any("pick" in s.lower() for s in blocker.suggestions)


def test_supported_region_is_neutral_and_says_so():
    fit = assess(strong(region="eu-west-1"))
    assert direction(fit, "region") is NEUTRAL
    assert "eu-west-1" in signal(fit, "region").finding


def test_both_blockers_at_once():
    fit = assess(strong(runtime="go1.x", region="me-south-1"))
    assert [b.code for b in fit.blockers] == [BlockerCode.UNSUPPORTED_RUNTIME, BlockerCode.UNSUPPORTED_REGION]
    assert fit.verdict is Verdict.STANDARD_LAMBDA_BETTER


# --- traffic and volume ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("pattern, expected", [
    ("steady", FOR), ("predictable-diurnal", FOR), ("bursty", AGAINST), ("mostly-idle", AGAINST),
    ("unknown", NEUTRAL),
])
def test_traffic_shape(pattern, expected):
    fit = assess(strong(traffic_pattern=pattern))
    assert direction(fit, "traffic") is expected
    if pattern == "unknown":
        assert signal(fit, "traffic").finding == "unknown — fill in traffic_pattern"


def test_diurnal_traffic_mentions_scheduled_scaling():
    assert "schedul" in signal(assess(strong(traffic_pattern="predictable-diurnal")), "traffic").reason.lower()


def test_peak_to_mean_ratio_is_shown_when_known():
    fit = assess(strong(traffic_pattern="bursty", mean_requests_per_second=10, peak_requests_per_second=80))
    assert "peak 8× the mean" in signal(fit, "traffic").finding


@pytest.mark.parametrize("requests, expected", [(50_000_000, FOR), (49_999_999, AGAINST), (0, AGAINST),
                                                (500_000_000, FOR)])
def test_volume_50m_per_month_rule_boundary(requests, expected):
    assert direction(assess(strong(requests_per_month=requests)), "volume") is expected


def test_volume_is_derived_from_the_mean_rate_when_the_monthly_count_is_missing():
    # 20 requests/s × 730 h × 3,600 s = 52,560,000 requests/month ≥ 50M
    fit = assess(strong(requests_per_month=None, mean_requests_per_second=20))
    volume = signal(fit, "volume")
    assert volume.direction is FOR
    assert "52,560,000 requests/month" in volume.finding and "20 requests/s" in volume.finding
    assert "requests_per_month" not in fit.missing_inputs


# --- cost: spend, its shape, very short functions --------------------------------------------------------------

@pytest.mark.parametrize("spend, expected", [(1000.0, FOR), (999.99, AGAINST), (0.0, AGAINST), (25_000.0, FOR)])
def test_spend_1000_per_month_rule_boundary(spend, expected):
    assert direction(assess(strong(monthly_lambda_spend_usd=spend)), "spend") is expected


def test_spend_is_estimated_at_list_prices_when_not_given():
    # us-east-1 x86_64: 100M × $0.20/M = $20.00; 100M × 0.1 s × 1 GB = 10M GB-s × $0.0000166667 = $166.67
    fit = assess(strong(monthly_lambda_spend_usd=None, requests_per_month=100_000_000, duration_avg_ms=100,
                        memory_mb=1024))
    spend = signal(fit, "spend")
    assert spend.direction is AGAINST
    assert "≈ $186.67/month" in spend.finding and "estimated" in spend.finding
    assert "monthly_lambda_spend_usd" in fit.missing_inputs  # a real bill would be better


def test_spend_unknown_without_the_figures_to_estimate_it():
    fit = assess(strong(monthly_lambda_spend_usd=None, memory_mb=None))
    assert signal(fit, "spend").finding == "unknown — fill in monthly_lambda_spend_usd"


def test_duration_heavy_spend_argues_for_lmi():
    # per request: 0.35 s × 2 GB × $0.0000166667 = $0.0000116667 vs the $0.0000002 request fee: 98% duration
    shape = signal(assess(strong()), "cost-shape")
    assert shape.direction is FOR
    assert "98% of the bill is duration" in shape.finding


def test_request_heavy_spend_argues_against_lmi():
    # per request: 0.02 s × 0.125 GB × $0.0000166667 = $0.0000000417 vs $0.0000002: duration is 17%
    shape = signal(assess(strong(duration_avg_ms=20, memory_mb=128)), "cost-shape")
    assert shape.direction is AGAINST
    assert "17% of the bill is duration" in shape.finding
    assert "request fee" in shape.reason


@pytest.mark.parametrize("duration, expected", [(99.9, AGAINST), (100.0, NEUTRAL), (5.0, AGAINST),
                                                (2000.0, NEUTRAL)])
def test_very_short_functions_under_100_ms(duration, expected):
    assert direction(assess(strong(duration_avg_ms=duration)), "duration") is expected


# --- cold starts, compute, isolation, scale to zero ------------------------------------------------------------

def test_provisioned_concurrency_means_cold_starts_matter():
    fit = assess(strong(provisioned_concurrency=10))
    assert direction(fit, "cold-starts") is FOR
    assert "scale-out" in signal(fit, "cold-starts").reason


def test_no_provisioned_concurrency_means_cold_starts_are_tolerated_today():
    fit = assess(strong())
    assert direction(fit, "cold-starts") is NEUTRAL


def test_java_without_provisioned_concurrency_hears_about_snapstart():
    assert "SnapStart" in signal(assess(strong(runtime="java21")), "cold-starts").reason


@pytest.mark.parametrize("profile, expected", [("io-bound", FOR), ("cpu-bound", NEUTRAL), ("balanced", NEUTRAL),
                                               ("memory-heavy", NEUTRAL), ("unknown", NEUTRAL)])
def test_compute_profile(profile, expected):
    fit = assess(strong(cpu_profile=profile))
    assert direction(fit, "compute") is expected
    if profile == "cpu-bound":
        assert "1 per vCPU" in signal(fit, "compute").reason
    if profile == "unknown":
        assert signal(fit, "compute").finding == "unknown — fill in cpu_profile"


def test_memory_heavy_near_the_standard_lambda_ceiling_argues_for_lmi():
    fit = assess(strong(cpu_profile="memory-heavy", memory_mb=10_240))
    assert direction(fit, "compute") is FOR
    assert "32 GB" in signal(fit, "compute").reason


def test_isolation_in_a_vpc():
    fit = assess(strong(in_vpc=True, private_resources=["RDS for MySQL"]))
    assert direction(fit, "isolation") is FOR
    assert "RDS for MySQL" in signal(fit, "isolation").finding


def test_isolation_in_a_vpc_with_too_few_subnets_says_lmi_needs_three():
    fit = assess(strong(in_vpc=True, subnet_ids=["subnet-0123abcd", "subnet-0123abce"]))
    assert direction(fit, "isolation") is FOR
    assert "3 subnets" in signal(fit, "isolation").reason


@pytest.mark.parametrize("in_vpc, expected_finding", [(False, "not in a VPC"),
                                                      (None, "unknown — fill in in_vpc")])
def test_isolation_outside_a_vpc_or_unknown_is_neutral(in_vpc, expected_finding):
    fit = assess(strong(in_vpc=in_vpc))
    assert direction(fit, "isolation") is NEUTRAL
    assert signal(fit, "isolation").finding.startswith(expected_finding)


@pytest.mark.parametrize("pattern, expected", [("steady", FOR), ("predictable-diurnal", FOR), ("bursty", NEUTRAL),
                                               ("mostly-idle", AGAINST), ("unknown", NEUTRAL)])
def test_scale_to_zero(pattern, expected):
    assert direction(assess(strong(traffic_pattern=pattern)), "scale-to-zero") is expected


# --- code readiness by runtime family --------------------------------------------------------------------------

@pytest.mark.parametrize("runtime, readiness, expected", [
    ("python3.13", "unknown", FOR),          # any Python: separate processes, no thread-safety work
    ("python3.13", "needs-changes", FOR),
    ("python3.13", "ready", FOR),
    ("python3.13", "blocked", AGAINST),
    ("nodejs22.x", "ready", FOR),            # thread-safe Node.js/Java/.NET
    ("java21", "ready", FOR),
    ("dotnet8", "ready", FOR),
    ("nodejs22.x", "needs-changes", NEUTRAL),
    ("java21", "needs-changes", NEUTRAL),
    ("dotnet8", "blocked", AGAINST),         # not thread-safe and costly to change
    ("java21", "blocked", AGAINST),
    ("nodejs22.x", "unknown", NEUTRAL),
])
def test_code_readiness(runtime, readiness, expected):
    fit = assess(strong(runtime=runtime, concurrency_readiness=readiness))
    assert direction(fit, "code-readiness") is expected


def test_python_readiness_mentions_tmp_and_memory_multiplication():
    reason = signal(assess(strong()), "code-readiness").reason
    assert "/tmp" in reason and "process" in reason


def test_unknown_readiness_of_a_threaded_runtime_asks_for_the_review():
    fit = assess(strong(runtime="java21"))
    assert signal(fit, "code-readiness").finding == "unknown — fill in concurrency_readiness"
    assert "concurrency_readiness" in fit.missing_inputs


def test_the_readiness_review_result_overrides_the_workload_field():
    fit = assess(strong(runtime="nodejs22.x"), readiness=ConcurrencyReadiness.READY)
    assert direction(fit, "code-readiness") is FOR
    fit = assess(strong(runtime="nodejs22.x", concurrency_readiness="ready"), readiness=ConcurrencyReadiness.BLOCKED)
    assert direction(fit, "code-readiness") is AGAINST


def test_readiness_of_an_unsupported_runtime_is_not_assessed():
    fit = assess(strong(runtime="ruby3.3"))
    assert direction(fit, "code-readiness") is NEUTRAL


# --- the overall verdict ---------------------------------------------------------------------------------------

def test_low_volume_makes_standard_lambda_better():
    fit = assess(strong(requests_per_month=10_000_000, monthly_lambda_spend_usd=None, duration_avg_ms=200))
    # 10M × $0.20/M = $2 + 10M × 0.2 s × 2 GB = 4M GB-s × $0.0000166667 = $66.67 → ≈ $68.67: below $1,000
    assert fit.verdict is Verdict.STANDARD_LAMBDA_BETTER


def test_low_spend_makes_standard_lambda_better_even_above_50m_requests():
    fit = assess(strong(monthly_lambda_spend_usd=400.0))
    assert direction(fit, "volume") is FOR
    assert fit.verdict is Verdict.STANDARD_LAMBDA_BETTER


def test_high_spend_below_50m_requests_is_worth_evaluating():
    # long, heavy functions: 10M requests but $5,000/month of duration
    fit = assess(strong(requests_per_month=10_000_000, monthly_lambda_spend_usd=5000.0, duration_avg_ms=3000))
    assert direction(fit, "volume") is AGAINST and direction(fit, "spend") is FOR
    assert fit.verdict is Verdict.WORTH_EVALUATING


def test_mostly_idle_traffic_needs_scale_to_zero_so_standard_lambda_is_better():
    assert assess(strong(traffic_pattern="mostly-idle")).verdict is Verdict.STANDARD_LAMBDA_BETTER


def test_code_that_is_not_thread_safe_and_costly_to_change_makes_standard_lambda_better():
    fit = assess(strong(runtime="java21", concurrency_readiness="blocked"))
    assert fit.verdict is Verdict.STANDARD_LAMBDA_BETTER


def test_bursty_traffic_at_scale_is_worth_evaluating():
    assert assess(strong(traffic_pattern="bursty")).verdict is Verdict.WORTH_EVALUATING


def test_one_signal_against_keeps_an_otherwise_strong_fit_at_worth_evaluating():
    fit = assess(strong(duration_avg_ms=80, monthly_lambda_spend_usd=3000))
    assert fit.signals_by(AGAINST) == [signal(fit, "duration")]
    assert fit.verdict is Verdict.WORTH_EVALUATING
    assert "under 100 ms" in fit.summary or "duration" in fit.summary


def test_unknown_traffic_shape_keeps_a_high_spend_workload_at_worth_evaluating():
    fit = assess(strong(traffic_pattern="unknown"))
    assert fit.verdict is Verdict.WORTH_EVALUATING
    assert "traffic_pattern" in fit.missing_inputs


def test_the_verdict_rule_is_documented():
    for words in ("strong fit", "worth evaluating", "standard lambda is better", "$1,000", "50m", "blocker"):
        assert words in VERDICT_RULE.lower()


def test_the_assessment_is_a_valid_document_and_round_trips():
    fit = assess(strong(region="il-central-1", runtime="ruby3.3"), workload_version=2)
    assert FitAssessment.model_validate_json(fit.model_dump_json()) == fit


# --- whatever the workload, an assessment comes back ---------------------------------------------------------

any_workload = st.builds(
    Workload,
    function_name=st.just("f"),
    runtime=st.sampled_from([None, "python3.13", "nodejs22.x", "java21", "dotnet8", "ruby3.3", "provided.al2023"]),
    region=st.sampled_from([None, "us-east-1", "eu-west-3", "il-central-1", "cn-north-1", "us-gov-east-1"]),
    traffic_pattern=st.sampled_from(["steady", "predictable-diurnal", "bursty", "mostly-idle", "unknown"]),
    requests_per_month=st.none() | st.integers(0, 10**13),
    monthly_lambda_spend_usd=st.none() | st.floats(0, 1e9),
    memory_mb=st.none() | st.integers(128, 10_240),
    duration_avg_ms=st.none() | st.floats(0, 900_000),
    cpu_profile=st.sampled_from(["cpu-bound", "io-bound", "balanced", "memory-heavy", "unknown"]),
    concurrency_readiness=st.sampled_from(["unknown", "ready", "needs-changes", "blocked"]),
    in_vpc=st.none() | st.booleans(),
    provisioned_concurrency=st.integers(0, 1000),
    architecture=st.sampled_from(["x86_64", "arm64"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_workload)
def test_any_workload_gets_a_valid_assessment(work):
    fit = assess(work)
    assert [s.name for s in fit.signals] == list(SIGNAL_NAMES)
    FitAssessment.model_validate(fit.model_dump())
    if fit.blockers:
        assert fit.verdict is Verdict.STANDARD_LAMBDA_BETTER
    if fit.verdict is Verdict.STRONG_FIT:
        assert not fit.signals_by(AGAINST)
