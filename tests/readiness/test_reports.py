"""Report formats: SARIF 2.1.0 validated against the schema, JSON, Markdown, text."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.readiness._pyhelp import found, handler_project
from workbench.readiness.patches import apply_unified_diff
from workbench.readiness.reports import render, to_sarif

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
APP = """
import boto3

def handler(event, context):
    s3 = boto3.client("s3")
    print("café", event)
    return s3
"""


@pytest.fixture
def result(tmp_path):
    return handler_project(tmp_path, APP, {"src/broken.py": "def x(:\n", "src/bin.py": b"\x00\x00"})


def test_sarif_validates_and_carries_rules_regions_and_fixes(result):
    sarif = to_sarif(result)
    jsonschema.validate(sarif, SCHEMA)
    run = sarif["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert {"LMI101", "LMI102", "LMI103", "LMI104", "LMI301"} <= set(rules)
    assert rules["LMI103"]["fullDescription"]["text"] and rules["LMI103"]["help"]["markdown"]
    client = next(r for r in run["results"] if r["ruleId"] == "LMI103")
    assert run["tool"]["driver"]["rules"][client["ruleIndex"]]["id"] == "LMI103"
    region = client["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (4, 10, 4, 28)
    [change] = client["fixes"][0]["artifactChanges"]
    text = result.sources["src/app.py"].text
    # the replacements, applied back to front, give the patched file
    patched = text
    for rep in sorted(change["replacements"], key=lambda r: r["deletedRegion"]["charOffset"], reverse=True):
        start = rep["deletedRegion"]["charOffset"]
        patched = patched[:start] + rep.get("insertedContent", {}).get("text", "") + \
            patched[start + rep["deletedRegion"]["charLength"]:]
    finding = found(result, "LMI103")[0]
    assert patched == apply_unified_diff(text, finding.fix.diff)
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert any("could not parse src/broken.py:1" in n["message"]["text"] for n in notes)
    assert any("skipped src/bin.py: binary file" in n["message"]["text"] for n in notes)


def test_sarif_marks_decided_findings_as_suppressed(result):
    from workbench.models.findings import ReviewDecision

    finding = found(result, "LMI104")[0]
    decision = ReviewDecision(fingerprint=finding.fingerprint, decision="accepted-risk", note="debug output",
                              author="ann")
    sarif = to_sarif(result, {finding.fingerprint: decision})
    jsonschema.validate(sarif, SCHEMA)
    item = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "LMI104")
    assert item["suppressions"][0]["justification"] == "accepted-risk: debug output"


def test_sarif_of_a_failed_scan_validates(tmp_path):
    from workbench.readiness.scanner import scan

    sarif = to_sarif(scan(tmp_path / "missing"))
    jsonschema.validate(sarif, SCHEMA)
    assert sarif["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_json_markdown_and_text(result):
    data = json.loads(render(result, "json"))
    assert data["summary"]["findings"] == len(result.findings) == 2
    assert {f["rule"] for f in data["findings"]} == {"LMI103", "LMI104"}
    assert data["failed"][0]["path"] == "src/broken.py"
    markdown = render(result, "markdown")
    assert "### `src/app.py`" in markdown and "```diff" in markdown and "## Not analysed" in markdown
    text = render(result, "text")
    assert "src/app.py\n  4:10  warning  LMI103" in text
    assert "could not analyse: could not parse src/broken.py:1" in text


def test_the_text_summary_counts_in_words_a_person_would_write(tmp_path):
    one = handler_project(tmp_path / "one", "import boto3\n\ndef handler(event, context):\n    return boto3.client('s3')\n")
    summary = render(one, "text").rstrip().splitlines()[-1]
    assert summary.startswith("1 finding (0 errors, 1 warning, 0 info) in ")
    two = handler_project(tmp_path / "two", APP)
    assert render(two, "text").rstrip().splitlines()[-1].startswith("2 findings (0 errors, 1 warning, 1 info) in 2 files")
