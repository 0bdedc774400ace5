"""A tiny HTTP proxy on 127.0.0.1 in front of the moto server that answers chosen requests with the error
responses real AWS sends (throttling, expired token, access denied) in each service's protocol as botocore
1.44 resolves it (Lambda rest-json; CloudWatch JSON 1.0 with the query-compatible error header; Cost Explorer
JSON 1.1), and forwards everything else. botocore parses these exactly as it parses AWS's own answers."""

from __future__ import annotations

import http.client
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

_SCOPE = re.compile(r"Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/aws4_request")
_LAMBDA_OPS = ((re.compile(r"^/2015-03-31/functions/?(\?.*)?$"), "GET", "ListFunctions"),
               (re.compile(r"^/2015-03-31/functions/[^/]+/configuration"), "GET", "GetFunctionConfiguration"))
_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "proxy-connection", "te", "upgrade"}


@dataclass(frozen=True)
class Seen:
    service: str
    operation: str
    method: str
    path: str
    region: str
    body: bytes = b""

    def json(self) -> dict:
        return json.loads(self.body or b"{}")


@dataclass(frozen=True)
class Fault:
    status: int
    headers: dict[str, str]
    body: bytes


def operation_of(service: str, method: str, path: str, headers) -> str:
    target = headers.get("X-Amz-Target")
    if target:
        return target.rsplit(".", 1)[-1]
    if "/operation/" in path:
        return path.rsplit("/operation/", 1)[1].split("?")[0]
    if service == "lambda":
        for pattern, verb, name in _LAMBDA_OPS:
            if method == verb and pattern.match(path):
                return name
    return f"{method} {path}"


# --- AWS's error answers, per protocol -------------------------------------------------------------------------
def throttling(service: str) -> Fault:
    if service == "lambda":  # rest-json
        return Fault(429, {"x-amzn-ErrorType": "TooManyRequestsException", "Content-Type": "application/json"},
                     json.dumps({"Type": "User", "message": "Rate exceeded",
                                 "Reason": "CallerRateLimitExceeded"}).encode())
    if service == "monitoring":  # CloudWatch: botocore 1.44 resolves JSON 1.0 (awsQueryCompatible) for it
        return Fault(400, {"Content-Type": "application/x-amz-json-1.0", "x-amzn-query-error": "Throttling;Sender"},
                     json.dumps({"__type": "com.amazon.coral.availability#ThrottlingException",
                                 "message": "Rate exceeded"}).encode())
    return Fault(400, {"Content-Type": "application/x-amz-json-1.1"},  # Cost Explorer: json 1.1
                 json.dumps({"__type": "LimitExceededException", "message": "Rate exceeded"}).encode())


def expired_token(service: str) -> Fault:
    message = "The security token included in the request is expired"
    if service == "lambda":
        return Fault(403, {"x-amzn-ErrorType": "ExpiredTokenException", "Content-Type": "application/json"},
                     json.dumps({"message": message}).encode())
    if service == "monitoring":
        return Fault(400, {"Content-Type": "application/x-amz-json-1.0", "x-amzn-query-error": "ExpiredToken;Sender"},
                     json.dumps({"__type": "com.amazon.coral.service#ExpiredTokenException",
                                 "message": message}).encode())
    return Fault(400, {"Content-Type": "application/x-amz-json-1.1"},
                 json.dumps({"__type": "ExpiredTokenException", "message": message}).encode())


def json_answer(body: dict, content_type: str = "application/x-amz-json-1.1") -> Fault:
    """A successful JSON-protocol answer (for operations the emulator lacks, shaped as the API documents)."""
    return Fault(200, {"Content-Type": content_type, "x-amzn-RequestId": "proxy-answer"}, json.dumps(body).encode())


def access_denied(action: str, resource: str = "*") -> Fault:
    """Lambda's AccessDeniedException (rest-json) as IAM words it."""
    principal = "arn:aws:iam::123456789012:user/analyst"
    message = (f"User: {principal} is not authorized to perform: {action} on resource: {resource} because no "
               f"identity-based policy allows the {action} action")
    return Fault(403, {"x-amzn-ErrorType": "AccessDeniedException", "Content-Type": "application/json"},
                 json.dumps({"Message": message}).encode())


Rule = Callable[[Seen, int], Fault | None]
"""Decides per request: a Fault to answer with, or None to forward. Gets the request and how many requests of
the same service and operation came before it."""


class FaultProxy:
    def __init__(self, upstream: str, rule: Rule) -> None:
        self.upstream = urlsplit(upstream)
        self.rule = rule
        self.seen: list[Seen] = []
        self.faults: list[Seen] = []
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                return

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                scope = _SCOPE.search(self.headers.get("Authorization", ""))
                region, service = (scope.group(1), scope.group(2)) if scope else ("", "unknown")
                seen = Seen(service, operation_of(service, self.command, self.path, self.headers), self.command,
                            self.path, region, body)
                with proxy._lock:
                    before = sum(1 for s in proxy.seen if (s.service, s.operation) == (seen.service, seen.operation))
                    proxy.seen.append(seen)
                fault = proxy.rule(seen, before)
                if fault is not None:
                    with proxy._lock:
                        proxy.faults.append(seen)
                    self._answer(fault.status, fault.headers, fault.body)
                    return
                upstream = http.client.HTTPConnection(proxy.upstream.hostname, proxy.upstream.port, timeout=60)
                try:
                    headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
                    upstream.request(self.command, self.path, body=body, headers=headers)
                    answer = upstream.getresponse()
                    data = answer.read()
                    self._answer(answer.status, {k: v for k, v in answer.getheaders() if k.lower() not in _HOP},
                                 data)
                finally:
                    upstream.close()

            def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="fault-proxy", daemon=True)

    @property
    def endpoint(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def count(self, service: str, operation: str) -> int:
        with self._lock:
            return sum(1 for s in self.seen if (s.service, s.operation) == (service, operation))

    def __enter__(self) -> "FaultProxy":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
