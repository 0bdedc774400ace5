"""The suite's date-sensitive tests pass at other moments too: another day, another month, the middle of the night.

Every test runs at tests/conftest.py's SUITE_NOW unless it fixes its own moment; this runs the tests that read the
clock (price age, simulated metrics, bake times, CloudWatch windows, Cost Explorer periods, snapshots) again in a
fresh pytest process at two other moments, set through LMI_WORKBENCH_TEST_NOW.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

DATE_SENSITIVE = [
    "tests/monitor/test_cli_monitor.py",
    "tests/cutover/test_actual_cost.py",
    "tests/cutover/test_controller.py",
    "tests/aws/test_cli_triage.py",
    "tests/unit/test_cost_workload.py",
    "tests/unit/test_metrics_simulated.py",
    "tests/ui/test_snapshots.py::test_cost_pane",
    "tests/ui/test_snapshots.py::test_monitor_pane",
]

MOMENTS = ["2027-02-28T03:07:00Z",   # another year, the end of a short month, off-peak night
           "2026-12-07T21:45:00Z"]   # the day the suite was found red, in the evening


@pytest.mark.slow
@pytest.mark.parametrize("moment", MOMENTS)
def test_date_sensitive_tests_pass_at(moment) -> None:
    env = {**os.environ, "LMI_WORKBENCH_TEST_NOW": moment}
    env.pop("PYTEST_XDIST_WORKER", None)
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0",
                           *DATE_SENSITIVE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=1500)
    assert done.returncode == 0, f"at {moment}:\n{done.stdout[-4000:]}\n{done.stderr[-2000:]}"
    assert " passed" in done.stdout
