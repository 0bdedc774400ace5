"""LMI501: unsupported runtimes in SAM, CloudFormation (YAML and JSON), Serverless Framework and CDK apps."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from workbench import lmi_facts
from workbench.readiness.definitions import ANALYZER, cdk_runtime
from workbench.readiness.model import (
    Language,
    ParseFailure,
    ScanContext,
    SourceFile,
    rules,
)


def analyze(text: str, rel: str = "template.yaml", root: Path = Path("/project")):
    source = SourceFile(path=root / rel, rel=rel, text=text,
                        sha256=hashlib.sha256(text.encode()).hexdigest(), language=Language.TEMPLATE)
    return ANALYZER.analyze(source, ScanContext(root=root))


SAM = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  LegacyRuntime:
    Type: String
    Default: go1.x
Globals:
  Function:
    Runtime: ruby3.3
    Timeout: 10
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.13
      CodeUri: !Sub "src/${AWS::StackName}"
  Report:
    Type: AWS::Serverless::Function
    Properties:
      Handler: report.handler
  Legacy:
    Type: AWS::Serverless::Function
    Properties:
      Handler: bootstrap
      Runtime: !Ref LegacyRuntime
  Container:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
      ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/x:latest
  Custom:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: provided.al2023
      Handler: bootstrap
  Bucket:
    Type: AWS::S3::Bucket
"""


def test_the_rule_is_registered():
    rule = rules()["LMI501"]
    assert rule.severity == "error" and rule.rationale["config"]


def test_sam_template_runtimes_own_inherited_and_by_parameter():
    hits = analyze(SAM)
    assert [(h.line, h.context) for h in hits] == [(26, "Legacy"), (9, "Globals"), (35, "Custom")]
    legacy, globals_, custom = hits
    assert "does not yet support Go (go1.x) (go1.x)" not in legacy.message
    assert legacy.message.startswith("Lambda Managed Instances does not yet support Go (go1.x)")
    assert "parameter LegacyRuntime" in legacy.message
    for name in lmi_facts.supported_runtime_names():
        assert name in legacy.message
    assert "standard Lambda" in legacy.message
    assert "supports for Rust only" in custom.message and "no Cargo.toml was found" in custom.message
    assert custom.severity == "warning"
    assert "used by Report" in globals_.message and "Api" not in globals_.message
    assert (globals_.column, globals_.end_column) == (14, 21)
    assert all(h.runtime == "config" and h.code == "LMI501" for h in hits)


def test_supported_runtimes_are_quiet():
    text = SAM.replace("ruby3.3", "nodejs22.x").replace("go1.x", "java21").replace("provided.al2023", "dotnet8")
    assert analyze(text) == []


def test_cloudformation_json():
    doc = {"AWSTemplateFormatVersion": "2010-09-09", "Resources": {
        "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "ruby3.2", "Handler": "a.b"}},
        "Ok": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "nodejs22.x", "Handler": "a.b"}},
        "Ref": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": {"Ref": "Rt"}, "Handler": "a.b"}}},
        "Parameters": {"Rt": {"Type": "String", "Default": "go1.x"}}}
    text = json.dumps(doc, indent="\t")
    hits = analyze(text, "stack.template.json")
    assert [h.context for h in hits] == ["Fn", "Ref"]
    assert text.split("\n")[hits[0].line - 1].strip().startswith('"Runtime": "ruby3.2"')


def test_templates_of_test_code_are_not_reported():
    # An expected-output snapshot a CDK unit test compares against (heldout2: aws-cdk-examples,
    # src/test/resources/.../VpcStackExpected.json holds CDK's own custom-resource provider): test code, like the
    # CDK stacks of test harnesses. The same template outside a test folder is reported.
    doc = {"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "nodejs18.x"}}}}
    text = json.dumps(doc, indent=2)
    assert analyze(text, "src/test/resources/com/example/VpcStackExpected.json") == []
    assert analyze(text, "tests/snapshots/stack.template.json") == []
    assert [h.context for h in analyze(text, "cdk.out/VpcStack.template.json")] == ["Fn"]


def test_serverless_framework():
    text = """\
service: orders
provider:
  name: aws
  runtime: ruby3.3
functions:
  api:
    handler: handler.api
    runtime: nodejs22.x
  worker:
    handler: handler.worker
  legacy:
    handler: bin/legacy
    runtime: go1.x
  image:
    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/x:latest
"""
    hits = analyze(text, "serverless.yml")
    assert [(h.line, h.context) for h in hits] == [(13, "legacy"), (4, "provider")]
    assert "used by worker" in hits[1].message and "api" not in hits[1].message
    assert analyze(text.replace("ruby3.3", "python3.13").replace("go1.x", "java21"), "serverless.yml") == []


def test_variables_and_intrinsics_that_cannot_be_resolved_are_left_alone():
    text = ("service: x\nprovider:\n  runtime: ${self:custom.runtime}\nfunctions:\n  a:\n    handler: h.a\n")
    assert analyze(text, "serverless.yml") == []
    cfn = ("Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n"
           "      Runtime: !If [IsProd, ruby3.3, nodejs22.x]\n")
    assert analyze(cfn) == []


def test_other_yaml_files_are_not_templates():
    assert analyze("name: build\non: [push]\njobs: {}\n", ".github/workflows/ci.yml") == []
    assert analyze("{{ if .Values.x }}\nkind: Deployment\n{{ end }}\n", "chart/templates/deploy.yaml") == []


def test_a_broken_template_is_a_parse_failure_with_its_line():
    with pytest.raises(ParseFailure) as caught:
        analyze("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn: [unclosed\n  Other: 1\n")
    assert caught.value.line is not None and caught.value.line >= 3


@pytest.mark.parametrize("constant, runtime", [
    ("NODEJS_22_X", "nodejs22.x"), ("PYTHON_3_12", "python3.12"), ("JAVA_21", "java21"), ("DOTNET_8", "dotnet8"),
    ("DOTNET_CORE_3_1", "dotnetcore3.1"), ("RUBY_3_3", "ruby3.3"), ("GO_1_X", "go1.x"),
    ("PROVIDED_AL2023", "provided.al2023"), ("PROVIDED", "provided"), ("FROM_IMAGE", None), ("ALL", None),
])
def test_cdk_runtime_constants(constant, runtime):
    assert cdk_runtime(constant) == runtime


@pytest.mark.parametrize("rel, text", [
    ("lib/stack.ts", 'import * as lambda from "aws-cdk-lib/aws-lambda";\n'
                     "new lambda.Function(this, 'F', { runtime: lambda.Runtime.RUBY_3_3 });\n"
                     "// lambda.Runtime.GO_1_X\nnew lambda.Function(this, 'G', { runtime: lambda.Runtime.NODEJS_22_X });\n"),
    ("app.py", "import aws_cdk.aws_lambda as _lambda\n# _lambda.Runtime.GO_1_X\n"
               "_lambda.Function(self, 'F', runtime=_lambda.Runtime.RUBY_3_3)\n"),
    ("src/Stack.java", "import software.amazon.awscdk.services.lambda.*;\n/* Runtime.GO_1_X */\n"
                       "Function.Builder.create(this, \"F\").runtime(Runtime.RUBY_3_3).build();\n"),
    ("src/Stack.cs", "using Amazon.CDK.AWS.Lambda;\nnew Function(this, \"F\", new FunctionProps { Runtime = "
                     "Runtime.RUBY_3_3 }); // Runtime.GO_1_X\n"),
])
def test_cdk_apps_in_each_language(rel, text):
    hits = analyze(text, rel)
    assert len(hits) == 1 and "ruby3.3 (Ruby)" in hits[0].message
    assert "function F (Runtime.RUBY_3_3)" in hits[0].message
    line = text.split("\n")[hits[0].line - 1]
    assert line[hits[0].column - 1:hits[0].end_column - 1] == "Runtime.RUBY_3_3"


def test_cdk_function_names_come_from_function_constructs_only():
    # heldout4 (java-incremental): the runtime sits in a props helper every function uses, and the construct id
    # nearest above it is a CfnOutput's ("ApiEndpoint"), which is no function
    text = ("import software.amazon.awscdk.services.lambda.*;\nimport software.amazon.awscdk.CfnOutput;\n"
            "class Stack {\n  Stack() {\n    new Function(this, \"Baseline\", props().handler(\"H\").build());\n"
            "    new CfnOutput(this, \"ApiEndpoint\", CfnOutputProps.builder().value(\"x\").build());\n  }\n"
            "  FunctionProps.Builder props() {\n    return FunctionProps.builder().runtime(Runtime.JAVA_11);\n  }\n}\n")
    hits = analyze(text, "infra/src/main/java/Stack.java")
    assert len(hits) == 1 and "ApiEndpoint" not in hits[0].message
    assert "the function defined with Runtime.JAVA_11" in hits[0].message


def test_code_that_is_not_a_cdk_app_is_ignored():
    assert analyze("const Runtime = { RUBY_3_3: 1 };\nconsole.log(Runtime.RUBY_3_3);\n", "x.ts") == []


# --- runtime versions (lmi_facts.RUNTIME_SUPPORT) -------------------------------------------------------------------
OLD_VERSIONS = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Py:
    Type: AWS::Lambda::Function
    Properties: {Runtime: python3.12, Handler: app.handler}
  Node:
    Type: AWS::Lambda::Function
    Properties: {Runtime: nodejs20.x, Handler: index.handler}
  Java:
    Type: AWS::Lambda::Function
    Properties: {Runtime: java17, Handler: a.B::handle}
  Net:
    Type: AWS::Lambda::Function
    Properties: {Runtime: dotnet6, Handler: A::B::C}
  Ok:
    Type: AWS::Lambda::Function
    Properties: {Runtime: python3.13, Handler: app.handler}
"""


def test_an_older_version_is_reported_with_its_version_and_the_upgrade():
    hits = analyze(OLD_VERSIONS)
    assert [h.context for h in hits] == ["Py", "Node", "Java", "Net"]
    for hit, named, upgrade in zip(hits, ["python3.12 (Python 3.12)", "nodejs20.x (Node.js 20)", "java17 (Java 17)",
                                          "dotnet6 (.NET 6)"], ["python3.13", "nodejs22.x", "java21", "dotnet8"]):
        assert hit.message.startswith(f"Lambda Managed Instances does not yet support {named}")
        assert f"Upgrade the function to {upgrade} first" in hit.message and "standard Lambda" in hit.message
        assert "Java 21+, Python 3.13+, Node.js 22+, .NET 8+, Rust on provided.al2023" in hit.message


def test_serverless_versions_are_reported_and_other_clouds_are_not():
    aws = "service: s\nprovider:\n  name: aws\n  runtime: python3.12\nfunctions:\n  a:\n    handler: h.a\n"
    [hit] = analyze(aws, "serverless.yml")
    assert "python3.12 (Python 3.12)" in hit.message and "python3.13" in hit.message
    assert analyze(aws.replace("python3.12", "python3.13"), "serverless.yml") == []
    for cloud in ("aliyun", "openwhisk", "azure", "google"):
        assert analyze(aws.replace("name: aws", f"name: {cloud}").replace("python3.12", "nodejs8"),
                       "serverless.yml") == []
    short = "service: s\nprovider: openwhisk\nfunctions:\n  a:\n    handler: h.a\n    runtime: ruby2.5\n"
    assert analyze(short, "serverless.yml") == []


def test_cdk_versions_are_reported_with_the_upgrade():
    text = ('import * as lambda from "aws-cdk-lib/aws-lambda";\n'
            "new lambda.Function(this, 'F', { runtime: lambda.Runtime.PYTHON_3_12 });\n"
            "new lambda.Function(this, 'G', { runtime: lambda.Runtime.PYTHON_3_13 });\n")
    [hit] = analyze(text, "lib/stack.ts")
    assert "python3.12 (Python 3.12)" in hit.message and "Upgrade the function to python3.13" in hit.message


RUST_SAM = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Rusty:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: rust_app/
      Handler: bootstrap
      Runtime: provided.al2023
  Old:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: rust_app/
      Handler: bootstrap
      Runtime: provided.al2
"""


def test_provided_al2023_with_a_cargo_toml_is_supported(tmp_path):
    (tmp_path / "infra" / "rust_app").mkdir(parents=True)
    hits = analyze(RUST_SAM, "infra/template.yaml", root=tmp_path)
    assert [h.context for h in hits] == ["Old", "Rusty"]
    assert "infra/rust_app/" in hits[1].message
    (tmp_path / "infra" / "rust_app" / "Cargo.toml").write_text("[package]\nname = 'x'\n")
    [old] = analyze(RUST_SAM, "infra/template.yaml", root=tmp_path)
    assert old.context == "Old" and "provided.al2023" in old.message


def test_provided_al2023_built_with_cargo_lambda_is_supported():
    text = RUST_SAM.replace("      Runtime: provided.al2023\n",
                            "      Runtime: provided.al2023\n    Metadata:\n      BuildMethod: rust-cargolambda\n")
    assert [h.context for h in analyze(text)] == ["Old"]
    cdk = ('import { RustFunction } from "cargo-lambda-cdk";\nimport * as lambda from "aws-cdk-lib/aws-lambda";\n'
           "new RustFunction(this, 'R', { runtime: lambda.Runtime.PROVIDED_AL2023 });\n")
    assert analyze(cdk, "lib/stack.ts") == []
    plain = cdk.replace("RustFunction", "Function").replace("cargo-lambda-cdk", "x")
    [hit] = analyze(plain, "lib/stack.ts")
    assert hit.severity == "warning" and "Rust only" in hit.message


# --- CDK: only a runtime given to a function (issue 12: sampled false positives) ----------------------------------
JAVA_CDK = "import software.amazon.awscdk.services.lambda.*;\n"
CS_CDK = "using Amazon.CDK.AWS.Lambda;\n"


@pytest.mark.parametrize("rel, text", [
    # the Docker image that builds the code, not the function's runtime
    ("infra/src/main/java/cdk/CdkStack.java",
     JAVA_CDK + "BundlingOptions.builder().image(Runtime.JAVA_11.getBundlingImage()).build();\n"),
    ("lib/stack.ts", 'import * as lambda from "aws-cdk-lib/aws-lambda";\n'
                     "const image = lambda.Runtime.NODEJS_18_X.bundlingImage;\n"),
    # a comparison choosing something else
    ("infra/FunctionConstruct.cs", CS_CDK + 'var framework = props.Runtime == Runtime.DOTNET_6 ? "net6.0" : "net8.0";\n'),
    ("lib/stack.ts", 'import * as lambda from "aws-cdk-lib/aws-lambda";\n'
                     "if (props.runtime === lambda.Runtime.NODEJS_18_X) { flags.push('x'); }\n"),
    # an enum of runtimes (a table, no function), a layer's compatible runtimes
    ("infra/src/main/java/cdk/JavaRuntime.java",
     JAVA_CDK + "public enum JavaRuntime {\n    JAVA11(\"java11\", Runtime.JAVA_11, \"11\"),\n"
                "    JAVA21(\"java21\", Runtime.JAVA_21, \"21\");\n}\n"),
    ("lib/stack.ts", 'import * as lambda from "aws-cdk-lib/aws-lambda";\n'
                     "new lambda.LayerVersion(this, 'L', { compatibleRuntimes: [lambda.Runtime.NODEJS_18_X] });\n"),
])
def test_cdk_runtime_constants_that_are_not_a_functions_runtime_are_not_reported(rel, text):
    assert analyze(text, rel) == []


@pytest.mark.parametrize("rel", [
    "libraries/tests/e2e/infra/CoreStack.cs",
    "powertools-e2e-tests/src/test/java/software/amazon/lambda/powertools/testutils/Infrastructure.java",
    "test/stack.test.ts",
])
def test_cdk_stacks_of_test_code_are_not_reported(rel):
    text = {".cs": CS_CDK + 'CreateFunctionConstruct(this, "F_net6", Runtime.DOTNET_6, Architecture.X86_64);\n',
            ".java": JAVA_CDK + "Function.Builder.create(this, \"F\").runtime(Runtime.JAVA_11).build();\n",
            ".ts": 'import * as lambda from "aws-cdk-lib/aws-lambda";\n'
                   "new lambda.Function(this, 'F', { runtime: lambda.Runtime.NODEJS_18_X });\n"}[Path(rel).suffix]
    assert analyze(text, rel) == []
    assert len(analyze(text, "infra/" + Path(rel).name.replace(".test", ""))) == 1   # the same outside tests


@pytest.mark.parametrize("rel, text", [
    # a positional argument of a helper that creates a function construct
    ("infra/CoreStack.cs", CS_CDK + 'CreateFunctionConstruct(this, "F_net6", Runtime.DOTNET_6, Architecture.X86_64);\n'),
    # a conditional runtime argument
    ("infra/src/main/java/Infra.java",
     JAVA_CDK + "Function.Builder.create(this, \"F\")\n    .runtime(native ? Runtime.PROVIDED_AL2023 : Runtime.JAVA_11)\n"
                "    .build();\n"),
    # a runtime kept in a variable the function construct reads
    ("app.py", "import aws_cdk.aws_lambda as _lambda\nRUNTIME = _lambda.Runtime.PYTHON_3_9\n"
               "_lambda.Function(self, 'F', runtime=RUNTIME)\n"),
    ("lib/stack.ts", 'import * as lambda from "aws-cdk-lib/aws-lambda";\n'
                     "new lambda.Function(this, 'F', { runtime: props.runtime ?? lambda.Runtime.NODEJS_18_X });\n"),
])
def test_cdk_runtime_given_to_a_function_in_other_shapes_is_reported(rel, text):
    hits = analyze(text, rel)
    assert len(hits) >= 1 and all(h.code == "LMI501" for h in hits)


def test_a_scan_reports_the_runtimes_of_a_cdk_app_written_in_python(tmp_path):
    """A scan reads a .py file with the Python analyzer, which must report a Python CDK app's runtimes like the
    tree-sitter front-ends do for TypeScript, Java and C# (heldout5: sdlf's stacks give 18 functions
    Runtime.PYTHON_3_12 and none was reported; no .py LMI501 in any earlier set either). A CDK stack among the
    tests is still test code."""
    from tests.readiness._pyhelp import project

    stack = ("from aws_cdk import aws_lambda as _lambda\n\n\n"
             "def build(self):\n"
             "    return _lambda.Function(self, 'Routing', runtime=_lambda.Runtime.PYTHON_3_12,\n"
             "                            handler='lambda_function.lambda_handler',\n"
             "                            code=_lambda.Code.from_asset('src'))\n")
    result = project(tmp_path, {"infra/stack.py": stack, "tests/test_stack.py": stack,
                                "src/lambda_function.py": "def lambda_handler(event, context):\n    return 1\n"})
    [hit] = [f for f in result.findings if f.rule == "LMI501"]
    assert (hit.path, hit.line) == ("infra/stack.py", 5)
    assert "python3.12" in hit.message and "function Routing" in hit.message


def test_a_runtime_kept_in_a_variable_is_not_named_after_the_construct_before_it():
    """The finding names the construct whose arguments hold the runtime; a runtime assigned to a variable after
    another construct's call has closed (an IAM role) is not that construct's (tuning set: Powertools' layer canary
    was reported as "function LambdaExecutionRole")."""
    text = ("from aws_cdk.aws_iam import Role, ServicePrincipal\n"
            "from aws_cdk.aws_lambda import Function, Runtime\n"
            "role = Role(self, 'LambdaExecutionRole', assumed_by=ServicePrincipal('lambda.amazonaws.com'))\n"
            "runtime = Runtime.PYTHON_3_9\n"
            "Function(self, 'Canary', runtime=runtime, handler='app.on_event')\n"
            "Function(self, 'Other', code=code,\n    runtime=Runtime.PYTHON_3_10)\n")
    hits = analyze(text, "stack.py")
    assert [h.line for h in hits] == [4, 7]
    assert "LambdaExecutionRole" not in hits[0].message and "the function defined with Runtime.PYTHON_3_9" in hits[0].message
    assert "function Other (Runtime.PYTHON_3_10)" in hits[1].message


@pytest.mark.parametrize("rel, text, line", [
    # an L1 construct takes the runtime as a string, here kept in a constant (heldout5: ecommerce-platform's
    # payment-3p stack gives five sam.CfnFunction FUNCTION_RUNTIME = "nodejs12.x"; none was reported)
    ("lib/stack.ts", 'import * as sam from "@aws-cdk/aws-sam";\nconst FUNCTION_RUNTIME = "nodejs12.x";\n'
                     'new sam.CfnFunction(this, "Check", { codeUri: "src/check/", runtime: FUNCTION_RUNTIME });\n', 2),
    ("stack.py", "from aws_cdk import aws_lambda as _lambda\n"
                 "_lambda.CfnFunction(self, 'F', runtime='python3.9', handler='app.handler', code=code)\n", 2),
])
def test_a_runtime_given_as_a_string_to_a_cdk_function_is_reported(rel, text, line):
    [hit] = analyze(text, rel)
    assert hit.code == "LMI501" and hit.line == line


def test_runtime_strings_that_are_no_functions_runtime_are_not_reported():
    text = ('import * as lambda from "aws-cdk-lib/aws-lambda";\n'
            'new lambda.LayerVersion(this, "L", { compatibleRuntimes: ["python3.9"].map(r => new lambda.Runtime(r)) });\n'
            'const label = "nodejs12.x";\nconsole.log(label === "python3.9");\n')
    assert analyze(text, "lib/stack.ts") == []


# --- CDK: Runtime.NODEJS_LATEST is what the app's aws-cdk-lib version makes it (workbench.readiness.cdk_versions) ---
# aws-cdk-lib's own packages/aws-cdk-lib/aws-lambda/lib/runtime.ts, as published on npm (aws-lambda/lib/runtime.js):
# no NODEJS_LATEST in 2.92.0; nodejs18.x in 2.93.0-2.210.0; nodejs22.x in 2.211.0-2.258.0; nodejs24.x from 2.259.0.
LATEST_TS = ('import * as lambda from "aws-cdk-lib/aws-lambda";\n'
             "new lambda.Function(this, 'Api', { runtime: lambda.Runtime.NODEJS_LATEST });\n")


def _lock(version: str) -> str:
    return json.dumps({"name": "infra", "lockfileVersion": 3, "packages": {
        "": {"dependencies": {"aws-cdk-lib": "^2.0.0"}},
        "node_modules/aws-cdk-lib": {"version": version}}})


def test_nodejs_latest_is_not_a_runtime_name_of_its_own():
    assert cdk_runtime("NODEJS_LATEST") is None


@pytest.mark.parametrize("version, runtime", [("2.93.0", "nodejs18.x"), ("2.150.1", "nodejs18.x"),
                                              ("2.210.0", "nodejs18.x")])
def test_nodejs_latest_of_an_older_aws_cdk_lib_is_reported_as_the_runtime_it_synthesizes(tmp_path, version, runtime):
    (tmp_path / "infra" / "lib").mkdir(parents=True)
    (tmp_path / "infra" / "package-lock.json").write_text(_lock(version))
    [hit] = analyze(LATEST_TS, "infra/lib/stack.ts", root=tmp_path)
    assert "nodejslatest" not in hit.message and hit.severity is None
    assert hit.message.startswith(f"Lambda Managed Instances does not yet support {runtime} (Node.js 18)")
    assert f"aws-cdk-lib {version} (infra/package-lock.json)" in hit.message
    assert "2.211.0" in hit.message and "Runtime.NODEJS_22_X" in hit.message
    line = LATEST_TS.split("\n")[hit.line - 1]
    assert line[hit.column - 1:hit.end_column - 1] == "Runtime.NODEJS_LATEST"


@pytest.mark.parametrize("version", ["2.211.0", "2.258.0", "2.259.0", "2.300.0"])
def test_nodejs_latest_of_a_newer_aws_cdk_lib_is_supported(tmp_path, version):
    (tmp_path / "package-lock.json").write_text(_lock(version))
    assert analyze(LATEST_TS, "lib/stack.ts", root=tmp_path) == []


def test_nodejs_latest_without_a_known_version_says_so_and_names_no_runtime(tmp_path):
    [hit] = analyze(LATEST_TS, "lib/stack.ts", root=tmp_path)
    assert hit.severity == "warning"
    assert "does not yet support" not in hit.message and "nodejslatest" not in hit.message
    assert "aws-cdk-lib version" in hit.message and "not found" in hit.message
    assert "nodejs18.x" in hit.message and "2.211.0" in hit.message and "nodejs22.x" in hit.message


@pytest.mark.parametrize("spec, reported", [
    ("2.100.0", True),      # exact
    ("~2.150.0", True),     # 2.150.x only
    ("<2.200.0", True),     # the newest below 2.200.0
    ("^2.100.0", False),    # a fresh install takes the newest 2.x: 2.211.0 or later
    (">=2.0.0", False),
    ("^2.220.0", False),
])
def test_nodejs_latest_with_a_declared_range_and_no_lock_file(tmp_path, spec, reported):
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"aws-cdk-lib": spec}}))
    hits = analyze(LATEST_TS, "lib/stack.ts", root=tmp_path)
    assert [h.severity for h in hits] == ([None] if reported else [])
    if reported:
        assert f"aws-cdk-lib {spec} (package.json)" in hits[0].message


def test_nodejs_latest_the_installed_and_locked_versions_win_over_the_declared_range(tmp_path):
    (tmp_path / "package.json").write_text(json.dumps({"devDependencies": {"aws-cdk-lib": "^2.100.0"}}))
    (tmp_path / "yarn.lock").write_text('"aws-cdk-lib@^2.100.0":\n  version "2.120.0"\n  resolved "x"\n')
    [hit] = analyze(LATEST_TS, "lib/stack.ts", root=tmp_path)
    assert "aws-cdk-lib 2.120.0 (yarn.lock)" in hit.message
    installed = tmp_path / "node_modules" / "aws-cdk-lib"
    installed.mkdir(parents=True)
    (installed / "package.json").write_text(json.dumps({"name": "aws-cdk-lib", "version": "2.215.0"}))
    assert analyze(LATEST_TS, "lib/stack.ts", root=tmp_path) == []


def test_nodejs_latest_mixed_versions_in_a_lock_file_are_a_warning_naming_both(tmp_path):
    (tmp_path / "pnpm-lock.yaml").write_text("lockfileVersion: '9.0'\npackages:\n  aws-cdk-lib@2.150.0:\n"
                                             "    resolution: {integrity: x}\n  aws-cdk-lib@2.220.0:\n"
                                             "    resolution: {integrity: y}\n")
    [hit] = analyze(LATEST_TS, "lib/stack.ts", root=tmp_path)
    assert hit.severity == "warning" and "2.150.0" in hit.message and "2.220.0" in hit.message
    assert "does not yet support" not in hit.message


@pytest.mark.parametrize("rel, text, manifest, content", [
    ("app.py", "import aws_cdk.aws_lambda as _lambda\n_lambda.Function(self, 'Api', runtime=_lambda.Runtime.NODEJS_LATEST)\n",
     "requirements.txt", "aws-cdk-lib==2.100.0\nconstructs>=10.0.0,<11.0.0\n"),
    ("app.py", "import aws_cdk.aws_lambda as _lambda\n_lambda.Function(self, 'Api', runtime=_lambda.Runtime.NODEJS_LATEST)\n",
     "poetry.lock", '[[package]]\nname = "aws-cdk-lib"\nversion = "2.100.0"\n'),
    ("src/main/java/com/myorg/InfraStack.java",
     JAVA_CDK + "Function.Builder.create(this, \"Api\").runtime(Runtime.NODEJS_LATEST).build();\n",
     "pom.xml", "<project><properties><cdk.version>2.100.0</cdk.version></properties><dependencies><dependency>"
                "<groupId>software.amazon.awscdk</groupId><artifactId>aws-cdk-lib</artifactId>"
                "<version>${cdk.version}</version></dependency></dependencies></project>"),
    ("src/main/java/com/myorg/InfraStack.java",
     JAVA_CDK + "Function.Builder.create(this, \"Api\").runtime(Runtime.NODEJS_LATEST).build();\n",
     "build.gradle", "dependencies {\n    implementation 'software.amazon.awscdk:aws-cdk-lib:2.100.0'\n}\n"),
    ("src/Infra/InfraStack.cs", CS_CDK + 'new Function(this, "Api", new FunctionProps { Runtime = Runtime.NODEJS_LATEST });\n',
     "src/Infra/Infra.csproj", '<Project><ItemGroup><PackageReference Include="Amazon.CDK.Lib" Version="2.100.0" />'
                               "</ItemGroup></Project>"),
])
def test_nodejs_latest_version_found_in_each_language(tmp_path, rel, text, manifest, content):
    (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / manifest).write_text(content)
    [hit] = analyze(text, rel, root=tmp_path)
    assert "nodejs18.x (Node.js 18)" in hit.message and f"aws-cdk-lib 2.100.0 ({manifest})" in hit.message
    (tmp_path / manifest).write_text(content.replace("2.100.0", "2.230.0"))
    assert analyze(text, rel, root=tmp_path) == []


def test_nodejs_latest_through_a_whole_scan_follows_the_lock_file(tmp_path):
    from workbench.readiness.scanner import scan

    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "stack.ts").write_text(LATEST_TS)
    (tmp_path / "package-lock.json").write_text(_lock("2.180.0"))
    [finding] = [f for f in scan(tmp_path, workers=1).findings if f.rule == "LMI501"]
    assert "nodejs18.x" in finding.message and "aws-cdk-lib 2.180.0" in finding.message
    (tmp_path / "package-lock.json").write_text(_lock("2.211.0"))   # only the lock file changed
    assert [f for f in scan(tmp_path, workers=1).findings if f.rule == "LMI501"] == []


def test_a_version_lookup_never_reads_outside_the_scan_root(tmp_path):
    outside = tmp_path / "outside"
    (outside / "aws-cdk-lib").mkdir(parents=True)
    (outside / "aws-cdk-lib" / "package.json").write_text(json.dumps({"version": "2.100.0"}))
    root = tmp_path / "root"
    (root / "node_modules").mkdir(parents=True)
    (root / "node_modules" / "aws-cdk-lib").symlink_to(outside / "aws-cdk-lib")
    [hit] = analyze(LATEST_TS, "stack.ts", root=root)
    assert hit.severity == "warning" and "2.100.0" not in hit.message


def test_a_cdk_function_factory_only_tests_use_is_not_reported(tmp_path):
    """instance-scheduler-on-aws (heldout7): lib/function-factory.ts holds the factory every stack uses and a
    TestFunctionFactory (a dummy python3.11 function) that only the jest tests' stack factories build."""
    from workbench.readiness.scanner import scan

    (tmp_path / "lib").mkdir()
    (tmp_path / "app").mkdir()
    (tmp_path / "tests").mkdir()
    (tmp_path / "lib" / "function-factory.ts").write_text(
        'import { Function, Runtime, Code } from "aws-cdk-lib/aws-lambda";\n\n'
        "export class PythonFunctionFactory {\n  create(scope, id) {\n"
        "    return new Function(scope, id, { runtime: Runtime.PYTHON_3_12, handler: 'main.handler',\n"
        "      code: Code.fromAsset('app') });\n  }\n}\n\n"
        "export class TestFunctionFactory {\n  create(scope, id) {\n"
        "    return new Function(scope, id, { runtime: Runtime.PYTHON_3_11, handler: 'main.handler',\n"
        "      code: Code.fromAsset('tests/test_function') });\n  }\n}\n")
    (tmp_path / "app" / "main.ts").write_text(
        'import { PythonFunctionFactory } from "../lib/function-factory";\nnew PythonFunctionFactory();\n')
    (tmp_path / "tests" / "stack.test.ts").write_text(
        'import { TestFunctionFactory } from "../lib/function-factory";\nnew TestFunctionFactory();\n')
    def lines() -> list[int]:
        return [f.line for f in scan(tmp_path, workers=0, use_cache=False).findings if f.rule == "LMI501"]

    assert lines() == [5]
    # used outside the tests too: a function the app may deploy
    (tmp_path / "app" / "main.ts").write_text(
        'import { PythonFunctionFactory, TestFunctionFactory } from "../lib/function-factory";\n'
        "new PythonFunctionFactory();\nnew TestFunctionFactory();\n")
    assert lines() == [5, 12]
    # a class not named as test code may be built where the scan does not look (a CDK app's bin/): reported
    (tmp_path / "app" / "main.ts").write_text(
        'import { PythonFunctionFactory } from "../lib/function-factory";\nnew PythonFunctionFactory();\n')
    (tmp_path / "tests" / "stack.test.ts").write_text(
        'import { PythonFunctionFactory } from "../lib/function-factory";\nnew PythonFunctionFactory();\n')
    (tmp_path / "app" / "main.ts").unlink()
    assert lines() == [5, 12]   # and TestFunctionFactory, now named by nothing, is not known to be test code


def test_a_python_cdk_app_is_read_in_a_whole_scan(tmp_path):
    """A CDK app written in Python (app.py, stacks/*.py) gets its LMI501 findings in a scan, as the other CDK
    languages do (the Python analyzer reads the file; the runtime constants are those of ``cdk_hits``)."""
    from workbench.readiness.scanner import scan

    (tmp_path / "stacks").mkdir()
    (tmp_path / "requirements.txt").write_text("aws-cdk-lib==2.150.0\nconstructs>=10.0.0\n")
    (tmp_path / "stacks" / "api_stack.py").write_text(
        "from aws_cdk import Stack, aws_lambda as _lambda\n\n\nclass ApiStack(Stack):\n"
        "    def __init__(self, scope, construct_id, **kwargs):\n        super().__init__(scope, construct_id, **kwargs)\n"
        "        _lambda.Function(self, 'Api', runtime=_lambda.Runtime.NODEJS_LATEST, handler='index.handler',\n"
        "                         code=_lambda.Code.from_asset('lambda'))\n"
        "        _lambda.Function(self, 'Jobs', runtime=_lambda.Runtime.PYTHON_3_12, handler='jobs.handler',\n"
        "                         code=_lambda.Code.from_asset('lambda'))\n")
    found = sorted((f.line, f.message) for f in scan(tmp_path, workers=0, use_cache=False).findings
                   if f.rule == "LMI501")
    assert [line for line, _ in found] == [7, 9]
    assert "nodejs18.x" in found[0][1] and "aws-cdk-lib 2.150.0 (requirements.txt)" in found[0][1]
    assert "python3.12 (Python 3.12)" in found[1][1]
    (tmp_path / "requirements.txt").write_text("aws-cdk-lib==2.215.0\n")
    assert [f.line for f in scan(tmp_path, workers=0, use_cache=False).findings if f.rule == "LMI501"] == [9]


def test_nodejs_latest_in_a_monorepo_takes_the_copy_its_workspace_resolves(tmp_path):
    lock = {"lockfileVersion": 3, "packages": {"": {"workspaces": ["infra", "tools"]},
                                               "node_modules/aws-cdk-lib": {"version": "2.220.0"},
                                               "infra/node_modules/aws-cdk-lib": {"version": "2.150.0"}}}
    (tmp_path / "package-lock.json").write_text(json.dumps(lock))
    [hit] = analyze(LATEST_TS, "infra/lib/stack.ts", root=tmp_path)
    assert "aws-cdk-lib 2.150.0 (package-lock.json)" in hit.message
    assert analyze(LATEST_TS, "tools/lib/stack.ts", root=tmp_path) == []   # the hoisted 2.220.0


STACKSET_YAML = """\
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Main:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
  Secondary:
    Type: AWS::CloudFormation::StackSet
    Properties:
      StackSetName: secondary
      TemplateBody:
        !Sub |
          Resources:
              Copier:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.11
                  Code:
                    ZipFile: |
                      def handler(event, context):
                          return {"bucket": "${Bucket}"}
              Modern:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.13
"""


def test_functions_of_a_stackset_template_body_string_are_read():
    """corpus_heldout7 miss: a StackSet carries its template inline as a YAML string (here under ``!Sub``); the
    functions in it are deployed like the stack's own, so their runtimes are judged at their own lines."""
    hits = analyze(STACKSET_YAML)
    assert [(h.line, h.column, h.context) for h in hits] == [(17, 28, "Copier")]
    assert "python3.11" in hits[0].message


def test_functions_of_a_stackset_template_body_object_are_read():
    doc = {"Resources": {
        "Set": {"Type": "AWS::CloudFormation::StackSet", "Properties": {"TemplateBody": {"Resources": {
            "Old": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "nodejs16.x"}},
            "New": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "nodejs22.x"}}}}}},
        "Str": {"Type": "AWS::CloudFormation::StackSet", "Properties": {"TemplateBody": json.dumps({"Resources": {
            "Legacy": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "python3.8"}}}})}}}}
    text = json.dumps(doc, indent=2)
    hits = analyze(text, "stackset.json")
    assert sorted(h.context for h in hits) == ["Legacy", "Old"]
    old = next(h for h in hits if h.context == "Old")
    assert text.splitlines()[old.line - 1].strip().startswith('"Runtime": "nodejs16.x"')
    legacy = next(h for h in hits if h.context == "Legacy")
    assert '"TemplateBody"' in text.splitlines()[legacy.line - 1]   # a JSON string: at the body's line


def test_a_stackset_template_body_that_is_not_a_template_is_quiet():
    text = ("Resources:\n  Set:\n    Type: AWS::CloudFormation::StackSet\n    Properties:\n"
            "      TemplateBody: '{{resolve:ssm:/templates/body}}'\n  Other:\n"
            "    Type: AWS::CloudFormation::StackSet\n    Properties:\n      TemplateURL: https://x/t.yaml\n")
    assert analyze(text) == []


def test_a_runtime_constant_nothing_reads_sets_no_functions_runtime(tmp_path):
    """heldout14 forecast: ``DEFAULT_RUNTIME = Runtime.PYTHON_3_7`` in a bundling module that never reads it (and no
    other file imports it): no function gets that runtime. The same constant read by a construct (here in another
    file) stays a finding at the constant."""
    from workbench.readiness.scanner import scan

    (tmp_path / "helpers").mkdir()
    (tmp_path / "requirements.txt").write_text("aws-cdk-lib==2.215.0\n")
    (tmp_path / "helpers" / "bundling.py").write_text(
        "from aws_cdk.aws_lambda import Runtime\n\nDEFAULT_RUNTIME = Runtime.PYTHON_3_7\nCACHE = '/var/deps'\n")
    (tmp_path / "helpers" / "function.py").write_text(
        "from aws_cdk import aws_lambda as _lambda\nfrom aws_cdk.aws_lambda import Runtime\n\n"
        "DEFAULT_RUNTIME = Runtime.PYTHON_3_8\n\n\nclass SolutionsFunction(_lambda.Function):\n"
        "    def __init__(self, scope, id, **kwargs):\n        kwargs.setdefault('runtime', DEFAULT_RUNTIME)\n"
        "        super().__init__(scope, id, **kwargs)\n")

    def lmi501():
        return sorted((f.path, f.line) for f in scan(tmp_path, workers=0, use_cache=False).findings
                      if f.rule == "LMI501")

    assert lmi501() == [("helpers/function.py", 4)]
    (tmp_path / "stack.py").write_text("from helpers.bundling import DEFAULT_RUNTIME\n\nprint(DEFAULT_RUNTIME)\n")
    assert lmi501() == [("helpers/bundling.py", 3), ("helpers/function.py", 4)]


def test_an_exported_runtime_constant_is_judged_by_whether_any_file_reads_it(tmp_path):
    from workbench.readiness.scanner import scan

    (tmp_path / "lib").mkdir()
    (tmp_path / "package.json").write_text('{"dependencies": {"aws-cdk-lib": "2.215.0"}}')
    (tmp_path / "lib" / "defaults.ts").write_text(
        "import * as lambda from 'aws-cdk-lib/aws-lambda';\n\nexport const LEGACY_RUNTIME = lambda.Runtime.NODEJS_16_X;\n")
    (tmp_path / "lib" / "stack.ts").write_text(
        "import * as lambda from 'aws-cdk-lib/aws-lambda';\n\nnew lambda.Function(this, 'Api', {\n"
        "  runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });\n")

    def lmi501():
        return sorted((f.path, f.line) for f in scan(tmp_path, workers=0, use_cache=False).findings
                      if f.rule == "LMI501")

    assert lmi501() == []
    (tmp_path / "lib" / "stack.ts").write_text((tmp_path / "lib" / "stack.ts").read_text().replace(
        "lambda.Runtime.NODEJS_22_X", "LEGACY_RUNTIME").replace(
        "import * as lambda from 'aws-cdk-lib/aws-lambda';\n", "import * as lambda from 'aws-cdk-lib/aws-lambda';\n"
        "import { LEGACY_RUNTIME } from './defaults';\n"))
    assert lmi501() == [("lib/defaults.ts", 3)]


def test_a_packaged_template_in_an_out_folder_is_build_output():
    """heldout14 lca: ``<stack>/out/template-replaced-*.yaml``, the output of a packaging run committed with the
    repository, is a copy of a template, not a definition of its own."""
    text = "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.8\n"
    assert analyze(text, "stack/out/template-replaced-x.yaml") == []
    assert len(analyze(text, "stack/outputs/template.yaml")) == 1
    assert len(analyze(text, "out.yaml")) == 1
