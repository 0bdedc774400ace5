"""`lmi-workbench triage` headless against the moto server: the three formats, exit codes and messages."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from workbench.cli import main
from workbench.clock import system_now

HOURS = 14 * 24
ROOT = Path(__file__).resolve().parents[2]


def seed(moto) -> None:
    start = system_now().replace(minute=0, second=0, microsecond=0) - timedelta(days=14)
    moto.create_function("orders", "eu-west-1", runtime="python3.13", memory_mb=1024)
    moto.put_hourly("orders", "eu-west-1", start, [137_000.0] * HOURS, duration_ms=200)
    moto.create_function("reports", "eu-west-1", runtime="nodejs22.x", memory_mb=512)


def run(moto, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["triage", "--endpoint-url", moto.endpoint, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_table(moto, capsys) -> None:
    seed(moto)
    code, out, err = run(moto, capsys, "--region", "eu-west-1")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["#", "function", "region", "traffic"]
    assert lines[2].split()[:4] == ["1", "orders", "eu-west-1", "steady"]
    assert lines[3].split()[:2] == ["2", "reports"]
    assert "no invocations in the window" in lines[3]
    assert lines[-1].startswith("2 functions (2 in eu-west-1), 1 priced;")


def test_json_and_csv(moto, capsys) -> None:
    seed(moto)
    code, out, _ = run(moto, capsys, "--region", "eu-west-1", "--format", "json", "--days", "7")
    assert code == 0
    doc = json.loads(out)
    assert doc["regions"] == ["eu-west-1"] and doc["window"]["days"] == 7
    assert [r["function_name"] for r in doc["rows"]] == ["orders", "reports"]
    assert doc["rows"][0]["requests_per_month"] == 137_000 * 730
    assert doc["rows"][0]["rank"] == 1 and isinstance(doc["rows"][0]["saving_usd"], float)
    assert doc["calls"]["cloudwatch:GetMetricData"]["calls"] >= 1
    code, out, _ = run(moto, capsys, "--region", "eu-west-1", "--format", "csv", "--filter", "rep")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["rank"], r["function_name"], r["saving_usd"]) for r in rows] == [("1", "reports", "")]


def test_several_regions_and_the_region_before_the_command(moto, capsys) -> None:
    seed(moto)
    moto.create_function("edge", "us-east-1")
    code = main(["--region", "us-east-1", "triage", "--endpoint-url", moto.endpoint, "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0 and [r["function_name"] for r in doc["rows"]] == ["edge"]
    code, out, _ = run(moto, capsys, "--region", "us-east-1", "--region", "eu-west-1", "--format", "json")
    assert sorted(r["function_name"] for r in json.loads(out)["rows"]) == ["edge", "orders", "reports"]


def test_empty_account_says_so(moto, capsys) -> None:
    code, out, err = run(moto, capsys, "--region", "sa-east-1")
    assert code == 0
    assert "sa-east-1: no Lambda functions in this account and Region" in err
    assert out.splitlines()[-1].startswith("0 functions")


def test_no_credentials_exit_1_with_the_message(moto, capsys, monkeypatch) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    code, out, err = run(moto, capsys, "--region", "eu-west-1")
    assert code == 1 and out == ""
    assert "eu-west-1: No AWS credentials found" in err


def test_bad_options(moto, capsys) -> None:
    code, _, err = run(moto, capsys, "--region", "eu-wset-1")
    assert code == 1 and "'eu-wset-1' is not an AWS Region. Did you mean eu-west-1?" in err
    assert main(["--offline", "triage", "--region", "eu-west-1"]) == 2
    assert "cannot run with --offline" in capsys.readouterr().err
    try:
        main(["triage", "--days", "0"])
    except SystemExit as stop:
        assert stop.code == 2
    assert "--days must be from 1 to 63" in capsys.readouterr().err


def test_help_does_not_load_boto3_or_pydantic() -> None:
    script = ("import sys\nfrom workbench.cli import main\ntry:\n    main(['triage', '--help'])\nexcept SystemExit:\n"
              "    pass\nprint('HEAVY=' + ','.join(m for m in ('boto3', 'botocore', 'pydantic', 'textual') "
              "if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "--region REGION" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "HEAVY="


def test_a_region_without_lmi_says_so_and_exits_1(moto, capsys) -> None:
    moto.create_function("bahrain", "me-south-1")
    code, out, err = run(moto, capsys, "--region", "me-south-1")
    assert code == 1 and out == ""
    assert "no Lambda functions" not in err
    assert "Lambda Managed Instances is not available in me-south-1" in err
    assert "Available in: af-south-1" in err and "Nearest supported Region: ap-south-1" in err


def test_a_region_without_lmi_among_others_still_prints_the_others_and_exits_1(moto, capsys) -> None:
    seed(moto)
    code, out, err = run(moto, capsys, "--region", "eu-west-1", "--region", "me-south-1", "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert [r["function_name"] for r in doc["rows"]] == ["orders", "reports"]
    assert doc["problems"]["me-south-1"]["kind"] == "lmi-unavailable"
    assert "not available in me-south-1" in err


def test_python312_row_is_noted_in_the_table(moto, capsys) -> None:
    start = system_now().replace(minute=0, second=0, microsecond=0) - timedelta(days=14)
    moto.create_function("legacy", "eu-west-1", runtime="python3.12", memory_mb=1024)
    moto.put_hourly("legacy", "eu-west-1", start, [137_000.0] * HOURS, duration_ms=200)
    code, out, _ = run(moto, capsys, "--region", "eu-west-1", "--format", "json")
    row = json.loads(out)["rows"][0]
    assert code == 0 and row["fit_verdict"] == "standard-lambda-better"
    assert "does not yet support python3.12" in row["runtime_note"] and "python3.13" in row["runtime_note"]
