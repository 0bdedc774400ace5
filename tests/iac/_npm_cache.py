"""npm dependencies of the generated CDK apps, installed once from the npm registry into a cache shared by runs.

The cache is ``$LMI_WORKBENCH_NPM_CACHE`` or ``$XDG_CACHE_HOME/lmi-workbench/npm-cdk`` (``~/.cache/...``), one
directory per set of exact package versions (a hash of them), so a new pin installs afresh and an old one is reused.
A file lock keeps two pytest-xdist workers (or two runs) from installing the same set at once; an install goes to a
temporary directory that is renamed into place only once every package is there, so a killed run leaves no
half-filled cache behind. Each generated project gets a ``node_modules`` symlink to the cached one.

Without node/npm or the registry the tests fail, saying why; ``LMI_WORKBENCH_SKIP_NPM=1`` skips them instead
(for working offline).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

SKIP_VARIABLE = "LMI_WORKBENCH_SKIP_NPM"
CACHE_VARIABLE = "LMI_WORKBENCH_NPM_CACHE"
INSTALL_TIMEOUT_S = 900
_EXACT = re.compile(r"^\d+\.\d+\.\d+$")
_MARKER = ".lmi-workbench-installed.json"


class NpmProblem(RuntimeError):
    """npm is missing, the registry cannot be reached, or an install did not produce the pinned packages."""


def skip_requested() -> bool:
    return os.environ.get(SKIP_VARIABLE, "").strip() not in ("", "0")


def require_npm() -> tuple[str, str]:
    """(node, npm) executables; skips when the developer opted out, fails with the reason when they are missing."""
    if skip_requested():
        pytest.skip(f"{SKIP_VARIABLE}=1: the npm-based CDK synth tests are skipped on request")
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.fail(f"{'node' if node is None else 'npm'} is not on PATH: the CDK synth tests need Node.js 20+ and "
                    f"npm (set {SKIP_VARIABLE}=1 to skip them when working offline)", pytrace=False)
    return node, npm


def cache_root() -> Path:
    if os.environ.get(CACHE_VARIABLE):
        return Path(os.environ[CACHE_VARIABLE]).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "lmi-workbench" / "npm-cdk"


def dependency_key(packages: dict[str, str]) -> str:
    """A short hash of the exact versions; refuses ranges, which would make the cache depend on the day."""
    loose = [f"{name}@{version}" for name, version in sorted(packages.items()) if not _EXACT.match(version)]
    if loose:
        raise ValueError(f"package.json must pin exact versions, not ranges: {', '.join(loose)}")
    return hashlib.sha256(json.dumps(sorted(packages.items())).encode()).hexdigest()[:16]


def installed_versions(node_modules: Path, names: list[str]) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for name in names:
        manifest = node_modules / name / "package.json"
        found[name] = json.loads(manifest.read_text())["version"] if manifest.is_file() else None
    return found


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # blocks while another worker installs; npm's own timeout bounds it
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _complete(directory: Path, packages: dict[str, str]) -> bool:
    marker = directory / _MARKER
    if not marker.is_file():
        return False
    return installed_versions(directory / "node_modules", sorted(packages)) == packages


def _tail(text: str, lines: int = 25) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def install(packages: dict[str, str], *, npm: str = "npm", root: Path | None = None) -> Path:
    """The cached ``node_modules`` holding exactly ``packages`` (installed from the registry on first use)."""
    root = root or cache_root()
    key = dependency_key(packages)
    final = root / key
    with _locked(root / f"{key}.lock"):
        if _complete(final, packages):
            return final / "node_modules"
        staging = root / f"{key}.partial-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        manifest = {"name": "lmi-workbench-cdk-test-cache", "version": "0.0.0", "private": True,
                    "description": "npm packages for the generated CDK apps (tests/iac/test_cdk_synth.py)",
                    "dependencies": dict(sorted(packages.items()))}
        (staging / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")
        env = os.environ | {"npm_config_update_notifier": "false", "npm_config_fund": "false",
                            "npm_config_audit": "false"}
        command = [npm, "install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"]
        try:
            result = subprocess.run(command, cwd=staging, env=env, capture_output=True, text=True, check=False,
                                    timeout=INSTALL_TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise NpmProblem(f"`npm install` of {', '.join(sorted(packages))} did not finish in {INSTALL_TIMEOUT_S} s "
                             f"(is the npm registry reachable?); set {SKIP_VARIABLE}=1 to skip") from exc
        if result.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            raise NpmProblem(f"`npm install` failed with exit code {result.returncode} (is the npm registry "
                             f"reachable? set {SKIP_VARIABLE}=1 to skip when offline):\n"
                             + _tail(result.stderr or result.stdout))
        got = installed_versions(staging / "node_modules", sorted(packages))
        if got != packages:
            wrong = ", ".join(f"{name}: wanted {packages[name]}, got {got[name]}" for name in sorted(packages)
                              if got[name] != packages[name])
            shutil.rmtree(staging, ignore_errors=True)
            raise NpmProblem(f"`npm install` did not install the pinned versions ({wrong})")
        (staging / _MARKER).write_text(json.dumps(packages, indent=2, sort_keys=True) + "\n")
        shutil.rmtree(final, ignore_errors=True)  # an incomplete one from an older layout
        staging.rename(final)
    return final / "node_modules"


def link_into(project: Path, node_modules: Path) -> None:
    """Give a generated project the cached packages (Node resolves through the symlink to the real paths)."""
    link = project / "node_modules"
    if link.is_symlink() or link.exists():
        raise FileExistsError(f"{link} already exists")
    link.symlink_to(node_modules, target_is_directory=True)
