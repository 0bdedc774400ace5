"""Reading from an AWS account: pick a function to import as the workload, or triage a whole fleet.

Both screens only ask the app to run the work (in a worker thread, cancellable with Esc); what the work reads
lands in the store (a FunctionListing, the Workload, a TriageReport) and the screens render from there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from screens.requests import (
    CancelAwsRequested,
    ImportRequested,
    ListFunctionsRequested,
    TriageRequested,
)

if TYPE_CHECKING:
    from workbench.app import WorkbenchApp
    from workbench.store import Store

SORTS = ("saving", "fit", "name")
CHUNK = 100  # rows added per frame: a 1,000-function triage fills in without freezing the screen
FIT_ORDER = {"strong-fit": 0, "worth-evaluating": 1, "standard-lambda-better": 2, None: 3}


class _AwsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "cancel_or_close", "Cancel / close", id="aws.close")]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    @property
    def shell(self) -> "WorkbenchApp":
        """The App with its own type (attributes down); actions go up as messages (screens.requests)."""
        return cast("WorkbenchApp", self.app)

    @property
    def store(self) -> "Store":
        return self.shell.store

    def on_mount(self) -> None:
        self.watch(self.app, "aws_status", self._status_changed)
        self.refresh_from_store()

    def _status_changed(self, status: str) -> None:
        self.query_one(".aws-status", Static).update(status)

    def store_changed(self, changes) -> None:
        from textual.css.query import NoMatches

        if not self.is_mounted:
            return  # composed later; on_mount renders from the store then
        try:
            self.refresh_from_store()
        except NoMatches:
            pass  # being composed or taken down while the change arrived

    def refresh_from_store(self) -> None:
        """Render what the store holds."""

    def action_cancel_or_close(self) -> None:
        if self.shell.aws_job_running():
            self.post_message(CancelAwsRequested())
        else:
            self.dismiss(None)


class ImportScreen(_AwsScreen):
    """List a Region's functions and import one as the session's workload."""

    BINDINGS = [
        *_AwsScreen.BINDINGS,
        Binding("ctrl+l", "list", "List functions", id="aws.list", priority=True),
        Binding("slash", "focus_filter", "Filter", id="aws.filter"),
    ]

    def compose(self) -> ComposeResult:
        aws = self.shell.config.aws
        with Vertical(classes="dialog aws"):
            yield Static(f"Import a function from AWS — profile {aws.profile or 'default'}", classes="dialog-title")
            with Horizontal(classes="aws-inputs"):
                yield Input(value=aws.profile or "", placeholder="profile (default chain)", id="aws-profile")
                yield Input(value=aws.region or "", placeholder="region, e.g. eu-west-1", id="aws-region")
                yield Input(placeholder="name filter (optional, / to jump here)", id="aws-filter")
            yield Static("Enter or Ctrl+L lists the functions; Enter on one imports it (configuration and "
                         "14 days of CloudWatch history). Esc cancels a running call, or closes.",
                         classes="dialog-hint")
            yield Static("", classes="aws-status")
            yield DataTable(id="aws-functions", cursor_type="row", zebra_stripes=True)

    def refresh_from_store(self) -> None:
        from workbench.models import FunctionListing

        listing = self.store.get(FunctionListing)
        table = self.query_one("#aws-functions", DataTable)
        table.clear()
        if not table.columns:
            table.add_columns("Function", "Runtime", "Memory", "Arch", "Last modified")
        if listing is None:
            return
        for fn in listing.doc.functions:
            name = fn["name"] + (" (on LMI)" if fn.get("on_lmi") else "")
            table.add_row(name, fn.get("runtime") or "—", f"{fn.get('memory_mb') or '—'}",
                          fn.get("architecture") or "", (fn.get("last_modified") or "")[:19], key=fn["name"])
        if table.row_count and not self.query_one("#aws-region", Input).has_focus:
            table.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_list()

    def action_focus_filter(self) -> None:
        self.query_one("#aws-filter", Input).focus()

    def action_list(self) -> None:
        profile = self.query_one("#aws-profile", Input).value.strip() or None
        region = self.query_one("#aws-region", Input).value.strip() or None
        name_filter = self.query_one("#aws-filter", Input).value.strip()
        self.post_message(ListFunctionsRequested(profile, region, name_filter))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from workbench.models import FunctionListing

        event.stop()
        listing = self.store.get(FunctionListing)
        if listing is None or event.row_key.value is None:
            return
        self.post_message(ImportRequested(event.row_key.value, listing.doc.region))


class TriageScreen(_AwsScreen):
    """Every function of one or more Regions, ranked by estimated monthly saving with LMI and by fit."""

    BINDINGS = [
        *_AwsScreen.BINDINGS,
        Binding("ctrl+r", "run", "Run triage", id="triage.run", priority=True),
        Binding("ctrl+o", "next_sort", "Sort", id="triage.sort", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort = "saving"

    def compose(self) -> ComposeResult:
        aws = self.shell.config.aws
        with Vertical(classes="dialog aws"):
            yield Static("Fleet triage — which functions to migrate first", classes="dialog-title")
            yield Input(value=aws.region or "", placeholder="regions, comma separated: us-east-1, eu-west-1",
                        id="triage-regions")
            yield Static("Enter or Ctrl+R runs the triage (batched CloudWatch reads); Ctrl+O sorts by saving, fit "
                         "or name; Enter on a row imports that function as the workload; Esc cancels or closes.",
                         classes="dialog-hint")
            yield Static("", classes="aws-status")
            problems = Static("", id="triage-problems", classes="error-line")
            problems.display = False
            yield problems
            yield DataTable(id="triage-table", cursor_type="row", zebra_stripes=True)

    def refresh_from_store(self) -> None:
        from workbench.models import TriageReport

        report = self.store.get(TriageReport)
        table = self.query_one("#triage-table", DataTable)
        table.clear()
        if not table.columns:
            table.add_columns("Function", "Region", "Saving/mo", "Saving", "Fit", "Traffic", "Req/month")
        problems = self.query_one("#triage-problems", Static)
        problems.display = bool(report is not None and report.doc.problems)
        if report is not None and report.doc.problems:
            # e.g. a Region where LMI is not available: the message lists where it is and the nearest one
            problems.update(Text("\n".join(f"✗ {region}: {text}" for region, text in report.doc.problems.items())))
        if report is None:
            return
        rows = list(report.doc.rows)
        if self.sort == "saving":
            rows.sort(key=lambda r: -(r.get("saving_usd") if r.get("saving_usd") is not None else float("-inf")))
        elif self.sort == "fit":
            rows.sort(key=lambda r: (FIT_ORDER.get(r.get("fit_verdict"), 3), -(r.get("saving_usd") or 0)))
        else:
            rows.sort(key=lambda r: (r["function_name"], r["region"]))
        self._generation = getattr(self, "_generation", 0) + 1
        self._fill(rows, 0, self._generation)

    def _fill(self, rows: list, start: int, generation: int) -> None:
        if generation != self._generation:
            return  # a newer report (or sort) started filling the table
        table = self.query_one("#triage-table", DataTable)
        for row in rows[start:start + CHUNK]:
            saving = row.get("saving_usd")
            pct = row.get("saving_pct")
            table.add_row(
                row["function_name"], row["region"],
                Text("—" if saving is None else f"${saving:,.0f}", justify="right",
                     style="green" if (saving or 0) > 0 else ""),
                Text("" if pct is None else f"{pct:+.0f}%", justify="right"),
                (row.get("fit_verdict") or "—").replace("-", " "), row.get("traffic_pattern") or "",
                Text(f"{row['requests_per_month']:,}" if row.get("requests_per_month") else "—", justify="right"),
                key=f"{row['region']}/{row['function_name']}")
        if start == 0 and table.row_count and not self.query_one("#triage-regions", Input).has_focus:
            table.focus()
        if start + CHUNK < len(rows):
            self.set_timer(0.01, lambda: self._fill(rows, start + CHUNK, generation))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_run()

    def action_run(self) -> None:
        text = self.query_one("#triage-regions", Input).value
        regions = [r.strip() for r in text.replace(" ", ",").split(",") if r.strip()]
        self.post_message(TriageRequested(regions))

    def action_next_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refresh_from_store()
        self.app.notify(f"Triage sorted by {self.sort}")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        region, _, name = (event.row_key.value or "").partition("/")
        if name:
            self.post_message(ImportRequested(name, region))
