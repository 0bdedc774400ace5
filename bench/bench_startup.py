"""Startup: process start -> first screen ready, headless, for the workbench on the demo and for a bare Textual
app with one Static widget, measured the same way in the same run. Prints medians and their ratio.

Both processes exit as soon as their first screen is ready (the workbench through
LMI_WORKBENCH_EXIT_WHEN_READY=1, which exits from App.on_ready; the bare app exits from on_ready too), so the
figure is the wall time from spawning the process to its exit: interpreter start, imports, compose, first
paint, and shutdown, identically for both. Each run's CPU time (user + system, from the child's rusage) is
printed too: on a loaded machine the wall time mostly measures waiting for a core, the CPU time does not.

The children may write .pyc files (PYTHONDONTWRITEBYTECODE is removed from their environment): an installed
package has them, and without them every run would compile the workbench's sources again, which the bare app,
all of whose code is pre-compiled in site-packages, never pays.

Usage: python bench/bench_startup.py [--runs N]
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
from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App):
    def compose(self) -> ComposeResult:
        yield Static("Hello")

    def on_ready(self) -> None:  # the same moment the workbench exits at under LMI_WORKBENCH_EXIT_WHEN_READY
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


def time_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of ``command``, from spawn to exit."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    cpu = _children_cpu() - cpu_before
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return elapsed, cpu


def describe(name: str, samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    return (f"{name:<28} median {statistics.median(ms):7.1f} ms   min {ms[0]:7.1f}   max {ms[-1]:7.1f}   "
            f"(n={len(ms)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="measured runs of each (default 10)")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="lmi-bench-startup-") as tmp:
        tmp_path = Path(tmp)
        bare_script = tmp_path / "bare_app.py"
        bare_script.write_text(BARE_APP)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("AWS_", "LMI_WORKBENCH_")) and k != "PYTHONDONTWRITEBYTECODE"}
        env.update(
            LMI_WORKBENCH_DATA_DIR=str(tmp_path / "data"),
            LMI_WORKBENCH_CONFIG_DIR=str(tmp_path / "config"),
            LMI_WORKBENCH_EXIT_WHEN_READY="1",
            LMI_WORKBENCH_HEADLESS="1",
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
        samples: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(options.runs):  # interleaved, so drift in machine load hits all alike
            for name, command in commands.items():
                wall, used = time_once(command, env)
                samples[name].append(wall)
                cpu[name].append(used)

    print(f"Startup, process start -> first screen ready (headless), {options.runs} runs each, "
          f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print(" wall time")
    for name, values in samples.items():
        print("  " + describe(name, values))
    print(" CPU time (user + system)")
    for name, values in cpu.items():
        print("  " + describe(name, values))
    cpu_ratio = statistics.median(cpu["lmi-workbench --demo"]) / statistics.median(cpu["bare Textual app (Static)"])
    workbench = statistics.median(samples["lmi-workbench --demo"])
    bare = statistics.median(samples["bare Textual app (Static)"])
    ratio = workbench / bare
    verdict = "within" if ratio <= TARGET_RATIO else "OVER"
    print(f"  ratio workbench / bare, CPU time: {cpu_ratio:.2f}x")
    print(f"  ratio workbench / bare, wall time: {ratio:.2f}x  ({verdict} the {TARGET_RATIO}x target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
