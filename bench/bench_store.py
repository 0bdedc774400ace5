"""Store benchmark: write latency, cross-process change-notice latency, idle polling cost. Prints figures.

    .venv/bin/python bench/bench_store.py [--writes 2000] [--notices 100] [--idle 5]

Notice latency: a child process writes, carrying ``time.monotonic()`` (system-wide on Linux) in the summary; the
parent notices with a StoreWatcher (50 ms interval, own thread) and with ``poll()`` from a 50 ms loop, as the
app's timer does.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.documents import Document  # noqa: E402
from workbench.store import Store, StoreWatcher  # noqa: E402


class BenchDoc(Document):
    KIND = "bench.doc"
    n: int = 0
    text: str = ""


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def ms(values: list[float]) -> str:
    return f"p50 {pct(values, 50) * 1000:.2f} ms  p99 {pct(values, 99) * 1000:.2f} ms  max {max(values) * 1000:.2f} ms"


def bench_writes(folder: Path, count: int) -> None:
    with Store.open(folder / "writes.sqlite", author="bench") as store:
        latencies: list[float] = []
        versions: dict[str, int] = {}
        for i in range(count):
            doc_id = f"d{i % 50}"
            doc = BenchDoc(id=doc_id, n=i, text="x" * 200)
            t0 = time.perf_counter()
            stored = store.put(doc, expected_version=versions.get(doc_id), summary=f"write {i}")
            latencies.append(time.perf_counter() - t0)
            versions[doc_id] = stored.version
        print(f"write latency ({count} CAS puts, 50 docs, synchronous=NORMAL): {ms(latencies)}")
        t0 = time.perf_counter()
        for i in range(count):
            store.get(BenchDoc, f"d{i % 50}")
        print(f"get latency: mean {(time.perf_counter() - t0) / count * 1e6:.0f} us")
    size = (folder / "writes.sqlite").stat().st_size
    t0 = time.perf_counter()
    Store.open(folder / "writes.sqlite", author="bench", readonly=True).close()
    print(f"open (validate + quick_check) of that {size / 1024:.0f} KiB store: "
          f"{(time.perf_counter() - t0) * 1000:.1f} ms")


def child(path: str, count: int) -> None:
    rng = random.Random(7)
    with Store.open(Path(path), author="child") as store:
        print("ready", flush=True)
        sys.stdin.readline()
        for i in range(count):
            time.sleep(rng.uniform(0.02, 0.12))  # land anywhere within the poller's 50 ms period
            store.record("bench", f"e{i}", repr(time.monotonic()))


def bench_notice(folder: Path, count: int) -> None:
    path = folder / "notice.sqlite"
    with Store.open(path, author="parent") as store:
        watcher_lat: list[float] = []
        poll_lat: list[float] = []
        done = threading.Event()

        def on_watch(changes):
            now = time.monotonic()
            watcher_lat.extend(now - float(c.summary) for c in changes if c.kind == "bench")

        watcher = StoreWatcher(path, on_watch, interval=0.05)
        watcher.start()
        proc = subprocess.Popen([sys.executable, __file__, "--child", str(path), str(count)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        proc.stdin.write("go\n")
        proc.stdin.flush()
        threading.Thread(target=lambda: (proc.wait(), done.set()), daemon=True).start()
        deadline = time.monotonic() + count * 0.2 + 30
        while time.monotonic() < deadline and len(poll_lat) < count:
            for c in store.poll():
                poll_lat.append(time.monotonic() - float(c.summary))
            time.sleep(0.05)
        watcher.stop()
        proc.wait()
        print(f"cross-process notice, StoreWatcher @50 ms ({len(watcher_lat)} changes): {ms(watcher_lat)}")
        print(f"cross-process notice, poll() every 50 ms ({len(poll_lat)} changes): {ms(poll_lat)}")
        if len(poll_lat) < count or len(watcher_lat) < count:
            print(f"  MISSED: poll saw {len(poll_lat)}/{count}, watcher saw {len(watcher_lat)}/{count}")


def bench_idle(folder: Path, seconds: float) -> None:
    path = folder / "idle.sqlite"
    with Store.open(path, author="idle") as store:
        for i in range(200):
            store.put(BenchDoc(id=f"d{i}"), expected_version=None)
        calls = 0
        cpu0, wall0 = time.process_time(), time.monotonic()
        while time.monotonic() - wall0 < seconds:
            store.poll()
            calls += 1
            time.sleep(0.05)
        cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
        print(f"idle poll() every 50 ms: {cpu / wall * 100:.2f}% of a core ({calls} polls, "
              f"{cpu / calls * 1e6:.0f} us CPU per poll incl. the timer)")
        watcher = StoreWatcher(path, lambda changes: None, interval=0.05)
        cpu0, wall0 = time.process_time(), time.monotonic()
        watcher.start()
        time.sleep(seconds)
        watcher.stop()
        cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
        print(f"idle StoreWatcher @50 ms: {cpu / wall * 100:.2f}% of a core")
        t0 = time.perf_counter()
        for _ in range(10_000):
            store.poll()
        print(f"poll() with nothing new: {(time.perf_counter() - t0) / 10_000 * 1e6:.1f} us per call")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--writes", type=int, default=2000)
    parser.add_argument("--notices", type=int, default=100)
    parser.add_argument("--idle", type=float, default=5.0)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        folder = Path(tmp)
        bench_writes(folder, args.writes)
        bench_notice(folder, args.notices)
        bench_idle(folder, args.idle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
