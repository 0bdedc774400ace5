"""What invokes the old function today, and which ways of shifting its traffic AWS supports for that.

:func:`discover_sources` only reads (ListEventSourceMappings, GetPolicy, ListAliases, and for API Gateway
principals GetRestApi / GetResources / GetStages, or the v2 GetApi): it never changes the account.
:func:`mechanism_options` is pure: it says, for the sources found, which shift mechanisms apply and why not when
they don't — weighted alias routing between an LMI version and a non-LMI version is not offered, because newer
AWS guidance says it is not supported; API Gateway HTTP APIs have no canary releases; an event source mapping
moves all of its records at once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from workbench.aws.errors import AwsProblem, ProblemKind
from workbench.models.cutover import CutoverSource, ShiftMechanism

if TYPE_CHECKING:
    from workbench.aws.session import AwsSession

SourceKind = Literal["api-gateway-rest", "event-source-mapping", "direct-alias", "other"]

_FUNCTION_ARN = re.compile(r"^arn:(?P<partition>aws[a-z-]*):lambda:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):"
                           r"function:(?P<name>[A-Za-z0-9_-]+)(?::(?P<qualifier>[A-Za-z0-9$_-]+))?$")
_EXECUTE_API = re.compile(r"^arn:aws[a-z-]*:execute-api:[a-z0-9-]+:\d{12}:(?P<api>[a-z0-9]+)/(?P<stage>[^/]+)")
_INTEGRATION_FUNCTION = re.compile(r"/functions/(?P<target>.+?)/invocations")
_STAGE_VARIABLE = re.compile(r"\$\{stageVariables\.(?P<name>[A-Za-z0-9_]+)\}")

_PRINCIPAL_WORDS = {
    "events.amazonaws.com": "EventBridge rule",
    "s3.amazonaws.com": "S3 bucket notification",
    "sns.amazonaws.com": "SNS subscription",
    "elasticloadbalancing.amazonaws.com": "Application Load Balancer target group",
    "logs.amazonaws.com": "CloudWatch Logs subscription",
    "iot.amazonaws.com": "IoT rule",
    "scheduler.amazonaws.com": "EventBridge Scheduler schedule",
    "cognito-idp.amazonaws.com": "Cognito trigger",
    "lambda.amazonaws.com": "Lambda (e.g. a function URL or another service)",
}


@dataclass(frozen=True)
class InvocationSource:
    """One thing that invokes the old function today.

    ``api-gateway-rest``: ``rest_api_id`` and ``stage``; ``stage_variable`` when the integration URI reads the
    function from a stage variable (``stage_variable_value`` is its value today). ``event-source-mapping``:
    ``esm_uuids`` (with ``esm_function_arns``, what each invokes today) and ``event_source_arn``.
    ``direct-alias``: ``alias_name`` and ``alias_version``. ``other``: ``principal`` and ``source_arn`` from the
    function's resource policy (an API Gateway HTTP API is ``other`` with ``api_kind`` "http").
    """

    kind: SourceKind
    description: str
    rest_api_id: str | None = None
    stage: str | None = None
    stage_variable: str | None = None
    stage_variable_value: str | None = None
    integration_uri: str | None = None
    api_kind: Literal["rest", "http"] | None = None
    esm_uuids: tuple[str, ...] = ()
    esm_function_arns: tuple[str, ...] = ()
    event_source_arn: str | None = None
    alias_name: str | None = None
    alias_version: str | None = None
    alias_weights: tuple[tuple[str, float], ...] = ()
    principal: str | None = None
    source_arn: str | None = None


@dataclass(frozen=True)
class MechanismOption:
    """A way to shift traffic for the sources found; ``why`` says in plain words why (or why not)."""

    mechanism: ShiftMechanism
    supported: bool
    why: str
    supports_partial: bool


# --- parsing ---------------------------------------------------------------------------------------------------

def parse_function_arn(arn: str) -> dict[str, str | None] | None:
    """The parts of a Lambda function ARN (partition, region, account, name, qualifier), or None."""
    match = _FUNCTION_ARN.match(arn or "")
    return match.groupdict() if match else None


def names_function(reference: str, function_name: str) -> bool:
    """True when ``reference`` (a name, ``name:qualifier`` or an ARN) names ``function_name``."""
    parts = parse_function_arn(reference)
    if parts is not None:
        return parts["name"] == function_name
    return reference.split(":", 1)[0] == function_name


def integration_target(uri: str) -> str | None:
    """The function part of a Lambda integration URI (an ARN, or an ARN with ``${stageVariables.x}``)."""
    match = _INTEGRATION_FUNCTION.search(uri or "")
    return match.group("target") if match else None


def is_lmi_configuration(configuration: dict[str, Any]) -> bool:
    """True when a GetFunctionConfiguration answer shows the function on a capacity provider."""
    provider = (configuration.get("CapacityProviderConfig") or {})
    return bool((provider.get("LambdaManagedInstancesCapacityProviderConfig") or {}).get("CapacityProviderArn"))


def function_is_lmi(session: "AwsSession", function_name: str, qualifier: str | None = None, *,
                    region: str | None = None) -> bool:
    """Read-only: does this function (version/alias) run on a capacity provider? (GetFunctionConfiguration)"""
    params: dict[str, Any] = {"FunctionName": function_name}
    if qualifier:
        params["Qualifier"] = qualifier
    return is_lmi_configuration(session.call("lambda", "GetFunctionConfiguration", region=region, **params))


def _policy_statements(session: "AwsSession", function_name: str, qualifier: str | None,
                       region: str | None) -> list[dict[str, Any]]:
    params: dict[str, Any] = {"FunctionName": function_name}
    if qualifier:
        params["Qualifier"] = qualifier
    try:
        answer = session.call("lambda", "GetPolicy", region=region, **params)
    except AwsProblem as problem:
        if problem.kind is ProblemKind.NOT_FOUND:  # no resource policy at all
            return []
        raise
    try:
        return list(json.loads(answer.get("Policy") or "{}").get("Statement") or [])
    except (TypeError, ValueError):
        return []


def _principal(statement: dict[str, Any]) -> str:
    principal = statement.get("Principal")
    if isinstance(principal, dict):
        value = principal.get("Service") or principal.get("AWS") or ""
        return value[0] if isinstance(value, list) and value else str(value)
    return str(principal or "")


def _source_arn(statement: dict[str, Any]) -> str | None:
    for test in (statement.get("Condition") or {}).values():
        if isinstance(test, dict):
            for key, value in test.items():
                if key.lower() == "aws:sourcearn":
                    return value[0] if isinstance(value, list) else str(value)
    return None


# --- discovery -------------------------------------------------------------------------------------------------

def _event_source_mappings(session: "AwsSession", function_name: str, qualifier: str | None,
                           region: str | None) -> list[InvocationSource]:
    seen: dict[str, dict[str, Any]] = {}
    names = [function_name] + ([f"{function_name}:{qualifier}"] if qualifier else [])
    for name in names:
        for page in session.pages("lambda", "ListEventSourceMappings", region=region, FunctionName=name):
            for mapping in page.get("EventSourceMappings") or ():
                # AWS filters by FunctionName already; checking the ARN as well keeps other functions out.
                if names_function(mapping.get("FunctionArn", ""), function_name):
                    seen.setdefault(mapping["UUID"], mapping)
    sources = []
    for uuid, mapping in seen.items():
        arn = mapping.get("EventSourceArn") or mapping.get("SelfManagedEventSource", {}).get("Endpoints", "")
        target = mapping.get("FunctionArn", "")
        parts = parse_function_arn(target) or {}
        shown = f"{parts.get('name')}:{parts['qualifier']}" if parts.get("qualifier") else \
            f"{function_name} (unqualified)"
        state = mapping.get("State") or "unknown state"
        sources.append(InvocationSource(
            kind="event-source-mapping", esm_uuids=(uuid,), esm_function_arns=(target,),
            event_source_arn=str(arn) if arn else None,
            description=f"Event source mapping {uuid} from {arn or 'a self-managed source'} → {shown} ({state})"))
    return sources


def _rest_api_sources(session: "AwsSession", api_id: str, stage_filter: str | None, function_name: str,
                      source_arn: str | None, region: str | None) -> list[InvocationSource]:
    try:
        session.call("apigateway", "GetRestApi", region=region, restApiId=api_id)
    except AwsProblem as problem:
        if problem.kind is not ProblemKind.NOT_FOUND:
            raise
        try:
            api = session.call("apigatewayv2", "GetApi", region=region, ApiId=api_id)
        except AwsProblem as second:
            if second.kind is not ProblemKind.NOT_FOUND:
                raise
            return [InvocationSource(kind="other", principal="apigateway.amazonaws.com", source_arn=source_arn,
                                     description=f"API Gateway API {api_id} is allowed to invoke the function "
                                                 "but no longer exists (a permission left behind)")]
        protocol = api.get("ProtocolType", "HTTP")
        return [InvocationSource(kind="other", api_kind="http", principal="apigateway.amazonaws.com",
                                 source_arn=source_arn, rest_api_id=None,
                                 description=f"API Gateway {protocol} API {api.get('Name', api_id)} ({api_id}): "
                                             "HTTP and WebSocket APIs have no canary releases; shift with a router "
                                             "or switch the integration at once")]
    uris: list[str] = []
    for page in session.pages("apigateway", "GetResources", region=region, restApiId=api_id, embed=["methods"]):
        for resource in page.get("items") or ():
            for method in (resource.get("resourceMethods") or {}).values():
                uri = (method.get("methodIntegration") or {}).get("uri")
                if uri and integration_target(uri):
                    uris.append(uri)
    stages = session.call("apigateway", "GetStages", region=region, restApiId=api_id).get("item") or []
    sources = []
    for stage in stages:
        name = stage.get("stageName")
        if stage_filter not in (None, "*") and name != stage_filter:
            continue
        variables = stage.get("variables") or {}
        for uri in uris:
            target = integration_target(uri) or ""
            variable = _STAGE_VARIABLE.search(target)
            if variable:
                value = variables.get(variable.group("name"))
                resolved = target.replace(variable.group(0), value) if value else ""
                if value and (names_function(resolved, function_name) or names_function(value, function_name)):
                    sources.append(InvocationSource(
                        kind="api-gateway-rest", api_kind="rest", rest_api_id=api_id, stage=name,
                        stage_variable=variable.group("name"), stage_variable_value=value, integration_uri=uri,
                        source_arn=source_arn,
                        description=f"REST API {api_id}, stage {name}: the integration reads the function from "
                                    f"stage variable {variable.group('name')} (= {value})"))
                    break
            elif names_function(target, function_name):
                sources.append(InvocationSource(
                    kind="api-gateway-rest", api_kind="rest", rest_api_id=api_id, stage=name, integration_uri=uri,
                    source_arn=source_arn,
                    description=f"REST API {api_id}, stage {name}: the integration names the function directly"))
                break
    return sources


def _aliases(session: "AwsSession", function_name: str, qualifier: str | None,
             region: str | None) -> list[InvocationSource]:
    sources = []
    for page in session.pages("lambda", "ListAliases", region=region, FunctionName=function_name):
        for alias in page.get("Aliases") or ():
            weights = tuple(sorted(((alias.get("RoutingConfig") or {}).get("AdditionalVersionWeights") or {})
                                   .items()))
            split = "".join(f", {w:.0%} to version {v}" for v, w in weights)
            mark = " (the qualifier in use)" if qualifier and alias.get("Name") == qualifier else ""
            sources.append(InvocationSource(
                kind="direct-alias", alias_name=alias.get("Name"), alias_version=alias.get("FunctionVersion"),
                alias_weights=weights,
                description=f"Alias {alias.get('Name')} → version {alias.get('FunctionVersion')}{split}{mark}: "
                            "callers that invoke it by name"))
    if qualifier:
        sources.sort(key=lambda s: s.alias_name != qualifier)
    return sources


def discover_sources(session: "AwsSession", function_name: str, qualifier: str | None = None, *,
                     region: str | None = None) -> list[InvocationSource]:
    """Everything that invokes ``function_name`` (optionally ``:qualifier``) today. Read-only.

    Event source mappings come first, then API Gateway and other principals from the resource policy, then
    the aliases. AwsProblem when a call fails (a missing resource policy is not a failure).
    """
    sources = _event_source_mappings(session, function_name, qualifier, region)
    statements = _policy_statements(session, function_name, None, region)
    if qualifier:
        statements += _policy_statements(session, function_name, qualifier, region)
    seen_apis: set[tuple[str, str]] = set()
    for statement in statements:
        if statement.get("Effect", "Allow") != "Allow":
            continue
        principal = _principal(statement)
        source_arn = _source_arn(statement)
        if principal == "apigateway.amazonaws.com":
            match = _EXECUTE_API.match(source_arn or "")
            if match is None:
                sources.append(InvocationSource(
                    kind="other", principal=principal, source_arn=source_arn,
                    description="Any API Gateway API may invoke the function (no source ARN in the permission)"))
                continue
            key = (match.group("api"), match.group("stage"))
            if key in seen_apis:
                continue
            seen_apis.add(key)
            sources += _rest_api_sources(session, match.group("api"), match.group("stage"), function_name,
                                         source_arn, region)
            continue
        what = _PRINCIPAL_WORDS.get(principal, principal or "an unnamed principal")
        sources.append(InvocationSource(kind="other", principal=principal, source_arn=source_arn,
                                        description=f"{what}{' ' + source_arn if source_arn else ''} may invoke "
                                                    "the function: point it at the LMI alias yourself"))
    sources += _aliases(session, function_name, qualifier, region)
    return sources


def invoke_permission_missing(session: "AwsSession", function_name: str, qualifier: str | None, *,
                              principal: str, source_arn: str | None = None, region: str | None = None) -> bool:
    """Read-only: True when the function (alias) has no statement letting ``principal`` invoke it."""
    for statement in _policy_statements(session, function_name, qualifier, region):
        if statement.get("Effect", "Allow") == "Allow" and _principal(statement) == principal:
            allowed = _source_arn(statement)
            if allowed is None or source_arn is None or _arn_like(allowed, source_arn):
                return False
    return True


def _arn_like(pattern: str, value: str) -> bool:
    regex = "^" + re.escape(pattern).replace(r"\*", ".*").replace(r"\?", ".") + "$"
    return re.match(regex, value) is not None


# --- the mechanisms --------------------------------------------------------------------------------------------

def _esm_why(count: int) -> str:
    if count == 1:
        return ("One event source mapping: switching it (UpdateEventSourceMapping, FunctionName → the LMI alias) "
                "moves all of its records at once, so the first step is already 100% of this source. Plan a single "
                "100% step, or split the source (several queues or streams), or add a second mapping for the LMI "
                "alias on the same SQS queue and cap both with MaximumConcurrency (approximate; set it up yourself). "
                "Rollback switches the mapping back.")
    return (f"{count} event source mappings: each switch moves all of one mapping's records, so a step switches a "
            f"share of the mappings (e.g. 10% of {count} → at least 1), not an exact traffic percentage. Rollback "
            "switches the switched mappings back.")


def mechanism_options(sources: list[InvocationSource], *, old_is_lmi: bool, new_is_lmi: bool = True,
                      same_function: bool | None = None) -> list[MechanismOption]:
    """The shift mechanisms for these sources, preferred first; unsupported ones say why.

    ``same_function``: whether the LMI version is a version of the old function itself (alias weights can only
    split between versions of one function); None when not known.
    """
    options: list[MechanismOption] = []
    rest = [s for s in sources if s.kind == "api-gateway-rest"]
    http = [s for s in sources if s.kind == "other" and s.api_kind == "http"]
    esm = [s for s in sources if s.kind == "event-source-mapping"]
    aliases = [s for s in sources if s.kind == "direct-alias"]
    others = [s for s in sources if s.kind == "other" and s.api_kind != "http"]

    if rest:
        usable = [s for s in rest if s.stage_variable]
        if usable:
            stages = ", ".join(f"{s.rest_api_id}/{s.stage}" for s in usable)
            options.append(MechanismOption(
                ShiftMechanism.API_GATEWAY_CANARY, True,
                f"REST API canary on {stages}: the first step creates a canary deployment whose stage variable "
                f"{usable[0].stage_variable} points at the LMI alias, each step sets canarySettings.percentTraffic, "
                "100% points the stage variable at the LMI alias and removes the canary; rollback removes the "
                "canary (or restores the variable after 100%).", True))
        else:
            options.append(MechanismOption(
                ShiftMechanism.API_GATEWAY_CANARY, False,
                "The REST API's integration names the function directly, so a canary would need a change to the "
                "API itself. Put the function name in a stage variable (${stageVariables.fn}) in your "
                "infrastructure code and deploy once; then the canary can point that variable at the LMI alias.",
                True))
    elif http:
        options.append(MechanismOption(
            ShiftMechanism.API_GATEWAY_CANARY, False,
            "API Gateway HTTP APIs have no canary releases (only REST APIs do): shift with a router, or switch "
            "the integration to the LMI alias in one go.", False))
    if esm:
        count = sum(len(s.esm_uuids) for s in esm)
        options.append(MechanismOption(ShiftMechanism.EVENT_SOURCE_MAPPING, True, _esm_why(count), count > 1))
    if aliases:
        if old_is_lmi != new_is_lmi:
            options.append(MechanismOption(
                ShiftMechanism.WEIGHTED_ALIAS, False,
                "Not offered: newer AWS guidance says weighted alias routing between an LMI version and a non-LMI "
                "version is not supported. Shift at the invocation source (API Gateway canary, event source "
                "mappings) or with a router.", False))
        elif same_function is False:
            options.append(MechanismOption(
                ShiftMechanism.WEIGHTED_ALIAS, False,
                "Alias weights split traffic between versions of one function, and the LMI version is on another "
                "function.", False))
        else:
            kind = "LMI" if new_is_lmi else "standard"
            options.append(MechanismOption(
                ShiftMechanism.WEIGHTED_ALIAS, True,
                f"Both versions are {kind} versions, so the alias {aliases[0].alias_name} can weight them "
                "(UpdateAlias RoutingConfig.AdditionalVersionWeights); 100% moves the alias to the new version.",
                True))
    router_why = ("Your own router (a feature flag, a proxy function, a Step Functions choice) splits the traffic; "
                  "the workbench makes no AWS calls and records each decision the team takes.")
    if others:
        router_why += " Also shift: " + "; ".join(s.description for s in others[:3]) + "."
    if not sources:
        router_why = "Nothing that invokes the function was found (no mappings, permissions or aliases). " + router_why
    options.append(MechanismOption(ShiftMechanism.ROUTER, True, router_why, True))
    return options


def cutover_source(mechanism: ShiftMechanism, sources: list[InvocationSource], *,
                   region: str | None = None) -> CutoverSource:
    """The CutoverSource for ``mechanism`` built from the chosen ``sources`` (what the plan acts on)."""
    if mechanism is ShiftMechanism.EVENT_SOURCE_MAPPING:
        chosen = [s for s in sources if s.kind == "event-source-mapping"]
        uuids = [u for s in chosen for u in s.esm_uuids]
        arns = {u: a for s in chosen for u, a in zip(s.esm_uuids, s.esm_function_arns) if a}
        arn_list = sorted({s.event_source_arn for s in chosen if s.event_source_arn})
        return CutoverSource(region=region, esm_uuids=uuids, esm_original_functions=arns,
                             event_source_arn=arn_list[0] if len(arn_list) == 1 else None,
                             description=f"{len(uuids)} event source mapping(s): " + ", ".join(arn_list)[:400])
    if mechanism is ShiftMechanism.API_GATEWAY_CANARY:
        rest = next((s for s in sources if s.kind == "api-gateway-rest" and s.stage_variable), None)
        if rest is None:
            rest = next((s for s in sources if s.kind == "api-gateway-rest"), None)
        if rest is None:
            return CutoverSource(region=region, description="no REST API stage found")
        return CutoverSource(region=region, rest_api_id=rest.rest_api_id, stage_name=rest.stage,
                             stage_variable=rest.stage_variable, stage_variable_original=rest.stage_variable_value,
                             api_source_arn=rest.source_arn, description=rest.description[:500])
    if mechanism is ShiftMechanism.WEIGHTED_ALIAS:
        alias = next((s for s in sources if s.kind == "direct-alias"), None)
        if alias is None:
            return CutoverSource(region=region, description="no alias found")
        version = alias.alias_version if (alias.alias_version or "").isdigit() else None
        return CutoverSource(region=region, alias_name=alias.alias_name, alias_old_version=version,
                             description=alias.description[:500])
    return CutoverSource(region=region, description="the team's own router")
