"""Hostile workload files: how long the one loader takes to refuse each, and the peak memory. Prints figures.

    .venv/bin/python bench/bench_hostile_workloads.py

Issue 13 measured a 50 MB TOML with 3 million unknown keys at 203 s and 14.8 GB. Every case here must end in a
WorkloadFileError in well under a second (the loader reads at most MAX_BYTES and checks nesting, aliases and
characters before a recursive parser meets the file).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.workload_files import MAX_BYTES, WorkloadFileError, load_workload


def cases(base: Path) -> dict[str, Path]:
    out = {}

    def write(name: str, data: bytes) -> None:
        out[name] = base / name
        out[name].write_bytes(data)

    huge = base / "huge.toml"
    with huge.open("wb") as f:
        f.write(b'function_name = "f"\n')
        for block in range(30):
            f.write(b"".join(b"k%d_%d = 1\n" % (block, i) for i in range(100_000)))
    out["huge.toml (3M unknown keys)"] = huge
    write("keys_under_cap.toml", b'function_name = "f"\n' + b"".join(b"colour_%d = 1\n" % i for i in range(4_000)))
    write("deep.yaml", b"function_name: " + b"[" * 5000 + b"]" * 5000 + b"\n")
    write("deep.json", b'{"function_name": ' + b"[" * 5000 + b"]" * 5000 + b"}")
    write("bignum.json", b'{"function_name": "f", "memory_mb": ' + b"9" * 5000 + b"}")
    bomb = ["function_name: f", 'a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    bomb += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    write("bomb.yaml", ("\n".join(bomb) + "\n").encode())
    write("esc.yaml", b"function_name: a\x1bb\n")
    write("yaml_at_cap.yaml", b"function_name: f\n" + b"".join(b"k%d: 1\n" % i for i in range(MAX_BYTES // 10)))
    fifo = base / "pipe.yaml"
    os.mkfifo(fifo)
    out["pipe.yaml (FIFO)"] = fifo
    zero = base / "zero.yaml"
    zero.symlink_to("/dev/zero")
    out["zero.yaml -> /dev/zero"] = zero
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in cases(Path(tmp)).items():
            start = time.perf_counter()
            try:
                load_workload(path)
                outcome = "LOADED (unexpected)"
            except WorkloadFileError as err:
                outcome = str(err).splitlines()[0].split(": ", 1)[1][:60]
            elapsed = time.perf_counter() - start
            tracemalloc.start()  # a second load for the memory figure (tracing slows the first one down)
            try:
                load_workload(path)
            except WorkloadFileError:
                pass
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"{name:30} {elapsed * 1000:8.1f} ms  peak {peak / 1024 / 1024:5.1f} MB  {outcome}")

if __name__ == "__main__":
    main()
