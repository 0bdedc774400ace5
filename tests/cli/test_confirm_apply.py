"""The confirmation `deploy --apply` and `cutover --decide` ask before they call AWS (cli.common.confirm_apply)."""

from __future__ import annotations

import argparse
import io

import pytest

from workbench.cli.common import EXIT_FAILURE, CliError, confirm_apply


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def ask(answer: str | None, *, yes: bool = False, tty: bool = True) -> bool:
    stdin = (Terminal if tty else io.StringIO)("" if answer is None else answer + "\n")
    return confirm_apply(argparse.Namespace(yes=yes), stdin, "deployment", without="apply without the question",
                         declined="Nothing was changed.")


def test_yes_on_the_terminal_or_the_option_confirms(capsys):
    assert ask("yes") and capsys.readouterr().err == "Type yes to apply the deployment: "
    assert ask(None, yes=True, tty=False) and capsys.readouterr().err == ""   # --yes: nothing asked, nothing read


def test_anything_else_declines_and_says_what_happened(capsys):
    assert not ask("y")
    assert capsys.readouterr().err == ("Type yes to apply the deployment: Not applied (you typed 'y', not yes). "
                                       "Nothing was changed.\n")


def test_without_a_terminal_nobody_can_confirm():
    with pytest.raises(CliError) as caught:
        ask("yes", tty=False)
    assert caught.value.exit_code == EXIT_FAILURE
    assert str(caught.value) == ("standard input is not a terminal, so nobody can confirm the deployment: add --yes "
                                 "to apply without the question")
