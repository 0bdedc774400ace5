"""Optional: ``terraform validate`` of the Terraform output against the real hashicorp/aws provider schema.

Runs only where ``terraform`` is on PATH and its registry (registry.terraform.io) is reachable: ``terraform init
-backend=false`` must download the provider (kept in ``~/.cache/lmi-workbench/terraform-plugins``, or
``$TF_PLUGIN_CACHE_DIR``). Otherwise it is skipped with the reason. CI has no terraform, so it is not part of CI.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from workbench.iac import generate, write_files

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("terraform") is None, reason="terraform is not on PATH (optional check)")]

# What terraform says when it cannot reach the registry (network errors only: a version constraint that no release
# meets, or a configuration error, fails the test).
_UNREACHABLE = re.compile(r"could not connect to registry|dial tcp|no such host|i/o timeout|connection refused|"
                          r"TLS handshake timeout", re.IGNORECASE)


def _plugin_cache() -> Path:
    if os.environ.get("TF_PLUGIN_CACHE_DIR"):
        return Path(os.environ["TF_PLUGIN_CACHE_DIR"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "lmi-workbench" / "terraform-plugins"


def test_terraform_validate(workload, config, options, tmp_path):
    write_files(generate("terraform", workload, config, options), tmp_path)
    cache = _plugin_cache()
    cache.mkdir(parents=True, exist_ok=True)
    env = os.environ | {"TF_PLUGIN_CACHE_DIR": str(cache), "TF_IN_AUTOMATION": "1", "CHECKPOINT_DISABLE": "1"}
    init = subprocess.run(["terraform", "init", "-backend=false", "-input=false", "-no-color"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=False, timeout=900)
    if init.returncode != 0:
        message = init.stderr.strip() or init.stdout.strip()
        if _UNREACHABLE.search(message):
            reason = next(line for line in message.splitlines() if _UNREACHABLE.search(line))
            pytest.skip(f"the Terraform registry is not reachable, so the aws provider cannot be installed: {reason}")
        pytest.fail(f"terraform init failed:\n{message}", pytrace=False)
    result = subprocess.run(["terraform", "validate", "-json", "-no-color"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, check=False, timeout=300)
    report = json.loads(result.stdout)
    problems = [f"{d['severity']}: {d['summary']}: {d.get('detail', '')}" for d in report.get("diagnostics", [])]
    assert report["valid"] and result.returncode == 0, "\n".join(problems)
    assert [p for p in problems if p.startswith("error")] == []
