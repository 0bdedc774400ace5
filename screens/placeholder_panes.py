"""Panes whose engines have not landed yet: each says what it will show and how to fill it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from screens.pane import EmptyState, Pane


class DeployPane(Pane):
    PANE_ID = "deploy"
    TITLE = "Deploy"
    WATCHES = frozenset({"deploy-plan", "lmi-config"})

    def compose(self) -> ComposeResult:
        yield Static("Infrastructure and deployment", classes="pane-title")
        yield EmptyState(
            "The infrastructure for this workload (CDK in TypeScript by default; SAM, CloudFormation, "
            "Terraform or a CLI script on request): the two IAM roles, the capacity provider, the "
            "function, its version and alias, scaling and alarms. A guided deployment shows every AWS "
            "call as a plan and runs nothing until you confirm.\n\n"
            "It needs a workload and its starting configuration (Intake pane, key 1).",
            classes="empty",
        )


class MonitorPane(Pane):
    PANE_ID = "monitor"
    TITLE = "Monitor"
    WATCHES = frozenset({"metric-series", "cutover"})

    def compose(self) -> ComposeResult:
        yield Static("Deployment monitor", classes="pane-title")
        yield EmptyState(
            "Live CloudWatch metrics for the new LMI version beside the old function: throttle rate, "
            "CPU, memory, concurrency against its limit, errors and p99 latency, each with its "
            "threshold and what to do when it fails; and the guided traffic shift (10% → 50% → 100%) "
            "with one confirmed key to move forward or roll back.\n\n"
            "It starts once a deployment exists; the demo session uses a simulated metrics source.",
            classes="empty",
        )
