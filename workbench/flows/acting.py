"""Who acts in a flow and what the run allows (the deploy and cutover flows take an :class:`Actor`).

The TUI builds an :class:`Actor` from its ``AppConfig`` and the store, the CLI from its options; a flow never
asks a person anything: a confirmation is the ``confirmed_by`` parameter (the name of whoever said yes). What a
flow returns is a ``workbench.flows.result.FlowResult``, like every other flow's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.aws.session import AwsSession
    from workbench.config import AppConfig
    from workbench.store import Store

SessionFactory = Callable[[], "AwsSession"]   # opens (or returns) the AWS session; AwsProblem when it cannot

JOB_RUNNING = "An AWS job is already running: wait for it, or press Esc to stop it after the current call."


@dataclass(frozen=True)
class Actor:
    """The person acting and what this run lets them do.

    ``region``: the run's Region (--region, AWS_REGION or the profile's). ``region_first``: it wins over the
    workload's (the CLI, where --region is explicit); otherwise the workload's Region wins (the TUI)."""

    author: str
    readonly: bool = False
    offline: bool = False
    demo: bool = False
    region: str | None = None
    region_first: bool = False

    @classmethod
    def of(cls, config: AppConfig, store: Store) -> Actor:
        return cls(author=config.author, readonly=bool(store.readonly or config.readonly),
                   offline=config.aws.offline, demo=config.demo, region=config.aws.region)

    @property
    def uses_aws(self) -> bool:
        """False when a flow must not reach AWS: --offline, or the demo's sample data."""
        return not (self.offline or self.demo)

    def region_for(self, workload_region: str | None) -> str | None:
        if self.region_first:
            return self.region or workload_region
        return workload_region or self.region


__all__ = ["JOB_RUNNING", "Actor", "SessionFactory"]
