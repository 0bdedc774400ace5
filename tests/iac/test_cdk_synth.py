"""The generated CDK apps build and synthesise with the pinned aws-cdk-lib from the npm registry (issue 6).

Each test writes a generated project into tmp_path, links the npm packages installed once into a cache
(tests/iac/_npm_cache.py), type-checks the TypeScript with ``tsc --noEmit``, runs ``cdk synth`` (the aws-cdk CLI
pinned in the project's devDependencies) with context lookups disabled, no AWS credentials and a fixed account and
Region, and then checks the synthesised CloudFormation template against the LMI configuration and with cfn-lint.
``--strict`` makes any unacknowledged construct warning fail the synth.

Offline: ``LMI_WORKBENCH_SKIP_NPM=1`` skips these tests; otherwise a missing npm or registry fails them.
"""

from __future__ import annotations

import json
import os
import py_compile
import socket
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.iac import _npm_cache
from tests.iac.conftest import demo_workload
from workbench.iac import IacOptions, build_model, generate, write_files
from workbench.iac.cdk import CDK_LIB_VERSION
from workbench.models import LmiConfiguration, Workload
from workbench.starting_config import starting_configuration

ACCOUNT, REGION = "123456789012", "us-east-1"
STEP_TIMEOUT_S = 600
MANAGED_RESOURCE_OPERATOR = {"ec2:ManagedResourceOperator": "scaler.lambda.amazonaws.com"}

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Case:
    workload: Workload
    config: LmiConfiguration
    options: IacOptions


def _cases() -> dict[str, Case]:
    workload = demo_workload()
    config = starting_configuration(workload)
    # The demo as it is (x86_64, Auto scaling, existing subnets, local code), and a second shape that changes every
    # value the first leaves at a default: arm64, Manual scaling at 60% CPU, a vCPU ceiling, a maximum number of
    # execution environments, a new VPC, schedules, code in S3, alarm actions and an instance-type allow list.
    arm_workload = Workload.model_validate(workload.model_dump() | {"architecture": "arm64"})
    arm_config = LmiConfiguration.model_validate(config.model_dump() | {
        "architecture": "arm64", "max_vcpu_count": 64, "scaling_mode": "Manual", "target_cpu_utilization_pct": 60,
        "per_execution_environment_max_concurrency": 10, "memory_gib_per_vcpu": 4.0, "memory_mb": 4096,
        "max_execution_environments": 20, "provenance": {}})
    return {
        "existing-vpc": Case(workload, config, IacOptions()),
        "new-vpc-arm64-manual": Case(arm_workload, arm_config, IacOptions(
            create_vpc=True, scheduled_scaling=True, code_location="s3://my-artifacts/orders.zip",
            alarm_topic_arn="arn:aws:sns:us-east-1:123456789012:lmi-alarms",
            allowed_instance_types=("m7g.large", "c7g.*"), operator_policy="inline", keep_latest_published=True)),
    }


CASES = _cases()


def _packages(fmt: str) -> dict[str, str]:
    case = CASES["existing-vpc"]
    manifest = json.loads(generate(fmt, case.workload, case.config, case.options)["package.json"])
    return manifest["dependencies"] | manifest.get("devDependencies", {})


@pytest.fixture(scope="session")
def cdk_node_modules() -> Path:
    """One install for both apps: the JavaScript app's packages are a subset of the TypeScript app's."""
    _npm_cache.require_npm()
    ts, js = _packages("cdk-ts"), _packages("cdk-js")
    assert {name: ts.get(name) for name in js} == js, "the TypeScript and JavaScript apps pin different versions"
    try:
        return _npm_cache.install(ts)
    except _npm_cache.NpmProblem as exc:
        pytest.fail(str(exc), pytrace=False)


def _environment(tmp_path: Path) -> dict[str, str]:
    """No AWS credentials or profile from the machine: the synth must need none (no account lookups)."""
    empty = tmp_path / "aws-empty"
    empty.write_text("")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "CDK_"))}
    return env | {
        "CDK_DEFAULT_ACCOUNT": ACCOUNT, "CDK_DEFAULT_REGION": REGION, "AWS_REGION": REGION,
        "AWS_CONFIG_FILE": str(empty), "AWS_SHARED_CREDENTIALS_FILE": str(empty), "AWS_EC2_METADATA_DISABLED": "true",
        "CDK_HOME": str(tmp_path / "cdk-home"), "CDK_DISABLE_VERSION_CHECK": "1", "CDK_DISABLE_CLI_TELEMETRY": "true",
        "npm_config_update_notifier": "false",
    }


def _run(command: list[str], cwd: Path, env: dict[str, str], what: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False,
                            timeout=STEP_TIMEOUT_S)
    assert result.returncode == 0, f"{what} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


def _write_project(fmt: str, case: Case, project: Path) -> None:
    write_files(generate(fmt, case.workload, case.config, case.options), project)
    if not case.options.code_location.startswith("s3://"):
        # The function's build output, as the team's build would leave it (lambda.Code.fromAsset packages it).
        zip_path = project / case.options.code_location
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(zip_path, "w") as archive:
            archive.writestr("app.py", "def handler(event, context):\n    return {'ok': True}\n")


def synthesise(project: Path, node_modules: Path, env: dict[str, str], *, app: str | None = None) -> dict:
    """``tsc --noEmit`` (TypeScript apps), then ``cdk synth``; returns the one synthesised template."""
    _npm_cache.link_into(project, node_modules)
    bin_dir = project / "node_modules" / ".bin"  # what `npx tsc` / `npx cdk` run
    if (project / "tsconfig.json").exists():
        _run([str(bin_dir / "tsc"), "--noEmit", "-p", "."], project, env, "tsc --noEmit")
        env = env | {"TS_NODE_TRANSPILE_ONLY": "true"}  # types were just checked; ts-node need not do it again
    command = [str(bin_dir / "cdk"), "synth", "--no-lookups", "--strict", "--no-notices", "--quiet"]
    if app:
        command += ["--app", app]
    _run(command, project, env, "cdk synth")
    templates = sorted((project / "cdk.out").glob("*.template.json"))
    assert len(templates) == 1, templates
    manifest = json.loads((project / "cdk.out" / "manifest.json").read_text())
    environments = {a.get("environment") for a in manifest["artifacts"].values()
                    if a.get("type") == "aws:cloudformation:stack"}
    assert environments == {f"aws://{ACCOUNT}/{REGION}"}
    return json.loads(templates[0].read_text())


def _of_type(template: dict, kind: str) -> dict[str, dict]:
    return {key: r for key, r in template["Resources"].items() if r["Type"] == kind}


def _one(template: dict, kind: str) -> tuple[str, dict]:
    found = _of_type(template, kind)
    assert len(found) == 1, f"{kind}: {sorted(found)}"
    return next(iter(found.items()))


def _statements(role: dict) -> list[dict]:
    return [s for policy in role["Properties"].get("Policies", []) for s in policy["PolicyDocument"]["Statement"]]


def check_template(template: dict, case: Case) -> None:
    """The synthesised template carries the LMI configuration exactly."""
    config, options = case.config, case.options
    model = build_model(case.workload, config, options)

    cp_id, cp = _one(template, "AWS::Lambda::CapacityProvider")
    props = cp["Properties"]
    assert props["CapacityProviderName"] == model.capacity_provider.name
    assert props["InstanceRequirements"]["Architectures"] == [config.architecture.value]
    assert props["InstanceRequirements"].get("AllowedInstanceTypes", []) == list(options.allowed_instance_types or [])
    scaling = props["CapacityProviderScalingConfig"]
    assert scaling["MaxVCpuCount"] == config.max_vcpu_count
    assert scaling["ScalingMode"] == config.scaling_mode.value
    if config.target_cpu_utilization_pct is not None:
        assert scaling["ScalingPolicies"] == [{"PredefinedMetricType": "LambdaCapacityProviderAverageCPUUtilization",
                                               "TargetValue": config.target_cpu_utilization_pct}]
    else:
        assert "ScalingPolicies" not in scaling

    roles = _of_type(template, "AWS::IAM::Role")
    operator_id = props["PermissionsConfig"]["CapacityProviderOperatorRoleArn"]["Fn::GetAtt"][0]
    operator = roles[operator_id]
    assert operator["Properties"]["RoleName"] == model.operator_role.name
    trusted = {s["Principal"]["Service"] for s in operator["Properties"]["AssumeRolePolicyDocument"]["Statement"]}
    assert trusted == {"lambda.amazonaws.com"}
    managed = operator["Properties"].get("ManagedPolicyArns", [])
    if options.operator_policy == "managed":
        assert len(managed) == 1 and json.dumps(managed[0]).endswith(
            ':iam::aws:policy/AWSLambdaManagedEC2ResourceOperator"]]}')
        assert _statements(operator) == []
    else:
        assert managed == []
        conditioned = [s for s in _statements(operator)
                       if s.get("Condition", {}).get("StringEquals") == MANAGED_RESOURCE_OPERATOR]
        assert {a for s in conditioned for a in s["Action"]} == {"ec2:RunInstances", "ec2:CreateTags",
                                                                 "ec2:AttachNetworkInterface"}
        assert "ec2:CreateNetworkInterface" in {a for s in _statements(operator) for a in s["Action"]}

    fn_id, fn = _one(template, "AWS::Lambda::Function")
    fprops = fn["Properties"]
    lmi = fprops["CapacityProviderConfig"]["LambdaManagedInstancesCapacityProviderConfig"]
    assert lmi == {"CapacityProviderArn": {"Fn::GetAtt": [cp_id, "Arn"]},
                   "PerExecutionEnvironmentMaxConcurrency": config.per_execution_environment_max_concurrency,
                   "ExecutionEnvironmentMemoryGiBPerVCpu": config.memory_gib_per_vcpu}
    assert fprops["Architectures"] == [config.architecture.value]
    assert fprops["MemorySize"] == config.memory_mb
    assert fprops["FunctionName"] == model.function.name
    assert fprops["Runtime"] == model.function.runtime
    execution_id = fprops["Role"]["Fn::GetAtt"][0]
    assert roles[execution_id]["Properties"]["RoleName"] == model.execution_role.name
    if options.code_location.startswith("s3://"):
        assert fprops["Code"] == {"S3Bucket": "my-artifacts", "S3Key": "orders.zip"}
    else:
        assert fprops["Code"]["S3Bucket"] == f"cdk-hnb659fds-assets-{ACCOUNT}-{REGION}"  # the packaged asset

    expected_scaling = {"MinExecutionEnvironments": config.min_execution_environments}
    if config.max_execution_environments is not None:
        expected_scaling["MaxExecutionEnvironments"] = config.max_execution_environments
    # One published version unless asked: addFunction would publish $LATEST.PUBLISHED too (its own minimum EEs).
    assert fprops["PublishToLatestPublished"] is options.keep_latest_published
    if options.keep_latest_published:
        assert fprops["FunctionScalingConfig"] == expected_scaling
    else:
        assert "FunctionScalingConfig" not in fprops
    version_id, version = _one(template, "AWS::Lambda::Version")
    assert version["Properties"]["FunctionName"] == {"Ref": fn_id}
    assert version["Properties"]["FunctionScalingConfig"] == expected_scaling
    _, alias = _one(template, "AWS::Lambda::Alias")
    assert alias["Properties"]["Name"] == options.alias_name
    assert alias["Properties"]["FunctionVersion"] == {"Fn::GetAtt": [version_id, "Version"]}

    alarms = sorted(_of_type(template, "AWS::CloudWatch::Alarm").values(), key=lambda a: a["Properties"]["Threshold"])
    assert [a["Properties"]["Threshold"] for a in alarms] == [options.throttle_rate_alarm_pct, options.cpu_alarm_pct]
    throttle, cpu = (a["Properties"] for a in alarms)
    assert {m["Id"] for m in throttle["Metrics"]} == {"expr_1", "throttles", "invocations"}
    assert cpu["MetricName"] == "ExecutionEnvironmentCPUUtilization"
    assert {d["Name"] for d in cpu["Dimensions"]} == {"CapacityProviderName", "FunctionName", "Resource"}
    for alarm in (throttle, cpu):
        assert alarm.get("AlarmActions", []) == ([options.alarm_topic_arn] if options.alarm_topic_arn else [])

    vpc = props["VpcConfig"]
    if options.create_vpc:
        subnets = _of_type(template, "AWS::EC2::Subnet")
        private = [subnets[ref["Ref"]] for ref in vpc["SubnetIds"]]
        assert [s["Properties"]["AvailabilityZone"]["Fn::Select"][0] for s in private] == [0, 1, 2]
        (_, group), = _of_type(template, "AWS::EC2::SecurityGroup").items()
        assert "SecurityGroupIngress" not in group["Properties"]
        assert [(r["FromPort"], r["ToPort"]) for r in group["Properties"]["SecurityGroupEgress"]] == [(443, 443)]
    else:
        assert vpc == {"SubnetIds": list(model.network.subnet_ids),
                       "SecurityGroupIds": list(model.network.security_group_ids)}

    schedules = _of_type(template, "AWS::Scheduler::Schedule")
    assert len(schedules) == (2 if options.scheduled_scaling else 0)
    for schedule in schedules.values():
        assert schedule["Properties"]["Target"]["Arn"] == "arn:aws:scheduler:::aws-sdk:lambda:putFunctionScalingConfig"


def cfn_lint_findings(path: Path) -> list[dict]:
    code = "import sys; from cfnlint.runner import main; sys.exit(main())"
    result = subprocess.run([sys.executable, "-c", code, "--format", "json", "--", str(path)], check=False,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 2, 4, 6, 8, 10, 12, 14), result.stderr  # a bit mask; anything else is a crash
    return json.loads(result.stdout or "[]")


def check_cfn_lint(project: Path, template: dict) -> None:
    """No errors; the only warning allowed is W3005 for the DependsOn aws-cdk-lib itself puts on the function."""
    path = next((project / "cdk.out").glob("*.template.json"))
    fn_id, _ = _one(template, "AWS::Lambda::Function")
    unexpected = [f"{f['Rule']['Id']} {'/'.join(map(str, f['Location']['Path']))}: {f['Message']}"
                  for f in cfn_lint_findings(path)
                  if not (f["Rule"]["Id"] == "W3005" and f["Location"]["Path"][:3] == ["Resources", fn_id, "DependsOn"])]
    assert unexpected == []


@pytest.mark.parametrize("fmt", ["cdk-ts", "cdk-js"])
@pytest.mark.parametrize("case_name", sorted(CASES))
def test_cdk_app_synthesises_the_lmi_configuration(fmt, case_name, cdk_node_modules, tmp_path):
    case = CASES[case_name]
    project = tmp_path / "app"
    _write_project(fmt, case, project)
    template = synthesise(project, cdk_node_modules, _environment(tmp_path))
    check_template(template, case)
    check_cfn_lint(project, template)

    # The check is not vacuous: the same template with the concurrency one higher fails it.
    changed = json.loads(json.dumps(template))
    _, fn = _one(changed, "AWS::Lambda::Function")
    fn["Properties"]["CapacityProviderConfig"]["LambdaManagedInstancesCapacityProviderConfig"][
        "PerExecutionEnvironmentMaxConcurrency"] += 1
    with pytest.raises(AssertionError):
        check_template(changed, case)


def test_the_cache_holds_the_pinned_aws_cdk_lib(cdk_node_modules):
    """The install really is aws-cdk-lib >= 2.231.0 (the first with CapacityProvider), at the version pinned."""
    assert _npm_cache.installed_versions(cdk_node_modules, ["aws-cdk-lib"]) == {"aws-cdk-lib": CDK_LIB_VERSION}
    assert tuple(map(int, CDK_LIB_VERSION.split("."))) >= (2, 231, 0)
    assert (cdk_node_modules / "aws-cdk-lib" / "aws-lambda" / "lib" / "capacity-provider.d.ts").is_file()


def test_the_synth_harness_rejects_an_app_that_does_not_type_check(cdk_node_modules, tmp_path):
    """Guards the build step above: a type error in the stack fails ``tsc --noEmit``, with tsc's message."""
    case = CASES["existing-vpc"]
    project = tmp_path / "broken"
    _write_project("cdk-ts", case, project)
    stack = project / "lib" / "stack.ts"
    stack.write_text(stack.read_text().replace("super(scope, id, props);",
                                               "super(scope, id, props);\n    const vcpus: number = 'many';"))
    with pytest.raises(AssertionError, match=r"tsc --noEmit failed(.|\n)*TS2322"):
        synthesise(project, cdk_node_modules, _environment(tmp_path))
    assert not (project / "cdk.out").exists()


def test_the_cache_refuses_version_ranges(tmp_path):
    """A range would make the cache (and the generated project) resolve differently from day to day."""
    with pytest.raises(ValueError, match=r"aws-cdk-lib@\^2\.231\.0"):
        _npm_cache.install({"aws-cdk-lib": "^2.231.0"}, root=tmp_path)
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("case_name", sorted(CASES))
def test_cdk_python_app_compiles(case_name, tmp_path):
    case = CASES[case_name]
    files = generate("cdk-py", case.workload, case.config, case.options)
    for name in ("app.py", "stack.py"):
        path = tmp_path / name
        path.write_text(files[name])
        py_compile.compile(str(path), doraise=True)


CDK_PYTHON_VARIABLE = "LMI_WORKBENCH_CDK_PYTHON"


@pytest.mark.skipif(not os.environ.get(CDK_PYTHON_VARIABLE), reason=(
    f"aws-cdk-lib for Python is ~450 MB with its dependencies, too heavy for every CI run; set {CDK_PYTHON_VARIABLE} "
    "to a Python interpreter that has aws-cdk-lib (>= 2.231.0) and constructs installed to synthesise the Python app"))
@pytest.mark.parametrize("case_name", sorted(CASES))
def test_cdk_python_app_synthesises_the_lmi_configuration(case_name, cdk_node_modules, tmp_path):
    case = CASES[case_name]
    project = tmp_path / "app"
    _write_project("cdk-py", case, project)
    python = os.environ[CDK_PYTHON_VARIABLE]
    template = synthesise(project, cdk_node_modules, _environment(tmp_path), app=f"{python} app.py")
    check_template(template, case)
    check_cfn_lint(project, template)


def test_an_unreachable_registry_fails_with_the_reason_and_leaves_no_cache(monkeypatch, tmp_path):
    """CI must not pass silently without the registry: the install says what failed and how to opt out."""
    _, npm = _npm_cache.require_npm()
    with socket.socket() as probe:  # a local port nobody listens on: connections are refused at once
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("npm_config_registry", f"http://127.0.0.1:{port}/")
    monkeypatch.setenv("npm_config_cache", str(tmp_path / "npm-cache"))  # nothing cached: npm has to ask
    monkeypatch.setenv("npm_config_fetch_retries", "0")
    with pytest.raises(_npm_cache.NpmProblem, match=r"(?s)npm install. failed.*registry.*LMI_WORKBENCH_SKIP_NPM=1"):
        _npm_cache.install({"constructs": "10.8.1"}, npm=npm, root=tmp_path / "cache")
    lock = f"{_npm_cache.dependency_key({'constructs': '10.8.1'})}.lock"
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [lock]  # no partial install left behind


def test_skipping_needs_the_explicit_opt_out(monkeypatch):
    monkeypatch.setenv(_npm_cache.SKIP_VARIABLE, "1")
    with pytest.raises(pytest.skip.Exception, match="LMI_WORKBENCH_SKIP_NPM=1"):
        _npm_cache.require_npm()
    monkeypatch.setenv(_npm_cache.SKIP_VARIABLE, "0")
    monkeypatch.setenv("PATH", "")  # no node, no npm: a failure that says so, not a skip
    with pytest.raises(pytest.fail.Exception, match="is not on PATH"):
        _npm_cache.require_npm()
