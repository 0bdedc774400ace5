"""`--help`, `--version`, option errors and interrupts: what a newcomer sees before the workbench opens."""

from __future__ import annotations

import sys

import pytest

import workbench
from tests.cli.conftest import assert_clean_failure
from workbench import cli

SUBCOMMANDS = ["serve", "history"]
TOP_LEVEL_OPTIONS = [
    "--session", "--store", "--as", "--readonly", "--demo", "--theme", "--keymap",
    "--profile", "--region", "--endpoint-url", "--offline", "--version", "--help",
]


def test_help_lists_the_subcommands_and_options(ws):
    done = ws.run("--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: lmi-workbench")
    for name in SUBCOMMANDS + TOP_LEVEL_OPTIONS:
        assert name in done.stdout, name
    assert done.stderr == ""


@pytest.mark.parametrize("command, options", [
    ("serve", ["--host", "--port", "--public-url", "--session", "--store", "--as", "--readonly", "--demo"]),
    ("history", ["--markdown", "--output", "--force", "--session", "--store"]),
])
def test_each_subcommand_has_its_own_help(ws, command, options):
    done = ws.run(command, "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: lmi-workbench {command}")
    for option in options:
        assert option in done.stdout, option


def test_version_prints_the_package_version(ws):
    done = ws.run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"lmi-workbench {workbench.__version__}"


def test_the_module_runs_with_python_dash_m(ws):
    done = ws.run("--version", command=[sys.executable, "-m", "workbench.cli"])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"lmi-workbench {workbench.__version__}"


def test_unknown_option_is_a_usage_error(ws):
    done = ws.run("--frobnicate")
    assert done.returncode == 2
    assert done.stderr.startswith("usage: lmi-workbench")
    assert "lmi-workbench: error: unrecognized arguments: --frobnicate" in done.stderr
    assert "Traceback" not in done.stderr
    assert not ws.data_dir.exists(), "a usage error must not create anything"


def test_unknown_subcommand_is_a_usage_error(ws):
    done = ws.run("deplyo")
    assert done.returncode == 2
    assert "invalid choice: 'deplyo'" in done.stderr
    assert "'serve'" in done.stderr and "'history'" in done.stderr


def test_option_of_another_command_is_refused(ws):
    done = ws.run("history", "--port", "8000")
    assert done.returncode == 2
    assert "unrecognized arguments: --port" in done.stderr


@pytest.mark.parametrize("name", ["../escape", "a/b", "", "-x", "x" * 65, "has space"])
def test_bad_session_name_is_refused_with_the_rule(ws, name):
    done = ws.run(f"--session={name}")
    assert done.returncode == 2
    assert "argument --session" in done.stderr and "is not allowed" in done.stderr
    assert "Traceback" not in done.stderr
    assert not ws.data_dir.exists()


def test_bad_session_name_is_refused_by_subcommands_too(ws):
    done = ws.run("history", "--session", "../../etc")
    assert done.returncode == 2
    assert "is not allowed" in done.stderr


@pytest.mark.parametrize("author", ["", "   ", "bad\x07name"])
def test_bad_author_is_refused(ws, author):
    done = ws.run(f"--as={author}")
    assert done.returncode == 2
    assert "argument --as" in done.stderr


def test_missing_keymap_file_is_refused(ws):
    missing = ws.root / "nope.toml"
    done = ws.run("--keymap", str(missing))
    assert_clean_failure(done, f"keymap file {missing} does not exist")
    assert not ws.data_dir.exists()


def test_keymap_that_is_a_directory_is_refused(ws):
    done = ws.run("--keymap", str(ws.root))
    assert_clean_failure(done, "is not a file")


# --- in-process: how the parser resolves options --------------------------------------------------------------


def test_options_may_come_before_or_after_the_subcommand():
    parser = cli.build_parser()
    before = parser.parse_args(["--session", "pay", "history"])
    after = parser.parse_args(["history", "--session", "pay"])
    assert before.session == after.session == "pay"
    assert before.command == after.command == "history"
    # The subcommand's copy of an option only overrides what it was given.
    both = parser.parse_args(["--session", "pay", "history", "--markdown"])
    assert both.session == "pay" and both.markdown


def test_no_subcommand_means_the_tui():
    args = cli.build_parser().parse_args([])
    assert args.command is None and args.handler is cli.run_tui


def test_every_registered_subcommand_names_a_handler():
    import argparse

    parser = cli.build_parser()
    choices = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    for module in cli.SUBCOMMANDS:
        name = module.rsplit(".", 1)[-1]
        sub = choices[name]  # a subcommand's own required options are its business; its handler is ours
        assert callable(sub.get_default("handler")), name


def test_ctrl_c_exits_130_without_a_traceback(monkeypatch, capsys):
    import workbench.cli.history

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(workbench.cli.history, "run", interrupted)
    assert cli.main(["history"]) == 130
    assert "Traceback" not in capsys.readouterr().err
