"""Readiness precision on whole repositories: sample the scanner's findings per rule and language, print the
precision of the sample from judgements recorded in the repo. Prints figures; never fails.

    .venv/bin/python bench/bench_readiness_sample.py [--set tuning|heldout|heldout2|heldout<N>] [--root DIR] [--n 6] [--show-unjudged] [--json]

Recall needs every problem of a file labelled, which only the in-repo corpus has (bench/bench_readiness_eval.py);
precision needs findings from code nobody picked for the scanner's sake: whole repositories, tests, scripts, CDK
apps and all. The repositories are listed in ``tests/readiness/sampled/repos.json``, each pinned by commit. They
are NOT committed (too large): put a checkout of each at ``DIR/<id>`` (``--root`` or the environment variable
``READINESS_SAMPLE_ROOT``), for example::

    git clone https://github.com/aws-powertools/powertools-lambda-java $ROOT/powertools-java
    git -C $ROOT/powertools-java checkout 9ff4abf4ffbfb36d4d33c3cf201445ea2f4059a1

A repository that is missing is skipped with a message (the figures then cover the others); a checkout with a
``.git`` at another commit is skipped too (the recorded judgements are keyed by line).

Sampling is deterministic and stable: for every (rule, language) the ``n`` findings whose
``sha256(seed | repo id | path:line:rule)`` is smallest are taken, so a finding that disappears when the analyzer
changes lets the next one in and leaves the rest of the sample alone. Each sampled finding is looked up in
``tests/readiness/sampled/<id>.json`` (``judgements["path:line:rule"] = {"verdict": "real|false|debatable",
"reason": "one line"}``, judged by reading the code). Findings nobody has judged yet are counted apart and listed
(``--show-unjudged`` prints the code around them): judge them and record the verdict, never guess.

    precision = real / (real + false)        (debatable ones are printed, left out of both)

Two sets, reported apart: ``tuning`` (``tests/readiness/sampled/``, the repositories the analyzer was tuned on,
so its figure flatters it) and ``heldout`` (``tests/readiness/sampled/heldout/``, repositories judged first with the
analyzer as it was, before any fix for them: the honest figure). ``--set heldout`` reads the held-out manifest and
judgements; its checkouts live under their own root (``--root`` or ``READINESS_HELDOUT_ROOT``). ``heldout`` was
fixed after it was judged, so it no longer is honest; ``heldout2`` (``tests/readiness/sampled/heldout2/``,
``READINESS_HELDOUT2_ROOT``) is the second round, judged with the analyzer as it was on main when it was added.

Target (issue 12): precision >= 0.9 for every rule on whole repositories.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SAMPLED = Path(__file__).resolve().parents[1] / "tests" / "readiness" / "sampled"

def _sets() -> dict[str, tuple[Path, str]]:
    """The tuning set, and every held-out round: a ``heldout*`` folder with a ``repos.json`` (its checkouts under
    ``READINESS_<NAME>_ROOT``, e.g. ``READINESS_HELDOUT3_ROOT``)."""
    sets = {"tuning": (SAMPLED, "READINESS_SAMPLE_ROOT")}
    for folder in sorted(SAMPLED.glob("heldout*")):
        if (folder / "repos.json").is_file():
            sets[folder.name] = (folder, f"READINESS_{folder.name.upper()}_ROOT")
    return sets


SETS = _sets()
VERDICTS = ("real", "false", "debatable")
FAMILY = {"python": "python", "javascript": "nodejs", "typescript": "nodejs", "nodejs": "nodejs", "java": "java",
          "csharp": "dotnet", "dotnet": "dotnet"}


@dataclass(frozen=True)
class Sampled:
    repo: str
    path: str
    line: int
    rule: str
    language: str
    message: str

    @property
    def key(self) -> str:
        return f"{self.path}:{self.line}:{self.rule}"


def rank(seed: str, repo: str, key: str) -> str:
    return hashlib.sha256(f"{seed}|{repo}|{key}".encode()).hexdigest()


def sample(findings: list[Sampled], n: int, seed: str) -> dict[tuple[str, str], list[Sampled]]:
    """The ``n`` findings of smallest rank per (rule, language); stable when other findings come and go."""
    groups: dict[tuple[str, str], list[Sampled]] = defaultdict(list)
    for finding in findings:
        groups[(finding.rule, finding.language)].append(finding)
    return {group: sorted(items, key=lambda f: rank(seed, f.repo, f.key))[:n] for group, items in groups.items()}


def checkout_commit(path: Path) -> str | None:
    if not (path / ".git").exists():
        return None
    done = subprocess.run(["git", "-C", str(path), "rev-parse", "HEAD"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or None


def family(runtime: str, path: str) -> str:
    """The language of a finding; a manifest's is the ecosystem it belongs to ("template" for SAM/CDK/Serverless
    Framework templates, which name runtimes of every language)."""
    if runtime in FAMILY:
        return FAMILY[runtime]
    name = path.rsplit("/", 1)[-1].lower()
    if name.startswith("package") and name.endswith(".json") or name in ("yarn.lock", "pnpm-lock.yaml"):
        return "nodejs"
    by_extension = {".java": "java", ".kt": "java", ".ts": "nodejs", ".js": "nodejs", ".mjs": "nodejs", ".py": "python",
                    ".cs": "dotnet"}  # infrastructure code (CDK apps) counts under its own language
    for extension, language in by_extension.items():
        if name.endswith(extension):
            return language
    if name in ("pom.xml", "build.gradle", "build.gradle.kts"):
        return "java"
    if name.endswith((".csproj", ".fsproj", ".props")) or name == "packages.config":
        return "dotnet"
    if name.endswith(".txt") or name in ("pyproject.toml", "setup.py", "setup.cfg", "pipfile", "pipfile.lock",
                                         "poetry.lock", "uv.lock"):
        return "python"
    return "template"


def scan_repo(repo_id: str, path: Path) -> tuple[list[Sampled], object]:
    from workbench.readiness.scanner import scan

    result = scan(path, workers=0, use_cache=False)
    found = [Sampled(repo_id, f.path, int(f.line or 0), f.rule, family(str(f.runtime), f.path), f.message)
             for f in result.findings]
    return found, result.report


def judgements(repo_id: str, folder: Path = SAMPLED) -> dict[str, dict]:
    path = folder / f"{repo_id}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["judgements"]


def context(root: Path, finding: Sampled, around: int = 3) -> str:
    try:
        lines = (root / finding.repo / finding.path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as error:
        return f"      ({error})"
    lo, hi = max(1, finding.line - around), min(len(lines), finding.line + around)
    return "\n".join(f"      {'>' if i == finding.line else ' '}{i:5} {lines[i - 1][:150]}" for i in range(lo, hi + 1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=sorted(SETS), default="tuning",
                        help="tuning: the repositories the rules were tuned on; heldout*: a round judged before any fix for it")
    parser.add_argument("--root", type=Path, default=None,
                        help="folder holding a checkout of each repository as <id>/ (env READINESS_SAMPLE_ROOT, "
                             "or READINESS_HELDOUT<N>_ROOT for held-out round <N>)")
    parser.add_argument("--n", type=int, default=None, help="findings sampled per rule and language")
    parser.add_argument("--repo", action="append", help="only these repository ids")
    parser.add_argument("--show-unjudged", action="store_true", help="print the code around unjudged findings")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folder, root_variable = SETS[args.set]
    if args.root is None and os.environ.get(root_variable):
        args.root = Path(os.environ[root_variable])
    manifest = json.loads((folder / "repos.json").read_text(encoding="utf-8"))
    n = args.n or int(manifest["sample_per_rule"])
    seed = str(manifest["seed"])
    if args.root is None:
        print(f"no repositories: pass --root DIR or set {root_variable} to a folder holding a checkout of each "
              f"repository of {folder / 'repos.json'} as DIR/<id> (skipped)")
        return 0
    root = Path(args.root)
    findings: list[Sampled] = []
    scanned: list[str] = []
    lines = 0
    for repo in manifest["repos"]:
        rid = repo["id"]
        if args.repo and rid not in args.repo:
            continue
        path = root / rid
        if not path.is_dir():
            print(f"skipped {rid}: no checkout at {path} (git clone https://github.com/{repo['repo']} {path} && "
                  f"git -C {path} checkout {repo['commit']})")
            continue
        at = checkout_commit(path)
        if at is not None and at != repo["commit"]:
            print(f"skipped {rid}: {path} is at {at}, the judgements are for {repo['commit']}")
            continue
        found, report = scan_repo(rid, path)
        findings.extend(found)
        lines += report.lines
        note = "" if at else " (no .git: commit not verified)"
        print(f"{rid:<28} {repo['commit'][:12]} {report.files_scanned:>5} files {report.lines:>8,} lines "
              f"{len(found):>5} findings, {len(report.failed)} not parsed{note}")
        scanned.append(rid)
    if not scanned:
        print("no repository found under", root, "(skipped)")
        return 0
    judged = {rid: judgements(rid, folder) for rid in scanned}
    picked = sample(findings, n, seed)
    total: dict[str, int] = defaultdict(int)
    for f in findings:
        total[f.rule] += 1
    rows: dict[str, dict] = {}
    per_rule: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    per_lang: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    unjudged: list[Sampled] = []
    verdicts: list[tuple[Sampled, dict]] = []
    for (rule, language), items in sorted(picked.items()):
        counts: dict[str, int] = defaultdict(int)
        for f in items:
            verdict = judged[f.repo].get(f.key)
            if verdict is None:
                counts["unjudged"] += 1
                unjudged.append(f)
                continue
            counts[verdict["verdict"]] += 1
            verdicts.append((f, verdict))
        counts["all"] = sum(1 for f in findings if f.rule == rule and f.language == language)
        counts["sampled"] = len(items)
        rows[f"{rule} {language}"] = dict(counts)
        for key in ("real", "false", "debatable", "unjudged", "sampled", "all"):
            per_rule[rule][key] += counts[key]
            per_lang[language][key] += counts[key]
    if args.json:
        print(json.dumps({"rows": rows, "per_rule": per_rule, "per_language": per_lang,
                          "false": [dict(vars(f), reason=v["reason"]) for f, v in verdicts if v["verdict"] == "false"],
                          "unjudged": [vars(f) for f in unjudged]}, indent=1))
        return 0

    def prec(c: dict) -> str:
        den = c["real"] + c["false"]
        return f"{c['real'] / den:5.2f}" if den else "   - "

    header = f"{'':<16} {'all':>5} {'sampled':>7} {'real':>5} {'false':>5} {'debat':>5} {'unjudg':>6} {'prec':>6}"
    for title, table in (("rule language", rows), ("rule", per_rule), ("language", per_lang)):
        print(f"\n{title}\n{header}")
        for key, c in sorted(table.items()):
            c = defaultdict(int, c)
            print(f"{key:<16} {c['all']:>5} {c['sampled']:>7} {c['real']:>5} {c['false']:>5} {c['debatable']:>5} "
                  f"{c['unjudged']:>6} {prec(c):>6}")
    real = sum(1 for _, v in verdicts if v["verdict"] == "real")
    false = sum(1 for _, v in verdicts if v["verdict"] == "false")
    print(f"\n{args.set} set: {len(scanned)} repositories, {lines:,} lines, {len(findings)} findings; sampled up to {n} per rule and "
          f"language (seed {seed!r}): {real} real, {false} false, {len(verdicts) - real - false} debatable, "
          f"{len(unjudged)} unjudged; precision {real / (real + false) if real + false else float('nan'):.2f} "
          "(target >= 0.9 per rule)")
    for name, wanted in (("false positives", "false"), ("debatable", "debatable")):
        chosen = [(f, v) for f, v in verdicts if v["verdict"] == wanted]
        print(f"\n{name} ({len(chosen)}):")
        for f, v in sorted(chosen, key=lambda fv: (fv[0].rule, fv[0].repo, fv[0].key)):
            print(f"  {f.rule} {f.repo}/{f.path}:{f.line}  {v['reason']}")
    print(f"\nunjudged ({len(unjudged)}): judge by reading the code, record in {folder}/<id>.json")
    for f in sorted(unjudged, key=lambda f: (f.repo, f.path, f.line)):
        print(f"  {f.rule} {f.repo}/{f.path}:{f.line}  {f.message[:140]}")
        if args.show_unjudged:
            print(context(root, f))
    return 0


if __name__ == "__main__":
    sys.exit(main())
