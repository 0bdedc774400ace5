"""Shared pieces for the deployment tests: the moto server (from tests/aws), the demo workload and its
configuration, a code directory, a store, and the LMI control plane moto lacks: the fake in
:mod:`tests.deploy.lmi_fake`, which validates every request against the real Lambda service model. It is routed in
through the runner's ``RoutedClients`` seam; everything else reaches the moto server over HTTP.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.aws.conftest import aws_environment, moto, moto_endpoint  # noqa: F401 - fixtures for this directory
from tests.deploy.lmi_fake import LMI_OPERATIONS, LmiFake  # noqa: F401 - LMI_OPERATIONS for importers
from tests.iac.conftest import demo_workload
from workbench.aws.session import open_session
from workbench.deploy.plan import is_mutating
from workbench.starting_config import starting_configuration
from workbench.store import Store

REGION = "us-east-1"
ACCOUNT = "123456789012"
SUBNETS = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"]
GROUPS = ["sg-0a1b2c3d4e5f60001"]


@pytest.fixture(autouse=True)
def operator_managed_policy(request):
    """The deployment attaches AWSLambdaManagedEC2ResourceOperator to the operator role: make it exist in moto."""
    if "moto" in request.fixturenames:
        request.getfixturevalue("moto").add_aws_managed_policy("AWSLambdaManagedEC2ResourceOperator")


@pytest.fixture
def workload():
    return demo_workload()


@pytest.fixture
def config(workload):
    return starting_configuration(workload)


@pytest.fixture
def code_dir(tmp_path) -> Path:
    root = tmp_path / "orders"
    root.mkdir()
    (root / "app.py").write_text("def handler(event, context):\n    return {'ok': True}\n")
    (root / "lib").mkdir()
    (root / "lib" / "util.py").write_text("VALUE = 1\n")
    return root


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "session.sqlite", author="ana", session="deploy-test")
    yield opened
    opened.close()


class Recorder:
    """Every operation a client is asked to make, from botocore's ``before-call`` event (Stubbed calls too)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def __call__(self, model=None, **_) -> None:
        self.calls.append((model.service_model.service_name, model.name))

    def attach(self, client) -> None:
        client.meta.events.register_first("before-call.*.*", self, unique_id=f"recorder-{id(self)}")

    @property
    def operations(self) -> list[str]:
        return [op for _, op in self.calls]

    @property
    def mutating(self) -> list[str]:
        return [op for op in self.operations if is_mutating(op)]

    def count(self, operation: str) -> int:
        return self.operations.count(operation)


class Lmi:
    """The moto session for IAM, CloudWatch, Scheduler and STS, and every Lambda operation on the LMI fake
    (:mod:`tests.deploy.lmi_fake`: capacity providers, LMI function states, scaling config; the rest of Lambda
    passed on to moto), routed in through the runner's Clients seam, with the recorder on every client."""

    def __init__(self, endpoint: str, session, recorder: Recorder, **settings) -> None:
        self.fake = LmiFake(endpoint, **settings)
        self.client = self.fake.client
        self.session = session
        recorder.attach(self.client)
        for service in ("iam", "lambda", "cloudwatch", "scheduler", "sts"):
            recorder.attach(session.client(service, REGION))
        self.clients = self.fake.clients(session)

    def assert_every_call_validated(self) -> None:
        calls = self.fake.calls
        assert calls and all(c.validated for c in calls), [c for c in calls if not c.validated]


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def lmi(moto, recorder) -> Lmi:  # noqa: F811 - the moto fixture
    session = open_session(moto.settings(REGION))
    return Lmi(moto.endpoint, session, recorder)


def no_sleep(_seconds: float) -> None:
    return None
