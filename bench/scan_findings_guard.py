"""Guard for scan speed work: dump what the scan CLI reports (JSON, in-process and with two workers) over some
trees, then compare two dumps. Volatile fields (durations, detection times, the absolute root) are left out, so
two dumps of the same trees by two checkouts must be identical when an optimisation changes no finding.

    .venv/bin/python bench/scan_findings_guard.py dump OUT.json PATH [PATH ...] [--checkout DIR]
    .venv/bin/python bench/scan_findings_guard.py cmp BEFORE.json AFTER.json      # exit 1 when they differ

``--checkout`` runs the CLI of another checkout (e.g. a worktree of main) on the same trees. Prints; never a test.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

VOLATILE = {"duration_s", "detected_at", "root"}
JOBS = (0, 2)


def clean(value):
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


def dump(out: Path, paths: list[str], checkout: Path) -> int:
    result = {}
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    for path in paths:
        for jobs in JOBS:
            done = subprocess.run([sys.executable, "-c", "import sys; from workbench.cli import main; sys.exit(main())",
                                   "scan", str(Path(path).resolve()), "--format", "json", "--fail-on", "never",
                                   "--jobs", str(jobs)], cwd=checkout, env=env, capture_output=True, text=True)
            try:
                entry = clean(json.loads(done.stdout))
            except ValueError:
                entry = {"exit": done.returncode, "stderr": done.stderr[-2000:]}
            result[f"{path}|jobs={jobs}"] = entry
            print(f"{path} jobs={jobs}: exit {done.returncode}, {len(entry.get('findings', []))} findings",
                  file=sys.stderr)
    out.write_text(json.dumps(result, indent=1, sort_keys=True))
    return 0


def compare(before: Path, after: Path) -> int:
    a, b = json.loads(before.read_text()), json.loads(after.read_text())
    differ = 0
    for key in sorted(set(a) | set(b)):
        x, y = a.get(key), b.get(key)
        if x == y:
            continue
        differ += 1
        print(f"DIFF {key}")
        for field in sorted(set(x or {}) | set(y or {})):
            if (x or {}).get(field) != (y or {}).get(field):
                print(f"  {field}:\n   - {json.dumps((x or {}).get(field))[:300]}\n   + {json.dumps((y or {}).get(field))[:300]}")
    print("identical" if not differ else f"{differ} of {len(set(a) | set(b))} differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("paths", nargs="+")
    d.add_argument("--checkout", type=Path, default=Path(__file__).resolve().parents[1])
    c = sub.add_parser("cmp")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        return dump(args.out, args.paths, args.checkout.resolve())
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
