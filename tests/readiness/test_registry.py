"""The rule registry (workbench/readiness/checks): one module per code, found by listing the package, the same
whatever was imported before, and refusing duplicates."""

from __future__ import annotations

import importlib
import json
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workbench.readiness.checks import DuplicateRuleError, discover, registry
from workbench.readiness.rules import analyzer_version, load_errors, rules

ROOT = Path(__file__).resolve().parents[2]
CHECKS = ROOT / "workbench" / "readiness" / "checks"

# Every module that defined or merged rule metadata before the registry, and every rule module.
MODULES = sorted(
    [f"workbench.readiness.checks.{p.stem}" for p in CHECKS.glob("lmi*.py")]
    + [f"workbench.readiness.{name}" for name in ("js_rules", "java_rules", "csharp_rules", "python_rules",
                                                  "manifests", "definitions", "treesitter", "model", "rules")])

_SNAPSHOT = textwrap.dedent("""
    import importlib, json, sys
    from dataclasses import asdict
    for name in json.loads(sys.argv[1]):
        importlib.import_module(name)
    from workbench.readiness.checks import registry
    from workbench.readiness.rules import analyzers, rules
    reg = registry()
    out = {
        # lists, not dicts: the order of codes, runtimes and rationale entries counts
        "rules": [[code, [[k, v if not isinstance(v, dict) else list(v.items())] for k, v in asdict(info).items()]]
                  for code, info in rules().items()],
        "modules": list(reg.modules.items()),
        "checks": {rt: [f"{c.__module__}.{c.__qualname__}" for c in reg.checks_for(rt)]
                   for rt in ("nodejs", "java", "dotnet", "python")},
        "analyzers": [type(a).__qualname__ for a in analyzers()],
    }
    print(json.dumps(out, default=str))
""")


def _snapshot(order: list[str]) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _SNAPSHOT, json.dumps(order)], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_registry_is_the_same_whatever_the_import_order():
    shuffled = list(MODULES)
    random.Random(12).shuffle(shuffled)
    python_first = sorted(MODULES, key=lambda n: (not n.endswith("python_rules"), n))
    snapshots = [_snapshot(order) for order in (MODULES, list(reversed(MODULES)), shuffled, python_first, [])]
    first = snapshots[0]
    assert [code for code, _ in first["rules"]] == sorted(code for code, _ in first["rules"])
    assert len(first["rules"]) == 14
    for other in snapshots[1:]:
        assert other == first
    # the shared rules keep every runtime's part whoever is imported first
    lmi101 = dict(dict(first["rules"])["LMI101"])
    assert lmi101["runtimes"] == ["nodejs", "java", "dotnet", "python"]
    assert lmi101["fix"] == "needs-review"


def test_each_code_has_one_module_named_after_it():
    reg = registry()
    assert list(reg.rules) == sorted(reg.rules)
    for code, module in reg.modules.items():
        assert module == f"workbench.readiness.checks.{code.lower()}"
        assert reg.docs[code].startswith(f"{code}: ")
    assert rules() == reg.infos()
    assert load_errors() == {}


def test_the_checks_of_a_runtime_run_in_code_order():
    names = [c.__module__.rsplit(".", 1)[-1] for c in registry().checks_for("nodejs")]
    assert names == ["lmi101", "lmi102", "lmi103", "lmi104", "lmi201", "lmi203", "lmi204", "lmi205"]
    assert [c.__module__.rsplit(".", 1)[-1] for c in registry().checks_for("java")] == \
        ["lmi101", "lmi102", "lmi103", "lmi104", "lmi201", "lmi203", "lmi204"]


def test_every_reference_to_code_elsewhere_resolves():
    for code, rule in registry().rules.items():
        refs = list(rule.elsewhere.values()) + [ref for refs in rule.fixes.values() for ref in refs]
        for ref in refs:
            module, _, name = ref.partition(":")
            assert callable(getattr(importlib.import_module(module), name)), f"{code}: {ref}"
        for other in rule.also_reports:
            assert other in registry().rules
        # a runtime of the rule is served by a check here or by code elsewhere
        for runtime in rule.info.runtimes:
            assert runtime in rule.checks or runtime in rule.elsewhere, f"{code} has nothing for {runtime}"


def _package(tmp_path: Path, name: str, modules: dict[str, str]) -> str:
    pkg = tmp_path / name
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    for module, code in modules.items():
        (pkg / f"{module}.py").write_text(textwrap.dedent(f'''
            """{code}: test rule."""
            from workbench.readiness.checks import Rule
            from workbench.readiness.model import RuleInfo
            RULE = Rule(RuleInfo(code="{code}", title="t", runtimes=("config",), severity="info",
                                 rationale={{"config": "r"}}, fix=None))
        '''))
    return name


@pytest.fixture
def on_path(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in [n for n in sys.modules if n.startswith("fake_checks")]:
        del sys.modules[name]


def test_two_modules_defining_one_code_are_refused(on_path):
    name = _package(on_path, "fake_checks_dup", {"lmi901": "LMI901", "lmi902": "LMI901"})
    with pytest.raises(DuplicateRuleError, match=r"LMI901 is defined twice: by fake_checks_dup\.lmi901 and by "
                                                 r"fake_checks_dup\.lmi902"):
        discover(name)


def test_a_module_not_named_after_its_code_is_refused(on_path):
    name = _package(on_path, "fake_checks_name", {"lmi903": "LMI904"})
    with pytest.raises(DuplicateRuleError, match=r"fake_checks_name\.lmi903 defines LMI904.*lmi904\.py"):
        discover(name)


def test_a_fake_package_is_discovered_sorted(on_path):
    name = _package(on_path, "fake_checks_ok", {"lmi912": "LMI912", "lmi911": "LMI911"})
    assert list(discover(name).rules) == ["LMI911", "LMI912"]


def test_the_analyzer_version_covers_subpackages(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.py").write_text("A = 1\n")
    (tmp_path / "sub" / "lmi101.py").write_text("B = 1\n")
    before = analyzer_version(tmp_path)
    (tmp_path / "sub" / "lmi101.py").write_text("B = 2\n")
    assert analyzer_version(tmp_path) != before
    assert analyzer_version() != analyzer_version(CHECKS)   # the real package's digest reads the checks too


def test_a_rule_module_that_fails_to_import_is_reported_and_the_others_stay(on_path):
    name = _package(on_path, "fake_checks_broken", {"lmi921": "LMI921", "lmi922": "LMI922"})
    (on_path / name / "lmi922.py").write_text("import a_module_that_does_not_exist\n")
    found = discover(name)
    assert list(found.rules) == ["LMI921"]
    assert found.errors == {f"{name}.lmi922": "ModuleNotFoundError: No module named 'a_module_that_does_not_exist'"}


def _sources(root: Path):
    import hashlib

    from workbench.readiness.model import Language, SourceFile

    languages = {".js": Language.JAVASCRIPT, ".mjs": Language.JAVASCRIPT, ".ts": Language.TYPESCRIPT,
                 ".java": Language.JAVA, ".cs": Language.CSHARP}
    for path in sorted(root.rglob("*")):
        if path.suffix in languages and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            yield SourceFile(path=path, rel=path.relative_to(root).as_posix(), text=text,
                             sha256=hashlib.sha256(text.encode()).hexdigest(), language=languages[path.suffix])


def test_each_check_reports_only_its_own_codes():
    """A rule module's checks report its code (or the codes it declares in ``also_reports``), so a finding's code
    names the module that found it."""
    from workbench.readiness import csharp_rules, java_rules, js_rules
    from workbench.readiness.model import Language, ParseFailure, ScanContext

    front_ends = {Language.JAVASCRIPT: (js_rules, "nodejs"), Language.TYPESCRIPT: (js_rules, "nodejs"),
                  Language.JAVA: (java_rules, "java"), Language.CSHARP: (csharp_rules, "dotnet")}
    reported: set[str] = set()
    for folder in ("fixtures_js", "fixtures_java", "fixtures_csharp", "fixtures_request_path", "corpus"):
        for source in _sources(ROOT / "tests" / "readiness" / folder):
            front_end, runtime = front_ends[source.language]
            try:
                m = front_end.build_module(source, ScanContext(root=source.path.parent), extract=True)
            except ParseFailure:
                continue
            for code, rule in registry().rules.items():
                check = rule.checks.get(runtime)
                for found in check(m) if check is not None else []:
                    assert found.code in (code, *rule.also_reports), (source.rel, code, found.code)
                    reported.add(found.code)
    # the fixtures exercise every check of the tree-sitter rules
    assert {"LMI101", "LMI102", "LMI103", "LMI104", "LMI201", "LMI202", "LMI203", "LMI204", "LMI205"} <= reported


def test_the_old_register_rule_says_where_rules_live_now():
    from workbench.readiness.model import RuleInfo, register_rule

    with pytest.raises(RuntimeError, match=r"workbench/readiness/checks/lmi999\.py"):
        register_rule(RuleInfo(code="LMI999", title="t", runtimes=("config",), severity="info",
                               rationale={"config": "r"}, fix=None))
