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


_UNITS = {"usd": "USD", "mb": "MB", "ms": "ms", "pct": "%", "s": "s"}
_WORDS = {"lambda": "Lambda", "vpc": "VPC", "arn": "ARN", "insights": "Insights", "cpu": "CPU",
          "ids": "IDs", "p99": "P99", "avg": "average"}


def signal_label(name: str) -> str:
    """A field name as a person reads it, with its unit: "memory_mb" -> "Memory (MB)"."""
    words = name.split("_")
    unit = _UNITS.get(words[-1]) if len(words) > 1 else None
    if unit:
        words = words[:-1]
    words = [_WORDS.get(word, word) for word in words]
    label = " ".join(words)
    label = label[0].upper() + label[1:]
    return f"{label} ({unit})" if unit else label


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
        yield Static("", id="intake-about", classes="about")

    def refresh_from_store(self) -> None:
        from workbench.models import Workload

        stored = self.store.get(Workload)
        table = self.query_one("#intake-table", DataTable)
        empty = self.query_one("#intake-empty", EmptyState)
        about = self.query_one("#intake-about", Static)
        if stored is None:
            table.display = False
            about.display = False
            empty.display = True
            return
        workload = stored.doc
        title = self.query_one("#intake-title", Static)
        title.update(f"Workload · v{stored.version} by {stored.author}")
        row = table.cursor_row
        table.clear(columns=not table.columns)
        if not table.columns:
            table.add_columns("Signal", "Value")
        for name, field in type(workload).model_fields.items():
            if name == "id":
                continue
            table.add_row(field.title or signal_label(name), _format(getattr(workload, name)), key=name)
        self._descriptions = {name: field.description or "" for name, field in type(workload).model_fields.items()}
        empty.display = False
        table.display = True
        about.display = True
        if row and row < table.row_count:
            table.move_cursor(row=row)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        descriptions = getattr(self, "_descriptions", {})
        if event.row_key is not None and event.row_key.value in descriptions:
            self.query_one("#intake-about", Static).update(descriptions[event.row_key.value])
