"""C# fixes applied here (edits sorted by start, applied from the last): the result parses without new ERROR
nodes and no longer triggers the rule; fixes that cannot be exact are not offered."""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

import pytest

from workbench.readiness.csharp_rules import ANALYZER
from workbench.readiness.model import Applicability, Language, ScanContext, SourceFile
from workbench.readiness.treesitter import error_count

FIXTURES = Path(__file__).parent / "fixtures_csharp"
FUNCTION = (FIXTURES / "Function.cs").read_text()


def analyze(text: str):
    source = SourceFile(path=Path("/project/F.cs"), rel="F.cs", text=text,
                        sha256=hashlib.sha256(text.encode()).hexdigest(), language=Language.CSHARP)
    return ANALYZER.analyze(source, ScanContext(root=Path("/project")))


def apply(text: str, fix) -> str:
    edits = sorted(fix.edits, key=lambda e: e.start)
    for before, after in itertools.pairwise(edits):
        assert before.end <= after.start
    for edit in reversed(edits):
        text = text[:edit.start] + edit.replacement + text[edit.end:]
    return text


def round_trip(text: str, code: str, needle: str):
    hit = next(h for h in analyze(text) if h.code == code and needle in h.message)
    assert hit.fix is not None
    fixed = apply(text, hit.fix)
    assert error_count(fixed, "csharp") <= error_count(text, "csharp")
    assert not any(h.code == code and needle in h.message for h in analyze(fixed))
    return hit.fix, fixed


def test_hoist_client_to_a_static_readonly_field():
    fix, fixed = round_trip(FUNCTION, "LMI103", "AmazonDynamoDBClient")
    assert fix.applicability is Applicability.SAFE
    assert ("{\n    private static readonly AmazonDynamoDBClient dynamo = new AmazonDynamoDBClient("
            "RegionEndpoint.EUWest1);\n\n    private static readonly Dictionary") in fixed


def test_hoist_client_keeps_a_declared_interface_type():
    text = ("public class F\n{\n    private const string Url = \"http://localhost\";\n"
            "    public string Handle(string s, ILambdaContext context)\n    {\n"
            "        IAmazonSQS sqs = new AmazonSQSClient(new AmazonSQSConfig { ServiceURL = Url });\n"
            "        return s;\n    }\n}\n")
    _, fixed = round_trip(text, "LMI103", "AmazonSQSClient")
    assert "    private static readonly IAmazonSQS sqs = new AmazonSQSClient(new AmazonSQSConfig { ServiceURL = Url });" \
        in fixed


def test_hoist_a_client_built_with_a_target_typed_new():
    # heldout4: `AmazonBedrockRuntimeClient bedrockClient = new();` in the handler; the field keeps the declared type
    text = ("public class F\n{\n    public string Handle(string s, ILambdaContext context)\n    {\n"
            "        AmazonBedrockRuntimeClient bedrockClient = new();\n        return s;\n    }\n}\n")
    fix, fixed = round_trip(text, "LMI103", "AmazonBedrockRuntimeClient")
    assert fix.applicability is Applicability.SAFE
    assert "    private static readonly AmazonBedrockRuntimeClient bedrockClient = new();" in fixed


@pytest.mark.parametrize("statement", [
    "var s3 = new AmazonS3Client(RegionEndpoint.GetBySystemName(s));",   # a parameter
    "using var s3 = new AmazonS3Client();",                              # disposed each time
    "var s3 = new AmazonS3Client();\n        s3.Dispose();",              # disposed each time
    "var s3 = new AmazonS3Client(_config);",                             # an instance field
])
def test_hoist_client_only_when_exact(statement):
    text = ("public class F\n{\n    private AmazonS3Config _config = new();\n"
            f"    public string Handle(string s, ILambdaContext context)\n    {{\n        {statement}\n"
            "        return s;\n    }\n}\n")
    hit = next(h for h in analyze(text) if h.code == "LMI103")
    assert hit.fix is None


def test_dictionary_becomes_a_concurrent_dictionary():
    fix, fixed = round_trip(FUNCTION, "LMI204", "Dictionary")
    assert fix.applicability is Applicability.NEEDS_REVIEW
    assert "new ConcurrentDictionary<string, string>();" in fixed
    assert "private static readonly ConcurrentDictionary<string, string> Cache" in fixed
    assert "Cache.TryAdd(input.Id, input.Sku);" in fixed
    assert "using System;\nusing System.Collections.Concurrent;\nusing System.Collections.Generic;" in fixed


def test_dictionary_remove_and_target_typed_new():
    text = ("using Amazon.Lambda.Core;\n\npublic class F\n{\n"
            "    private static readonly IDictionary<string, int> Seen = new Dictionary<string, int>();\n"
            "    private static readonly Dictionary<string, int> Hits = new();\n"
            "    public string Handle(string s, ILambdaContext context)\n    {\n"
            "        Hits.Remove(s);\n        Seen[s] = 1;\n        return s;\n    }\n}\n")
    _, fixed = round_trip(text, "LMI204", "`Hits`")
    assert "private static readonly ConcurrentDictionary<string, int> Hits = new();" in fixed
    assert "Hits.TryRemove(s, out _);" in fixed
    assert fixed.startswith("using Amazon.Lambda.Core;\nusing System.Collections.Concurrent;\n")
    _, fixed = round_trip(text, "LMI204", "`Seen`")
    assert "IDictionary<string, int> Seen = new ConcurrentDictionary<string, int>();" in fixed


def test_a_dictionary_with_an_add_initializer_is_not_converted():
    text = ("public class F\n{\n    private static readonly Dictionary<string, int> M = new() { { \"a\", 1 } };\n"
            "    public string Handle(string s, ILambdaContext context) { M[s] = 2; return s; }\n}\n")
    hit = next(h for h in analyze(text) if h.code == "LMI204")
    assert hit.fix is None


def test_random_becomes_random_shared_unless_seeded():
    _, fixed = round_trip(FUNCTION, "LMI204", "Random")
    assert "private static readonly Random Dice = Random.Shared;" in fixed
    seeded = FUNCTION.replace("new Random()", "new Random(7)")
    hit = next(h for h in analyze(seeded) if h.code == "LMI204" and "Random" in h.message)
    assert hit.fix is None


@pytest.mark.parametrize("code, needle", [("LMI103", "AmazonDynamoDBClient"), ("LMI204", "Dictionary")])
def test_fixes_keep_crlf_line_endings(code, needle):
    _, fixed = round_trip(FUNCTION.replace("\n", "\r\n"), code, needle)
    assert "\n" not in fixed.replace("\r\n", "")
