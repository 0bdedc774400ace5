"""Every fix marked safe keeps the program compiling: each is applied to a copy of its file and the copy is
checked with the real tool chain (javac, node --check, tsc, Python's ast + ruff; C# re-parsed with tree-sitter
without new ERROR nodes), against the same check of the original file.

The corpus: the readiness fixtures of every language, the Python fix cases, and the shapes that broke before
(a Java client built from a constant declared below the method, or from an instance field)."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from tests.readiness import _toolchain as tools
from tests.readiness.test_python_fixes import CASES as PYTHON_CASES
from workbench.readiness.scanner import scan

HERE = Path(__file__).parent

JAVA_LATER = """\
package demo;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sns.SnsClient;

public class Later implements RequestHandler<Map<String, String>, String> {
    private final String TABLE_REGION = "eu-west-1";

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        S3Client s3 = S3Client.builder().region(REGION).build();
        SqsClient sqs = SqsClient.builder().region(Region.of(TABLE_REGION)).build();
        SnsClient sns = SnsClient.builder().region(Region.of(DEFAULT_REGION)).build();
        return s3.toString() + sqs.toString() + sns.toString();
    }

    private static final Region REGION = Region.EU_WEST_1;
}
"""

CS_LATER = """\
using Amazon;
using Amazon.Lambda.Core;
using Amazon.S3;
using Amazon.SimpleNotificationService;
using Amazon.SQS;

public class Later
{
    private RegionEndpoint Instance { get; } = RegionEndpoint.EUWest1;

    public string Handler(string input, ILambdaContext context)
    {
        var s3 = new AmazonS3Client(Region);
        var sqs = new AmazonSQSClient(Instance);
        var sns = new AmazonSimpleNotificationServiceClient(Inherited);
        return s3.ToString() + sqs.ToString() + sns.ToString();
    }

    private static readonly RegionEndpoint Region = RegionEndpoint.EUWest1;
}
"""

JS_CALLBACK = """\
const AWS = require("aws-sdk");
const s3 = new AWS.S3();

exports.handler = (event, context, callback) => {
  s3.getObject({ Bucket: "b", Key: event.key }, (err, data) => {
    if (err) console.error(err);
  });
  callback(null, { statusCode: 202 });
};
"""


def _corpus(root: Path) -> Path:
    for folder, dest in (("fixtures_java", "java"), ("fixtures_js", "js"), ("fixtures_csharp", "cs")):
        for path in (HERE / folder).iterdir():
            if path.name != "broken.js":
                target = root / dest / path.name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    (root / "java" / "Later.java").write_text(JAVA_LATER)
    (root / "js" / "callback.js").write_text(JS_CALLBACK)
    (root / "cs" / "Later.cs").write_text(CS_LATER)
    for name, (_code, _applicability, text, _expected) in PYTHON_CASES.items():
        target = root / "py" / name.replace("-", "_") / "app.py"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"))
    return root


def _problems(path: Path, work: Path) -> set[str]:
    suffix = path.suffix
    if suffix == ".java":
        return tools.javac_errors(path, work / "classes")
    if suffix in (".js", ".mjs", ".cjs"):
        return tools.node_check(path)
    if suffix in (".ts", ".mts", ".cts", ".tsx"):
        return tools.tsc_errors(path)
    if suffix == ".py":
        return tools.python_errors(path)
    if suffix == ".cs":
        return tools.csharp_errors(path.read_text(encoding="utf-8"))
    raise AssertionError(f"no tool chain for {path}")


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    root = _corpus(tmp_path_factory.mktemp("corpus"))
    result = scan(root, workers=0, use_cache=False, entry="all", build_all_fixes=True)   # every patch built
    return root, result


def _safe_fixes(result, suffixes: tuple[str, ...]):
    return [f for f in result.findings if f.fix is not None and f.fix.applicability.value == "safe"
            and f.path.endswith(suffixes)]


@pytest.mark.parametrize("language, suffixes", [
    ("java", (".java",)), ("javascript", (".js", ".mjs", ".cjs")), ("typescript", (".ts", ".mts", ".tsx")),
    ("python", (".py",)), ("csharp", (".cs",)),
])
def test_every_safe_fix_compiles(scanned, tmp_path, language, suffixes):
    root, result = scanned
    fixes = _safe_fixes(result, suffixes)
    broken = []
    for index, finding in enumerate(fixes):
        work = tmp_path / str(index)
        before = work / "before" / Path(finding.path).name
        after = work / "after" / Path(finding.path).name
        before.parent.mkdir(parents=True)
        after.parent.mkdir(parents=True)
        before.write_text(result.sources[finding.path].text, encoding="utf-8")
        after.write_text(result.new_text(finding), encoding="utf-8")
        new = _problems(after, work / "a") - _problems(before, work / "b")
        if new:
            broken.append(f"{finding.location} {finding.rule} ({finding.fix.description}): {sorted(new)}")
    assert not broken, "\n".join(broken)
    if language in ("java", "python", "csharp"):
        assert fixes, f"the corpus has no safe {language} fix: the check would prove nothing"


def test_the_fixes_that_broke_code_are_now_right(scanned):
    root, result = scanned
    later = {f.message.split("`")[1]: f for f in result.findings if f.path == "java/Later.java"
             and f.rule == "LMI103"}
    assert later["S3Client"].fix.applicability.value == "safe"       # goes after REGION now
    assert later["SqsClient"].fix is None                            # reads an instance field
    assert later["SnsClient"].fix.applicability.value == "needs-review"  # DEFAULT_REGION: not in this class
    assert "DEFAULT_REGION" in later["SnsClient"].fix.description
    fixed = result.new_text(later["S3Client"])
    assert fixed.index("Region REGION = ") < fixed.index("S3Client s3 = ")
    cs = {f.message.split("`")[1]: f for f in result.findings if f.path == "cs/Later.cs" and f.rule == "LMI103"}
    assert sorted(cs) == ["AmazonS3Client", "AmazonSQSClient", "AmazonSimpleNotificationServiceClient"], sorted(cs)
    assert cs["AmazonS3Client"].fix.applicability.value == "safe"   # after Region: not read as null
    fixed = result.new_text(cs["AmazonS3Client"])
    assert fixed.index("RegionEndpoint Region = ") < fixed.index("AmazonS3Client s3 = ")
    sqs = cs["AmazonSQSClient"].fix                                         # an instance property: never safe
    assert sqs is None or sqs.applicability.value == "needs-review"
    assert cs["AmazonSimpleNotificationServiceClient"].fix.applicability.value == "needs-review"
    [callback] = [f for f in result.findings if f.path == "js/callback.js" and f.rule == "LMI205"]
    assert callback.fix is None                                       # s3.getObject(..., cb) would not be awaited


# ----- the checks themselves catch what they are for ------------------------------------------------------------


def test_the_java_check_catches_a_forward_reference(tmp_path):
    bad = JAVA_LATER.replace("public class Later implements RequestHandler<Map<String, String>, String> {\n",
                             "public class Later implements RequestHandler<Map<String, String>, String> {\n"
                             "    private static final S3Client early = S3Client.builder().region(REGION).build();\n"
                             "    private static final SqsClient q = SqsClient.builder()"
                             ".region(Region.of(TABLE_REGION)).build();\n")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "Later.java").write_text(JAVA_LATER)
    (tmp_path / "b" / "Later.java").write_text(bad)
    new = tools.javac_errors(tmp_path / "b" / "Later.java", tmp_path / "cb") - \
        tools.javac_errors(tmp_path / "a" / "Later.java", tmp_path / "ca")
    assert "illegal forward reference" in new
    assert "non-static variable TABLE_REGION cannot be referenced from a static context" in new


def test_the_other_checks_catch_broken_code(tmp_path):
    js = tmp_path / "x.js"
    js.write_text("exports.handler = async (event) => { return ; ) };\n")
    assert tools.node_check(js)
    py = tmp_path / "x.py"
    py.write_text("def handler(event, context):\n    return s3.get_object()\n")
    assert any(p.startswith("F821") for p in tools.python_errors(py))
    assert tools.csharp_errors("class A { void M() { var x = ; } }")


DURABLE = """
from aws_durable_execution_sdk_python import DurableContext, durable_execution


@durable_execution
def handler(event, context: DurableContext):
    print("start", event)
    path = "/tmp/state.json"
    with open(path, "w") as f:
        f.write("x")
    return {}
"""


def test_a_durable_execution_context_is_not_given_an_aws_request_id(tmp_path):
    from tests.readiness._pyhelp import found, handler_project

    result = handler_project(tmp_path / "p", DURABLE)
    [log] = found(result, "LMI104")
    assert log.fix is None  # DurableContext has no aws_request_id
    [tmp] = found(result, "LMI101")
    fixed = result.new_text(tmp)
    assert "context.aws_request_id" not in fixed and "uuid.uuid4().hex" in fixed
    plain = handler_project(tmp_path / "q", DURABLE.replace("@durable_execution\n", "").replace(
        ": DurableContext", ""))
    assert "context.aws_request_id" in plain.new_text(found(plain, "LMI104")[0])


def test_the_typescript_check_catches_an_async_void_handler(tmp_path):
    good, bad = tmp_path / "good.ts", tmp_path / "bad.ts"
    good.write_text("export const handler = async (event: unknown) => { return 1; };\n")
    bad.write_text("export const handler = async (event: unknown): void => { return; };\n")
    assert not tools.tsc_errors(good)
    assert any(e.startswith("TS1064") for e in tools.tsc_errors(bad))
