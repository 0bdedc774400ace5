"""Java fixes applied here (edits sorted by start, applied from the last): the result parses without new ERROR
nodes and no longer triggers the rule; fixes that cannot be exact are not offered."""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

import pytest

from workbench.readiness.java_rules import ANALYZER
from workbench.readiness.model import Applicability, Language, ScanContext, SourceFile
from workbench.readiness.treesitter import error_count

FIXTURES = Path(__file__).parent / "fixtures_java"
ORDER = (FIXTURES / "OrderHandler.java").read_text()


def analyze(text: str):
    source = SourceFile(path=Path("/project/H.java"), rel="H.java", text=text,
                        sha256=hashlib.sha256(text.encode()).hexdigest(), language=Language.JAVA)
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
    assert error_count(fixed, "java") <= error_count(text, "java")
    assert not any(h.code == code and needle in h.message for h in analyze(fixed))
    return hit.fix, fixed


def test_hoist_client_to_a_private_static_final_field():
    fix, fixed = round_trip(ORDER, "LMI103", "S3Client")
    assert fix.applicability is Applicability.SAFE
    assert ("{\n    private static final S3Client s3 = S3Client.builder()\n            .region(Region.EU_WEST_1)\n"
            "            .build();\n\n    private static final Map<String, String> CACHE") in fixed
    assert fixed.count("S3Client.builder()") == 1


def test_hoist_client_with_var_uses_the_client_class():
    text = ("class H implements RequestHandler<String, String> {\n    private static final String Q = \"q\";\n"
            "    public String handleRequest(String in, Context context) {\n"
            "        var sqs = SqsClient.create();\n        return sqs.toString() + Q;\n    }\n}\n")
    _, fixed = round_trip(text, "LMI103", "SqsClient")
    assert "    private static final SqsClient sqs = SqsClient.create();\n" in fixed


@pytest.mark.parametrize("declaration", [
    # a local (a Region the request names is not reported at all: per request by design, corpus_heldout8)
    "String r = pick();\n        S3Client s3 = S3Client.builder().region(Region.of(r)).build();",
    "S3Client s3 = S3Client.builder().region(this.region).build();",            # the instance
    "S3Client s3 = S3Client.create();\n        s3.close();",                    # closed each time
    "AmazonS3 s3 = AmazonS3ClientBuilder.defaultClient();\n        var t = 1;",  # v1 with a declared interface: ok
])
def test_hoist_client_only_when_exact(declaration):
    text = ("class H implements RequestHandler<String, String> {\n    private Region region;\n"
            f"    public String handleRequest(String in, Context context) {{\n        {declaration}\n"
            "        return \"\";\n    }\n}\n")
    hit = next(h for h in analyze(text) if h.code == "LMI103")
    if "AmazonS3ClientBuilder" in declaration:
        assert hit.fix is not None and "private static final AmazonS3 s3" in apply(text, hit.fix)
    else:
        assert hit.fix is None


def test_hash_map_becomes_a_concurrent_hash_map_with_its_import():
    fix, fixed = round_trip(ORDER, "LMI204", "HashMap")
    assert fix.applicability is Applicability.NEEDS_REVIEW
    assert "private static final Map<String, String> CACHE = new ConcurrentHashMap<>();" in fixed
    assert "import java.util.Map;\nimport java.util.concurrent.ConcurrentHashMap;\nimport software" in fixed


def test_a_declared_hash_map_type_changes_too_and_an_existing_import_is_kept():
    text = ("import java.util.concurrent.*;\nclass H implements RequestHandler<String, String> {\n"
            "    private static final HashMap<String, String> M = new HashMap<>(16);\n"
            "    public String handleRequest(String in, Context context) { M.put(in, in); return in; }\n}\n")
    _, fixed = round_trip(text, "LMI204", "HashMap")
    assert "private static final ConcurrentHashMap<String, String> M = new ConcurrentHashMap<>(16);" in fixed
    assert fixed.count("import") == 1


def test_a_file_without_imports_gets_one_after_its_package():
    text = ("package a;\n\nclass H implements RequestHandler<String, String> {\n"
            "    private static final java.util.Map<String, String> M = new HashMap<>();\n"
            "    public String handleRequest(String in, Context context) { M.put(in, in); return in; }\n}\n")
    _, fixed = round_trip(text, "LMI204", "HashMap")
    assert fixed.startswith("package a;\n\nimport java.util.concurrent.ConcurrentHashMap;\n\nclass H")


def test_simple_date_format_becomes_a_date_time_formatter():
    fix, fixed = round_trip(ORDER, "LMI204", "SimpleDateFormat")
    assert fix.applicability is Applicability.NEEDS_REVIEW
    assert 'private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd");' in fixed
    assert "import java.time.format.DateTimeFormatter;\nimport java.util.HashMap;" in fixed


def test_other_collections_are_reported_without_a_fix():
    text = ("class H implements RequestHandler<String, String> {\n"
            "    private static final java.util.List<String> L = new ArrayList<>();\n"
            "    public String handleRequest(String in, Context context) { L.add(in); return in; }\n}\n")
    hit = next(h for h in analyze(text) if h.code == "LMI204")
    assert hit.fix is None


@pytest.mark.parametrize("code, needle", [("LMI103", "S3Client"), ("LMI204", "HashMap")])
def test_fixes_keep_crlf_line_endings(code, needle):
    _, fixed = round_trip(ORDER.replace("\n", "\r\n"), code, needle)
    assert "\n" not in fixed.replace("\r\n", "")
