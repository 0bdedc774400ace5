"""LMI202: Request data kept in module or static scope.

Found by the shared-state pass of LMI201 (``workbench.readiness.checks.lmi201``: ``check_nodejs``, ``check_java``,
``check_dotnet``), which classifies each write to shared state: request data is LMI202, anything else LMI201.
"""

from __future__ import annotations

from workbench.readiness.checks import Rule
from workbench.readiness.model import (
    Applicability,
    RuleInfo,
)

INFO = RuleInfo(
    code="LMI202", title="Request data kept in module or static scope",
    runtimes=("nodejs", "java", "dotnet"), severity="error",
    fix=Applicability.NEEDS_REVIEW,
    rationale={
        "nodejs": "A value taken from the event or context and stored at module scope is visible to every other "
                  "invocation on the worker thread: after an await another request overwrites it and this one "
                  "continues with the other request's data. Pass it as an argument or keep it in "
                  "AsyncLocalStorage.",
        "java": "Static fields and the handler's fields are shared by all threads, so request data stored there is "
                "read by other invocations running at the same time. Pass it as a parameter or keep it in a "
                "ThreadLocal (cleared in finally).",
        "dotnet": "Static fields and the handler's fields are shared by all concurrent invocations, so request "
                  "data stored there leaks into other requests. Pass it as a parameter or use AsyncLocal<T>.",
    },
    example_bad="let user;\nexports.handler = async (event) => { user = event.user; /* ... */ };",
    example_good="exports.handler = async (event) => { const user = event.user; /* ... */ };",
)
LMI202 = INFO   # the name the checks below report with


RULE = Rule(
    INFO,
    elsewhere={
        "nodejs": "workbench.readiness.checks.lmi201:check_nodejs",
        "java": "workbench.readiness.checks.lmi201:check_java",
        "dotnet": "workbench.readiness.checks.lmi201:check_dotnet",
    },
    fixes={
        "nodejs": ("workbench.readiness.js_fixes:move_to_request_scope",),
    },
)
