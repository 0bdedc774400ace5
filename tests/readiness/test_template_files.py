"""CloudFormation/SAM templates named ``*.template`` (the aws-solutions repositories name every template so) are
read like ``template.yaml``: LMI501 on their functions' runtimes. A ``.template`` that is something else (a Jinja
or HTML template, a Mustache file) is skipped without a finding, a parse failure or a crash."""

from __future__ import annotations

from tests.readiness._pyhelp import found, project

YAML_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Description: web ACL
Resources:
  LogParser:
    Type: AWS::Lambda::Function
    Properties:
      Handler: log_parser.lambda_handler
      Runtime: python3.10
      Code:
        S3Bucket: b
        S3Key: k
"""

JSON_TEMPLATE = """\
{
  "Resources": {
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": {"Handler": "index.handler", "Runtime": "nodejs16.x", "Code": {"ZipFile": "x"}}
    }
  }
}
"""


def test_yaml_and_json_templates_named_dot_template_are_scanned(tmp_path):
    result = project(tmp_path, {
        "deployment/aws-waf-security-automations-webacl.template": YAML_TEMPLATE,
        "deployment/main.template": JSON_TEMPLATE,
        "deployment/other.template.json": JSON_TEMPLATE,
        "deployment/other.template.yaml": YAML_TEMPLATE,
    })
    assert sorted((f.path, f.line) for f in found(result, "LMI501")) == [
        ("deployment/aws-waf-security-automations-webacl.template", 8),
        ("deployment/main.template", 5),
        ("deployment/other.template.json", 5),
        ("deployment/other.template.yaml", 8),
    ]
    assert "python3.10" in found(result, "LMI501", "deployment/aws-waf-security-automations-webacl.template")[0].message


def test_other_dot_template_files_are_skipped_quietly(tmp_path):
    result = project(tmp_path, {
        "templates/page.template": "<html><body>{{ name }} AWS::Lambda::Function</body></html>\n",
        "templates/config.template": "{% for f in functions %}\n  - name: {{ f }}\n{% endfor %}\n",
        "templates/jinja-cfn.template": "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
                                        "{% for f in fns %}\n  {{ f }}: {Type: AWS::Lambda::Function}\n{% endfor %}\n",
        "templates/binary.template": b"\x00\x01\x02AWSTemplateFormatVersion\xff",
    })
    assert found(result) == []
    assert result.report.failed == []
    assert not result.report.fatal


def test_a_dot_template_defines_handlers_and_is_read_as_yaml(tmp_path):
    """The functions a ``.template`` defines are handlers like those of template.yaml (their code is followed)."""
    result = project(tmp_path, {
        "deployment/app.template": """\
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: ../source/
                  Handler: worker.run
                  Runtime: python3.13
            """,
        "source/worker.py": """
            import boto3

            def run(message, meta):
                return boto3.client("s3").list_buckets()
            """,
    })
    assert [(f.path, f.line) for f in found(result, "LMI103")] == [("source/worker.py", 4)]
    assert result.report.parsers.get("deployment/app.template") == "yaml"


def test_build_placeholders_of_aws_solutions_templates_do_not_hide_the_runtime(tmp_path):
    """aws-solutions templates carry ``%VERSION%``-style placeholders their build script fills with sed
    (aws-control-tower-customizations: ``SOLUTION_VERSION: %VERSION%``); not YAML as is, still read."""
    result = project(tmp_path, {
        "deployment/initiation.template": """\
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Deployer:
                Type: AWS::Lambda::Function
                Properties:
                  Environment:
                    Variables:
                      SOLUTION_VERSION: %VERSION%
                  Code:
                    S3Key: %SOLUTION_NAME%/%VERSION%/deployer.zip
                  Handler: config_deployer.lambda_handler
                  Runtime: python3.11
            """,
    })
    [finding] = found(result, "LMI501")
    assert (finding.path, finding.line) == ("deployment/initiation.template", 12)
    assert result.report.failed == []
