"""An endpoint that is not AWS, or that never answers: one clear sentence, a bounded wait, the right exit code.

The endpoints here are real HTTP servers on 127.0.0.1: one answers every request with an HTML page (a captive
portal or a proxy's login page), one with a bare 404 and no body (an emulator that lacks the API), one accepts
connections and never answers.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from workbench.aws.errors import AwsProblem, ProblemKind
from workbench.aws.session import open_session
from workbench.cli import main
from workbench.config import AwsSettings

ROOT = Path(__file__).resolve().parents[2]
PAGE = b"<html><head><title>Corporate proxy login</title></head><body><h1>Sign in</h1></body></html>"


class _Answer(BaseHTTPRequestHandler):
    status = 200
    body = PAGE
    content_type = "text/html; charset=utf-8"

    def log_message(self, *args) -> None:
        pass

    def _any(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(self.status)
        if self.body:
            self.send_header("Content-Type", self.content_type)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _any


def _serve(handler: type[BaseHTTPRequestHandler]):
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def html_endpoint():
    server = _serve(_Answer)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def bare_404_endpoint():
    server = _serve(type("Bare404", (_Answer,), {"status": 404, "body": b""}))
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def html_404_endpoint():
    server = _serve(type("Html404", (_Answer,), {"status": 404,
                                                 "body": b"<!doctype html><title>404 Not Found</title>"}))
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class Silent:
    """Accepts connections and never answers; counts them (so a test can wait for a request to be in flight)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.accepted = threading.Semaphore(0)
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)
            self.accepted.release()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def close(self) -> None:
        for conn in self.conns:
            conn.close()
        self.sock.close()


@pytest.fixture
def silent():
    server = Silent()
    yield server
    server.close()


def test_an_html_page_is_one_problem_about_the_endpoint_and_nothing_more_is_sent(html_endpoint) -> None:
    session = open_session(AwsSettings(region="us-east-1", endpoint_url=html_endpoint))
    with pytest.raises(AwsProblem) as first:
        session.call("lambda", "ListFunctions")  # rest-json: the page was read as "no functions" before
    assert first.value.kind is ProblemKind.NOT_AWS
    assert "is not answering like AWS" in first.value.message and "'Corporate proxy login'" in first.value.message
    assert "<html" not in first.value.message
    with pytest.raises(AwsProblem) as second:
        session.call("iam", "GetRole", RoleName="x")  # query protocol: KeyError 'GetRoleResult' before
    assert second.value.kind is ProblemKind.NOT_AWS and second.value.message.startswith("Not sent:")
    assert session.stats.snapshot().get("iam:GetRole") is None  # refused before any request


def test_a_bare_404_is_not_a_resource_that_does_not_exist(bare_404_endpoint) -> None:
    session = open_session(AwsSettings(region="us-east-1", endpoint_url=bare_404_endpoint))
    with pytest.raises(AwsProblem) as caught:
        session.call("lambda", "GetFunction", FunctionName="orders")
    assert caught.value.kind is ProblemKind.NOT_AWS  # never NOT_FOUND: a deploy would create or adopt on it
    assert "without an AWS error code" in caught.value.message


def test_an_html_404_fails_that_operation_only(html_404_endpoint) -> None:
    """An emulator's "404 Not Found" page for an API it lacks (moto for the LMI APIs): the other operations are
    still asked."""
    session = open_session(AwsSettings(region="us-east-1", endpoint_url=html_404_endpoint))
    for _ in range(2):
        with pytest.raises(AwsProblem) as caught:
            session.call("lambda", "GetCapacityProvider", CapacityProviderName="fleet")
        assert caught.value.kind is ProblemKind.NOT_AWS and "does not seem to offer the operation" in caught.value.message
    assert session.stats.snapshot()["lambda:GetCapacityProvider"]["calls"] == 2


def test_a_silent_endpoint_gives_up_at_the_deadline_and_says_which(silent, monkeypatch) -> None:
    monkeypatch.setenv("LMI_WORKBENCH_AWS_DEADLINE", "1")
    session = open_session(AwsSettings(region="us-east-1", endpoint_url=silent.endpoint))
    assert session.deadline == 1.0
    with pytest.raises(AwsProblem) as caught:
        session.call("lambda", "ListFunctions")
    assert caught.value.kind is ProblemKind.UNREACHABLE
    assert "within 1 s" in caught.value.message and "LMI_WORKBENCH_AWS_DEADLINE" in caught.value.message


def test_a_deadline_that_is_not_a_number_is_refused(monkeypatch) -> None:
    monkeypatch.setenv("LMI_WORKBENCH_AWS_DEADLINE", "soon")
    with pytest.raises(AwsProblem, match="LMI_WORKBENCH_AWS_DEADLINE='soon' must be a number of seconds"):
        open_session(AwsSettings(region="us-east-1"))


def test_triage_against_a_login_page_exits_1_without_printing_the_page(html_endpoint, capsys) -> None:
    code = main(["triage", "--region", "us-east-1", "--endpoint-url", html_endpoint])
    err = capsys.readouterr().err
    assert code == 1
    assert "is not answering like AWS" in err and "<html" not in err


def test_preflight_against_a_login_page_is_incomplete_not_passed(html_endpoint, capsys) -> None:
    code = main(["deploy", "--demo", "--preflight", "--region", "us-east-1", "--endpoint-url", html_endpoint])
    out = capsys.readouterr().out
    assert code == 3
    assert out.count("is not answering like AWS: ") == 1  # said once; the other checks point at it
    assert "No AWS call was answered" in out


def test_plan_against_a_login_page_plans_offline_without_a_traceback(html_endpoint, capsys) -> None:
    code = main(["deploy", "--demo", "--plan", "--region", "us-east-1", "--endpoint-url", html_endpoint])
    captured = capsys.readouterr()
    assert code == 0
    assert "is not answering like AWS" in captured.out + captured.err
    assert "Traceback" not in captured.err


def test_preflight_without_credentials_does_not_pass_a_ci_gate(monkeypatch, capsys) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    code = main(["deploy", "--demo", "--preflight", "--region", "us-east-1"])
    out = capsys.readouterr().out
    assert code == 3
    assert "UNKNOWN" in out and "No AWS call was answered" in out


@pytest.mark.slow
def test_ctrl_c_during_a_call_that_hangs_exits_130(silent, tmp_path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LMI_WORKBENCH_AWS_DEADLINE": "600"}
    child = subprocess.Popen([sys.executable, "-m", "workbench.cli", "triage", "--region", "us-east-1",
                              "--endpoint-url", silent.endpoint], cwd=tmp_path, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert silent.accepted.acquire(timeout=60), "the call never reached the endpoint"
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=60)
    finally:
        child.kill()
    assert child.returncode == 130, err
    assert "Traceback" not in err
