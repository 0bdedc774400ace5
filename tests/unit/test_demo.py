"""The demo's documents and the sample project it ships (the store side is in tests/integration)."""

from __future__ import annotations

import ast
import json
import re

import pytest
import yaml

from workbench.demo import DEMO_TITLE, demo_documents, sample_project_path
from workbench.models import ReviewInfo, Workload


class _CfnLoader(yaml.SafeLoader):
    """Reads CloudFormation short-form tags (!Ref, !GetAtt…) as plain values."""


_CfnLoader.add_multi_constructor("!", lambda loader, suffix, node: (
    loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else
    loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else loader.construct_mapping(node)))


def version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def test_demo_documents_are_labelled_as_demo_and_valid():
    docs = {type(d): d for d, _ in demo_documents()}
    review, workload = docs[ReviewInfo], docs[Workload]
    assert review.is_demo and review.title == DEMO_TITLE and "DEMO" in review.title
    assert "sample" in review.title.lower()
    assert workload.source == "demo" and workload.runtime_family == "python"
    assert workload.traffic_pattern == "steady" and workload.requests_per_month == 120_000_000
    assert workload.runtime_supported and workload.region_supported
    assert workload.consistency_warnings() == []


def test_demo_documents_are_the_same_every_time():
    first = [d.model_dump_json() for d, _ in demo_documents()]
    assert first == [d.model_dump_json() for d, _ in demo_documents()]


@pytest.fixture(scope="module")
def project():
    return sample_project_path()


def test_sample_project_is_a_sam_project_with_three_functions(project):
    template = yaml.load((project / "template.yaml").read_text(), Loader=_CfnLoader)
    functions = {name: res["Properties"] for name, res in template["Resources"].items()
                 if res["Type"] == "AWS::Serverless::Function"}
    assert {p["Runtime"] for p in functions.values()} == {"python3.13", "nodejs22.x"}
    assert len(functions) == 3
    for props in functions.values():
        module = props["Handler"].split(".")[0]
        code = project / props["CodeUri"]
        assert any((code / f"{module}{ext}").is_file() for ext in (".py", ".js", ".mjs")), props["Handler"]


def test_sample_project_readme_says_it_is_sample_code_with_deliberate_problems(project):
    text = (project / "README.md").read_text().lower()
    assert "sample" in text and "deliberate" in text


def test_sample_python_parses_and_holds_the_problems_and_the_negatives(project):
    app = (project / "src/orders/app.py").read_text()
    tree = ast.parse(app)
    handler = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "handler")
    calls_in_handler = {ast.unparse(n.func) for n in ast.walk(handler) if isinstance(n, ast.Call)}
    assert "boto3.client" in calls_in_handler          # SDK client created per invocation
    assert "pymysql.connect" in calls_in_handler       # DB connection per invocation
    assert '"/tmp/receipt.json"' in app                # hard-coded /tmp path
    assert 'logger.info("order %s created' in app      # log line without the request id
    module_level = [ast.unparse(n) for n in tree.body if isinstance(n, ast.Assign)]
    assert any("boto3.resource" in line for line in module_level)  # negative: module-level client
    assert any(line.startswith("_price_cache") for line in module_level)  # negative: per-process global
    reports = (project / "src/orders/reports.py").read_text()
    ast.parse(reports)
    assert 'f"/tmp/summary-{context.aws_request_id}.csv"' in reports and "finally:" in reports
    requirements = (project / "src/orders/requirements.txt").read_text()
    powertools = re.search(r"aws-lambda-powertools==([\d.]+)", requirements).group(1)
    assert version_tuple(powertools) < (3, 23, 0)


def test_sample_nodejs_holds_the_problems(project):
    inventory = (project / "src/inventory/index.mjs").read_text()
    assert re.search(r"^let currentOrder = null;", inventory, re.M)
    assert "currentOrder = { id: body.orderId" in inventory  # module state written on the request path
    assert "process.env.TENANT_ID = body.tenantId" in inventory
    assert "await mysql.createConnection(" in inventory
    assert re.search(r"^const dynamo = new DynamoDBClient", inventory, re.M)  # negative: module-level client
    deps = json.loads((project / "src/inventory/package.json").read_text())["dependencies"]
    assert version_tuple(deps["@aws-sdk/client-dynamodb"]) < (3, 933, 0)
    webhook = (project / "src/webhook/index.js").read_text()
    assert "exports.handler = (event, context, callback) =>" in webhook
