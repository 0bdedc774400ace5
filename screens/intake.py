"""The Intake pane: the workload's signals as the store holds them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from screens.pane import EmptyState, Pane


def _format(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    if hasattr(value, "value"):  # enums
        return str(value.value)
    return str(value)


class IntakePane(Pane):
    PANE_ID = "intake"
    TITLE = "Intake"
    WATCHES = frozenset({"workload"})

    def compose(self) -> ComposeResult:
        yield Static("Workload", classes="pane-title", id="intake-title")
        yield EmptyState(
            "The signals that decide whether this function fits Lambda Managed Instances: traffic "
            "shape and volume, spend, runtime, memory, average and P99 duration, CPU- or I/O-bound, "
            "VPC, region, architecture — and the fit verdict with its reasons.\n\n"
            "Fill it from a file (`lmi-workbench --workload FILE`), from an AWS account, or open "
            "the demo (`lmi-workbench --demo`).",
            classes="empty", id="intake-empty",
        )
        table = DataTable(id="intake-table", cursor_type="row", zebra_stripes=True)
        table.display = False
        yield table

    def refresh_from_store(self) -> None:
        from workbench.models import Workload

        stored = self.store.get(Workload)
        table = self.query_one("#intake-table", DataTable)
        empty = self.query_one("#intake-empty", EmptyState)
        if stored is None:
            table.display = False
            empty.display = True
            return
        workload = stored.doc
        title = self.query_one("#intake-title", Static)
        title.update(f"Workload · v{stored.version} by {stored.author}")
        row = table.cursor_row
        table.clear(columns=not table.columns)
        if not table.columns:
            table.add_columns("Signal", "Value", "About")
        for name, field in type(workload).model_fields.items():
            if name == "id":
                continue
            label = (field.title or name.replace("_", " ")).capitalize()
            table.add_row(label, _format(getattr(workload, name)), field.description or "", key=name)
        empty.display = False
        table.display = True
        if row and row < table.row_count:
            table.move_cursor(row=row)
