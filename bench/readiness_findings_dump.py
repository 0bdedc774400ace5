"""Dump every readiness finding (and the rule registry) over the corpus and fixtures, or compare two dumps.

A guard for behaviour-preserving restructures of the rule code: run ``dump OUT.json`` before the change and
after it, then ``compare BEFORE.json AFTER.json`` (exit 1 when anything differs, with the differences listed).

    PYTHONPATH=$PWD python bench/readiness_findings_dump.py dump /tmp/registry-before.json
    PYTHONPATH=$PWD python bench/readiness_findings_dump.py compare /tmp/registry-before.json /tmp/after.json
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = [ROOT / "tests" / "readiness" / "corpus", ROOT / "workbench" / "demo" / "sample_project"] + sorted(
    p for p in (ROOT / "tests" / "readiness").iterdir() if p.is_dir() and p.name.startswith("fixtures"))


def _targets() -> list[Path]:
    out: list[Path] = []
    for target in TARGETS:
        out.append(target)
        if target.name == "fixtures_request_path":   # each is its own project (handlers found per project)
            out.extend(sorted(p for p in target.iterdir() if p.is_dir()))
    return out


def dump(out: Path) -> None:
    from workbench.readiness.rules import load_errors, rules
    from workbench.readiness.scanner import scan

    data: dict = {"rules": {code: {**asdict(r), "fix": r.fix.value if r.fix else None}
                            for code, r in rules().items()},
                  "load_errors": load_errors(), "scans": {}}
    for target in _targets():
        for entry in ("handlers", "all"):
            # every patch built (the scan leaves libcst patches to be built on demand), as the reports do
            result = scan(target, workers=0, entry=entry, use_cache=False, build_all_fixes=True)
            findings = result.findings
            key = f"{target.relative_to(ROOT)}:{entry}"
            data["scans"][key] = {
                "failed": sorted(str(e) for e in result.report.failed),
                "notices": sorted(result.report.notices),
                "findings": [{"code": f.rule, "path": f.path, "line": f.line, "column": f.column,
                              "end": [f.end_line, f.end_column], "severity": f.severity, "message": f.message,
                              "fingerprint": f.fingerprint,
                              "fix": None if f.fix is None else {"safety": f.fix.applicability.value,
                                                                 "description": f.fix.description,
                                                                 "diff": f.fix.diff}}
                             for f in findings],
            }
    out.write_text(json.dumps(data, indent=1, sort_keys=True))
    total = sum(len(s["findings"]) for s in data["scans"].values())
    print(f"{out}: {len(data['rules'])} rules, {len(data['scans'])} scans, {total} findings")


def compare(before: Path, after: Path) -> int:
    a, b = json.loads(before.read_text()), json.loads(after.read_text())
    problems: list[str] = []
    if a["rules"] != b["rules"]:
        for code in sorted(set(a["rules"]) | set(b["rules"])):
            if a["rules"].get(code) != b["rules"].get(code):
                problems.append(f"rule {code} differs")
    if a["load_errors"] != b["load_errors"]:
        problems.append(f"load errors: {a['load_errors']} -> {b['load_errors']}")
    for key in sorted(set(a["scans"]) | set(b["scans"])):
        sa, sb = a["scans"].get(key), b["scans"].get(key)
        if sa == sb:
            continue
        if sa is None or sb is None:
            problems.append(f"{key}: only in {'after' if sa is None else 'before'}")
            continue
        fa = {json.dumps(f, sort_keys=True) for f in sa["findings"]}
        fb = {json.dumps(f, sort_keys=True) for f in sb["findings"]}
        for f in sorted(fa - fb):
            problems.append(f"{key}: lost {f[:300]}")
        for f in sorted(fb - fa):
            problems.append(f"{key}: new  {f[:300]}")
        if fa == fb:
            problems.append(f"{key}: same findings, different order or parse errors")
    total = sum(len(s["findings"]) for s in a["scans"].values())
    if problems:
        print("\n".join(problems[:200]))
        print(f"DIFFERENT: {len(problems)} differences")
        return 1
    print(f"identical: {len(a['rules'])} rules, {len(a['scans'])} scans, {total} findings")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "dump":
        dump(Path(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        sys.exit(__doc__)
