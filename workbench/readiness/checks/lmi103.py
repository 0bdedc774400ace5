"""LMI103: AWS SDK client created per invocation.

Checks here: Node.js (JavaScript, TypeScript), Java, .NET (C#). python: found by
``workbench.readiness.python.facts.extractor:extract``.
"""

from __future__ import annotations

import re
from typing import cast

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
    ancestors,
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
    """``client ??= new X()`` or ``if (!client) client = new X()`` on a module variable: created once. The client
    may be wrapped before it is stored (``cached = tracer.captureAWSv3Client(new S3Client())``, heldout14), and the
    variable may be a property of a module object (``if (!cache.kms) cache.kms = new KMSClient()``)."""
    parent = node.parent
    wraps = 0
    while parent is not None and (parent.type in ("parenthesized_expression", "await_expression", "as_expression")
                                  or (wraps < 2 and parent.type == "arguments" and parent.parent is not None
                                      and parent.parent.type == "call_expression")):
        if parent.type == "arguments" and parent.parent is not None:
            wraps += 1
            parent = parent.parent   # the wrapping call: its result is what is stored
        parent = parent.parent
    if parent is None or parent.type not in ("assignment_expression", "augmented_assignment_expression"):
        return False
    left = parent.child_by_field_name("left")
    if left is not None and left.type == "member_expression" and \
            m.text(left.child_by_field_name("object")).replace(" ", "") in ("exports", "module.exports"):
        # if (!exports.firehose) exports.firehose = new AWS.Firehose(): a property of the module, set once
        return js.guarded_write(m, parent, m.text(left).replace(" ", ""))
    if left is not None and left.type == "member_expression" and _module_root(m, left):
        return js.guarded_write(m, parent, m.text(left).replace(" ", ""))
    binding = m.module_binding(left) if left is not None and left.type == "identifier" else None
    return binding is not None and js.guarded_write(m, parent, binding.name)


def _module_root(m: js.JsModule, left: Node) -> bool:
    """Whether a member chain (``cache.kms``, ``S3Service.instance``) hangs off a module-level binding."""
    root: Node | None = left
    while root is not None and root.type == "member_expression":
        root = root.child_by_field_name("object")
    return root is not None and root.type == "identifier" and m.module_binding(root) is not None


def _nodejs_fills_module_cache(m: js.JsModule, node: Node) -> bool:
    """The client is built on a branch taken only while a module variable is unset, and that branch (or a callback
    it starts) fills the variable: ``if (hookUrl) {...} else { const kms = new AWS.KMS(); kms.decrypt(..., (e, d)
    => { hookUrl = ... }) }`` (Lambda blueprints, corpus_heldout7): the client serves the lazy initialisation, once
    per worker (again only after a failed attempt)."""
    stop = m.request_function(node)
    child = node
    for anc in ancestors(node):
        if anc == stop or anc.parent is None:
            break
        if anc.type == "if_statement" and child.type != "parenthesized_expression":
            filled = {m.text(w.child_by_field_name("left")).replace(" ", "") for w in walk(child)
                      if w.type in ("assignment_expression", "augmented_assignment_expression")
                      and (left := w.child_by_field_name("left")) is not None
                      and ((left.type == "identifier" and m.module_binding(left) is not None)
                           or (left.type == "member_expression" and _module_root(m, left)))}
            if any(js.guarded_write(m, node, name) for name in filled):
                return True
        child = anc
    return False


def _nodejs_singleton_constructor(m: js.JsModule, node: Node) -> bool:
    """The client is built in the constructor of a class whose every ``new`` in the module is stored once in a
    module-level or static field while it is unset (``static getInstance() { if (!S3Service.instance)
    S3Service.instance = new S3Service(); ... }``, heldout14 performance-dashboard): one client per worker."""
    method = next((fn for fn in m.functions_around(node) if fn.type == "method_definition"), None)
    if method is None or m.text(method.child_by_field_name("name")) != "constructor":
        return False
    cls = next((a for a in ancestors(method) if a.type in ("class_declaration", "class")), None)
    name = cls.child_by_field_name("name") if cls is not None else None
    if cls is None or name is None:
        return False
    if not any(c.type == "accessibility_modifier" and m.text(c) in ("private", "protected") for c in method.children) \
            and _exported_class(m, cls, m.text(name)):
        return False   # other modules may construct it too: only a private constructor is this file's alone
    built = [n for n in m.parsed.nodes("new_expression")
             if m.text(n.child_by_field_name("constructor")) == m.text(name)]
    return bool(built) and all(nodejs_created_once(m, n) for n in built)


def _exported_class(m: js.JsModule, cls: Node, name: str) -> bool:
    return name in m.exports or (cls.parent is not None and cls.parent.type == "export_statement") or \
        bool(re.search(rf"\bexport\s+default\s+{re.escape(name)}\b|\bexports\.\w+\s*=\s*{re.escape(name)}\b|"
                       rf"\bmodule\.exports\s*=\s*{re.escape(name)}\b", m.parsed.text))


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
                js.runs_once(m, node) or _nodejs_fills_module_cache(m, node) or \
                _nodejs_singleton_constructor(m, node):
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
# SDK 1.x clients made with their public constructor (``new AmazonS3Client()``, ``new AWSLambdaClient()``): deprecated
# but still common (AWS SDK for Java 1.x API reference, ``AmazonS3Client()``: "Deprecated. use
# AmazonS3ClientBuilder.defaultClient()"), and each one is a new client with its own connection pool
_JAVA_V1_CLIENT = re.compile(r"^(?:Amazon|AWS)\w*Client$")


def java_client_creation(m: java.JavaModule, node: Node) -> str | None:
    """The client class when ``node`` creates an AWS SDK client: ``X.builder()....build()``, ``X.create()``,
    v1 ``AmazonXClientBuilder.defaultClient()`` / ``.standard()....build()`` / ``new AmazonXClient(...)``,
    ``new SecretCache(...)``."""
    if node.type == "object_creation_expression":
        built = m.text(node.child_by_field_name("type")).split("<")[0].rsplit(".", 1)[-1]
        if _JAVA_V1_CLIENT.match(built) and _java_v1_sdk_class(m, m.text(node.child_by_field_name("type")), built):
            return built
        return built if built in _JAVA_CLIENT_OWNERS else None
    if node.type != "method_invocation":
        return None
    name = m.text(node.child_by_field_name("name"))
    if name == "defaultTransferManager" and _java_transfer_manager(m, node.child_by_field_name("object")):
        return "TransferManager"
    if name in ("create", "defaultClient"):
        obj = node.child_by_field_name("object")
        cls = m.text(obj) if obj is not None and obj.type == "identifier" else ""
        if (name == "create" and _JAVA_CLIENT.match(cls)) or (name == "defaultClient" and _JAVA_V1_BUILDER.match(cls)):
            return None if java.foreign_class(m, cls) else cls
        return None
    if name != "build":
        return None
    return _java_builder_chain(m, node, local=True)


# a v2 builder's type: S3ClientBuilder, S3Client.Builder (read as S3ClientBuilder)
_JAVA_V2_BUILDER = re.compile(r"^(\w+(?:Client|AsyncClient|Presigner))Builder$")


def _java_builder_chain(m: java.JavaModule, node: Node, local: bool) -> str | None:
    """The client class whose builder starts the call chain ``node`` ends: ``S3Client.builder()...``,
    ``AmazonS3ClientBuilder.standard()...``, or (``local``) a local variable declared with such a builder (SDK 1.x
    ``AmazonDynamoDBClientBuilder builder = AmazonDynamoDBClientBuilder.standard(); ... builder.build()``)."""
    current: Node | None = node
    while current is not None and current.type == "method_invocation":
        obj = current.child_by_field_name("object")
        if obj is not None and obj.type == "identifier":
            cls = m.text(obj)
            method = m.text(current.child_by_field_name("name"))
            if (method == "builder" and _JAVA_CLIENT.match(cls)) or \
                    (method == "standard" and _JAVA_V1_BUILDER.match(cls)):
                return None if java.foreign_class(m, cls) else cls
            if method == "standard" and _java_transfer_manager(m, obj):
                return "TransferManager"
            return _java_local_builder(m, obj) if local else None
        current = obj
    return None


def _java_local_builder(m: java.JavaModule, name: Node) -> str | None:
    """The client class of the builder the local variable ``name`` holds (its last declaration before it in the
    same method): by its declared type, or by the chain it is initialised with."""
    method = m.function_of(name)
    if method is None:
        return None
    found = None
    for decl in m.parsed.nodes("local_variable_declaration"):
        if not (method.start_byte <= decl.start_byte and decl.end_byte <= name.start_byte):
            continue
        for declarator in decl.named_children:
            if declarator.type == "variable_declarator" and \
                    m.text(declarator.child_by_field_name("name")) == m.text(name):
                found = (decl, declarator)
    if found is None:   # a builder kept in a field and built per request (corpus_heldout9: a GraalVM S3 sample)
        info = m.member_ref(name)
        if info is None or info.type_node is None:
            return None
        type_text, value = m.text(info.type_node), info.value
    else:
        type_text, value = m.text(found[0].child_by_field_name("type")), found[1].child_by_field_name("value")
    parts = re.sub(r"<.*>", "", type_text).strip().split(".")
    kind = parts[-2] + "Builder" if len(parts) > 1 and parts[-1] == "Builder" else parts[-1]
    v2 = _JAVA_V2_BUILDER.match(kind)
    cls = kind if _JAVA_V1_BUILDER.match(kind) else v2.group(1) if v2 is not None else None
    if cls is not None:
        return None if java.foreign_class(m, cls) else cls
    return _java_builder_chain(m, value, local=False) if value is not None else None


def _java_transfer_manager(m: java.JavaModule, obj: Node | None) -> bool:
    """``TransferManagerBuilder`` of the SDK for Java 1.x (com.amazonaws.services.s3.transfer): its ``build()`` and
    ``defaultTransferManager()`` make a TransferManager with its own AmazonS3 client and thread pool ("Construct a
    TransferManager with the default ExecutorService", AWS SDK for Java 1.x API reference, TransferManagerBuilder)."""
    if obj is None or obj.type != "identifier" or m.text(obj) != "TransferManagerBuilder":
        return False
    package = java.imported_from(m, "TransferManagerBuilder")
    wildcard = any(n.type == "import_declaration" and "com.amazonaws.services.s3.transfer" in m.text(n)
                   for n in m.parsed.root.named_children)
    return (package or "").startswith("com.amazonaws.") or (package is None and wildcard)


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


def _java_request_endpoint(m: java.JavaModule, node: Node) -> bool:
    """``AmazonKinesisVideoMediaClientBuilder.standard().withEndpointConfiguration(new EndpointConfiguration(endPoint,
    ...))`` (or v2 ``.endpointOverride(uri)``) with an endpoint that is not the same for every request (one
    ``GetDataEndpoint`` returned for the request's stream), or ``.region(Region.of(r))`` / ``.withRegion(r)`` with a
    Region the request names (a custom resource copying between the Regions its properties give): a client per
    endpoint or Region by design. Reads the chain and, for
    ``builder.build()``, what the local builder was initialised with."""
    parts = [node]
    obj = node.child_by_field_name("object") if node.type == "method_invocation" else None
    while obj is not None and obj.type == "method_invocation":
        obj = obj.child_by_field_name("object")
    if obj is not None and obj.type == "identifier" and (method := m.function_of(node)) is not None:
        parts += [value for d in walk(method) if d.type == "variable_declarator"
                  and m.text(d.child_by_field_name("name")) == m.text(obj)
                  and (value := d.child_by_field_name("value")) is not None]
    for part in parts:
        for call in walk(part):
            if call.type != "method_invocation" or \
                    m.text(call.child_by_field_name("name")) not in ("withEndpointConfiguration", "endpointOverride"):
                continue
            args = call.child_by_field_name("arguments")
            arg = args.named_children[0] if args is not None and args.named_children else None
            if arg is not None and arg.type == "object_creation_expression":
                inner = arg.child_by_field_name("arguments")
                arg = inner.named_children[0] if inner is not None and inner.named_children else None
            if arg is not None and not java.fixed_value(m, arg):
                return True
        for call in walk(part):   # .region(Region.of(sourceRegion)) / .withRegion(r) with the request's Region
            if call.type == "method_invocation" and \
                    m.text(call.child_by_field_name("name")) in ("region", "withRegion") and \
                    (args := call.child_by_field_name("arguments")) is not None and \
                    any(m.is_tainted(a) for a in args.named_children):
                return True
    return False


def java_set_once(m: java.JavaModule, node: Node) -> bool:
    """``if (client == null) client = ...`` on a field: created once, not per invocation; or the shared client
    replaced inside a ``catch`` (``catch (IllegalStateException e) { this.apiClient = ...build(); }``): rebuilt only
    when an invocation found it broken, not on every invocation (LMI201 reports the unsynchronised write)."""
    info = java_assigned_field(m, node)
    return info is not None and (java.lazily_set(m, node, info) or _java_in_catch(m, node))


def _java_in_catch(m: java.JavaModule, node: Node) -> bool:
    fn = m.function_of(node)
    current = node.parent
    while current is not None and (fn is None or current.id != fn.id):
        if current.type == "catch_clause":
            return True
        current = current.parent
    return False


def _java_initialiser_ctor(m: java.JavaModule, node: Node) -> Node | None:
    """For a client built in an instance field's initialiser (``AmazonCloudWatchAsync cwa = ...defaultClient();``):
    a constructor of its class, which runs the initialiser for every object (JLS 12.5). Only when describing files
    for the project model, which knows whether the class is built per request (``new Metrics(..)`` in the handler)
    or once (in a static field); never for a handler class (Lambda builds the handler object once)."""
    if not m.extract or m.function_of(node) is not None:
        return None
    decl = node.parent
    while decl is not None and decl.type not in ("field_declaration", "class_body"):
        decl = decl.parent
    cls = m.class_of(node)
    if decl is None or decl.type != "field_declaration" or "static" in java.modifiers(decl) or cls is None or \
            cls.id in m.handler_classes:
        return None
    body = cls.child_by_field_name("body")
    ctor = next((c for c in (body.named_children if body is not None else [])
                 if c.type == "constructor_declaration"), None)
    return ctor.child_by_field_name("body") if ctor is not None else None   # (a node inside it: its function)


def check_java(m: java.JavaModule) -> list[Hit]:
    hits: list[Hit] = []
    creations = []
    ctors: dict[int, Node] = {}   # a client in an instance field's initialiser -> the constructor body that runs it
    for node in m.parsed.nodes("method_invocation", "object_creation_expression"):
        client = java_client_creation(m, node)   # (rules out almost every call before the costlier questions)
        if client is None:
            continue
        ctor = _java_initialiser_ctor(m, node)
        if ctor is not None:
            ctors[node.id] = ctor
        if m.request_function(ctor or node) is None or java_set_once(m, node) or java.made_on_cache_miss(m, node):
            continue   # not a client, or built once (or once per key of a get-or-create cache)
        creations.append((node, client))
    for node, client in creations:
        if _java_per_request_credentials(m, node):
            continue   # a client for this request's tenant or role: it must be built per request
        if _java_request_endpoint(m, node):
            continue   # a client for the endpoint this request was given: one per endpoint by design
        if any(other != node and other.start_byte <= node.start_byte < other.end_byte for other, _ in creations):
            continue   # an HTTP client built inside another client's builder: one finding is enough
        hits.append(hit_at(m, LMI103, node, f"`{client}` is built on every invocation of `{m.context_name(node)}`: "
                           "SDK clients are thread-safe, so build it once in a static final field (or the "
                           "constructor) and share it.", java_fixes.hoist_client(m, node, client),
                           at=ctors.get(node.id)))
    return hits


def _java_v1_sdk_class(m: java.JavaModule, written: str, simple: str) -> bool:
    """Whether the class ``new`` names comes from the SDK 1.x service packages (``com.amazonaws.services.*``):
    written qualified, imported by name or with a wildcard from there. A project's own ``AWSMetricClient`` (same
    package, no import) or another library's ``AmazonWidgetClient`` is not an SDK client."""
    if written.startswith("com.amazonaws.services."):
        return True
    package = java.imported_from(m, simple)
    if package is not None:
        return package.startswith("com.amazonaws.services.")
    return re.search(r"^\s*import\s+com\.amazonaws\.services\.[\w.]+\.\*\s*;", m.parsed.text, re.M) is not None


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
        fn = m.function_of(node)
        registration = cast("dict[int, str]", m.memo.get("registrations", {})).get(fn.id if fn is not None else 0)
        if registration is not None:   # services.AddScoped(_ => new AmazonXClient(...)) in an app Lambda hosts
            hits.append(hit_at(m, LMI103, node, f"`{type_name}` is registered with `{registration}`: ASP.NET Core "
                               "builds it again for every request, and each invocation is one request. SDK clients "
                               "are thread-safe: register it with AddSingleton (or AddAWSService) instead."))
            continue
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
