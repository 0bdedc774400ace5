"""Importing one function from the moto server: configuration, CloudWatch history with known shapes, the
derived numbers and the Workload document; listing with a filter; progress and cancellation."""

from __future__ import annotations

import statistics
import threading
from datetime import datetime, timedelta, timezone

import pytest

from workbench.aws.errors import AwsProblem, ProblemKind
from workbench.aws.intake import import_function, list_functions
from workbench.aws.session import open_session
from workbench.models import CpuProfile, DataSource, TrafficPattern

END = datetime(2026, 11, 20, tzinfo=timezone.utc)
START = END - timedelta(days=14)
HOURS = 14 * 24
REGION = "us-east-1"


def day_night(day: float, night: float) -> list[float]:
    return [day if 8 <= h % 24 < 20 else night for h in range(HOURS)]


def run_import(moto, name: str, region: str = REGION, **kw):
    # moto cannot compute percentile statistics: p99 is asked only in test_percentiles_fallback
    kw.setdefault("percentiles", False)
    kw.setdefault("cost_explorer", False)
    return import_function(open_session(moto.settings(region)), name, end=END, **kw)


def test_steady_function(moto) -> None:
    moto.create_function("steady-api", memory_mb=1024, timeout_s=30)
    counts = [900.0 if h % 2 else 1100.0 for h in range(HOURS)]
    moto.put_hourly("steady-api", REGION, START, counts, duration_ms=200, concurrency=[5.0] * HOURS)
    result = run_import(moto, "steady-api")
    w = result.workload
    assert w.traffic_pattern is TrafficPattern.STEADY
    assert w.requests_per_month == 1000 * 730
    assert w.mean_requests_per_second == pytest.approx(1000 / 3600)
    assert w.peak_requests_per_second == pytest.approx(1100 / 3600)
    assert (w.baseline_concurrent_executions, w.peak_concurrent_executions) == (5, 5)
    assert w.duration_avg_ms == pytest.approx(200)
    shape = result.figures.shape.stats
    assert shape.cv == pytest.approx(0.1) and shape.peak_to_mean == pytest.approx(1.1) and shape.idle_share == 0
    assert result.problems == []


def test_diurnal_function(moto) -> None:
    moto.create_function("daytime", memory_mb=2048)
    moto.put_hourly("daytime", REGION, START, day_night(1800, 200), duration_ms=120,
                    concurrency=day_night(4, 1))
    result = run_import(moto, "daytime")
    w = result.workload
    assert w.traffic_pattern is TrafficPattern.PREDICTABLE_DIURNAL
    assert w.requests_per_month == 730_000
    assert w.peak_requests_per_second == pytest.approx(0.5)
    assert (w.baseline_concurrent_executions, w.peak_concurrent_executions) == (3, 4)  # median 2.5 → 3
    stats = result.figures.shape.stats
    assert (stats.cv, stats.peak_to_mean, stats.diurnal_strength) == (pytest.approx(0.8), pytest.approx(1.8),
                                                                      pytest.approx(1.0))
    assert "predictable-diurnal (CV 0.80, peak 1.8× mean, 0% idle hours, daily profile 1.00)" in w.notes


def test_bursty_function(moto) -> None:
    moto.create_function("webhooks")
    spikes = {7, 40, 75, 101, 150, 199, 230, 262, 300, 333}
    counts = [5000.0 if h in spikes else 100.0 for h in range(HOURS)]
    moto.put_hourly("webhooks", REGION, START, counts, duration_ms=80)
    result = run_import(moto, "webhooks")
    w = result.workload
    total = 326 * 100 + 10 * 5000
    mean = total / HOURS
    assert w.traffic_pattern is TrafficPattern.BURSTY
    assert w.requests_per_month == round(mean * 730)
    assert w.mean_requests_per_second == pytest.approx(mean / 3600)
    assert w.peak_requests_per_second == pytest.approx(5000 / 3600)
    assert result.figures.shape.stats.cv == pytest.approx(statistics.pstdev(counts) / mean)
    # no ConcurrentExecutions published: estimated from rate × duration, and said so
    assert w.baseline_concurrent_executions == 1  # median 100/h × 0.08 s ≈ 0.002 → rounded up to 1
    assert "Little's law" in w.notes


def test_mostly_idle_function_and_its_counters(moto) -> None:
    moto.create_function("nightly-report", runtime="java21", memory_mb=3008, timeout_s=900)
    counts = [30.0 if 2 <= h % 24 < 6 else 0.0 for h in range(HOURS)]
    errors = [1.0 if h == 26 else 0.0 for h in range(HOURS)]
    moto.put_hourly("nightly-report", REGION, START, counts, duration_ms=45_000, errors=errors,
                    throttles=errors)
    result = run_import(moto, "nightly-report")
    w = result.workload
    assert w.traffic_pattern is TrafficPattern.MOSTLY_IDLE
    assert result.figures.shape.stats.idle_share == pytest.approx(20 / 24)
    assert (result.metrics.errors, result.metrics.throttles) == (1, 1)
    assert "1 errors and 1 throttles in the window" in w.notes
    assert (w.runtime, w.memory_mb, w.timeout_s) == ("java21", 3008, 900)


def test_configuration_vpc_layers_storage_and_source(moto) -> None:
    moto.create_function("private-api", architecture="arm64", ephemeral_mb=2048, timeout_s=60,
                         vpc=(["subnet-0a1b2c3d", "subnet-0a1b2c3e"], ["sg-0a1b2c3d"]))
    result = run_import(moto, "private-api")
    w = result.workload
    assert (w.architecture.value, w.ephemeral_storage_mb, w.timeout_s) == ("arm64", 2048, 60)
    assert w.in_vpc is True
    assert w.subnet_ids == ["subnet-0a1b2c3d", "subnet-0a1b2c3e"] and w.security_group_ids == ["sg-0a1b2c3d"]
    assert not result.function.lambda_insights
    assert w.source is DataSource.AWS_IMPORT
    assert w.source_detail == "account 123456789012 · us-east-1 · CloudWatch 14 days to 2026-11-20 00:00 UTC"
    assert w.function_arn == "arn:aws:lambda:us-east-1:123456789012:function:private-api"
    # no traffic at all in the window
    assert w.requests_per_month == 0 and w.traffic_pattern is TrafficPattern.MOSTLY_IDLE
    assert "no invocations in the last 14 days" in w.notes


def test_lambda_insights_layer_adds_cpu_and_memory(moto) -> None:
    moto.create_function("resize", insights=True, memory_mb=1536)
    moto.put_hourly("resize", REGION, START, [3600.0] * HOURS, duration_ms=200)
    moto.put_insights("resize", REGION, START, HOURS, cpu_total_time_ms=150, memory_utilization_pct=[30, 42, 35])
    result = run_import(moto, "resize")
    w = result.workload
    assert result.function.lambda_insights
    assert w.insights_cpu_total_time_ms == pytest.approx(150)
    assert w.insights_memory_utilization_pct == pytest.approx(42)  # the highest reading
    assert w.has_lambda_insights
    assert w.cpu_profile is CpuProfile.CPU_BOUND  # 150 of 200 ms on the CPU
    assert result.calls["cloudwatch:GetMetricData"]["calls"] == 1  # seven queries, one request


def test_percentiles_fallback_keeps_the_rest_and_is_remembered(moto) -> None:
    """moto answers a batch holding a p99 query over existing data with HTTP 500: the batch is sent again without
    it, p99 is left empty with a note, and the session does not ask for percentiles again."""
    moto.create_function("checkout")
    moto.put_hourly("checkout", REGION, START, [1000.0] * HOURS, duration_ms=90)
    session = open_session(moto.settings(REGION), max_attempts=2)
    first = import_function(session, "checkout", end=END, cost_explorer=False)
    assert first.workload.duration_avg_ms == pytest.approx(90)
    assert first.workload.duration_p99_ms is None
    assert "could not compute percentiles" in first.workload.notes
    assert session.capabilities["percentiles"] is False
    assert first.calls["cloudwatch:GetMetricData"]["calls"] == 2  # the failed request and the one without p99
    second = import_function(session, "checkout", end=END, cost_explorer=False)
    assert second.calls["cloudwatch:GetMetricData"]["calls"] == 3
    assert second.workload.requests_per_month == 730_000


def test_list_functions_filters_and_reports_progress(moto) -> None:
    names = [f"orders-{n:03d}" for n in range(60)] + [f"billing-{n:02d}" for n in range(15)]
    moto.create_functions(names, REGION)
    session = open_session(moto.settings(REGION))
    seen: list[tuple[int, int, str]] = []
    listing = list_functions(session, name_filter="BILLING", on_progress=lambda *a: seen.append(a))
    assert [f.name for f in listing.functions] == [f"billing-{n:02d}" for n in range(15)]
    assert listing.seen == 75
    assert seen[-1] == (75, 75, "us-east-1: 15 of 75 match 'BILLING'")
    glob = list_functions(session, name_filter="orders-05?")
    assert [f.name for f in glob.functions] == [f"orders-05{n}" for n in range(10)]
    assert list_functions(session, "eu-north-1").empty_account


def test_missing_function_is_not_found(moto) -> None:
    with pytest.raises(AwsProblem) as caught:
        run_import(moto, "nope")
    assert caught.value.kind is ProblemKind.NOT_FOUND


def test_cancel_before_metrics_raises_cancelled_and_progress_is_reported(moto) -> None:
    moto.create_function("slow")
    cancel = threading.Event()
    steps: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, message: str) -> None:
        steps.append((done, total, message))
        if done == 1:
            cancel.set()  # the user presses Esc while the configuration is being read

    with pytest.raises(AwsProblem) as caught:
        run_import(moto, "slow", on_progress=progress, cancel=cancel)
    assert caught.value.kind is ProblemKind.CANCELLED
    assert [s[:2] for s in steps] == [(0, 2), (1, 2)]


def test_progress_runs_to_the_end(moto) -> None:
    moto.create_function("quick")
    steps: list[tuple[int, int, str]] = []
    run_import(moto, "quick", on_progress=lambda *a: steps.append(a))
    assert steps[-1] == (2, 2, "quick: imported")


def test_a_function_in_a_region_without_lmi_is_not_imported_and_the_message_says_where_it_runs(moto) -> None:
    from workbench.aws.errors import AwsProblem, ProblemKind

    moto.create_function("bahrain-api", "me-south-1", memory_mb=1024)
    with pytest.raises(AwsProblem) as caught:
        run_import(moto, "bahrain-api", region="me-south-1")
    assert caught.value.kind is ProblemKind.LMI_UNAVAILABLE
    message = caught.value.message
    assert message.startswith("bahrain-api: Lambda Managed Instances is not available in me-south-1")
    assert "Available in: af-south-1" in message and "Nearest supported Region: ap-south-1" in message


def test_the_tui_jobs_say_so_too(moto, tmp_path) -> None:
    """import_into_store and triage_into_store (what the TUI's import and triage run) refuse the Region, write
    nothing for it and return the message the screen shows."""
    from workbench.aws.errors import AwsProblem
    from workbench.aws.session_jobs import import_into_store, triage_into_store
    from workbench.models import TriageReport, Workload
    from workbench.store import Store

    moto.create_function("bahrain-api", "me-south-1", memory_mb=1024)
    session = open_session(moto.settings("me-south-1"))
    with Store.open(tmp_path / "s.sqlite", author="t", session="s") as store:
        with pytest.raises(AwsProblem, match="not available in me-south-1"):
            import_into_store(store, session, "bahrain-api", region="me-south-1")
        assert store.get(Workload) is None
        text = triage_into_store(store, session, ["me-south-1"])
        assert "• me-south-1: Lambda Managed Instances is not available in me-south-1" in text
        report = store.get(TriageReport).doc
        assert report.rows == [] and "Nearest supported Region: ap-south-1" in report.problems["me-south-1"]


def test_listing_a_region_without_lmi_warns_before_any_import(moto, tmp_path) -> None:
    from workbench.aws.session_jobs import list_into_store
    from workbench.store import Store

    moto.create_function("bahrain-api", "me-south-1", memory_mb=1024)
    with Store.open(tmp_path / "s.sqlite", author="t", session="s") as store:
        text = list_into_store(store, open_session(moto.settings("me-south-1")), "me-south-1")
    assert text.startswith("1 functions in me-south-1.")
    assert "Lambda Managed Instances is not available in me-south-1" in text and "refused" in text
