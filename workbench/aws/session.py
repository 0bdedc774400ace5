"""The one way the workbench reaches AWS: :func:`open_session` builds an :class:`AwsSession` from AwsSettings.

* profile, region and an ``endpoint_url`` override (tests point it at a moto server on 127.0.0.1);
* credentials come from boto3's standard chain and are never stored, logged or printed here;
* botocore retries with backoff (``adaptive`` mode by default: exponential backoff with jitter plus a client-side
  rate limiter that slows down after throttling), short connect timeouts so a dead network is reported quickly;
* every operation has a total deadline, and an endpoint that answers with something other than AWS's protocol
  (an HTML page) is reported once and not called again (:mod:`workbench.aws.edge`);
* :meth:`AwsSession.call` / :meth:`AwsSession.pages` turn every botocore failure into an ``AwsProblem``;
* :class:`CallStats` counts API calls, HTTP attempts and throttled answers per operation (the benchmark and
  the tests read it; the UI can show it).

boto3 is imported lazily (about 0.14 s), the first time a session is opened.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from workbench.aws.edge import EdgeGuard, deadline_from_env, read_timeout_for
from workbench.aws.errors import (
    THROTTLE_CODES,
    AwsProblem,
    Cancelled,
    ProblemKind,
    no_region,
    translate,
    unknown_region,
)

if TYPE_CHECKING:
    from workbench.config import AwsSettings

Progress = Callable[[int, int, str], None]
"""``on_progress(done, total, message)``; ``total`` 0 means "not known yet". Called from the worker thread."""

DEFAULT_MAX_ATTEMPTS = 6  # first try + 5 retries; throttled retries back off up to 1, 2, 4, 8, 16 s (jitter)
DEFAULT_RETRY_MODE = "adaptive"
USER_AGENT = "lmi-workbench"
_SNAKE = re.compile(r"(?<!^)(?=[A-Z])")


def check_cancelled(cancel: threading.Event | None) -> None:
    """Raise Cancelled if the user asked to stop (checked between calls, never during one)."""
    if cancel is not None and cancel.is_set():
        raise Cancelled()


def report(on_progress: Progress | None, done: int, total: int, message: str) -> None:
    if on_progress is not None:
        on_progress(done, total, message)


class CallStats:
    """Thread-safe counters per ``service:Operation``: calls, HTTP attempts (retries included), throttles."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.calls: Counter[str] = Counter()
        self.attempts: Counter[str] = Counter()
        self.throttled: Counter[str] = Counter()

    def _add(self, counter: Counter[str], key: str) -> None:
        with self._lock:
            counter[key] += 1

    def retries(self, key: str) -> int:
        return max(0, self.attempts[key] - self.calls[key])

    def snapshot(self) -> dict[str, dict[str, int]]:
        with self._lock:
            keys = sorted(set(self.calls) | set(self.attempts))
            return {k: {"calls": self.calls[k], "attempts": self.attempts[k], "throttled": self.throttled[k]}
                    for k in keys}

    # botocore event handlers -------------------------------------------------------------------------------
    def _on_call(self, service: str) -> Callable[..., None]:
        def handler(model: Any = None, **_: Any) -> None:
            self._add(self.calls, f"{service}:{model.name}")
        return handler

    def _on_send(self, service: str) -> Callable[..., None]:
        def handler(event_name: str = "", **_: Any) -> None:
            self._add(self.attempts, f"{service}:{event_name.rsplit('.', 1)[-1]}")
        return handler

    def _on_retry_check(self, service: str) -> Callable[..., None]:
        def handler(response: Any = None, operation: Any = None, **_: Any) -> None:
            if not response or operation is None:
                return
            http, parsed = response
            code = ((parsed or {}).get("Error") or {}).get("Code")
            if code in THROTTLE_CODES or getattr(http, "status_code", None) == 429:
                self._add(self.throttled, f"{service}:{operation.name}")
            return
        return handler


def _snake(operation: str) -> str:
    return _SNAKE.sub("_", operation).lower()


class AwsSession:
    """A boto3 session plus the workbench's client settings, error translation and call counting.

    Clients are created once per (service, region) and shared; boto3 clients are thread-safe, so one session
    may serve several worker threads.
    """

    def __init__(self, settings: "AwsSettings", *, max_attempts: int = DEFAULT_MAX_ATTEMPTS,
                 retry_mode: str = DEFAULT_RETRY_MODE, connect_timeout: float = 5.0,
                 read_timeout: float = 60.0, deadline: float | None = None) -> None:
        import boto3
        from botocore import exceptions as bx
        from botocore.config import Config

        if settings.offline:
            raise AwsProblem(ProblemKind.OFFLINE, "This run is offline (--offline): AWS is not called.")
        self.settings = settings
        try:
            self._boto = boto3.session.Session(profile_name=settings.profile, region_name=settings.region)
        except bx.ProfileNotFound as error:
            raise translate(error, service="sts", operation="GetCallerIdentity", profile=settings.profile) from None
        self.region: str | None = self._boto.region_name
        self.endpoint_url = settings.endpoint_url
        self.stats = CallStats()
        self.capabilities: dict[str, bool] = {}  # e.g. "percentiles": False once an endpoint could not compute them
        self.deadline = deadline if deadline is not None else deadline_from_env()
        self.edge = EdgeGuard(self.deadline, settings.endpoint_url or "the AWS endpoint")
        self._config = Config(
            retries={"mode": retry_mode, "total_max_attempts": max_attempts},
            connect_timeout=min(connect_timeout, self.deadline),
            read_timeout=read_timeout_for(self.deadline, read_timeout),
            user_agent_extra=USER_AGENT, tcp_keepalive=True,
        )
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()
        self._known_regions: list[str] | None = None

    # --- regions ------------------------------------------------------------------------------------------
    def known_regions(self) -> list[str]:
        """Every Region botocore knows in any partition (from its bundled endpoint data; no call)."""
        if self._known_regions is None:
            found: set[str] = set()
            for partition in self._boto.get_available_partitions():
                for service in ("lambda", "monitoring"):
                    found.update(self._boto.get_available_regions(service, partition_name=partition))
            self._known_regions = sorted(found)
        return self._known_regions

    def resolve_region(self, region: str | None = None) -> str:
        """``region`` or the session's default, checked against botocore's list (AwsProblem if unknown)."""
        chosen = (region or self.region or "").strip().lower()
        if not chosen:
            raise no_region()
        if chosen not in self.known_regions():
            raise unknown_region(chosen, self.known_regions())
        return chosen

    # --- clients and calls --------------------------------------------------------------------------------
    def client(self, service: str, region: str | None = None) -> Any:
        name = self.resolve_region(region)
        key = (service, name)
        with self._lock:
            found = self._clients.get(key)
            if found is None:
                found = self._boto.client(service, region_name=name, endpoint_url=self.endpoint_url,
                                          config=self._config)
                events = found.meta.events
                service_id = found.meta.service_model.service_id.hyphenize()
                events.register(f"before-call.{service_id}", self.stats._on_call(service))
                events.register(f"before-call.{service_id}", self.edge.on_call)
                events.register("before-send", self.edge.on_send)
                events.register("before-send", self.stats._on_send(service))
                events.register(f"before-parse.{service_id}", self.edge.for_service(service))
                events.register("needs-retry", self.stats._on_retry_check(service))
                self._clients[key] = found
            return found

    def _translate(self, error: Exception, service: str, operation: str, region: str | None) -> AwsProblem:
        return translate(error, service=service, operation=operation, region=region,
                         profile=self.settings.profile, endpoint_url=self.endpoint_url)

    def call(self, service: str, operation: str, *, region: str | None = None, **params: Any) -> dict[str, Any]:
        """One API call (``operation`` in AWS spelling, e.g. "GetMetricData"); AwsProblem on any failure."""
        from botocore.exceptions import BotoCoreError, ClientError

        name = self.resolve_region(region)
        self.edge.refuse_if_not_aws(service, operation)
        client = self.client(service, name)
        try:
            return getattr(client, _snake(operation))(**params)
        except (BotoCoreError, ClientError) as error:
            raise self._translate(error, service, operation, name) from None

    def pages(self, service: str, operation: str, *, region: str | None = None,
              cancel: threading.Event | None = None, page_size: int | None = None,
              **params: Any) -> Iterator[dict[str, Any]]:
        """The pages of a paginated operation, checking ``cancel`` before each page."""
        from botocore.exceptions import BotoCoreError, ClientError

        name = self.resolve_region(region)
        self.edge.refuse_if_not_aws(service, operation)
        client = self.client(service, name)
        config = {"PageSize": page_size} if page_size else {}
        try:
            iterator = iter(client.get_paginator(_snake(operation)).paginate(PaginationConfig=config, **params))
            while True:
                check_cancelled(cancel)
                try:
                    page = next(iterator)
                except StopIteration:
                    return
                yield page
        except (BotoCoreError, ClientError) as error:
            raise self._translate(error, service, operation, name) from None


def open_session(settings: "AwsSettings", **options: Any) -> AwsSession:
    """An AwsSession for ``settings`` (AwsProblem if offline or the profile does not exist).

    ``options``: ``max_attempts`` (HTTP attempts per call, retries included; default 6), ``retry_mode`` ("adaptive" or "standard"), ``connect_timeout``,
    ``read_timeout`` in seconds (at most a third of the deadline), ``deadline``: the total seconds one operation
    may take, retries included (default ``LMI_WORKBENCH_AWS_DEADLINE`` or 60).
    """
    return AwsSession(settings, **options)
