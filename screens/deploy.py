"""The Deploy pane: the infrastructure for this workload and its LMI configuration, generated in the format
the team commits (CDK in TypeScript by default), previewed with syntax highlighting, written to a directory or
copied. Every format renders one infrastructure model, so they never disagree."""

from __future__ import annotations

from pathlib import Path

from rich.syntax import Syntax
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from screens.pane import EmptyState, Pane, pane_bindings

LEXERS = {".ts": "typescript", ".js": "javascript", ".py": "python", ".json": "json", ".yaml": "yaml",
          ".yml": "yaml", ".tf": "terraform", ".sh": "bash", ".md": "markdown", ".txt": "text"}


class DeployPane(Pane):
    PANE_ID = "deploy"
    TITLE = "Deploy"
    WATCHES = frozenset({"workload", "lmi-config"})
    BINDINGS = pane_bindings("deploy")

    def __init__(self) -> None:
        super().__init__()
        self.format = "cdk-ts"
        self.files: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static("Infrastructure", classes="pane-title", id="deploy-title")
        yield EmptyState(
            "The infrastructure for this workload (CDK in TypeScript by default; SAM, CloudFormation, "
            "Terraform or a CLI script on request): the two IAM roles, the capacity provider, the "
            "function with its capacity-provider configuration, its version and alias, scaling and alarms.\n\n"
            "It needs a workload and its starting configuration (Intake pane, key 1). Headless: "
            "`lmi-workbench generate --format cdk-ts -o DIR`.",
            classes="empty", id="deploy-empty",
        )
        problems = Static("", id="deploy-problems", classes="error-line")
        problems.display = False
        yield problems
        yield DataTable(id="deploy-files", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="deploy-preview"):
            yield Static("", id="deploy-preview-body")

    def refresh_from_store(self) -> None:
        from workbench.iac import FORMATS, IacInputError, generate
        from workbench.models import LmiConfiguration, Workload

        workload = self.store.get(Workload)
        config = self.store.get(LmiConfiguration)
        empty = self.query_one("#deploy-empty", EmptyState)
        table = self.query_one("#deploy-files", DataTable)
        preview = self.query_one("#deploy-preview")
        problems = self.query_one("#deploy-problems", Static)
        ready = workload is not None and config is not None
        empty.display = not ready
        table.display = preview.display = ready
        if not ready:
            return
        self.query_one("#deploy-title", Static).update(
            f"Infrastructure · {FORMATS[self.format]} · {workload.doc.function_name} · configuration v{config.version}")
        try:
            self.files = generate(self.format, workload.doc, config.doc)
            problems.display = False
        except IacInputError as exc:
            self.files = {}
            problems.update("✗ " + "\n✗ ".join(exc.problems))
            problems.display = True
        keep = table.cursor_row
        table.clear()
        if not table.columns:
            table.add_columns("File", "Lines")
        for name, text in sorted(self.files.items()):
            table.add_row(name, str(text.count("\n") + 1), key=name)
        if 0 < keep < table.row_count:
            table.move_cursor(row=keep)
        self._preview()
        self.claim_focus(table)

    def _current(self) -> str | None:
        table = self.query_one("#deploy-files", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value

    def _preview(self) -> None:
        name = self._current()
        body = self.query_one("#deploy-preview-body", Static)
        if name is None:
            body.update(Text("Nothing generated.", style="dim"))
            return
        lexer = LEXERS.get(Path(name).suffix, "text")
        body.update(Syntax(self.files[name], lexer, line_numbers=True, theme="ansi_dark", word_wrap=False))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._preview()

    def action_next_format(self) -> None:
        from workbench.iac import FORMATS

        names = list(FORMATS)
        self.format = names[(names.index(self.format) + 1) % len(names)]
        self.refresh_from_store()

    def action_copy_file(self) -> None:
        name = self._current()
        if name is not None:
            self.app.copy_to_clipboard(self.files[name])
            self.app.notify(f"Copied {name}")

    def action_write_files(self) -> None:
        from screens.dialogs import ConfirmDialog, TextPrompt
        from workbench.iac import FilesExist, write_files

        if not self.files:
            return
        files = dict(self.files)

        def write(directory: Path, overwrite: bool) -> None:
            try:
                written = write_files(files, directory, overwrite=overwrite)
            except FilesExist as exc:
                self.app.push_screen(ConfirmDialog(f"Replace files in {directory}?", str(exc)),
                                     lambda yes: write(directory, True) if yes else None)
                return
            except OSError as exc:
                self.app.notify(f"Could not write to {directory}: {exc.strerror or exc}", severity="error")
                return
            self.app.notify(f"Wrote {len(written)} files to {directory}")

        def chosen(text: str | None) -> None:
            if text:
                directory = Path(text).expanduser()
                if not directory.exists():
                    try:
                        directory.mkdir(parents=True)
                    except OSError as exc:
                        self.app.notify(f"Could not create {directory}: {exc.strerror or exc}", severity="error")
                        return
                write(directory, False)

        self.app.push_screen(TextPrompt("Write the generated files to a directory",
                                        value=f"infra-{self.format}"), chosen)
