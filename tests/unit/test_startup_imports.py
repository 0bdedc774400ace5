"""What the first screen loads: `lmi-workbench --demo` up to its first frame, in a fresh interpreter, must not import
the AWS SDK, the code parsers, the web server or the engines that run only after the first frame (the cost
engine, the readiness scanner). Each would add to start-up for nothing on screen (issue 13, item 7; the figures
are measured by bench/bench_startup.py, never asserted here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import commands as cli

ROOT = Path(__file__).resolve().parents[2]

# Top-level packages and workbench modules the first frame has no use for.
NOT_AT_FIRST_FRAME = (
    "boto3", "botocore", "libcst", "tree_sitter", "tree_sitter_language_pack", "textual_serve", "aiohttp",
    "workbench.aws", "workbench.readiness", "workbench.cost.session", "workbench.deploy", "workbench.iac",
    "workbench.cutover", "workbench.monitor", "screens.cost", "screens.findings", "screens.deploy",
    "screens.monitor", "screens.review",
    # dialogs, help and what the hidden Intake configuration view computes load when first opened (the
    # configuration's model class itself is imported: the pane watches it by class)
    "screens.dialogs", "screens.help", "screens.doc_form", "screens.aws_screens", "workbench.starting_config",
    # the commands' own modules (opening the workbench parses the top level only) and a keymap file's format
    "workbench.cli.serve", "workbench.cli.cost", "workbench.cli.scan", "workbench.cli.deploy", "workbench.cli.triage",
    "workbench.cli.generate", "workbench.cli.history", "workbench.cli.monitor", "yaml", "tomllib",
)

# Runs the workbench as `lmi-workbench --demo` does; LMI_WORKBENCH_EXIT_WHEN_READY makes it exit from App.on_ready,
# i.e. right after its first frame, before the work deferred past it starts.
PROBE = r"""
import json, sys
from workbench.cli import main
code = main(sys.argv[1:])
print("FIRST_FRAME=" + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def first_frame_modules(tmp_path: Path) -> set[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "LMI_WORKBENCH_"))}
    env.update(LMI_WORKBENCH_DATA_DIR=str(tmp_path / "data"), LMI_WORKBENCH_CONFIG_DIR=str(tmp_path / "config"),
               LMI_WORKBENCH_EXIT_WHEN_READY="1", LMI_WORKBENCH_HEADLESS="1",
               LMI_WORKBENCH_NOW="2026-11-03T15:00:00Z")
    done = subprocess.run([sys.executable, "-c", PROBE, "--demo", "--store", str(tmp_path / "demo.sqlite")],
                          cwd=ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    line = [x for x in done.stdout.splitlines() if x.startswith("FIRST_FRAME=")][-1]
    result = json.loads(line.removeprefix("FIRST_FRAME="))
    assert result["code"] == 0
    modules = set(result["modules"])
    assert {"workbench.app", "screens.intake", "workbench.models.outline"} <= modules, \
        "the probe must have drawn the intake pane with the demo's workload"
    return modules


def loaded(modules: set[str], name: str) -> bool:
    return name in modules or any(m.startswith(name + ".") for m in modules)


def test_the_first_frame_loads_no_aws_sdk_parser_server_or_later_engine(tmp_path: Path) -> None:
    first_start = first_frame_modules(tmp_path)  # loads the demo into the new store
    again = first_frame_modules(tmp_path)        # the usual start: the demo is already there
    for modules in (first_start, again):
        assert [name for name in NOT_AT_FIRST_FRAME if loaded(modules, name)] == []


def test_the_usual_first_frame_imports_no_pydantic_and_builds_no_model(tmp_path: Path) -> None:
    """Importing pydantic and building the models cost about as much as Textual's own start: the first frame is
    drawn from the store's rows (screens.intake, workbench.models.outline) and drawn again from the validated
    documents right after it (tests/ui/test_first_screen.py checks that the two agree)."""
    first_frame_modules(tmp_path)  # writes the demo's documents: that builds them
    again = first_frame_modules(tmp_path)
    assert [name for name in ("pydantic", "pydantic_core", "workbench.documents", "workbench.models.workload",
                              "workbench.models.assessment", "workbench.models.lmi_config") if loaded(again, name)] == []


def test_a_second_demo_start_builds_no_demo_document_it_does_not_show(tmp_path: Path) -> None:
    first_frame_modules(tmp_path)
    # The demo's cutover plan is shown by the Monitor pane only: with the demo already stored, start-up checks
    # that its row exists instead of building it (and importing its models).
    assert "workbench.models.cutover" not in first_frame_modules(tmp_path)


def test_importing_the_app_module_loads_no_later_pane_dialog_or_aws_sdk() -> None:
    probe = "import json, sys\nimport workbench.app\nprint('MODULES=' + json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    modules = set(json.loads([x for x in done.stdout.splitlines() if x.startswith("MODULES=")][-1][8:]))
    assert [name for name in NOT_AT_FIRST_FRAME if loaded(modules, name)] == []


# Opening the workbench (no command) parses with the top level's parser only; it must read every such command
# line exactly as the full parser does, and leave every other one (a command, help, a mistake) to the full parser.
@pytest.mark.parametrize("argv", [
    [], ["--demo"], ["--demo", "--store", "x.sqlite"], ["--readonly", "--session", "team-a"],
    ["--theme", "workbench-light", "--offline"], ["--the", "workbench-light"], ["--as", "bob"],
    ["--region", "eu-west-1", "--profile", "dev", "--endpoint-url", "http://localhost:5000"],
    ["--workload", "orders.yaml"],
])
def test_opening_the_workbench_parses_as_the_full_parser_does(argv: list[str]) -> None:
    assert vars(cli.parse_arguments(argv)) == vars(cli.build_parser().parse_args(argv))


@pytest.mark.parametrize("argv, message", [
    (["--frobnicate"], "unrecognized arguments: --frobnicate"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    (["--theme"], "argument --theme: expected one argument"),
])
def test_a_bad_command_line_gets_the_full_parsers_message(argv, message, capsys) -> None:
    with pytest.raises(SystemExit) as raised:
        cli.parse_arguments(argv)
    assert raised.value.code == 2
    assert message in capsys.readouterr().err


def test_a_command_is_parsed_by_its_own_parser() -> None:
    args = cli.parse_arguments(["--store", "s.sqlite", "history", "--markdown"])
    assert args.command == "history" and args.markdown


def test_the_command_names_are_the_registered_commands() -> None:
    parser = cli.build_parser()
    registered = next(action for action in parser._actions if action.dest == "command").choices
    assert set(registered) == cli._COMMAND_NAMES
