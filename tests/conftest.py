"""Every test runs with its own user data and config directories and no AWS settings from the machine."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("LMI_WORKBENCH_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("LMI_WORKBENCH_CONFIG_DIR", str(base / "config"))
    for name in ("AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "LMI_WORKBENCH_ENDPOINT_URL",
                 "NO_COLOR", "LMI_WORKBENCH_EXIT_WHEN_READY", "LMI_WORKBENCH_HEADLESS"):
        monkeypatch.delenv(name, raising=False)
    return base
