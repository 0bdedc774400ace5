"""The Monitor pane: its charts and text blocks (pure), and the pane itself with Pilot — refreshes landing from a
worker, the time range, the gates going to the store, the confirmed decisions, read-only refusals, the export."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from screens.monitor_chart import BLOCKS, DASH, OLD_MARK, ChartSpec, Line, Palette, Threshold, build_charts, chart_text
from screens.monitor_parts import parse_steps, range_text, steps_text
from tests.aws.conftest import aws_environment, moto, moto_endpoint  # noqa: F401 (fixtures: fake credentials, moto)
from tests.ui.conftest import wait_for
from workbench.clock import system_now

T0 = datetime(2026, 11, 3, 12, 0, tzinfo=timezone.utc)


def _series(qid: str, metric: str, values: list[float | None], *, period: int = 300, unit: str = "Count",
            stat: str = "Sum"):
    from workbench.models import MetricSeries

    points = [{"timestamp": T0 + timedelta(seconds=i * period), "value": v} for i, v in enumerate(values)
              if v is not None]
    return MetricSeries.model_validate({"id": qid, "namespace": "AWS/Lambda", "metric_name": metric, "stat": stat,
                                        "period_seconds": period, "unit": unit, "points": points,
                                        "source": "simulated"})


def _plot_rows(text) -> list[str]:
    return [line.split("│", 1)[1] for line in text.plain.splitlines()[1:]]


# ----------------------------------------------------------------------------------------------- charts (pure)

def test_counts_are_charted_per_minute_so_5_minute_lmi_and_1_minute_standard_compare():
    series = {"lmi_invocations": _series("lmi_invocations", "Invocations", [500, 1000]),
              "old_invocations": _series("old_invocations", "Invocations", [100] * 10, period=60)}
    chart = next(c for c in build_charts(series) if c.key == "invocations")
    assert chart.lmi.values == (100.0, 200.0)  # per 5 minutes → per minute
    assert set(chart.old.values) == {100.0}


def test_error_rate_is_errors_over_invocations_of_the_same_period():
    series = {"lmi_invocations": _series("lmi_invocations", "Invocations", [1000, 0, 400]),
              "lmi_errors": _series("lmi_errors", "Errors", [10, 0, 40])}
    chart = next(c for c in build_charts(series) if c.key == "errors")
    assert chart.lmi.values == (1.0, 10.0)  # the period with no invocations has no rate, not 0 %


def test_concurrency_is_drawn_against_its_latest_limit():
    series = {"ee_concurrency": _series("ee_concurrency", "ExecutionEnvironmentConcurrency", [10, 30], stat="Maximum"),
              "ee_concurrency_limit": _series("ee_concurrency_limit", "ExecutionEnvironmentConcurrencyLimit",
                                              [32, 64], stat="Maximum")}
    chart = next(c for c in build_charts(series) if c.key == "concurrency")
    assert [t.value for t in chart.thresholds] == [64.0]


def _cells(text) -> list[list[tuple[str, str]]]:
    """The plot as rows of (character, style) cells."""
    styles = [""] * len(text.plain)
    for span in text.spans:
        for i in range(span.start, span.end):
            styles[i] = str(span.style)
    rows, offset = [], 0
    for n, line in enumerate(text.plain.split("\n")):
        if n:
            bar = line.index("│") + 1
            rows.append([(line[i], styles[offset + i]) for i in range(bar, len(line))])
        offset += len(line) + 1
    return rows


def test_a_threshold_is_a_dashed_line_at_its_level_and_a_breach_is_drawn_in_the_breach_style():
    start = T0.timestamp()
    spec = ChartSpec("cpu", "EE CPU", "%", Line((start, start + 300), (50.0, 95.0), 300.0),
                     thresholds=(Threshold(80.0, ">"),), fixed_max=100.0)
    palette = Palette(lmi="blue", breach="red", threshold="yellow")
    text = chart_text(spec, start, start + 600, width=27, height=6, palette=palette)
    rows = _cells(text)
    assert len(rows) == 5 and all(len(r) == 20 for r in rows)
    line_rows = [i for i, row in enumerate(rows) if all(cell == (DASH, "yellow") for cell in row[:10])]
    assert len(line_rows) == 1  # one dashed line, over the 50 % half
    line = line_rows[0]
    assert text.plain.splitlines()[1 + line].lstrip().startswith("80")  # labelled with its value
    assert all(cell == (DASH, "red reverse") for cell in rows[line][10:])  # the 95 % bar cuts through it
    above = [row[10:] for row in rows[:line]]
    assert above and all(style == "red" for row in above for _, style in row if _ != " ")
    below = [row[10:] for row in rows[line + 1:]]
    assert all(cell == (BLOCKS[8], "blue") for row in below for cell in row)  # under the line: the normal bar
    assert text.plain.splitlines()[0] == "EE CPU %  █ LMI 95  ╌ 80"  # the latest reading and the threshold


def test_a_missing_datapoint_leaves_a_gap_and_the_old_function_is_a_mark():
    start = T0.timestamp()
    lmi = Line((start, start + 600), (10.0, 10.0), 300.0)  # nothing for the middle 5 minutes
    old = Line(tuple(start + i * 60 for i in range(15)), (10.0,) * 15, 60.0)
    spec = ChartSpec("p99", "Duration p99", "ms", lmi, old)
    rows = _plot_rows(chart_text(spec, start, start + 900, width=37, height=5))
    bottom = rows[-1]
    assert bottom[:10].strip(OLD_MARK + BLOCKS[8]) == "" and bottom[10:20].strip() in ("", OLD_MARK * 10)
    assert OLD_MARK in "".join(rows)
    middle = [r[10:20] for r in rows]
    assert all(set(cell) <= {" ", OLD_MARK} for cell in middle)  # no LMI bar where there is no LMI point


def test_no_data_in_the_range_says_so():
    text = chart_text(ChartSpec("memory", "EE memory", "%", None), 0.0, 3600.0, 40, 4)
    assert "no data in this range" in text.plain


# ----------------------------------------------------------------------------------------------- text blocks (pure)

def test_steps_round_trip_and_bad_steps_name_the_step_and_the_value():
    assert parse_steps("10/30, 50/60, 100/60") == [(10.0, 30), (50.0, 60), (100.0, 60)]
    assert parse_steps("5%/15; 100 / 0") == [(5.0, 15), (100.0, 0)]
    with pytest.raises(ValueError, match=r"step 2 \('50'\)"):
        parse_steps("10/30, 50, 100/60")
    with pytest.raises(ValueError, match="step 1: traffic 'ten' is not a number"):
        parse_steps("ten/30")
    with pytest.raises(ValueError, match=r"step 3: bake time '1\.5' is not a whole number"):
        parse_steps("10/30, 50/60, 100/1.5")
    with pytest.raises(ValueError, match="at least one step"):
        parse_steps(" , ")
    from workbench.models.cutover import default_steps

    assert parse_steps(steps_text(default_steps())) == [(10.0, 30), (50.0, 60), (100.0, 60)]


def test_the_range_control_marks_the_current_range():
    text = range_text(["1h", "3h", "12h"], 1)
    assert text.plain == "range [  1h  3h  12h  ]"
    assert any(text.plain[s.start:s.end] == " 3h " and "reverse" in str(s.style) for s in text.spans)


# ----------------------------------------------------------------------------------------------- the pane (Pilot)

def _pane(app):
    return app.query_one("#pane-monitor")


def _text(app, selector: str) -> str:
    from textual.widgets import Static

    return str(app.query_one(selector, Static).render())


def _cutover(app):
    from workbench.models import CutoverState

    return app.store.get(CutoverState).doc


async def _open_monitor(pilot) -> object:
    await pilot.press("5")
    pane = _pane(pilot.app)
    assert await wait_for(pilot, lambda: pane.refreshes >= 1)
    return pane


async def _start(pilot) -> None:
    """f, then y: the demo cutover's first step (10%)."""
    from screens.cutover_dialogs import ProposalDialog

    await pilot.press("f")
    assert await wait_for(pilot, lambda: isinstance(pilot.app.screen, ProposalDialog))
    await pilot.press("y")
    assert await wait_for(pilot, lambda: _cutover(pilot.app).status.value == "baking")


async def test_without_a_function_to_watch_the_pane_says_what_to_do(make_app, tmp_path):
    from screens.cutover_dialogs import ProposalDialog

    app = make_app(tmp_path / "s.sqlite")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        pane = _pane(app)
        assert app.query_one("#monitor-empty").display and not app.query_one("#monitor-body").display
        empty = str(app.query_one("#monitor-empty").render())
        assert "deploy the LMI version" in empty and "--demo" in empty
        assert pane._monitor is None
        await pilot.press("f")
        await pilot.pause()
        assert not isinstance(app.screen, ProposalDialog)  # nothing to decide on


async def test_the_demo_refreshes_in_a_worker_and_shows_every_threshold_and_chart(make_app, tmp_path):
    from screens.monitor_chart import MetricChart

    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await _open_monitor(pilot)
        assert "orders-api-lmi:live v1 vs orders-api:prod" in _text(app, "#monitor-title")
        lines = _text(app, "#monitor-status").splitlines()
        assert len(lines) == 7 and all(line[0] in "●▲○" for line in lines)
        assert [line[2:28].strip() for line in lines] == [
            "Throttle rate", "CPU high", "CPU low", "Memory high", "EE concurrency near limit",
            "Error rate vs standard", "Latency p99 vs standard"]
        freshness = _text(app, "#monitor-freshness")
        assert "last datapoint" in freshness and "simulated (demo)" in freshness and "every 5 s" in freshness
        cpu = app.query_one("#chart-cpu", MetricChart)
        # The demo's cutover is planned (0% on LMI): no invocations, so no CPU or concurrency either (issue 13:
        # the simulated monitor showed CPU 47.6% beside "no invocations").
        assert cpu.spec is not None and cpu.spec.lmi is None
        by_name = {line[2:28].strip(): line for line in lines}
        for name in ("Throttle rate", "CPU high", "CPU low", "EE concurrency near limit"):
            assert by_name[name].startswith("○"), by_name[name]
        assert [t.value for t in cpu.spec.thresholds] == [80.0, 20.0]
        # The limit is the session's configuration's (8 EEs × 4 concurrent invocations), not the default 32.
        concurrency = app.query_one("#chart-concurrency", MetricChart)
        assert concurrency.spec is not None and [t.value for t in concurrency.spec.thresholds] == [4.0]
        assert "planned" in _text(app, "#monitor-cutover")
        before = pane.refreshes
        await pilot.press("r")
        assert await wait_for(pilot, lambda: pane.refreshes > before)


async def test_the_range_keys_change_what_is_fetched(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await _open_monitor(pilot)
        assert pane.snapshot.range_ == timedelta(hours=3)
        await pilot.press("right_square_bracket")
        assert await wait_for(pilot, lambda: pane.snapshot is not None and pane.snapshot.range_ == timedelta(hours=12))
        assert "12h" in _text(app, "#monitor-range")
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        assert await wait_for(pilot, lambda: pane.snapshot is not None and pane.snapshot.range_ == timedelta(hours=1))
        assert pane.range_index == 0  # the shortest range stays the shortest


async def test_moving_forward_shows_the_calls_and_the_author_and_runs_only_on_yes(make_app, tmp_path):
    from screens.cutover_dialogs import ProposalDialog

    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_monitor(pilot)
        await pilot.press("f")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ProposalDialog))
        shown = app.screen.body_text()
        assert 'apigateway.create_deployment(restApiId="demo0rders", stageName="prod"' in shown
        assert '"percentTraffic": 10.0' in shown and "Confirming as: alice" in shown
        await pilot.press("n")
        await pilot.pause()
        assert _cutover(app).status.value == "planned" and _cutover(app).decisions == []
        await _start(pilot)
        decision = _cutover(app).decisions[-1]
        assert (decision.decision, decision.author, decision.confirmed_by, decision.outcome) == (
            "start", "alice", "alice", "applied")
        assert [c.operation for c in decision.calls] == ["CreateDeployment"]
        audit = [c.summary for c in app.store.changes(kind="cutover")]
        assert any("start by alice, confirmed by alice" in s for s in audit)
        assert await wait_for(pilot, lambda: "▶10%" in _text(app, "#monitor-cutover"))
        assert "bake 30 min left" in _text(app, "#monitor-cutover")


async def test_a_failing_gate_proposes_the_rollback_without_applying_it(make_app, tmp_path):
    from screens.cutover_dialogs import ProposalDialog
    from workbench.metrics import SimulatedSource

    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await _open_monitor(pilot)
        await _start(pilot)
        # A regression on the LMI version: 5% of invocations fail, against the old function's 0.1%.
        pane.use_source(SimulatedSource(scenario="errors", lmi_share=0.1), every_seconds=3600)
        assert await wait_for(pilot, lambda: isinstance(app.screen, ProposalDialog))
        dialog = app.screen
        assert dialog.automatic and dialog.proposal.decision.value == "rollback"
        assert "A gate failed: this rollback is proposed, not applied" in dialog.body_text()
        gates = {g.name: g for g in _cutover(app).gates_for(0)}
        assert gates["error-rate"].passed is False and gates["cpu-high"].passed is True  # recorded in the store
        assert _cutover(app).status.value == "baking"
        await pilot.press("n")
        await pilot.pause()
        assert _cutover(app).status.value == "baking"  # declined: nothing applied
        before = pane.refreshes
        await pilot.press("r")
        assert await wait_for(pilot, lambda: pane.refreshes > before)
        await pilot.pause()
        assert not isinstance(app.screen, ProposalDialog)  # the same failure does not pop again
        assert "▲ errors" in _text(app, "#monitor-cutover")
        assert any(line.startswith("▲ Error rate vs standard") for line in _text(app, "#monitor-status").splitlines())
        await pilot.press("b")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ProposalDialog))
        assert "remove the canary" in app.screen.body_text()
        await pilot.press("y")
        assert await wait_for(pilot, lambda: _cutover(app).status.value == "rolled-back")
        assert _cutover(app).decisions[-1].decision == "rollback"


async def test_hold_then_edit_the_steps_and_bad_steps_are_refused_with_the_step_named(make_app, tmp_path):
    from textual.widgets import Input

    from screens.cutover_dialogs import ProposalDialog
    from screens.dialogs import TextPrompt

    app = make_app(tmp_path / "s.sqlite", demo=True)
    messages = []
    async with app.run_test(size=(100, 30)) as pilot:
        original = app.notify
        app.notify = lambda message, **kw: (messages.append(message), original(message, **kw))[1]
        await _open_monitor(pilot)
        await _start(pilot)
        await pilot.press("e")  # not while baking: the controller says to hold first
        assert await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: any("hold it first" in m for m in messages))
        await pilot.press("h")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ProposalDialog))
        assert "No AWS call" in app.screen.body_text()
        await pilot.press("y")
        assert await wait_for(pilot, lambda: _cutover(app).status.value == "holding")
        await pilot.press("e")
        assert await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        field = app.screen.query_one(Input)
        assert field.value == "10/30, 50/60, 100/60"
        field.value = "10/30, 50"
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: any("step 2 ('50')" in m for m in messages))
        assert [s.traffic_pct for s in _cutover(app).steps] == [10, 50, 100]  # nothing lost
        await pilot.press("e")
        assert await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        app.screen.query_one(Input).value = "10/30, 25/45, 100/60"
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: [s.traffic_pct for s in _cutover(app).steps] == [10, 25, 100])
        assert [s.bake_minutes for s in _cutover(app).steps] == [30, 45, 60]


async def test_a_read_only_viewer_sees_everything_and_cannot_decide(make_app, tmp_path):
    from screens.cutover_dialogs import ProposalDialog
    from workbench.cutover import CutoverController, Decision
    from workbench.demo import DemoCutoverSession

    path = tmp_path / "s.sqlite"
    writer = make_app(path, demo=True)
    driver = CutoverController(writer.store, author="alice", session=DemoCutoverSession())
    driver.apply(driver.propose(Decision.FORWARD), confirmed_by="alice")
    version = writer.store.get(type(_cutover(writer))).version
    viewer = make_app(path, author="bob", readonly=True, demo=True)
    messages = []
    async with viewer.run_test(size=(100, 30)) as pilot:
        original = viewer.notify
        viewer.notify = lambda message, **kw: (messages.append(message), original(message, **kw))[1]
        await _open_monitor(pilot)
        assert len(_text(viewer, "#monitor-status").splitlines()) == 7
        strip = _text(viewer, "#monitor-cutover")
        assert "▶10%" in strip and "read-only" in strip
        for key in ("f", "h", "b", "e"):
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(viewer.screen, ProposalDialog)
        assert sum("read-only" in m for m in messages) == 4
    assert viewer.store.get(type(_cutover(viewer))).version == version  # no gate or decision written


async def test_the_cutover_report_is_exported_and_never_overwritten_without_yes(make_app, tmp_path):
    from textual.widgets import Input

    from screens.dialogs import ConfirmDialog, TextPrompt

    target = tmp_path / "cutover.md"
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_monitor(pilot)
        await _start(pilot)
        await pilot.press("x")
        assert await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        assert await wait_for(pilot, target.exists)
        report = target.read_text()
        assert "orders-api-lmi" in report and "alice" in report and "create_deployment" in report
        target.write_text("mine")
        await pilot.press("x")
        assert await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")
        await pilot.pause()
        assert target.read_text() == "mine"


async def test_the_actual_cost_view_waits_for_data_and_reminds_to_decommission(make_app, tmp_path):
    app = make_app(tmp_path / "s.sqlite", demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await _open_monitor(pilot)
        await pilot.press("c")
        assert await wait_for(pilot, lambda: pane.cost_text is not None)
        shown = pane.cost_text.plain
        assert "Not enough data yet" in shown and "decommission orders-api:prod" in shown
        assert app.query_one("#monitor-views").current == "monitor-cost"
        await pilot.press("c")
        assert app.query_one("#monitor-views").current == "monitor-charts"


# ----------------------------------------------------------------------------------------------- live, against moto

def _rest_api(moto) -> str:
    """A REST API stage whose integration reads the function from the stage variable fn (= orders today)."""
    api = moto.client("apigateway")
    api_id = api.create_rest_api(name="orders")["id"]
    root = api.get_resources(restApiId=api_id)["items"][0]["id"]
    resource = api.create_resource(restApiId=api_id, parentId=root, pathPart="orders")["id"]
    api.put_method(restApiId=api_id, resourceId=resource, httpMethod="GET", authorizationType="NONE")
    api.put_integration(restApiId=api_id, resourceId=resource, httpMethod="GET", type="AWS_PROXY",
                        integrationHttpMethod="POST",
                        uri="arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:"
                            "123456789012:function:${stageVariables.fn}/invocations")
    api.create_deployment(restApiId=api_id, stageName="prod", variables={"fn": "orders"})
    return api_id


async def test_live_reads_only_cloudwatch_goes_stale_and_recovers_and_calls_aws_only_after_yes(make_app, tmp_path,
                                                                                              moto, monkeypatch):
    from screens.cutover_dialogs import ProposalDialog
    from tests.aws._faults import FaultProxy, expired_token
    from workbench.models import CutoverSource, CutoverState, ShiftMechanism

    moto.create_function("orders")
    moto.create_function("orders-lmi")
    client = moto.client("lambda")
    client.create_alias(FunctionName="orders-lmi", Name="live",
                        FunctionVersion=client.publish_version(FunctionName="orders-lmi")["Version"])
    api_id = _rest_api(moto)
    failing = {"on": False}
    # The CloudWatch source asks only for periods it has not checked: each refresh below is 5 minutes later.
    clock = {"now": system_now()}

    def later(pane) -> int:
        clock["now"] += timedelta(minutes=5)
        return pane.refreshes

    def rule(seen, before):
        return expired_token("monitoring") if failing["on"] and seen.operation == "GetMetricData" else None

    with FaultProxy(moto.endpoint, rule) as proxy:
        app = make_app(tmp_path / "s.sqlite", aws=moto.settings("us-east-1", endpoint_url=proxy.endpoint),
                       clock=lambda: clock["now"])
        app.store.put(CutoverState(
            old_function_name="orders", new_function_name="orders-lmi", new_alias="live", new_version="1",
            region="us-east-1", mechanism=ShiftMechanism.API_GATEWAY_CANARY,
            source=CutoverSource(region="us-east-1", rest_api_id=api_id, stage_name="prod", stage_variable="fn",
                                 stage_variable_original="orders")), expected_version=None, summary="plan")

        def changes() -> list[str]:
            # reads only: CloudWatch's GetMetricData, GETs, and STS GetCallerIdentity (who the calls would be
            # made as, asked before the proposal is shown: a read that needs no permission)
            return [f"{s.service} {s.operation}" for s in proxy.seen
                    if s.operation != "GetMetricData" and s.method != "GET" and s.service != "sts"]

        async with app.run_test(size=(100, 30)) as pilot:
            pane = await _open_monitor(pilot)
            assert proxy.count("monitoring", "GetMetricData") >= 1
            assert all(line.startswith("○") for line in _text(app, "#monitor-status").splitlines())  # no data yet
            assert "CloudWatch · every 60 s" in _text(app, "#monitor-freshness")

            failing["on"] = True
            before = later(pane)
            await pilot.press("r")
            assert await wait_for(pilot, lambda: pane.refreshes > before)
            assert "STALE since" in _text(app, "#monitor-freshness") and len(proxy.faults) == 1
            failing["on"] = False
            before = later(pane)
            await pilot.press("r")
            assert await wait_for(pilot, lambda: pane.refreshes > before)
            assert "STALE" not in _text(app, "#monitor-freshness")

            await pilot.press("f")
            assert await wait_for(pilot, lambda: isinstance(app.screen, ProposalDialog))
            assert app.screen._note.startswith("Acting as arn:aws:") and "(account 123456789012)" in app.screen._note
            await pilot.press("n")
            await pilot.pause()
            assert changes() == []  # a proposal, declined: nothing but reads went to AWS
            await pilot.press("f")
            assert await wait_for(pilot, lambda: isinstance(app.screen, ProposalDialog))
            await pilot.press("y")
            assert await wait_for(pilot, lambda: _cutover(app).status.value == "baking")
            assert changes() == [f"apigateway POST /restapis/{api_id}/deployments"]


async def test_several_functions_are_fetched_together_and_m_switches_between_them(make_app, tmp_path):
    from workbench.config import AwsSettings
    from workbench.metrics import SimulatedSource
    from workbench.monitor import MonitorTarget

    app = make_app(tmp_path / "s.sqlite", aws=AwsSettings(offline=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        pane = _pane(app)
        assert not app.query_one("#monitor-body").display  # nothing in the store to watch
        pane.use_source(SimulatedSource(lmi_share=0.5), label="simulated", every_seconds=3600)
        pane.monitor_functions([MonitorTarget(function_name=f"orders-{i}-lmi", alias="live", version="1",
                                  capacity_provider="fleet", old_function_name=f"orders-{i}") for i in range(3)])
        assert await wait_for(pilot, lambda: pane.refreshes >= 1)
        assert set(pane.snapshots) == {"orders-0-lmi", "orders-1-lmi", "orders-2-lmi"}  # one refresh, all three
        assert "orders-0-lmi:live v1 vs orders-0 · 1 of 3 (m: next)" in _text(app, "#monitor-title")
        await pilot.press("m")
        assert "orders-1-lmi:live v1 vs orders-1 · 2 of 3" in _text(app, "#monitor-title")
        assert pane.snapshot.target.function_name == "orders-1-lmi"


async def test_offline_the_pane_says_no_metrics_are_read(make_app, tmp_path):
    from workbench.config import AwsSettings

    app = make_app(tmp_path / "s.sqlite", demo=False, aws=AwsSettings(offline=True))
    from workbench.demo import load_demo

    load_demo(app.store)  # the demo's documents, but not the demo run: a real session opened --offline
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        pane = _pane(app)
        await pilot.pause()
        assert pane._monitor is None and pane.refreshes == 0
        assert _text(app, "#monitor-freshness") == "no metrics: offline (--offline): CloudWatch is not read"
        assert "planned" in _text(app, "#monitor-cutover")
