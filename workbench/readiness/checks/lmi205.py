"""LMI205: Callback-style Node.js handler.

Checks here: Node.js (JavaScript, TypeScript).
"""

from __future__ import annotations

import re

from workbench.readiness import (
    js_fixes,
    js_rules as js,
)
from workbench.readiness.checks import Rule
from workbench.readiness.frontend import hit_at
from workbench.readiness.model import (
    Applicability,
    Hit,
    RuleInfo,
)
from workbench.readiness.treesitter import (
    Node,
    ancestors,
)

INFO = RuleInfo(
    code="LMI205", title="Callback-style Node.js handler",
    runtimes=("nodejs",), severity="error",
    fix=Applicability.NEEDS_REVIEW,
    rationale={
        "nodejs": "Lambda Managed Instances runs Node.js invocations concurrently on worker threads, and handlers "
                  "of the (event, context, callback) form are not supported on Node.js 22: the runtime fails the "
                  "init of any handler declaring three or more parameters, async or not (nor are handlers that finish "
                  "through the context's legacy done/succeed/fail methods): make the handler async, return the "
                  "result and throw the error.",
    },
    example_bad="exports.handler = (event, context, callback) => { callback(null, { ok: true }); };",
    example_good="exports.handler = async (event, context) => { return { ok: true }; };",
)
LMI205 = INFO   # the name the checks below report with


# --- Node.js (JavaScript, TypeScript) --------------------------------------------------------------------
_NODEJS_CALLBACK_NAME = re.compile(r"(?i)^_*(callback|cb|done|next|respond|reply|fn|complete|finish|send|return)\w*$")


def _nodejs_streaming(m: js.JsModule, fn: Node) -> bool:
    """``awslambda.streamifyResponse(async (event, responseStream, context) => ...)``: a response-streaming
    handler, whose second parameter is the stream (Lambda's "Response streaming" guide), not a callback one."""
    names = [next(iter(js.pattern_names(p, m.parsed)), "") for p in js.params(fn)]
    if len(names) >= 2 and "stream" in names[1].lower():
        return True
    return any(a.type == "call_expression" and "streamifyResponse" in m.text(a.child_by_field_name("function"))
               for a in ancestors(fn))


# The context object's legacy completion methods: ``context.done(error, result)``, ``context.succeed(result)``,
# ``context.fail(error)``. They finish a callback-style handler the way ``callback`` does (Lambda Developer Guide,
# "Using the earlier Node.js runtime v0.10.42": the context methods were kept "primarily for backward
# compatibility"; @types/aws-lambda's Context marks each "@deprecated Use handler callback or promise result").
# Treating them as callback-style completion, unsupported on Node.js 22 with LMI like ``callback``, is our reading.
_NODEJS_LEGACY_COMPLETION = frozenset({"done", "succeed", "fail"})


def _nodejs_legacy_completion(m: js.JsModule, fn: Node, name: str, depth: int = 0,
                              seen: set[int] | None = None) -> tuple[str, Node] | None:
    """The first ``<name>.done/succeed/fail(...)`` call in ``fn`` (nested callbacks included, unless one of them
    declares ``name`` again) or in a function of this file ``fn`` passes ``name`` to: (the call's text, the
    function it is in)."""
    seen = seen if seen is not None else set()
    seen.add(fn.id)
    for call in m.parsed.nodes("call_expression"):
        if not fn.start_byte <= call.start_byte < fn.end_byte:
            continue
        if any(name in m.locals.get(inner.id, ()) for inner in m.functions_around(call)
               if inner.id != fn.id and fn.start_byte <= inner.start_byte and inner.end_byte <= fn.end_byte):
            continue   # a nested function's own parameter or variable of that name
        function = call.child_by_field_name("function")
        if function is None:
            continue
        if function.type == "member_expression":
            obj = function.child_by_field_name("object")
            prop = m.text(function.child_by_field_name("property"))
            if obj is not None and obj.type == "identifier" and m.text(obj) == name and \
                    prop in _NODEJS_LEGACY_COMPLETION:
                return f"{name}.{prop}()", fn
        args = call.child_by_field_name("arguments")
        passed = args.named_children if args is not None else []
        bound = function.child_by_field_name("object") if function.type == "member_expression" else None
        if bound is not None and bound.type == "identifier" and \
                m.text(function.child_by_field_name("property")) == "bind":
            # onCompletion.bind(undefined, context, event): the arguments after `this` fill the first parameters
            function, passed = bound, passed[1:]
        if depth >= 3 or args is None or function.type != "identifier":
            continue
        target = js.resolve_function(m, function)
        if target is None or target.id in seen:
            continue
        for param, arg in zip(js.params(target), passed):
            if arg.type == "identifier" and m.text(arg) == name:
                inner_name = next(iter(js.pattern_names(param, m.parsed)), "")
                found = _nodejs_legacy_completion(m, target, inner_name, depth + 1, seen) if inner_name else None
                if found is not None:
                    return found
    return None


def _nodejs_context_aliases(m: js.JsModule, fn: Node, name: str) -> list[str]:
    """Module variables ``fn`` assigns the context to (``theContext = context``): the callbacks that read them later
    hold the same context."""
    out: list[str] = []
    for assign in m.parsed.nodes("assignment_expression"):
        if not fn.start_byte <= assign.start_byte < fn.end_byte:
            continue
        left, right = assign.child_by_field_name("left"), assign.child_by_field_name("right")
        if left is None or right is None or left.type != "identifier" or right.type != "identifier" or \
                m.text(right) != name or m.module_binding(left) is None:
            continue
        if any(name in m.locals.get(inner.id, ()) for inner in m.functions_around(assign)
               if inner.id != fn.id and fn.start_byte <= inner.start_byte and inner.end_byte <= fn.end_byte):
            continue
        if m.text(left) not in out:
            out.append(m.text(left))
    return out


def _nodejs_alias_completion(m: js.JsModule, alias: str) -> tuple[str, Node] | None:
    """The first ``<alias>.done/succeed/fail(...)`` call on the module variable ``alias`` anywhere in the module."""
    for call in m.parsed.nodes("call_expression"):
        function = call.child_by_field_name("function")
        if function is None or function.type != "member_expression":
            continue
        obj = function.child_by_field_name("object")
        if obj is None or obj.type != "identifier" or m.text(obj) != alias or m.module_binding(obj) is None or \
                m.text(function.child_by_field_name("property")) not in _NODEJS_LEGACY_COMPLETION:
            continue
        where = m.innermost_function(call)
        if where is not None:
            return f"{alias}.{m.text(function.child_by_field_name('property'))}()", where
    return None


def _nodejs_handed_to_imports(m: js.JsModule, fn: Node, names: set[str]) -> list[list[object]]:
    """[spec, member, argument index] of the calls ``mod.member(..., context, ...)`` in ``fn`` (its callbacks too)
    to a function another project file exports, passing one of ``names`` (the context or a module variable
    holding it) or, from anywhere in the module, a module variable holding it."""
    out: list[list[object]] = []
    for call in m.parsed.nodes("call_expression"):
        inside = fn.start_byte <= call.start_byte < fn.end_byte
        function = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        if function is None or args is None or function.type != "member_expression":
            continue
        obj = function.child_by_field_name("object")
        if obj is None or obj.type != "identifier" or m.text(obj) not in m.rel_imports or \
                any(m.text(obj) in m.locals.get(f.id, ()) for f in m.functions_around(obj)):
            continue
        spec = m.rel_imports[m.text(obj)][0]
        for index, arg in enumerate(args.named_children):
            if arg.type == "identifier" and m.text(arg) in names and \
                    (inside or m.module_binding(arg) is not None):
                ref = [spec, m.text(function.child_by_field_name("property")), index]
                if ref not in out:
                    out.append(ref)
    return out


def completing_exports(m: js.JsModule) -> dict[str, list[int]]:
    """Exported functions (an object literal's methods too) that finish the invocation through the context's legacy
    methods on one of their parameters: exported name -> the indexes of those parameters."""
    out: dict[str, list[int]] = {}
    if not re.search(r"\.\s*(?:done|succeed|fail)\s*\(", m.parsed.text):
        return out   # (no legacy completion call in the file: nothing to follow)
    for name, value in m.exports.items():
        fn = js.resolve_function(m, value)
        if fn is None:
            continue
        for index, param in enumerate(js.params(fn)):
            inner = next(iter(js.pattern_names(param, m.parsed)), "")
            if inner and _nodejs_legacy_completion(m, fn, inner) is not None:
                out.setdefault(name, []).append(index)
    return out


def _nodejs_context_completion_hits(m: js.JsModule) -> list[Hit]:
    """A handler that is not async and finishes through the context's legacy completion methods (in its body or
    in a function it hands the context to) is callback-style too."""
    hits = []
    candidates = list(m.handlers)
    if m.extract:
        seen = {fn.id for _, fn in candidates}
        for name, value in m.exports.items():
            fn = js.resolve_function(m, value)
            if fn is not None and fn.id not in seen and len(js.params(fn)) == 2:
                candidates.append((name, fn))
                seen.add(fn.id)
    for name, fn in candidates:
        found = js.params(fn)
        if len(found) != 2 or js.is_async(fn) or _nodejs_streaming(m, fn):
            continue
        context = next(iter(js.pattern_names(found[1], m.parsed)), "")
        if not context:
            continue
        completion = _nodejs_legacy_completion(m, fn, context)
        aliases = _nodejs_context_aliases(m, fn, context)
        for alias in aliases:
            completion = completion or _nodejs_alias_completion(m, alias)
        need: dict[str, object] = {"root": True}
        handed: list = []
        if completion is None:
            # handed to another file's function that finishes through it (semantic.resolve: need "completed_by")
            handed = _nodejs_handed_to_imports(m, fn, {context, *aliases})
            if not handed:
                continue
            need["completed_by"] = handed
            call, where = "context.done/succeed/fail", None
        else:
            call, where = completion
        inside = "" if where == fn else f" (in `{js.function_name(where, m.parsed) or 'a function it calls'}`)" \
            if where is not None else f" (in `{handed[0][1]}` of `{handed[0][0]}`)"
        hits.append(hit_at(m, LMI205, found[1], f"`{name}` finishes through `{call}`{inside}: the context's "
                           "legacy completion methods (done, succeed, fail) make it a callback-style handler, and "
                           "those are not supported on Node.js 22 with Lambda Managed Instances. Make it async, "
                           "return the result and throw the error.", None, need=need))
    return hits


def _nodejs_runtime_length(m: js.JsModule, fn: Node) -> int:
    """``handler.length`` as the runtime sees it: the parameters before the first one with a default value or a rest
    parameter (ECMAScript, Function.length: ExpectedArgumentCount). TypeScript's ``x?: T`` still counts."""
    count = 0
    for param in js.params(fn):
        inner = param.child_by_field_name("pattern") if param.type in ("required_parameter", "optional_parameter") \
            else param
        if param.type == "assignment_pattern" or inner is not None and inner.type == "rest_pattern" or \
                param.type == "rest_pattern" or param.type in ("required_parameter", "optional_parameter") and \
                param.child_by_field_name("value") is not None:
            break
        count += 1
    return count


# The runtime interface client Lambda uses for Node.js 22 with Managed Instances (and Node.js 24+) refuses a
# handler at init when ``handler.length >= 3`` and it is not a response-streaming handler, whether or not it is
# async: aws/aws-lambda-nodejs-runtime-interface-client, src/function/callback-deprecation.ts
# (``shouldErrorOnCallbackFunction``: ``argsNum >= 3 && !streaming``; argsNum is ``handler.length``,
# src/function/user-function-loader.ts) with CALLBACK_ERROR_NODEJS22 "AWS Lambda does not support callback-based
# function handlers when using Node.js 22 with Managed Instances" (src/context/constants.ts). The older client's
# warning (PR #144: "3 arguments, is not async, and is not streaming") is not what LMI runs. So an async handler that
# declares a callback it never calls is reported too (earlier rounds judged that shape "debatable"; this settles it).


def _nodejs_callback_shaped(m: js.JsModule, fn: Node) -> bool:
    found = js.params(fn)
    return len(found) >= 3 and not _nodejs_streaming(m, fn) and _nodejs_runtime_length(m, fn) >= 3 and \
        bool(_NODEJS_CALLBACK_NAME.match(next(iter(js.pattern_names(found[2], m.parsed)), "callback")))


def _nodejs_returned_handler(m: js.JsModule, fn: Node, depth: int = 0) -> Node | None:
    """The callback-style function ``fn`` returns (``return (event, context, callback) => ...``, an arrow whose body
    is one), or one a function of this file it calls returns: ``fn`` is a handler factory."""
    body = fn.child_by_field_name("body")
    if body is not None and body.type in js.FUNCTIONS:
        return body if _nodejs_callback_shaped(m, body) else None
    for ret in m.parsed.nodes("return_statement"):
        if fn.start_byte <= ret.start_byte < fn.end_byte and m.innermost_function(ret) == fn and ret.named_children:
            value = js._unwrapped(ret.named_children[0])
            if value is not None and value.type in js.FUNCTIONS and _nodejs_callback_shaped(m, value):
                return value
    if depth >= 2:
        return None
    for call in m.parsed.nodes("call_expression"):
        head = call.child_by_field_name("function")
        if head is None or head.type != "identifier" or not fn.start_byte <= call.start_byte < fn.end_byte:
            continue
        target = js.resolve_function(m, head)
        if target is not None and target != fn:
            found = _nodejs_returned_handler(m, target, depth + 1)
            if found is not None:
                return found
    return None


def _nodejs_factory_hits(m: js.JsModule, handlers: set[int]) -> list[Hit]:
    """An exported function that builds callback-style handlers (``wrapFunction(fn)`` returning
    ``(event, context, callback) => ...``): reported at the function it returns, kept when another module of the
    project exports what it builds (semantic.resolve: need "factory")."""
    factories: dict[int, tuple[Node, list[str]]] = {}   # the handler made -> the exported names that make it
    for name, value in m.exports.items():
        fn = js.resolve_function(m, value)
        if fn is None or fn.id in handlers:
            continue
        made = _nodejs_returned_handler(m, fn)
        if made is not None and made.id not in handlers:
            factories.setdefault(made.id, (made, []))[1].append(name)
    hits: list[Hit] = []
    for made, names in factories.values():
        callback = next(iter(js.pattern_names(js.params(made)[2], m.parsed)), "callback")
        if js.is_async(made):
            message = (f"`{names[0]}` builds async handlers that declare three parameters (`{callback}` third), and "
                       "a module of the project exports one: on Node.js 22 with Lambda Managed Instances the runtime "
                       "takes any handler with three or more parameters (handler.length) for a callback-style one "
                       "and fails the function's init. Drop the parameter from the function it returns.")
        else:
            message = (f"`{names[0]}` builds callback-style handlers (`{callback}`), and a module of the project "
                       "exports one: those are not supported on Node.js 22 with Lambda Managed Instances. Make the "
                       "function it returns async, return the result and throw the error.")
        hits.append(hit_at(m, LMI205, js.params(made)[2], message, None, need={"factory": names}))
    return hits


def check_nodejs(m: js.JsModule) -> list[Hit]:
    hits = _nodejs_context_completion_hits(m)
    candidates = list(m.handlers)
    if m.extract:   # a handler the definitions name may not have a handler's shape: the project decides
        seen = {fn.id for _, fn in candidates}
        for name, value in m.exports.items():
            fn = js.resolve_function(m, value)
            if fn is not None and fn.id not in seen and len(js.params(fn)) >= 3:
                candidates.append((name, fn))
                seen.add(fn.id)
    for name, fn in candidates:
        found = js.params(fn)
        if len(found) < 3 or _nodejs_streaming(m, fn) or not _NODEJS_CALLBACK_NAME.match(
                next(iter(js.pattern_names(found[2], m.parsed)), "callback")) or _nodejs_runtime_length(m, fn) < 3:
            continue
        callback = next(iter(js.pattern_names(found[2], m.parsed)), "callback")
        if js.is_async(fn):
            message = (f"`{name}` is async but declares three parameters (`{callback}` third): on Node.js 22 with "
                       "Lambda Managed Instances the runtime takes any handler with three or more parameters "
                       "(handler.length) for a callback-style one and fails the function's init. Drop the unused "
                       "parameter (or give the ones after the context default values).")
        else:
            message = (f"`{name}` takes a callback (`{callback}`): callback-style handlers are not supported on "
                       "Node.js 22 with Lambda Managed Instances. Make it async, return the result and throw the "
                       "error.")
        hits.append(hit_at(m, LMI205, found[2], message, js_fixes.callback_to_async(m, fn), need={"root": True}))
    if m.extract:
        hits += _nodejs_factory_hits(m, {fn.id for _, fn in candidates})
    return hits


RULE = Rule(
    INFO,
    checks={"nodejs": check_nodejs},
    fixes={
        "nodejs": ("workbench.readiness.js_fixes:callback_to_async",),
    },
)
