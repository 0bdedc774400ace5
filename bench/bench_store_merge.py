"""Field-level merge benchmark: what a save costs when it is a plain compare-and-set write, when it meets a
partner's newer version and merges, and when it is a conflict; and what keeping merge bases (revisions) costs
on disk. Prints figures.

    .venv/bin/python bench/bench_store_merge.py [--rounds 500]

Documents: the shared cost settings (small) and a cutover plan with 40 decisions (about 30 kB of JSON).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.models import CostSettings, CutoverState  # noqa: E402
from workbench.models.cutover import CutoverDecision  # noqa: E402
from workbench.store import Store, StoreConflict  # noqa: E402


def _cutover() -> CutoverState:
    decisions = [CutoverDecision(decision="forward", from_step=0, to_step=1, author="alice", confirmed_by="alice",
                                 at="2026-12-01T10:00:00Z", reason="gates green " * 20, outcome="applied",
                                 message="ok") for _ in range(40)]
    return CutoverState(old_function_name="orders", new_function_name="orders-lmi", decisions=decisions)


def _ms(samples: list[float]) -> str:
    samples = sorted(samples)
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    return f"p50 {statistics.median(samples) * 1000:.3f} ms · p99 {p99 * 1000:.3f} ms"


def bench(doc, change_mine: dict, change_theirs: dict, clash: dict, rounds: int, folder: Path) -> None:
    path = folder / f"{doc.KIND}.sqlite"
    with Store.open(path, author="alice") as alice, Store.open(path, author="bob") as bob:
        stored = alice.put(doc, expected_version=None)
        plain, merged, conflicts = [], [], []
        for _ in range(rounds):
            start = time.perf_counter()
            stored = alice.put(stored.doc.model_copy(update=change_mine), expected_version=stored.version)
            plain.append(time.perf_counter() - start)
        for _ in range(rounds):
            base = alice.get(type(doc))
            bob.put(base.doc.model_copy(update=change_theirs), expected_version=base.version)
            start = time.perf_counter()
            alice.put(base.doc.model_copy(update=change_mine), expected_version=base.version)
            merged.append(time.perf_counter() - start)
        for _ in range(rounds):
            base = alice.get(type(doc))
            bob.put(base.doc.model_copy(update=clash), expected_version=base.version)
            start = time.perf_counter()
            try:
                alice.put(base.doc.model_copy(update={k: v for k, v in change_mine.items()} | _other(clash)),
                          expected_version=base.version)
            except StoreConflict:
                pass
            conflicts.append(time.perf_counter() - start)
        size = len(stored.doc.model_dump_json())
    raw = sqlite3.connect(path)
    kept, kept_bytes = raw.execute("SELECT COUNT(*), COALESCE(SUM(LENGTH(body)), 0) FROM revisions").fetchone()
    raw.close()
    print(f"{doc.KIND} ({size:,} bytes of JSON), {rounds} saves each:")
    print(f"  plain compare-and-set   {_ms(plain)}")
    print(f"  merged over a partner   {_ms(merged)}")
    print(f"  conflict (nothing kept) {_ms(conflicts)}")
    print(f"  revisions kept: {kept} ({kept_bytes / 1024:.0f} KiB) for {1 + 3 * rounds + rounds} versions written")


def _other(clash: dict) -> dict:
    return {k: (v + 1 if isinstance(v, (int, float)) else f"{v}!") for k, v in clash.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench(CostSettings(), {"compute_sp_1yr_pct": 40.0}, {"free_tier": True}, {"lambda_compute_sp_pct": 12.0},
              args.rounds, folder)
        bench(_cutover(), {"region": "eu-west-1"}, {"old_qualifier": "live"}, {"new_alias": "lmi"}, args.rounds,
              folder)


if __name__ == "__main__":
    main()
