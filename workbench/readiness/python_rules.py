"""Python readiness rules and the Python analyzer.

On Lambda Managed Instances a Python execution environment runs one process per concurrent invocation slot
(16 per vCPU by default). Globals are per process, so they are never flagged; what the processes share is /tmp,
the database's connection limit, the log stream, and the instance's memory. Detection is ``ast`` on the fast
path (``python_facts``), reachability from the handlers is project-wide (``python_reach``), and fixes are
libcst transformations built only for the findings (``python_fixes``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from workbench.readiness import model
from workbench.readiness.model import (
    Applicability,
    Fix,
    Hit,
    Language,
    RuleInfo,
    ScanContext,
    SourceFile,
)

RUNTIME = "python"


def register_merged(rule: RuleInfo) -> RuleInfo:
    """Register ``rule``, or merge its runtimes, rationale and fix into the rule another family registered under
    the same code (the LMI1xx rules span every runtime; each family brings its own runtime's part)."""
    existing = model.rules().get(rule.code)
    if existing is None:
        return model.register_rule(rule)
    if existing == rule:
        return existing
    fix = existing.fix
    if rule.fix is not None and fix is None:
        fix = rule.fix
    elif rule.fix is not None and fix is not None and rule.fix != fix:
        fix = Applicability.NEEDS_REVIEW
    merged = replace(existing, runtimes=tuple(dict.fromkeys(existing.runtimes + rule.runtimes)),
                     rationale={**existing.rationale, **rule.rationale}, fix=fix,
                     example_bad=existing.example_bad or rule.example_bad,
                     example_good=existing.example_good or rule.example_good)
    model._RULES[rule.code] = merged
    return merged


LMI101 = register_merged(RuleInfo(
    code="LMI101", title="Hard-coded /tmp path shared by concurrent invocations", runtimes=(RUNTIME,),
    severity="warning", fix=Applicability.NEEDS_REVIEW,
    rationale={RUNTIME: "Python on LMI runs one process per concurrent invocation, and every process of the "
                        "execution environment sees the same /tmp. A fixed file name is written and read by several "
                        "invocations at the same time, so one overwrites or deletes another's file. Put "
                        "context.aws_request_id (or a uuid) in the name, or use tempfile, and remove the file in a "
                        "finally block: the environment lives for hours, and files left behind fill /tmp."},
    example_bad='path = "/tmp/receipt.json"\nwith open(path, "w") as f:\n    json.dump(receipt, f)',
    example_good='path = f"/tmp/{context.aws_request_id}-receipt.json"\ntry:\n    with open(path, "w") as f:\n'
                 '        json.dump(receipt, f)\nfinally:\n    if os.path.exists(path):\n        os.remove(path)',
))
LMI102 = register_merged(RuleInfo(
    code="LMI102", title="Database or cache connection opened per invocation", runtimes=(RUNTIME,),
    severity="warning", fix=Applicability.NEEDS_REVIEW,
    rationale={RUNTIME: "Each Python process serves its invocations one after another and keeps its module state, "
                        "so a connection (or a small pool) opened at module level is reused by every invocation of "
                        "that process. Opening one per invocation adds latency and, at 16 processes per vCPU "
                        "across many instances, exhausts the database's connection limit: total connections = "
                        "pool size × concurrency."},
    example_bad="def handler(event, context):\n    conn = pymysql.connect(host=HOST, ...)\n    ...\n    conn.close()",
    example_good="conn = pymysql.connect(host=HOST, ...)  # module level: once per process\n\n"
                 "def handler(event, context):\n    conn.ping(reconnect=True)\n    ...",
))
LMI103 = register_merged(RuleInfo(
    code="LMI103", title="AWS SDK client created per invocation", runtimes=(RUNTIME,),
    severity="warning", fix=Applicability.SAFE,
    rationale={RUNTIME: "A boto3 client or resource built in the handler repeats credential resolution, endpoint "
                        "discovery and connection set-up on every invocation. Build it once at module level: each "
                        "LMI Python process keeps its own, and boto3 clients are safe to reuse."},
    example_bad='def handler(event, context):\n    s3 = boto3.client("s3")',
    example_good='s3 = boto3.client("s3")\n\ndef handler(event, context):\n    ...',
))
LMI104 = register_merged(RuleInfo(
    code="LMI104", title="Log lines without the request id", runtimes=(RUNTIME,),
    severity="info", fix=Applicability.NEEDS_REVIEW,
    rationale={RUNTIME: "The processes serving concurrent invocations write to the same log stream, so lines "
                        "interleave. Lambda's Python logging handler adds the request id to every record (the text "
                        "format's third field, requestId in the JSON format of Python 3.12+ runtimes), so plain "
                        "logging is fine; print() bypasses it, and so does a logging set-up that replaces Lambda's "
                        "handler or format. Powertools' Logger adds it once the handler is decorated with "
                        "inject_lambda_context; structlog once the id is bound."},
    example_bad='print("order created", order_id)',
    example_good='logger.info("order created %s", order_id)  # Lambda\'s handler adds the request id',
))
LMI301 = register_merged(RuleInfo(
    code="LMI301", title="Large module-level state multiplied by the process count", runtimes=(RUNTIME,),
    severity="info", fix=None,
    rationale={RUNTIME: "Python on LMI runs one process per concurrent invocation slot (16 per vCPU by default). "
                        "State built at import — large literals, models, data frames, unbounded caches — is held "
                        "once per process: 200 MB per process × 16 ≈ 3.2 GB. Size the function's memory for "
                        "per-process memory × concurrency (8:1 memory-to-vCPU is a good start for Python), share "
                        "read-only data through a file in /tmp loaded with mmap, or lower the concurrency."},
    example_bad="MODEL = joblib.load('model.joblib')  # 400 MB, × 16 processes",
    example_good="Size MemorySize for 400 MB × PerExecutionEnvironmentMaxConcurrency, or lower the concurrency.",
))

FIXABLE = frozenset({"LMI101", "LMI102", "LMI103", "LMI104"})


class PythonAnalyzer:
    """The Python family: ``extract`` per file (cached by content), ``resolve`` project-wide, ``build_fix`` per
    finding. ``analyze`` (the Analyzer protocol) does all three for one file on its own."""

    name = "python"
    languages = frozenset({Language.PYTHON})

    def extract(self, source: SourceFile) -> dict[str, Any]:
        from workbench.readiness.python_facts import extract

        return extract(source.text)

    def resolve(self, facts_by_rel: dict[str, dict[str, Any]], sources: dict[str, SourceFile], ctx: ScanContext,
                *, entry: str = "handlers"):
        from workbench.readiness.python_reach import resolve

        return resolve(facts_by_rel, ctx, entry)

    def build_fix(self, source: SourceFile, facts: dict[str, Any] | None, hit: Hit, ctx: ScanContext) -> Fix | None:
        if hit.code not in FIXABLE or facts is None:
            return None
        cand = next((c for c in facts["cands"] if c["code"] == hit.code and c["line"] == hit.line and
                     c["col"] == hit.column and c["ctx"] == hit.context), None)
        if cand is None:
            return None
        from workbench.readiness.python_fixes import build_fix

        return build_fix(source.text, cand, facts)

    def analyze(self, source: SourceFile, ctx: ScanContext) -> list[Hit]:
        facts = self.extract(source)
        resolved = self.resolve({source.rel: facts}, {source.rel: source}, ctx)
        hits = resolved.hits.get(source.rel, [])
        out = []
        for hit in hits:
            fix = self.build_fix(source, facts, hit, ctx)
            out.append(replace(hit, fix=fix) if fix else hit)
        return out


PYTHON_ANALYZER = PythonAnalyzer()
ANALYZERS = (PYTHON_ANALYZER,)
