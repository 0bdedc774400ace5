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
                  "of the (event, context, callback) form are not supported on Node.js 22: make the handler async, "
                  "return the result and throw the error.",
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


def check_nodejs(m: js.JsModule) -> list[Hit]:
    hits = []
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
                next(iter(js.pattern_names(found[2], m.parsed)), "callback")):
            continue
        callback = next(iter(js.pattern_names(found[2], m.parsed)), "callback")
        hits.append(hit_at(m, LMI205, found[2], f"`{name}` takes a callback (`{callback}`): callback-style handlers "
                           "are not supported on Node.js 22 with Lambda Managed Instances. Make it async, return the "
                           "result and throw the error.", js_fixes.callback_to_async(m, fn), need={"root": True}))
    return hits


RULE = Rule(
    INFO,
    checks={"nodejs": check_nodejs},
    fixes={
        "nodejs": ("workbench.readiness.js_fixes:callback_to_async",),
    },
)
