"""Item 6 of issue 11: one LMI configuration from intake to deploy. The same workload file gives the same
configuration in ``cost``, triage's per-function estimate, ``generate`` and the deploy plan; an
``lmi_configuration`` in the file (whole or partial) wins, marked as given in the file."""

from __future__ import annotations

import json

import pytest
import yaml

from workbench.aws.triage import TriageRow, _apply_cost
from workbench.cli import main
from workbench.cost.command import run_cost
from workbench.deploy.plan_build import build_plan
from workbench.iac import IacOptions
from workbench.models import ProvenanceSource, Workload
from workbench.starting_config import (
    GivenConfigurationError,
    configuration_for,
    starting_configuration,
)
from workbench.store import Store

WORKLOAD = dict(function_name="orders-api", region="us-east-1", requests_per_month=120_000_000,
                peak_requests_per_second=110.0, runtime="nodejs22.x", architecture="arm64", memory_mb=1536,
                duration_avg_ms=180.0, duration_p99_ms=900.0, cpu_profile="io-bound", environment="production",
                subnet_ids=["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"],
                security_group_ids=["sg-0a1b2c3d4e5f60001"])


def write(tmp_path, name: str, config: dict | None = None):
    path = tmp_path / name
    data: dict = {"workload": WORKLOAD}
    if config is not None:
        data["lmi_configuration"] = config
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def cost_config(path) -> dict:
    text, code = run_cost(workload=path, fmt="json")
    assert code == 0, text
    inputs = json.loads(text)["inputs"]
    return {"memory_mb": inputs["lmi_memory_mb"], "gib": inputs["gib_per_vcpu"],
            "concurrency": inputs["per_ee_concurrency"], "min": inputs["min_execution_environments"],
            "max_vcpu": inputs["max_vcpu"]}


def generated_config(path, out) -> dict:
    assert main(["generate", "--workload", str(path), "--format", "cloudformation", "-o", str(out)]) == 0
    doc = yaml.safe_load((out / "template.yaml").read_text())
    props = {name: r["Properties"] for name, r in doc["Resources"].items()}
    provider = next(p for p in props.values() if "CapacityProviderScalingConfig" in p)
    function = next(p for p in props.values() if "CapacityProviderConfig" in p)
    lmi = function["CapacityProviderConfig"]["LambdaManagedInstancesCapacityProviderConfig"]
    scaling = next(p["FunctionScalingConfig"] for p in props.values() if "FunctionScalingConfig" in p)
    return {"memory_mb": function["MemorySize"], "gib": float(lmi["ExecutionEnvironmentMemoryGiBPerVCpu"]),
            "concurrency": lmi["PerExecutionEnvironmentMaxConcurrency"],
            "min": scaling["MinExecutionEnvironments"],
            "max_vcpu": provider["CapacityProviderScalingConfig"]["MaxVCpuCount"]}


def plan_config(plan) -> dict:
    steps = {s.id: s.parameters for s in plan.steps}
    create = steps["create-function"]
    lmi = create["CapacityProviderConfig"]["LambdaManagedInstancesCapacityProviderConfig"]
    return {"memory_mb": create["MemorySize"], "gib": lmi["ExecutionEnvironmentMemoryGiBPerVCpu"],
            "concurrency": lmi["PerExecutionEnvironmentMaxConcurrency"],
            "min": steps["put-function-scaling-config"]["FunctionScalingConfig"]["MinExecutionEnvironments"],
            "max_vcpu": steps["create-capacity-provider"]["CapacityProviderScalingConfig"]["MaxVCpuCount"]}


def test_the_same_file_gives_the_same_configuration_in_cost_triage_generate_and_deploy(tmp_path, capsys):
    path = write(tmp_path, "orders.yaml")
    workload = Workload(**WORKLOAD)
    derived = starting_configuration(workload)
    expected = {"memory_mb": derived.memory_mb, "gib": derived.memory_gib_per_vcpu,
                "concurrency": derived.per_execution_environment_max_concurrency,
                "min": derived.min_execution_environments, "max_vcpu": derived.max_vcpu_count}
    # io-bound Node.js: 4:1, 1.5 GB → 4,096 MB = 1 vCPU, 64 per vCPU — not the engine's old 2:1 at 4,096 MB
    assert expected == {"memory_mb": 4096, "gib": 4.0, "concurrency": 64, "min": 3, "max_vcpu": 400}

    assert cost_config(path) == expected
    assert generated_config(path, tmp_path / "cfn") == expected

    # deploy --plan reads the session's store: the workload loaded into it, no configuration saved
    store_path = tmp_path / "s.sqlite"
    with Store.open(store_path, author="t", session="s") as store:
        store.put(workload, expected_version=None, summary="workload")
    capsys.readouterr()
    assert main(["deploy", "--plan", "--offline", "--store", str(store_path), "--format", "json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    steps = {s["id"]: s["parameters"] for s in plan["steps"]}
    lmi = steps["create-function"]["CapacityProviderConfig"]["LambdaManagedInstancesCapacityProviderConfig"]
    assert {"memory_mb": steps["create-function"]["MemorySize"], "gib": lmi["ExecutionEnvironmentMemoryGiBPerVCpu"],
            "concurrency": lmi["PerExecutionEnvironmentMaxConcurrency"],
            "min": steps["put-function-scaling-config"]["FunctionScalingConfig"]["MinExecutionEnvironments"],
            "max_vcpu": steps["create-capacity-provider"]["CapacityProviderScalingConfig"]["MaxVCpuCount"]} == expected

    # triage prices each function on the same configuration: its LMI figure is the cost command's
    row = TriageRow(region="us-east-1", function_name="orders-api", function_arn="arn", runtime="nodejs22.x",
                    architecture="arm64", memory_mb=1536, traffic_pattern="unknown", requests_per_month=120_000_000,
                    mean_rps=None, peak_rps=110.0, duration_avg_ms=180.0, workload=workload)
    _apply_cost(row)
    text, _ = run_cost(workload=path, fmt="json")
    result = json.loads(text)
    lmi_od = next(s for s in result["scenarios"] if s["key"] == "lmi_on_demand")
    assert row.lmi_monthly_usd == pytest.approx(lmi_od["monthly_usd"])
    assert row.lmi_instance == lmi_od["instance_type"]


def test_a_max_vcpu_count_given_in_the_file_reaches_cost_the_template_and_the_plan(tmp_path):
    # 16, not 8: the CDK L2 construct's floor is 12 (another check); CloudFormation takes 16 as written
    path = write(tmp_path, "orders.yaml", {"max_vcpu_count": 16})
    assert cost_config(path)["max_vcpu"] == 16
    assert generated_config(path, tmp_path / "cfn")["max_vcpu"] == 16
    workload = Workload(**WORKLOAD)
    config = configuration_for(workload, {"max_vcpu_count": 16}, origin="orders.yaml")
    assert config.provenance["max_vcpu_count"].source is ProvenanceSource.FILE
    assert config.provenance["max_vcpu_count"].detail.startswith(
        "given in orders.yaml (lmi_configuration.max_vcpu_count); at the peak (110 requests/s)")
    assert config.provenance["memory_mb"].source is not ProvenanceSource.FILE  # the rest is still derived
    plan = build_plan(workload, config, IacOptions(), region="us-east-1")
    assert plan_config(plan)["max_vcpu"] == 16


def test_the_file_provenance_is_shown_in_the_cost_result_and_the_template(tmp_path):
    path = write(tmp_path, "orders.yaml", {"max_vcpu_count": 16, "per_execution_environment_max_concurrency": 20})
    text, code = run_cost(workload=path, fmt="table")
    assert code == 0, text
    line = next(x for x in text.splitlines() if "LMI configuration (the one generate and deploy use)" in x)
    assert "given in the workload file" in line and "the rest derived from the workload" in line
    assert "max_vcpu_count" in line and "per_execution_environment_max_concurrency" in line
    assert "20 concurrent per EE" in line and "MaxVCpuCount 16" in line
    out = tmp_path / "tf"
    assert main(["generate", "--workload", str(path), "--format", "terraform", "-o", str(out)]) == 0
    terraform = "\n".join(p.read_text() for p in out.glob("*.tf"))
    assert "given in orders.yaml (lmi_configuration.max_vcpu_count)" in terraform
    assert "max_vcpu_count = 16" in terraform


def test_a_stored_configuration_wins_over_the_derived_one():
    workload = Workload(**WORKLOAD)
    stored = starting_configuration(workload).model_copy(update={"max_vcpu_count": 48})
    assert configuration_for(workload, stored) is stored


@pytest.mark.parametrize("table, field, words", [
    ({"max_vcpu_cout": 16}, "lmi_configuration.max_vcpu_cout", "is not an LMI configuration setting"),
    ({"max_vcpu_count": 1}, "lmi_configuration.max_vcpu_count", "given in orders.yaml"),
    ({"memory_mb": 5000}, "lmi_configuration", "whole number of vCPUs"),
])
def test_a_given_setting_that_does_not_fit_is_named(table, field, words):
    with pytest.raises(GivenConfigurationError) as err:
        configuration_for(Workload(**WORKLOAD), table, origin="orders.yaml")
    assert err.value.field == field and words in str(err.value)


def test_generate_names_the_file_and_the_setting_and_writes_nothing(tmp_path, capsys):
    path = write(tmp_path, "orders.yaml", {"max_vcpu_count": "many"})
    out = tmp_path / "cfn"
    assert main(["generate", "--workload", str(path), "--format", "cloudformation", "-o", str(out)]) != 0
    err = capsys.readouterr().err
    assert "orders.yaml" in err and "lmi_configuration.max_vcpu_count" in err
    assert not (out / "template.yaml").exists()


def test_a_file_without_a_workload_table_still_loads_for_generate(tmp_path):
    path = tmp_path / "flat.yaml"
    path.write_text(yaml.safe_dump(WORKLOAD))
    assert generated_config(path, tmp_path / "cfn")["max_vcpu"] == 400


def test_loading_a_file_into_a_session_records_its_configuration_with_the_workload(tmp_path):
    from workbench.cli.common import load_workload_into, read_workload_file_and_configuration
    from workbench.models import LmiConfiguration

    path = write(tmp_path, "orders.yaml", {"max_vcpu_count": 16})
    workload, config = read_workload_file_and_configuration(path)
    assert config is not None and config.max_vcpu_count == 16
    with Store.open(tmp_path / "s.sqlite", author="t", session="s") as store:
        assert load_workload_into(store, workload, path, config)
        stored = store.get(LmiConfiguration)
        assert stored is not None and stored.doc.max_vcpu_count == 16
        assert stored.doc.provenance["max_vcpu_count"].source is ProvenanceSource.FILE
        # the session's deploy and generate now read it back as the configuration that wins
        assert configuration_for(store.get(Workload).doc, stored.doc).max_vcpu_count == 16
        assert not load_workload_into(store, workload, path, config)  # loading it again changes nothing
        assert store.get(LmiConfiguration).version == stored.version


def test_a_file_without_a_configuration_table_gives_none_and_loads_only_the_workload(tmp_path):
    from workbench.cli.common import read_workload_file_and_configuration

    path = write(tmp_path, "orders.yaml")
    workload, config = read_workload_file_and_configuration(path)
    assert workload.function_name == "orders-api" and config is None


def test_what_follows_from_a_given_value_is_derived_from_it():
    # 16,384 MB at the derived 4:1 is 4 vCPU: Node.js's 64 per vCPU then gives 256 per EE (not the 64 of 1 vCPU)
    config = configuration_for(Workload(**WORKLOAD), {"memory_mb": 16384}, origin="orders.yaml")
    assert (config.memory_mb, config.memory_gib_per_vcpu, config.per_execution_environment_max_concurrency) == \
        (16384, 4.0, 256)
    assert config.provenance["memory_mb"].source is ProvenanceSource.FILE
    assert config.provenance["per_execution_environment_max_concurrency"].detail == \
        "Node.js default 64 per vCPU × 4 vCPU = 256"
