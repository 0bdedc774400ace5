"""Readiness evaluation: precision and recall of the scanner's findings on the labelled corpus. Prints figures.

    .venv/bin/python bench/bench_readiness_eval.py [--corpus DIR] [--json]

The corpus (tests/readiness/corpus/, schema in its README.md) holds real Lambda handlers and library files from
public repositories, pinned by commit, with every finding the scanner should report labelled (``expect``) and the
code that looks risky but is not written down as ``traps``. The whole corpus directory is scanned once with
``workbench.readiness.scanner.scan`` (in-process, no cache). A finding matches a label when the file and the rule
are the same and the lines differ by at most the corpus's ``tolerance``; each label matches at most one finding.

    precision = matched findings / findings        recall = matched labels / labels

``--corpus tests/readiness/corpus_heldout`` measures the held-out corpus (handlers from repositories nobody tuned
the rules on, labelled before they were first scanned; its README keeps the honest before-fix figures).

Both are printed per rule, per language (python, nodejs, java, dotnet), per rule and language, and per kind of file (handler, module,
library, test, manifest: findings on test code show the request-path classification), then every false positive (with the
trap's reason when one was written down) and every miss (with the label's reason). Figures, not a gate: the
script exits 0 whatever the numbers (the issue's target is precision and recall >= 0.9).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.readiness.scanner import scan

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "readiness" / "corpus"
FAMILY = {"python": "python", "javascript": "nodejs", "typescript": "nodejs", "java": "java", "csharp": "dotnet"}


@dataclass
class Label:
    path: str
    rule: str
    line: int
    reason: str
    language: str
    kind: str = ""


@dataclass
class Found:
    path: str
    rule: str
    line: int
    message: str
    language: str
    kind: str = ""


def load(corpus: Path) -> tuple[dict, list[Label], dict[str, dict]]:
    doc = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    labels: list[Label] = []
    files: dict[str, dict] = {}
    for entry in doc["files"]:
        files[entry["path"]] = entry
        family = FAMILY[entry["language"]]
        labels.extend(Label(entry["path"], e["rule"], int(e["line"]), e["reason"], family, entry["kind"])
                      for e in entry["expect"])
    return doc, labels, files


def match(found: list[Found], labels: list[Label], tolerance: int) -> tuple[list[tuple[Found, Label]], list[Found],
                                                                           list[Label]]:
    """Greedy by distance: each label takes at most one finding, the nearest line first."""
    pairs = sorted(((abs(f.line - lab.line), i, j) for i, f in enumerate(found) for j, lab in enumerate(labels)
                    if f.path == lab.path and f.rule == lab.rule and abs(f.line - lab.line) <= tolerance))
    used_f: set[int] = set()
    used_l: set[int] = set()
    matched = []
    for _, i, j in pairs:
        if i in used_f or j in used_l:
            continue
        used_f.add(i)
        used_l.add(j)
        matched.append((found[i], labels[j]))
    fps = [f for i, f in enumerate(found) if i not in used_f]
    misses = [lab for j, lab in enumerate(labels) if j not in used_l]
    return matched, fps, misses


def ratio(num: int, den: int) -> str:
    return f"{num / den:5.2f}" if den else "   - "


def table(title: str, keys: list[str], tp: dict[str, int], nfound: dict[str, int], nlabels: dict[str, int]) -> None:
    print(f"\n{title:<16} {'found':>6} {'labels':>6} {'match':>6} {'prec':>6} {'recall':>6}")
    for key in keys:
        print(f"{key:<16} {nfound[key]:>6} {nlabels[key]:>6} {tp[key]:>6} {ratio(tp[key], nfound[key]):>6} "
              f"{ratio(tp[key], nlabels[key]):>6}")


def evaluate(corpus: Path) -> dict:
    doc, labels, files = load(corpus)
    result = scan(corpus, workers=0, use_cache=False)
    found: list[Found] = []
    for f in result.findings:
        entry = files.get(f.path)
        if entry is None:  # a file of the corpus directory that is not labelled (README, labels.json): ignore
            continue
        found.append(Found(f.path, f.rule, int(f.line or 0), f.message, FAMILY[entry["language"]], entry["kind"]))
    matched, fps, misses = match(found, labels, int(doc.get("tolerance", 2)))
    traps = {(e["path"], t["rule"], int(t["line"])): t["reason"] for e in doc["files"] for t in e["traps"]}
    return {"labels": labels, "found": found, "matched": matched, "fps": fps, "misses": misses, "traps": traps,
            "report": result.report, "tolerance": int(doc.get("tolerance", 2))}


def trap_reason(fp: Found, traps: dict, tolerance: int) -> str | None:
    for (path, rule, line), reason in traps.items():
        if path == fp.path and rule == fp.rule and abs(line - fp.line) <= tolerance:
            return reason
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    out = evaluate(args.corpus)
    labels, found, matched, fps, misses = out["labels"], out["found"], out["matched"], out["fps"], out["misses"]
    by = {"rule": lambda x: x.rule, "language": lambda x: x.language, "kind": lambda x: x.kind,
          "rule language": lambda x: f"{x.rule} {x.language}"}
    figures: dict[str, dict] = {}
    for name, key in by.items():
        tp: dict[str, int] = defaultdict(int)
        nfound: dict[str, int] = defaultdict(int)
        nlabels: dict[str, int] = defaultdict(int)
        for f, _ in matched:
            tp[key(f)] += 1
        for f in found:
            nfound[key(f)] += 1
        for lab in labels:
            nlabels[key(lab)] += 1
        keys = sorted(set(nfound) | set(nlabels))
        figures[name] = {k: {"found": nfound[k], "labels": nlabels[k], "matched": tp[k]} for k in keys}
        if not args.json:
            table(name, keys, tp, nfound, nlabels)
    if args.json:
        print(json.dumps({"figures": figures,
                          "false_positives": [vars(f) for f in fps],
                          "misses": [vars(m) for m in misses]}, indent=1))
        return 0
    report = out["report"]
    print(f"\ncorpus: {report.files_scanned} files, {report.lines:,} lines; {len(found)} findings, {len(labels)} "
          f"labels, {len(matched)} matched (line tolerance ±{out['tolerance']}); {len(report.failed)} not parsed")
    for problem in report.failed:
        print(f"  not parsed: {problem.message}")
    total_p = ratio(len(matched), len(found)).strip()
    total_r = ratio(len(matched), len(labels)).strip()
    print(f"overall precision {total_p}, recall {total_r} (target ≥ 0.9 each, per rule and language)")
    print(f"\nfalse positives ({len(fps)}):")
    for fp in sorted(fps, key=lambda f: (f.path, f.line)):
        why = trap_reason(fp, out["traps"], out["tolerance"])
        print(f"  {fp.rule} {fp.path}:{fp.line}  {fp.message[:100]}")
        print(f"      trap: {why}" if why else "      (not a written-down trap: judge it and label the corpus)")
    print(f"\nmisses ({len(misses)}):")
    for miss in sorted(misses, key=lambda m: (m.path, m.line)):
        print(f"  {miss.rule} {miss.path}:{miss.line}  {miss.reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
