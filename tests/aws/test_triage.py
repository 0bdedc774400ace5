"""Fleet triage against the moto server: ranking by saving and fit, several Regions, an empty account, and
1,000 functions in ceil(queries / 500) GetMetricData calls."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import pytest

from workbench.aws.cloudwatch import MAX_QUERIES_PER_CALL
from workbench.aws.session import open_session
from workbench.aws.triage import sort_rows, triage
from workbench.cost.compare import compare
from workbench.cost.workload import inputs_from_workload
from workbench.fit import assess

END = datetime(2026, 11, 20, tzinfo=timezone.utc)
START = END - timedelta(days=14)
HOURS = 14 * 24


def fleet(moto) -> None:
    moto.create_function("big-steady", "us-east-1", runtime="python3.13", memory_mb=1024)
    moto.put_hourly("big-steady", "us-east-1", START, [137_000.0] * HOURS, duration_ms=200,
                    concurrency=[8.0] * HOURS)
    moto.create_function("small-diurnal", "us-east-1", runtime="nodejs22.x", memory_mb=512)
    moto.put_hourly("small-diurnal", "us-east-1", START,
                    [1800.0 if 8 <= h % 24 < 20 else 200.0 for h in range(HOURS)], duration_ms=50)
    moto.create_function("idle-cron", "us-east-1")
    moto.create_function("legacy-ruby", "us-east-1", runtime="ruby3.3")
    moto.put_hourly("legacy-ruby", "us-east-1", START, [500.0] * HOURS, duration_ms=300)
    moto.create_function("west-steady", "eu-west-1", runtime="java21", memory_mb=2048)
    moto.put_hourly("west-steady", "eu-west-1", START, [300_000.0] * HOURS, duration_ms=400)


def test_rows_are_ranked_by_saving_with_the_cost_engines_numbers(moto) -> None:
    fleet(moto)
    result = triage(open_session(moto.settings("us-east-1")), ["us-east-1", "eu-west-1"], end=END,
                    percentiles=False)
    names = [r.function_name for r in result.rows]
    assert set(names) == {"big-steady", "small-diurnal", "idle-cron", "legacy-ruby", "west-steady"}
    assert result.functions_seen == {"us-east-1": 4, "eu-west-1": 1}
    priced = [r for r in result.rows if r.saving_usd is not None]
    assert [r.saving_usd for r in priced] == sorted((r.saving_usd for r in priced), reverse=True)
    assert set(names[-2:]) == {"idle-cron", "legacy-ruby"}  # rows that could not be priced come last
    by_name = {r.function_name: r for r in result.rows}
    big = by_name["big-steady"]
    assert big.traffic_pattern == "steady" and big.requests_per_month == 137_000 * 730
    engine = compare(inputs_from_workload(big.workload))
    assert big.lambda_monthly_usd == pytest.approx(engine.scenario("lambda_on_demand").monthly_usd)
    assert big.saving_usd == pytest.approx(engine.scenario("lambda_on_demand").monthly_usd
                                           - engine.scenario("lmi_on_demand").monthly_usd)
    assert big.saving_usd > 0 and names[:2] == ["west-steady", "big-steady"]
    assert by_name["small-diurnal"].saving_usd < 0  # LMI's minimum fleet costs more than a small function
    assert by_name["idle-cron"].not_priced == "no invocations in the window"
    assert by_name["legacy-ruby"].fit_verdict == "standard-lambda-better"  # LMI does not run Ruby
    assert "does not yet support ruby3.3" in by_name["legacy-ruby"].not_priced
    assert by_name["west-steady"].fit_verdict == "strong-fit"  # 219M steady requests, ~$3,000/month today
    assert all(r.fit_verdict for r in result.rows)
    assert by_name["west-steady"].workload.region == "eu-west-1"
    # the UI can push each row's workload into the store under its own id
    assert big.workload.id == "us-east-1.big-steady"


def test_sorting_by_fit_puts_the_best_fits_first(moto) -> None:
    fleet(moto)
    result = triage(open_session(moto.settings("us-east-1")), ["us-east-1", "eu-west-1"], end=END,
                    percentiles=False, sort_by="fit")
    assert result.rows[0].function_name == "west-steady"
    order = {"strong-fit": 0, "worth-evaluating": 1, "standard-lambda-better": 2}
    ranks = [order[r.fit_verdict] for r in result.rows]
    assert ranks == sorted(ranks)
    assert sort_rows(result.rows, "saving")[0].saving_usd == max(r.saving_usd for r in result.rows
                                                                 if r.saving_usd is not None)
    with pytest.raises(ValueError):
        sort_rows(result.rows, "name")


def test_empty_account(moto) -> None:
    result = triage(open_session(moto.settings("ca-central-1")), end=END)
    assert result.rows == [] and result.problems == {}
    assert result.functions_seen == {"ca-central-1": 0}
    assert result.get_metric_data_calls == 0


def test_name_filter_and_progress_phases(moto) -> None:
    fleet(moto)
    messages: list[str] = []
    result = triage(open_session(moto.settings("us-east-1")), end=END, percentiles=False, name_filter="steady",
                    on_progress=lambda done, total, message: messages.append(message))
    assert [r.function_name for r in result.rows] == ["big-steady"]
    assert messages[0] == "us-east-1: listing Lambda functions…"
    assert "us-east-1: CloudWatch request 1 of 1" in messages
    assert messages[-1] == "us-east-1: 1 functions priced"


def test_a_thousand_functions_take_ceil_queries_over_500_metric_calls(moto) -> None:
    names = [f"svc-{n:04d}" for n in range(1000)]
    moto.create_functions(names, "ap-southeast-2", insights_every=10)  # 100 with Lambda Insights
    session = open_session(moto.settings("ap-southeast-2"))
    result = triage(session, end=END)
    queries = 1000 * 6 + 100 * 2
    assert result.metric_queries == queries
    assert result.get_metric_data_calls == math.ceil(queries / MAX_QUERIES_PER_CALL) == 13
    assert result.calls["lambda:ListFunctions"]["calls"] <= math.ceil(1000 / 50)
    assert "lambda:GetFunctionConfiguration" not in result.calls  # ListFunctions carries the configuration
    assert len(result.rows) == 1000


# --- runtime versions and Regions where LMI is not available ------------------------------------------------------
def test_python312_is_rejected_with_the_upgrade_and_python313_is_accepted(moto) -> None:
    for name, runtime in (("old-py", "python3.12"), ("new-py", "python3.13")):
        moto.create_function(name, "us-east-1", runtime=runtime, memory_mb=1024)
        moto.put_hourly(name, "us-east-1", START, [137_000.0] * HOURS, duration_ms=200, concurrency=[8.0] * HOURS)
    result = triage(open_session(moto.settings("us-east-1")), end=END, percentiles=False)
    by_name = {r.function_name: r for r in result.rows}
    old, new = by_name["old-py"], by_name["new-py"]
    assert old.fit_verdict == "standard-lambda-better" and "does not yet support python3.12" in old.fit_summary
    assert old.runtime_note.startswith("Lambda Managed Instances does not yet support python3.12")
    assert "upgrade to python3.13 first" in old.runtime_note
    # priced as if upgraded (and said so), or not priced with the same reason
    assert ("the saving assumes the upgrade" in old.runtime_note if old.saving_usd is not None else
            "does not yet support python3.12" in (old.not_priced or ""))
    assert new.runtime_note is None and "does not yet support" not in new.fit_summary, new.fit_summary
    [runtime_signal] = [s for s in assess(new.workload).signals if s.name == "runtime"]
    assert runtime_signal.direction.value == "neutral" and "supported" in runtime_signal.finding


def test_a_region_without_lmi_is_a_problem_that_lists_where_it_is(moto) -> None:
    moto.create_function("bahrain", "me-south-1")
    moto.create_function("virginia", "us-east-1")
    session = open_session(moto.settings("us-east-1"))
    result = triage(session, ["me-south-1", "us-east-1"], end=END, percentiles=False)
    assert result.calls["lambda:ListFunctions"]["calls"] == 1   # us-east-1 only: me-south-1 was not read
    assert [r.function_name for r in result.rows] == ["virginia"]
    problem = result.problems["me-south-1"]
    assert problem.kind.value == "lmi-unavailable"
    assert problem.message.startswith("Lambda Managed Instances is not available in me-south-1")
    assert "Available in: " in problem.message and "ap-south-1" in problem.message
    assert "Nearest supported Region: ap-south-1" in problem.message
    assert "me-south-1" not in result.functions_seen  # nothing was read there
