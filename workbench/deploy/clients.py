"""How the deployment reaches AWS: the :class:`Clients` seam, and one operation made through it.

``clients.for_operation(service, operation)`` returns the boto3 client for one operation.
:class:`SessionClients` uses the :class:`~workbench.aws.session.AwsSession`'s clients; :class:`RoutedClients`
sends chosen operations elsewhere (tests route the Lambda operations to a fake of the LMI control plane the emulator
lacks, tests/deploy/lmi_fake.py, and the other services to the moto server). :func:`call_operation` and
:func:`list_pages` make the call and turn botocore's errors into
:class:`~workbench.aws.errors.AwsProblem` (:func:`~workbench.aws.errors.translate`). boto3 is imported only when a
call is made.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

from workbench.aws.errors import translate

if TYPE_CHECKING:
    from workbench.aws.session import AwsSession

_SNAKE = re.compile(r"(?<!^)(?=[A-Z])")


class Clients(Protocol):
    def for_operation(self, service: str, operation: str) -> Any:
        """The boto3 client to make ``operation`` of ``service`` with."""


class SessionClients:
    """Every operation through the AwsSession's shared clients (one per service and Region)."""

    def __init__(self, session: AwsSession, region: str | None) -> None:
        self.session = session
        self.region = region

    def for_operation(self, service: str, operation: str) -> Any:
        return self.session.client(service, self.region)


class RoutedClients:
    """Chosen ``(service, operation)`` pairs go to their own client; everything else to ``default``."""

    def __init__(self, default: Clients, routes: Mapping[tuple[str, str], Any]) -> None:
        self.default = default
        self.routes = dict(routes)

    def for_operation(self, service: str, operation: str) -> Any:
        return self.routes.get((service, operation)) or self.default.for_operation(service, operation)


def method_name(operation: str) -> str:
    """The boto3 method of an API operation: ``ListVersionsByFunction`` → ``list_versions_by_function``."""
    return _SNAKE.sub("_", operation).lower()


def call_operation(clients: Clients, service: str, operation: str, params: dict[str, Any], *, region: str | None,
                   session: AwsSession | None = None) -> dict[str, Any]:
    """``operation`` of ``service`` with ``params``; botocore's errors raised as an AwsProblem naming the Region
    (and the session's profile and endpoint, when there is a session)."""
    from botocore.exceptions import BotoCoreError, ClientError

    client = clients.for_operation(service, operation)
    try:
        return getattr(client, method_name(operation))(**params)
    except (BotoCoreError, ClientError) as error:
        settings = getattr(session, "settings", None)
        raise translate(error, service=service, operation=operation, region=region,
                        profile=getattr(settings, "profile", None),
                        endpoint_url=getattr(session, "endpoint_url", None)) from None


def list_pages(clients: Clients, service: str, operation: str, key: str, params: dict[str, Any], *,
               region: str | None) -> list[Any]:
    """Every item under ``key`` of a paginated operation, all pages read; errors raised as an AwsProblem."""
    from botocore.exceptions import BotoCoreError, ClientError

    client = clients.for_operation(service, operation)
    items: list[Any] = []
    try:
        for page in client.get_paginator(method_name(operation)).paginate(**params):
            items += page.get(key) or []
    except (BotoCoreError, ClientError) as error:
        raise translate(error, service=service, operation=operation, region=region) from None
    return items


__all__ = ["Clients", "RoutedClients", "SessionClients", "call_operation", "list_pages", "method_name"]
