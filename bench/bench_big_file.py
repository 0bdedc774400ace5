"""One large Python file with one finding: time and peak memory of the scan, fixes included. Prints figures.

    .venv/bin/python bench/bench_big_file.py [--size-mb 1.0] [--findings 1]

The file is a handler module of ordinary functions (about ``--size-mb`` MB, under the scanner's 1 MB limit)
with one per-invocation boto3 client (LMI103, which has a safe fix). Measured in a fresh process each: the
scan with the fix built, the same file without a finding, and ``ast.parse`` alone. Peak memory is ru_maxrss of
that process.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FUNC = '''

def helper_{i}(items, limit={i}):
    """Sum the even values below the limit."""
    total = 0
    for item in items:
        if item % 2 == 0 and item < limit:
            total += item * {i}
    return {{"name": "helper_{i}", "total": total, "values": [total, limit, {i}]}}
'''

HANDLER = '''

def handler(event, context):
    s3 = boto3.client("s3")
    return s3.list_buckets()
'''


def make(path: Path, size: float, finding: bool) -> int:
    parts = ["import boto3\n"]
    if finding:
        parts.append(HANDLER)
    else:
        parts.append("\n\ndef handler(event, context):\n    return helper_0([1, 2, 3])\n")
    i = 0
    total = sum(len(p) for p in parts)
    while total < size * 990_000:
        chunk = FUNC.format(i=i)
        parts.append(chunk)
        total += len(chunk)
        i += 1
    path.write_text("".join(parts))
    return path.stat().st_size


CHILD = r'''
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
mode, target = sys.argv[2], sys.argv[3]
started = time.perf_counter()
if mode == "ast":
    import ast
    ast.parse(open(target).read())
    out = {}
else:
    from workbench.readiness.scanner import scan
    result = scan(target, workers=0, use_cache=False)
    out = {"findings": [(f.rule, f.fix.applicability.value if f.fix else None) for f in result.findings],
           "failed": [p.message for p in result.report.failed], "notices": result.report.notices}
out["seconds"] = round(time.perf_counter() - started, 2)
out["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps(out))
'''


def run(mode: str, target: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), mode, str(target)], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=1.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        with_finding = Path(tmp) / "with" / "app.py"
        without = Path(tmp) / "without" / "app.py"
        with_finding.parent.mkdir()
        without.parent.mkdir()
        size = make(with_finding, args.size_mb, True)
        make(without, args.size_mb, False)
        lines = with_finding.read_text().count("\n")
        print(f"file: {size / 1e6:.2f} MB, {lines:,} lines")
        for label, mode, target in (("ast.parse only", "ast", with_finding),
                                    ("scan, no finding", "scan", without),
                                    ("scan, one finding + its fix", "scan", with_finding)):
            out = run(mode, target)
            extra = f"  findings={out['findings']}" if "findings" in out else ""
            print(f"{label:<30} {out['seconds']:>7.2f} s  peak {out['peak_mb']:>6} MB{extra}")


if __name__ == "__main__":
    main()
