"""The cost package stays light: no Textual ever, and boto3 only when a refresh actually runs."""

from __future__ import annotations

import subprocess
import sys


def test_cost_modules_import_neither_textual_nor_boto3():
    code = (
        "import sys\n"
        "import workbench.cost, workbench.cost.compare, workbench.cost.aws_sample, workbench.cost.report, "
        "workbench.cost.command, workbench.cost.refresh, workbench.cost.workload, workbench.cost.curves\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'boto3', 'botocore'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
