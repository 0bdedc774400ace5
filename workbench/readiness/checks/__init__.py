"""The rule registry: one module per rule code, found by listing this package (not by import order).

Each module ``lmiNNN.py`` of this package holds one rule, like a ruff rule file: its metadata (``RuleInfo``: code,
title, severity, the explanation per runtime, examples; the module's docstring is its documentation source), its
checks per runtime (functions over the tree-sitter front-end's module model: ``js_rules.JsModule``,
``java_rules.JavaModule``, ``csharp_rules.CsModule``), and where its fix builders and any checks kept elsewhere
live (the Python analyzer, the manifest and template analyzers). It exposes all of that as ``RULE``.

``registry()`` imports every module of the package whose name does not start with ``_``, sorts the rules by code,
and refuses two modules that define the same code (``DuplicateRuleError``) or a module whose name is not its
code. The result depends only on the files, so it is the same whatever was imported before. A module that fails
to import is left out and reported (``Registry.errors``, shown by the scan through ``rules.load_errors()``): the
other rules still run.

To add a rule: write ``lmiNNN.py`` here with its ``INFO`` (``RuleInfo``), a ``check_<runtime>(m)`` per runtime it
checks (``nodejs``, ``java``, ``dotnet``: reading the front-end's model, reporting with ``frontend.hit_at``), and
``RULE = Rule(INFO, checks={...}, fixes={...})``; the front-ends run every rule's checks for their runtime in
code order. Nothing is registered by importing something else.

    from workbench.readiness.checks import registry, checks_for
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from workbench.readiness.model import Hit, RuleInfo

# A check reads the front-end's model of one file (``JsModule``, ``JavaModule``, ``CsModule``) and returns hits.
Check = Callable[[Any], list[Hit]]

_MODULE_NAME = re.compile(r"^lmi\d{3}$")


class DuplicateRuleError(Exception):
    """Two modules of the registry define the same rule code (or a module is not named after its code)."""


@dataclass(frozen=True)
class Rule:
    info: RuleInfo
    # runtime family ("nodejs", "java", "dotnet") -> the check of this module for that runtime
    checks: Mapping[str, Check] = field(default_factory=dict)
    # other codes the checks here also report: one pass classifies each place as one code or the other
    also_reports: tuple[str, ...] = ()
    # runtime family -> "module:object" holding this rule's check when it is not a function of this module (the
    # Python analyzer, the manifest and template analyzers, or the module of the code whose pass reports it)
    elsewhere: Mapping[str, str] = field(default_factory=dict)
    # runtime family -> the "module:function" fix builders the checks call
    fixes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.info.code


@dataclass(frozen=True)
class Registry:
    rules: Mapping[str, Rule]            # by code, sorted
    modules: Mapping[str, str]           # code -> module that defines it
    docs: Mapping[str, str]              # code -> the module's docstring
    errors: Mapping[str, str] = field(default_factory=dict)   # module that could not be imported -> the error

    def checks_for(self, runtime: str) -> list[Check]:
        """The checks of one runtime family, in code order (the order the front-end runs them)."""
        return [rule.checks[runtime] for rule in self.rules.values() if runtime in rule.checks]

    def infos(self) -> dict[str, RuleInfo]:
        return {code: rule.info for code, rule in self.rules.items()}


def discover(package: str = __name__) -> Registry:
    """Import every rule module of ``package`` and build the registry; raise ``DuplicateRuleError`` when two
    modules define one code, a module is not named after its code, or a rule reports a code nobody defines."""
    pkg = importlib.import_module(package)
    names = sorted(info.name for info in pkgutil.iter_modules(pkg.__path__) if not info.name.startswith("_"))
    found: dict[str, Rule] = {}
    modules: dict[str, str] = {}
    docs: dict[str, str] = {}
    errors: dict[str, str] = {}
    for name in names:
        try:
            module = importlib.import_module(f"{package}.{name}")
        except Exception as error:  # a broken rule module must not stop the others
            errors[f"{package}.{name}"] = f"{type(error).__name__}: {error}"
            continue
        rule = getattr(module, "RULE", None)
        if not isinstance(rule, Rule):
            raise DuplicateRuleError(f"{module.__name__} defines no RULE (every module of {package} is one rule)")
        code = rule.code
        if code in found:
            raise DuplicateRuleError(f"rule {code} is defined twice: by {modules[code]} and by {module.__name__}")
        if not _MODULE_NAME.match(name) or name != code.lower():
            raise DuplicateRuleError(f"{module.__name__} defines {code}: a rule's module is named after its code "
                                     f"({code.lower()}.py)")
        found[code] = rule
        modules[code] = module.__name__
        docs[code] = (module.__doc__ or "").strip()
    for code, rule in found.items():
        for other in rule.also_reports:
            if other not in found and not errors:
                raise DuplicateRuleError(f"{modules[code]} reports {other}, which no module defines")
    ordered = dict(sorted(found.items()))
    return Registry(rules=MappingProxyType(ordered), modules=MappingProxyType(dict(sorted(modules.items()))),
                    docs=MappingProxyType(dict(sorted(docs.items()))), errors=MappingProxyType(errors))


_registry: Registry | None = None


def registry() -> Registry:
    """The registry of this package (built once per process)."""
    global _registry
    if _registry is None:
        _registry = discover()
    return _registry


def checks_for(runtime: str) -> list[Check]:
    return registry().checks_for(runtime)


def rule_infos() -> dict[str, RuleInfo]:
    """Every rule's metadata by code, sorted."""
    return registry().infos()
