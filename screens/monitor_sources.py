"""What the Monitor pane watches and through what: the CloudWatch source and the AWS session opened on first use
(in a worker, never on the UI thread), the gates recorded after a refresh, and the labels of targets and ranges.
No Textual here."""

from __future__ import annotations

from datetime import timedelta


def range_label(value: timedelta) -> str:
    hours = int(value.total_seconds() // 3600)
    return f"{hours // 24}d" if hours >= 72 and hours % 24 == 0 else f"{hours}h"


def target_title(target) -> str:
    """'orders-api-lmi:live v1 vs orders-api:prod' (the capacity provider is in the help, not the title)."""
    text = f"{target.function_name}:{target.alias}" + (f" v{target.version}" if target.version else "")
    if target.old_function_name:
        text += f" vs {target.old_function_name}" + (f":{target.old_qualifier}" if target.old_qualifier else "")
    return text


class LazyCloudWatch:
    """The CloudWatch source, opened on the first fetch — in the refresh worker, so importing boto3 and reading
    the credentials stay off the UI thread. A session that cannot be opened is reported like a failed fetch."""

    def __init__(self, open_session, region: str | None) -> None:
        self._open_session = open_session
        self._region = region
        self._source = None
        self.name = "CloudWatch"

    @property
    def last_problem(self):
        return getattr(self._source, "last_problem", None)

    def fetch(self, queries, start, end):
        from workbench.aws.errors import AwsProblem
        from workbench.metrics import MetricsUnavailable

        if self._source is None:
            from workbench.aws.metrics_source import CloudWatchSource

            try:
                self._source = CloudWatchSource(self._open_session(), region=self._region)
            except AwsProblem as problem:
                raise MetricsUnavailable(problem.message) from None
        return self._source.fetch(queries, start, end)



class DeferredSession:
    """The AWS session as the monitor uses it: asked for on first use (in the worker that uses it) from
    ``opener`` — the app's one shared session, or one a caller handed in."""

    def __init__(self, opener) -> None:
        self._opener = opener

    def open(self):
        return self._opener()

    def call(self, *args, **kwargs):
        return self.open().call(*args, **kwargs)

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.open(), name)


def record_gates(store, author: str, snapshots: dict):
    """The gates of the step in effect from the statuses of the cutover's LMI function, recorded through the
    controller (worker thread). Returns the rollback proposal when a gate failed (never applied here)."""
    from workbench.cutover.calls import current_position
    from workbench.cutover.controller import CutoverController
    from workbench.models import CutoverState
    from workbench.monitor import gate_results

    stored = store.get(CutoverState)
    if stored is None:
        return None
    at = current_position(stored.doc)
    snapshot = snapshots.get(stored.doc.new_function_name)
    if at is None or snapshot is None or not snapshot.statuses:
        return None
    gates = gate_results(snapshot.statuses, at, snapshot.fetched_at)
    return CutoverController(store, author=author).record_gates(gates)
