"""LMI103: AWS SDK client created per invocation.

Checks here: Node.js (JavaScript, TypeScript), Java, .NET (C#). python: found by
``workbench.readiness.python.facts.extractor:extract``.
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
from workbench.readiness.frontend import hit_at
from workbench.readiness.model import (
    Applicability,
    Hit,
    RuleInfo,
)
from workbench.readiness.treesitter import (
    Node,
    walk,
)

INFO = RuleInfo(
    code="LMI103", title="AWS SDK client created per invocation",
    runtimes=("nodejs", "java", "dotnet", "python"), severity="warning",
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
_NODEJS_V2_NOT_CLIENTS = frozenset({"config", "Config", "Credentials", "Endpoint", "Request", "Response",
                                    "EventListeners", "Service", "HttpClient", "SharedIniFileCredentials",
                                    "EnvironmentCredentials", "TemporaryCredentials", "ChainableTemporaryCredentials",
                                    "CredentialProviderChain", "HttpRequest", "HttpResponse", "NodeHttpClient",
                                    "Signers", "MetadataService", "WebIdentityCredentials",
                                    "CognitoIdentityCredentials", "TokenFileWebIdentityCredentials", "ECSCredentials",
                                    "RemoteCredentials", "ProcessCredentials", "util", "events"})


# ``new AWS.X.Y(...)``: a nested class of a service (``Signers.V4`` signs a request, ``S3.ManagedUpload`` uploads,
# ``DynamoDB.Converter`` converts); only the document client among them is a client.
_NODEJS_V2_NESTED_CLIENTS = frozenset({"DocumentClient"})


def _nodejs_aggregated(package: str, name: str) -> bool:
    """v3's aggregated client of ``@aws-sdk/client-<service>``: the class named after the service (``S3``,
    ``MediaConvert``, ``CognitoIdentityProvider``), which extends ``<Service>Client`` with one method per command
    (aws/aws-sdk-js-v3 README, "Aggregated clients/commands": "1:1 with v2's style"; corpus_heldout3, vod). Its commands,
    exceptions and other exports have other names."""
    return name.lower() == package[len("@aws-sdk/client-"):].replace("-", "").lower()


def nodejs_sdk_client(m: js.JsModule, node: Node) -> str | None:
    """The class name when ``node`` creates an AWS SDK client (v3 ``new XClient``, v2 ``new AWS.X``)."""
    target = node.child_by_field_name("constructor" if node.type == "new_expression" else "function")
    found = m.imported(target)
    if found is None:
        return None
    package, member = found
    last = member.rsplit(".", 1)[-1]
    if node.type == "new_expression":
        if package.startswith("@aws-sdk/client-") and (last.endswith("Client") or _nodejs_aggregated(package, last)):
            return last
        if package == "aws-sdk" and member not in ("*", "default") and last not in _NODEJS_V2_NOT_CLIENTS \
                and member.split(".")[0] not in _NODEJS_V2_NOT_CLIENTS \
                and ("." not in member or last in _NODEJS_V2_NESTED_CLIENTS) \
                and last[:1].isupper() and not last.endswith(("Credentials", "Signer")):
            return member
        if package.startswith("aws-sdk/clients/") and member in ("*", "default"):
            return package.rsplit("/", 1)[-1]
    elif package == "@aws-sdk/lib-dynamodb" and member in ("DynamoDBDocumentClient.from", "DynamoDBDocument.from"):
        return member.split(".")[0]
    return None


def nodejs_created_once(m: js.JsModule, node: Node) -> bool:
    """``client ??= new X()`` or ``if (!client) client = new X()`` on a module variable: created once."""
    parent = node.parent
    while parent is not None and parent.type in ("parenthesized_expression", "await_expression", "as_expression"):
        parent = parent.parent
    if parent is None or parent.type not in ("assignment_expression", "augmented_assignment_expression"):
        return False
    left = parent.child_by_field_name("left")
    if left is not None and left.type == "member_expression" and \
            m.text(left.child_by_field_name("object")).replace(" ", "") in ("exports", "module.exports"):
        # if (!exports.firehose) exports.firehose = new AWS.Firehose(): a property of the module, set once
        return js.guarded_write(m, parent, m.text(left).replace(" ", ""))
    binding = m.module_binding(left) if left is not None and left.type == "identifier" else None
    return binding is not None and js.guarded_write(m, parent, binding.name)


def _nodejs_memoized(m: js.JsModule, node: Node) -> bool:
    """``if (clients.has(region)) return clients.get(region);`` before ``new XClient(...)`` in a function that
    stores into that module Map or object (``clients.set(region, c)``, ``clients[region] = c``): one client per key,
    built once and shared (heldout3: distributed-load-testing-on-aws, a DevOps Agent client per Region)."""
    fn = m.innermost_function(node)
    if fn is None:
        return False
    stores: set[str] = set()
    for write in walk(fn):
        target = None
        if write.type == "call_expression":
            function = write.child_by_field_name("function")
            if function is not None and function.type == "member_expression" and \
                    m.text(function.child_by_field_name("property")) == "set":
                target = function.child_by_field_name("object")
        elif write.type == "assignment_expression":
            left = write.child_by_field_name("left")
            if left is not None and left.type == "subscript_expression":
                target = left.child_by_field_name("object")
        if target is not None and target.type == "identifier" and m.module_binding(target) is not None:
            stores.add(m.text(target))
    return any(js.guarded_write(m, node, name) for name in stores)


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


def _nodejs_request_endpoint(m: js.JsModule, node: Node) -> bool:
    """``new ApiGatewayManagementApiClient({ endpoint: `https://${domain}/${stage}` })`` with the endpoint (or
    Region) taken from the request or the function's own values: it cannot move to module scope as it is; one
    client per endpoint can."""
    args = node.child_by_field_name("arguments")
    if args is None:
        return False
    around = m.functions_around(node)
    parts: list[Node] = [args]   # ``new X(props)`` with ``const props = {...}`` just above: read the object too
    for ident in args.named_children:
        if ident.type == "identifier" and around:
            for d in walk(around[0]):
                value = d.child_by_field_name("value") if d.type == "variable_declarator" else None
                if value is not None and m.text(d.child_by_field_name("name")) == m.text(ident) and \
                        d.start_byte < node.start_byte:
                    parts.append(value)
    if not any(re.search(r"(?i)\b(endpoint|region)\b", m.text(p)) for p in parts):
        return False
    if any(m.is_tainted(p) for p in parts):
        return True
    for part in parts:
        for n in walk(part):
            if n.type not in ("identifier", "shorthand_property_identifier") or n.parent is None:
                continue
            if n.parent.id == args.id and len(parts) > 1:
                continue   # the props object's own name: what counts is what it holds (read above)
            if any(m.text(n) in m.locals.get(fn.id, ()) for fn in around) and \
                    not _nodejs_constant_local(m, around[0], m.text(n)):
                return True
    return False


_ENV_ATOM = r"""process\.env(?:\.\w+|\[\s*['"`]\w+['"`]\s*\])|'[^']*'|"[^"]*"|\d+"""
_ENV_OR_LITERAL = re.compile(rf"^(?:{_ENV_ATOM})(?:\s*(?:\|\||\?\?)\s*(?:{_ENV_ATOM}))*$")


def _nodejs_constant_local(m: js.JsModule, function: Node, name: str) -> bool:
    """``const region = process.env.REGION || 'us-east-1'`` in the handler: every declaration of ``name`` in the
    function takes the environment or a literal, the same for every invocation (heldout2: aws-cdk-examples
    trigger-build.js), so a client built with it is not one per endpoint the request names."""
    values = [d.child_by_field_name("value") for d in walk(function)
              if d.type == "variable_declarator" and m.text(d.child_by_field_name("name")) == name]
    assigned = any(a.type in ("assignment_expression", "augmented_assignment_expression") and
                   m.text(a.child_by_field_name("left")) == name for a in walk(function))
    return bool(values) and not assigned and all(v is not None and _ENV_OR_LITERAL.match(m.text(v).strip())
                                                 for v in values)


def check_nodejs(m: js.JsModule) -> list[Hit]:
    hits: list[Hit] = []
    for node in m.parsed.nodes("new_expression", "call_expression"):
        client = nodejs_sdk_client(m, node)   # (rules out almost every call before the costlier questions)
        if client is None or m.request_function(node) is None or nodejs_created_once(m, node) or \
                js.runs_once(m, node):
            continue
        if _nodejs_memoized(m, node) or _nodejs_per_request_credentials(m, node):
            continue   # memoized, or a client for this request's tenant or role: it must be built per request
        where = m.context_name(node) or "the handler"
        if _nodejs_request_endpoint(m, node):
            hits.append(hit_at(m, LMI103, node, f"`{client}` is created on every invocation of `{where}` for an "
                               "endpoint (or Region) the request names: keep one client per endpoint in a Map at "
                               "module scope and reuse it (SDK clients are safe to share), instead of one per "
                               "call."))
            continue
        fix = js_fixes.hoist_client(m, node)
        hits.append(hit_at(m, LMI103, node, f"`{client}` is created on every invocation of `{where}`: build it "
                           "once at module scope and share it (SDK clients are safe to share).", fix))
    return hits


# --- Java ------------------------------------------------------------------------------------------------
# SDK 2.x clients, and its presigners (S3Presigner, PollyPresigner: they resolve credentials and endpoints like a
# client and are meant to be built once and shared -- "Presign requests", AWS SDK for Java 2.x developer guide)
_JAVA_CLIENT = re.compile(r"^[A-Z]\w*(?:Client|AsyncClient|Presigner)$")


# SDK 1.x client builders: AmazonS3ClientBuilder, and the services named AWS... (AWSSecretsManagerClientBuilder)
_JAVA_V1_BUILDER = re.compile(r"^(?:Amazon|AWS)\w*ClientBuilder$")
# Objects that build an SDK client of their own when constructed: the AWS Secrets Manager caching client for Java
# (com.amazonaws.secretsmanager.caching.SecretCache builds a Secrets Manager client and its cache)
_JAVA_CLIENT_OWNERS = frozenset({"SecretCache"})


def java_client_creation(m: java.JavaModule, node: Node) -> str | None:
    """The client class when ``node`` creates an AWS SDK client: ``X.builder()....build()``, ``X.create()``,
    v1 ``AmazonXClientBuilder.defaultClient()`` / ``.standard()....build()``, ``new SecretCache(...)``."""
    if node.type == "object_creation_expression":
        built = m.text(node.child_by_field_name("type")).split("<")[0].rsplit(".", 1)[-1]
        return built if built in _JAVA_CLIENT_OWNERS else None
    if node.type != "method_invocation":
        return None
    name = m.text(node.child_by_field_name("name"))
    if name in ("create", "defaultClient"):
        obj = node.child_by_field_name("object")
        cls = m.text(obj) if obj is not None and obj.type == "identifier" else ""
        if (name == "create" and _JAVA_CLIENT.match(cls)) or (name == "defaultClient" and _JAVA_V1_BUILDER.match(cls)):
            return None if java.foreign_class(m, cls) else cls
        return None
    if name != "build":
        return None
    current: Node | None = node
    while current is not None and current.type == "method_invocation":
        obj = current.child_by_field_name("object")
        if obj is not None and obj.type == "identifier":
            cls = m.text(obj)
            method = m.text(current.child_by_field_name("name"))
            if (method == "builder" and _JAVA_CLIENT.match(cls)) or \
                    (method == "standard" and _JAVA_V1_BUILDER.match(cls)):
                return None if java.foreign_class(m, cls) else cls
            return None
        current = obj
    return None


def java_assigned_field(m: java.JavaModule, node: Node) -> java.FieldInfo | None:
    parent = node.parent
    if parent is not None and parent.type == "assignment_expression" and parent.child_by_field_name("right") == node:
        return m.member_ref(parent.child_by_field_name("left"))
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


def java_set_once(m: java.JavaModule, node: Node) -> bool:
    """``if (client == null) client = ...`` on a field: created once, not per invocation."""
    info = java_assigned_field(m, node)
    return info is not None and java.lazily_set(m, node, info)


def check_java(m: java.JavaModule) -> list[Hit]:
    hits: list[Hit] = []
    creations = []
    for node in m.parsed.nodes("method_invocation", "object_creation_expression"):
        client = java_client_creation(m, node)   # (rules out almost every call before the costlier questions)
        if client is None or m.request_function(node) is None or java_set_once(m, node) or \
                java.made_on_cache_miss(m, node):
            continue   # not a client, or built once (or once per key of a get-or-create cache)
        creations.append((node, client))
    for node, client in creations:
        if _java_per_request_credentials(m, node):
            continue   # a client for this request's tenant or role: it must be built per request
        if any(other != node and other.start_byte <= node.start_byte < other.end_byte for other, _ in creations):
            continue   # an HTTP client built inside another client's builder: one finding is enough
        hits.append(hit_at(m, LMI103, node, f"`{client}` is built on every invocation of `{m.context_name(node)}`: "
                           "SDK clients are thread-safe, so build it once in a static final field (or the "
                           "constructor) and share it.", java_fixes.hoist_client(m, node, client)))
    return hits


# --- .NET (C#) -------------------------------------------------------------------------------------------
DOTNET_CLIENT = re.compile(r"^Amazon\w*Client$")


def dotnet_assigned_member(m: cs.CsModule, node: Node) -> cs.Member | None:
    parent = node.parent
    if parent is not None and parent.type == "assignment_expression" and parent.child_by_field_name("right") == node:
        return m.member_ref(parent.child_by_field_name("left"))
    return None


def _dotnet_per_request_credentials(m: cs.CsModule, node: Node) -> bool:
    """``new AmazonS3Client(tenantCredentials, region)`` with credentials made in the function (from an
    AssumeRole for the tenant the request names): per request by design."""
    args = node.child_by_field_name("arguments") or next(
        (c for c in node.named_children if c.type == "argument_list"), None)   # a target-typed new(...)
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


def dotnet_set_once(m: cs.CsModule, node: Node) -> bool:
    """``if (client == null) client = ...`` (or ``??=``) on a member: created once, not per invocation."""
    member = dotnet_assigned_member(m, node)
    return member is not None and node.parent is not None and cs.lazily_set(m, node.parent, member.name)


def check_dotnet(m: cs.CsModule) -> list[Hit]:
    hits: list[Hit] = []
    for node in m.parsed.nodes(*cs.CREATIONS):   # new AmazonS3Client(), and AmazonS3Client s3 = new()
        type_name = cs.created_type(m, node).rsplit(".", 1)[-1]
        if not DOTNET_CLIENT.match(type_name) or m.request_function(node) is None or dotnet_set_once(m, node):
            continue   # (the class name rules out almost every creation before the costlier questions)
        if _dotnet_per_request_credentials(m, node):
            continue   # a client for this request's tenant or role: it must be built per request
        args = node.child_by_field_name("arguments") or next(
            (c for c in node.named_children if c.type == "argument_list"), None)
        if args is not None and re.search(r"ServiceURL|RegionEndpoint|Region\b", m.text(args)) and m.is_tainted(args):
            # new AmazonApiGatewayManagementApiClient(new ...Config { ServiceURL = "https://" + domain + ... }) with
            # the endpoint from the request: a static readonly field cannot hold it as is; one per endpoint can
            hits.append(hit_at(m, LMI103, node, f"`{type_name}` is created on every invocation of "
                               f"`{m.context_name(node)}` for an endpoint (or Region) the request names: keep one "
                               "client per endpoint in a static ConcurrentDictionary and reuse it (SDK clients are "
                               "thread-safe), instead of one per invocation."))
            continue
        hits.append(hit_at(m, LMI103, node, f"`{type_name}` is created on every invocation of "
                           f"`{m.context_name(node)}`: SDK clients are thread-safe, so keep one in a static "
                           "readonly field.",
                           csharp_fixes.hoist_client(m, node, type_name)))
    return hits


RULE = Rule(
    INFO,
    checks={"nodejs": check_nodejs, "java": check_java, "dotnet": check_dotnet},
    elsewhere={
        "python": "workbench.readiness.python.facts.extractor:extract",
    },
    fixes={
        "nodejs": ("workbench.readiness.js_fixes:hoist_client",),
        "java": ("workbench.readiness.java_fixes:hoist_client",),
        "dotnet": ("workbench.readiness.csharp_fixes:hoist_client",),
        "python": ("workbench.readiness.python.fixes.build:build_fix",),
    },
)
