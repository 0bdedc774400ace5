"""LMI102: Database or cache connection opened per invocation.

Checks here: Node.js (JavaScript, TypeScript), Java, .NET (C#); SDK clients (LMI103) and objects created once
(lazy initialisation) are told apart with the helpers of ``lmi103``. python: found by
``workbench.readiness.python.facts.extractor:extract``.
"""

from __future__ import annotations

import re

from workbench.readiness import (
    csharp_rules as cs,
    java_rules as java,
    js_rules as js,
)
from workbench.readiness.checks import Rule
from workbench.readiness.checks.lmi103 import (
    DOTNET_CLIENT,
    dotnet_set_once,
    java_client_creation,
    java_set_once,
    nodejs_created_once,
    nodejs_sdk_client,
)
from workbench.readiness.frontend import hit_at
from workbench.readiness.model import Applicability, Hit, RuleInfo
from workbench.readiness.treesitter import Node, ancestors

INFO = RuleInfo(
    code="LMI102", title="Database or cache connection opened per invocation",
    runtimes=("nodejs", "java", "dotnet", "python"), severity="warning",
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




# --- Node.js (JavaScript, TypeScript) --------------------------------------------------------------------
# (package, member path) -> what it opens, for LMI102. Packages are normalised ("mysql2/promise" -> "mysql2").
_NODEJS_DB_OPENERS = {
    **{(pkg, name): label for pkg, label in (("mysql", "MySQL"), ("mysql2", "MySQL"))
       for name in ("createConnection", "createPool", "createPoolCluster")},
    ("pg", "Client"): "PostgreSQL", ("pg", "Pool"): "PostgreSQL", ("postgres", "default"): "PostgreSQL",
    ("mongodb", "MongoClient"): "MongoDB", ("mongodb", "MongoClient.connect"): "MongoDB",
    ("ioredis", "default"): "Redis", ("ioredis", "Redis"): "Redis", ("ioredis", "Cluster"): "Redis",
    ("redis", "createClient"): "Redis", ("redis", "createCluster"): "Redis",
    ("knex", "default"): "database (knex)", ("knex", "knex"): "database (knex)",
    ("@prisma/client", "PrismaClient"): "database (Prisma)",
    ("mongoose", "connect"): "MongoDB (mongoose)", ("mongoose", "createConnection"): "MongoDB (mongoose)",
    # a raw TCP or TLS socket (Node.js "net.connect" / "tls.connect"): a hand-written cache or database protocol
    # client (held-out miss: Redis MSET and memcached set over net.connect per batch, aws-lambda-fanout)
    ("net", "connect"): "raw TCP (net)", ("net", "createConnection"): "raw TCP (net)",
    ("tls", "connect"): "raw TLS (tls)",
}


def _nodejs_connection_guard(m: js.JsModule, node: Node) -> bool:
    """``if (mongoose.connection.readyState !== 1) await mongoose.connect(uri)``, ``if (!cached) ...``: a
    connection opened only when none is open is opened once per worker, not per invocation."""
    stop = m.request_function(node)
    for anc in ancestors(node):
        if anc == stop:
            return False
        if anc.type in ("if_statement", "ternary_expression"):
            condition = m.text(anc.child_by_field_name("condition"))
            if _NODEJS_CONNECTED.search(condition):
                return True
        if anc.type == "binary_expression" and m.text(anc.child_by_field_name("operator")) in ("||", "??"):
            return True
        if anc.parent is not None and anc.parent.type == "statement_block" and _returned_when_connected(m, anc):
            return True
    return False


def _returned_when_connected(m: js.JsModule, statement: Node) -> bool:
    """``if (cached) return cached;`` or ``if (mongoose.connection.readyState >= 1) { return; }`` before
    ``statement`` in its block: the code after it runs only while no connection is kept."""
    return js.returns_early_before(m, statement, lambda condition: _NODEJS_CONNECTED.search(condition) is not None)


_NODEJS_CONNECTED = re.compile(r"(?i)readyState|isConnected|\bconnected\b|cached|\bconn(ection)?\b|"
                               r"!\s*\w*(client|db|pool|conn|connection|promise)\b|"
                               r"(client|db|pool|conn|connection|promise)\w*\s*(===?|!==?)\s*(null|undefined)")


def check_nodejs(m: js.JsModule) -> list[Hit]:
    hits: list[Hit] = []
    for node in m.parsed.nodes("new_expression", "call_expression"):
        # what the call opens first (a lookup that rules out almost every call), then the costlier questions
        target = m.imported(node.child_by_field_name("constructor" if node.type == "new_expression" else
                                                     "function"))
        label = _NODEJS_DB_OPENERS.get(target) if target is not None else None
        if label is None and target is not None and target[1] in ("*", "default"):
            label = _NODEJS_DB_OPENERS.get((target[0], "default"))
        if label is None or m.request_function(node) is None or nodejs_created_once(m, node) or \
                nodejs_sdk_client(m, node) is not None:
            continue   # no connection, module-level code, created once, or an SDK client (LMI103)
        where = m.context_name(node) or "the handler"
        if not _nodejs_connection_guard(m, node):
            hits.append(hit_at(m, LMI102, node, f"`{m.text(node).split('(')[0]}(...)` in `{where}` opens a "
                               f"{label} connection on every invocation: with many invocations in flight this "
                               "exhausts the database's connections. Create a pool or client once at module "
                               "scope."))
    return hits


# --- Java ------------------------------------------------------------------------------------------------
_JAVA_DB_OPENERS = {("DriverManager", "getConnection"): "JDBC", ("MongoClients", "create"): "MongoDB",
                    ("RedisClient", "create"): "Redis"}


_JAVA_DB_CLASSES = {"HikariDataSource": "JDBC pool", "Jedis": "Redis", "MongoClient": "MongoDB"}


def _java_driver_connect(m: java.JavaModule, node: Node) -> bool:
    """``new com.mysql.jdbc.Driver().connect(url, props)``, or ``d.connect(url, props)`` on a local declared as a
    (``java.sql.``)``Driver`` or given ``new ...Driver()``: java.sql.Driver.connect "Attempts to make a database
    connection to the given URL" (Java SE API, java.sql.Driver), a physical connection like
    DriverManager.getConnection's. Two arguments (url, Properties), so a WebSocket driver's ``connect(uri)`` is not."""
    args = node.child_by_field_name("arguments")
    obj = node.child_by_field_name("object")
    if m.text(node.child_by_field_name("name")) != "connect" or obj is None or args is None or \
            len(args.named_children) != 2:
        return False
    if obj.type == "identifier" and (method := m.function_of(node)) is not None:
        for decl in method_locals(m, method, m.text(obj)):
            kind = m.text(decl.parent.child_by_field_name("type")) if decl.parent is not None else ""
            value = decl.child_by_field_name("value")
            if kind.rsplit(".", 1)[-1] == "Driver" or (value is not None and value.type == "object_creation_expression"
                                                        and _driver_type(m, value)):
                return True
        return False
    return obj.type == "object_creation_expression" and _driver_type(m, obj)


def _driver_type(m: java.JavaModule, created: Node) -> bool:
    return m.text(created.child_by_field_name("type")).rsplit(".", 1)[-1] == "Driver"


def method_locals(m: java.JavaModule, method: Node, name: str) -> list[Node]:
    """The declarators of local variables called ``name`` inside ``method``."""
    return [d for d in m.parsed.nodes("variable_declarator") if method.start_byte <= d.start_byte < method.end_byte
            and d.parent is not None and d.parent.type == "local_variable_declaration"
            and m.text(d.child_by_field_name("name")) == name]


def _java_request_target(m: java.JavaModule, node: Node) -> bool:
    """``DriverManager.getConnection(url, ..)`` (or ``driver.connect(url, ..)``, ``MongoClients.create(uri)``) with
    the URL built from request data (heldout15: aws-saas-boost's RdsBootstrap custom resource connects to the host and
    database its CloudFormation event names): one connection per target the request gives, by design."""
    args = node.child_by_field_name("arguments")
    return args is not None and bool(args.named_children) and m.is_tainted(args.named_children[0])


def check_java(m: java.JavaModule) -> list[Hit]:
    hits: list[Hit] = []
    for node in m.parsed.nodes("method_invocation", "object_creation_expression"):
        if node.type == "method_invocation":
            key = (m.text(node.child_by_field_name("object")).rsplit(".", 1)[-1],
                   m.text(node.child_by_field_name("name")))
            label = _JAVA_DB_OPENERS.get(key) or ("JDBC" if key[1] == "connect" and _java_driver_connect(m, node)
                                                  else None)
            if key == ("CacheClient", "create"):
                # Momento's CacheClient opens gRPC channels to the cache service (Momento Java SDK: create it once
                # and reuse it); only when imported from momento.sdk (corpus_heldout9: Momento's Lambda example)
                label = "Momento cache" if (java.imported_from(m, "CacheClient") or "").startswith("momento.") \
                    else None
        else:
            label = _JAVA_DB_CLASSES.get(m.text(node.child_by_field_name("type")).split("<")[0].rsplit(".", 1)[-1])
        # (the lookup above rules out almost every call before the costlier questions below)
        if label is None or m.request_function(node) is None or java_set_once(m, node) or \
                java_client_creation(m, node) is not None or java.made_on_cache_miss(m, node):
            continue   # no connection, created once (or once per key of a cache), or an SDK client (LMI103)
        if label in ("JDBC", "MongoDB", "Redis") and _java_request_target(m, node):
            continue   # the database the request names (a custom resource's new tenant database): per request
        hits.append(hit_at(m, LMI102, node, f"`{m.text(node).split('(')[0]}(...)` in "
                           f"`{m.context_name(node)}` opens a {label} connection on every invocation: with "
                           "many threads running invocations at once this exhausts the database's "
                           "connections. Use a pool (HikariCP) created once, in a static field or the "
                           "constructor."))
    return hits


# --- .NET (C#) -------------------------------------------------------------------------------------------
_DOTNET_DB_CONNECTIONS = {"SqlConnection": "SQL Server", "NpgsqlConnection": "PostgreSQL", "MySqlConnection": "MySQL",
                          "OracleConnection": "Oracle", "MongoClient": "MongoDB"}


_DOTNET_DB_CALLS = {("ConnectionMultiplexer", "Connect"): "Redis", ("ConnectionMultiplexer", "ConnectAsync"): "Redis"}


def _dotnet_disposed(m: cs.CsModule, node: Node) -> bool:
    declarator = node.parent
    if declarator is None or declarator.type != "variable_declarator":
        return False
    statement = declarator.parent.parent if declarator.parent is not None else None
    if statement is not None and (statement.type == "using_statement" or any(
            c.type == "using" for c in statement.children)):
        return True
    name = m.text(declarator.child_by_field_name("name"))
    fn = m.function_of(node)
    return fn is not None and re.search(rf"\b{re.escape(name)}\s*\.\s*(Dispose|DisposeAsync|Close)\s*\(",
                                        m.text(fn)) is not None


def check_dotnet(m: cs.CsModule) -> list[Hit]:
    hits: list[Hit] = []
    for node in m.parsed.nodes(*cs.CREATIONS, "invocation_expression"):
        created = node.type in cs.CREATIONS
        if created:
            type_name = cs.created_type(m, node).rsplit(".", 1)[-1]
            if DOTNET_CLIENT.match(type_name):
                continue   # an SDK client (LMI103)
            label = _DOTNET_DB_CONNECTIONS.get(type_name)
        else:
            function = node.child_by_field_name("function")
            label = _DOTNET_DB_CALLS.get((m.text(function.child_by_field_name("expression")),
                                          m.text(function.child_by_field_name("name")))) \
                if function is not None and function.type == "member_access_expression" else None
        # (the lookups above rule out almost every call before the costlier questions below)
        if label is None or m.request_function(node) is None or dotnet_set_once(m, node):
            continue
        where = m.context_name(node)
        shown = f"new {type_name}" if node.type == "implicit_object_creation_expression" else \
            m.text(node).split('(')[0]
        opened = f"`{shown}(...)` in `{where}` opens a {label} connection on every invocation"
        if created and label != "MongoDB" and _dotnet_disposed(m, node):
            message = (f"{opened}: ADO.NET pools connections per process, so size Max Pool Size for the "
                       "invocations running at once and hold the connection only as long as needed.")
        elif created and label != "MongoDB":
            message = (f"{opened} and never disposes it, so each invocation holds a pooled connection until the "
                       "pool is exhausted: dispose it (using), or share one data source.")
        else:
            message = f"{opened}: create it once in a static readonly field and share it."
        hits.append(hit_at(m, LMI102, node, message))
    return hits


RULE = Rule(
    INFO,
    checks={"nodejs": check_nodejs, "java": check_java, "dotnet": check_dotnet},
    elsewhere={
        "python": "workbench.readiness.python.facts.extractor:extract",
    },
    fixes={
        "python": ("workbench.readiness.python.fixes.build:build_fix",),
    },
)
