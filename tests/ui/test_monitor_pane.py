"""The Monitor pane: its charts and text blocks (pure), and the pane itself with Pilot — refreshes landing from a
worker, the time range, the gates going to the store, the confirmed decisions, read-only refusals, the export."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from screens.monitor_chart import BLOCKS, DASH, OLD_MARK, ChartSpec, Line, Palette, Threshold, build_charts, chart_text
from screens.monitor_parts import parse_steps, range_text, steps_text

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
    assert "95%" in text.plain.splitlines()[0]  # the latest reading in the heading


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
