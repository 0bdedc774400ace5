"""Startup: process start -> first screen ready, headless, for the workbench on the demo and for a bare Textual
app with one Static widget, measured the same way in the same run. Prints medians and their ratio.

Both processes exit as soon as their first screen is ready (the workbench through
LMI_WORKBENCH_EXIT_WHEN_READY, which exits from App.on_ready; the bare app exits from on_ready too), so the
figure is the wall time from spawning the process to its exit: interpreter start, imports, compose, first
paint, and shutdown, identically for both. The first screen itself is timed too: at on_ready both write a line
(the workbench under LMI_WORKBENCH_REPORT_READY=1) with their CPU time so far, and the wall time is taken when the
line arrives; that leaves out the interpreter's shutdown, which is no part of the first screen. Each run's CPU
time (user + system, from the child's rusage) is printed too: on a loaded machine the wall time mostly measures
waiting for a core, the CPU time does not.

The workbench draws its first screen from the store's rows, before pydantic is imported, and draws it again from
the validated documents right after (WorkbenchApp.check_first_screen). It runs with
LMI_WORKBENCH_EXIT_WHEN_READY=validated: it does that check before exiting and reports the moment
(LMI_WORKBENCH_VALIDATED), printed as "first screen validated"; spawn -> exit includes it.

Both apps get one terminal size (COLUMNS=80, LINES=24), as a terminal gives it. Without a terminal, Rich (the
App's first size) falls back to 80x25 and the headless driver (its first resize) to 80x24: an app whose screen is
up before that resize lays out and draws its first screen twice, which no terminal makes it do. The bare app's
first screen is not up by then, so it never paid this. --headless-sizes leaves both unset (the measurement before
2026-12-07).

The children may write .pyc files (PYTHONDONTWRITEBYTECODE is removed from their environment): an installed
package has them, and without them every run would compile the workbench's sources again, which the bare app,
all of whose code is pre-compiled in site-packages, never pays.

Usage: python bench/bench_startup.py [--runs N] [--headless-sizes]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 1.5

BARE_APP = '''\
import sys

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App):
    def compose(self) -> ComposeResult:
        yield Static("Hello")

    def on_ready(self) -> None:  # the same moment the workbench exits at under LMI_WORKBENCH_EXIT_WHEN_READY
        import time

        print(f"LMI_WORKBENCH_READY cpu={time.process_time():.4f}", file=sys.__stderr__, flush=True)
        self.exit(0)


if __name__ == "__main__":
    Bare().run(headless=True)
'''


def workbench_command() -> list[str]:
    script = Path(sys.executable).parent / "lmi-workbench"
    return [str(script)] if script.exists() else [sys.executable, "-m", "workbench.cli"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


READY_MARK = "LMI_WORKBENCH_READY cpu="
VALIDATED_MARK = "LMI_WORKBENCH_VALIDATED cpu="


def time_once(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """One run of ``command``: wall and CPU seconds from spawn to exit and, if it reports it, to its first screen."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    found: dict[str, float] = {}
    errors: list[str] = []
    assert proc.stderr is not None and proc.stdout is not None
    for line in proc.stderr:  # headless runs write little to stdout, so reading stderr first cannot block on it
        if line.startswith(READY_MARK) and "ready wall" not in found:
            found["ready wall"] = time.perf_counter() - start
            found["ready cpu"] = float(line[len(READY_MARK):])
        elif line.startswith(VALIDATED_MARK) and "validated wall" not in found:
            found["validated wall"] = time.perf_counter() - start
            found["validated cpu"] = float(line[len(VALIDATED_MARK):])
        else:
            errors.append(line)
    output = proc.stdout.read()
    code = proc.wait(timeout=120)
    found["wall"] = time.perf_counter() - start
    found["cpu"] = _children_cpu() - cpu_before
    if code != 0:
        raise SystemExit(f"{' '.join(command)} exited {code}:\n{output}\n{''.join(errors)}")
    return found


def describe(name: str, samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    return (f"{name:<28} median {statistics.median(ms):7.1f} ms   min {ms[0]:7.1f}   max {ms[-1]:7.1f}   "
            f"(n={len(ms)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="measured runs of each (default 10)")
    parser.add_argument("--headless-sizes", action="store_true",
                        help="leave COLUMNS/LINES unset: Rich's and the headless driver's sizes then differ")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="lmi-bench-startup-") as tmp:
        tmp_path = Path(tmp)
        bare_script = tmp_path / "bare_app.py"
        bare_script.write_text(BARE_APP)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("AWS_", "LMI_WORKBENCH_")) and k != "PYTHONDONTWRITEBYTECODE"}
        env = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")}
        if not options.headless_sizes:  # one terminal size, as a terminal gives it (see the docstring)
            env.update(COLUMNS="80", LINES="24")
        env.update(
            LMI_WORKBENCH_DATA_DIR=str(tmp_path / "data"),
            LMI_WORKBENCH_CONFIG_DIR=str(tmp_path / "config"),
            LMI_WORKBENCH_EXIT_WHEN_READY="validated",
            LMI_WORKBENCH_HEADLESS="1",
            LMI_WORKBENCH_REPORT_READY="1",
        )
        store = tmp_path / "demo.sqlite"
        commands = {
            "lmi-workbench --demo": workbench_command() + ["--demo", "--store", str(store)],
            "bare Textual app (Static)": [sys.executable, str(bare_script)],
            "lmi-workbench --version": workbench_command() + ["--version"],
        }
        # One unmeasured run each: compiles .pyc files and loads the demo into the store (later runs find it).
        for command in commands.values():
            time_once(command, env)
        samples: dict[str, dict[str, list[float]]] = {name: {} for name in commands}
        for _ in range(options.runs):  # interleaved, so drift in machine load hits all alike
            for name, command in commands.items():
                for measure, value in time_once(command, env).items():
                    samples[name].setdefault(measure, []).append(value)

    print(f"Startup, headless, {options.runs} runs each, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    workbench, bare = samples["lmi-workbench --demo"], samples["bare Textual app (Static)"]
    ratios = {}
    for measure, title in (("wall", "spawn -> exit, wall time"), ("cpu", "spawn -> exit, CPU time (user + system)"),
                           ("ready wall", "spawn -> first screen ready, wall time"),
                           ("ready cpu", "spawn -> first screen ready, CPU time"),
                           ("validated wall", "spawn -> first screen validated (workbench only), wall time"),
                           ("validated cpu", "spawn -> first screen validated (workbench only), CPU time")):
        if measure not in workbench:  # a workbench too old to report its first screen
            continue
        print(f" {title}")
        for name, values in samples.items():
            if measure in values:
                print("  " + describe(name, values[measure]))
        if measure in bare:
            ratios[measure] = statistics.median(workbench[measure]) / statistics.median(bare[measure])
    print(" ratios workbench / bare (medians): " + ", ".join(f"{m} {r:.2f}x" for m, r in ratios.items()))
    target = "ready wall" if "ready wall" in ratios else "wall"
    ratio = ratios[target]
    verdict = "within" if ratio <= TARGET_RATIO else "OVER"
    print(f"  {'first screen' if target == 'ready wall' else 'spawn -> exit'}, wall time: {ratio:.2f}x  "
          f"({verdict} the {TARGET_RATIO}x target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
