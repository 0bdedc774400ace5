"""Hostile-input suite for `lmi-workbench scan`: crashes and lost edits. Prints figures.

    .venv/bin/python bench/bench_hostile.py [--trials 40] [--naive]

1. Crashes: about 40 hostile projects (names that are not UTF-8, unreadable files and folders, FIFOs, symlink
   loops, BOMs, CRLF, NUL bytes, Latin-1, Python 3.12+ syntax, a 5,000-deep expression, YAML alias bombs,
   broken JSON/XML/Java/JS/C#, read-only and hard-linked files under --fix ...), each scanned in every report
   format and with --fix all. A crash is an exception out of the CLI, a traceback on stderr, an exit code other
   than 0/1/2, or output that is not valid UTF-8 (or not valid JSON for json/sarif).
2. Lost edits: ``--trials`` applies of a patch while a real concurrent writer (another thread) saves the file
   at a random moment, before, inside or after the window between the content check and the swap (the window
   is widened with the patch module's test hook). An edit is lost when the file does not end with the editor's
   text. ``--naive`` runs the same trials against a check-then-rename writer (the behaviour before) to show
   what the test catches.
As root, permissions do not stop reads: the unreadable cases then only exercise the code paths.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.cli import main
from workbench.readiness import patches

SAM = """AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.13
"""
APP = 'import boto3\n\n\ndef handler(event, context):\n    s3 = boto3.client("s3")\n    print("hi")\n    return s3\n'
JS = 'exports.handler = (event, context, callback) => {\n  const s3 = new S3Client({});\n  callback(null, 1);\n};\n'
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)) + "AWSTemplateFormatVersion: x\n"


def _project(root: Path, files: dict) -> None:
    (root / "src").mkdir(parents=True, exist_ok=True)
    (root / "template.yaml").write_text(SAM)
    (root / "src" / "app.py").write_text(APP)
    for rel, content in files.items():
        path = root / os.fsdecode(rel) if isinstance(rel, bytes) else root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content(path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _loop(path: Path) -> None:
    path.symlink_to(path.parent)


def _outside(path: Path) -> None:
    path.symlink_to("/etc")


def _unreadable(path: Path) -> None:
    path.write_text(APP)
    path.chmod(0)


def _unreadable_dir(path: Path) -> None:
    path.mkdir()
    (path / "x.py").write_text(APP)
    path.chmod(0)


def _readonly(path: Path) -> None:
    path.write_text(APP)
    path.chmod(0o444)


def _hardlink(path: Path) -> None:
    path.write_text(APP)
    os.link(path, path.with_name("linked.py"))


CASES: dict[str, dict] = {
    "non-utf8 file name": {b"src/caf\xe9.py": APP},
    "non-utf8 folder name": {b"src/d\xff/app.py": APP},
    "newline in a file name": {"src/a\nb.py": APP},
    "dash file name": {"src/-rf.py": APP},
    "255-char file name": {"src/" + "x" * 252 + ".py": APP},
    "folder named app2.py": {"src/app2.py/inner.py": APP},
    "fifo named x.py": {"src/x.py": _fifo},
    "symlink loop": {"src/loop": _loop},
    "symlink outside the root": {"src/etc": _outside},
    "broken symlink": {"src/gone.py": lambda p: p.symlink_to("/nonexistent/x.py")},
    "unreadable file": {"src/secret.py": _unreadable},
    "unreadable folder": {"src/private": _unreadable_dir},
    "read-only file": {"src/ro.py": _readonly},
    "hard-linked file": {"src/hard.py": _hardlink},
    "NUL bytes": {"src/bin.py": b"import os\x00\x00\n"},
    "latin-1 content": {"src/latin.py": "# caf\xe9\n".encode("latin-1")},
    "BOM": {"src/bom.py": b"\xef\xbb\xbf" + APP.encode()},
    "only a BOM": {"src/onlybom.py": b"\xef\xbb\xbf"},
    "empty file": {"src/empty.py": ""},
    "CRLF": {"src/crlf.py": APP.replace("\n", "\r\n")},
    "lone CR": {"src/cr.py": APP.replace("\n", "\r")},
    "python 3.12 syntax": {"src/new.py": 'def handler(event, context):\n    print(f"{event["k"]}")\n'},
    "invalid python": {"src/bad.py": "def f(:\n"},
    "5,000-deep expression": {"src/deep.py": "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n"},
    "900 KB single line": {"src/wide.py": "x = '" + "a" * 900_000 + "'\n"},
    "over 1 MB": {"src/big.py": "x = 1\n" * 200_000},
    "yaml alias bomb": {"stack/template.yaml": BOMB},
    "invalid yaml": {"t2/template.yaml": "Resources: [\n  : :\n"},
    "invalid package.json": {"package.json": "{ nope"},
    "xml with an entity": {"pom.xml": '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                                      "<project>&e;</project>"},
    "invalid requirements": {"requirements.txt": "boto3>=>1\n-e ../..\n--hash=\n"},
    "invalid JS": {"js/index.js": "exports.handler = async (event) => { return ; ) };\n"},
    "callback JS": {"js/cb.js": JS},
    "TS variance markers": {"js/v.ts": "interface X<in out A> { a: A }\nexport const handler = async () => 1;\n"},
    "broken Java": {"java/H.java": "public class H { void m() { S3Client c = S3Client.create(); \n"},
    "C# #line directive": {"cs/F.cs": "#line 10 \"x.cs\"\nclass F { void H() { var s = $@\"{1}\"; } }\n"},
    "serverless other cloud": {"serverless.yml": "provider:\n  name: aliyun\nfunctions:\n  f:\n    handler: x\n"},
    "template that is a list": {"t3/template.json": '["AWSTemplateFormatVersion"]'},
}


def _run(args: list[str]) -> tuple[int | None, str, str, str | None]:
    out, err = io.StringIO(), io.StringIO()
    crash = None
    code = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except BaseException as error:  # noqa: BLE001 - that is what is counted
            crash = f"{type(error).__name__}: {error}"
    return code, out.getvalue(), err.getvalue(), crash


def crash_suite() -> tuple[int, int, list[str]]:
    runs = crashes = 0
    problems = []
    for name, files in CASES.items():
        for mode in ("text", "json", "sarif", "markdown", "fix"):
            with tempfile.TemporaryDirectory() as tmp:
                root = Path(tmp) / "p"
                _project(root, files)
                args = ["scan", str(root), "--no-cache"] + (["--fix", "all"] if mode == "fix" else
                                                             ["--format", mode])
                code, out, err, crash = _run(args)
                runs += 1
                why = crash
                if why is None and code not in (0, 1, 2):
                    why = f"exit code {code}"
                if why is None and "Traceback" in err:
                    why = "traceback on stderr"
                if why is None:
                    try:
                        out.encode("utf-8")
                        if mode in ("json", "sarif"):
                            json.loads(out)
                    except (UnicodeEncodeError, ValueError) as error:
                        why = f"bad output: {error}"
                if why:
                    crashes += 1
                    problems.append(f"{name} [{mode}]: {why}")
                for dirpath, dirnames, _ in os.walk(root):
                    for d in dirnames:
                        with contextlib.suppress(OSError):
                            os.chmod(os.path.join(dirpath, d), 0o755)
    return runs, crashes, problems


EDITOR = "# the editor's save\nimport boto3\n"


def _naive_swap(path: Path, rel: str, expected: bytes, new_data: bytes) -> None:
    """The behaviour before: check, then write a temp file and rename it over."""
    if path.read_bytes() != expected:
        raise patches.FileChangedError(rel)
    patches._before_swap(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(new_data)
    os.replace(tmp, path)


def lost_edit_trials(trials: int, naive: bool) -> tuple[int, int, int]:
    from workbench.readiness.scanner import scan

    rng = random.Random(7)
    lost = refused = applied = 0
    original_swap = patches.swap_in
    if naive:
        patches.swap_in = _naive_swap
    try:
        for _ in range(trials):
            with tempfile.TemporaryDirectory() as tmp:
                root = Path(tmp) / "p"
                _project(root, {})
                result = scan(root, workers=0, use_cache=False)
                finding = next(f for f in result.findings if f.rule == "LMI103")
                path = root / finding.path
                delay = rng.uniform(0, 0.02)
                window = rng.uniform(0, 0.02)

                def editor(path: Path = path, delay: float = delay) -> None:
                    time.sleep(delay)
                    save = path.with_name("app.py.swp")
                    save.write_text(EDITOR)
                    os.replace(save, path)

                patches._before_swap = lambda _p, w=window: time.sleep(w)
                writer = threading.Thread(target=editor)
                writer.start()
                try:
                    patches.apply_finding(None, result.root, finding)
                    applied += 1
                except patches.PatchError:
                    refused += 1
                writer.join()
                if path.read_text() != EDITOR:
                    lost += 1
    finally:
        patches.swap_in = original_swap
        patches._before_swap = lambda _p: None
    return lost, refused, applied


def concurrent_store_scans(trials: int) -> tuple[int, int]:
    """Two `scan --store` processes on one session at once: (runs, runs that crashed)."""
    import subprocess

    root_dir = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root_dir)}
    runs = crashes = 0
    for _ in range(trials):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "p"
            _project(root, {"src/more.py": APP.replace("s3", "sqs"), "src/tmp.py": 'def handler(event, context):\n'
                                                                                      '    open("/tmp/x", "w")\n'})
            command = [sys.executable, "-m", "workbench.cli", "scan", str(root), "--store", str(Path(tmp) / "s.sqlite"),
                       "--format", "json", "--no-cache"]
            procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                     for _ in range(2)]
            for proc in procs:
                out, err = proc.communicate(timeout=300)
                runs += 1
                if proc.returncode not in (0, 1, 2) or "Traceback" in err or proc.returncode == 2:
                    crashes += 1
                    print(f"  store scan: exit {proc.returncode}: {err.strip()[-300:]}")
    return runs, crashes


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--naive", action="store_true", help="also run the trials against check-then-rename")
    parser.add_argument("--store-trials", type=int, default=5, help="pairs of concurrent `scan --store` runs")
    args = parser.parse_args()
    if os.geteuid() == 0:
        print("note: running as root: unreadable files and folders are readable here")
    started = time.perf_counter()
    runs, crashes, problems = crash_suite()
    print(f"hostile projects: {len(CASES)}, scans: {runs}, crashes: {crashes}  ({time.perf_counter() - started:.1f} s)")
    for problem in problems:
        print(f"  {problem}")
    lost, refused, applied = lost_edit_trials(args.trials, naive=False)
    print(f"concurrent edits: {args.trials} trials, lost: {lost}, patch refused (edit kept): {refused}, "
          f"patch applied before the save: {applied}")
    if args.naive:
        lost, refused, applied = lost_edit_trials(args.trials, naive=True)
        print(f"  check-then-rename (before): lost: {lost}, refused: {refused}, applied: {applied}")
    runs, crashes = concurrent_store_scans(args.store_trials)
    print(f"two `scan --store` runs on one session at once: {runs} runs, crashes: {crashes}")


if __name__ == "__main__":
    main_()
