"""Every test runs with its own user data and config directories, no AWS settings from the machine, and a fixed
moment instead of the wall clock (so the suite is green on any day, at any time of day)."""

from __future__ import annotations

import os

import pytest

SUITE_NOW = os.environ.get("LMI_WORKBENCH_TEST_NOW", "2026-11-03T15:00:00Z")
"""The moment every test runs at unless it fixes its own: the workbench reads it through LMI_WORKBENCH_NOW
(workbench.clock). tests/test_any_date.py runs the date-sensitive tests at other moments by setting
LMI_WORKBENCH_TEST_NOW."""


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("LMI_WORKBENCH_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("LMI_WORKBENCH_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("LMI_WORKBENCH_NOW", SUITE_NOW)
    for name in ("AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "LMI_WORKBENCH_ENDPOINT_URL",
                 "NO_COLOR", "LMI_WORKBENCH_EXIT_WHEN_READY", "LMI_WORKBENCH_HEADLESS"):
        monkeypatch.delenv(name, raising=False)
    return base
