"""Run the installed `lmi-workbench` console script as a real subprocess, with its data and config kept in
the test's tmp_path and no AWS settings leaking in from the developer's shell."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
CONSOLE_SCRIPT = BIN / "lmi-workbench"
REPO_ROOT = Path(__file__).resolve().parents[2]


def cli_command() -> list[str]:
    """The installed console script; `python -m workbench.cli` when it is not installed next to Python."""
    if CONSOLE_SCRIPT.exists():
        return [str(CONSOLE_SCRIPT)]
    return [sys.executable, "-m", "workbench.cli"]


@dataclass
class Workspace:
    root: Path
    env: dict[str, str]

    @property
    def data_dir(self) -> Path:
        return Path(self.env["LMI_WORKBENCH_DATA_DIR"])

    def session_file(self, session: str) -> Path:
        return self.data_dir / "sessions" / f"{session}.sqlite"

    def run(self, *args: str, timeout: float = 60, extra_env: dict[str, str] | None = None,
            command: list[str] | None = None) -> subprocess.CompletedProcess[str]:
        env = dict(self.env, **(extra_env or {}))
        return subprocess.run(
            (command or cli_command()) + list(args),
            cwd=self.root, env=env, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL,
        )

    def popen(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            cli_command() + list(args), cwd=self.root, env=self.env, text=True,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("AWS_", "LMI_WORKBENCH_"))
    }
    env.update(
        LMI_WORKBENCH_DATA_DIR=str(tmp_path / "data"),
        LMI_WORKBENCH_CONFIG_DIR=str(tmp_path / "config"),
        # Should a path that must be refused ever open, the app exits at once instead of waiting for keys.
        LMI_WORKBENCH_HEADLESS="1",
        LMI_WORKBENCH_EXIT_WHEN_READY="1",
        NO_COLOR="1",
        COLUMNS="120",
    )
    work = tmp_path / "work"
    work.mkdir()
    return Workspace(root=work, env=env)


def assert_clean_failure(done: subprocess.CompletedProcess[str], *fragments: str) -> None:
    """Exit 2, one `lmi-workbench: ...` message naming what is wrong, never a traceback."""
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr
    assert "lmi-workbench: " in done.stderr, done.stderr
    for fragment in fragments:
        assert fragment in done.stderr, (fragment, done.stderr)
