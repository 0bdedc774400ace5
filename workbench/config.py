"""What a workbench run was asked to open: the session, its store, who is at the keyboard, AWS settings.

Built by the CLI from its options and handed to the App; nothing here touches the terminal or AWS.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path

from workbench.clock import Clock, system_now
from workbench.paths import DEFAULT_SESSION, session_store_path


def login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry (containers) and no LOGNAME/USER
        return f"uid{os.getuid()}"


@dataclass(frozen=True)
class AwsSettings:
    """How to reach AWS; all optional. ``offline`` means never call AWS in this run."""

    profile: str | None = None
    region: str | None = None
    endpoint_url: str | None = None
    offline: bool = False

    @classmethod
    def from_env(cls, profile: str | None = None, region: str | None = None,
                 endpoint_url: str | None = None, offline: bool = False) -> "AwsSettings":
        return cls(
            profile=profile or os.environ.get("AWS_PROFILE") or None,
            region=region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or None,
            endpoint_url=endpoint_url or os.environ.get("LMI_WORKBENCH_ENDPOINT_URL") or None,
            offline=offline,
        )

    def describe(self) -> str:
        """One phrase for the status bar: profile and region, or "offline"."""
        if self.offline or not (self.profile or self.region):
            return "offline"
        parts = [self.profile or "default", self.region or "no region"]
        if self.endpoint_url:
            parts.append(f"via {self.endpoint_url}")
        return " · ".join(parts)


@dataclass(frozen=True)
class AppConfig:
    session: str = DEFAULT_SESSION
    store_path: Path | None = None
    author: str = field(default_factory=login_name)
    readonly: bool = False
    demo: bool = False
    theme: str | None = None
    keymap_path: Path | None = None
    aws: AwsSettings = field(default_factory=AwsSettings)
    clock: Clock = field(default=system_now)  # every 'now' the panes show (tests pass a fixed one)

    def resolved_store_path(self) -> Path:
        return self.store_path if self.store_path is not None else session_store_path(self.session)
