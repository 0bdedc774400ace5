"""The analyzers and the rules the scanner runs.

The rules (metadata, per-language checks, fix builders) are the modules of ``workbench.readiness.checks``, one
per code, discovered by listing that package (``checks.registry()``). The analyzers are found in the family
modules of this package: those named ``python_*``, ``js_*``, ``java_*``, ``csharp_*``, ``manifests`` or
``templates`` (not the ``*_fixes`` modules). A family's analyzers are its module-level objects that follow the
``Analyzer`` protocol (a ``languages`` frozenset and an ``analyze`` method), or, when the module defines it, the
``ANALYZERS`` sequence. A family module that fails to import is reported (``load_errors()``) and left out; the
scan goes on with the others.

    from workbench.readiness.rules import analyzers, rules
"""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
from pathlib import Path

from workbench.readiness.model import Analyzer, Language, RuleInfo

FAMILY_PREFIXES = ("python_", "js_", "java_", "csharp_")
FAMILY_MODULES = ("manifests", "templates")
FIX_SUFFIX = "_fixes"

_loaded: list[Analyzer] | None = None
_errors: dict[str, str] = {}


def family_modules() -> list[str]:
    """Names of the rule family modules present in this package, sorted."""
    package = Path(__file__).parent
    names = []
    for info in pkgutil.iter_modules([str(package)]):
        if info.name.endswith(FIX_SUFFIX):
            continue  # fix builders: imported by their family when a fix is built (libcst costs ~1 s per process)
        if info.name.startswith(FAMILY_PREFIXES) or info.name in FAMILY_MODULES:
            names.append(info.name)
    return sorted(names)


def _is_analyzer(obj: object) -> bool:
    if isinstance(obj, type):
        return False
    languages = getattr(obj, "languages", None)
    return isinstance(languages, frozenset) and callable(getattr(obj, "analyze", None))


def _load() -> list[Analyzer]:
    global _loaded
    if _loaded is not None:
        return _loaded
    found: list[Analyzer] = []
    seen: set[int] = set()
    for name in family_modules():
        try:
            module = importlib.import_module(f"{__package__}.{name}")
        except Exception as error:  # a broken family must not stop the others
            _errors[name] = f"{type(error).__name__}: {error}"
            continue
        declared = getattr(module, "ANALYZERS", None)
        candidates = list(declared) if declared is not None else list(vars(module).values())
        for obj in candidates:
            if _is_analyzer(obj) and id(obj) not in seen:
                seen.add(id(obj))
                found.append(obj)
    _loaded = found
    return found


def analyzers() -> list[Analyzer]:
    """Every analyzer object of every rule family (the Python one included), in module order."""
    return list(_load())


def analyzers_for(language: Language) -> list[Analyzer]:
    return [a for a in _load() if language in a.languages]


def rules() -> dict[str, RuleInfo]:
    """Every rule by code, sorted (the ``checks`` registry), after loading every family."""
    from workbench.readiness.checks import rule_infos

    _load()
    return rule_infos()


def load_errors() -> dict[str, str]:
    """Rule family and rule modules that could not be imported, with the error (empty when all loaded)."""
    from workbench.readiness.checks import registry

    _load()
    return dict(sorted({**_errors, **registry().errors}.items()))


def analyzer_version(package: Path | None = None) -> str:
    """A digest of this package's source, its subpackages (the rule modules of ``checks``) included: cached
    results from another version of the analyzer are not used."""
    digest = hashlib.sha256()
    package = package or Path(__file__).parent
    for path in sorted(package.rglob("*.py"), key=lambda p: p.relative_to(package).as_posix()):
        digest.update(path.relative_to(package).as_posix().encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            pass
    return digest.hexdigest()[:16]
