"""Java and .NET: one-time (lazy) initialisation behind a flag in request code.

``if (!initialized) { initialize(); }``: which guards there are, which methods run only behind them (once, not per
request), and the one finding each unsynchronised guard gets. Used by LMI201 (``checks/lmi201.py``).
"""

from __future__ import annotations

import re
from typing import Any, Callable

from workbench.readiness import csharp_rules as cs, java_rules as java
from workbench.readiness.frontend import field_need, hit_at
from workbench.readiness.model import Hit, RuleInfo
from workbench.readiness.treesitter import Node, walk


# ``if (!initialized) { initialize(); }`` in request code (serverless-java-container's first-request fallback): a
# check-then-act race on LMI, where one handler object serves every concurrent invocation (Java: OS threads sharing
# the handler instance; .NET: Tasks sharing the handler object; /work/shared/lmi-facts.md, Step 4). It is reported
# once, at the check, as a one-time-initialisation race with its own wording and a lower severity, instead of once
# per field the initialiser happens to write.
_NOT_FLAG = re.compile(r"\(?\s*!\s*(?:this\s*\.\s*)?(\w+)\s*\)?|\(?\s*(?:this\s*\.\s*)?(\w+)\s*==\s*false\s*\)?")
# Java: ``if (coldBoot) { ...; coldBoot = false; }`` on a latch nothing ever sets back to true (corpus_heldout6,
# javabuilder): the same check-then-act race, the other way round (two first invocations both run the body)
_FLAG = re.compile(r"\(?\s*(?:this\s*\.\s*)?(\w+)\s*(?:==\s*true\s*)?\)?")


class Lang:
    """What the lazy-initialisation pass needs from one grammar."""

    def __init__(self, call: str, name_of: Callable[[Any, Node], str | None], parent_call: Callable[[Node], bool],
                 in_sync: Callable[[Any, Node], bool], fn_sync: Callable[[Any, Node], bool],
                 mutable: Callable[[Any], bool], advice: str) -> None:
        self.call, self.name_of, self.parent_call = call, name_of, parent_call
        self.in_sync, self.fn_sync, self.mutable, self.advice = in_sync, fn_sync, mutable, advice


def _java_call_name(m: Any, call: Node) -> str | None:
    obj = call.child_by_field_name("object")
    return m.text(call.child_by_field_name("name")) if obj is None or obj.type == "this" else None


def _cs_call_name(m: Any, call: Node) -> str | None:
    function = call.child_by_field_name("function")
    if function is not None and function.type == "identifier":
        return m.text(function)
    if function is not None and function.type == "member_access_expression":
        obj = function.child_by_field_name("expression")
        if obj is not None and obj.type == "this_expression" or (obj is not None and m.text(obj) == "this"):
            return m.text(function.child_by_field_name("name"))
    return None


def _cs_base_call(call: Node) -> bool:
    function = call.child_by_field_name("function")
    obj = function.child_by_field_name("expression") if function is not None and \
        function.type == "member_access_expression" else None
    return obj is not None and obj.type in ("base_expression", "base")


JAVA = Lang("method_invocation", _java_call_name,
            lambda call: (o := call.child_by_field_name("object")) is not None and o.type == "super",
            lambda m, n: java.in_synchronized(m, n), lambda m, fn: "synchronized" in java.modifiers(fn),
            lambda info: not info.final,
            "Initialise in the constructor or a static initialiser (run once before the first request), or "
            "make the check synchronized (double-checked on a volatile flag).")
DOTNET = Lang("invocation_expression", _cs_call_name, _cs_base_call,
              lambda m, n: cs.in_lock(n), lambda m, fn: False,
              lambda member: not member.immutable,
              "Initialise in the constructor or a static constructor (run once before the first request), "
              "use Lazy<T>, or take a lock around the check (double-checked on a volatile flag).")


class LazyInit:
    """One ``if (!flag) { ... flag = true ... }`` guard in request code: the guarded block and the methods it calls
    (which then run once, not per request), and whether any path that sets the flag is unsynchronised."""

    def __init__(self, guard: Node, body: Node, flag: Any, callees: list[Node], racy: bool, shown: str,
                 unset: str = "false") -> None:
        self.guard, self.body, self.flag, self.callees, self.racy, self.shown = guard, body, flag, callees, racy, shown
        self.unset = unset   # the flag's value before the initialisation ran ("true" for a cold-start latch)

    def holds(self, node: Node) -> bool:
        return self.body.start_byte <= node.start_byte < self.body.end_byte


def _sets_flag(m: Any, scope: Node, flag: Any, value: str = "true") -> list[Node]:
    return [n for n in walk(scope) if n.type == "assignment_expression"
            and m.member_ref(n.child_by_field_name("left")) is flag
            and m.text(n.child_by_field_name("right")).strip() == value]


def _latch(m: Any, flag: Any) -> bool:
    """Whether every assignment of ``flag`` in the file stores ``false`` (a cold-start latch: once cleared, never
    set again), so ``if (flag) { ...; flag = false; }`` is a one-time block, not a per-request toggle."""
    writes = [n for n in m.parsed.nodes("assignment_expression") if m.member_ref(n.child_by_field_name("left")) is flag]
    return bool(writes) and all(m.text(n.child_by_field_name("right")).strip() == "false" for n in writes)


def _own_calls(m: Any, lang: Lang, scope: Node) -> list[tuple[Node, Node]]:
    """The unqualified (or ``this.``) calls in ``scope`` with the methods of the class they may run."""
    found = []
    for call in walk(scope):
        name = lang.name_of(m, call) if call.type == lang.call else None
        if name:
            found += [(call, fn) for fn in m.callees(call, name)]
    return found


def lazy_inits(m: Any, lang: Lang) -> list[LazyInit]:
    found: list[LazyInit] = []
    for guard in m.parsed.nodes("if_statement"):
        condition, body = guard.child_by_field_name("condition"), guard.child_by_field_name("consequence")
        if condition is None or body is None or m.request_function(guard) is None:
            continue
        match = _NOT_FLAG.fullmatch(m.text(condition).strip())
        latch = match is None and lang is JAVA and (match := _FLAG.fullmatch(m.text(condition).strip())) is not None
        if match is None:
            continue
        name = match.group(1) or (match.group(2) if not latch else None)
        ref = next((n for n in walk(condition) if m.text(n).replace(" ", "") in (name, f"this.{name}")
                    and n.type in ("field_access", "identifier", "member_access_expression")), None)
        flag = m.member_ref(ref)
        if flag is None or not lang.mutable(flag) or not m.shared(flag) or (latch and not _latch(m, flag)):
            continue
        done = "false" if latch else "true"
        calls = _own_calls(m, lang, body)
        setters = [(w, lang.in_sync(m, w)) for w in _sets_flag(m, body, flag, done)]
        for call, fn in calls:
            safe = lang.in_sync(m, call) or lang.fn_sync(m, fn)
            setters += [(w, safe or lang.in_sync(m, w)) for w in _sets_flag(m, fn, flag, done)]
        if not setters:
            continue   # the flag is only read here: a condition, not a one-time initialisation
        racy = not lang.in_sync(m, guard) and not all(safe for _, safe in setters)
        shown = ", ".join(dict.fromkeys(f"`{m.text(fn.child_by_field_name('name'))}()`" for _, fn in calls))
        found.append(LazyInit(guard, body, flag, [fn for _, fn in calls], racy, shown, "true" if latch else "false"))
    return found


def run_once(m: Any, lang: Lang, lazy: list[LazyInit]) -> set[int]:
    """The methods that request code reaches only from inside lazy-initialisation guards, directly or through other
    such methods (they run once, not per request). ``super.initialize()`` runs the parent's method, not this one."""
    if not lazy:
        return set()   # no guard, no method behind one (the call sites below are only for those)
    sites: dict[int, list[Node]] = {}
    for call in m.parsed.nodes(lang.call):
        if lang.parent_call(call) or m.request_function(call) is None:
            continue
        name = lang.name_of(m, call)
        if name is None and lang is JAVA:
            name = m.text(call.child_by_field_name("name"))   # obj.init(): may be this class's method too
        for fn in m.callees(call, name) if name else []:
            sites.setdefault(fn.id, []).append(call)
    handlers = {fn.id for fn in m.handlers}
    candidates = {fn.id: fn for init in lazy for fn in init.callees if fn.id not in handlers}
    once: set[int] = set()
    changed = True
    while changed:
        changed = False
        for fid, fn in list(candidates.items()):
            if fid in once:
                continue
            calls = sites.get(fid, [])
            if calls and all(any(init.holds(c) for init in lazy) or
                             (m.function_of(c) is not None and m.function_of(c).id in once | {fid}) for c in calls):
                once.add(fid)
                changed = True
                candidates.update({g.id: g for _, g in _own_calls(m, lang, fn) if g.id not in handlers})
    return once


def _lazy_hit(m: Any, lang: Lang, init: LazyInit, rule: RuleInfo) -> Hit:
    where, flag = m.context_name(init.guard), init.flag.name
    what = f"runs {init.shown} " if init.shown else "initialises "
    guard = f"if ({flag})" if init.unset == "true" else f"if (!{flag})"
    message = (f"one-time initialisation race: `{where}` checks `{flag}` and {what}behind `{guard}` without "
               "synchronisation. One handler object serves every concurrent invocation on Lambda Managed Instances, "
               f"so the first invocations arriving together can all see `{flag}` {init.unset} and initialise at once "
               f"(twice, or reading half-initialised fields). {lang.advice}")
    return hit_at(m, rule, init.guard, message, severity="warning", need=field_need(m, init.flag))


def lazy_hits(m: Any, lang: Lang, lazy: list[LazyInit], rule: RuleInfo) -> list[Hit]:
    """The unsynchronised guards not inside another guard, each reported once as ``rule``."""
    return [_lazy_hit(m, lang, init, rule) for init in lazy
            if init.racy and not any(other is not init and other.holds(init.guard) for other in lazy)]
