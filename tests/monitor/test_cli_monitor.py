"""`lmi-workbench monitor`: the demo and the moto server through the real CLI, its exit codes (0 OK, 1 breach,
2 error/usage, 3 no data), JSON for scripts, a table that fits 80 columns, recording and replay, and the target
read from the session's store. Read-only: the proxy in front of moto sees nothing but GetMetricData."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from tests.aws._faults import FaultProxy
from tests.monitor.test_session_cloudwatch import denied, put
from workbench.cli import main
from workbench.clock import system_now
from workbench.metrics import SimulatedSource, align_down
from workbench.models import CutoverState
from workbench.monitor import MonitorSession, MonitorTarget, RecordingSource, demo_target
from workbench.store import Store

FIVE = timedelta(minutes=5)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["monitor", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("scenario, code, breached", [("healthy", 0, set()), ("errors", 1, {"error-rate"})])
def test_demo_once_as_json(capsys, scenario, code, breached) -> None:
    got, out, err = run(capsys, "--demo", "--scenario", scenario, "--once", "--format", "json")
    assert got == code, err
    doc = json.loads(out)
    assert doc["exit_code"] == code and doc["target"] == demo_target().to_dict()
    assert doc["source"].startswith(f"simulated ({scenario}")
    assert len(doc["statuses"]) == 7 and doc["window_minutes"] == 15 and doc["error"] is None
    assert {s["name"] for s in doc["statuses"] if s["state"] == "breach"} == breached


def test_demo_text_table_fits_80_columns(capsys, monkeypatch) -> None:
    # The throttling scenario throttles at the simulated day's peak (15:00 UTC): the moment is part of the case.
    monkeypatch.setenv("LMI_WORKBENCH_NOW", "2026-12-07T15:00:00Z")
    code, out, _ = run(capsys, "--demo", "--scenario", "throttling", "--once")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == demo_target().describe()[:len(lines[0])]
    assert any(line.startswith("STATE    CHECK") for line in lines)
    assert any(line.startswith("BREACH   Throttle rate") for line in lines)
    assert any("→ raise MinExecutionEnvironments" in line for line in lines)
    assert lines[-1].startswith("Result: BREACH (")
    assert max(len(line) for line in lines) <= 80


def seed(moto, target: MonitorTarget, *, cpu: float) -> None:
    """Six steady 5-minute periods up to now, so any 15-minute window sees the same values."""
    start = align_down(system_now(), 300) - 5 * FIVE
    put(moto, target, "lmi_invocations", [1000] * 6, start=start)
    put(moto, target, "ee_cpu", [cpu] * 6, start=start)
    put(moto, target, "ee_memory", [40] * 6, start=start)
    put(moto, target, "ee_concurrency", [4] * 6, start=start)
    put(moto, target, "ee_concurrency_limit", [16] * 6, start=start)
    put(moto, target, "old_invocations", [200] * 30, start=start, step=timedelta(minutes=1))


SHOP = MonitorTarget(function_name="shop-lmi", alias="live", version="2", capacity_provider="fleet",
                     old_function_name="shop")
SHOP_ARGS = ("--function", "shop-lmi", "--alias", "live", "--version", "2", "--capacity-provider", "fleet",
             "--old-function", "shop", "--region", "us-east-1", "--once", "--format", "json")


@pytest.mark.parametrize("cpu, code", [(85.0, 1), (50.0, 3)])
def test_against_cloudwatch_breach_is_1_and_missing_data_is_3(moto, capsys, cpu, code) -> None:
    seed(moto, SHOP, cpu=cpu)
    got, out, err = run(capsys, *SHOP_ARGS, "--endpoint-url", moto.endpoint)
    assert got == code, err
    doc = json.loads(out)
    states = {s["name"]: s["state"] for s in doc["statuses"]}
    assert states["cpu-high"] == ("breach" if cpu > 80 else "ok")
    assert states["throttle-rate"] == "ok" and states["error-rate"] == "ok"
    assert states["latency-p99"] == "no-data"  # no Duration datapoints on moto
    assert doc["source"] == "CloudWatch (us-east-1)" and doc["last_datapoint"] is not None


def test_a_refused_read_is_2_and_nothing_but_get_metric_data_is_called(moto, capsys) -> None:
    seed(moto, SHOP, cpu=50.0)
    with FaultProxy(moto.endpoint, lambda seen, before: denied(seen, before + 1)) as proxy:
        code, out, err = run(capsys, *SHOP_ARGS, "--endpoint-url", proxy.endpoint)
        assert {s.operation for s in proxy.seen} == {"GetMetricData"}
    assert code == 2
    assert "Not permitted" in err and "cloudwatch:GetMetricData" in err
    assert json.loads(out)["error"].startswith("Not permitted")


@pytest.mark.parametrize("args, message", [
    (("--function", "shop"), "--function needs --alias"),
    (("--alias", "live", "--demo"), "--alias describe the function: name it with --function as well"),
    (("--function", "bad name", "--alias", "live"), "function_name must be 1–64"),
    (("--demo", "--scenario", "sunny"), "--scenario must be one of healthy, cpu-hot"),
    (("--scenario", "cpu-hot", "--function", "a", "--alias", "b"), "use it with --demo"),
    (("--demo", "--replay", "x.jsonl"), "--demo and --replay are two different sources"),
    (("--replay", "x.jsonl", "--record", "y.jsonl"), "--record copies a live source"),
    ((), "nothing to monitor: name the function with --function NAME --alias ALIAS"),
    (("--function", "a", "--alias", "b"), None),
])
def test_usage_problems_are_2_with_a_message(capsys, args, message) -> None:
    if message is None:  # --offline is a top-level option: given before the command
        code = main(["--offline", "monitor", *args])
        err = capsys.readouterr().err
        message = "cannot run with --offline"
    else:
        code, _, err = run(capsys, *args)
    assert code == 2 and message in err


def test_record_then_replay_prints_the_same_statuses(capsys, tmp_path) -> None:
    path = tmp_path / "demo.jsonl"
    code, out, _ = run(capsys, "--demo", "--scenario", "cpu-hot", "--once", "--format", "json", "--record", str(path))
    live = json.loads(out)
    replay_code, out, err = run(capsys, "--replay", str(path), "--once", "--format", "json")
    again = json.loads(out)
    assert replay_code == code == 1, err
    assert again["statuses"] == live["statuses"] and again["target"] == live["target"]
    assert again["source"] == "replay of demo.jsonl"


def test_replay_without_once_walks_every_recorded_refresh(capsys, tmp_path) -> None:
    path = tmp_path / "walk.jsonl"
    session = MonitorSession(RecordingSource(SimulatedSource(scenario="errors"), path,
                                             meta={"target": demo_target().to_dict()}), demo_target())
    t0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
    for n in range(3):
        session.refresh(t0 + n * FIVE)
    code, out, _ = run(capsys, "--replay", str(path), "--format", "json")
    docs = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and [d["window_end"] for d in docs] == [(t0 + n * FIVE).isoformat() for n in range(3)]


def test_a_malformed_recording_is_2_naming_the_line(capsys, tmp_path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"format": "lmi-workbench-metrics-recording", "version": 1, "created_at": '
                    '"2026-11-20T00:00:00Z"}\nnot json\n')
    code, _, err = run(capsys, "--replay", str(path), "--once")
    assert code == 2 and f"{path} line 2: not valid JSON" in err


def test_the_target_comes_from_the_sessions_cutover_state(moto, capsys, tmp_path) -> None:
    store_path = tmp_path / "review.sqlite"
    with Store.open(store_path, author="alice") as store:
        store.put(CutoverState(old_function_name="shop", new_function_name="shop-lmi", new_version="2",
                               new_alias="live"), expected_version=None)
    seed(moto, MonitorTarget(function_name="shop-lmi", alias="live", version="2",
                             capacity_provider="shop-lmi-capacity", old_function_name="shop"), cpu=90.0)
    code, out, err = run(capsys, "--store", str(store_path), "--region", "us-east-1", "--endpoint-url",
                         moto.endpoint, "--once", "--format", "json")
    doc = json.loads(out)
    assert code == 1, err
    assert doc["target"]["function_name"] == "shop-lmi" and doc["target"]["old_function_name"] == "shop"
    assert {s["name"]: s["state"] for s in doc["statuses"]}["cpu-high"] == "breach"
