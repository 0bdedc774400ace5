"""The Deploy pane's Checks view: the pre-flight checks before a deployment, each with what was found and the fix.

The list shows every check with its mark (✓ pass, ! warn, ✗ fail, ? unknown); below it, the highlighted check:
what was found (ids, Availability Zones, counts), what to do, and for a check that could not be made the AWS
problem and the read-only permission it needs. It renders the stored ``PreflightReport`` (the checks that need no
account land there at once, the account's when the worker has made its read-only calls), or — with nothing stored
yet, e.g. for a read-only viewer — the offline checks computed on the spot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

if TYPE_CHECKING:
    from workbench.models.preflight import PreflightCheck, PreflightReport

MARKS = {"pass": ("✓", "bold green"), "warn": ("!", "bold yellow"), "fail": ("✗", "bold red"),
         "unknown": ("?", "bold blue")}
EMPTY = ("Pre-flight checks, read-only, before anything is deployed: the Region and the runtime are supported; "
         "the subnets exist in one VPC, span 3 or more Availability Zones and have free IP addresses; the security "
         "groups allow HTTPS out; the instances can reach CloudWatch Logs (NAT or a VPC endpoint); the function "
         "and the capacity provider have the same architecture; the two IAM roles exist or will be created.\n\n"
         "It needs a workload (Intake pane, key 1). v runs the checks.")


def mark(status: str) -> Text:
    symbol, style = MARKS.get(status, ("?", ""))
    return Text(symbol, style=style)


def report_head(report: PreflightReport, *, stored: bool, running: bool, why_offline: str | None) -> Text:
    counts = report.counts()
    text = Text()
    text.append("Pre-flight ", style="bold")
    text.append(f"· {report.function_name} on {report.capacity_provider_name} in {report.region or 'no Region'} · ")
    status = report.status.value
    text.append(status.upper(), style=MARKS[status][1])
    text.append(": " + ", ".join(f"{n} {name}" for name, n in counts.items() if n))
    text.append("\n")
    if running:
        text.append("Checking the account (read-only calls)… Esc stops.", style="bold")
    elif report.account_checked:
        text.append(f"Account checked with {len(report.operations)} read-only calls.", style="dim")
    elif why_offline:
        text.append(f"Only the checks that need no account ({why_offline}).", style="dim")
    elif not stored:
        text.append("Only the checks that need no account; v checks the account (read-only).", style="dim")
    else:
        text.append("Only the checks that need no account so far; v checks the account (read-only).", style="dim")
    return text


def check_detail(check: PreflightCheck) -> Text:
    text = Text()
    text.append_text(mark(check.status.value))
    text.append(f" {check.title}", style="bold")
    text.append(f" · {check.status.value}\n", style=MARKS[check.status.value][1])
    for line in check.found:
        text.append(f"  {line}\n")
    if check.problem and not any(check.problem in line for line in check.found):
        text.append("AWS: ", style="bold")
        text.append(f"{check.problem}\n")
    if check.action:
        text.append("Needs: ", style="bold")
        text.append(f"{check.action} (read-only)\n")
    if check.fix:
        text.append("Note: " if check.status.value == "pass" else "Fix: ", style="bold")
        text.append(check.fix)
    return text


class ChecksView(Vertical):
    """The pre-flight report: the checks, and the highlighted one's findings and fix."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.report: PreflightReport | None = None
        self._checks: dict[str, PreflightCheck] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="checks-head")
        yield Static(EMPTY, id="checks-empty", classes="empty")
        yield DataTable(id="checks-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="checks-detail"):
            yield Static("", id="checks-detail-body")

    @property
    def table(self) -> DataTable:
        return self.query_one("#checks-table", DataTable)

    def show(self, report: PreflightReport | None, *, stored: bool, running: bool,
             why_offline: str | None) -> None:
        has = report is not None
        self.query_one("#checks-empty").display = not has
        for selector in ("#checks-head", "#checks-table", "#checks-detail"):
            self.query_one(selector).display = has
        self.report = report
        if report is None:
            self._checks = {}
            return
        self.query_one("#checks-head", Static).update(
            report_head(report, stored=stored, running=running, why_offline=why_offline))
        table = self.table
        keep = self.highlighted_id()
        self._checks = {c.id: c for c in report.checks}
        table.clear()
        if not table.columns:
            table.add_column("", key="mark")
            table.add_column("Check", key="check")
        for check in report.checks:
            table.add_row(mark(check.status.value), check.title, key=check.id)
        if keep in self._checks:
            table.move_cursor(row=list(self._checks).index(keep), animate=False)
        else:  # the first check that needs attention
            worst = next((i for i, c in enumerate(report.checks) if c.status.value in ("fail", "warn", "unknown")),
                         0)
            table.move_cursor(row=worst, animate=False)
        self.render_detail()

    def highlighted_id(self) -> str | None:
        table = self.table
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value

    def render_detail(self) -> None:
        check_id = self.highlighted_id()
        check = self._checks.get(check_id) if check_id else None
        body = self.query_one("#checks-detail-body", Static)
        if check is None:
            body.update("")
            return
        body.update(check_detail(check))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table is self.table:
            self.render_detail()


__all__ = ["MARKS", "ChecksView", "check_detail", "mark", "report_head"]
