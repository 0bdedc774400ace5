"""`lmi-workbench cost`: the comparison headless, in every format, and clear errors for bad files."""

from __future__ import annotations

import csv
import io
import json

WORKLOAD = """\
function_name: orders-api
region: us-east-1
runtime: python3.13
architecture: arm64
memory_mb: 1024
requests_per_month: 80000000
duration_avg_ms: 120
duration_p99_ms: 400
traffic_pattern: steady
environment: production
"""


def test_table_names_every_scenario_and_a_recommendation(ws):
    path = ws.root / "w.yaml"
    path.write_text(WORKLOAD)
    done = ws.run("cost", "--workload", str(path))
    assert done.returncode == 0, done.stderr
    for name in ("Lambda, on-demand", "LMI, on-demand", "Reserved Instances", "Self-managed EC2"):
        assert name in done.stdout
    assert "breaks even" in done.stdout or "saves" in done.stdout


def test_json_and_csv_are_machine_readable(ws):
    path = ws.root / "w.yaml"
    path.write_text(WORKLOAD)
    data = json.loads(ws.run("cost", "--workload", str(path), "--format", "json").stdout)
    assert {s["key"] for s in data["scenarios"]} >= {"lambda_on_demand", "lmi_on_demand", "self_managed_ec2"}
    rows = list(csv.DictReader(io.StringIO(ws.run("cost", "--workload", str(path), "--format", "csv").stdout)))
    assert len(rows) >= 8


def test_aws_sample_model_reports_capacity_and_totals(ws):
    path = ws.root / "w.yaml"
    path.write_text(WORKLOAD)
    done = ws.run("cost", "--workload", str(path), "--model", "aws-sample", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data["capacity"]) >= {"environments_needed", "envs_per_instance", "base_instances", "instances"}
    for part in ("lmi", "lambda", "self_managed_ec2"):
        assert data[part]["total_usd"] > 0


def test_a_bad_value_names_the_field_and_range(ws):
    path = ws.root / "bad.yaml"
    path.write_text(WORKLOAD.replace("memory_mb: 1024", "memory_mb: 99999"))
    done = ws.run("cost", "--workload", str(path))
    assert done.returncode == 2
    assert "memory_mb" in done.stderr and "10,240" in done.stderr and "Traceback" not in done.stderr
