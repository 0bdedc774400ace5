"""The pre-flight's offline part (no AWS account), its estimates and policy reading, and its outputs."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from tests.deploy_preflight._account import config, workload
from workbench.deploy.preflight import (
    offline_report,
    preflight_dict,
    preflight_text,
    save_preflight,
)
from workbench.deploy.preflight_checks import planned
from workbench.deploy.preflight_network import ip_need
from workbench.deploy.preflight_offline import check_offline
from workbench.deploy.preflight_roles import allows, trusts_lambda
from workbench.iac.model import build_model
from workbench.iac.options import IacOptions
from workbench.lmi_facts import REGIONS
from workbench.models import CheckStatus, PreflightCheck, PreflightReport
from workbench.store import Store

PASS, WARN, FAIL, UNKNOWN = CheckStatus.PASS, CheckStatus.WARN, CheckStatus.FAIL, CheckStatus.UNKNOWN
SUBNETS = IacOptions(subnet_ids=("subnet-0a000001", "subnet-0a000002", "subnet-0a000003"))


def offline(wl=None, cfg=None, opts=SUBNETS, region=None) -> dict[str, PreflightCheck]:
    return {c.id: c for c in check_offline(wl or workload(), cfg or config(), opts, region)}


# --- Region and runtime -------------------------------------------------------------------------------------------
def test_a_supported_region_and_runtime_pass() -> None:
    checks = offline()
    assert checks["region"].status is PASS and checks["runtime"].status is PASS
    assert checks["runtime"].found == ["python3.13 (Python 3.13) is supported; 16 concurrent invocations per vCPU "
                                       "by default"]


def test_an_excluded_region_fails_with_the_list_and_the_nearest_region() -> None:
    region = offline(wl=workload(region="me-south-1"))["region"]
    assert region.status is FAIL
    assert region.found[0].startswith("Lambda Managed Instances is not available in me-south-1")
    assert region.found[1] == f"available in: {', '.join(REGIONS.available)}"
    assert "me-south-1" not in region.found[1]
    assert region.fix.startswith("Deploy to the nearest supported Region, ap-south-1")
    assert region.fix.endswith("or keep this function on standard Lambda in me-south-1.")


def test_a_region_outside_the_commercial_list_gets_a_same_geography_suggestion() -> None:
    region = offline(region="us-gov-west-1")["region"]
    assert region.status is FAIL
    assert "us-west-2" in region.fix


def test_no_region_is_unknown() -> None:
    assert offline(wl=workload(region=None))["region"].status is UNKNOWN


SUPPORTED_LIST = "supported runtimes: Java 21+, Python 3.13+, Node.js 22+, .NET 8+, Rust on provided.al2023"


@pytest.mark.parametrize(("runtime", "named"), [("ruby3.3", "ruby3.3 (Ruby)"), ("go1.x", "Go (go1.x)")])
def test_an_unsupported_runtime_fails_with_the_supported_list_and_standard_lambda(runtime, named) -> None:
    check = offline(wl=workload(runtime=runtime))["runtime"]
    assert check.status is FAIL
    assert check.found[0] == f"Lambda Managed Instances does not yet support {named}"
    assert check.found[1].startswith(SUPPORTED_LIST)
    assert check.fix.startswith("Use standard Lambda for this function")


@pytest.mark.parametrize(("runtime", "upgrade"), [("python3.12", "python3.13"), ("nodejs20.x", "nodejs22.x"),
                                                  ("java17", "java21"), ("dotnet6", "dotnet8")])
def test_an_older_runtime_version_fails_and_names_the_upgrade(runtime, upgrade) -> None:
    check = offline(wl=workload(runtime=runtime))["runtime"]
    assert check.status is FAIL
    assert check.found[0].startswith(f"Lambda Managed Instances does not yet support {runtime}")
    assert check.fix.startswith(f"Upgrade the function to {upgrade} first")
    assert f"--upgrade-runtime {upgrade}" in check.fix and "standard Lambda" in check.fix


def test_rust_on_provided_al2023_passes_with_its_condition() -> None:
    check = offline(wl=workload(runtime="provided.al2023"))["runtime"]
    assert check.status is PASS
    assert check.found[0].startswith("provided.al2023 (Rust) is supported; 8 concurrent invocations per vCPU")
    assert any("Rust only" in line for line in check.found)


def test_an_older_os_only_runtime_fails_with_the_rust_upgrade() -> None:
    check = offline(wl=workload(runtime="provided.al2"))["runtime"]
    assert check.status is FAIL and any("Rust code only" in line for line in check.found)
    assert "provided.al2023" in check.fix


def test_no_runtime_is_unknown() -> None:
    assert offline(wl=workload(runtime=None))["runtime"].status is UNKNOWN


# --- architecture and subnets as planned ---------------------------------------------------------------------------
def test_a_planned_architecture_mismatch_fails() -> None:
    check = offline(wl=workload(architecture="x86_64"))["architecture"]
    assert check.status is FAIL
    assert check.found == ["the function is x86_64 (workload) but the capacity provider is planned as arm64"]


def test_allowed_instance_types_of_the_other_architecture_fail() -> None:
    check = offline(cfg=config(allowed_instance_types=["m7g.large", "m7i.large"]))["architecture"]
    assert check.status is FAIL
    assert "allowed instance types m7i.large are not arm64" in check.found


@pytest.mark.parametrize(("opts", "status", "text"), [
    (IacOptions(), FAIL, "no subnets given"),
    (IacOptions(subnet_ids=("subnet-0a000001", "subnet-0a000002")), FAIL, "2 subnet(s) given"),
    (SUBNETS, UNKNOWN, "3 subnets given"),
    (IacOptions(create_vpc=True), PASS, "a new VPC (10.40.0.0/16)"),
])
def test_the_subnet_plan_offline(opts, status, text) -> None:
    check = offline(opts=opts)["subnets"]
    assert check.status is status
    assert check.found[0].startswith(text)


# --- the names the deployment uses ----------------------------------------------------------------------------------
def test_planned_names_are_the_infrastructure_models_names() -> None:
    opts = IacOptions(subnet_ids=SUBNETS.subnet_ids, capacity_provider_name="shared-pool")
    model = build_model(workload(), config(), opts)
    plan = planned(workload(), config(), opts)
    assert (plan.function_name, plan.capacity_provider_name, plan.execution_role_name, plan.operator_role_name) == (
        model.function.name, model.capacity_provider.name, model.execution_role.name, model.operator_role.name)


def test_planned_names_follow_the_same_rules_when_the_generators_refuse_the_inputs() -> None:
    name = "a-function-name-longer-than-forty-characters-x"
    valid = planned(workload(function_name=name), config(), SUBNETS)
    refused = planned(workload(function_name=name, runtime="ruby3.3"), config(), SUBNETS)  # build_model refuses
    assert refused == valid
    assert refused.operator_role_name == f"{name[:40]}-cp-operator"


# --- the address estimate ---------------------------------------------------------------------------------------------
def test_the_address_estimate_for_the_default_configuration() -> None:
    need = ip_need(config(), subnets=3, zones=3)  # 2 vCPU per execution environment, MaxVCpuCount 400
    assert (need.instance_vcpus, need.max_instances, need.min_instances) == (2, 200, 3)
    assert (need.per_subnet_min, need.per_subnet_max) == (1, 67)


def test_the_address_estimate_uses_the_smallest_allowed_size_and_the_execution_environment() -> None:
    cfg = config(memory_mb=8192, allowed_instance_types=["c7g.xlarge", "m7g.2xlarge"])  # 4 vCPU each
    need = ip_need(cfg, subnets=4, zones=4)
    assert (need.instance_vcpus, need.max_instances, need.per_subnet_max) == (4, 100, 25)
    big = ip_need(config(memory_mb=32768), subnets=3, zones=3)  # 16 vCPU: no 2-vCPU instance can hold it
    assert (big.instance_vcpus, big.max_instances) == (16, 25)
    packed = ip_need(config(memory_mb=2048, min_execution_environments=10), subnets=3, zones=3)  # 1 vCPU each
    assert packed.min_instances == 5  # two 1-vCPU environments share a 2-vCPU instance


# --- reading policies -----------------------------------------------------------------------------------------------
def test_allows_reads_wildcards_deny_and_not_action() -> None:
    allow_ec2 = {"Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}
    deny_run = {"Statement": {"Effect": "Deny", "Action": ["ec2:RunInstances"], "Resource": "*"}}
    not_iam = {"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}
    assert allows([allow_ec2], "ec2:RunInstances") and allows([allow_ec2], "EC2:runinstances")
    assert not allows([allow_ec2, deny_run], "ec2:RunInstances")
    assert allows([not_iam], "ec2:CreateTags") and not allows([not_iam], "iam:PassRole")
    assert not allows(["not a document"], "ec2:RunInstances")


def test_trusts_lambda() -> None:
    def trust(principal, action="sts:AssumeRole", effect="Allow"):
        return {"Statement": [{"Effect": effect, "Principal": principal, "Action": action}]}

    assert trusts_lambda(trust({"Service": "lambda.amazonaws.com"}))
    assert trusts_lambda(trust({"Service": ["ec2.amazonaws.com", "lambda.amazonaws.com"]}, ["sts:*"]))
    assert not trusts_lambda(trust({"Service": "ec2.amazonaws.com"}))
    assert not trusts_lambda(trust({"Service": "lambda.amazonaws.com"}, effect="Deny"))
    assert not trusts_lambda(trust({"Service": "lambda.amazonaws.com"}, action="sts:TagSession"))


# --- the report, its outputs and the store --------------------------------------------------------------------
def test_the_offline_report_text_and_json() -> None:
    report = offline_report(workload(runtime="ruby3.3", region="me-south-1"), config(), SUBNETS)
    assert not report.account_checked and report.operations == []
    assert report.status is FAIL
    text = preflight_text(report)
    assert text.startswith("Pre-flight for orders (capacity provider orders-capacity) in me-south-1: FAIL "
                           "(1 pass, 2 fail, 1 unknown)")
    assert "[FAIL   ] runtime: The runtime is supported" in text
    assert "          fix: Use standard Lambda for this function" in text
    assert text.rstrip().endswith("The account was not checked: only the checks that need no AWS access ran.")
    data = json.loads(json.dumps(preflight_dict(report)))
    assert data["status"] == "fail" and data["counts"] == {"pass": 1, "warn": 0, "fail": 2, "unknown": 1}
    assert [c["id"] for c in data["checks"]] == ["region", "runtime", "subnets", "architecture"]
    assert PreflightReport.model_validate({k: v for k, v in data.items() if k not in ("status", "counts")}) == report


def test_the_report_is_kept_in_the_store_and_replaced_by_the_next_run(tmp_path) -> None:
    with Store.open(tmp_path / "s.sqlite", author="ana") as store:
        first = save_preflight(store, offline_report(workload(), config(), SUBNETS))
        second = save_preflight(store, offline_report(workload(runtime="ruby3.3"), config(), SUBNETS))
        kept = store.get(PreflightReport)
        assert (first.version, second.version, kept.version) == (1, 2, 2)
        assert kept.doc.check("runtime").status is FAIL
        assert store.changes()[-1].summary == "pre-flight fail: 1 fail, 0 warn, 1 unknown"


def test_a_failing_check_needs_a_fix_and_ids_are_unique() -> None:
    with pytest.raises(ValidationError, match="a fail needs a fix"):
        PreflightCheck(id="subnets", title="Subnets", status="fail", found=["x"])
    with pytest.raises(ValidationError, match="unknown needs the reason"):
        PreflightCheck(id="subnets", title="Subnets", status="unknown")
    check = PreflightCheck(id="subnets", title="Subnets", status="pass")
    with pytest.raises(ValidationError, match="repeated: subnets"):
        PreflightReport(function_name="f", capacity_provider_name="p", checks=[check, check])
