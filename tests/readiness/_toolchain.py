"""The real tool chains that check a patched file: javac, node --check, tsc, Python's ast + ruff, tree-sitter
for C#. Each check compares the patched file with the original: a problem the original did not have is a fix
that broke the code (the fixtures do not carry their dependencies, so "cannot find symbol" is in both)."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

def _tsc_from_the_cdk_cache() -> str | None:
    """TypeScript's compiler from the npm packages the CDK synth tests install (the same pinned set, the same
    cache and lock); ``LMI_WORKBENCH_SKIP_NPM=1`` skips."""
    from tests.iac import _npm_cache

    if _npm_cache.skip_requested():
        pytest.skip(f"{_npm_cache.SKIP_VARIABLE}=1: tsc comes from the npm cache, skipped on request")
    if shutil.which("npm") is None:
        return None
    from tests.iac.test_cdk_synth import _packages

    try:
        modules = _npm_cache.install(_packages("cdk-ts"))
    except _npm_cache.NpmProblem as exc:
        pytest.fail(str(exc), pytrace=False)
    tsc = modules / ".bin" / "tsc"
    return str(tsc) if tsc.exists() else None


def require(tool: str) -> str:
    """The tool's path; skip (only off CI) when the machine lacks it."""
    found = shutil.which(tool)
    if found is None and tool == "tsc":
        found = _tsc_from_the_cdk_cache()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing on CI: the fix verification needs it (see .ci/run)")
        pytest.skip(f"{tool} is not installed here (fix verification skipped; CI installs it)")
    return found


def _messages(output: str, pattern: str) -> set[str]:
    return {m.group(1).strip() for m in re.finditer(pattern, output, re.MULTILINE)}


def javac_errors(path: Path, out: Path) -> set[str]:
    javac = require("javac")
    done = subprocess.run([javac, "-Xmaxerrs", "1000", "-proc:none", "-d", str(out), str(path)],
                          capture_output=True, text=True, timeout=300)
    return _messages(done.stderr, r"^.*?\.java:\d+: error: (.*)$")


def node_check(path: Path) -> set[str]:
    node = require("node")
    done = subprocess.run([node, "--check", str(path)], capture_output=True, text=True, timeout=120)
    return {done.stderr.strip().splitlines()[-1]} if done.returncode else set()


def tsc_errors(path: Path) -> set[str]:
    tsc = require("tsc")
    done = subprocess.run([tsc, "--noEmit", "--pretty", "false", "--skipLibCheck", "--target", "es2022",
                           "--module", "nodenext", "--moduleResolution", "nodenext", "--strict", str(path)],
                          capture_output=True, text=True, timeout=300)
    return _messages(done.stdout, r"^.*?\(\d+,\d+\): error (TS\d+: .*)$")


def python_errors(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    try:
        ast.parse(text)
    except SyntaxError as error:
        return {f"SyntaxError: {error.msg}"}
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    done = subprocess.run([ruff, "check", "--isolated", "--no-cache", "--output-format", "concise",
                           "--select", "E9,F63,F7,F82", str(path)], capture_output=True, text=True, timeout=120)
    return _messages(done.stdout, r"^.*?:\d+:\d+: (\w+\d+ .*)$")


def csharp_errors(text: str) -> set[str]:
    from workbench.readiness.treesitter import error_count

    count = error_count(text, "csharp")
    return {f"{count} ERROR/MISSING nodes"} if count else set()
