"""Every test runs with its own user data and config directories, no AWS settings from the machine, and a fixed
moment instead of the wall clock (so the suite is green on any day, at any time of day)."""

from __future__ import annotations

import gc
import os

import pytest

SUITE_NOW = os.environ.get("LMI_WORKBENCH_TEST_NOW", "2026-11-03T15:00:00Z")
"""The moment every test runs at unless it fixes its own: the workbench reads it through LMI_WORKBENCH_NOW
(workbench.clock). tests/test_any_date.py runs the date-sensitive tests at other moments by setting
LMI_WORKBENCH_TEST_NOW."""


def pytest_collection_finish(session):
    """Everything imported and collected so far (moto, botocore's models, Textual, the analyzers: some 350k
    objects) lives until the process ends, so the collector is told to stop walking it. Without this every full
    collection in a test process walks all of it again; measured on this suite's workers, full collections took
    0.5-7 s each on a loaded machine."""
    gc.collect()
    gc.freeze()


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    """No collection once the session is over: the process exits next. A pytest-xdist worker has 5 s after the
    controller asks it to stop before execnet interrupts it with SIGINT (execnet gateway_base
    ``_terminate_execution``); a full collection in that window ended fresh-clone runs with a KeyboardInterrupt
    caught in a gc callback."""
    gc.disable()


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
