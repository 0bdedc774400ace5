"""The AWS tests run against a real moto server on 127.0.0.1 (one per test process), reset before each test.

Credentials are fake and come from the environment; the shared config and credentials files are empty files,
so nothing from the machine running the tests can leak in (and no instance-metadata lookups are made).
"""

from __future__ import annotations

import logging

import pytest
from moto.server import ThreadedMotoServer

from tests.aws._moto import MotoAccount

CREDENTIAL_VARIABLES = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
                        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                        "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CA_BUNDLE", "AWS_RETRY_MODE",
                        "AWS_MAX_ATTEMPTS", "AWS_ENDPOINT_URL", "MOTO_ACCOUNT_ID", "HTTP_PROXY", "HTTPS_PROXY",
                        "http_proxy", "https_proxy")


@pytest.fixture(scope="session")
def moto_endpoint():
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def aws_environment(monkeypatch, tmp_path):
    """Fake credentials from the environment; empty shared files; no instance metadata."""
    for name in CREDENTIAL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    config = tmp_path / "aws-config"
    credentials = tmp_path / "aws-credentials"
    config.write_text("")
    credentials.write_text("")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")


@pytest.fixture
def moto(moto_endpoint) -> MotoAccount:
    account = MotoAccount(moto_endpoint)
    account.reset()
    yield account
    account.require_auth_after(float("inf"))
