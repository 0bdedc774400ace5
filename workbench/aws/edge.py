"""What the workbench does at the edge between itself and an AWS endpoint that misbehaves.

Two guards, registered on every client the :class:`~workbench.aws.session.AwsSession` makes:

* **A total deadline per operation.** botocore bounds one HTTP attempt (``read_timeout``) but not an operation:
  with a 60 s read timeout and 6 attempts, an endpoint that accepts the connection and never answers held each
  call for about six minutes. Before every attempt (botocore's ``before-send`` event) the guard checks the time
  since the operation started (``before-call``) and gives up once the deadline has passed, saying so; with the
  per-attempt read timeout below the deadline, one operation takes at most about deadline + read timeout.
  ``LMI_WORKBENCH_AWS_DEADLINE`` (seconds) changes it.
* **An answer that is not AWS's.** AWS answers in its protocol's JSON or XML (botocore's service model names the
  protocol). A captive portal, a corporate proxy's login page or a wrong ``--endpoint-url`` answers with an HTML
  page: botocore then read a Lambda ListFunctions page as "no functions" and crashed on IAM's XML (``KeyError:
  'GetRoleResult'``). The guard looks at each response before botocore parses it (``before-parse``) and raises
  one :class:`~workbench.aws.errors.AwsProblem` of kind ``NOT_AWS`` naming the endpoint; the session then stops
  calling that endpoint for the rest of the run, so the user is told once, not once per call. An HTML 404 is the
  exception: an emulator's page for an operation it lacks says that operation is missing, not that the endpoint
  is something else, so only that call fails (and never as "the resource does not exist"); other HTML error
  pages (a proxy's 502, an emulator's 500) stay error answers of that one call, told without the page. A page
  that says "OK" (2xx, 3xx) is what a captive portal or login proxy sends: that is the endpoint-wide case.

botocore's event names and where they are emitted: ``botocore/endpoint.py`` (``before-send``, ``before-parse``)
and ``botocore/client.py`` (``before-call``) in the venv; an exception raised by a ``before-send`` handler is
returned to the retry handler as the attempt's exception and, being no connection error, is not retried.
"""

from __future__ import annotations

import os
import re
import threading
import time
from typing import Any

from workbench.aws.errors import AwsProblem, ProblemKind, iam_action

DEADLINE_VARIABLE = "LMI_WORKBENCH_AWS_DEADLINE"
DEFAULT_DEADLINE_S = 60.0
MAX_READ_TIMEOUT_S = 20.0

_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)


def deadline_from_env(default: float = DEFAULT_DEADLINE_S) -> float:
    """The deadline for one AWS operation in seconds (``LMI_WORKBENCH_AWS_DEADLINE``; a bad value is an error)."""
    raw = os.environ.get(DEADLINE_VARIABLE)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0.1 <= value <= 3600:
        raise AwsProblem(ProblemKind.INVALID_REQUEST,
                         f"{DEADLINE_VARIABLE}={raw!r} must be a number of seconds from 0.1 to 3600")
    return value


def read_timeout_for(deadline: float, asked: float) -> float:
    """One attempt's read timeout: what was asked, at most a third of the deadline (so a silent endpoint is
    retried before the deadline ends) and at most MAX_READ_TIMEOUT_S."""
    return max(0.05, min(asked, MAX_READ_TIMEOUT_S, deadline / 3))


def looks_like_html(headers: Any, body: bytes | None) -> bool:
    """True for an HTML page. The body decides, not the Content-Type alone: an emulator (moto) labels its JSON
    answers text/html, while AWS's JSON starts with "{" and its XML with "<?xml" or the result element."""
    start = (body or b"")[:512].lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return True
    content_type = str((headers or {}).get("content-type") or (headers or {}).get("Content-Type") or "").lower()
    return "text/html" in content_type and start.startswith((b"<head", b"<body", b"<title", b"<h1", b"<p>"))


def page_title(body: bytes | None) -> str:
    found = _TITLE.search(body or b"")
    if not found:
        return ""
    title = " ".join(found.group(1).decode("utf-8", "replace").split())
    return title[:80]


class EdgeGuard:
    """The deadline and the not-AWS check for one session's clients (thread-safe: one state per thread)."""

    def __init__(self, deadline: float, endpoint_label: str) -> None:
        self.deadline = deadline
        self.endpoint_label = endpoint_label
        self._local = threading.local()
        self.not_aws: AwsProblem | None = None  # the first such answer; later calls are not sent

    # botocore handlers -------------------------------------------------------------------------------------
    def on_call(self, model: Any = None, **_: Any) -> None:
        self._local.started = time.monotonic()
        self._local.operation = getattr(model, "name", "")

    def on_send(self, **_: Any) -> None:
        started = getattr(self._local, "started", None)
        if started is None:
            return
        waited = time.monotonic() - started
        if waited > self.deadline:
            raise AwsProblem(
                ProblemKind.UNREACHABLE,
                f"No answer from {self.endpoint_label} to {getattr(self._local, 'operation', 'the call')} within "
                f"{self.deadline:g} s (the workbench's deadline for one AWS operation, retries included; "
                f"{DEADLINE_VARIABLE} changes it). Check the network, VPN, proxy or --endpoint-url; you can keep "
                "working offline meanwhile.")

    def for_service(self, service: str):
        def on_parse(operation_model: Any = None, response_dict: Any = None, **_: Any) -> None:
            response = response_dict or {}
            body = response.get("body")
            if isinstance(body, bytes) and looks_like_html(response.get("headers"), body):
                operation = getattr(operation_model, "name", "the call")
                status = response.get("status_code")
                if status == 404:
                    # An emulator's (or an older endpoint's) page for a path it does not know: this operation is
                    # missing there, the endpoint may still answer the others.
                    raise AwsProblem(
                        ProblemKind.NOT_AWS,
                        f"{iam_action(service, operation)} answered HTTP 404 without an AWS error code (an HTML page): "
                        f"{self.endpoint_label} does not seem to offer the operation (an emulator, a proxy or an "
                        "older endpoint), so nothing was found or changed.",
                        action=iam_action(service, operation), code="404")
                if isinstance(status, int) and status >= 400:
                    # An error page (a proxy's 502, an emulator's 500 for a feature it lacks): an error answer like
                    # any other, translated without the page (errors._client_error), so the callers' fallbacks
                    # for a failed call still apply.
                    return
                title = page_title(body)
                problem = AwsProblem(
                    ProblemKind.NOT_AWS,
                    f"{self.endpoint_label} is not answering like AWS: {iam_action(service, operation)} got an HTML "
                    f"page (HTTP {response.get('status_code', '?')}"
                    + (f", titled {title!r}" if title else "") + ") instead of an AWS answer. A proxy or captive "
                    "portal may be in the way, or --endpoint-url is wrong. Nothing more is sent to it in this run.",
                    action=iam_action(service, operation), code=str(response.get("status_code") or "") or None)
                self.not_aws = self.not_aws or problem
                raise problem
        return on_parse

    def refuse_if_not_aws(self, service: str, operation: str) -> None:
        """Raise at once, without a request, once the endpoint has answered like something else."""
        if self.not_aws is not None:
            raise AwsProblem(ProblemKind.NOT_AWS,
                             f"Not sent: {self.endpoint_label} is not answering like AWS (see the first error).",
                             action=iam_action(service, operation), code=self.not_aws.code)


__all__ = ["DEADLINE_VARIABLE", "DEFAULT_DEADLINE_S", "EdgeGuard", "deadline_from_env", "looks_like_html",
           "page_title", "read_timeout_for"]
