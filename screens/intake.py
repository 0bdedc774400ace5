"""The Intake pane: the workload's signals (editable, validated), the fit verdict and the starting
configuration, all read from the store — a pairing partner's edit shows up here within a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.coordinate import Coordinate
from textual.widgets import ContentSwitcher, DataTable, Static

from screens.pane import EmptyState, Pane, pane_bindings
from screens.requests import LoadFileRequested, SaveFileRequested
from workbench.labels import field_label, words
from workbench.models.outline import FIT_KIND, WORKLOAD_FIELDS, WORKLOAD_KIND, Verdict

VIEWS = ("signals", "verdict", "config")
_VIEW_TABLES = {"signals": "intake-signals", "verdict": "intake-verdict-table", "config": "intake-config"}
ARROWS = {"for-lmi": ("▲", "bold green"), "against-lmi": ("▼", "bold red"), "neutral": ("●", "dim")}
VERDICT_STYLE = {"strong-fit": "bold green", "worth-evaluating": "bold yellow",
                 "standard-lambda-better": "bold red"}
# Fields a person does not type: identifiers and bookkeeping.
_NOT_EDITABLE = {"id", "source", "source_detail", "function_arn"}
_CONFIG_FIELDS = ("per_execution_environment_max_concurrency", "memory_mb", "memory_gib_per_vcpu",
                  "min_execution_environments", "max_execution_environments", "max_vcpu_count", "architecture",
                  "scaling_mode", "target_cpu_utilization_pct", "allowed_instance_types", "excluded_instance_types")
_TMP_ROW = "tmp-at-peak"  # the config view's /tmp row: computed from the workload and the concurrency

def shown(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "—"
    if hasattr(value, "value"):  # enums
        return str(value.value)
    return str(value)


_EMPTY_TEXT = (
    "The signals that decide whether this function fits Lambda Managed Instances: traffic "
    "shape and volume, spend, runtime, memory, average and P99 duration, CPU- or I/O-bound, "
    "VPC, region, architecture — and the fit verdict with its reasons.\n\n"
    "Press i to import a function from your AWS account, t to triage a whole Region, N to type a new "
    "workload, o to load one from a YAML, JSON or TOML file "
    "(or start with `lmi-workbench --workload FILE`), or open the demo (`lmi-workbench --demo`).")


def _not_assessed() -> Text:
    return Text("Verdict: not assessed yet", style="dim")


def verdict_line(verdict: Verdict, directions: Sequence[str], assessed_version: int, workload_version: int,
                 first_blocker: str | None) -> Text:
    """The verdict in one line: its words, the signals for/against/neutral, staleness and the first blocker."""
    text = Text("Verdict: ")
    text.append(verdict.label, style=VERDICT_STYLE.get(verdict.value, "bold"))
    counts = {d: sum(1 for direction in directions if direction == d) for d in ARROWS}
    text.append(f"  ▲{counts['for-lmi']} ▼{counts['against-lmi']} ●{counts['neutral']}", style="dim")
    if assessed_version != workload_version:
        text.append("  (for an earlier version of the workload)", style="italic")
    if first_blocker:
        text.append("  — " + first_blocker, style="bold red")
    return text


def _verdict_from_row(body: object, workload_version: int) -> Text | None:
    """The verdict line from a stored fit assessment's row, or None when the row is not of the shape it should
    have (the validated document then draws it)."""
    if not isinstance(body, dict):
        return None
    directions = [signal["direction"] for signal in body["signals"]]
    blockers = body["blockers"]
    version = body["workload_version"]
    if not isinstance(version, int) or any(d not in ARROWS for d in directions):
        return None
    first = blockers[0]["message"] if blockers else None
    return verdict_line(Verdict(body["verdict"]), directions, version, workload_version,
                        first if isinstance(first, str) else None)


class IntakePane(Pane):
    PANE_ID = "intake"
    TITLE = "Intake"
    BINDINGS = pane_bindings("intake")

    def __init__(self) -> None:
        super().__init__()
        self.view = "signals"
        self._help: dict[str, str] = {}
        self._problem: str | None = None  # the last document problem said (said once, shown while it lasts)

    @classmethod
    def watched_documents(cls):
        # Imported when first asked (a change in the store), not with the pane: it is on the first screen, which
        # is drawn before any model is built.
        from workbench.models import FitAssessment, LmiConfiguration, Workload

        return (Workload, FitAssessment, LmiConfiguration)

    def compose(self) -> ComposeResult:
        yield Static("Workload", classes="pane-title", id="intake-title")
        yield Static("", id="intake-verdict")
        yield EmptyState(_EMPTY_TEXT, classes="empty", id="intake-empty")
        with ContentSwitcher(initial="intake-signals", id="intake-views"):
            # The verdict and configuration tables are hidden until v / g: composed when first shown.
            yield DataTable(id="intake-signals", cursor_type="row", zebra_stripes=True)
        yield Static("", id="intake-about", classes="about")

    # ----------------------------------------------------------------- rendering
    # Pane.on_mount renders it once before the first frame: the workload and the verdict line, from the store's rows
    # (no model is built before the first frame; the App draws it again from the validated documents right after);
    # the verdict and configuration tables (and their models) when first shown.
    def render_first(self) -> None:
        if not self.shell.first_frame_drawn and self.render_rows():
            self.drawn_from_rows = True
            return
        self.refresh_from_store()

    def render_rows(self) -> bool:
        """Draw the workload and the verdict line from the store's rows (``Store.peek``), without pydantic, when
        they have exactly the outline's shape (what this release writes); False, drawing nothing, otherwise (no
        workload, a newer release's fields, anything unexpected): ``refresh_from_store`` then draws it."""
        from workbench.store import StoreError

        try:
            row = self.store.peek(WORKLOAD_KIND)
            body = row.body if row is not None else None
            if row is None or not isinstance(body, dict) or set(body) != {"id", *WORKLOAD_FIELDS} \
                    or body["id"] != "default":
                return False
            fit = self.store.peek(FIT_KIND, "default")
            line = None if fit is None else _verdict_from_row(fit.body, row.version)
        except (StoreError, KeyError, TypeError, ValueError, AttributeError):
            return False
        if fit is not None and line is None:
            return False
        self._show_workload(body["function_name"], row.version, row.author, body.__getitem__)
        self.query_one("#intake-verdict", Static).update(line if line is not None else _not_assessed())
        self._show_help()
        return True

    def refresh_from_store(self) -> None:
        from workbench.models import Workload
        from workbench.store import StoreError

        self.drawn_from_rows = False
        try:
            stored = self.store.get(Workload)
        except StoreError as exc:  # cannot be read by this release: said, and shown instead of the signals
            self._show_empty(f"The workload cannot be shown: {exc}")
            self._say_problem(str(exc))
            return
        if stored is None:
            self._show_empty()
            self._problem = None
            return
        problem = None
        workload = stored.doc
        self._show_workload(workload.function_name, stored.version, stored.author,
                            lambda name: getattr(workload, name))
        from workbench.models import FitAssessment

        try:
            fit = self.store.get(FitAssessment, workload.id)
        except StoreError as exc:
            self.query_one("#intake-verdict", Static).update(Text(f"Verdict: {exc}", style="bold red"))
            problem, fit = str(exc), None
        else:
            self._render_verdict_line(fit.doc if fit else None, stored.version)
        if self._view_table("verdict") is not None:
            self._render_fit(fit.doc if fit else None)
        if self._view_table("config") is not None:
            from workbench.models import LmiConfiguration

            try:
                config = self.store.get(LmiConfiguration)
            except StoreError as exc:
                problem, config = problem or str(exc), None
            self._render_config(config.doc if config else None, workload)
        self._show_help()
        if problem is None:
            self._problem = None
        else:
            self._say_problem(problem)

    def _show_empty(self, text: str | None = None) -> None:
        """No workload to show: what to do (or why the stored one cannot be shown) instead of the signals."""
        empty = self.query_one("#intake-empty", EmptyState)
        empty.update(text or _EMPTY_TEXT)
        self.query_one("#intake-views", ContentSwitcher).display = False
        empty.display = True
        self.query_one("#intake-verdict", Static).update("")
        self.query_one("#intake-about", Static).update("")

    def _say_problem(self, problem: str) -> None:
        if problem != self._problem:
            self.app.notify(problem, severity="error", timeout=15)
        self._problem = problem

    def _show_workload(self, function_name: object, version: int, author: str,
                       value_of: Callable[[str], object]) -> None:
        """The title and the signals table: each field of the outline with ``value_of(field)``."""
        self.query_one("#intake-empty", EmptyState).display = False
        self.query_one("#intake-views", ContentSwitcher).display = True
        name = function_name or "unnamed function"
        self.query_one("#intake-title", Static).update(f"Workload · {name} · v{version} by {author}")
        self._render_signals(value_of)

    def _view_table(self, view: str) -> DataTable | None:
        """The table of ``view``, or None while it has not been shown yet (not composed)."""
        found = self.query(f"#{_VIEW_TABLES[view]}")
        return found.first(DataTable) if found else None

    def _render_verdict_line(self, fit, workload_version: int) -> None:
        line = self.query_one("#intake-verdict", Static)
        if fit is None:
            line.update(_not_assessed())
            return
        line.update(verdict_line(fit.verdict, [s.direction.value for s in fit.signals], fit.workload_version,
                                 workload_version, fit.blockers[0].message if fit.blockers else None))

    @staticmethod
    def _reset(table: DataTable, *columns: str) -> int:
        row = table.cursor_row
        table.clear()
        if not table.columns:
            table.add_columns(*columns)
        return row

    @staticmethod
    def _restore(table: DataTable, row: int) -> None:
        if 0 < row < table.row_count:
            table.move_cursor(row=row)

    def _render_signals(self, value_of: Callable[[str], object]) -> None:
        """One row per workload field, labelled and explained as the outline says (the model's own texts)."""
        table = self.query_one("#intake-signals", DataTable)
        row = self._reset(table, "Signal", "Value")
        for name, text in WORKLOAD_FIELDS.items():
            table.add_row(text.title or words(name), escape(shown(value_of(name))), key=name)
            self._help[f"signals:{name}"] = text.description
        self._restore(table, row)

    def _render_fit(self, fit) -> None:
        table = self.query_one("#intake-verdict-table", DataTable)
        row = self._reset(table, "", "Signal", "Finding")
        if fit is None:
            return
        for index, blocker in enumerate(fit.blockers):
            table.add_row(Text("✗", style=self.mark_style("bold red")), blocker.code.value, escape(blocker.message),
                          key=f"blocker-{index}")
            self._help[f"verdict:blocker-{index}"] = " ".join(
                part for part in (blocker.message, *blocker.suggestions, blocker.source) if part)
        for index, signal in enumerate(fit.signals):
            arrow, style = ARROWS[signal.direction.value]
            style = self.mark_style(style)
            table.add_row(Text(arrow, style=style), escape(signal.name), escape(signal.finding), key=f"signal-{index}")
            self._help[f"verdict:signal-{index}"] = signal.reason
        self._help["verdict:summary"] = fit.summary
        self._restore(table, row)

    def _render_config(self, config, workload=None) -> None:
        from workbench.starting_config import tmp_check

        table = self.query_one("#intake-config", DataTable)
        row = self._reset(table, "Setting", "Value", "From")
        if config is None:
            return
        for name in _CONFIG_FIELDS:
            origin = config.provenance.get(name)
            table.add_row(field_label(type(config), name), escape(shown(getattr(config, name))),
                          origin.source.value if origin else "default", key=name)
            field = type(config).model_fields[name]
            self._help[f"config:{name}"] = (origin.detail if origin and origin.detail else "") or \
                (field.description or "")
        tmp = tmp_check(workload, config.per_execution_environment_max_concurrency) if workload else None
        if tmp is not None:  # one EE's /tmp is shared by every invocation it runs (Enter edits the use)
            table.add_row("/tmp at full concurrency", f"{tmp.peak_mb:,.0f} of {tmp.ephemeral_mb:,} MB"
                          + ("" if tmp.fits else " — overflows"), "workload", key=_TMP_ROW)
            self._help[f"config:{_TMP_ROW}"] = tmp.verdict()
        self._restore(table, row)

    def _current_table(self) -> DataTable:
        return self.query_one(f"#{_VIEW_TABLES[self.view]}", DataTable)

    def _current_key(self) -> str | None:
        table = self._current_table()
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value

    def _show_help(self) -> None:
        key = self._current_key()
        text = self._help.get(f"{self.view}:{key}", "") if key else ""
        self.query_one("#intake-about", Static).update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_help()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_field()

    # ----------------------------------------------------------------- actions
    async def action_view(self, name: str) -> None:
        views = self.query_one("#intake-views", ContentSwitcher)
        if self._view_table(name) is None:  # first time shown: compose it, then fill it from the store
            await views.mount(DataTable(id=_VIEW_TABLES[name], cursor_type="row", zebra_stripes=True))
            self.refresh_from_store()
        self.view = name
        views.current = _VIEW_TABLES[name]
        self._current_table().focus()
        self._show_help()

    def action_edit_field(self) -> None:
        if self.shell.refuse_if_readonly():
            return
        key = self._current_key()
        if key is None:
            return
        if self.view == "signals" and key not in _NOT_EDITABLE:
            self._edit_workload(key)
        elif self.view == "config" and key == _TMP_ROW:
            self._edit_workload("tmp_use_mb_per_invocation")
        elif self.view == "config":
            self._edit_config(key)
        elif self.view == "verdict":
            self.app.notify("The verdict follows the workload: edit the signals (w) to change it.")

    def _edit_workload(self, name: str) -> None:
        from screens.doc_form import DocumentForm
        from workbench.models import Workload

        stored = self.store.get(Workload)
        if stored is None:
            return

        def saved(doc) -> None:
            if doc is not None:
                value = shown(getattr(doc, name))
                self.shell.save(doc, expected_version=stored.version,
                                summary=f"intake: {field_label(Workload, name)} = {value}", what="The workload")

        self.app.push_screen(DocumentForm(Workload, stored.doc, [(name, field_label(Workload, name))],
                                          title=f"Edit {field_label(Workload, name)}"), saved)

    def _edit_config(self, name: str) -> None:
        from screens.doc_form import DocumentForm
        from workbench.models import LmiConfiguration, Provenance, ProvenanceSource

        stored = self.store.get(LmiConfiguration)
        if stored is None:
            return
        author = self.shell.config.author

        def saved(doc) -> None:
            if doc is None:
                return
            provenance = {**doc.provenance, name: Provenance(source=ProvenanceSource.USER,
                                                             detail=f"set by {author}")}
            doc = doc.model_copy(update={"provenance": provenance})
            self.shell.save(doc, expected_version=stored.version,
                            summary=f"configuration: {label} = {shown(getattr(doc, name))}",
                            what="The LMI configuration")

        label = field_label(LmiConfiguration, name)
        self.app.push_screen(DocumentForm(LmiConfiguration, stored.doc, [(name, label)],
                                          title=f"Edit {label} (kept when the workload changes)"), saved)

    def action_new_workload(self) -> None:
        from screens.doc_form import DocumentForm
        from workbench.models import Workload

        if self.shell.refuse_if_readonly():
            return
        stored = self.store.get(Workload)
        fields = [(n, field_label(Workload, n)) for n in ("function_name", "runtime", "region", "architecture",
                                                  "environment", "memory_mb", "requests_per_month",
                                                  "duration_avg_ms", "duration_p99_ms", "traffic_pattern")]

        def saved(doc) -> None:
            if doc is not None:
                self.shell.save(doc, expected_version=stored.version if stored else None,
                                summary=f"intake: new workload {doc.function_name}", what="The workload")

        self.app.push_screen(DocumentForm(Workload, None, fields, title="New workload"), saved)

    def action_import_from_aws(self) -> None:
        from screens.aws_screens import ImportScreen

        if not self.shell.refuse_if_readonly():
            self.app.push_screen(ImportScreen())

    def action_triage(self) -> None:
        from screens.aws_screens import TriageScreen

        if not self.shell.refuse_if_readonly():
            self.app.push_screen(TriageScreen())

    def action_open_file(self) -> None:
        from screens.dialogs import TextPrompt

        if self.shell.refuse_if_readonly():
            return

        def chosen(text: str | None) -> None:
            if text:
                self.post_message(LoadFileRequested(Path(text).expanduser()))

        self.app.push_screen(TextPrompt("Load a workload from a file (.yaml, .yml, .json or .toml)",
                                        placeholder="path/to/workload.yaml"), chosen)

    def action_save_file(self) -> None:
        from screens.dialogs import TextPrompt
        from workbench.models import Workload

        stored = self.store.get(Workload)
        if stored is None:
            self.app.notify("There is no workload to save yet.", severity="warning")
            return
        default = f"{stored.doc.function_name or 'workload'}.workload.yaml"

        def chosen(text: str | None) -> None:
            if text:
                self.post_message(SaveFileRequested(Path(text).expanduser(), stored.doc))

        self.app.push_screen(TextPrompt("Save the workload to a file (.yaml, .yml, .json or .toml)",
                                        value=default), chosen)
