"""The one table of key bindings. The App's BINDINGS, the help screen and the command palette are all built
from it, and every entry has an id that a keymap file can rebind.

No Textual here: the App turns these rows into ``textual.binding.Binding`` objects.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyCommand:
    id: str            # stable id, used by keymap files: "pane.cost"
    keys: str          # Textual key names, comma separated: "2" or "question_mark,f1"
    action: str        # the App action it runs: "show_pane('cost')"
    title: str         # short label for the footer and the palette: "Cost"
    help: str          # one sentence for the help screen and the palette
    group: str         # heading in the help screen
    show: bool = True  # shown in the footer
    palette: bool = True  # offered in the command palette
    priority: bool = False
    scope: str = "app"  # "app", or the pane id whose widgets the binding belongs to


PANES: tuple[tuple[str, str, str], ...] = (
    # (pane id, title, what it is for)
    ("intake", "Intake", "the workload's signals and the fit verdict"),
    ("cost", "Cost", "standard Lambda vs LMI vs EC2, live"),
    ("findings", "Findings", "code-readiness findings and patches"),
    ("deploy", "Deploy", "the generated infrastructure, in the format you commit"),
    ("monitor", "Monitor", "cutover metrics, thresholds and traffic shift"),
    ("review", "Review", "who is here, the review's notes and its audit log"),
)

COMMANDS: tuple[KeyCommand, ...] = (
    *(
        KeyCommand(
            id=f"pane.{pane}", keys=str(number), action=f"show_pane('{pane}')", title=title,
            help=f"{title}: {purpose}.", group="Panes", show=False,
        )
        for number, (pane, title, purpose) in enumerate(PANES, start=1)
    ),
    KeyCommand("app.help", "question_mark,f1", "show_help", "Help",
               "Show every key binding and what it does.", "Workbench"),
    KeyCommand("app.palette", "ctrl+p", "command_palette", "Commands",
               "Search every command by name (the command palette).", "Workbench", show=False,
               palette=False),
    KeyCommand("review.note", "n", "add_note", "Note",
               "Add a note to the review's audit log, signed with your name.", "Review"),
    KeyCommand("review.rename", "R", "rename_review", "Rename",
               "Change the review's title (everyone in the session sees it).", "Review", show=False),
    KeyCommand("app.copy_join", "y", "copy_join_command", "Copy join",
               "Copy the command a pairing partner runs to join this session (OSC 52 clipboard).",
               "Workbench", show=False),
    KeyCommand("app.theme", "ctrl+t", "next_theme", "Theme",
               "Switch to the next workbench theme (remembered for you).", "Workbench", show=False),
    KeyCommand("app.quit", "q", "quit", "Quit", "Quit the workbench (the session stays in its store).",
               "Workbench"),
    # --- Intake pane
    KeyCommand("intake.edit", "enter,e", "edit_field", "Edit",
               "Intake pane: edit the highlighted signal or configuration value (validated before it is saved).",
               "Intake pane", scope="intake"),
    KeyCommand("intake.signals", "w", "view('signals')", "Signals",
               "Intake pane: the workload's signals.", "Intake pane", scope="intake"),
    KeyCommand("intake.verdict", "v", "view('verdict')", "Verdict",
               "Intake pane: the fit verdict, signal by signal, with the reasons.", "Intake pane", scope="intake"),
    KeyCommand("intake.config", "g", "view('config')", "Config",
               "Intake pane: the starting LMI configuration and where each value came from.", "Intake pane",
               scope="intake"),
    KeyCommand("intake.open", "o", "open_file", "Open file",
               "Intake pane: load a workload from a YAML, JSON or TOML file.", "Intake pane", scope="intake"),
    KeyCommand("intake.save", "s", "save_file", "Save file",
               "Intake pane: save the workload to a YAML, JSON or TOML file.", "Intake pane", scope="intake",
               show=False),
    KeyCommand("intake.import", "i", "import_from_aws", "Import",
               "Intake pane: list a Region's functions and import one (configuration + CloudWatch history).",
               "Intake pane", scope="intake"),
    KeyCommand("intake.triage", "t", "triage", "Triage",
               "Intake pane: rank every function of one or more Regions by LMI saving and fit.", "Intake pane",
               scope="intake", show=False),
    KeyCommand("intake.new", "N", "new_workload", "New",
               "Intake pane: start a new workload by typing its function name, runtime and region.",
               "Intake pane", scope="intake", show=False),
    # --- Findings pane
    KeyCommand("findings.filter", "slash", "filter", "Filter",
               "Findings pane: show only findings whose file, rule or message contains the text.", "Findings pane",
               scope="findings"),
    KeyCommand("findings.group", "G", "next_grouping", "Group",
               "Findings pane: order by file, by rule or by severity.", "Findings pane", scope="findings"),
    KeyCommand("findings.apply", "a", "apply_patch", "Apply patch",
               "Findings pane: apply the proposed patch (only to the file as it was scanned; undo with u).",
               "Findings pane", scope="findings"),
    KeyCommand("findings.undo", "u", "undo_patch", "Undo",
               "Findings pane: undo the patch applied to this finding's file.", "Findings pane", scope="findings"),
    KeyCommand("findings.accept", "A", "decide('accepted-risk')", "Accept risk",
               "Findings pane: mark the finding accepted-risk, with a note.", "Findings pane", scope="findings",
               show=False),
    KeyCommand("findings.wontfix", "W", "decide('wont-fix')", "Won't fix",
               "Findings pane: mark the finding won't-fix, with a note.", "Findings pane", scope="findings",
               show=False),
    KeyCommand("findings.false_positive", "F", "decide('false-positive')", "False positive",
               "Findings pane: mark the finding a false positive, with a note.", "Findings pane", scope="findings",
               show=False),
    KeyCommand("findings.undecide", "X", "undecide", "Clear decision",
               "Findings pane: withdraw the decision on the finding.", "Findings pane", scope="findings",
               show=False),
    KeyCommand("findings.copy", "c", "copy_patch", "Copy patch",
               "Findings pane: copy the proposed patch (OSC 52 clipboard).", "Findings pane", scope="findings",
               show=False),
    KeyCommand("findings.edit", "o", "open_editor", "Open in $EDITOR",
               "Findings pane: open the file at the finding's line in $EDITOR.", "Findings pane",
               scope="findings", show=False),
    KeyCommand("findings.scan", "S", "scan", "Scan",
               "Findings pane: scan a project directory (or rescan the last one).", "Findings pane",
               scope="findings"),
    # --- Deploy pane
    KeyCommand("deploy.format", "f", "next_format", "Format",
               "Deploy pane: the next infrastructure format (CDK TypeScript, Python, JavaScript, SAM, "
               "CloudFormation, Terraform, CLI script).", "Deploy pane", scope="deploy"),
    KeyCommand("deploy.write", "w", "write_files", "Write files",
               "Deploy pane: write the generated files to a directory (never over existing files unless you "
               "confirm).", "Deploy pane", scope="deploy"),
    KeyCommand("deploy.copy", "c", "copy_file", "Copy file",
               "Deploy pane: copy the highlighted file (OSC 52 clipboard).", "Deploy pane", scope="deploy",
               show=False),
    KeyCommand("deploy.files", "g", "view('files')", "Files",
               "Deploy pane: the generated infrastructure files (f format, w write, c copy).", "Deploy pane",
               scope="deploy", show=False),
    KeyCommand("deploy.checks", "v", "preflight", "Checks",
               "Deploy pane: pre-flight checks against the account, read-only (Region, runtime, subnets in 3+ "
               "AZs with free IPs, egress to CloudWatch Logs, architectures, roles).", "Deploy pane",
               scope="deploy"),
    KeyCommand("deploy.plan", "p", "plan", "Plan",
               "Deploy pane: the guided deployment as a checklist of the exact AWS calls (p again plans anew; "
               "nothing runs until you apply).", "Deploy pane", scope="deploy"),
    KeyCommand("deploy.apply", "a", "apply_plan", "Apply",
               "Deploy pane: make the plan's calls after you confirm them; again to resume (finished steps are "
               "skipped).", "Deploy pane", scope="deploy"),
    KeyCommand("deploy.cleanup", "x", "cleanup", "Cleanup",
               "Deploy pane: remove what the deployment created, in order, after you confirm.", "Deploy pane",
               scope="deploy"),
    KeyCommand("deploy.cancel", "escape", "cancel_run", "Stop",
               "Deploy pane: stop the running deployment or pre-flight after the current call.", "Deploy pane",
               scope="deploy", show=False),
    # --- Cost pane
    KeyCommand("cost.items", "d", "detail('items')", "Drill down",
               "Cost pane: the highlighted scenario's line items (requests, compute, fee, instances).",
               "Cost pane", scope="cost"),
    KeyCommand("cost.breakeven", "b", "detail('chart')", "Break-even",
               "Cost pane: cost against monthly volume for Lambda and LMI, the crossing marked.",
               "Cost pane", scope="cost"),
    KeyCommand("cost.sensitivity", "s", "detail('sensitivity')", "Sensitivity",
               "Cost pane: how the verdict moves with traffic and duration at ±50%.", "Cost pane", scope="cost"),
    KeyCommand("cost.instances", "i", "detail('instances')", "Instances",
               "Cost pane: the instance type chosen and the next cheapest alternatives.", "Cost pane",
               scope="cost", show=False),
    KeyCommand("cost.prices", "p", "detail('prices')", "Prices",
               "Cost pane: which prices are used, their source and age, and the assumptions.", "Cost pane",
               scope="cost", show=False),
    KeyCommand("cost.commitment", "c", "next_commitment", "Commitment",
               "Cost pane: compare against the next commitment (on-demand, Savings Plans, RIs).", "Cost pane",
               scope="cost", show=False),
    KeyCommand("cost.settings", "r", "edit_settings", "Rates",
               "Cost pane: edit discount rates, free tier, packing and the instance type (shared).",
               "Cost pane", scope="cost"),
    KeyCommand("cost.refresh", "u", "refresh_prices", "Update prices",
               "Cost pane: fetch current prices for this region from the AWS Price List API (needs credentials).",
               "Cost pane", scope="cost", show=False),
    KeyCommand("cost.export", "e", "export", "Export",
               "Cost pane: write the comparison to a Markdown, CSV or JSON file.", "Cost pane", scope="cost", show=False),
    # --- Monitor pane
    KeyCommand("monitor.forward", "f", "decide('forward')", "Forward",
               "Monitor pane: propose the next traffic step (the boto3 calls are shown; runs only if you confirm).",
               "Monitor pane", scope="monitor"),
    KeyCommand("monitor.hold", "h", "decide('hold')", "Hold",
               "Monitor pane: hold the cutover at the current step (confirmed, recorded with your name).",
               "Monitor pane", scope="monitor"),
    KeyCommand("monitor.rollback", "b", "decide('rollback')", "Roll back",
               "Monitor pane: propose sending all traffic back to the old function (the calls are shown first).",
               "Monitor pane", scope="monitor"),
    KeyCommand("monitor.edit_steps", "e", "edit_steps", "Edit steps",
               "Monitor pane: edit the cutover steps and bake times (default 10% → 50% → 100%).", "Monitor pane",
               scope="monitor", show=False),
    KeyCommand("monitor.plan", "P", "plan_cutover", "Plan cutover",
               "Monitor pane: plan the cutover: find what invokes the old function (read-only), choose how the "
               "traffic shifts and the steps, then record the plan.", "Monitor pane", scope="monitor", show=False),
    KeyCommand("monitor.range_next", "right_square_bracket", "time_range(1)", "Longer range",
               "Monitor pane: show a longer time range (1h, 3h, 12h, 24h, 3d, 7d).", "Monitor pane",
               scope="monitor", show=False),
    KeyCommand("monitor.range_prev", "left_square_bracket", "time_range(-1)", "Shorter range",
               "Monitor pane: show a shorter time range.", "Monitor pane", scope="monitor", show=False),
    KeyCommand("monitor.refresh", "r", "refresh_now", "Refresh",
               "Monitor pane: fetch the metrics now instead of waiting for the next refresh.", "Monitor pane",
               scope="monitor"),
    KeyCommand("monitor.next_function", "m", "next_function", "Next function",
               "Monitor pane: watch the next monitored function (when several are targeted).", "Monitor pane",
               scope="monitor", show=False),
    KeyCommand("monitor.cost", "c", "show_cost", "Actual cost",
               "Monitor pane: predicted against actual cost after the cutover, and the decommission reminder.",
               "Monitor pane", scope="monitor", show=False),
    KeyCommand("monitor.export", "x", "export_report", "Export report",
               "Monitor pane: write the whole cutover (steps, gates, decisions, authors) to a Markdown file.",
               "Monitor pane", scope="monitor", show=False),
    KeyCommand("monitor.cancel", "escape", "cancel_job", "Stop",
               "Monitor pane: stop the running AWS job (a decision's calls, a deployment) before its next call.",
               "Monitor pane", scope="monitor", show=False, palette=False),
)


def scoped(scope: str) -> tuple[KeyCommand, ...]:
    return tuple(entry for entry in COMMANDS if entry.scope == scope)


def command(command_id: str) -> KeyCommand:
    for entry in COMMANDS:
        if entry.id == command_id:
            return entry
    raise KeyError(command_id)


def effective_keys(entry: KeyCommand, keymap: dict[str, str]) -> str:
    """The keys that run ``entry`` once the user's keymap is applied."""
    return keymap.get(entry.id, entry.keys)


def display_keys(keys: str) -> str:
    """Keys as a person reads them: "question_mark,f1" -> "? / F1"."""
    names = {
        "question_mark": "?", "escape": "Esc", "enter": "Enter", "slash": "/", "space": "Space",
        "tab": "Tab", "delete": "Del", "backspace": "Backspace", "up": "↑", "down": "↓",
        "left": "←", "right": "→", "left_square_bracket": "[", "right_square_bracket": "]",
    }
    shown = []
    for key in keys.split(","):
        key = key.strip()
        parts = key.split("+")
        label = "+".join(names.get(p, p.upper() if len(p) > 1 and p.startswith("f") and p[1:].isdigit()
                                    else (p.capitalize() if len(p) > 1 else p)) for p in parts)
        shown.append(label)
    return " / ".join(shown)
