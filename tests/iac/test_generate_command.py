"""`lmi-workbench generate`: writes files from the session's store or a workload file; never overwrites without --force."""

from __future__ import annotations

import pytest
import yaml

from workbench.cli import main
from workbench.demo import load_demo
from workbench.iac import FORMATS
from workbench.models import LmiConfiguration
from workbench.starting_config import starting_configuration
from workbench.store import Store
from workbench.workload_files import save_workload

from .conftest import demo_workload


@pytest.fixture
def demo_store(tmp_path):
    path = tmp_path / "session.sqlite"
    store = Store.open(path, author="test", session="default")
    try:
        load_demo(store)
    finally:
        store.close()
    return path


def test_writes_the_default_cdk_typescript_app_from_the_store(demo_store, tmp_path, capsys):
    out = tmp_path / "infra"
    assert main(["--store", str(demo_store), "generate", "-o", str(out)]) == 0
    assert (out / "lib" / "stack.ts").is_file() and (out / "package.json").is_file()
    assert "starting configuration derived" in capsys.readouterr().err


def test_uses_the_saved_configuration_when_there_is_one(demo_store, tmp_path):
    store = Store.open(demo_store, author="test", session="default")
    try:
        config = starting_configuration(demo_workload()).model_copy(update={"capacity_provider_name": "saved-cp"})
        store.put(LmiConfiguration.model_validate(config.model_dump()), expected_version=None, summary="config")
    finally:
        store.close()
    out = tmp_path / "cfn"
    assert main(["--store", str(demo_store), "generate", "--format", "cloudformation", "-o", str(out)]) == 0
    doc = yaml.safe_load((out / "template.yaml").read_text())
    assert doc["Resources"]["CapacityProvider"]["Properties"]["CapacityProviderName"] == "saved-cp"


def test_refuses_to_overwrite_without_force(demo_store, tmp_path, capsys):
    out = tmp_path / "infra"
    out.mkdir()
    (out / "template.yaml").write_text("my own template\n")
    args = ["--store", str(demo_store), "generate", "--format", "sam", "-o", str(out)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "already exist" in err and "--force" in err
    assert (out / "template.yaml").read_text() == "my own template\n"
    assert main(args + ["--force"]) == 0
    assert "AWS::Serverless::Function" in (out / "template.yaml").read_text()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_from_a_workload_file(fmt, tmp_path):
    workload_file = tmp_path / "workload.yaml"
    save_workload(workload_file, demo_workload())
    out = tmp_path / fmt
    assert main(["generate", "--workload", str(workload_file), "--format", fmt, "-o", str(out)]) == 0
    assert any(out.rglob("*"))


def test_broken_inputs_give_the_message_and_write_nothing(tmp_path, capsys):
    workload_file = tmp_path / "workload.yaml"
    save_workload(workload_file, demo_workload())
    out = tmp_path / "out"
    code = main(["generate", "--workload", str(workload_file), "-o", str(out),
                 "--allowed-instance-types", "m7i.large", "--excluded-instance-types", "m7i.xlarge"])
    assert code == 1
    assert "allowed and excluded instance types are both set" in capsys.readouterr().err
    assert not out.exists()


def test_a_session_without_a_workload_is_explained(tmp_path, capsys):
    code = main(["--store", str(tmp_path / "missing.sqlite"), "generate", "-o", str(tmp_path / "out")])
    assert code != 0
    assert "--workload FILE" in capsys.readouterr().err


def test_demo_generates_on_a_fresh_machine_without_opening_the_tui(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LMI_WORKBENCH_DATA_DIR", str(tmp_path / "fresh-data"))
    out = tmp_path / "out"
    assert main(["generate", "--demo", "-o", str(out), "--format", "sam"]) == 0
    assert "Runtime: python3.13" in (out / "template.yaml").read_text()


def test_an_unsupported_runtime_is_refused_until_the_upgrade_is_chosen(tmp_path, capsys):
    workload_file = tmp_path / "workload.yaml"
    save_workload(workload_file, demo_workload().model_copy(update={"runtime": "python3.12"}))
    out = tmp_path / "out"
    args = ["generate", "--workload", str(workload_file), "--format", "sam", "-o", str(out)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "Lambda Managed Instances does not yet support python3.12" in err
    assert "Java 21+, Python 3.13+, Node.js 22+, .NET 8+" in err and "--upgrade-runtime python3.13" in err
    assert not out.exists()
    assert main(args + ["--upgrade-runtime", "python3.13"]) == 0
    assert "Runtime: python3.13" in (out / "template.yaml").read_text()
    assert "Runtime upgrade chosen" in capsys.readouterr().err


def test_python313_is_generated_as_it_is(tmp_path):
    workload_file = tmp_path / "workload.yaml"
    save_workload(workload_file, demo_workload())
    assert main(["generate", "--workload", str(workload_file), "--format", "sam", "-o", str(tmp_path / "o")]) == 0


def test_operator_policy_and_latest_published_options(demo_store, tmp_path):
    out = tmp_path / "cfn"
    assert main(["--store", str(demo_store), "generate", "-f", "cloudformation", "-o", str(out),
                 "--operator-policy", "inline", "--keep-latest-published"]) == 0
    resources = yaml.safe_load((out / "template.yaml").read_text())["Resources"]
    assert "ManagedPolicyArns" not in resources["OperatorRole"]["Properties"]
    assert resources["Function"]["Properties"]["PublishToLatestPublished"] is True
    default = tmp_path / "default"
    assert main(["--store", str(demo_store), "generate", "-f", "cloudformation", "-o", str(default)]) == 0
    resources = yaml.safe_load((default / "template.yaml").read_text())["Resources"]
    assert resources["OperatorRole"]["Properties"]["ManagedPolicyArns"]
    assert resources["Function"]["Properties"]["PublishToLatestPublished"] is False


def test_the_command_offers_exactly_the_formats_the_generators_write():
    from workbench.cli.generate import FORMAT_CHOICES
    from workbench.iac import DEFAULT_FORMAT

    assert list(FORMAT_CHOICES) == list(FORMATS), "cli/generate.py's light copy drifted from workbench.iac.FORMATS"
    assert FORMAT_CHOICES[0] == DEFAULT_FORMAT
