"""The headless cost command: files in, a report or one clear message out, with the CLI's exit codes."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from workbench.cost.command import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, add_cost_arguments, load_mapping, run_cost

WORKLOAD_YAML = """\
workload:
  function_name: orders-api
  region: us-east-1
  requests_per_month: 120000000
  peak_requests_per_second: 110
  runtime: python3.13
  architecture: x86_64
  memory_mb: 2048
  duration_avg_ms: 350
lmi_configuration:
  per_execution_environment_max_concurrency: 32
  memory_mb: 4096
  memory_gib_per_vcpu: 2
cost:
  lmi_commitment: compute_sp_1yr
"""

WORKLOAD_TOML = """\
function_name = "orders-api"
region = "us-east-1"
requests_per_month = 120000000
runtime = "nodejs22.x"
architecture = "arm64"
memory_mb = 1024
duration_avg_ms = 80
"""


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    out = {
        "yaml": tmp_path / "w.yaml",
        "toml": tmp_path / "w.toml",
        "json": tmp_path / "w.json",
        "sample": tmp_path / "sample.json",
    }
    out["yaml"].write_text(WORKLOAD_YAML)
    out["toml"].write_text(WORKLOAD_TOML)
    out["json"].write_text(json.dumps({"function_name": "f", "region": "eu-west-1", "requests_per_month": 5e7,
                                       "runtime": "java21", "architecture": "arm64", "memory_mb": 2048,
                                       "duration_avg_ms": 150}))
    out["sample"].write_text(json.dumps({"runtime": "python", "targetConcurrency": 100, "memoryPerExec": 512}))
    return out


@pytest.mark.parametrize("kind", ["yaml", "toml", "json"])
def test_workload_files_in_every_format(files, kind):
    text, code = run_cost(workload=files[kind])
    assert code == EXIT_OK, text
    assert text.startswith("Cost comparison:")


def test_cost_table_overrides_the_commitment(files):
    text, code = run_cost(workload=files["yaml"], fmt="json")
    assert code == EXIT_OK
    data = json.loads(text)
    assert data["breakeven"]["lmi_scenario"] == "lmi_compute_sp_1yr"
    assert data["sizing"]["per_ee_concurrency"] == 32


def test_aws_sample_model_from_a_workload(files):
    text, code = run_cost(workload=files["yaml"], model="aws-sample", fmt="json")
    assert code == EXIT_OK, text
    data = json.loads(text)
    assert data["model"] == "aws-sample"
    # peak 110/s × 0.35 s = 38.5 → 39 concurrent
    assert data["inputs"]["targetConcurrency"] == 39


def test_aws_sample_input_file(files):
    text, code = run_cost(input=files["sample"], fmt="json")
    assert code == EXIT_OK
    assert json.loads(text)["capacity"]["instances"] == 14


def test_argparse_namespace(files):
    parser = argparse.ArgumentParser()
    add_cost_arguments(parser)
    args = parser.parse_args(["--workload", str(files["toml"]), "--format", "csv"])
    text, code = run_cost(args)
    assert code == EXIT_OK and text.startswith("scenario,key,family")
    with pytest.raises(SystemExit):
        parser.parse_args(["--workload", "a", "--input", "b"])


def test_missing_file(tmp_path):
    text, code = run_cost(workload=tmp_path / "nope.yaml")
    assert code == EXIT_USAGE and text == f"{tmp_path / 'nope.yaml'}: no such file"


def test_malformed_yaml_names_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("workload:\n  function_name: [unclosed\n  region: us-east-1\n")
    text, code = run_cost(workload=path)
    assert code == EXIT_USAGE
    assert str(path) in text and "line" in text


def test_malformed_json_names_line_and_column(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"function_name": "f",\n "memory_mb": }')
    text, code = run_cost(workload=path)
    assert code == EXIT_USAGE and "line 2, column" in text


def test_malformed_toml(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("memory_mb = = 3\n")
    text, code = run_cost(workload=path)
    assert code == EXIT_USAGE and str(path) in text


def test_unknown_extension(tmp_path):
    path = tmp_path / "w.txt"
    path.write_text("x")
    text, code = run_cost(workload=path)
    assert code == EXIT_USAGE and text.startswith(f"{path}: unknown file type") and ".yaml, .yml, .json or .toml" in text


def test_bad_field_in_the_workload_names_it(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text("function_name: f\nregion: us-east-1\nrequests_per_month: 1000000\nruntime: python3.13\n"
                    "memory_mb: 20000\nduration_avg_ms: 100\n")
    text, code = run_cost(workload=path)
    assert code == EXIT_USAGE
    assert text.startswith(f"{path}: line 5: memory_mb must be") and "10,240" in text


def test_missing_number_for_costing_names_it(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text("function_name: f\nregion: us-east-1\nruntime: python3.13\nmemory_mb: 1024\n"
                    "duration_avg_ms: 100\n")
    text, code = run_cost(workload=path)
    assert code == EXIT_USAGE
    assert text.startswith(f"{path}: requests_per_month: is needed for a cost comparison")


def test_bad_cost_override(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text(WORKLOAD_YAML.replace("lmi_commitment: compute_sp_1yr", "target_utilisation: 7"))
    text, code = run_cost(workload=path)
    assert code == EXIT_USAGE and text.startswith(f"{path}: line 15: target_utilisation:")
    path.write_text(WORKLOAD_YAML.replace("lmi_commitment: compute_sp_1yr", "colour: blue"))
    text, code = run_cost(workload=path)
    assert code == EXIT_USAGE and text.startswith(f"{path}: line 15: cost.colour: is not a cost input")


def test_region_without_prices_is_a_failure_with_a_hint(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text(WORKLOAD_YAML.replace("region: us-east-1", "region: af-south-1"))
    text, code = run_cost(workload=path)
    assert code == EXIT_FAILURE
    assert "in af-south-1 in the snapshot of 2026-11-27" in text and "--estimates" in text
    text, code = run_cost(workload=path, estimates=True)
    assert code == EXIT_OK and "ESTIMATE" in text


def test_input_with_workbench_model_is_refused(files):
    text, code = run_cost(input=files["sample"], model="workbench")
    assert code == EXIT_USAGE and "--model aws-sample" in text


def test_bad_sample_field(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"runtime": "python", "targetConcurrency": 0, "memoryPerExec": 512}))
    text, code = run_cost(input=path)
    assert code == EXIT_USAGE and text.startswith("targetConcurrency:")


def test_price_override_file(files, tmp_path):
    prices = tmp_path / "prices.json"
    prices.write_text(json.dumps({"fetched_on": "2026-12-01", "ec2_on_demand_linux": {}, "lambda_standard": {}}))
    text, code = run_cost(workload=files["yaml"], prices=prices)
    assert code == EXIT_OK and "fetched 2026-12-01" in text
    prices.write_text("[]")
    text, code = run_cost(workload=files["yaml"], prices=prices)
    assert code == EXIT_USAGE and "not a usable price override" in text


def test_top_level_must_be_a_table(tmp_path):
    path = tmp_path / "list.json"
    path.write_text("[1, 2]")
    with pytest.raises(Exception, match="expected a table of fields at the top level, found a list"):
        load_mapping(path)
