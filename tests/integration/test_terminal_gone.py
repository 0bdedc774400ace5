"""The workbench exits cleanly when its terminal goes away (an SSH drop, a killed tmux pane)."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import termios
import time

import pytest

from workbench.store import Store


def _wait(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.mark.slow
def test_exits_cleanly_when_the_terminal_hangs_up(tmp_path):
    store_path = tmp_path / "pair.sqlite"
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, b"\x18\x00\x50\x00\x00\x00\x00\x00")  # 24 rows x 80 cols

    def controlling_tty() -> None:
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    env = {**os.environ, "TERM": "xterm-256color"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "workbench.cli", "--store", str(store_path), "--as", "carol"],
        stdin=slave, stdout=slave, stderr=slave, preexec_fn=controlling_tty, env=env, close_fds=True,
    )
    os.close(slave)
    output = bytearray()
    try:
        observer = None

        def joined() -> bool:
            nonlocal observer
            try:
                while True:  # keep the pty drained so the app never blocks on output
                    import select

                    ready, _, _ = select.select([master], [], [], 0)
                    if not ready:
                        break
                    output.extend(os.read(master, 65536))
            except OSError:
                pass
            if b"Intake" not in output or not store_path.exists():  # the first screen is drawn
                return False
            if observer is None:
                observer = Store.open(store_path, author="observer")
            return any(p.author == "carol" for p in observer.present())

        assert _wait(joined, 60), f"the app never joined the session: {bytes(output[-2000:])!r}"
        os.close(master)  # the terminal goes away: the kernel hangs up the session
        master = None
        assert _wait(lambda: proc.poll() is not None, 30), "still running after its terminal went away"
        assert proc.returncode == 0
        assert not any(p.author == "carol" for p in observer.present()), "left a presence row behind"
        observer.close()
    finally:
        if master is not None:
            os.close(master)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
