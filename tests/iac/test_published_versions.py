"""One published-version model per format: the published versions each generated format keeps, read back from
the generated files, are the model's; and the cost comparison's minimum is their minimums added up.

Every published version (numbered or $LATEST.PUBLISHED) keeps its own minimum execution environments running
("$LATEST.PUBLISHED version in Lambda Managed Instances"); CloudFormation creates $LATEST.PUBLISHED for an LMI
function unless PublishToLatestPublished is false, and CDK's addFunction publishes to it by default with a minimum
of 3 (aws-cdk-lib capacity-provider.ts).
"""

from __future__ import annotations

import re

import pytest
import yaml

from workbench.cost.compare import compare
from workbench.cost.workload import inputs_from_workload
from workbench.iac import IacInputError, IacOptions, build_model, generate

CFN_DEFAULT_LATEST_PUBLISHED = True  # CloudFormation creates $LATEST.PUBLISHED unless told not to
CDK_DEFAULT_LATEST_PUBLISHED_MIN = 3  # LatestPublishedScalingConfig.minExecutionEnvironments default
FORMATS = ["cloudformation", "sam", "cdk-ts", "cdk-js", "cdk-py", "terraform", "cli"]


def _cfn(text: str, *, sam: bool) -> list[tuple[str, int]]:
    resources = yaml.safe_load(text)["Resources"]
    fn = resources["Function"]["Properties"]
    out = []
    if sam:
        if "AutoPublishAlias" in fn:  # SAM publishes a numbered version with the function's FunctionScalingConfig
            out.append(("numbered", fn["FunctionScalingConfig"]["MinExecutionEnvironments"]))
    else:
        out += [("numbered", r["Properties"]["FunctionScalingConfig"]["MinExecutionEnvironments"])
                for r in resources.values() if r["Type"] == "AWS::Lambda::Version"]
    if fn.get("PublishToLatestPublished", CFN_DEFAULT_LATEST_PUBLISHED):
        out.append(("$LATEST.PUBLISHED", fn.get("FunctionScalingConfig", {}).get("MinExecutionEnvironments", 3)))
    return out


def _cdk(text: str, *, python: bool) -> list[tuple[str, int]]:
    flag, block = (("publish_to_latest_published=(True|False)", r"LatestPublishedScalingConfig\(min_execution_environments=(\d+)")
                   if python else
                   (r"publishToLatestPublished: (true|false)", r"latestPublishedScalingConfig: \{ minExecutionEnvironments: (\d+)"))
    out = []
    if re.search(r"fn\.current_?[vV]ersion", text):
        override = re.search(r"""["']FunctionScalingConfig["'], \{"MinExecutionEnvironments": (\d+)""", text)
        out.append(("numbered", int(override.group(1))))
    published = re.search(flag, text)
    if published is None or published.group(1).lower() == "true":
        minimum = re.search(block, text)
        out.append(("$LATEST.PUBLISHED", int(minimum.group(1)) if minimum else CDK_DEFAULT_LATEST_PUBLISHED_MIN))
    return out


def _terraform(text: str) -> list[tuple[str, int]]:
    assert "publish_to" not in text
    if "publish = true" not in text:
        return []
    scaling = re.search(r'resource "aws_lambda_function_scaling_config" "this" \{.*?min_execution_environments = (\d+)',
                        text, re.DOTALL)
    return [("numbered", int(scaling.group(1)))]


def _cli(text: str) -> list[tuple[str, int]]:
    out = []
    for line in text.splitlines():
        if line.lstrip().startswith("#") or "aws lambda publish-version" not in line:
            continue
        qualifier = "$LATEST.PUBLISHED" if "--publish-to LATEST_PUBLISHED" in line else "numbered"
        shown = '"\\$LATEST.PUBLISHED"' if qualifier != "numbered" else '"$VERSION"'
        scaling = re.search(r"--qualifier " + re.escape(shown) + r" \\\n  --function-scaling-config "
                            r"MinExecutionEnvironments=(\d+)", text)
        out.append((qualifier, int(scaling.group(1))))
    return out


def published_versions(fmt: str, files: dict[str, str]) -> list[tuple[str, int]]:
    """(qualifier, minimum EEs) of every published version the generated files keep."""
    if fmt in ("cloudformation", "sam"):
        return _cfn(files["template.yaml"], sam=fmt == "sam")
    if fmt in ("cdk-ts", "cdk-js"):
        return _cdk(files["lib/stack.ts" if fmt == "cdk-ts" else "lib/stack.js"], python=False)
    if fmt == "cdk-py":
        return _cdk(files["stack.py"], python=True)
    if fmt == "terraform":
        return _terraform(files["main.tf"])
    return _cli(files["setup.sh"])


def _cost_minimum(workload, config, versions: int | None) -> int:
    """The cost comparison's execution environments at a trickle of traffic: its minimum fleet."""
    extra = {} if versions is None else {"published_versions": versions}
    return compare(inputs_from_workload(workload, config, requests_per_month=1000.0, peak_rps=None, **extra)).sizing.ees


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_keeps_exactly_one_published_version_by_default(workload, config, fmt):
    found = published_versions(fmt, generate(fmt, workload, config, IacOptions()))
    assert found == [("numbered", config.min_execution_environments)]
    model = build_model(workload, config, IacOptions())
    assert [v.min_execution_environments for v in model.published_versions] == [m for _, m in found]
    # the cost comparison, with nothing said about versions, has the same minimum
    assert _cost_minimum(workload, config, None) == model.minimum_execution_environments == found[0][1]


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "terraform"])
def test_keeping_latest_published_runs_two_minimums_and_the_cost_counts_both(workload, config, fmt):
    options = IacOptions(keep_latest_published=True)
    found = published_versions(fmt, generate(fmt, workload, config, options))
    model = build_model(workload, config, options)
    assert sorted(q for q, _ in found) == sorted(("numbered", "$LATEST.PUBLISHED"))
    generated_minimum = sum(m for _, m in found)
    assert generated_minimum == model.minimum_execution_environments == 2 * config.min_execution_environments
    assert _cost_minimum(workload, config, len(model.published_versions)) == generated_minimum


def test_the_reader_sees_what_cloudformation_would_create_without_the_flag(workload, config):
    """Guards the readers above: a template that leaves PublishToLatestPublished out keeps two versions."""
    text = generate("cloudformation", workload, config, IacOptions())["template.yaml"]
    without = "\n".join(line for line in text.splitlines() if "PublishToLatestPublished" not in line)
    assert [q for q, _ in published_versions("cloudformation", {"template.yaml": without})] == [
        "numbered", "$LATEST.PUBLISHED"]
    cdk = generate("cdk-ts", workload, config, IacOptions())
    stack = cdk["lib/stack.ts"].replace("publishToLatestPublished: false,", "")
    assert published_versions("cdk-ts", {"lib/stack.ts": stack})[1] == ("$LATEST.PUBLISHED", 3)


def test_every_format_says_why(workload, config):
    for fmt in FORMATS:
        text = "\n".join(generate(fmt, workload, config, IacOptions()).values())
        assert "double the minimum cost" in re.sub(r"\s*(#|//)\s*", " ", text), fmt


def test_terraform_refuses_to_keep_latest_published(workload, config):
    with pytest.raises(IacInputError) as error:
        generate("terraform", workload, config, IacOptions(keep_latest_published=True))
    assert "keeping $LATEST.PUBLISHED as well is not offered" in str(error.value)


@pytest.mark.parametrize("fmt", ["cloudformation", "sam"])
def test_the_other_choices_pass_cfn_lint_too(workload, config, fmt, tmp_path):
    """PublishToLatestPublished true with the Function's FunctionScalingConfig, and the inline operator policy,
    are valid for cfn-lint's schema (the defaults are linted in test_cloudformation.py)."""
    from tests.iac.test_cloudformation import cfn_lint

    path = tmp_path / "template.yaml"
    path.write_text(generate(fmt, workload, config, IacOptions(keep_latest_published=True, operator_policy="inline"))[
        "template.yaml"])
    result = cfn_lint(path)
    assert result.returncode == 0, result.stdout + result.stderr
