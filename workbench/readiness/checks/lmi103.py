"""LMI103: AWS SDK client created per invocation.

Checks here: Node.js (JavaScript, TypeScript), Java, .NET (C#). python: found by
``workbench.readiness.python_facts:extract``. The checks here also report LMI102 (one pass classifies each place).
"""

from __future__ import annotations

import re

from workbench.readiness import (
    csharp_fixes,
    csharp_rules as cs,
    java_fixes,
    java_rules as java,
    js_fixes,
    js_rules as js,
)
from workbench.readiness.checks import Rule
from workbench.readiness.checks.lmi102 import INFO as LMI102
from workbench.readiness.model import (
    Applicability,
    Hit,
    RuleInfo,
)
from workbench.readiness.treesitter import (
    Node,
    ancestors,
    walk,
)

INFO = RuleInfo(
    code="LMI103", title="AWS SDK client created per invocation",
    runtimes=('nodejs', 'java', 'dotnet', 'python'), severity="warning",
    fix=Applicability.SAFE,
    rationale={
        "nodejs": "SDK clients are safe to share between invocations. One created per invocation repeats "
                  "credential resolution and builds a new connection pool for every request; with up to 64 "
                  "invocations per vCPU in flight that is as many pools. Create it once at module scope.",
        "java": "SDK for Java 2.x clients are thread-safe and meant to be shared by all threads. Building one per "
                "call creates a new HTTP connection pool each time. Keep it in a static final field (or build it "
                "in the constructor).",
        "dotnet": "AWS SDK for .NET clients are thread-safe. One per invocation creates a new HTTP handler and "
                  "resolves credentials again for every request. Keep it in a static readonly field.",
        "python": "A boto3 client or resource built in the handler repeats credential resolution, endpoint "
                  "discovery and connection set-up on every invocation. Build it once at module level: each LMI "
                  "Python process keeps its own, and boto3 clients are safe to reuse.",
    },
    example_bad="exports.handler = async () => { const s3 = new S3Client({}); /* ... */ };",
    example_good="const s3 = new S3Client({});\nexports.handler = async () => { /* ... */ };",
)
LMI103 = INFO   # the name the checks below report with


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
}


_NODEJS_V2_NOT_CLIENTS = frozenset({"config", "Config", "Credentials", "Endpoint", "Request", "Response", "EventListeners",
                            "Service", "HttpClient", "SharedIniFileCredentials", "EnvironmentCredentials",
                            "TemporaryCredentials", "ChainableTemporaryCredentials", "CredentialProviderChain",
                            "HttpRequest", "HttpResponse", "NodeHttpClient", "Signers", "MetadataService",
                            "WebIdentityCredentials", "CognitoIdentityCredentials", "TokenFileWebIdentityCredentials",
                            "ECSCredentials", "RemoteCredentials", "ProcessCredentials", "util", "events"})


# ``new AWS.X.Y(...)``: a nested class of a service (``Signers.V4`` signs a request, ``S3.ManagedUpload`` uploads,
# ``DynamoDB.Converter`` converts); only the document client among them is a client.
_NODEJS_V2_NESTED_CLIENTS = frozenset({"DocumentClient"})


# LMI102, LMI103 ------------------------------------------------------------------------------------------------
def _nodejs_sdk_client(m: js.JsModule, node: Node) -> str | None:
    """The class name when ``node`` creates an AWS SDK client (v3 ``new XClient``, v2 ``new AWS.X``)."""
    target = node.child_by_field_name("constructor" if node.type == "new_expression" else "function")
    found = m.imported(target)
    if found is None:
        return None
    package, member = found
    last = member.rsplit(".", 1)[-1]
    if node.type == "new_expression":
        if package.startswith("@aws-sdk/client-") and last.endswith("Client"):
            return last
        if package == "aws-sdk" and member not in ("*", "default") and last not in _NODEJS_V2_NOT_CLIENTS \
                and member.split(".")[0] not in _NODEJS_V2_NOT_CLIENTS and ("." not in member or last in _NODEJS_V2_NESTED_CLIENTS) \
                and last[:1].isupper() and not last.endswith(("Credentials", "Signer")):
            return member
        if package.startswith("aws-sdk/clients/") and member in ("*", "default"):
            return package.rsplit("/", 1)[-1]
    elif package == "@aws-sdk/lib-dynamodb" and member in ("DynamoDBDocumentClient.from", "DynamoDBDocument.from"):
        return member.split(".")[0]
    return None


def _nodejs_lazy_module_init(m: js.JsModule, node: Node) -> bool:
    """``client ??= new X()`` or ``if (!client) client = new X()`` on a module variable: created once."""
    parent = node.parent
    while parent is not None and parent.type in ("parenthesized_expression", "await_expression", "as_expression"):
        parent = parent.parent
    if parent is None or parent.type not in ("assignment_expression", "augmented_assignment_expression"):
        return False
    left = parent.child_by_field_name("left")
    binding = m.module_binding(left) if left is not None and left.type == "identifier" else None
    return binding is not None and js.guarded_write(m, parent, binding.name)


def _nodejs_per_request_credentials(m: js.JsModule, node: Node) -> bool:
    """``new S3Client({ credentials: tenantCreds })`` with credentials made in the function (assumed for the
    tenant the event names): one client per request is the point, not a finding."""
    args = node.child_by_field_name("arguments")
    if args is None or not re.search(r"(?i)credential|sessionToken|accessKeyId|secretAccessKey", m.text(args)):
        return False
    if m.is_tainted(args):
        return True
    around = m.functions_around(node)
    return any(n.type in ("identifier", "shorthand_property_identifier") and
               any(m.text(n) in m.locals.get(fn.id, ()) for fn in around) for n in walk(args))


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
    return False


_NODEJS_CONNECTED = re.compile(r"(?i)readyState|isConnected|\bconnected\b|cached|\bconn(ection)?\b|!\s*\w*(client|db|"
                        r"pool|conn|connection|promise)\b|(client|db|pool|conn|connection|promise)\w*\s*(===?|!==?)\s*"
                        r"(null|undefined)")


def check_nodejs(m: js.JsModule) -> list[Hit]:
    hits: list[Hit] = []
    for node in m.parsed.nodes("new_expression", "call_expression"):
        fn = m.request_function(node)
        if fn is None or _nodejs_lazy_module_init(m, node):
            continue
        where = m.context_name(node) or "the handler"
        client = _nodejs_sdk_client(m, node)
        if client is not None and _nodejs_per_request_credentials(m, node):
            continue   # a client for this request's tenant or role: it must be built per request
        if client is not None:
            fix = js_fixes.hoist_client(m, node)
            hits.append(js.hit_at(m, LMI103, node, f"`{client}` is created on every invocation of `{where}`: build it "
                             "once at module scope and share it (SDK clients are safe to share).", fix))
            continue
        target = m.imported(node.child_by_field_name("constructor" if node.type == "new_expression" else
                                                     "function"))
        label = _NODEJS_DB_OPENERS.get(target) if target is not None else None
        if label is None and target is not None and target[1] in ("*", "default"):
            label = _NODEJS_DB_OPENERS.get((target[0], "default"))
        if label is not None and not _nodejs_connection_guard(m, node):
            hits.append(js.hit_at(m, LMI102, node, f"`{m.text(node).split('(')[0]}(...)` in `{where}` opens a {label} "
                             "connection on every invocation: with many invocations in flight this exhausts the "
                             "database's connections. Create a pool or client once at module scope."))
    return hits


# --- Java ------------------------------------------------------------------------------------------------
_JAVA_DB_OPENERS = {("DriverManager", "getConnection"): "JDBC", ("MongoClients", "create"): "MongoDB",
              ("RedisClient", "create"): "Redis"}


_JAVA_DB_CLASSES = {"HikariDataSource": "JDBC pool", "Jedis": "Redis", "MongoClient": "MongoDB"}


_JAVA_CLIENT = re.compile(r"^[A-Z]\w*(?:Client|AsyncClient)$")


_JAVA_V1_BUILDER = re.compile(r"^Amazon\w*ClientBuilder$")


# LMI102, LMI103 ------------------------------------------------------------------------------------------------
def _java_client_creation(m: java.JavaModule, node: Node) -> str | None:
    """The client class when ``node`` creates an AWS SDK client: ``X.builder()....build()``, ``X.create()``,
    v1 ``AmazonXClientBuilder.defaultClient()`` / ``.standard()....build()``."""
    if node.type != "method_invocation":
        return None
    name = m.text(node.child_by_field_name("name"))
    if name in ("create", "defaultClient"):
        obj = node.child_by_field_name("object")
        cls = m.text(obj) if obj is not None and obj.type == "identifier" else ""
        if (name == "create" and _JAVA_CLIENT.match(cls)) or (name == "defaultClient" and _JAVA_V1_BUILDER.match(cls)):
            return cls
        return None
    if name != "build":
        return None
    current: Node | None = node
    while current is not None and current.type == "method_invocation":
        obj = current.child_by_field_name("object")
        if obj is not None and obj.type == "identifier":
            cls = m.text(obj)
            method = m.text(current.child_by_field_name("name"))
            if (method == "builder" and _JAVA_CLIENT.match(cls)) or (method == "standard" and _JAVA_V1_BUILDER.match(cls)):
                return cls
            return None
        current = obj
    return None


def _java_assigned_field(m: java.JavaModule, node: Node) -> java.FieldInfo | None:
    parent = node.parent
    if parent is not None and parent.type == "assignment_expression" and parent.child_by_field_name("right") == node:
        return m.field_ref(parent.child_by_field_name("left"))
    return None


_JAVA_SHARED_PROVIDERS = re.compile(r"(Default|EnvironmentVariable|Profile|InstanceProfile|ContainerCredentials|"
                               r"WebIdentityTokenFile|SystemProperty|Anonymous)\w*CredentialsProvider")


def _java_per_request_credentials(m: java.JavaModule, node: Node) -> bool:
    """``S3Client.builder().credentialsProvider(StaticCredentialsProvider.create(tenantSession))``: credentials
    made for this request (an assumed role for the tenant the event names), so the client is per request by
    design. The standard providers (default chain, environment, profile...) are not."""
    text = m.text(node)
    found = re.search(r"\.credentialsProvider\s*\(", text)
    return found is not None and not _JAVA_SHARED_PROVIDERS.search(text[found.end():])


def check_java(m: java.JavaModule) -> list[Hit]:
    hits: list[Hit] = []
    creations = []
    for node in m.parsed.nodes("method_invocation", "object_creation_expression"):
        method = m.request_method(node)
        if method is None:
            continue
        info = _java_assigned_field(m, node)
        if info is not None and java.lazily_set(m, node, info):
            continue
        client = _java_client_creation(m, node)
        if client is not None:
            creations.append((node, client))
            continue
        if node.type == "method_invocation":
            key = (m.text(node.child_by_field_name("object")).rsplit(".", 1)[-1],
                   m.text(node.child_by_field_name("name")))
            label = _JAVA_DB_OPENERS.get(key)
        else:
            label = _JAVA_DB_CLASSES.get(m.text(node.child_by_field_name("type")).split("<")[0].rsplit(".", 1)[-1])
        if label is not None:
            hits.append(java.hit_at(m, LMI102, node, f"`{m.text(node).split('(')[0]}(...)` in `{m.context_name(node)}` "
                             f"opens a {label} connection on every invocation: with many threads running "
                             "invocations at once this exhausts the database's connections. Use a pool "
                             "(HikariCP) created once, in a static field or the constructor."))
    for node, client in creations:
        if _java_per_request_credentials(m, node):
            continue   # a client for this request's tenant or role: it must be built per request
        if any(other != node and other.start_byte <= node.start_byte < other.end_byte for other, _ in creations):
            continue   # an HTTP client built inside another client's builder: one finding is enough
        hits.append(java.hit_at(m, LMI103, node, f"`{client}` is built on every invocation of `{m.context_name(node)}`: "
                         "SDK clients are thread-safe, so build it once in a static final field (or the "
                         "constructor) and share it.", java_fixes.hoist_client(m, node, client)))
    return hits


# --- .NET (C#) -------------------------------------------------------------------------------------------
_DOTNET_DB_CONNECTIONS = {"SqlConnection": "SQL Server", "NpgsqlConnection": "PostgreSQL", "MySqlConnection": "MySQL",
                  "OracleConnection": "Oracle", "MongoClient": "MongoDB"}


_DOTNET_DB_CALLS = {("ConnectionMultiplexer", "Connect"): "Redis", ("ConnectionMultiplexer", "ConnectAsync"): "Redis"}


_DOTNET_CLIENT = re.compile(r"^Amazon\w*Client$")


# LMI102, LMI103 ------------------------------------------------------------------------------------------------
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


def _dotnet_assigned_member(m: cs.CsModule, node: Node) -> cs.Member | None:
    parent = node.parent
    if parent is not None and parent.type == "assignment_expression" and parent.child_by_field_name("right") == node:
        return m.member_ref(parent.child_by_field_name("left"))
    return None


def _dotnet_per_request_credentials(m: cs.CsModule, node: Node) -> bool:
    """``new AmazonS3Client(tenantCredentials, region)`` with credentials made in the function (from an
    AssumeRole for the tenant the request names): per request by design."""
    args = node.child_by_field_name("arguments")
    if args is None:
        return False
    if re.search(r"Credentials|SessionToken|AccessKey", m.text(args)):
        names = {m.text(n) for n in walk(args) if n.type == "identifier"}
        fn = m.function_of(node)
        return m.is_tainted(args) or (fn is not None and bool(names & m.locals.get(fn.id, set()))) or \
            "new " in m.text(args)
    fn = m.function_of(node)
    first = next((a.named_children[-1] for a in args.named_children if a.type == "argument" and a.named_children),
                 None)
    if fn is None or first is None or first.type != "identifier":
        return False
    for declarator in m.parsed.nodes("variable_declarator"):
        if fn.start_byte <= declarator.start_byte < fn.end_byte and \
                m.text(declarator.child_by_field_name("name")) == m.text(first) and \
                re.search(r"Credentials", m.text(declarator)):
            return True
    return False


def check_dotnet(m: cs.CsModule) -> list[Hit]:
    hits: list[Hit] = []
    for node in m.parsed.nodes("object_creation_expression", "invocation_expression"):
        if m.request_function(node) is None:
            continue
        member = _dotnet_assigned_member(m, node)
        if member is not None and node.parent is not None and cs.lazily_set(m, node.parent, member.name):
            continue
        where = m.context_name(node)
        if node.type == "object_creation_expression":
            type_name = m.text(node.child_by_field_name("type")).rsplit(".", 1)[-1]
            if _DOTNET_CLIENT.match(type_name) and _dotnet_per_request_credentials(m, node):
                continue   # a client for this request's tenant or role: it must be built per request
            if _DOTNET_CLIENT.match(type_name):
                hits.append(cs.hit_at(m, LMI103, node, f"`{type_name}` is created on every invocation of `{where}`: SDK "
                                 "clients are thread-safe, so keep one in a static readonly field.",
                                 csharp_fixes.hoist_client(m, node, type_name)))
                continue
            label = _DOTNET_DB_CONNECTIONS.get(type_name)
        else:
            function = node.child_by_field_name("function")
            label = _DOTNET_DB_CALLS.get((m.text(function.child_by_field_name("expression")),
                                  m.text(function.child_by_field_name("name")))) \
                if function is not None and function.type == "member_access_expression" else None
        if label is None:
            continue
        opened = f"`{m.text(node).split('(')[0]}(...)` in `{where}` opens a {label} connection on every invocation"
        if node.type == "object_creation_expression" and label != "MongoDB" and _dotnet_disposed(m, node):
            message = (f"{opened}: ADO.NET pools connections per process, so size Max Pool Size for the "
                       "invocations running at once and hold the connection only as long as needed.")
        elif node.type == "object_creation_expression" and label != "MongoDB":
            message = (f"{opened} and never disposes it, so each invocation holds a pooled connection until the "
                       "pool is exhausted: dispose it (using), or share one data source.")
        else:
            message = f"{opened}: create it once in a static readonly field and share it."
        hits.append(cs.hit_at(m, LMI102, node, message))
    return hits


RULE = Rule(
    INFO,
    checks={"nodejs": check_nodejs, "java": check_java, "dotnet": check_dotnet},
    also_reports=('LMI102',),
    elsewhere={
        "python": "workbench.readiness.python_facts:extract",
    },
    fixes={
        "nodejs": ('workbench.readiness.js_fixes:hoist_client',),
        "java": ('workbench.readiness.java_fixes:hoist_client',),
        "dotnet": ('workbench.readiness.csharp_fixes:hoist_client',),
        "python": ('workbench.readiness.python_fixes:build_fix',),
    },
)
