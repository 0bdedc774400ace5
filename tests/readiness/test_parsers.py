"""Newest syntax per language: one fixture per construct, each followed by a known finding. The file must be read
(not rejected), the finding after the construct must be reported, and the scan report must say per file which
parser read it and whether the parse was full, partial (rules ran on the rest) or recovered.

Grammars: Python's own ``ast`` (3.11) with libcst's native parser for newer syntax; tree-sitter-c-sharp 0.23.5,
tree-sitter-java 0.23.5, tree-sitter-typescript 0.23.2, tree-sitter-javascript 0.25.0 (requirements.lock).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.readiness._pyhelp import SAM, found, project
from workbench.readiness.model import Language, ScanContext, SourceFile
from workbench.readiness.python.facts.extractor import PARSER_AST, PARSER_NEWER, extract

# ----- Python -------------------------------------------------------------------------------------------------------
# construct -> (code placed before the handler, the parser that must read it)
PYTHON = {
    "match statement (3.10)": ('def kind(x):\n    match x:\n        case {"k": v}:\n            return v\n', PARSER_AST),
    "except* (3.11)": ('def g():\n    try:\n        pass\n    except* ValueError:\n        pass\n', PARSER_AST),
    "PEP 695 type statement (3.12)": ('type Point = tuple[float, float]\ntype Pair[T] = tuple[T, T]\n', PARSER_NEWER),
    "PEP 695 generic function (3.12)": ('def first[T](xs: list[T]) -> T:\n    return xs[0]\n', PARSER_NEWER),
    "PEP 695 generic class (3.12)": ('class Box[T: (int, str), *Ts, **P]:\n    def get(self) -> T: ...\n', PARSER_NEWER),
    "PEP 696 type parameter default (3.13)": ('def ident[T = int](x: T) -> T:\n    return x\n', PARSER_NEWER),
    "PEP 701 same quotes (3.12)": ('def label(e):\n    return f"{e["name"]}"\n', PARSER_NEWER),
    "PEP 701 nested same-quote f-strings (3.12)": ('X = {"a": 1}\nY = f"{f"{X["a"]}"}"\n', PARSER_NEWER),
    "PEP 701 backslash in a replacement field (3.12)": ('A = ["x", "y"]\nS = f"{"\\n".join(A)}"\n', PARSER_NEWER),
    "PEP 701 multi-line field with a comment (3.12)": ('S = f"{1 +\n    2  # two\n}"\n', PARSER_NEWER),
    "PEP 701 same triple quotes (3.12)": ('X = 1\nS = f"""{f"""{X}"""}"""\n', PARSER_NEWER),
    "PEP 758 except without parentheses (3.14)": ('def g():\n    try:\n        pass\n    except ValueError, TypeError:\n'
                                                  '        pass\n', PARSER_NEWER),
    "PEP 750 template strings (3.14)": ('NAME = "x"\nT = t"hi {NAME!r:>10}"\n', PARSER_NEWER),
}
HANDLER = 'import boto3\n\n\ndef handler(event, context):\n    s3 = boto3.client("s3")\n    return s3\n'


@pytest.mark.parametrize("construct", sorted(PYTHON))
def test_python_construct_is_read_and_the_finding_after_it_reported(tmp_path, construct):
    code, parser = PYTHON[construct]
    text = code + "\n\n" + HANDLER
    assert extract(text)["parser"] == parser
    result = project(tmp_path / "p", {"template.yaml": SAM, "src/app.py": text})
    assert result.report.failed == []
    assert result.report.parsers["src/app.py"] == parser
    client_line = text.splitlines().index('    s3 = boto3.client("s3")') + 1
    assert [f.line for f in found(result, "LMI103")] == [client_line]


def test_newer_python_keeps_lines_and_what_replacement_fields_say(tmp_path):
    """The equivalent text keeps every line where it was, and the names inside rewritten replacement fields
    (the request id, a uuid) still count: this path is unique, the one after it is not."""
    text = ('import os, uuid\n\n\ndef handler(event, context):\n'
            '    p = f"/tmp/{"-".join([context.aws_request_id, "x"])}.json"\n'
            '    try:\n        open(p, "w").write("x")\n    finally:\n        os.remove(p)\n'
            '    q = f"/tmp/{"\\n".join([event["a"]])}.json"\n    return q\n')
    facts = extract(text)
    assert facts["parser"] == PARSER_NEWER
    assert [(c["code"], c["line"]) for c in facts["cands"] if c["code"] == "LMI101"] == [("LMI101", 10)]


def test_python_that_no_parser_reads_is_still_rejected_with_its_line(tmp_path):
    result = project(tmp_path / "p", {"template.yaml": SAM, "src/app.py": HANDLER + "\ndef broken(:\n"})
    assert [(p.rel, p.line) for p in result.report.failed] == [("src/app.py", 8)]


def test_a_plain_syntax_error_is_not_parsed_again_by_libcst(monkeypatch):
    """Parsing a large broken file a second time costs seconds: only an error near newer syntax (or a file with
    type parameters) is handed to libcst."""
    import libcst

    from workbench.readiness.model import ParseFailure

    calls = []
    real = libcst.parse_module
    monkeypatch.setattr(libcst, "parse_module", lambda text, *a, **k: calls.append(text) or real(text, *a, **k))
    with pytest.raises(ParseFailure):
        extract(HANDLER + 'X = f"{1}"\n' + "\n" * 10 + "def broken(:\n")
    assert calls == []
    with pytest.raises(ParseFailure):
        extract(HANDLER + 'def broken(:\n    return f"{1}"\n')
    assert len(calls) == 1


# ----- tree-sitter languages ---------------------------------------------------------------------------------------
def _analyze(language: Language, rel: str, text: str):
    from workbench.readiness.rules import analyzers_for

    source = SourceFile(path=Path("/project") / rel, rel=rel, text=text,
                        sha256=hashlib.sha256(text.encode()).hexdigest(), language=language)
    hits = []
    for analyzer in analyzers_for(language):
        hits.extend(analyzer.analyze(source, ScanContext(root=Path("/project"))))
    return hits


def _cs(members: str, before: str = "") -> str:
    return (f"using System.IO;\nusing Amazon.Lambda.Core;\n{before}\nnamespace Demo\n{{\npublic class Function\n{{\n"
            f"{members}\n    public string FunctionHandler(Request input, ILambdaContext context)\n    {{\n"
            "        File.WriteAllText(\"/tmp/out.json\", input.Body);\n        return \"ok\";\n    }\n}\n}\n")


CSHARP = {
    "#line": _cs('#line 200 "Special.cs"\n    int a = 1;\n#line default\n#line hidden\n'),
    "#line span (C# 10)": _cs('#line (1, 1) - (5, 60) 10 "partial-class.cs"\n    int a = 1;\n#line default\n'),
    "#pragma": _cs('#pragma warning disable CS0168\n    void M() { int x; }\n#pragma warning restore CS0168\n'),
    "#nullable": _cs("#nullable enable\n    string? s;\n#nullable restore\n"),
    "#region": _cs("#region Helpers\n    void M() { }\n#endregion\n"),
    "#if/#else around members": _cs("#if DEBUG\n    void M() { }\n#else\n    void N() { }\n#endif\n"),
    "#if/#else around usings": _cs("", "#if NET8_0\nusing System.Text.Json;\n#else\nusing Newtonsoft.Json;\n#endif\n"),
    "verbatim interpolated $@": _cs('    string M(int a) => $@"C:\\{a}\\x ""q"" {{lit}}";\n'),
    "verbatim interpolated @$": _cs('    string M(int a) => @$"C:\\{a}\\x ""q"" {{lit}}";\n'),
    "verbatim interpolated multi-line": _cs('    string M(int a) => @$"{{\n  ""id"": ""{a}"",\n  ""n"": {a + 1}\n}}";\n'),
    "verbatim interpolated format and nested string": _cs(
        '    string M(DateTime d, bool b) => $@"{d:yyyy-MM-dd} {d,10} {(b ? "x" : "y")} C:\\dir\\";\n'),
    "raw string literal (C# 11)": _cs('    string M() => """\n      raw "quoted" {x}\n      """;\n'),
    "raw interpolated $$ (C# 11)": _cs('    string M(int a) => $$"""\n      {"x": {{a}}}\n      """;\n'),
    "newline in interpolation hole (C# 11)": _cs('    string M(int a) => $"{a\n        + 1}";\n'),
    "record and record struct": _cs("    public record Person(string First, string Last);\n"
                                    "    public record struct P(int X);\n"),
    "primary constructor (C# 12)": _cs("    public class Svc(string name) { public string N => name; }\n"),
    "collection expression (C# 12)": _cs("    int[] M(int[] other) => [1, 2, ..other];\n"),
    "required and init": _cs("    public required string N { get; init; }\n"),
    "list pattern (C# 11)": _cs("    bool M(int[] a) => a is [1, .., 3];\n"),
    "file-scoped namespace (C# 10)": _cs("").replace("namespace Demo\n{\n", "namespace Demo;\n")[:-2],
}


@pytest.mark.parametrize("construct", sorted(CSHARP))
def test_csharp_construct_parses_and_the_finding_after_it_is_reported(construct):
    text = CSHARP[construct]
    from workbench.readiness.treesitter import parse

    assert not parse(text, "csharp").root.has_error, construct
    hits = [h for h in _analyze(Language.CSHARP, "src/Function.cs", text) if h.code == "LMI101"]
    assert [h.line for h in hits] == [text.splitlines().index(
        '        File.WriteAllText("/tmp/out.json", input.Body);') + 1]


JAVA_HANDLER = ("import com.amazonaws.services.lambda.runtime.Context;\n"
                "import com.amazonaws.services.lambda.runtime.RequestHandler;\nimport java.util.*;\n\n"
                "public class Handler implements RequestHandler<Map<String, String>, String> {\n{members}\n"
                "    public String handleRequest(Map<String, String> event, Context context) {\n"
                '        java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/out.json"), "x");\n'
                '        return "ok";\n    }\n}\n')
JAVA = {
    "text block (15)": '    static final String Q = """\n        select "x"\n        from t\n        """;\n',
    "record (16)": "    record P(int x, int y) { P { if (x < 0) throw new IllegalArgumentException(); } }\n",
    "sealed and non-sealed (17)": "    sealed interface S permits A, B {}\n    final class A implements S {}\n"
                                  "    non-sealed class B implements S {}\n",
    "switch patterns with guards (21)": '    String m(Object o) { return switch (o) { case Integer i when i > 0 -> "p"; '
                                        'case String s -> s; default -> "d"; }; }\n',
    "record patterns (21)": "    int m(Object o) { if (o instanceof P(int x, int y)) return x; return 0; }\n",
    "instanceof pattern (16)": "    int m(Object o) { if (o instanceof String s) return s.length(); return 0; }\n",
    "unnamed variable _ (22)": "    void m() { try { } catch (Exception _) { } }\n",
}


@pytest.mark.parametrize("construct", sorted(JAVA))
def test_java_construct_parses_and_the_finding_after_it_is_reported(construct):
    from workbench.readiness.treesitter import parse

    text = JAVA_HANDLER.replace("{members}", JAVA[construct])
    assert not parse(text, "java").root.has_error, construct
    hits = [h for h in _analyze(Language.JAVA, "src/main/java/Handler.java", text) if h.code == "LMI101"]
    assert [h.line for h in hits] == [next(i for i, line in enumerate(text.splitlines(), 1) if "/tmp/out.json" in line)]


JS_TAIL = ('const fs = require("fs");\nexports.handler = async (event, context) => {\n'
           '  fs.writeFileSync("/tmp/out.json", event.body);\n  return "ok";\n};\n')
SCRIPT = {
    ("typescript", "decorators"): "@Component({ a: 1 })\nclass A { @Input() x: string; @log m() {} }\n",
    ("typescript", "satisfies (4.9)"): "const c = { a: 1 } satisfies Record<string, number>;\n",
    ("typescript", "using / await using (5.2)"): "async function f() { using r = get(); await using s = getAsync(); }\n",
    ("typescript", "private #fields"): "class A { #x = 1; get() { return this.#x; } static #y() {} }\n",
    ("typescript", "accessor (4.9)"): "class A { accessor x = 1; }\n",
    ("typescript", "const type parameter (5.0)"): "function f<const T>(x: T) { return x; }\n",
    ("typescript", "import attributes"): 'import data from "./d.json" with { type: "json" };\n',
    ("javascript", "decorators"): "@dec\nclass A { @log m() {} }\n",
    ("javascript", "using / await using"): "async function f() { using r = get(); await using s = getAsync(); }\n",
    ("javascript", "private #fields and #x in obj"): "class A { #x = 1; get() { return #x in this ? this.#x : 0; } }\n",
    ("javascript", "static block"): "class A { static { init(); } }\n",
    ("javascript", "import attributes"): 'import data from "./d.json" with { type: "json" };\n',
    ("javascript", "top-level await"): 'const x = await fetch("u");\n',
    ("javascript", "regex v flag"): "const r = /[\\p{L}--[a-z]]/v;\n",
    ("javascript", "hashbang"): "#!/usr/bin/env node\n",
}


@pytest.mark.parametrize("language, construct", sorted(SCRIPT))
def test_script_construct_parses_and_the_finding_after_it_is_reported(language, construct):
    from workbench.readiness.treesitter import parse

    text = SCRIPT[(language, construct)] + JS_TAIL
    assert not parse(text, language).root.has_error, construct
    rel = "index.ts" if language == "typescript" else "index.js"
    hits = [h for h in _analyze(Language(language), rel, text) if h.code == "LMI101"]
    assert [h.line for h in hits] == [text.splitlines().index('  fs.writeFileSync("/tmp/out.json", event.body);') + 1]


# ----- what the grammar does not know: recovered or partial, and said so -------------------------------------------
SPLIT_HEADER = ("using System.IO;\nusing Amazon.Lambda.Core;\nnamespace Demo;\npublic class Function\n{\n"
                "#if NET8_0\n    public async Task<string> FunctionHandler(Request input, ILambdaContext context)\n"
                "#else\n    public Task<string> FunctionHandler(Request input, ILambdaContext context)\n#endif\n"
                "    {\n        File.WriteAllText(\"/tmp/out.json\", input.Body);\n        return \"ok\";\n    }\n}\n")
SPLIT_BLOCK = ("using System.IO;\nusing Amazon.Lambda.Core;\nnamespace Demo;\npublic class Function\n{\n"
               "    public string FunctionHandler(Request input, ILambdaContext context)\n    {\n#if DEBUG\n"
               "        if (input.Debug) {\n#else\n        if (input.Trace) {\n#endif\n"
               "            context.Logger.LogLine(\"x\");\n        }\n"
               "        File.WriteAllText(\"/tmp/out.json\", input.Body);\n        return \"ok\";\n    }\n}\n")
VARIANCE = "interface X<in out A> { a: A }\n" + JS_TAIL


def test_csharp_if_else_that_splits_a_construct_is_read_with_its_first_branch(tmp_path):
    """Each branch alone is valid C#, both together are not: the file is read with the first branch of each
    #if (the others blanked, offsets kept), and the report says so for that file."""
    result = project(tmp_path / "p", {"src/Function.cs": SPLIT_HEADER, "src/Block.cs": SPLIT_BLOCK,
                                      "src/Plain.cs": _cs("")}, entry="all")
    assert result.report.failed == []
    def line_of(text: str) -> int:
        return text.splitlines().index('        File.WriteAllText("/tmp/out.json", input.Body);') + 1

    assert sorted((f.path, f.line) for f in found(result, "LMI101")) == [
        ("src/Block.cs", line_of(SPLIT_BLOCK)), ("src/Function.cs", line_of(SPLIT_HEADER)),
        ("src/Plain.cs", line_of(_cs("")))]
    parsers = result.report.parsers
    assert parsers["src/Plain.cs"] == "tree-sitter-c-sharp"
    for rel in ("src/Function.cs", "src/Block.cs"):
        assert parsers[rel] == ("tree-sitter-c-sharp (recovered: read without its preprocessor directive lines and "
                                "with the first branch of each #if (1 line of other branches not analysed))")
    from workbench.readiness.treesitter import parse

    assert parse(SPLIT_HEADER, "csharp").root.has_error  # the grammar alone leaves error regions


def test_recovered_csharp_fix_keeps_the_other_branch(tmp_path):
    """A fix built on the recovered tree edits the file's own text: the #else branch is still there."""
    text = SPLIT_BLOCK.replace("using System.IO;\n", "using System.IO;\nusing Amazon.S3;\n").replace(
        '        File.WriteAllText', '        var s3 = new AmazonS3Client();\n        File.WriteAllText')
    result = project(tmp_path / "p", {"src/Function.cs": text}, entry="all")
    diffs = [f.fix.diff for f in found(result) if f.fix is not None]
    assert diffs
    for diff in diffs:
        assert "-#else" not in diff and "-        if (input.Trace) {" not in diff


def test_typescript_the_grammar_half_knows_is_partial_and_the_rules_run_on_the_rest(tmp_path):
    result = project(tmp_path / "p", {"index.ts": VARIANCE}, entry="all")
    assert result.report.failed == []
    assert [f.line for f in found(result, "LMI101")] == [4]
    assert result.report.parsers["index.ts"] == ("tree-sitter-typescript (partial: 1 syntax error region, at line 1; "
                                                 "the rules ran on the rest)")


# Shapes seen in real repositories (written here, not copied): T4-generated code whose #line directives name a
# Windows path (the file name is not an escaped string), and .NET 10 file-based apps with #:package lines.
T4 = ("namespace Demo.Templates\n{\n    using System.IO;\n    using Amazon.Lambda.Core;\n\n"
      '    #line 1 "C:\\src\\Demo\\Templates\\Function.tt"\n'
      '    [global::System.CodeDom.Compiler.GeneratedCodeAttribute("Microsoft.VisualStudio.TextTemplating", "17.0.0.0")]\n'
      "    public partial class Function\n    {\n#line hidden\n"
      "        public string FunctionHandler(Request input, ILambdaContext context)\n        {\n"
      '            #line 10 "C:\\src\\Demo\\Templates\\Function.tt"\n'
      '            File.WriteAllText("/tmp/out.json", input.Body);\n'
      "            #line default\n            #line hidden\n"
      '            return "ok";\n        }\n    }\n}\n')
FILE_BASED = ("#!/usr/bin/env dotnet\n#:package Amazon.Lambda.Core@2.8.0\n#:package Amazon.Lambda.RuntimeSupport@1.14.1\n"
              "#:property TargetFramework=net10.0\n\nusing System.IO;\nusing Amazon.Lambda.Core;\n\n"
              "public class Function\n{\n    public string FunctionHandler(Request input, ILambdaContext context)\n    {\n"
              '        File.WriteAllText("/tmp/out.json", input.Body);\n        return "ok";\n    }\n}\n')


@pytest.mark.parametrize("name, text", [("T4.cs", T4), ("Function.cs", FILE_BASED)])
def test_csharp_directives_the_grammar_trips_on_are_read_as_the_compiler_reads_them(tmp_path, name, text):
    from workbench.readiness.treesitter import parse

    assert parse(text, "csharp").root.has_error  # the grammar alone
    result = project(tmp_path / "p", {f"src/{name}": text}, entry="all")
    assert result.report.failed == []
    assert [f.line for f in found(result, "LMI101")] == [
        text.splitlines().index(next(line for line in text.splitlines() if "/tmp/out.json" in line)) + 1]
    assert result.report.parsers[f"src/{name}"] == ("tree-sitter-c-sharp (recovered: read without its "
                                                     "preprocessor directive lines)")


FLOW = ('// @flow\nconst fs = require("fs");\n'
        'exports.handler = async (event: {body: string}, context: Object): Promise<string> => {\n'
        '  fs.writeFileSync("/tmp/out.json", event.body);\n  return "ok";\n};\n')


def test_javascript_with_type_annotations_is_read_with_the_tsx_grammar(tmp_path):
    """Flow (or TypeScript under a .js name): the JavaScript grammar loses the typed handler and its finding."""
    from workbench.readiness.treesitter import parse

    assert parse(FLOW, "javascript").root.has_error
    result = project(tmp_path / "p", {"index.js": FLOW}, entry="all")
    assert [(f.rule, f.line) for f in found(result, "LMI101")] == [("LMI101", 4)]
    assert result.report.parsers["index.js"] == ("tree-sitter-javascript (recovered: read with the TSX grammar "
                                                 "(type annotations in a JavaScript file))")


# C# 14 (.NET 10) syntax that tree-sitter-c-sharp 0.23.5, the newest grammar wheel, does not know yet: the file is
# read partially, the report says so, and the rules still run on the rest.
CSHARP_14 = {
    "extension block (C# 14)": _cs("    public static class E { extension(string s) { public int L => s.Length; } }\n"),
    "null-conditional assignment (C# 14)": _cs("    void M(Function? f) { f?.Name = \"x\"; }\n    string Name;\n"),
}


@pytest.mark.parametrize("construct", sorted(CSHARP_14))
def test_csharp_14_syntax_is_read_partially_and_said_so(tmp_path, construct):
    text = CSHARP_14[construct]
    result = project(tmp_path / "p", {"src/Function.cs": text}, entry="all")
    assert result.report.failed == []
    assert result.report.parsers["src/Function.cs"].startswith("tree-sitter-c-sharp (partial: ")
    assert [f.line for f in found(result, "LMI101")] == [
        text.splitlines().index('        File.WriteAllText("/tmp/out.json", input.Body);') + 1]
