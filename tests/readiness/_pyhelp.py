"""Helpers for the readiness tests: write a small project, scan it in-process, look at the findings."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

from workbench.readiness.scanner import ScanResult, scan

SAM = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.13
      Environment:
        Variables:
          TABLE: !Ref Table
  Table:
    Type: AWS::DynamoDB::Table
"""


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def project(root: Path, files: dict[str, str | bytes], **kwargs) -> ScanResult:
    write(root, files)
    kwargs.setdefault("workers", 0)
    kwargs.setdefault("build_all_fixes", True)   # these tests look at the patches (the scan leaves them pending)
    return scan(root, **kwargs)


def handler_project(root: Path, app: str, extra: dict[str, str] | None = None, **kwargs) -> ScanResult:
    """A SAM project whose handler is ``src/app.py:handler``."""
    return project(root, {"template.yaml": SAM, "src/app.py": app, **(extra or {})}, **kwargs)


def found(result: ScanResult, rule: str | None = None, path: str | None = None) -> list:
    return [f for f in result.findings if (rule is None or f.rule == rule) and (path is None or f.path == path)]


def lines(result: ScanResult, rule: str) -> list[int]:
    return [f.line for f in found(result, rule)]


def git_apply_check(root: Path, rel: str, before: str, diff: str) -> subprocess.CompletedProcess:
    """``git apply --check`` of ``diff`` in a fresh repository holding ``rel`` with ``before``."""
    repo = root
    repo.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    target = repo / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(before, encoding="utf-8")
    patch = repo / "fix.patch"
    patch.write_text(diff, encoding="utf-8")
    return subprocess.run(["git", "apply", "--check", "fix.patch"], cwd=repo, capture_output=True, text=True)
