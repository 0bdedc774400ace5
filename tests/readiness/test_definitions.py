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


def analyze(text: str, rel: str = "template.yaml"):
    source = SourceFile(path=Path("/project") / rel, rel=rel, text=text,
                        sha256=hashlib.sha256(text.encode()).hexdigest(), language=Language.TEMPLATE)
    return ANALYZER.analyze(source, ScanContext(root=Path("/project")))


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
    assert [(h.line, h.context) for h in hits] == [(26, "Legacy"), (35, "Custom"), (9, "Globals")]
    legacy, custom, globals_ = hits
    assert "does not yet support Go (go1.x) (go1.x)" not in legacy.message
    assert legacy.message.startswith("Lambda Managed Instances does not yet support Go (go1.x)")
    assert "parameter LegacyRuntime" in legacy.message
    for name in lmi_facts.supported_runtime_names():
        assert name in legacy.message
    assert "standard Lambda" in legacy.message
    assert lmi_facts.OS_ONLY_RUNTIME_NOTE in custom.message
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
    assert len(hits) == 1 and "Ruby (ruby3.3)" in hits[0].message
    assert "function F (Runtime.RUBY_3_3)" in hits[0].message
    line = text.split("\n")[hits[0].line - 1]
    assert line[hits[0].column - 1:hits[0].end_column - 1] == "Runtime.RUBY_3_3"


def test_code_that_is_not_a_cdk_app_is_ignored():
    assert analyze("const Runtime = { RUBY_3_3: 1 };\nconsole.log(Runtime.RUBY_3_3);\n", "x.ts") == []
