"""CloudFormation and SAM output passes the real cfn-lint with no errors and has the LMI resources."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from workbench.iac import generate
from workbench.iac.options import IacOptions


def _load(text: str) -> dict:
    return yaml.safe_load(text)


def cfn_lint(path) -> subprocess.CompletedProcess[str]:
    # cfn-lint's exit code is a bit mask: 2 = errors, 4 = warnings, 8 = informational.
    code = "import sys; from cfnlint.runner import main; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, "--", str(path)], check=False, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("fmt", ["cloudformation", "sam"])
def test_template_passes_cfn_lint(fmt, workload, config, options, tmp_path):
    text = generate(fmt, workload, config, options)["template.yaml"]
    path = tmp_path / "template.yaml"
    path.write_text(text)
    result = cfn_lint(path)
    assert result.returncode & 2 == 0, result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr  # no warnings either


def test_cloudformation_has_the_lmi_resources(workload, config):
    doc = _load(generate("cloudformation", workload, config, IacOptions(scheduled_scaling=True))["template.yaml"])
    types = {r["Type"] for r in doc["Resources"].values()}
    assert {"AWS::Lambda::CapacityProvider", "AWS::Lambda::Function", "AWS::Lambda::Version", "AWS::Lambda::Alias",
            "AWS::CloudWatch::Alarm", "AWS::Scheduler::Schedule", "AWS::IAM::Role"} <= types
    lmi = doc["Resources"]["Function"]["Properties"]["CapacityProviderConfig"][
        "LambdaManagedInstancesCapacityProviderConfig"]
    assert lmi["PerExecutionEnvironmentMaxConcurrency"] == config.per_execution_environment_max_concurrency
    assert lmi["ExecutionEnvironmentMemoryGiBPerVCpu"] == config.memory_gib_per_vcpu
    scaling = doc["Resources"]["Version"]["Properties"]["FunctionScalingConfig"]
    assert scaling["MinExecutionEnvironments"] == config.min_execution_environments >= 3
    cp = doc["Resources"]["CapacityProvider"]["Properties"]
    assert cp["InstanceRequirements"]["Architectures"] == [workload.architecture.value]
    thresholds = sorted(r["Properties"]["Threshold"] for r in doc["Resources"].values()
                        if r["Type"] == "AWS::CloudWatch::Alarm")
    assert thresholds == [1.0, 80.0]


def test_new_vpc_security_group_allows_https_egress_only(workload, config):
    doc = _load(generate("cloudformation", workload, config, IacOptions(create_vpc=True))["template.yaml"])
    sg = doc["Resources"]["SecurityGroup"]["Properties"]
    assert "SecurityGroupIngress" not in sg
    assert [(r["FromPort"], r["ToPort"], r["IpProtocol"]) for r in sg["SecurityGroupEgress"]] == [(443, 443, "tcp")]
    subnets = [r for r in doc["Resources"].values() if r["Type"] == "AWS::EC2::Subnet"]
    azs = {r["Properties"]["AvailabilityZone"]["Fn::Select"][0] for r in subnets}
    assert len(subnets) == 3 and azs == {0, 1, 2}


def test_sam_uses_its_capacity_provider_keys(workload, config):
    doc = _load(generate("sam", workload, config, IacOptions())["template.yaml"])
    props = doc["Resources"]["Function"]["Properties"]
    assert doc["Transform"] == "AWS::Serverless-2016-10-31"
    assert set(props["CapacityProviderConfig"]) == {"Arn", "ExecutionEnvironmentMemoryGiBPerVCpu",
                                                    "PerExecutionEnvironmentMaxConcurrency"}
    assert props["AutoPublishAlias"] == "live"
    assert doc["Resources"]["CapacityProvider"]["Type"] == "AWS::Lambda::CapacityProvider"


def test_comments_explain_the_chosen_values(workload, config):
    text = generate("cloudformation", workload, config, IacOptions())["template.yaml"]
    assert "API default (2:1)" in text
    assert "multi-AZ" in text
    assert "runtime default is 16 per vCPU" in text


def test_the_lint_harness_reports_a_broken_template(tmp_path):
    """Guards the check above: a capacity provider without its required properties is an error."""
    path = tmp_path / "bad.yaml"
    path.write_text("Resources:\n  CP:\n    Type: AWS::Lambda::CapacityProvider\n    Properties:\n      Foo: 1\n")
    result = cfn_lint(path)
    assert result.returncode & 2 and "E3003" in result.stdout
