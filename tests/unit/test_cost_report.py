"""Formatters: table, JSON, CSV and Markdown of both models, parseable and complete."""

from __future__ import annotations

import csv
import io
import json

import pytest

from workbench.cost.compare import compare

from workbench.cost import CostInputs
from workbench.cost.aws_sample import calculate
from workbench.cost.report import CSV_FIELDS, render

RESULT = compare(CostInputs(requests_per_month=100e6, duration_avg_ms=200, memory_mb=1024, architecture="arm64",
                            runtime="nodejs", peak_rps=100))
SAMPLE = calculate(dict(runtime="python", targetConcurrency=100, memoryPerExec=512))


def test_table_lists_every_scenario_and_marks_the_cheapest():
    text = render(RESULT, "table")
    for s in RESULT.scenarios:
        assert s.label in text
    cheapest = RESULT.scenario(RESULT.cheapest)
    assert any(line.startswith("*") and cheapest.label in line for line in text.splitlines())
    assert RESULT.recommendation in text
    assert "Break-even:" in text and "Sensitivity" in text and "Prices used:" in text
    assert "snapshot of 2026-11-27" in text


def test_table_fits_a_terminal_in_its_scenario_block():
    lines = render(RESULT, "table").splitlines()
    block = lines[2:12]
    assert all(len(line) <= 80 for line in block)


def test_json_round_trips_with_totals():
    data = json.loads(render(RESULT, "json"))
    assert data["model"] == "workbench"
    assert [s["key"] for s in data["scenarios"]] == [s.key for s in RESULT.scenarios]
    first = data["scenarios"][0]
    assert first["yearly_usd"] == pytest.approx(12 * first["monthly_usd"])
    assert data["breakeven"]["status"] == RESULT.breakeven.status
    assert len(data["sensitivity"]["cells"]) == 25


def test_csv_has_one_row_per_scenario_and_items_add_up():
    rows = list(csv.DictReader(io.StringIO(render(RESULT, "csv"))))
    assert tuple(rows[0].keys()) == CSV_FIELDS
    assert len(rows) == len(RESULT.scenarios)
    for row in rows:
        parts = sum(float(row[k]) for k in ("requests_usd", "compute_usd", "management_fee_usd",
                                             "provisioned_concurrency_usd", "storage_usd"))
        assert parts == pytest.approx(float(row["monthly_usd"]), abs=0.03)
    assert sum(1 for r in rows if r["cheapest"] == "yes") == 1


def test_markdown_has_tables_and_headings():
    text = render(RESULT, "markdown")
    assert text.startswith("# Cost comparison")
    assert "| Scenario | Monthly | Yearly |" in text
    assert "(cheapest)" in text and "## Break-even" in text and "## Sensitivity" in text


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_sample_model_renders(fmt):
    text = render(SAMPLE, fmt)
    assert text.endswith("\n")
    if fmt == "json":
        data = json.loads(text)
        assert data["capacity"]["instances"] == 14 and data["lmi"]["total_usd"] == pytest.approx(1704.385)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [r["option"] for r in rows] == ["lambda", "lmi", "self_managed_ec2"]
    else:
        assert "1,704.38" in text or "1,704.39" in text


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        render(RESULT, "pdf")


def test_output_is_deterministic():
    assert render(RESULT, "markdown") == render(RESULT, "markdown")
