"""What the scan's speed-ups must keep: the same answers as the slow paths they shortcut (issue 12, Speed).

libyaml composes the templates (the hits stay PyYAML's, ranges and errors included); the .gitignore patterns are
joined into one expression per file and compiled once per text (the walk keeps pathspec's answers).
"""

from __future__ import annotations

import json
import random

import pathspec
import pytest

from workbench.readiness import definitions, walking
from workbench.readiness.model import Language, ParseFailure, ScanContext, SourceFile

BLOCK_REF = """\
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Rt:
    Type: String
    Default: go1.x
Resources:
  Plain:
    Type: AWS::Lambda::Function
    Properties: {Handler: a.b, Runtime: ruby3.2}
  Flow:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: {Ref: Rt}
      Handler: a.b
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Handler: a.b
      Runtime:
        Ref: Rt"""   # no newline at the end: there libyaml and PyYAML end the last mapping differently


SERVERLESS = """\
service: demo
provider:
  name: aws
  runtime: python3.7
functions:
  one:
    handler: app.one
  two:
    handler: app.two
    runtime: nodejs12.x
"""


def _hits(text: str, rel: str) -> list:
    source = SourceFile(path=None, rel=rel, text=text, sha256="x", language=Language.TEMPLATE)  # type: ignore[arg-type]
    return definitions.ANALYZER.analyze(source, ScanContext(root=None))  # type: ignore[arg-type]


@pytest.mark.skipif(definitions._FAST_LOADER is None, reason="PyYAML without libyaml: nothing to compare")
@pytest.mark.parametrize(("text", "rel"), [
    (BLOCK_REF, "template.yaml"),
    (SERVERLESS, "serverless.yml"),
    (json.dumps({"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {
        "Runtime": {"Ref": "Rt"}, "Handler": "a.b"}}}, "Parameters": {"Rt": {"Default": "go1.x"}},
        "AWSTemplateFormatVersion": "2010-09-09"}, indent="\t"), "stack.template.json"),
])
def test_template_hits_are_the_same_with_libyaml_as_with_pyyaml(text, rel, monkeypatch):
    fast = _hits(text, rel)
    monkeypatch.setattr(definitions, "_FAST_LOADER", None)
    assert fast and fast == _hits(text, rel)


def test_a_runtime_given_as_a_block_mapping_keeps_pyyamls_range():
    """Where the document ends without a newline, libyaml ends the last block mapping on the line after it;
    PyYAML at the end of its last value. The hit on ``Runtime:\\n  Ref: Rt`` spans PyYAML's range whichever
    loader read the file first."""
    hits = {h.context: h for h in _hits(BLOCK_REF, "template.yaml")}
    lines = BLOCK_REF.split("\n")
    fn = hits["Fn"]
    assert lines[fn.line - 1].strip() == "Ref: Rt"
    assert (fn.end_line, fn.end_column) == (len(lines), len(lines[-1]) + 1)
    assert {"Plain", "Flow"} <= set(hits)


def test_a_template_libyaml_rejects_gets_pyyamls_error():
    bad = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn: [a, b\n  Other: 1\n"
    with pytest.raises(ParseFailure) as raised:
        _hits(bad, "template.yaml")
    saved = definitions._FAST_LOADER
    definitions._FAST_LOADER = None
    try:
        with pytest.raises(ParseFailure) as pure:
            _hits(bad, "template.yaml")
    finally:
        definitions._FAST_LOADER = saved
    assert str(raised.value) == str(pure.value) and raised.value.line == pure.value.line


GITIGNORES = [
    ["*.pyc", "build/", "!keep.pyc", "/docs/*.md", "**/gen/", "# comment", "", "*.log", "!important.log"],
    ["*", "!*/", "!*.py", "secret.py"],
    ["/only-root.py", "deep/**/x.py", "a?c.ts", "[bc]at.js", "trailing\\ ", "\\#hash.py", "\\!bang.py"],
    [".env", "node_modules", "dist/", "!dist/keep/", "coverage", "*.egg-info/"],
    # patterns tried only when the path holds their literal part (a character class, a class holding "]")
    ["[Dd]ebug/", "**/Properties/launchSettings.json", "*.[Cc]ache", "[]a]t.js", "b[!x]ild", "x*y/z?.py", "*~"],
    # name patterns (a whole name at any depth), looked up by name: exact, suffix, prefix, folder-only, the rest;
    # a character class that can match "/" ([+-0]) is not one
    ["*.suo", "*.user", "[Bb]in/", "~$*", "!*.[Cc]ache/", "[+-0]x", "*.py[co]", "foo*bar", ".*", "ipch/", "*_i.c",
     "**/[Pp]ackages/*", "!**/[Pp]ackages/build/", "_ReSharper*/", "*.*~", "node_modules", "!keep.user", "?"],
]
NAMES = ["a.py", "keep.pyc", "x.pyc", "build", "build/a.py", "docs/a.md", "sub/docs/a.md", "gen", "sub/gen/a.py",
         "err.log", "important.log", "sub/important.log", "only-root.py", "sub/only-root.py", "deep/x.py",
         "deep/a/b/x.py", "abc.ts", "aXc.ts", "cat.js", "bat.js", "#hash.py", "!bang.py", "secret.py",
         "sub/secret.py", "dist/a.js", "dist/keep/a.js", "pkg.egg-info/PKG", "node_modules/x/index.js",
         "trailing ", ".env", "sub/.env/x.py", "Debug/a.cs", "src/debug", "p/Properties/launchSettings.json",
         "a.Cache", "a.cache", "]t.js", "at.js", "bild", "build", "bxild", "x1y/z2.py", "xy/z.py", "f.py~",
         "a.suo", "a.suo/b.py", "x.user", "keep.user", "sub/keep.user", "bin", "Bin/a.cs", "src/bin", "~$doc.docx",
         "x/~$y", "+x", "0x", "ax", "a.pyc", "x/a.pyo", "foobar", "fooXbar/y", ".hidden/y", "ipch", "ipch/x", "x_i.c",
         "Packages/x", "a/packages/build/x", "_ReSharper.Caches/x", "a.b~", "node_modules", "q", "q/r.py"]


@pytest.mark.parametrize("lines", GITIGNORES)
def test_joined_gitignore_patterns_answer_as_pathspec(lines):
    ignores = walking._Ignores()
    ignores.add("", lines)
    ignores.add("sub", lines)
    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    rng = random.Random(12)
    names = NAMES + ["/".join(rng.choice(NAMES).split("/")[-1:] + [rng.choice(NAMES)]) for _ in range(200)]
    for name in names:
        for is_dir in (False, True):
            path = name + "/" if is_dir else name
            expected = spec.match_file(path) or (name.startswith("sub/") and spec.match_file(path[4:]))
            assert ignores.ignored(name, is_dir) == expected, (lines, name, is_dir)


def test_walk_follows_negations_nested_gitignores_and_edits(tmp_path):
    files = {
        ".gitignore": "*.py\n!keep.py\ngenerated/\n",
        "keep.py": "", "drop.py": "", "app.ts": "",
        "generated/keep.py": "",
        "sub/.gitignore": "local.ts\n",
        "sub/again.py": "", "sub/local.ts": "", "sub/other.ts": "",
        "same/.gitignore": "local.ts\n",    # the same text as sub/.gitignore: compiled once, applies here too
        "same/keep.py": "", "same/local.ts": "", "same/other.ts": "",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    first = sorted(c.rel for c in walking.walk(tmp_path).files)
    assert first == ["app.ts", "keep.py", "same/keep.py", "same/other.ts", "sub/other.ts"]
    (tmp_path / "sub/.gitignore").write_text("other.ts\n")   # an edited .gitignore is read again
    second = sorted(c.rel for c in walking.walk(tmp_path).files)
    assert second == ["app.ts", "keep.py", "same/keep.py", "same/other.ts", "sub/local.ts"]


def test_fix_builder_parents_are_libcsts():
    """The fix builder's parent map (one pass down the tree) is the one libcst's ParentNodeProvider gives."""
    import libcst as cst
    from libcst.metadata import MetadataWrapper, ParentNodeProvider

    from workbench.readiness.python.fixes.tree import parent_map

    text = (
        "import boto3, os\n@decorator(arg=1)\nclass A(B, metaclass=M):\n    x: int = 1\n"
        "    async def f(self, *a, k=2, **kw) -> None:\n        async with x as (y, z):\n"
        "            await g(*a, **kw)[1:2]\n        return [i for i in a if i] or {k: v for k, v in kw.items()}\n"
        "def handler(event, context):\n    try:\n        s3 = boto3.client('s3')\n    except (A, B) as e:\n"
        "        raise\n    finally:\n        open(f'/tmp/{event[\"id\"]!r:>3}', 'w').write('x')  # c\n"
        "    match event:\n        case {'a': [1, *rest]} if rest:\n            pass\n    lambda q=1: q\n"
    )
    module = cst.parse_module(text)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(ParentNodeProvider)
    got = parent_map(module)
    assert len(got) == len(expected) > 100
    assert all(got[node] is parent for node, parent in expected.items())


def test_a_pooled_scan_reports_what_an_in_process_scan_does_with_its_patches_built(tmp_path):
    """Python and the other families together: the pooled scan's findings, patches (built on demand), notices
    and handlers are the in-process scan's."""
    from tests.readiness._pyhelp import write
    from workbench.readiness import scanner

    handler = "import boto3\n\ndef handler(event, context):\n    return boto3.client('s3')\n"
    files = {f"pkg/m{i}.py": f"def f{i}():\n    return {i}\n" for i in range(60)}
    files.update({f"fn{i}/app.py": f"# function {i}\n{handler}" for i in range(5)})
    files["web/index.js"] = ("const AWS = require('aws-sdk');\nlet count = 0;\n"
                             "exports.handler = async (event, context) => {\n  count += 1;\n"
                             "  const s3 = new AWS.S3();\n  return count;\n};\n")
    write(tmp_path, files)
    inline = scanner.scan(tmp_path, workers=0, build_all_fixes=True)
    pooled = scanner.scan(tmp_path, workers=2, build_all_fixes=True)
    assert pooled.report.workers == 2
    assert [(f.fingerprint, f.fix.diff if f.fix else None) for f in pooled.findings] == \
        [(f.fingerprint, f.fix.diff if f.fix else None) for f in inline.findings]
    assert pooled.report.notices == inline.report.notices
    assert pooled.report.handlers == inline.report.handlers
    assert pooled.report.fixes_built == inline.report.fixes_built == 5


def test_a_rescan_in_the_same_process_sees_an_edited_template(tmp_path):
    """Templates are parsed once per text in a process; an edit (new text) is read again, an unchanged one
    gives the same handlers, and a broken one is reported on every scan."""
    from workbench.readiness.scanner import scan

    (tmp_path / "src").mkdir()
    (tmp_path / "src/app.py").write_text("def handler(event, context):\n    return 1\n\ndef other(event, context):\n"
                                         "    return 2\n")
    template = ("AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n"
                "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n"
                "      Handler: app.{name}\n      Runtime: python3.12\n")
    (tmp_path / "template.yaml").write_text(template.format(name="handler"))

    def defined(result):
        return sorted((h.rel, h.function) for h in result.report.handlers if h.source != "shape")

    assert defined(scan(tmp_path, workers=0)) == [("src/app.py", "handler")]
    assert defined(scan(tmp_path, workers=0)) == [("src/app.py", "handler")]
    (tmp_path / "template.yaml").write_text(template.format(name="other"))
    assert defined(scan(tmp_path, workers=0)) == [("src/app.py", "other")]
    (tmp_path / "template.yaml").write_text("AWSTemplateFormatVersion: '2010-09-09'\nResources: [a, b\n")
    for _ in range(2):
        assert any(p.rel == "template.yaml" for p in scan(tmp_path, workers=0).report.failed)
