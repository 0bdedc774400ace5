"""Without a terminal the workbench says so in one line and exits 2 (issue 13: `lmi-workbench --demo </dev/null`
spun at 100% CPU forever, and with stdin closed it crashed). In a real terminal (a pty) it still opens."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import termios
import threading

import pytest

from tests.cli.conftest import cli_command


def _env(ws) -> dict[str, str]:
    env = dict(ws.env)
    env.pop("LMI_WORKBENCH_HEADLESS")  # a person's run: no headless driver
    return env


def _assert_one_line_refusal(done: subprocess.CompletedProcess[str], ws) -> None:
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("lmi-workbench: the workbench needs a terminal, and standard input is not one")
    assert "lmi-workbench serve" in lines[0]
    assert not ws.session_file("demo").exists()  # refused before anything was opened or written


def test_stdin_from_dev_null_is_one_line_and_exit_2(ws):
    done = subprocess.run(cli_command() + ["--demo"], cwd=ws.root, env=_env(ws), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)
    _assert_one_line_refusal(done, ws)


def test_stdin_closed_is_one_line_and_exit_2(ws):
    done = subprocess.run(cli_command() + ["--demo"], cwd=ws.root, env=_env(ws), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60, preexec_fn=lambda: os.close(0))
    _assert_one_line_refusal(done, ws)


def test_stderr_not_a_terminal_is_refused_too(ws):
    """Textual draws on standard error: a terminal for keys but a file for the screen is no terminal."""
    master, slave = pty.openpty()
    try:
        done = subprocess.run(cli_command() + ["--demo"], cwd=ws.root, env=_env(ws), stdin=slave,
                              capture_output=True, text=True, timeout=60)
    finally:
        os.close(slave)
        os.close(master)
    assert done.returncode == 2 and "standard error is not one" in done.stderr, done.stderr


@pytest.mark.slow
def test_a_real_terminal_still_opens_the_workbench(ws):
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    drawn = bytearray()

    def drain() -> None:  # the app blocks if nobody reads its screen
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            drawn.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    env = dict(_env(ws), TERM="xterm-256color")  # LMI_WORKBENCH_EXIT_WHEN_READY=1 stays: exit at first screen
    try:
        proc = subprocess.run(cli_command() + ["--demo"], cwd=ws.root, env=env, stdin=slave, stdout=slave,
                              stderr=slave, timeout=120)
    finally:
        os.close(slave)
        reader.join(timeout=10)
        os.close(master)
    assert proc.returncode == 0, bytes(drawn[-2000:])
    assert b"needs a terminal" not in drawn
    assert ws.session_file("demo").exists()


def test_help_names_the_themes_as_they_work(ws):
    from themes import THEME_NAMES

    done = ws.run("--help")
    assert done.returncode == 0
    text = " ".join(done.stdout.split())
    for name in THEME_NAMES:
        assert name in text
    assert "dark, light, high-contrast, ansi" not in text
