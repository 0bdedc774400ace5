"""The Monitor pane (key 5): the LMI version beside the old function, with its thresholds, and the guided cutover.

* A background job of the App's one job runner refreshes the metrics (``FleetMonitor.refresh``: one fetch for
  every monitored function) in a worker thread on a timer — every 60 s against CloudWatch, every 5 s for the
  demo's simulated source (labelled as such) — and ``r`` does it now. It yields to a job a person started (the
  refresh waits for it; the person's job never waits for more than the one fetch in flight), is not shown in the
  status bar, and Esc does not stop it (Esc stops the job the status bar shows). The latest snapshot stays in
  memory only: the series are large and can be fetched again (the CloudWatch source keeps its own incremental
  cache), so writing them to the shared store on every refresh would grow the file and wake every partner for
  nothing. What the team decides on does go to the store: the gate results of the step in effect (through the
  cutover controller, which writes only when an outcome changes) and every decision with its author.
* The status block: one line per threshold (``●`` ok, ``▲`` breached with the action to take, ``○`` no data),
  then when the last datapoint arrived, and STALE since when if refreshing fails. The charts show LMI against the
  old function with the thresholds dashed; ``[`` / ``]`` change the time range.
* The cutover strip: the steps (10% → 50% → 100% by default; ``e`` edits them), the current one highlighted, the
  bake time left and the gates of the step. ``f`` / ``h`` / ``b`` propose moving forward, holding or rolling back:
  each opens a confirmation that lists the exact boto3 calls and the author, and nothing runs before ``y``. A
  failing gate proposes the rollback (shown, never applied by itself). ``x`` exports the whole cutover as
  Markdown; ``c`` shows the predicted against the actual cost and the reminder to decommission the old function.
* ``--readonly`` shows everything and refuses decisions with a message.
"""

from __future__ import annotations

from typing import Any


from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Static

from screens.monitor_chart import MetricChart, build_charts
from screens.monitor_cutover import CutoverActions
from screens.monitor_parts import cutover_strip, freshness_line, range_text, status_lines
from screens.monitor_sources import DeferredSession, LazyCloudWatch, range_label, record_gates, target_title
from screens.pane import EmptyState, Pane, pane_bindings
from workbench.models import CutoverState, DeploymentPlan, LmiConfiguration, Workload

REFRESH_DEMO_SECONDS = 5.0  # the simulator costs no API calls; the freshness line says "simulated"
CLOCK_SECONDS = 15.0        # re-draw "3 min ago" and the bake time left (text only, nothing fetched)
CHART_KEYS = ("invocations", "errors", "p99", "cpu", "memory", "concurrency", "throttles")


class MonitorPane(CutoverActions, Pane):
    PANE_ID = "monitor"
    TITLE = "Monitor"
    WATCHES = (CutoverState, DeploymentPlan, Workload, LmiConfiguration)
    BINDINGS = pane_bindings("monitor")
    HELP = "Metrics against their thresholds, and the guided traffic shift with confirmed decisions."

    def __init__(self) -> None:
        super().__init__()
        from workbench.monitor import DEFAULT_RANGE, RANGES, REFRESH_SECONDS

        self.ranges = list(RANGES)
        self.range_index = self.ranges.index(DEFAULT_RANGE)
        self.targets: list = []            # MonitorTarget, one per monitored function
        self.target_index = 0
        self.snapshots: dict[str, object] = {}  # function name → its latest MonitorSnapshot
        self.source: Any = None            # the MetricsSource in use
        self.source_label = ""
        self.every_seconds = float(REFRESH_SECONDS)
        self.refreshes = 0                 # completed refreshes (tests wait on it)
        self.view = "charts"
        self.cost_text: Text | None = None
        self._monitor: Any = None          # FleetMonitor over self.targets
        self._aws: Any = None              # the AWS session (opened on first use, in a worker)
        self._timer: Any = None
        self._refreshing = False
        self._pinned_source = False        # use_source() chose it: keep it
        self._pinned_targets = False       # watch() chose them: keep them
        self._demo_share: tuple[float, Any] | None = None
        self._popped: set[tuple] = set()   # automatic rollback proposals shown already (once per step and gates)
        self._charts_for: tuple | None = None

    # ----------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        with Horizontal(id="monitor-head"):
            yield Static("Deployment monitor", classes="pane-title", id="monitor-title")
            yield Static("", id="monitor-range")
        yield EmptyState(
            "Live metrics for the LMI version beside the old function: throttle rate, CPU, memory, "
            "concurrency against its limit, errors and p99 latency, each with its threshold and what to do "
            "when it fails; and the guided traffic shift (10% → 50% → 100%), every step confirmed.\n\n"
            "Nothing to monitor yet: describe the workload (Intake, key 1) and deploy the LMI version (Deploy, "
            "key 4) so the session knows the function, its alias and the capacity provider; then P plans the "
            "cutover — or start `lmi-workbench --demo` to watch a simulated cutover.",
            classes="empty", id="monitor-empty",
        )
        with Vertical(id="monitor-body"):
            yield Static("", id="monitor-freshness")
            yield Static("", id="monitor-status")
            yield Static("", id="monitor-cutover")
            with ContentSwitcher(initial="monitor-charts", id="monitor-views"):
                with VerticalScroll(id="monitor-charts"):
                    with Grid(id="monitor-grid"):
                        for key in CHART_KEYS:
                            yield MetricChart(id=f"chart-{key}")
                with VerticalScroll(id="monitor-cost"):
                    yield Static("", id="monitor-cost-body")

    def on_mount(self) -> None:
        super().on_mount()
        self.set_interval(CLOCK_SECONDS, self._tick_clock, name="monitor-clock")

    # ----------------------------------------------------------------- the store
    def refresh_from_store(self) -> None:
        targets = self.targets if self._pinned_targets else self._targets_from_store()
        self.query_one("#monitor-empty", EmptyState).display = not targets
        self.query_one("#monitor-body").display = bool(targets)
        self.query_one("#monitor-range").display = bool(targets)
        self._render_range()
        if not targets:
            self._stop()
            self.targets, self._monitor = [], None
            self.query_one("#monitor-title", Static).update("Deployment monitor")
            return
        if targets != self.targets:
            self.targets = targets
            self.target_index = min(self.target_index, len(targets) - 1)
            self._monitor = None
        self._ensure_source()
        self._render_title()
        self._render_cutover()
        self._render_snapshot()
        self.claim_focus(self.query_one("#monitor-charts", VerticalScroll))
        if self._monitor is None:
            self._start()

    def _targets_from_store(self) -> list:
        from workbench.monitor import MonitorTarget
        from workbench.store import StoreError

        try:
            found = MonitorTarget.from_store(self.store)
        except (StoreError, ValueError) as exc:  # say what is wrong; the pane stays usable
            self.app.notify(f"Monitor: {exc}", severity="error", timeout=10)
            return []
        return [found] if found is not None else []

    def _demo_fleet(self):
        """The simulated LMI fleet of the session's configuration (EEs, concurrency per EE, vCPUs), so the demo's
        EE concurrency limit and CPU are those of the configuration on screen; None without one."""
        from workbench.metrics.simulated import SCENARIOS, sized_like
        from workbench.store import StoreError

        try:
            stored = self.store.get(LmiConfiguration)
        except StoreError:
            return None
        if stored is None:
            return None
        c = stored.doc
        return sized_like(SCENARIOS["healthy"], per_ee_max_concurrency=c.per_execution_environment_max_concurrency,
                          min_execution_environments=c.min_execution_environments, memory_mb=c.memory_mb,
                          memory_gib_per_vcpu=c.memory_gib_per_vcpu)

    def _cutover(self):
        from workbench.models import CutoverState
        from workbench.store import StoreError

        try:
            stored = self.store.get(CutoverState)
        except StoreError as exc:
            self.app.notify(f"Monitor: {exc}", severity="error", timeout=10)
            return None
        return stored.doc if stored is not None else None

    def _readonly(self) -> bool:
        return bool(self.store.readonly or self.shell.config.readonly)

    # ----------------------------------------------------------------- source and monitor
    def _ensure_source(self) -> None:
        """The demo watches the simulator, its LMI share following the cutover; otherwise CloudWatch."""
        if self._pinned_source:
            return
        config = self.shell.config
        if config.demo:
            from workbench.metrics import SimulatedSource

            state = self._cutover()
            share = state.traffic_on_lmi_pct / 100 if state is not None else 0.0
            fleet = self._demo_fleet()
            if self.source is None or (share, fleet) != self._demo_share:
                self.source = SimulatedSource(scenario="healthy", lmi_share=share, sized=fleet)
                self.source_label = "simulated (demo)"
                self.every_seconds = REFRESH_DEMO_SECONDS
                self._demo_share = (share, fleet)
                self._monitor = None
            return
        if config.aws.offline:
            self.source_label = "offline (--offline): CloudWatch is not read"
        elif self.source is None:
            region = config.aws.region or getattr(self._cutover(), "region", None)
            self.source = LazyCloudWatch(self._session().open, region)
            self.source_label = "CloudWatch"

    def _session(self):
        """The AWS session for the metrics and the cutover's calls, opened on first use."""
        if self._aws is None:
            self._aws = DeferredSession(self.shell.aws_session)
        return self._aws

    def use_aws_session(self, session) -> None:
        """Use this AwsSession for CloudWatch and for the cutover's calls (an already open one)."""
        self._aws = DeferredSession(lambda: session)
        if not self._pinned_source and not self.shell.config.demo:
            self.source = None
            self._ensure_source()
            self._restart()

    def use_source(self, source, *, label: str | None = None, every_seconds: float | None = None) -> None:
        """Watch ``source`` from now on (a replay file, a simulated scenario, CloudWatch)."""
        self.source = source
        self._pinned_source = True
        self.source_label = label or str(getattr(source, "name", "metrics"))
        if every_seconds is not None:
            self.every_seconds = float(every_seconds)
        self._restart()

    def monitor_functions(self, targets: list) -> None:
        """Monitor these functions (one fetch for all of them; ``m`` switches between them)."""
        self.targets = list(targets)
        self._pinned_targets = True
        self.target_index = 0
        self.snapshots.clear()
        self.refresh_from_store()
        self._restart()

    def _restart(self) -> None:
        self._monitor = None
        if self.targets and self.is_mounted:
            self._start()

    def _start(self) -> None:
        from workbench.monitor import FleetMonitor

        self._stop()
        if self.source is None or not self.targets:
            self._monitor = None
            self._render_snapshot()
            return
        try:
            self._monitor = FleetMonitor(self.source, self.targets, range_=self.ranges[self.range_index])
        except ValueError as exc:
            self.app.notify(f"Monitor: {exc}", severity="error", timeout=10)
            self._monitor = None
            return
        self._timer = self.set_interval(self.every_seconds, self.refresh_now, name="monitor-refresh")
        self.refresh_now()

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    @property
    def target(self):
        return self.targets[self.target_index] if self.targets else None

    @property
    def snapshot(self):
        target = self.target
        return self.snapshots.get(target.function_name) if target is not None else None

    # ----------------------------------------------------------------- refreshing (worker → UI thread)
    def refresh_now(self) -> None:
        """Fetch now as a background job of the App's one job runner (one refresh at a time; it yields to a job a
        person started, and runs once that job has ended); the result lands in ``_landed``."""
        if self._monitor is None or self._refreshing:
            return
        monitor = self._monitor
        record = not self._readonly()
        author = self.shell.config.author

        def work(_session, _progress, _cancel) -> None:
            # One fetch (one GetMetricData call for every monitored function): told to yield, it still lands
            # what it read, and the person's job starts after it.
            snapshots: dict = {}
            proposal = problem = None
            try:
                snapshots = monitor.refresh(self.shell.config.clock())
                if record:
                    proposal = record_gates(self.store, author, snapshots)
            except Exception as exc:  # noqa: BLE001 - reported on screen; the next refresh tries again
                problem = str(exc)
            self.app.call_from_thread(self._landed, monitor, snapshots, proposal, problem)

        self._refreshing = True
        if not self.shell.run_aws_job("Refreshing the metrics", work, needs_account=False, changes_account=False,
                                      background=True):
            self._refreshing = False

    def _landed(self, monitor, snapshots: dict, proposal, problem: str | None) -> None:
        self._refreshing = False
        if problem:
            self.app.notify(f"Monitor: {problem}", severity="error", timeout=10)
        if not self.is_mounted:
            return
        if monitor is not self._monitor:  # the range, the source or the targets changed meanwhile: fetch again
            self.refresh_now()
            return
        self.snapshots.update(snapshots or {})
        self.refreshes += 1
        self._render_snapshot()
        if proposal is not None:
            self._pop_rollback(proposal)

    # ----------------------------------------------------------------- rendering
    def _render_title(self) -> None:
        target = self.target
        if target is None:
            return
        several = f" · {self.target_index + 1} of {len(self.targets)} (m: next)" if len(self.targets) > 1 else ""
        self.query_one("#monitor-title", Static).update(f"Monitor · {target_title(target)}{several}")

    def _render_range(self) -> None:
        self.query_one("#monitor-range", Static).update(
            range_text([range_label(r) for r in self.ranges], self.range_index))

    def _freshness(self) -> Text:
        if self.source is None:  # offline: nothing will be fetched, so do not promise a refresh
            return Text(f"no metrics: {self.source_label or 'no source'}", style="bold")
        return freshness_line(self.snapshot, self.shell.config.clock(), source_label=self.source_label,
                              every_seconds=self.every_seconds)

    def _render_snapshot(self) -> None:
        snapshot = self.snapshot
        self.query_one("#monitor-freshness", Static).update(self._freshness())
        self.query_one("#monitor-status", Static).update(status_lines(list(getattr(snapshot, "statuses", []))))
        self._render_charts(snapshot)
        self._render_cutover()

    def _render_charts(self, snapshot) -> None:
        if snapshot is None:
            return
        key = (id(snapshot), self.range_index)
        if key == self._charts_for:
            return
        self._charts_for = key
        end = (snapshot.window_end or snapshot.fetched_at).timestamp()
        start = end - snapshot.range_.total_seconds()
        for spec in build_charts(snapshot.series, snapshot.statuses):
            self.query_one(f"#chart-{spec.key}", MetricChart).show(spec, start, end)

    def _render_cutover(self) -> None:
        from workbench.cutover.proposals import bake_left

        state = self._cutover()
        remaining, gates = None, []
        if state is not None:
            remaining = bake_left(state, self.shell.config.clock())
            if state.current_step is not None:
                gates = state.gates_for(state.current_step)
        note = "read-only: decisions are refused" if self._readonly() else ""
        strip = cutover_strip(state, remaining=remaining, gates=gates, note=note) if state is not None else \
            Text.assemble(("Cutover ", "bold"), ("not planned yet — P plans it: what invokes the old function, how "
                                                 "the traffic shifts, the steps (10% → 50% → 100%)", "dim"),
                          ("\n" + note if note else "", "dim"), no_wrap=True, overflow="ellipsis")
        self.query_one("#monitor-cutover", Static).update(strip)

    def _tick_clock(self) -> None:
        if self.targets and self.shell.current_pane == self.PANE_ID:
            self.query_one("#monitor-freshness", Static).update(self._freshness())
            self._render_cutover()

    # ----------------------------------------------------------------- view actions
    def action_time_range(self, step: int) -> None:
        index = min(max(self.range_index + step, 0), len(self.ranges) - 1)
        if index == self.range_index:
            return
        self.range_index = index
        self._render_range()
        self._restart()

    def action_refresh_now(self) -> None:
        if self._monitor is None:
            self.app.notify("Nothing to refresh: no function is monitored (or this run is offline).",
                            severity="warning")
            return
        self.refresh_now()

    def action_next_function(self) -> None:
        if len(self.targets) < 2:
            self.app.notify("Only one function is monitored.")
            return
        self.target_index = (self.target_index + 1) % len(self.targets)
        self._charts_for = None
        self._render_title()
        self._render_snapshot()
