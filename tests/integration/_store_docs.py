"""Small documents and helpers for the store tests; importable by child processes (python -m)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from workbench.documents import Document

REPO_ROOT = Path(__file__).resolve().parents[2]


class Counter(Document):
    KIND = "test.counter"
    # n + 1 from a stale n is not an edit to merge: two increments that meet must be a conflict, or one is lost
    MERGE_BY_FIELD = False
    n: int = 0


class Settings(Document):
    """A shared document of several fields, like the cost settings, for the merge tests."""

    KIND = "test.settings"
    commitment: str = "none"
    discount_pct: float = 0.0
    free_tier: bool = True
    note: str = ""


class Note(Document):
    KIND = "test.note"
    text: str = ""


class Strict(Document):
    """Used to store a body that a later model cannot read."""

    KIND = "test.strict"
    size: int = 0


def digest(path: Path) -> str:
    """The file's bytes, hashed: a bad-file test asserts this is unchanged."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def run_child(*args: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
    """Run ``python -m tests.integration._store_child ARGS`` from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "tests.integration._store_child", *args],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout,
    )


def popen_child(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.integration._store_child", *args],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def open_unprivileged(path: Path, *, readonly: bool = False, write: bool = False) -> dict:
    """Open the store in a child process that file permissions apply to, and report what happened.

    Tests run as root on CI, and root ignores permission bits. The child drops CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH, so a 0o555 directory or a 0o444 file is as read-only to it as to a normal user.
    Returns {"ok": bool, "error": type name, "message": str, "wrote": bool}.
    """
    out = run_child("open-unprivileged", str(path), json.dumps({"readonly": readonly, "write": write}))
    if out.returncode != 0:
        raise AssertionError(f"child failed: {out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def is_root() -> bool:
    return os.geteuid() == 0
