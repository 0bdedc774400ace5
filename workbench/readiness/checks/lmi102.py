"""LMI102: Database or cache connection opened per invocation.

nodejs: found by ``workbench.readiness.checks.lmi103:nodejs``. java: found by
``workbench.readiness.checks.lmi103:java``. dotnet: found by ``workbench.readiness.checks.lmi103:dotnet``. python:
found by ``workbench.readiness.python_facts:extract``.
"""

from __future__ import annotations

from workbench.readiness.checks import Rule
from workbench.readiness.model import (
    Applicability,
    RuleInfo,
)

INFO = RuleInfo(
    code="LMI102", title="Database or cache connection opened per invocation",
    runtimes=('nodejs', 'java', 'dotnet', 'python'), severity="warning",
    fix=Applicability.NEEDS_REVIEW,
    rationale={
        "nodejs": "With dozens of invocations in flight per execution environment, a connection opened in the "
                  "handler means one connection per request in flight, which exhausts the database's connection "
                  "limit and pays the handshake every time. Create a pool (mysql2 createPool, pg Pool, one "
                  "MongoClient or Redis client) once at module scope; each worker thread keeps its own.",
        "java": "Every thread running handleRequest opens its own JDBC connection, so connections grow with the "
                "concurrency (32 per vCPU by default) until the database refuses them. Create a pool (HikariCP) "
                "once, in a static field or the constructor, sized for PerExecutionEnvironmentMaxConcurrency.",
        "dotnet": "Concurrent Tasks each open a connection. ADO.NET pools physical connections per connection "
                  "string in the process, so a connection per invocation is borrowed from that pool: dispose it at "
                  "once (using) and size Max Pool Size for the concurrency, or share one data source or "
                  "multiplexer; a connection that is never disposed leaks a pooled connection every time.",
        "python": "Each Python process serves its invocations one after another and keeps its module state, so a "
                  "connection (or a small pool) opened at module level is reused by every invocation of that "
                  "process. Opening one per invocation adds latency and, at 16 processes per vCPU across many "
                  "instances, exhausts the database's connection limit: total connections = pool size × "
                  "concurrency.",
    },
    example_bad="exports.handler = async () => { const c = await mysql.createConnection(cfg); /* ... */ };",
    example_good="const pool = mysql.createPool(cfg);\nexports.handler = async () => pool.query(sql);",
)
LMI102 = INFO   # the name the checks below report with


RULE = Rule(
    INFO,
    elsewhere={
        "nodejs": "workbench.readiness.checks.lmi103:nodejs",
        "java": "workbench.readiness.checks.lmi103:java",
        "dotnet": "workbench.readiness.checks.lmi103:dotnet",
        "python": "workbench.readiness.python_facts:extract",
    },
    fixes={
        "python": ('workbench.readiness.python_fixes:build_fix',),
    },
)
