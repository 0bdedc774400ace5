"""The Findings pane: what breaks when one execution environment runs many invocations at once.

A list of findings (grouped by file, rule or severity; filtered with /), and for the highlighted one: the
explanation for its runtime, the source in context, and the proposed patch. Apply, undo, and the review's
decisions (accepted-risk, won't-fix, false-positive, with a note) all go to the store with their author, so the
pairing partner sees them and the audit log keeps them.
"""

from __future__ import annotations

import os
from pathlib import Path

from rich.console import Group
from rich.syntax import Syntax
from rich.text import Text
from textual.app import ComposeResult
from textual.coordinate import Coordinate
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, Static

from screens.pane import EmptyState, Pane, pane_bindings
from screens.requests import (
    DecisionRequested,
    EditorRequested,
    PatchBuildRequested,
    PatchRequested,
    ScanRequested,
    UndoRequested,
    WithdrawRequested,
)
from workbench.models.findings import Finding, PatchRecord, ReadinessSummary, ReviewDecision

GROUPINGS = ("file", "rule", "severity")
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_MARK = {"error": ("✗", "bold red"), "warning": ("!", "bold yellow"), "info": ("i", "dim")}
LEXERS = {"python": "python", "nodejs": "javascript", "java": "java", "dotnet": "csharp"}
DECISION_LABEL = {"accepted-risk": "accepted risk", "wont-fix": "won't fix", "false-positive": "false positive",
                  "patched": "patched"}


class FindingsPane(Pane):
    PANE_ID = "findings"
    TITLE = "Findings"
    WATCHES = (Finding, ReviewDecision, PatchRecord, ReadinessSummary)
    BINDINGS = pane_bindings("findings")

    def __init__(self) -> None:
        super().__init__()
        self.grouping = "file"
        self.filter_text = ""
        self._findings: dict[str, Finding] = {}
        self._decisions: dict[str, ReviewDecision] = {}
        # Patches the scan left to be built on demand: built in a worker when a finding is shown. ``_built``
        # keeps the built finding until the store has it (a read-only viewer's store never does).
        self._built: dict[str, Finding] = {}
        self._building: dict[str, str] = {}   # fingerprint -> the file's sha256 the build was asked for

    def compose(self) -> ComposeResult:
        yield Static("Code-readiness findings", classes="pane-title", id="findings-title")
        yield EmptyState(
            "What breaks when one execution environment runs many invocations at once: shared /tmp "
            "paths, per-invocation connections and SDK clients, mutable global state (Node.js, Java, "
            ".NET), log lines without the request id, old library versions. Each finding explains the "
            "risk for its runtime and proposes a patch you can apply and undo.\n\n"
            "Press S to scan a project directory, or run `lmi-workbench scan PATH --session NAME`. The demo "
            "session scans its sample project.",
            classes="empty", id="findings-empty",
        )
        search = Input(placeholder="filter: file, rule or words in the message (Enter to apply, Esc to clear)",
                       id="findings-filter")
        search.display = False
        yield search
        yield DataTable(id="findings-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="findings-detail"):
            yield Static("", id="findings-detail-body")

    # ----------------------------------------------------------------- data
    def refresh_from_store(self) -> None:
        from workbench.models import Finding, ReviewDecision
        from workbench.models.findings import ReadinessSummary

        findings = {s.doc.fingerprint: s.doc for s in self.store.list(Finding)}
        self._findings = findings
        self._built = {fp: built for fp, built in self._built.items()
                       if fp in findings and findings[fp].pending_fix is not None
                       and findings[fp].file_sha256 == built.file_sha256}
        self._decisions = {s.doc.fingerprint: s.doc for s in self.store.list(ReviewDecision)}
        summary = self.store.get(ReadinessSummary)
        empty = self.query_one("#findings-empty", EmptyState)
        table = self.query_one("#findings-table", DataTable)
        detail = self.query_one("#findings-detail")
        has_any = bool(findings) or summary is not None
        empty.display = not has_any
        table.display = detail.display = has_any
        title = "Code-readiness findings"
        if summary is not None:
            s = summary.doc
            title = (f"Findings · {s.total} in {s.files_scanned} files · {s.blockers} blocking · {s.warnings} warn"
                     f" · {s.patched} patched · {s.decided} decided · {s.state}")
        self.query_one("#findings-title", Static).update(title)
        self._render_table()
        if has_any:
            self.claim_focus(table)

    def _visible(self) -> list:
        needle = self.filter_text.lower()
        rows = [f for f in self._findings.values()
                if not needle or needle in f"{f.path} {f.rule} {f.title} {f.message}".lower()]
        if self.grouping == "rule":
            key = lambda f: (f.rule, f.path, f.line)  # noqa: E731
        elif self.grouping == "severity":
            key = lambda f: (SEVERITY_ORDER.get(f.severity.value, 9), f.path, f.line)  # noqa: E731
        else:
            key = lambda f: (f.path, f.line, f.rule)  # noqa: E731
        return sorted(rows, key=key)

    def _render_table(self) -> None:
        table = self.query_one("#findings-table", DataTable)
        keep = self._highlighted_fingerprint()
        table.clear()
        if not table.columns:
            table.add_column("", key="sev")
            table.add_column("Rule", key="rule")
            table.add_column("Where", key="where")
            table.add_column("State", key="state")
            table.add_column("What", key="what")
        for finding in self._visible():
            mark, style = SEVERITY_MARK.get(finding.severity.value, ("?", ""))
            style = self.mark_style(style)
            decision = self._decisions.get(finding.fingerprint)
            finding = self._shown(finding)
            state = DECISION_LABEL.get(decision.decision.value, "") if decision else (
                "patch ready" if finding.fix else "fix available" if finding.pending_fix else "")
            table.add_row(Text(mark, style=style), finding.rule, f"{finding.path}:{finding.line}", state,
                          finding.title, key=finding.fingerprint)
        if keep is not None and keep in self._findings:
            try:
                table.move_cursor(row=table.get_row_index(keep))
            except Exception:  # filtered out
                pass
        self._render_detail()

    def _highlighted_fingerprint(self) -> str | None:
        table = self.query_one("#findings-table", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value

    def highlighted(self):
        fp = self._highlighted_fingerprint()
        finding = self._findings.get(fp) if fp else None
        return self._shown(finding) if finding is not None else None

    def _shown(self, finding: Finding) -> Finding:
        """The finding with its patch when it was built here (a built patch is shown, not written to the store)."""
        if finding.pending_fix is None:
            return finding
        return self._built.get(finding.fingerprint, finding)

    def _build_patch(self, finding: Finding) -> None:
        """Ask for the finding's pending patch to be built (once at a time per finding), in a worker."""
        if self._building.get(finding.fingerprint) == finding.file_sha256:
            return  # asked already (or it failed for this content: the App said why; a rescan asks again)
        self._building[finding.fingerprint] = finding.file_sha256
        self.post_message(PatchBuildRequested(self._root(), finding, self._patch_built))

    def _patch_built(self, built: Finding | None, result=None) -> None:
        if built is None:
            return  # could not be built (the file changed since the scan...): the App said why; a rescan helps
        stored = self._findings.get(built.fingerprint)
        if stored is not None and stored.pending_fix is not None and stored.file_sha256 == built.file_sha256:
            self._built[built.fingerprint] = built
        if self._highlighted_fingerprint() == built.fingerprint:
            self._render_table()

    def _render_detail(self) -> None:
        body = self.query_one("#findings-detail-body", Static)
        finding = self.highlighted()
        if finding is None:
            body.update("No finding matches the filter." if self._findings else "")
            return
        from workbench.readiness.rules import rules

        rule = rules().get(finding.rule)
        parts: list = []
        heading = Text(f"{finding.rule} {finding.title}", style="bold")
        heading.append(f"  ({finding.severity.value}, {finding.runtime.value})", style="dim")
        parts.append(heading)
        parts.append(Text(finding.message))
        if rule is not None:
            why = rule.rationale.get(finding.runtime.value) or next(iter(rule.rationale.values()), "")
            if why:
                parts.append(Text(f"Why on LMI ({finding.runtime.value}): {why}", style="italic"))
        decision = self._decisions.get(finding.fingerprint)
        if decision is not None:
            line = f"Decision: {DECISION_LABEL.get(decision.decision.value)} by {decision.author}"
            parts.append(Text(line + (f" — {decision.note}" if decision.note else ""), style="bold"))
        source = self._source_context(finding)
        if source is not None:
            parts.append(source)
        if finding.fix is not None:
            parts.append(Text(f"Proposed patch ({finding.fix.applicability.value}): {finding.fix.description}",
                              style="bold"))
            parts.append(Syntax(finding.fix.diff, "diff", theme="ansi_dark", word_wrap=False))
        elif finding.pending_fix is not None:
            parts.append(Text("Fix available: building the patch… (whether it is safe shows once it is built)",
                              style="bold"))
            self._build_patch(finding)
        body.update(Group(*parts))

    def _root(self) -> Path | None:
        from workbench.models.findings import ReadinessSummary

        summary = self.store.get(ReadinessSummary)
        return Path(summary.doc.root) if summary is not None and summary.doc.root else None

    def _source_context(self, finding):
        root = self._root()
        if root is None:
            return None
        try:
            text = (root / finding.path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return Text(f"({finding.path} cannot be read now)", style="dim")
        start = max(1, finding.line - 3)
        end = finding.end_line + 3
        return Syntax(text, LEXERS.get(finding.runtime.value, "text"), line_numbers=True,
                      line_range=(start, end), highlight_lines=set(range(finding.line, finding.end_line + 1)),
                      theme="ansi_dark", word_wrap=False)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._render_detail()

    # ----------------------------------------------------------------- filter and grouping
    def action_filter(self) -> None:
        search = self.query_one("#findings-filter", Input)
        search.display = True
        search.value = self.filter_text
        search.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "findings-filter":
            event.stop()
            self.filter_text = event.value.strip()
            event.input.display = bool(self.filter_text)
            self._render_table()
            self.query_one("#findings-table", DataTable).focus()

    def on_key(self, event) -> None:
        search = self.query_one("#findings-filter", Input)
        if event.key == "escape" and search.has_focus:
            event.stop()
            self.filter_text = ""
            search.value = ""
            search.display = False
            self._render_table()
            self.query_one("#findings-table", DataTable).focus()

    def action_next_grouping(self) -> None:
        self.grouping = GROUPINGS[(GROUPINGS.index(self.grouping) + 1) % len(GROUPINGS)]
        self._render_table()
        self.app.notify(f"Findings ordered by {self.grouping}")

    # ----------------------------------------------------------------- actions
    def action_apply_patch(self) -> None:
        finding = self.highlighted()
        if finding is None or self.shell.refuse_if_readonly():
            return
        if finding.fix is None and finding.pending_fix is None:
            self.app.notify(f"{finding.rule} has no proposed patch: fix it by hand, or record a decision.",
                            severity="warning")
            return
        self.post_message(PatchRequested(self._root(), finding))

    def action_undo_patch(self) -> None:
        finding = self.highlighted()
        if self.shell.refuse_if_readonly():
            return
        self.post_message(UndoRequested(finding))

    def action_decide(self, decision: str) -> None:
        from screens.dialogs import TextPrompt

        finding = self.highlighted()
        if finding is None or self.shell.refuse_if_readonly():
            return

        from workbench.models import ReviewDecision
        from workbench.store import StoreError

        try:  # the base: a partner's decision made while the note is typed is merged or a conflict, not replaced
            seen = self.store.get(ReviewDecision, finding.fingerprint)
        except StoreError as exc:
            self.app.notify(str(exc), severity="error")
            return
        base = seen.version if seen else None

        def noted(note: str | None) -> None:
            if note is not None:
                self.post_message(DecisionRequested(finding, decision, note, base))

        self.app.push_screen(TextPrompt(f"{DECISION_LABEL[decision].capitalize()}: why? (the note goes to the "
                                        "audit log)", placeholder="e.g. the file is only written at deploy time",
                                        hint="Enter to record · Esc to cancel"), noted)

    def action_undecide(self) -> None:
        finding = self.highlighted()
        if finding is None or self.shell.refuse_if_readonly():
            return
        self.post_message(WithdrawRequested(finding))

    def action_copy_patch(self) -> None:
        finding = self.highlighted()
        if finding is not None and finding.fix is None and finding.pending_fix is not None:
            self.app.notify("The patch is being built: copy it once it shows.", severity="warning")
            return
        if finding is None or finding.fix is None:
            self.app.notify("No patch to copy for this finding.", severity="warning")
            return
        self.app.copy_to_clipboard(finding.fix.diff)
        self.app.notify(f"Copied the patch for {finding.path} ({len(finding.fix.diff.splitlines())} lines)")

    def action_open_editor(self) -> None:
        finding = self.highlighted()
        root = self._root()
        if finding is None or root is None:
            return
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            self.app.notify("Set $EDITOR (or $VISUAL) to open files from here.", severity="warning")
            return
        self.post_message(EditorRequested(editor, root, finding.path, finding.line))

    def action_scan(self) -> None:
        from screens.dialogs import TextPrompt

        if self.shell.refuse_if_readonly():
            return
        root = self._root()

        def chosen(text: str | None) -> None:
            if text:
                self.post_message(ScanRequested(Path(text).expanduser()))

        self.app.push_screen(TextPrompt("Scan a project directory, a git checkout or one file",
                                        value=str(root) if root else ""), chosen)
