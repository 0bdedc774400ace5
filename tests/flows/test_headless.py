"""The flows run without a screen: importing every one of them loads neither Textual, rich nor the screens."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_every_flow_loads_no_ui():
    code = ("import sys, workbench.flows.aws, workbench.flows.documents, workbench.flows.exports, "
            "workbench.flows.readiness, workbench.flows.workload; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'screens', 'themes')))")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                         check=True)
    assert out.stdout.strip() == "[]", out.stdout
