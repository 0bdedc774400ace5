"""Terraform parses, the CLI script passes bash -n and shellcheck, the CDK apps have the construct calls."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess

import hcl2
import pytest

from workbench.iac import FORMATS, generate
from workbench.iac.options import IacOptions


def test_terraform_parses_and_has_the_resources(workload, config, options):
    text = generate("terraform", workload, config, options)["main.tf"]
    doc = hcl2.loads(text)
    kinds = {kind.strip('"') for block in doc["resource"] for kind in block}
    assert {"aws_lambda_capacity_provider", "aws_lambda_function", "aws_lambda_function_scaling_config",
            "aws_lambda_alias", "aws_cloudwatch_metric_alarm", "aws_iam_role"} <= kinds
    assert "per_execution_environment_max_concurrency = " \
           f"{config.per_execution_environment_max_concurrency}" in text
    assert f"execution_environment_memory_gib_per_vcpu = {config.memory_gib_per_vcpu}" in text
    if options.scheduled_scaling:
        assert "aws_scheduler_schedule" in kinds


def test_cli_script_passes_bash_n(workload, config, options, tmp_path):
    path = tmp_path / "setup.sh"
    path.write_text(generate("cli", workload, config, options)["setup.sh"])
    result = subprocess.run(["bash", "-n", str(path)], check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck is not installed")
def test_cli_script_passes_shellcheck(workload, config, options, tmp_path):
    path = tmp_path / "setup.sh"
    path.write_text(generate("cli", workload, config, options)["setup.sh"])
    result = subprocess.run(["shellcheck", str(path)], check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_cli_script_runs_the_steps_in_order(workload, config):
    text = generate("cli", workload, config, IacOptions(scheduled_scaling=True))["setup.sh"]
    assert text.startswith("#!/usr/bin/env bash\n") and "set -euo pipefail" in text
    steps = ["aws iam create-role", "aws lambda create-capacity-provider", "aws lambda get-capacity-provider",
             "aws lambda create-function", 'wait_for_state "\\$LATEST" "ActiveNonInvocable Active"',
             "aws lambda publish-version", "aws lambda put-function-scaling-config",
             'wait_for_state "$VERSION" "Active" 5 312', "aws lambda create-alias",
             "aws cloudwatch put-metric-alarm", "aws scheduler create-schedule"]
    positions = [text.index(step) for step in steps]
    assert positions == sorted(positions)
    assert f"MinExecutionEnvironments={config.min_execution_environments}" in text
    # With a capacity provider $LATEST becomes ActiveNonInvocable, never Active: function-active-v2 would hang.
    assert "aws lambda wait function-active-v2" not in text


def test_cli_script_stops_on_a_failed_version_with_its_reason_code(workload, config, tmp_path):
    """The wait function, run with a stand-in `aws` that answers a Failed version: the script exits 1 and says
    the StateReasonCode, the reason and the fix."""
    text = generate("cli", workload, config, IacOptions())["setup.sh"]
    start = text.index("wait_for_state() {")
    function = text[start:text.index("\n}\n", start) + 3]
    fake = tmp_path / "aws"
    fake.write_text("#!/usr/bin/env bash\n"
                    'case "$*" in\n'
                    '  *"[State, StateReasonCode]"*) printf "Failed\\tSubnetOutOfIPAddresses\\n" ;;\n'
                    '  *StateReason*) echo "No free IP addresses in subnet-1" ;;\n'
                    "esac\n")
    fake.chmod(0o755)
    script = tmp_path / "wait.sh"
    script.write_text(f"set -euo pipefail\nFUNCTION_NAME=orders-api\n{function}\nwait_for_state 7 Active 0 3\n"
                      "echo unreachable\n")
    env = {"PATH": f"{tmp_path}:/usr/bin:/bin"}
    result = subprocess.run(["bash", str(script)], capture_output=True, text=True, timeout=30, env=env, check=False)
    assert result.returncode == 1 and "unreachable" not in result.stdout
    assert "orders-api:7 is Failed: SubnetOutOfIPAddresses: No free IP addresses in subnet-1" in result.stderr
    assert "Fix: free addresses in the subnets or use larger or more subnets." in result.stderr


def test_cdk_typescript_project(workload, config, options):
    files = generate("cdk-ts", workload, config, options)
    assert {"package.json", "cdk.json", "tsconfig.json", "bin/app.ts", "lib/stack.ts"} <= set(files)
    pinned = json.loads(files["package.json"])["dependencies"]["aws-cdk-lib"]
    major, minor, patch = map(int, re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", pinned).groups())  # exact, reproducible
    assert (major, minor, patch) >= (2, 231, 0) and major == 2
    stack = files["lib/stack.ts"]
    assert "new lambda.CapacityProvider(this, 'CapacityProvider'" in stack
    assert "capacityProvider.addFunction(fn, {" in stack
    assert f"perExecutionEnvironmentMaxConcurrency: {config.per_execution_environment_max_concurrency}," in stack
    assert f"executionEnvironmentMemoryGiBPerVCpu: {config.memory_gib_per_vcpu}," in stack
    assert f'"MinExecutionEnvironments": {config.min_execution_environments}' in stack  # on the numbered version
    assert "publishToLatestPublished: false," in stack and "latestPublishedScalingConfig" not in stack
    assert "new lambda.Alias(" in stack
    assert json.loads(files["cdk.json"])["app"].endswith("bin/app.ts")
    assert "lib/stack" in files["bin/app.ts"]
    json.loads(files["tsconfig.json"])


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_cdk_javascript_is_valid_javascript(workload, config, options, tmp_path):
    files = generate("cdk-js", workload, config, options)
    ts_deps = json.loads(generate("cdk-ts", workload, config, options)["package.json"])["dependencies"]
    assert json.loads(files["package.json"])["dependencies"] == ts_deps  # the same exact pins as the TypeScript app
    for name in ("bin/app.js", "lib/stack.js"):
        path = tmp_path / name.replace("/", "_")
        path.write_text(files[name])
        result = subprocess.run(["node", "--check", str(path)], check=False, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr


def test_cdk_python_is_valid_python(workload, config, options):
    files = generate("cdk-py", workload, config, options)
    for name in ("app.py", "stack.py"):
        ast.parse(files[name])
    assert "lambda_.CapacityProvider(" in files["stack.py"] and ".add_function(" in files["stack.py"]
    assert "aws-cdk-lib>=2.231.0" in files["requirements.txt"]


def test_every_format_renders_the_same_numbers(workload, config):
    """One model: the concurrency, ratio and minimum appear in every format."""
    for fmt in FORMATS:
        text = "\n".join(generate(fmt, workload, config, IacOptions()).values())
        assert str(config.per_execution_environment_max_concurrency) in text, fmt
        assert str(config.memory_gib_per_vcpu) in text, fmt
        assert str(config.min_execution_environments) in text, fmt
        assert str(config.memory_mb) in text, fmt
