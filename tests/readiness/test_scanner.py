"""The scanner: what it reads and skips (each with a clear line), handler discovery, the cache, the pool."""

from __future__ import annotations

import os
import sys

import pytest

from tests.readiness._pyhelp import found, project, write
from workbench.readiness.scanner import build_fixes, scan
from workbench.store import Store

HANDLER = """
import boto3

def handler(event, context):
    return boto3.client("s3")
"""


def _skipped(result) -> dict[str, str]:
    return {s.rel: s.reason for s in result.report.skipped}


def test_bad_files_are_lines_in_the_report_not_crashes(tmp_path):
    write(tmp_path, {
        "app.py": HANDLER,
        "latin1.py": "# caf\xe9\n".encode("latin-1"),
        "blob.py": b"\x00\x01\x02binary",
        "big.py": "x = 1\n" * 200_000,
    })
    os.symlink(tmp_path, tmp_path / "loop")
    os.symlink(tmp_path / "missing.py", tmp_path / "dangling.py")
    result = scan(tmp_path, workers=0)
    skipped = _skipped(result)
    assert skipped["latin1.py"].startswith("not UTF-8 (invalid byte 0xe9")
    assert skipped["blob.py"].startswith("binary file")
    assert skipped["big.py"].startswith("larger than 1 MB")
    assert "symlink loop" in skipped["loop"]
    assert skipped["dangling.py"] == "broken symlink"
    assert [f.line for f in found(result, "LMI103")] == [4]
    text = "\n".join(result.report.lines_out())
    assert "skipped latin1.py: not UTF-8" in text and "skipped big.py: larger than 1 MB" in text


def test_unreadable_file_is_skipped_with_a_reason(tmp_path):
    write(tmp_path, {"app.py": HANDLER, "secret.py": "x = 1\n"})
    (tmp_path / "secret.py").chmod(0)
    try:
        if os.access(tmp_path / "secret.py", os.R_OK):
            pytest.skip("running as a user who can read everything (root)")
        result = scan(tmp_path, workers=0)
        assert _skipped(result)["secret.py"] == "unreadable: permission denied"
    finally:
        (tmp_path / "secret.py").chmod(0o644)


def test_unreadable_file_read_failure_is_reported(tmp_path, monkeypatch):
    """The read path itself (exercised even as root): a PermissionError becomes a skip line."""
    import builtins

    write(tmp_path, {"app.py": HANDLER, "secret.py": "x = 1\n"})
    real_open = builtins.open

    def guarded(path, *args, **kwargs):
        if str(path).endswith("secret.py"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    result = scan(tmp_path, workers=0)
    assert _skipped(result)["secret.py"] == "unreadable: permission denied"
    assert found(result, "LMI103")


@pytest.mark.parametrize("target, message", [
    ("", "no path given"),
    ("{tmp}/nowhere", "no such file or directory"),
])
def test_missing_or_empty_path_is_fatal_with_a_message(tmp_path, target, message):
    result = scan(target.format(tmp=tmp_path))
    assert message in result.report.fatal and result.findings == []


def test_empty_directory_says_so(tmp_path):
    result = scan(tmp_path, workers=0)
    assert result.report.fatal is None
    assert result.report.notices == ["no source, manifest or template files found to scan"]


def test_one_file_can_be_scanned(tmp_path):
    write(tmp_path, {"lambda_function.py": HANDLER, "other.py": HANDLER})
    result = scan(tmp_path / "lambda_function.py", workers=0)
    assert [f.path for f in result.findings] == ["lambda_function.py"]
    assert result.report.files_scanned == 1


def test_gitignore_and_dependency_folders_are_left_out(tmp_path):
    write(tmp_path, {
        ".gitignore": "generated/\n*.gen.py\n",
        "app.py": HANDLER,
        "generated/app.py": HANDLER, "x.gen.py": HANDLER,
        "node_modules/lib/index.js": "exports.handler = async () => {}\n",
        ".venv/lib/site.py": HANDLER, "venv/pyvenv.cfg": "", "venv/lib/x.py": HANDLER,
        "build/app.py": HANDLER, ".aws-sam/build/app.py": HANDLER, "cdk.out/asset/app.py": HANDLER,
        "sub/.gitignore": "local.py\n", "sub/local.py": HANDLER, "sub/kept.py": HANDLER,
        "venvtools/kept.py": HANDLER,
    })
    result = scan(tmp_path, workers=0)
    assert sorted(result.sources) == ["app.py", "sub/kept.py", "venvtools/kept.py"]
    assert {"node_modules", ".venv", "venv", "build", ".aws-sam", "cdk.out"} <= set(result.report.skipped_dirs)


def test_handlers_from_sam_with_intrinsic_tags(tmp_path):
    result = project(tmp_path, {
        "template.yaml": """
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Runtime: python3.13
                Environment:
                  Variables:
                    ARN: !GetAtt Queue.Arn
                    URL: !Sub "https://${AWS::Region}.example.com"
            Resources:
              Orders:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: functions/orders/
                  Handler: handlers.api.main
                  Role: !If [IsProd, !Ref ProdRole, !Ref DevRole]
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Handler: index.handler
                  Runtime: nodejs22.x
                  Code: workers/
              Queue:
                Type: AWS::SQS::Queue
            """,
        "functions/orders/handlers/api.py": """
            import boto3

            def main(event, ctx):
                return boto3.client("s3")
            """,
        "workers/index.js": "exports.handler = async (event) => ({ ok: true });\n",
    })
    refs = {(h.rel, h.function, h.runtime) for h in result.report.handlers}
    assert ("functions/orders/handlers/api.py", "main", "python3.13") in refs
    assert ("workers/index.js", "handler", "nodejs22.x") in refs
    assert result.context.runtimes["functions/orders/handlers/api.py"] == "python3.13"
    assert [f.line for f in found(result, "LMI103")] == [4]


def test_handlers_from_cdk_and_serverless(tmp_path):
    result = project(tmp_path, {
        "infra/stack.ts": """
            import * as lambda from 'aws-cdk-lib/aws-lambda';
            import * as path from 'path';
            new lambda.Function(this, 'Api', {
              runtime: lambda.Runtime.PYTHON_3_13,
              handler: 'main.run',
              code: lambda.Code.fromAsset(path.join(__dirname, '..', 'api')),
            });
            new lambda.Function(this, 'Js', {
              runtime: lambda.Runtime.NODEJS_22_X,
              handler: 'index.handler',
              code: lambda.Code.fromAsset('js'),
            });
            """,
        "infra/app.py": """
            from aws_cdk import aws_lambda as _lambda
            _lambda.Function(self, "Py", runtime=_lambda.Runtime.PYTHON_3_11, handler="job.go",
                             code=_lambda.Code.from_asset("jobs"))
            """,
        "api/main.py": "def run(event, context):\n    return 1\n",
        "js/index.js": "exports.handler = async () => 1;\n",
        "jobs/job.py": "def go(event, context):\n    return 1\n",
        "sls/serverless.yml": """
            service: x
            provider:
              name: aws
              runtime: python3.13
            functions:
              hello:
                handler: src/hello.main
            """,
        "sls/src/hello.py": "def main(event, context):\n    return 1\n",
    })
    refs = {(h.rel, h.function, h.runtime) for h in result.report.handlers}
    assert {("api/main.py", "run", "python3.13"), ("js/index.js", "handler", "nodejs22.x"),
            ("jobs/job.py", "go", "python3.11"), ("sls/src/hello.py", "main", "python3.13")} <= refs


def test_handler_shapes_in_other_runtimes(tmp_path):
    from workbench.readiness.handlers import by_shape
    from workbench.readiness.model import Language

    assert [h.function for h in by_shape("a.mjs", Language.JAVASCRIPT,
                                         "export const handler = async (event, context) => {}")] == ["handler"]
    assert [h.function for h in by_shape("H.java", Language.JAVA,
                                         "public class H implements RequestHandler<Map, String> {\n"
                                         "  public String handleRequest(Map e, Context c) { return \"\"; }\n}")] == [
        "handleRequest"]
    assert [h.function for h in by_shape("F.cs", Language.CSHARP,
                                         "using Amazon.Lambda.Core;\npublic class F {\n"
                                         "  public async Task<string> FunctionHandler(string input, ILambdaContext c)"
                                         " { return input; }\n}")] == ["FunctionHandler"]


def test_bad_template_is_reported(tmp_path):
    result = project(tmp_path, {"template.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nResources: [\n"})
    assert result.report.failed[0].message.startswith("could not parse template.yaml:")


def test_progress_is_reported_per_file(tmp_path):
    write(tmp_path, {f"m{i}.py": "x = 1\n" for i in range(5)})
    seen = []
    scan(tmp_path, workers=0, on_progress=lambda done, total, rel: seen.append((done, total)))
    assert seen[-1] == (5, 5) and len(seen) == 5


def test_second_scan_of_an_unchanged_tree_analyses_nothing(tmp_path):
    write(tmp_path / "src", {"app.py": HANDLER, "lib.py": "def f():\n    return 1\n", "template.yaml": "x: 1\n"})
    with Store.open(tmp_path / "s.sqlite", author="t") as store:
        first = scan(tmp_path / "src", store=store, workers=0)
        assert first.report.files_analyzed == 2 and first.report.fixes_built == 0 and first.pending_fixes == 1
        build_fixes(first)   # as a report that prints patches does: the built patch goes to the cache
        assert first.report.fixes_built == 1 and first.findings[0].fix is not None
        second = scan(tmp_path / "src", store=store, workers=0)
        assert (second.report.files_analyzed, second.report.cache_hits, second.report.fixes_built) == (0, 2, 0)
        assert [f.fingerprint for f in second.findings] == [f.fingerprint for f in first.findings]
        assert second.findings[0].fix == first.findings[0].fix and second.pending_fixes == 0
        (tmp_path / "src" / "lib.py").write_text("def f():\n    return 2\n")
        third = scan(tmp_path / "src", store=store, workers=0)
        assert (third.report.files_analyzed, third.report.cache_hits) == (1, 1)


def test_worker_processes_give_the_same_findings(tmp_path):
    files = {f"pkg/m{i}.py": f"def f{i}():\n    return {i}\n" for i in range(60)}
    files["app.py"] = HANDLER
    files["pkg/broken.py"] = "def x(:\n"
    write(tmp_path, files)
    pooled = scan(tmp_path, workers=2)
    inline = scan(tmp_path, workers=0)
    assert pooled.report.workers == 2 and inline.report.workers == 0
    assert [f.fingerprint for f in pooled.findings] == [f.fingerprint for f in inline.findings]
    assert [p.message for p in pooled.report.failed] == [p.message for p in inline.report.failed]


def test_demo_sample_project_shows_real_python_findings():
    from workbench.demo import sample_project_path

    result = scan(sample_project_path(), workers=0)
    python = [(f.rule, f.line) for f in result.findings if f.path == "src/orders/app.py"]
    assert python == [("LMI102", 41), ("LMI101", 55), ("LMI103", 58), ("LMI103", 67)]
    assert found(result, path="src/orders/reports.py") == []
    assert all(f.pending_fix is not None for f in result.findings if f.path == "src/orders/app.py")
    assert all(f.fix is not None for f in build_fixes(result) if f.path == "src/orders/app.py")


def test_no_fix_is_built_by_the_scan_in_any_process(tmp_path, monkeypatch):
    # Five handlers, each with a client made per request (LMI103, fixable), among enough files for the pool.
    files = {f"pkg/m{i}.py": f"def f{i}():\n    return {i}\n" for i in range(60)}
    files.update({f"fn{i}/app.py": f"# function {i}\n{HANDLER}" for i in range(5)})
    write(tmp_path, files)
    from workbench.readiness import python_rules

    real = python_rules.PythonAnalyzer.build_fix

    def broken(self, source, facts, hit, ctx):
        raise AssertionError("built by the scan")

    monkeypatch.setattr(python_rules.PythonAnalyzer, "build_fix", broken)
    inline = scan(tmp_path, workers=0)
    pooled = scan(tmp_path, workers=2)
    assert pooled.report.workers == 2
    for result in (inline, pooled):
        assert result.pending_fixes == 5 and result.report.fixes_built == 0
        assert not [n for n in result.report.notices if n.startswith("no patch")]
    monkeypatch.setattr(python_rules.PythonAnalyzer, "build_fix", real)
    assert [(f.fingerprint, f.fix.diff if f.fix else None) for f in build_fixes(pooled)] == \
        [(f.fingerprint, f.fix.diff if f.fix else None) for f in build_fixes(inline)]
    assert pooled.report.fixes_built == inline.report.fixes_built == 5


def test_many_patches_are_built_by_the_worker_processes(tmp_path, monkeypatch):
    files = {f"pkg/m{i}.py": f"def f{i}():\n    return {i}\n" for i in range(60)}
    files.update({f"fn{i}/app.py": f"# function {i}\n{HANDLER}" for i in range(5)})
    write(tmp_path, files)
    inline = build_fixes(scan(tmp_path, workers=0))
    assert sum(f.fix is not None for f in inline) == 5
    from workbench.readiness import python_rules

    scanning, real = os.getpid(), python_rules.PythonAnalyzer.build_fix

    def broken(self, source, facts, hit, ctx):   # a worker forked from this process inherits the patch
        if os.getpid() == scanning:
            raise AssertionError("built in the scanning process")
        return real(self, source, facts, hit, ctx)

    monkeypatch.setattr(python_rules.PythonAnalyzer, "build_fix", broken)
    pooled = scan(tmp_path, workers=2)
    assert [(f.fingerprint, f.fix.diff if f.fix else None) for f in build_fixes(pooled)] == \
        [(f.fingerprint, f.fix.diff if f.fix else None) for f in inline]
    assert pooled.report.fixes_built == 5 and not [n for n in pooled.report.notices if n.startswith("no patch")]


def test_a_fix_that_cannot_be_built_is_a_notice(tmp_path, monkeypatch):
    files = {f"pkg/m{i}.py": f"def f{i}():\n    return {i}\n" for i in range(60)}
    files["app.py"] = HANDLER
    write(tmp_path, files)
    from workbench.readiness import python_rules

    def broken(self, source, facts, hit, ctx):
        raise ValueError("no tree")

    monkeypatch.setattr(python_rules.PythonAnalyzer, "build_fix", broken)
    pooled = scan(tmp_path, workers=2)
    assert pooled.report.workers == 2
    assert [f.fix for f in build_fixes(pooled)] == [None] and pooled.pending_fixes == 0
    assert any(n.startswith("no patch for LMI103 at app.py:4: ValueError: no tree") for n in pooled.report.notices)


def test_the_rule_registry_does_not_import_the_fix_builders():
    # libcst (the Python fix builder) costs about a second per worker process: it is imported for fixes only.
    import subprocess
    import sys

    code = ("import sys; from workbench.readiness.rules import analyzers, family_modules; analyzers(); "
            "print('libcst' in sys.modules, any(m.endswith('_fixes') for m in family_modules()))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_templates_load_the_same_with_libyaml_and_errors_are_pyyamls():
    import yaml

    from workbench.readiness import handlers

    text = "Resources:\n  Fn:\n    Properties:\n      Role: !GetAtt Role.Arn\n      Name: !Sub '${A}-x'\n" \
           "      Env: [!Ref Table, 3, yes, 1.5, null]\n"
    assert handlers.load_yaml(text) == yaml.load(text, Loader=handlers._TolerantLoader)
    bad = "Resources:\n  Fn: [a, b\n  Other: 1\n"
    with pytest.raises(yaml.YAMLError) as fast:
        handlers.load_yaml(bad)
    with pytest.raises(yaml.YAMLError) as pure:
        yaml.load(bad, Loader=handlers._TolerantLoader)
    assert str(fast.value) == str(pure.value)


@pytest.mark.parametrize(("text", "names"), [
    ("exports.handler = async (event, context) => 1;\n", ["handler"]),
    ("myexports.handler = async (e) => 1;\nmodule_exports.handler = function () {}\n", []),
    ("_export const handler = async () => 1;\nexport const handler = async () => 1;\n", ["handler"]),
    ("const x = 1;export async function handler(event) {}\n", ["handler"]),
    ("éexport function handler(e) {}\n", []),
])
def test_handler_shapes_start_at_a_word_boundary(text, names):
    from workbench.readiness.handlers import by_shape
    from workbench.readiness.model import Language

    assert [h.function for h in by_shape("index.js", Language.JAVASCRIPT, text)] == names


def test_workers_start_early_only_for_a_cold_scan_of_many_files(tmp_path, monkeypatch):
    from workbench.readiness import scanner

    warmed = []
    original = scanner._Pool.warm

    def warm(self):
        warmed.append(self.workers)
        original(self)

    monkeypatch.setattr(scanner._Pool, "warm", warm)
    write(tmp_path / "big", {f"pkg/m{i}.py": f"def f{i}():\n    return {i}\n" for i in range(60)} | {"app.py": HANDLER})
    write(tmp_path / "small", {"app.py": HANDLER})
    with Store.open(tmp_path / "s.sqlite", author="t") as store:
        cold = scan(tmp_path / "big", store=store, workers=2)
        assert warmed == [2] and cold.report.workers == 2
        again = scan(tmp_path / "big", store=store, workers=2)        # the cache answers: no workers
        assert warmed == [2] and again.report.workers == 0
        assert [f.fingerprint for f in again.findings] == [f.fingerprint for f in cold.findings]
    scan(tmp_path / "small", workers=2)
    scan(tmp_path / "big", workers=0)
    assert warmed == [2]


def test_workers_are_spawned_where_there_is_no_fork_server(tmp_path, monkeypatch):
    import multiprocessing

    from workbench.readiness import scanner

    files = {f"pkg/m{i}.py": f"def f{i}():\n    return {i}\n" for i in range(60)}
    files.update({f"fn{i}/app.py": f"# function {i}\n{HANDLER}" for i in range(5)})
    write(tmp_path, files)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])   # as on Windows
    scanner._mp_context.cache_clear()
    try:
        assert scanner._mp_context().get_start_method() == "spawn"
        pooled = scan(tmp_path, workers=2)
    finally:
        scanner._mp_context.cache_clear()
    inline = scan(tmp_path, workers=0)
    assert pooled.report.workers == 2 and not [n for n in pooled.report.notices if "worker" in n]
    assert [(f.fingerprint, f.fix.diff if f.fix else None) for f in pooled.findings] == \
        [(f.fingerprint, f.fix.diff if f.fix else None) for f in inline.findings]


def test_a_warm_scan_finds_what_the_cold_one_did_in_files_with_the_same_content(tmp_path):
    # The cache is keyed by content and path: a copy of a file elsewhere (another function's folder, a test folder)
    # is described by its own path, not by the copy's (whose function keys and test role it would take).
    js = ('const { S3Client } = require("@aws-sdk/client-s3");\n'
          "exports.handler = async (event) => {\n  const s3 = new S3Client({});\n  return s3;\n};\n")
    write(tmp_path / "p", {"a/index.js": js, "b/index.js": js, "tests/index.js": js,
                           "app.py": HANDLER, "tests/app.py": HANDLER})
    with Store.open(tmp_path / "s.sqlite", author="t") as store:
        cold = scan(tmp_path / "p", store=store, workers=0)
        warm = scan(tmp_path / "p", store=store, workers=0)
    assert warm.report.cache_hits == 5 and warm.report.files_analyzed == 0
    assert [(f.path, f.rule, f.line) for f in cold.findings] == [(f.path, f.rule, f.line) for f in warm.findings]
    assert {f.path for f in cold.findings} == {"a/index.js", "b/index.js", "app.py"}


def test_files_go_to_the_workers_before_the_handlers_are_found(tmp_path, monkeypatch):
    # The workers analyse while this process is still walking, reading and finding the handlers: a file's own
    # description does not depend on them.
    from workbench.readiness import scanner

    files = {f"pkg/m{i}.py": f"def f{i}():\n    return {i}\n" for i in range(60)}
    files.update({f"fn{i}/app.py": f"# function {i}\n{HANDLER}" for i in range(5)})
    write(tmp_path, files)
    handed_out = []
    submit = scanner._Feed._submit
    monkeypatch.setattr(scanner._Feed, "_submit", lambda self, batch: (handed_out.extend(batch), submit(self, batch)))
    at_discovery = []
    discover = scanner.discover
    monkeypatch.setattr(scanner, "discover", lambda files, texts: (at_discovery.append(len(handed_out)),
                                                                   discover(files, texts))[1])
    pooled = scan(tmp_path, workers=2)
    assert pooled.report.workers == 2 and at_discovery == [65]
    inline = scan(tmp_path, workers=0)
    assert [f.fingerprint for f in pooled.findings] == [f.fingerprint for f in inline.findings]
    assert len(pooled.findings) == 5


class _IdleExecutor:
    """An executor whose workers never take a batch (as when they are slow to start on a busy machine)."""

    def submit(self, fn, *args):
        from concurrent.futures import Future

        return Future()

    def shutdown(self, wait=True, cancel_futures=False):
        pass


def test_the_scan_analyses_itself_the_batches_no_worker_has_taken(tmp_path, monkeypatch):
    from workbench.readiness import scanner

    files = {f"pkg/m{i}.py": f"def f{i}():\n    return {i}\n" for i in range(60)}
    files.update({f"fn{i}/app.py": f"# function {i}\n{HANDLER}" for i in range(5)})
    write(tmp_path, files)
    inline = scan(tmp_path, workers=0)
    monkeypatch.setattr(scanner._Pool, "executor", lambda self: _IdleExecutor())
    pooled = scan(tmp_path, workers=2)
    assert pooled.report.files_analyzed == 65 and pooled.report.worker_cpu_s == 0
    assert {label for label, _, _ in pooled.report.spans if "process" in label or "worker" in label} == \
        {"this process"}
    assert [(f.fingerprint, f.message) for f in pooled.findings] == [(f.fingerprint, f.message)
                                                                     for f in inline.findings]
    assert pooled.report.parsers == inline.report.parsers and pooled.report.lines == inline.report.lines


def test_the_fork_server_starts_with_a_cold_scan_of_a_folder(tmp_path, monkeypatch):
    # It warms up (imports the analyzers, builds the parsers) while this process loads the analyzers and walks.
    from workbench.readiness import scanner

    started = []
    monkeypatch.setattr(scanner, "_start_fork_server", lambda: started.append(True))
    write(tmp_path / "p", {"app.py": HANDLER})
    monkeypatch.setattr(scanner, "_fork_is_safe", lambda: True)    # workers forked from this process: no server
    scan(tmp_path / "p", workers=2)
    assert started == []
    monkeypatch.setattr(scanner, "_fork_is_safe", lambda: False)   # e.g. the TUI, which scans from a thread
    scan(tmp_path / "p", workers=2)
    assert started == [True]
    scan(tmp_path / "p", workers=0)
    scan(tmp_path / "p" / "app.py", workers=2)
    with Store.open(tmp_path / "s.sqlite", author="t") as store:
        scan(tmp_path / "p", store=store, workers=2)
        scan(tmp_path / "p", store=store, workers=2)     # the cache answers: no workers needed
    assert started == [True, True]


def test_workers_are_forked_from_this_process_only_from_a_lone_main_thread(monkeypatch):
    # A fork copies only the calling thread: a lock another thread holds would stay locked in the child.
    import sys
    import threading

    from workbench.readiness import scanner

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(scanner, "_os_threads", lambda: 1)
    assert scanner._fork_is_safe() is True
    seen = []
    thread = threading.Thread(target=lambda: seen.append(scanner._fork_is_safe()))
    thread.start()
    thread.join()
    assert seen == [False]                                  # a scan from a thread (the TUI's)
    monkeypatch.setattr(scanner, "_os_threads", lambda: 2)
    assert scanner._fork_is_safe() is False                 # another thread runs
    monkeypatch.setattr(scanner, "_os_threads", lambda: 1)
    monkeypatch.setattr(sys, "platform", "darwin")
    assert scanner._fork_is_safe() is False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/task is Linux's")
def test_a_thread_the_threading_module_does_not_know_still_prevents_the_fork():
    """A thread started with ``_thread`` (as pytest-xdist's execnet starts its receiver) or by C code is not in
    ``threading.active_count()``, yet a fork would copy a lock it holds; the OS's count sees it."""
    import _thread
    import threading

    from workbench.readiness import scanner

    started, release = threading.Event(), threading.Event()
    hidden_id: list[int] = []

    def hidden():
        hidden_id.append(threading.get_native_id())
        started.set()
        release.wait(10)

    _thread.start_new_thread(hidden, ())
    try:
        assert started.wait(10)
        # invisible to the threading module, seen by the OS (other threads of the test process may come and go
        # meanwhile, so the thread itself is looked for, not a change in the count)
        assert hidden_id[0] not in {t.native_id for t in threading.enumerate()}
        assert str(hidden_id[0]) in os.listdir("/proc/self/task")
        assert scanner._os_threads() >= 2
        assert scanner._fork_is_safe() is False
    finally:
        release.set()


def _recording_pool_methods(monkeypatch) -> list[str]:
    from workbench.readiness import scanner

    methods: list[str] = []
    executor = scanner._Pool.executor

    def record(self):
        fresh = self._executor is None
        made = executor(self)
        if fresh:
            methods.append(made._mp_context.get_start_method())
        return made

    monkeypatch.setattr(scanner._Pool, "executor", record)
    return methods


def test_workers_forked_from_this_process_find_what_an_in_process_scan_does(tmp_path, monkeypatch):
    from workbench.readiness import scanner

    files = {f"pkg/m{i}.py": f"def f{i}():\n    return {i}\n" for i in range(60)}
    files.update({f"fn{i}/app.py": f"# function {i}\n{HANDLER}" for i in range(5)})
    files.update({f"web{i}/index.js": "const s3 = new S3Client({});\nexports.handler = async (e) => { let t = e; return t; };\n"
                  for i in range(3)})
    write(tmp_path, files)
    methods = _recording_pool_methods(monkeypatch)
    started = []
    monkeypatch.setattr(scanner, "_start_fork_server", lambda: started.append(True))
    monkeypatch.setattr(scanner, "_fork_is_safe", lambda: True)
    pooled = scan(tmp_path, workers=2)
    inline = scan(tmp_path, workers=0)
    assert methods == ["fork"] and started == [] and pooled.report.workers == 2
    assert not [n for n in pooled.report.notices if "worker" in n]
    assert [(f.fingerprint, f.message) for f in pooled.findings] == [(f.fingerprint, f.message)
                                                                     for f in inline.findings]
    assert pooled.report.parsers == inline.report.parsers and pooled.report.lines == inline.report.lines


def test_a_scan_from_a_thread_takes_its_workers_from_the_fork_server(tmp_path, monkeypatch):
    import multiprocessing
    import threading

    if "forkserver" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork server on this platform")
    files = {f"pkg/m{i}.py": f"def f{i}():\n    return {i}\n" for i in range(60)}
    files.update({f"fn{i}/app.py": f"# function {i}\n{HANDLER}" for i in range(5)})
    write(tmp_path, files)
    methods = _recording_pool_methods(monkeypatch)
    results = []
    thread = threading.Thread(target=lambda: results.append(scan(tmp_path, workers=2)))
    thread.start()
    thread.join()
    assert methods == ["forkserver"] and results[0].report.workers == 2
    assert [f.fingerprint for f in results[0].findings] == [f.fingerprint for f in scan(tmp_path, workers=0).findings]


def test_the_cache_kind_read_without_the_models_is_the_models_kind():
    from workbench.models.findings import ScanCache
    from workbench.readiness.cache import SCAN_CACHE_KIND

    assert SCAN_CACHE_KIND == ScanCache.KIND


def test_workers_that_cannot_start_leave_the_files_to_this_process(tmp_path, monkeypatch):
    from workbench.readiness import scanner

    files = {f"pkg/m{i}.py": f"def f{i}():\n    return {i}\n" for i in range(60)}
    files.update({f"fn{i}/app.py": f"# function {i}\n{HANDLER}" for i in range(5)})
    write(tmp_path, files)
    inline = scan(tmp_path, workers=0)

    def no_processes(self):
        raise OSError("no semaphores here")

    monkeypatch.setattr(scanner._Pool, "executor", no_processes)
    pooled = scan(tmp_path, workers=2)
    assert pooled.report.workers == 0 and pooled.report.files_analyzed == 65
    assert "worker processes unavailable (OSError); analysed in-process" in pooled.report.notices
    assert [(f.fingerprint, f.message) for f in pooled.findings] == [(f.fingerprint, f.message)
                                                                     for f in inline.findings]


class _BrokenExecutor:
    """An executor whose worker processes die (killed, out of memory): every batch fails."""

    def submit(self, fn, *args):
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        future = Future()
        future.set_exception(BrokenProcessPool("a worker process died"))
        return future

    def shutdown(self, wait=True, cancel_futures=False):
        pass


def test_batches_of_dead_workers_are_analysed_by_this_process(tmp_path, monkeypatch):
    from workbench.readiness import scanner

    files = {f"pkg/m{i}.py": f"def f{i}():\n    return {i}\n" for i in range(60)}
    files.update({f"fn{i}/app.py": f"# function {i}\n{HANDLER}" for i in range(5)})
    write(tmp_path, files)
    inline = scan(tmp_path, workers=0)
    monkeypatch.setattr(scanner._Pool, "executor", lambda self: _BrokenExecutor())
    pooled = scan(tmp_path, workers=2)
    assert pooled.report.workers == 0 and pooled.report.files_analyzed == 65
    assert "worker processes unavailable (BrokenProcessPool); analysed in-process" in pooled.report.notices
    assert [(f.fingerprint, f.message) for f in pooled.findings] == [(f.fingerprint, f.message)
                                                                     for f in inline.findings]


def test_a_scan_leaves_no_reference_cycle_behind_and_the_collector_as_it_was():
    # The collector is off for the whole scan: a cycle made anywhere in it would keep its objects until the next
    # collection after the scan (a scan's files and trees are big).
    import gc
    from pathlib import Path

    corpus = Path(__file__).parent / "corpus"
    scan(corpus, workers=0)   # imports and first-use caches are not the scan's garbage
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        result = scan(corpus, workers=0)   # (the fix builders' libcst trees do hold cycles: built afterwards)
        assert gc.isenabled() and result.findings
        del result
        gc.collect()
        assert [type(o).__name__ for o in gc.garbage][:20] == []
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    gc.disable()
    try:
        scan(corpus / "coffee", workers=0)
        assert not gc.isenabled()
    finally:
        gc.enable()
