"""Project-wide for Python: which functions run per invocation (reachable from the handlers, transitively
across the module and the local modules it imports) and which candidate hits become findings.

Module initialisation is not per-invocation code: a client or connection created at module level is what the
rules recommend. Module-level candidates (a ``/tmp`` path set at import, large state loaded at import) count for
the modules the handlers' code imports.
"""

from __future__ import annotations

import posixpath
import re
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from workbench.readiness.handlers import HandlerRef
from workbench.readiness.model import Hit, ScanContext
from workbench.readiness.semantic import TEST, path_role

MODULE = "<module>"


@dataclass
class Resolved:
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    handlers: list[HandlerRef] = field(default_factory=list)
    reached: dict[str, set[str]] = field(default_factory=dict)
    modules: set[str] = field(default_factory=set)


_SITE_PACKAGES = re.compile(r"(?:^|/)python/lib/python3\.\d+/site-packages$")


def _layer_roots(rels: set[str]) -> list[str]:
    """The folders of the scan that a Lambda layer puts on the import path: ``python`` and
    ``python/lib/python3.x/site-packages`` of the layer's content (AWS Lambda Developer Guide, "Packaging your
    layer content", layer paths for each Lambda runtime: /opt/python and /opt/python/lib/python3.x/site-packages)."""
    folders: set[str] = set()
    for rel in rels:
        folder = posixpath.dirname(rel)
        while folder:
            if posixpath.basename(folder) == "python" or _SITE_PACKAGES.search(folder):
                folders.add(folder)
            folder = posixpath.dirname(folder)
    return sorted(folders)


class ModuleIndex:
    """Python files by path, and import resolution the way Lambda's loader would: relative to the importing
    file's folder and each folder above it up to the scan root (the code root is one of them), then the folders a
    Lambda layer of the project puts on the import path (the layer nearest the importer first)."""

    def __init__(self, rels: set[str]) -> None:
        self.rels = rels
        self._found: dict[tuple[str, str, int], str | None] = {}   # the answer depends on the importer's folder
        self._layers: list[str] | None = None

    def module_file(self, importer: str, module: str, level: int = 0) -> str | None:
        key = (posixpath.dirname(importer), module, level)
        try:
            return self._found[key]
        except KeyError:
            found = self._found[key] = self._module_file(importer, module, level)
            return found

    def _module_file(self, importer: str, module: str, level: int) -> str | None:
        path = module.replace(".", "/") if module else ""
        if level:
            base = posixpath.dirname(importer)
            for _ in range(level - 1):
                base = posixpath.dirname(base)
            bases = [base]
        else:
            bases = []
            base = posixpath.dirname(importer)
            while True:
                bases.append(base)
                if not base:
                    break
                base = posixpath.dirname(base)
        for base in bases:
            stem = posixpath.join(base, path) if path else base
            for candidate in (stem + ".py", posixpath.join(stem, "__init__.py") if stem else "__init__.py"):
                if candidate in self.rels:
                    return candidate
        if level or not path:
            return None
        if self._layers is None:
            self._layers = _layer_roots(self.rels)
        folder = posixpath.dirname(importer)
        nearest = sorted(self._layers, key=lambda layer: -len(posixpath.commonpath([layer, folder])) if folder else 0)
        for layer in nearest:
            for candidate in (f"{layer}/{path}.py", f"{layer}/{path}/__init__.py"):
                if candidate in self.rels:
                    return candidate
        return None


def _split_target(facts: dict[str, Any], rel: str, index: ModuleIndex, target: str,
                  depth: int = 0) -> list[tuple[str, str]]:
    """Nodes (rel, qualname) a reference in ``rel`` may run: a function, a class (all its methods), an
    imported function (followed into its module, and through one re-export)."""
    out: list[tuple[str, str]] = []
    funcs, classes, imports = facts["funcs"], facts["classes"], facts["imports"]
    if target in funcs:
        out.append((rel, target))
    if target in classes:
        out.extend((rel, q) for q in funcs if q.startswith(target + "."))
    if out or depth > 3:
        return out
    head, _, rest = target.partition(".")
    imported = imports.get(head)
    if imported is None:
        return out
    module, attr, level = imported
    if attr is None:
        dotted_parts = (module + "." + rest).split(".") if rest else module.split(".")
        prefix_level = 0
    else:
        dotted_parts = ([module] if module else []) + [attr] + (rest.split(".") if rest else [])
        dotted_parts = ".".join(dotted_parts).split(".") if dotted_parts else []
        prefix_level = level
    # the longest prefix that is a local module; the remainder names something in it
    for cut in range(len(dotted_parts), 0, -1) if dotted_parts else ():
        module_rel = index.module_file(rel, ".".join(dotted_parts[:cut]), prefix_level)
        if module_rel is None:
            continue
        remainder = ".".join(dotted_parts[cut:])
        return [(module_rel, "")] if not remainder else [(module_rel, remainder)]
    if prefix_level and not module and attr:
        module_rel = index.module_file(rel, attr, prefix_level)
        if module_rel is not None:
            return [(module_rel, rest)] if rest else [(module_rel, "")]
    return out


def _named(qualname: str, target: str) -> bool:
    """``target`` names the function ``qualname`` itself (not a class whose methods it is)."""
    return qualname.rsplit(".", 1)[-1] == target.rsplit(".", 1)[-1]


class Reach:
    def __init__(self, facts_by_rel: dict[str, dict[str, Any]]) -> None:
        self.facts = facts_by_rel
        self.index = ModuleIndex(set(facts_by_rel))
        self._registry: dict[tuple[str, str], list[tuple[str, str]]] | None = None

    def registry(self) -> dict[tuple[str, str], list[tuple[str, str]]]:
        """(file, module-level container) -> the functions a decorator of that file stores in it (facts
        ``registers``): whoever reads the container may run them."""
        if self._registry is None:
            self._registry = {}
            if any(f.get("registers") for f in self.facts.values()):
                for rel, facts in self.facts.items():
                    for qualname, info in facts["funcs"].items():
                        for deco in info.get("deco", ()):
                            for other, name in self.nodes_for(rel, "", deco) if deco else ():
                                for container in self.facts[other].get("registers", {}).get(name, ()):
                                    self._registry.setdefault((other, container), []).append((rel, qualname))
        return self._registry

    def nodes_for(self, rel: str, scope: str, target: str) -> list[tuple[str, str]]:
        facts = self.facts[rel]
        # nested functions first: a name used in ``outer`` may be ``outer.inner``
        parts = scope.split(".") if scope else []
        while parts:
            candidate = ".".join(parts) + "." + target
            if candidate in facts["funcs"]:
                return [(rel, candidate)]
            parts.pop()
        found = []
        for module_rel, name in _split_target(facts, rel, self.index, target):
            if not name:
                continue
            other = self.facts.get(module_rel)
            if other is None:
                continue
            if module_rel == rel:
                found.append((rel, name))
            else:
                found.extend(_split_target(other, module_rel, self.index, name, depth=1))
        return found

    def _wrappers(self, rel: str, qualname: str, depth: int = 0) -> list[str]:
        """The functions a decorator returns in place of the one it decorates (``def inner(...)``; a decorator
        factory's innermost one: ``retry(3)`` returns ``decorator``, which returns ``wrapper``)."""
        funcs = self.facts[rel]["funcs"]
        out = []
        for wrapper in funcs.get(qualname, {}).get("wraps", ()):
            if funcs.get(wrapper, {}).get("wraps") and depth < 3:
                out += self._wrappers(rel, wrapper, depth + 1)
            else:
                out.append(wrapper)
        return out

    def imported_modules(self, rel: str) -> set[str]:
        out = set()
        for module, attr, level in self.facts[rel]["imports"].values():
            dotted_parts = (([module] if module else []) + ([attr] if attr else []))
            name = ".".join(dotted_parts)
            found = self.index.module_file(rel, name, level) if name else None
            if found is None and module:
                found = self.index.module_file(rel, module, level)
            if found is not None and found != rel:
                out.add(found)
        return out

    def run(self, entries: list[tuple[str, str]]) -> tuple[dict[str, set[str]], set[str]]:
        """The functions reached per request from ``entries``, and the modules they (and what they import) are
        in. ``self.once``: constructors reached only from a once-per-process block (``if not <global>:``), which
        are followed (the object's other methods and what the constructor builds run later) but are not request
        code themselves."""
        reached: dict[str, set[str]] = {}
        self.once: dict[str, set[str]] = {}
        queue = deque((rel, qualname, False) for rel, qualname in entries)
        routed: set[str] = set()
        while queue:
            rel, qualname, once = queue.popleft()
            facts = self.facts.get(rel)
            if facts is None or qualname not in facts["funcs"] or qualname in reached.get(rel, ()):
                continue
            if once:
                if qualname in self.once.get(rel, ()):
                    continue
                self.once.setdefault(rel, set()).add(qualname)
            else:
                reached.setdefault(rel, set()).add(qualname)
            if rel not in routed:
                routed.add(rel)
                queue.extend((rel, r, False) for r in facts.get("routes", ()))
                queue.extend((rel, r, False) for r, head in facts.get("routed_by", {}).items()
                             if any(other != rel for other, _ in _split_target(facts, rel, self.index, head)))
            for deco in facts["funcs"][qualname].get("deco", ()):   # the wrapper a project decorator returns
                for r, q in self.nodes_for(rel, "", deco) if deco else ():
                    queue.extend((r, w, once) for w in self._wrappers(r, q))
            for target in facts["funcs"][qualname]["calls"]:
                # what a once-only constructor calls runs once too; the methods of a class it makes run later
                queue.extend((r, q, once and (q.endswith(".__init__") or _named(q, target)))
                             for r, q in self.nodes_for(rel, qualname, target))
                for ref in facts.get("tables", {}).get(target, ()):   # a dispatch table: each function in it
                    queue.extend((r, q, False) for r, q in self.nodes_for(rel, "", ref))
                if facts.get("registers") and target in facts["module_names"]:   # a registry a decorator fills
                    queue.extend((r, q, False) for r, q in self.registry().get((rel, target), ()))
            for target in facts["funcs"][qualname].get("once", ()):
                # a class made under ``if not <global>:`` (the handler object kept for the process): its other
                # methods run per request through the kept object, its constructor once
                queue.extend((r, q, q.endswith(".__init__")) for r, q in self.nodes_for(rel, qualname, target))
        modules = set(reached) | set(self.once)
        pending = deque(modules)
        while pending:
            rel = pending.popleft()
            for other in self.imported_modules(rel):
                if other not in modules:
                    modules.add(other)
                    pending.append(other)
        return reached, modules


def resolve(facts_by_rel: dict[str, dict[str, Any]], ctx: ScanContext, entry: str = "handlers",
            not_functions: dict[str, str] | None = None) -> Resolved:
    """``not_functions``: files known to run elsewhere than Lambda (file -> why, e.g. a script an SSM Automation
    document runs); their handler-shaped functions are no entries unless a definition names them."""
    out = Resolved()
    not_functions = not_functions or {}
    reach = Reach(facts_by_rel)
    entries: list[tuple[str, str]] = []
    for rel in sorted(facts_by_rel):
        facts = facts_by_rel[rel]
        defined = ctx.handlers.get(rel)
        if defined:
            for name in sorted(defined):
                if name in facts["funcs"]:
                    entries.append((rel, name))
                else:
                    out.notices.append(f"{rel}: handler {name!r} named by the function definition is not defined "
                                       "in the file")
        elif entry == "handlers" and rel in not_functions:
            if facts["shapes"]:
                out.notices.append(not_functions[rel])
        elif entry == "handlers" and path_role(rel) != TEST:  # a handler-shaped fixture of a test suite is test code
            for name in facts["shapes"]:
                entries.append((rel, name))
                out.handlers.append(HandlerRef(rel, name, ctx.runtimes.get(rel, ""), "shape"))
        if entry == "all":
            entries.extend((rel, q) for q in facts["funcs"])
    if facts_by_rel and not entries:
        out.notices.append("no Python handler found (no definition names one, and no function has the shape "
                           "handler(event, context)): the per-invocation rules LMI101–LMI104 had nothing to follow; "
                           "scan with --all-functions to treat every function as handler code")
    reached, modules = reach.run(entries)
    out.reached, out.modules = reached, modules
    log_ok_powertools = any(f["log"]["inject"] or f["log"]["rid_bound"] for f in facts_by_rel.values())
    log_ok_structlog = any(f["log"]["rid_bound"] for f in facts_by_rel.values())
    force_lost = any(facts_by_rel[m]["log"]["std_force_lost"] for m in modules)
    # the loggers of the project's Chalice apps (named after app_name; their own stdout handler, no propagation)
    chalice = {name for f in facts_by_rel.values() for name in f["log"].get("chalice", ())}
    chalice_level = any(f["log"].get("chalice_level") for f in facts_by_rel.values())
    factory_hits, called = _factory_sites(reach, reached)
    for rel in sorted(facts_by_rel):
        facts = facts_by_rel[rel]
        for cand in facts["cands"]:
            if cand.get("kind") == "factory":
                hit = factory_hits.get((rel, cand["line"], cand["col"]))
                if hit is not None:
                    out.hits.setdefault(rel, []).append(hit)
                continue
            if cand.get("factory") and (rel, cand["ctx"]) in called:
                continue   # a client factory: reported where it is called per request
            if cand.get("mod"):
                if rel not in modules and not _shared_at_import(rel, facts, cand):
                    continue
            elif cand["ctx"] not in reached.get(rel, ()):
                continue
            if cand["code"] == "LMI104" and _chalice_logger(cand, chalice, chalice_level):
                cand = {**cand, "kind": "chalice"}
            elif cand["code"] == "LMI104" and not _log_counts(cand, facts, log_ok_powertools, log_ok_structlog,
                                                              force_lost):
                continue
            out.hits.setdefault(rel, []).append(to_hit(cand))
    return out


def _factories(reach: Reach) -> dict[tuple[str, str], tuple[str, Any]]:
    """The client factories of the project: (file, function) -> (client or resource, the factory it returns
    the result of, or its own name when it builds the client itself): functions that return a boto3 client or resource they build, and functions that return what a factory
    returns, to a fixed point."""
    found: dict[tuple[str, str], tuple[str, Any]] = {}
    wrappers = []
    for rel, facts in reach.facts.items():
        for qualname, info in facts["funcs"].items():
            if info.get("makes"):
                found[(rel, qualname)] = (info["makes"], qualname)
            elif info.get("ret"):
                wrappers.append((rel, qualname, info["ret"]))
    changed = True
    while changed and wrappers:
        changed = False
        for rel, qualname, targets in wrappers:
            if (rel, qualname) in found:
                continue
            inner = next((n for t in targets for n in reach.nodes_for(rel, qualname, t) if n in found), None)
            if inner is not None:
                found[(rel, qualname)] = (found[inner][0], inner)
                changed = True
    return found


def _factory_sites(reach: Reach, reached: dict[str, set[str]]
                   ) -> tuple[dict[tuple[str, int, int], Hit], set[tuple[str, str]]]:
    """LMI103 at each call of a client factory in a function that runs per request (not in a factory itself:
    its callers are the ones that build the client), and the factories called so (their own candidate is not
    reported: "create it once at module level" belongs at the call site)."""
    factories: dict[tuple[str, str], tuple[str, Any]] | None = None
    hits: dict[tuple[str, int, int], Hit] = {}
    called: set[tuple[str, str]] = set()
    for rel, facts in reach.facts.items():
        for cand in facts["cands"]:
            if cand.get("kind") != "factory" or cand["ctx"] not in reached.get(rel, ()):
                continue
            if factories is None:
                factories = _factories(reach)
            if (rel, cand["ctx"]) in factories:
                continue
            node = next((n for n in reach.nodes_for(rel, cand["ctx"], cand["site"]) if n in factories), None)
            if node is None:
                continue
            kind = factories[node][0]
            inner: Any = node
            while isinstance(inner, tuple) and inner not in called:   # the wrapper and the factories it returns from
                called.add(inner)
                inner = factories[inner][1]
            if cand.get("once"):
                continue   # kept in a global behind a guard: built once per process, not per request
            service = cand.get("service")
            what = f"{cand['shown']}({service!r})" if isinstance(service, str) else f"{cand['shown']}(...)"
            message = (f"{what} builds a new boto3 {kind} (the helper {node[1]} in {node[0]} returns a new one) on "
                       f"every invocation of {cand['ctx']}: create it once at module level (boto3 clients are safe "
                       "to reuse; each LMI Python process keeps its own)")
            hits[(rel, cand["line"], cand["col"])] = to_hit({**cand, "msg": message})
    return hits, called


def _shared_at_import(rel: str, facts: dict[str, Any], cand: dict[str, Any]) -> bool:
    """A file opened at import on a fixed /tmp path, in a module no handler of the scan imports but that is
    Lambda code (it imports a library that only runs inside Lambda, such as Powertools): whichever function
    loads it, every Python process of its execution environment opens the same file at start-up. Not for test
    code or standalone scripts (``if __name__ == "__main__"``)."""
    from workbench.readiness.semantic import TEST, path_role

    return bool(cand["code"] == "LMI101" and cand.get("opened") and facts.get("lambda_code") and
                not facts.get("main") and path_role(rel) != TEST)


def _chalice_logger(cand: dict[str, Any], apps: set[str], level_lowered: bool) -> bool:
    """A log call on a Chalice app's logger: ``app.log`` / ``blueprint.log`` (a project with a Chalice app that
    configures its logging), or ``logging.getLogger("<app_name>")`` and its children (they propagate to it).
    Chalice sets that logger's level to ERROR unless ``debug`` is on (``Chalice._configure_log_level``), so its
    debug, info and warning lines are written only where the app turns debug on or sets another level."""
    if not apps or not level_lowered and cand.get("method") in ("debug", "info", "warning", "warn"):
        return False
    if cand.get("kind") == "chalice":
        return True
    name = cand.get("lname")
    return name is not None and cand.get("kind") == "std" and \
        any(app and (name == app or name.startswith(app + ".")) for app in apps)


def _log_counts(cand: dict[str, Any], facts: dict[str, Any], ok_powertools: bool, ok_structlog: bool,
                force_lost: bool) -> bool:
    kind = cand.get("kind")
    if kind == "print":
        return True
    if kind == "std":
        return facts["log"]["std_lost"] or force_lost
    if kind == "powertools":   # a middleware's own lines run before the handler it injects the context into
        return not ok_powertools or cand["ctx"] in facts["log"].get("inject_calls", ())
    if kind == "structlog":
        return not ok_structlog
    return False  # a logger imported from elsewhere: what it adds is unknown, so say nothing


# The end of an LMI104 message on a Chalice app's logger. No patch fits it: Chalice's own handler formats the line
# ('name - level - message'), so a request id passed with the record is never printed (python_rules.can_fix).
CHALICE_LOGGER = (": this is the Chalice app's logger, which Chalice gives its own stdout handler (format "
                  "'name - level - message') and stops from propagating to Lambda's handler (which adds the request "
                  "id); pass configure_logs=False to Chalice to keep Lambda's handler and its request id")


def to_hit(cand: dict[str, Any]) -> Hit:
    message = cand["msg"]
    if cand["code"] == "LMI104" and cand.get("kind") in ("std", "powertools", "structlog", "chalice"):
        message += {
            "std": ": this module replaces the logging handlers or format, so Lambda's handler (which adds the "
                   "request id) no longer formats these lines",
            "powertools": ": the Powertools Logger adds the request id only once the handler is decorated with "
                          "@logger.inject_lambda_context",
            "structlog": ": nothing binds the request id to structlog's context",
            "chalice": CHALICE_LOGGER,
        }[cand["kind"]]
    return Hit(code=cand["code"], line=cand["line"], column=cand["col"], end_line=cand["end_line"],
               end_column=cand["end_col"], message=message, runtime="python", context=cand["ctx"],
               severity=cand.get("sev"))
