"""Panes whose engines have not landed yet: each says what it will show and how to fill it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from screens.pane import EmptyState, Pane


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
