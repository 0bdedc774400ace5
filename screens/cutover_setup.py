"""Plan the cutover (Monitor pane, ``P``): the old function and the LMI function (pre-filled from the session),
what invokes the old one (discovered read-only through ``workbench.cutover.setup``, as a job of the App's one
job runner), every shift mechanism with why it is offered or not, the steps, and ``Ctrl+S`` records the plan.
Nothing is recorded before that, and nothing here changes the AWS account: the plan's calls run later, one
confirmed step at a time.

``--offline`` and the demo skip discovery and say why; then the router (manual) — or in the demo its own sample
canary — is what can be planned. ``--readonly`` refuses before the dialog opens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from screens.monitor_parts import parse_steps, steps_text

if TYPE_CHECKING:
    from screens.monitor import MonitorPane
    from workbench.app import WorkbenchApp
    from workbench.cutover.setup import CutoverSetup
    from workbench.flows.acting import Actor, SessionFactory
    from workbench.store import Store
    from workbench.cutover.setup_names import SetupDefaults
    from workbench.models.cutover import CutoverState, ShiftMechanism

NAME_FIELDS = (("setup-old", "old_function"), ("setup-qualifier", "old_qualifier"), ("setup-new", "new_function"),
               ("setup-alias", "new_alias"), ("setup-version", "new_version"))
FIXED_LINES = 18  # borders, title, the two name rows, status (2), replaces (2), mechanisms (4), steps, hint, gaps
HINT = "Enter chooses · Tab moves · Ctrl+R discovers · Ctrl+S records · Esc cancels"


class CutoverSetupScreen(ModalScreen["CutoverState | None"]):
    """The cutover planner. ``record(state)`` records the plan and returns None, or the reason it was not
    recorded (the dialog stays open with everything as typed)."""

    DEFAULT_CSS = """
    CutoverSetupScreen .cutover-setup {
        width: 100;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: thick $primary;
        background: $surface;
    }
    CutoverSetupScreen .setup-title { text-style: bold; }
    CutoverSetupScreen .setup-hint { color: $text-muted; }
    CutoverSetupScreen .setup-row { height: 1; }
    CutoverSetupScreen .setup-label { width: auto; padding: 0 1 0 0; color: $text-muted; }
    CutoverSetupScreen .setup-gap { width: auto; padding: 0 1; color: $text-muted; }
    CutoverSetupScreen Input { width: 1fr; background: $panel; }
    CutoverSetupScreen Input:focus { background: $primary 30%; }
    CutoverSetupScreen #setup-qualifier, CutoverSetupScreen #setup-alias { width: 14; }
    CutoverSetupScreen #setup-version { width: 7; }
    CutoverSetupScreen #setup-discovery { height: auto; max-height: 2; margin: 1 0 0 0; }
    CutoverSetupScreen #setup-replaces { height: auto; max-height: 2; color: $warning; }
    CutoverSetupScreen #setup-mechanisms { height: auto; max-height: 4; border: none; padding: 0; }
    CutoverSetupScreen #setup-why-box { height: auto; min-height: 2; max-height: 6; margin: 0 0 1 0; }
    CutoverSetupScreen #setup-error { height: auto; color: $error; text-style: bold; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cutover_setup.cancel"),
        Binding("ctrl+s", "record", "Record the plan", id="cutover_setup.record", priority=True),
        Binding("ctrl+r", "discover", "Discover again", id="cutover_setup.discover", priority=True),
    ]

    def __init__(self, defaults: "SetupDefaults", *, record: Callable[["CutoverState"], str | None],
                 open_session: "SessionFactory | None" = None, skip_reason: str | None = None,
                 demo: bool = False) -> None:
        super().__init__(classes="dialog-screen")
        self.defaults = defaults
        self._record = record
        self._open_session = open_session
        self._skip_reason = skip_reason
        self._demo = demo
        self.setup: CutoverSetup | None = None
        self.chosen: ShiftMechanism | None = None  # the ShiftMechanism chosen (the draft's until Enter picks another)
        self.discovering = False
        self.discoveries = 0            # discoveries landed (tests wait on it)
        self._token = 0                 # the discovery whose answer is awaited (older answers are dropped)

    # ----------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        names = self.defaults.names
        where = f" · {names.region}" if names.region else ""
        with Vertical(classes="cutover-setup"):
            yield Static(f"Plan the cutover{where} — how traffic moves to the LMI version", classes="setup-title")
            with Horizontal(classes="setup-row"):
                yield Static("Old function", classes="setup-label")
                yield Input(names.old_function, placeholder="the standard Lambda function", id="setup-old",
                            compact=True)
                yield Static("qualifier", classes="setup-gap")
                yield Input(names.old_qualifier or "", placeholder="(none)", id="setup-qualifier", compact=True)
            with Horizontal(classes="setup-row"):
                yield Static("LMI function", classes="setup-label")
                yield Input(names.new_function, placeholder="the function on the capacity provider",
                            id="setup-new", compact=True)
                yield Static("alias", classes="setup-gap")
                yield Input(names.new_alias or "", placeholder="(none)", id="setup-alias", compact=True)
                yield Static("version", classes="setup-gap")
                yield Input(names.new_version or "", placeholder="–", id="setup-version", compact=True)
            yield Static("", id="setup-discovery")
            replaces = Static(f"Replaces {self.defaults.replaces}." if self.defaults.replaces else "",
                              id="setup-replaces")
            replaces.display = bool(self.defaults.replaces)
            yield replaces
            yield OptionList(id="setup-mechanisms")
            with VerticalScroll(id="setup-why-box"):
                error = Static("", id="setup-error")
                error.display = False
                yield error
                yield Static("", id="setup-why")
            with Horizontal(classes="setup-row"):
                yield Static("Steps (traffic % / bake minutes)", classes="setup-label")
                yield Input(steps_text(self.defaults.steps), placeholder="10/30, 50/60, 100/60", id="setup-steps",
                            compact=True)
            yield Static(HINT, classes="setup-hint")

    def on_resize(self) -> None:
        # The why box takes what the fixed lines leave (6 lines at 80x24, 12 at 100x30): nothing is pushed off.
        self.query_one("#setup-why-box").styles.max_height = max(3, self.size.height - FIXED_LINES)

    def on_mount(self) -> None:
        self.on_resize()
        names = self.defaults.names
        if names.old_function and names.new_function:
            self.query_one("#setup-mechanisms", OptionList).focus()
            self.action_discover()
        else:
            self.query_one("#setup-old" if not names.old_function else "#setup-new", Input).focus()
            self._status(Text("Fill in the old function and the LMI function; Enter then discovers what invokes "
                              "the old one.", style="bold"))

    # ----------------------------------------------------------------- discovery (worker → UI thread)
    @property
    def _store(self) -> "Store":
        return cast("WorkbenchApp", self.app).store

    @property
    def _actor(self) -> "Actor":
        """Who acts (the App's), with this dialog's demo flag: the demo's own setup skips discovery."""
        import dataclasses

        return dataclasses.replace(cast("WorkbenchApp", self.app).actor(), demo=self._demo)

    def _names_typed(self) -> dict[str, str]:
        return {name: self.query_one(f"#{widget}", Input).value for widget, name in NAME_FIELDS}

    def action_discover(self) -> None:
        """Propose the setup for the names as typed. Discovery reads AWS, so it is a job of the App's one job runner
        (shown in the status bar, refused while another AWS job runs, Esc here stops it); the demo and offline
        runs read nothing and prepare the mechanisms in a plain worker."""
        store = self._store
        typed = self._names_typed()
        region = self.defaults.names.region
        open_session, skip, actor = self._open_session, self._skip_reason, self._actor
        reads_aws = not self._demo and open_session is not None
        self._token += 1
        token = self._token
        self.discovering = True
        self._error("")
        old = typed["old_function"].strip() or "?"
        if reads_aws:
            self._status(Text(f"Discovering what invokes {old} (read-only List and Get calls)…", style="dim"))
        else:
            self._status(Text("Preparing the mechanisms (discovery is skipped here)…", style="dim"))

        def work(_session=None, _progress=None, _cancel=None) -> None:
            from workbench.flows.cutover import discover_cutover

            result = discover_cutover(store, actor, session_factory=open_session, region=region, skip_reason=skip,
                                      old_function=typed["old_function"], old_qualifier=typed["old_qualifier"],
                                      new_function=typed["new_function"], new_alias=typed["new_alias"],
                                      new_version=typed["new_version"])
            self.app.call_from_thread(self._landed, token, result.setup, None if result.ok else result.message)

        if not reads_aws:
            self.run_worker(work, name="cutover discovery", group="cutover-setup", thread=True, exit_on_error=False)
        elif not cast("WorkbenchApp", self.app).run_aws_job(f"Discovering what invokes {old}", work,
                                                             needs_account=False, changes_account=False):
            self.discovering = False  # the runner said why (another AWS job is running)
            self._status(Text("Discovery not started: another AWS job is running. Stop it (Esc in its pane) or let "
                              "it finish, then Ctrl+R discovers.", style="bold yellow"))

    def _landed(self, token: int, setup, problem: str | None) -> None:
        if token != self._token or not self.is_mounted:
            return  # a newer discovery was asked for, or the dialog closed meanwhile
        self.discovering = False
        self.discoveries += 1
        if setup is None:
            self.setup = None
            self._status(Text("Nothing discovered: fix the names, then Enter (or Ctrl+R) discovers again.",
                              style="bold"))
            self._error(problem or "")
            self._fill_options()
            return
        self.setup = setup
        self.chosen = setup.draft.mechanism
        status = Text()
        label = {"done": "", "skipped": "Discovery skipped", "failed": "Discovery failed"}[setup.discovery]
        status.append(label, style={"done": "", "skipped": "bold yellow", "failed": "bold red"}[setup.discovery])
        if [o.mechanism.value for o in setup.supported] == ["router"]:
            status.append(" — the router (manual) can still be planned", style="bold")
        status.append((": " if label else "") + setup.reason)  # in full in the why box when it is long
        self._status(status)
        self._fill_options()

    # ----------------------------------------------------------------- rendering
    def _status(self, text: Text) -> None:
        self.query_one("#setup-discovery", Static).update(text)

    def _error(self, message: str) -> None:
        error = self.query_one("#setup-error", Static)
        error.update(message)
        error.display = bool(message)
        if message:
            self.query_one("#setup-why-box", VerticalScroll).scroll_home(animate=False)

    def _fill_options(self) -> None:
        from workbench.cutover.setup_names import mechanism_label

        options = self.query_one("#setup-mechanisms", OptionList)
        options.clear_options()
        if self.setup is None:
            self._show_why(None)
            return
        width = max(len(mechanism_label(o.mechanism)) for o in self.setup.options)
        for option in self.setup.options:
            prompt = Text()
            prompt.append("(•) " if option.mechanism is self.chosen else "( ) ", style="bold")
            prompt.append("✓ " if option.supported else "✗ ", style="green" if option.supported else "red")
            prompt.append(mechanism_label(option.mechanism).ljust(width + 2),
                          style="" if option.supported else "dim")
            prompt.append("offered" if option.supported else "not offered", style="" if option.supported else "dim")
            options.add_option(Option(prompt, id=option.mechanism.value))
        index = next((i for i, o in enumerate(self.setup.options) if o.mechanism is self.chosen), 0)
        options.highlighted = index
        self._show_why(self.setup.options[index])

    def _show_why(self, option) -> None:
        from workbench.cutover.setup_names import mechanism_label

        text = Text()
        setup = self.setup
        if option is not None:
            text.append(f"{mechanism_label(option.mechanism)}: ", style="bold")
            text.append("offered. " if option.supported else "not offered. ", style="" if option.supported
                        else "bold red")
            text.append(option.why.removeprefix("Not offered: "))
        if setup is not None and setup.sources:
            text.append(f"\nWhat invokes {setup.names.old_function} today:", style="bold")
            for source in setup.sources:
                text.append(f"\n • {source.description}")
        for note in setup.notes if setup is not None else ():
            text.append(f"\n▲ {note}", style="yellow")
        self.query_one("#setup-why", Static).update(text)

    def mechanisms_text(self) -> str:
        """Every mechanism with offered / not offered and why, as plain text (for tests and logs)."""
        if self.setup is None:
            return ""
        from workbench.cutover.setup_names import mechanism_label

        return "\n".join(f"{'✓' if o.supported else '✗'} {mechanism_label(o.mechanism)}: "
                         f"{'offered' if o.supported else 'not offered'}: {o.why}" for o in self.setup.options)

    # ----------------------------------------------------------------- events
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.setup is not None and event.option_index < len(self.setup.options):
            self._show_why(self.setup.options[event.option_index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from workbench.cutover.setup_names import mechanism_label

        event.stop()
        if self.setup is None or event.option_index >= len(self.setup.options):
            return
        option = self.setup.options[event.option_index]
        if not option.supported:
            self._error(f"{mechanism_label(option.mechanism)} cannot be chosen here (why below): choose an offered "
                        "mechanism (✓).")
            return
        self._error("")
        self.chosen = option.mechanism
        self._fill_options()
        self.query_one("#setup-steps", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "setup-steps":
            self.action_record()
        else:
            self.action_discover()

    # ----------------------------------------------------------------- recording
    def action_record(self) -> None:
        from pydantic import ValidationError

        from workbench.cutover.calls import CutoverError
        from workbench.cutover.setup_names import SetupNames
        from workbench.models.cutover import CutoverStep

        if self.discovering:
            self._error("Discovery is still running: record the plan once it has answered (Esc cancels).")
            return
        if self.setup is None or self.chosen is None:
            self._error("Nothing to record yet: fill in both functions, then Enter (or Ctrl+R) discovers.")
            return
        try:
            steps = [CutoverStep(traffic_pct=pct, bake_minutes=bake)
                     for pct, bake in parse_steps(self.query_one("#setup-steps", Input).value)]
        except ValidationError as exc:
            first = exc.errors()[0]
            self._error(f"Steps: {'.'.join(map(str, first['loc']))}: {first['msg']}")
            return
        except ValueError as exc:
            self._error(f"Steps: {exc}")
            return
        names = SetupNames.of(**self._names_typed(), region=self.defaults.names.region)
        try:
            state = self.setup.plan(self.chosen, steps=steps, names=names)
        except CutoverError as exc:
            self._error(f"Not recorded: {exc}")
            return
        problem = self._record(state)
        if problem:
            self._error(f"Not recorded: {problem}")
            return
        self.dismiss(state)

    def action_cancel(self) -> None:
        if self.discovering and not self._demo and self._open_session is not None:
            cast("WorkbenchApp", self.app).cancel_aws_job()  # the discovery is the job running: nobody waits for it
        self.dismiss(None)


# --------------------------------------------------------------------- from the Monitor pane

def open_cutover_setup(pane: "MonitorPane") -> bool:
    """``P`` in the Monitor pane: refuse read-only sessions and a cutover under way, else open the planner with
    the session's defaults; Ctrl+S records the plan (``flows.cutover.record_cutover_plan``). Returns True when the
    dialog opened."""
    from workbench.cutover.setup_names import setup_defaults
    from workbench.flows.cutover import record_cutover_plan
    from workbench.store import StoreError

    shell = pane.shell
    if shell.refuse_if_readonly():
        return False
    config = shell.config
    try:
        defaults = setup_defaults(pane.store, region=config.aws.region)
    except (StoreError, ValueError) as exc:
        shell.notify(f"Plan cutover: {exc}", severity="error", timeout=10)
        return False
    if defaults.under_way:
        shell.notify(defaults.under_way, severity="warning", timeout=10)
        return False
    outcome: dict[str, str] = {}

    def record(state) -> str | None:
        result = record_cutover_plan(pane.store, shell.actor(), state)
        outcome["message"] = result.message
        return None if result.ok else result.message

    def recorded(state) -> None:
        if state is None:
            shell.notify("Cancelled: nothing was recorded (the cutover plan is as it was).")
            return
        shell.notify(outcome.get("message", "Cutover planned."), timeout=10)

    skip = "this run is offline (--offline): AWS is not read" if config.aws.offline else None
    opener = None if (config.demo or config.aws.offline) else pane._session().open
    shell.push_screen(CutoverSetupScreen(defaults, record=record, open_session=opener, skip_reason=skip,
                                         demo=config.demo), recorded)
    return True
