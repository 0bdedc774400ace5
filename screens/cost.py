"""The Cost pane: every scenario for this workload, live, with the working behind the numbers.

It renders the app's current cost evaluation (recomputed by the app whenever the workload, its LMI
configuration or the shared cost settings change — a pairing partner's edits included). When an input is
invalid, the error is shown and the last good comparison stays on screen.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import ContentSwitcher, DataTable, Static

from screens.cost_chart import CostChart, compact
from screens.pane import EmptyState, Pane, pane_bindings
from screens.requests import ExportRequested, PricesRequested
from workbench.commitments import COMMITMENTS
from workbench.cost.results import CostResult, Scenario
from workbench.models.cost import CostComparison
from workbench.models.cost_settings import CostSettings
from workbench.models.lmi_config import LmiConfiguration
from workbench.models.workload import Workload

DETAILS = ("items", "chart", "sensitivity", "instances", "prices")
COMMITMENT_CYCLE = (None, *COMMITMENTS)  # None: the workload's existing Savings Plan
EXPORT_FORMATS = {".md": "markdown", ".markdown": "markdown", ".csv": "csv", ".json": "json", ".txt": "table"}


def usd(value: float) -> str:
    return f"${value:,.2f}" if abs(value) < 100 else f"${value:,.0f}"


def price_sources_table(provenances, today: date) -> Table:
    """Which prices are used: one row per source with its date and age (not ``Provenance(what=…)``)."""
    import re

    table = Table(box=None, pad_edge=False, show_edge=False, expand=True, header_style="bold")
    table.add_column("Prices", ratio=2, overflow="fold")
    table.add_column("Source", ratio=3, overflow="fold")
    table.add_column("Dated", no_wrap=True, min_width=10)
    table.add_column("Age", justify="right", no_wrap=True, min_width=5)
    for p in provenances:
        what = getattr(p, "what", str(p))
        source = getattr(p, "source", "")
        as_of = str(getattr(p, "as_of", ""))
        found = re.search(r"\d{4}-\d{2}-\d{2}|\d{4}", as_of)
        dated = found.group() if found else (as_of or "—")
        if as_of and as_of != dated:
            source += f" ({as_of})"  # "rates current as of 2026 (…)": the words stay with the source
        if getattr(p, "estimate", False):
            source = f"ESTIMATE: {source}" + (f"; {p.basis}" if p.basis else "")
        elif getattr(p, "basis", ""):
            source += f"; {p.basis}"
        days = age_days(dated, today) if len(dated) == 10 else None
        table.add_row(what, source, dated, "—" if days is None else f"{days} d")
    return table


def age_days(pricing_date: str, today: date) -> int | None:
    try:
        return (today - date.fromisoformat(pricing_date[:10])).days
    except ValueError:
        return None


class CostPane(Pane):
    PANE_ID = "cost"
    TITLE = "Cost"
    WATCHES = (Workload, LmiConfiguration, CostSettings, CostComparison)
    BINDINGS = pane_bindings("cost")

    def __init__(self) -> None:
        super().__init__()
        self.detail = "items"
        self.shown: CostResult | None = None

    def compose(self) -> ComposeResult:
        yield Static("Cost comparison", classes="pane-title", id="cost-title")
        yield EmptyState(
            "Standard Lambda against Lambda Managed Instances (on-demand, Savings Plans, Reserved "
            "Instances) and self-managed EC2 for this workload, monthly and yearly, with the instance "
            "type chosen, the break-even volume and a one-line recommendation.\n\n"
            "It fills in from the workload on the Intake pane (key 1) and recomputes on every edit, "
            "yours or your pairing partner's.",
            classes="empty", id="cost-empty",
        )
        error = Static("", id="cost-error", classes="error-line")
        error.display = False
        yield error
        table: DataTable[object] = DataTable(id="cost-table", cursor_type="row", zebra_stripes=True)
        table.display = False
        yield table
        yield Static("", id="cost-recommendation", classes="recommendation")
        with ContentSwitcher(initial="detail-items", id="cost-detail"):
            for name in DETAILS:
                if name == "chart":
                    yield CostChart(id="detail-chart")
                    continue
                with VerticalScroll(id=f"detail-{name}", classes="cost-detail"):
                    yield Static("", id=f"detail-{name}-body")

    # ----------------------------------------------------------------- rendering
    def refresh_from_store(self) -> None:
        evaluation = self.shell.cost_evaluation
        last_good = self.shell.cost_last_good
        error = self.query_one("#cost-error", Static)
        empty = self.query_one("#cost-empty", EmptyState)
        table = self.query_one("#cost-table", DataTable)
        if evaluation is None and last_good is None:
            empty.display, table.display, error.display = True, False, False
            return
        problem = evaluation.error if evaluation is not None else None
        error.display = bool(problem)
        if problem:
            suffix = " — showing the last good comparison" if last_good is not None else ""
            error.update(f"✗ {problem}{suffix}")
        source = evaluation if evaluation is not None and evaluation.result is not None else last_good
        if source is None or source.result is None:
            empty.display, table.display = True, False
            return
        result, curves = source.result, source.curves
        empty.display, table.display = False, True
        self.claim_focus(table)
        self.shown = result
        self._render_title(result)
        self._render_table(result)
        self.query_one("#cost-recommendation", Static).update(result.recommendation)
        self._render_details(result, curves)

    def _render_title(self, result: CostResult) -> None:
        age = age_days(result.pricing_date, self.shell.config.clock().date())
        aged = f", {age} days old" if age is not None and age > 0 else ""
        self.query_one("#cost-title", Static).update(
            f"Cost · {result.region} {result.architecture} · {compact(result.requests_per_month)} req/month · "
            f"prices: {result.catalog_label}{aged}")

    def _render_table(self, result: CostResult) -> None:
        table = self.query_one("#cost-table", DataTable)
        keep = table.cursor_row
        if not table.columns:
            table.add_column("Scenario", key="scenario")
            table.add_column("$/month", key="month")
            table.add_column("$/year", key="year")
            table.add_column("vs Lambda", key="delta")
        table.clear()
        baseline = next((s.monthly_usd for s in result.scenarios if s.key == "lambda_on_demand"), None)
        for scenario in result.scenarios:
            label = Text(("★ " if scenario.cheapest else "  ") + scenario.label,
                         style="bold" if scenario.cheapest else "")
            delta = ""
            if baseline and scenario.key != "lambda_on_demand":
                change = (scenario.monthly_usd - baseline) / baseline
                delta = f"{change:+.0%}"
            table.add_row(label, Text(usd(scenario.monthly_usd), justify="right"),
                          Text(usd(scenario.monthly_usd * 12), justify="right"), Text(delta, justify="right"),
                          key=scenario.key)
        table.styles.height = len(result.scenarios) + 1
        if 0 <= keep < table.row_count:
            table.move_cursor(row=keep)

    def _highlighted(self, result: CostResult) -> Scenario:
        table = self.query_one("#cost-table", DataTable)
        row = min(max(table.cursor_row, 0), len(result.scenarios) - 1)
        return result.scenarios[row]

    def _render_details(self, result: CostResult, curves) -> None:
        body = self.query_one
        body("#detail-items-body", Static).update(self._items(self._highlighted(result)))
        body("#detail-chart", CostChart).show(curves)
        body("#detail-sensitivity-body", Static).update(self._sensitivity(result))
        body("#detail-instances-body", Static).update(self._instances(result))
        body("#detail-prices-body", Static).update(self._prices(result))

    @staticmethod
    def _items(scenario: Scenario) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column(justify="right")
        table.add_column(style="dim")
        heading = scenario.label
        if scenario.instance_type:
            heading += f" — {scenario.instances or 0:g} × {scenario.instance_type}"
        table.add_row(Text(heading, style="underline"), "", "")
        for item in scenario.items:
            table.add_row(item.label, usd(item.usd), item.detail)
        table.add_row("Total per month", usd(scenario.monthly_usd), "")
        for note in scenario.notes:
            table.add_row("", "", note)
        return table

    @staticmethod
    def _sensitivity(result: CostResult) -> Table:
        sens = result.sensitivity
        table = Table(title=sens.summary, title_justify="left", box=None, padding=(0, 1), expand=False)
        table.add_column("traffic ↓ / duration →")
        for step in sens.steps:
            table.add_column(f"{step:+.0%}", justify="right")
        for traffic in sens.steps:
            cells = [c for c in sens.cells if c.traffic_change == traffic]
            row = []
            for cell in cells:
                saving = cell.lambda_usd - cell.lmi_usd
                row.append(Text(("LMI " if saving > 0 else "λ ") + usd(abs(saving)),
                                style="bold" if saving > 0 else "dim"))
            table.add_row(f"{traffic:+.0%}", *row)
        table.caption = "Each cell: which is cheaper and by how much per month (λ = standard Lambda)."
        return table

    @staticmethod
    def _instances(result: CostResult) -> Table:
        table = Table(box=None, padding=(0, 1))
        for column in ("Instance", "vCPU", "GiB", "$/hour", "EEs/instance", "Instances", "LMI $/month"):
            table.add_column(column, justify="left" if column == "Instance" else "right")
        for option in (result.instance, *result.alternatives):
            chosen = option.instance_type == result.instance.instance_type
            table.add_row(("★ " if chosen else "  ") + option.instance_type + (" (estimate)" if option.estimate else ""),
                          str(option.vcpu), f"{option.memory_gib:g}", f"{option.usd_per_hour:.4f}",
                          str(option.envs_per_instance), str(option.instances), usd(option.lmi_monthly_usd))
        sizing = result.sizing
        table.caption = (f"{sizing.ees} execution environments × {sizing.per_ee_concurrency} concurrent "
                         f"({sizing.vcpu_per_ee} vCPU, {sizing.memory_mb_per_ee} MB each) for a peak "
                         f"concurrency of {sizing.peak_concurrency:.1f} at {sizing.target_utilisation:.0%} target")
        if sizing.ees_by_cpu is not None and sizing.ees_by_slots is not None:
            decided = "CPU" if sizing.decided_by == "cpu" else "concurrency slots"
            table.caption += (f"; {sizing.ees_by_slots} by slots, {sizing.ees_by_cpu} by CPU "
                              f"({sizing.cpu_share:.0%} of the duration): decided by {decided}")
        return table

    def _prices(self, result: CostResult) -> Group:
        text = Text()
        today = self.shell.config.clock().date()
        age = age_days(result.pricing_date, today)
        text.append(f"Prices: {result.catalog_label} (dated {result.pricing_date}"
                    + (f", {age} days old" if age is not None else "") + ")", style="bold")
        table = price_sources_table(result.prices_used, today)
        text_after = Text()
        if result.assumptions:
            text_after.append("Assumptions\n", style="bold")
            for line in result.assumptions:
                text_after.append(f"  • {line}\n")
        if result.warnings:
            text_after.append("Warnings\n", style="bold")
            for line in result.warnings:
                text_after.append(f"  ! {line}\n")
        return Group(text, table, text_after)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.shown is not None:
            self.query_one("#detail-items-body", Static).update(self._items(self._highlighted(self.shown)))

    # ----------------------------------------------------------------- actions
    def action_detail(self, name: str) -> None:
        self.detail = name
        self.query_one("#cost-detail", ContentSwitcher).current = f"detail-{name}"

    def _settings(self):
        from workbench.models import CostSettings

        stored = self.store.get(CostSettings)
        return stored, (stored.doc if stored else CostSettings())

    def action_next_commitment(self) -> None:
        from workbench.models import COMMITMENT_LABELS

        if self.shell.refuse_if_readonly():
            return
        stored, settings = self._settings()
        index = COMMITMENT_CYCLE.index(settings.lmi_commitment)
        nxt = COMMITMENT_CYCLE[(index + 1) % len(COMMITMENT_CYCLE)]
        label = COMMITMENT_LABELS.get(nxt, "the workload's existing Savings Plan") if nxt else \
            "the workload's existing Savings Plan"
        self.shell.save(settings.model_copy(update={"lmi_commitment": nxt}),
                        expected_version=stored.version if stored else None,
                        summary=f"cost: compare LMI on {label}", what="The cost settings")

    def action_edit_settings(self) -> None:
        from screens.doc_form import DocumentForm
        from workbench.models import CostSettings

        if self.shell.refuse_if_readonly():
            return
        stored, settings = self._settings()

        def saved(doc) -> None:
            if doc is not None:
                from workbench.labels import changes_in_words

                changed = changes_in_words(settings, doc)  # the audit log names the fields as the form does
                self.shell.save(doc, expected_version=stored.version if stored else None,
                                summary=f"cost: {changed}" if changed else "cost: settings saved unchanged",
                                what="The cost settings")

        # each labelled by its title in CostSettings, the words the conflict dialog and the audit log use too
        fields = [name for name in CostSettings.model_fields if name != "id"]
        self.app.push_screen(DocumentForm(CostSettings, settings, fields, title="Cost settings (shared)"), saved)

    def action_refresh_prices(self) -> None:
        region = self.shown.region if self.shown is not None else None
        self.post_message(PricesRequested(region))

    def action_export(self) -> None:
        from screens.dialogs import TextPrompt

        if self.shown is None:
            self.app.notify("Nothing to export yet: the comparison needs a workload.", severity="warning")
            return
        result = self.shown

        def chosen(path_text: str | None) -> None:
            if path_text:
                self.post_message(ExportRequested(Path(path_text).expanduser(), lambda fmt: _render(result, fmt),
                                                  EXPORT_FORMATS))

        self.app.push_screen(TextPrompt("Export the comparison to a file (.md, .csv, .json or .txt)",
                                        value="cost-comparison.md"), chosen)


def _render(result: CostResult, fmt: str) -> str:
    from workbench.cost.report import render

    return render(result, fmt)
