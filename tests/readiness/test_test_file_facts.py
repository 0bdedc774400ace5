"""Test (and generated) files in the Java and C# project models: the scan never starts from or walks into their
functions, so their description carries what they declare (functions, bases, callbacks, holds) and neither
candidates nor calls; findings in the code they test are unchanged."""

from __future__ import annotations

import hashlib
from pathlib import Path

from workbench.readiness import csharp_rules, java_rules
from workbench.readiness.model import Language, SourceFile
from workbench.readiness.scanner import scan

JAVA_HANDLER = """package app;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import software.amazon.awssdk.services.s3.S3Client;
public class Handler implements RequestHandler<String, String> {
    public String handleRequest(String event, Context context) {
        S3Client s3 = S3Client.create();
        return helper(event);
    }
    private String helper(String event) { return event; }
}
"""

# a test double named like the handler's class, registering a callback the way a batch processor's handler does
JAVA_TEST_DOUBLE = """package app;
import software.amazon.awssdk.services.s3.S3Client;
import java.util.function.Consumer;
class Handler extends Base {
    private final Consumer<String> consumer;
    Handler() { consumer = this::process; }
    void process(String message) {
        S3Client s3 = S3Client.create();
        helper(message);
    }
    void helper(String message) { new Worker().run(message); }
}
"""

CS_HANDLER = """using Amazon.Lambda.Core;
using Amazon.S3;
namespace App;
public class Function : Base
{
    public string FunctionHandler(string input, ILambdaContext context)
    {
        var s3 = new AmazonS3Client();
        return Helper(input);
    }
    private string Helper(string input) => input;
}
"""

CS_TEST = """using Amazon.S3;
using Xunit;
namespace App.Tests;
public class FunctionTests : Base
{
    private readonly Worker _worker = new Worker();
    [Fact]
    public void Handles()
    {
        var s3 = new AmazonS3Client();
        Helper();
    }
    private void Helper() => new Function().FunctionHandler("x", null);
}
"""


def source(rel: str, text: str, language: Language) -> SourceFile:
    return SourceFile(path=Path("/project") / rel, rel=rel, text=text,
                      sha256=hashlib.sha256(text.encode()).hexdigest(), language=language)


def test_a_java_test_file_is_described_by_its_declarations():
    main = java_rules.describe(source("src/main/java/app/Handler.java", JAVA_TEST_DOUBLE, Language.JAVA))
    test = java_rules.describe(source("src/test/java/app/Handler.java", JAVA_TEST_DOUBLE, Language.JAVA))
    assert test.role == "test" and main.role == ""
    assert main.cands and not test.cands
    assert any(call[0] in ("m", "new") for fn in main.fns.values() for call in fn["calls"])
    assert not any(call[0] in ("m", "new") for fn in test.fns.values() for call in fn["calls"])
    # what it declares is the same as for any other file
    assert {k.split("#")[1]: (fn["n"], fn["c"]) for k, fn in test.fns.items()} == \
        {k.split("#")[1]: (fn["n"], fn["c"]) for k, fn in main.fns.items()}
    assert test.bases == main.bases == {"Handler": ["Base"]}
    assert test.callbacks == main.callbacks == [["Handler", "process"]]
    assert test.package == main.package == "app"


def test_a_csharp_test_file_is_described_by_its_declarations():
    main = csharp_rules.describe(source("src/App/FunctionTests.cs".replace("Tests", "Checks"), CS_TEST,
                                        Language.CSHARP))
    test = csharp_rules.describe(source("test/App.Tests/FunctionTests.cs", CS_TEST, Language.CSHARP))
    assert test.role == "test" and main.role == ""
    assert main.cands and not test.cands
    assert any(call[0] in ("m", "new") for fn in main.fns.values() for call in fn["calls"])
    assert not any(call[0] in ("m", "new") for fn in test.fns.values() for call in fn["calls"])
    assert {k.split("#")[1]: (fn["n"], fn["c"], fn["r"]) for k, fn in test.fns.items()} == \
        {k.split("#")[1]: (fn["n"], fn["c"], fn["r"] or "test") for k, fn in main.fns.items()}
    assert test.bases == main.bases == {"FunctionTests": ["Base"]}
    assert test.holds == main.holds == {"FunctionTests": ["Worker"]}
    assert test.package == main.package == "App.Tests"


def findings_by_path(root: Path) -> dict[str, list[str]]:
    result = scan(root, workers=0, use_cache=False)
    found: dict[str, list[str]] = {}
    for finding in result.findings:
        found.setdefault(finding.path, []).append(finding.rule)
    return found


def test_a_java_test_double_registering_a_callback_is_not_request_code(tmp_path):
    main = tmp_path / "src/main/java/app/Handler.java"
    test = tmp_path / "src/test/java/app/Handler.java"
    main.parent.mkdir(parents=True)
    test.parent.mkdir(parents=True)
    main.write_text(JAVA_HANDLER)
    test.write_text(JAVA_TEST_DOUBLE)
    found = findings_by_path(tmp_path)
    assert "LMI103" in found.get("src/main/java/app/Handler.java", [])
    assert "src/test/java/app/Handler.java" not in found


def test_a_csharp_test_project_gets_no_findings_and_the_function_keeps_its_own(tmp_path):
    main = tmp_path / "src/App/Function.cs"
    test = tmp_path / "test/App.Tests/FunctionTests.cs"
    main.parent.mkdir(parents=True)
    test.parent.mkdir(parents=True)
    main.write_text(CS_HANDLER)
    test.write_text(CS_TEST)
    found = findings_by_path(tmp_path)
    assert "LMI103" in found.get("src/App/Function.cs", [])
    assert "test/App.Tests/FunctionTests.cs" not in found
