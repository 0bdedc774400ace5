"""The flows without Textual: a real SQLite store, boto3 against the moto server (tests/aws), and for the LMI
calls moto lacks, the fake of the LMI control plane (tests/deploy/lmi_fake.py) routed in through the runner's
Clients seam, as the deployment tests do."""

from __future__ import annotations

import pytest

from tests.aws.conftest import aws_environment, moto, moto_endpoint  # noqa: F401 - fixtures for this directory
from tests.deploy.conftest import (  # noqa: F401 - fixtures for this directory
    REGION,
    Lmi,
    Recorder,
    code_dir,
    config,
    lmi,
    operator_managed_policy,
    recorder,
    workload,
)
from workbench.flows.acting import Actor
from workbench.store import Store


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "session.sqlite", author="ana", session="flows-test")
    yield opened
    opened.close()


@pytest.fixture
def actor() -> Actor:
    return Actor(author="ana", region=REGION)


def put(store: Store, doc, summary: str = "setup") -> None:
    found = store.get(type(doc), getattr(doc, "id", "default"))
    store.put(doc, expected_version=found.version if found else None, summary=summary)
