"""Planning a cutover before it starts: what invokes the old function, which shift mechanisms apply to that (and
why the others do not), and a draft plan with the session's defaults — recorded only when someone confirms it.

    defaults = setup_defaults(store, region="us-east-1")          # names and steps the session already knows
    setup = propose_setup(session, store, old_function="orders", old_qualifier="prod",
                          new_function="orders-lmi", new_alias="live", new_version="3", region="us-east-1")
    setup.options                                                   # every mechanism: supported or not, and why
    state = setup.plan(ShiftMechanism.EVENT_SOURCE_MAPPING, steps=[...])   # a CutoverState, status planned
    CutoverController(store, author="alice").start(state)           # records it (the caller decides when)

:func:`propose_setup` only reads (the List/Get calls of :func:`discover_sources`, GetFunctionConfiguration for
both functions, GetPolicy on the LMI alias for an API Gateway canary) and writes nothing: not to AWS, not to the
store. Without a session (``--offline``), in the demo, or when discovery fails (no credentials, access denied,
throttled), it says why, and the team's own router (no AWS calls) can still be planned. Weighted alias routing
between an LMI version and a non-LMI version is never offered: newer AWS guidance says it is not supported.
The names, their checks and the session's defaults are in :mod:`workbench.cutover.setup_names`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationError

from workbench.aws.errors import AwsProblem, ProblemKind
from workbench.cutover.calls import CutoverError, check_weighted_alias, forward_calls
from workbench.cutover.mechanisms import (
    InvocationSource,
    MechanismOption,
    cutover_source,
    discover_sources,
    function_is_lmi,
    invoke_permission_missing,
    mechanism_options,
)
from workbench.cutover.setup_names import SetupNames, mechanism_label, setup_defaults
from workbench.models.cutover import CutoverSource, CutoverState, CutoverStep, ShiftMechanism

if TYPE_CHECKING:
    from workbench.aws.session import AwsSession
    from workbench.store import Store

Discovery = Literal["done", "skipped", "failed"]

MECHANISM_ORDER = (ShiftMechanism.API_GATEWAY_CANARY, ShiftMechanism.EVENT_SOURCE_MAPPING,
                   ShiftMechanism.WEIGHTED_ALIAS, ShiftMechanism.ROUTER)
MIXED_ALIAS_WHY = ("Not offered: newer AWS guidance says weighted alias routing between an LMI version and a "
                   "non-LMI version is not supported. Shift at the invocation source (API Gateway canary, event "
                   "source mappings) or with a router.")
ROUTER_WHY = ("Your own router (a feature flag, a proxy function, a Step Functions choice) splits the traffic; "
              "the workbench makes no AWS calls and records each decision the team takes.")


def _invalid(error: ValidationError) -> CutoverError:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ())) or "plan"
    return CutoverError(f"{where}: {first.get('msg')}")


# --- what discovery proposes -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CutoverSetup:
    """What discovery found for ``names`` and what can be planned from it.

    ``options`` lists every mechanism, supported ones first (the preferred first), each with why (or why not);
    ``draft`` is the plan of the preferred one with the default steps; ``discovery`` says whether discovery ran
    (``reason`` is the sentence to show: what was read, or why nothing was); ``notes`` are what the reads showed
    besides the sources (the LMI alias missing, a permission API Gateway will need).
    """

    names: SetupNames
    draft: CutoverState
    sources: tuple[InvocationSource, ...]
    options: tuple[MechanismOption, ...]
    discovery: Discovery
    reason: str
    notes: tuple[str, ...] = ()
    prepared: Mapping[ShiftMechanism, CutoverSource] = field(default_factory=dict)
    old_is_lmi: bool = False
    problem: AwsProblem | None = None
    replaces: str | None = None

    def option(self, mechanism: ShiftMechanism) -> MechanismOption | None:
        return next((o for o in self.options if o.mechanism is ShiftMechanism(mechanism)), None)

    @property
    def supported(self) -> list[MechanismOption]:
        return [o for o in self.options if o.supported]

    def plan(self, mechanism: ShiftMechanism, *, steps: Sequence[CutoverStep] | None = None,
             names: SetupNames | None = None) -> CutoverState:
        """The plan for ``mechanism`` (status planned), ready for ``CutoverController.start``.

        CutoverError, naming the field, when the mechanism is not offered (with why), when the names changed
        since discovery (the sources belong to the names discovered; the router needs none), when a name or a
        step is not valid, or when the mechanism lacks something it needs (e.g. an alias or version to shift to).
        """
        mechanism = ShiftMechanism(mechanism)
        option = self.option(mechanism)
        if option is None or not option.supported:
            why = option.why if option is not None else "it was not considered"
            raise CutoverError(f"mechanism: {mechanism_label(mechanism)} is not offered here: {why}")
        names = names or self.names
        names.check()
        changed = names.differs_from(self.names)
        if changed and mechanism is not ShiftMechanism.ROUTER:
            raise CutoverError(f"{changed}: the invocation sources were discovered for {self._discovered_for()}; "
                               "discover again for the names as they are now, or choose the router (manual)")
        source = self.prepared.get(mechanism) or CutoverSource(region=names.region,
                                                                description="the team's own router")
        try:
            state = CutoverState(
                old_function_name=names.old_function, old_qualifier=names.old_qualifier,
                new_function_name=names.new_function, new_alias=names.new_alias, new_version=names.new_version,
                mechanism=mechanism, steps=list(steps) if steps is not None else list(self.draft.steps),
                region=names.region, old_is_lmi=self.old_is_lmi, new_is_lmi=True, source=source)
        except ValidationError as error:
            raise _invalid(error) from None
        forward_calls(state, 0)  # CutoverError naming what the first step lacks
        if mechanism is ShiftMechanism.WEIGHTED_ALIAS:
            check_weighted_alias(state)
        return state

    def _discovered_for(self) -> str:
        n = self.names
        return (f"{n.old_function}{':' + n.old_qualifier if n.old_qualifier else ''} → "
                f"{n.new_function}:{n.lmi_qualifier or '?'}")


def _complete(options: list[MechanismOption], *, found: bool, mixed: bool, reason: str = "") -> list[MechanismOption]:
    """Every mechanism listed: the ones ``mechanism_options`` left out (nothing to act on) say why not.
    Supported options first, in their order; then the unsupported ones."""
    present = {o.mechanism for o in options}
    missing = []
    for mechanism in MECHANISM_ORDER:
        if mechanism in present:
            continue
        if mechanism is ShiftMechanism.WEIGHTED_ALIAS and mixed:
            why = MIXED_ALIAS_WHY
        elif not found:
            why = f"Not offered without discovery: {reason}"
        elif mechanism is ShiftMechanism.API_GATEWAY_CANARY:
            why = ("No API Gateway REST API invokes the function (its resource policy allows none), so there is "
                   "no stage to put a canary on.")
        elif mechanism is ShiftMechanism.EVENT_SOURCE_MAPPING:
            why = "No event source mapping (SQS, Kinesis, DynamoDB streams, Kafka, MQ) invokes the function."
        else:
            why = "The old function has no alias that callers invoke, so there is no alias to weight."
        missing.append(MechanismOption(mechanism, False, why, False))
    ordered = [o for o in options if o.supported] + [o for o in options if not o.supported]
    return ordered + missing


def _draft(setup: CutoverSetup, steps: Sequence[CutoverStep],
           prefer: ShiftMechanism | None = None) -> tuple[CutoverState, str | None]:
    """The first supported mechanism that can be planned as is (``prefer`` first: the recorded plan's); else the
    router, and why not the first."""
    first_problem = None
    ordered = sorted(setup.supported, key=lambda o: o.mechanism is not prefer)
    for option in ordered:
        try:
            return setup.plan(option.mechanism, steps=steps), first_problem
        except CutoverError as error:
            first_problem = first_problem or f"{mechanism_label(option.mechanism)}: {error}"
    raise CutoverError(first_problem or "no mechanism can be planned")


def _finish(names: SetupNames, steps: Sequence[CutoverStep], *, sources: list[InvocationSource],
            options: list[MechanismOption], discovery: Discovery, reason: str, notes: list[str],
            prepared: dict[ShiftMechanism, CutoverSource], old_is_lmi: bool = False,
            problem: AwsProblem | None = None, replaces: str | None = None,
            prefer: ShiftMechanism | None = None) -> CutoverSetup:
    try:
        router = CutoverState(old_function_name=names.old_function, old_qualifier=names.old_qualifier,
                              new_function_name=names.new_function, new_alias=names.new_alias,
                              new_version=names.new_version, mechanism=ShiftMechanism.ROUTER, steps=list(steps),
                              region=names.region, old_is_lmi=old_is_lmi,
                              source=CutoverSource(region=names.region, description="the team's own router"))
    except ValidationError as error:
        raise _invalid(error) from None
    setup = CutoverSetup(names=names, draft=router, sources=tuple(sources), options=tuple(options),
                         discovery=discovery, reason=reason, notes=tuple(notes), prepared=prepared,
                         old_is_lmi=old_is_lmi, problem=problem, replaces=replaces)
    draft, why_not = _draft(setup, steps, prefer)
    if why_not:
        notes = [*notes, f"Drafted with the next mechanism that can be planned as is ({why_not})."]
    return replace(setup, draft=draft, notes=tuple(notes))


def _without_discovery(names: SetupNames, steps: Sequence[CutoverStep], reason: str, *,
                       discovery: Discovery, problem: AwsProblem | None = None,
                       replaces: str | None = None) -> CutoverSetup:
    router = MechanismOption(ShiftMechanism.ROUTER, True,
                             f"{ROUTER_WHY} Discovery did not run ({reason}), so this is the mechanism that needs "
                             "nothing from it.", True)
    options = _complete([router], found=False, mixed=True, reason=reason)
    return _finish(names, steps, sources=[], options=options, discovery=discovery, reason=reason, notes=[],
                   prepared={}, problem=problem, replaces=replaces)


def demo_sources() -> list[InvocationSource]:
    """The demo's migration as discovery would find it: a REST API stage whose integration reads the function
    from a stage variable, and the alias callers invoke (sample data: nothing is read from AWS)."""
    from workbench.demo import DEMO_OLD_FUNCTION, DEMO_REST_API_ID, demo_cutover

    source = demo_cutover().source
    assert source is not None
    return [
        InvocationSource(kind="api-gateway-rest", api_kind="rest", rest_api_id=DEMO_REST_API_ID,
                         stage=source.stage_name, stage_variable=source.stage_variable,
                         stage_variable_value=source.stage_variable_original,
                         description=f"{source.description}: the integration reads the function from stage "
                                     f"variable {source.stage_variable} (= {source.stage_variable_original})"),
        InvocationSource(kind="direct-alias", alias_name="prod", alias_version="1",
                         description=f"Alias prod of {DEMO_OLD_FUNCTION} (sample): callers that invoke it by name"),
    ]


def _demo_setup(names: SetupNames, steps: Sequence[CutoverStep], replaces: str | None,
                prefer: ShiftMechanism | None = None) -> CutoverSetup:
    from workbench.demo import DEMO_NEW_FUNCTION, DEMO_OLD_FUNCTION, demo_cutover

    if (names.old_function, names.new_function) != (DEMO_OLD_FUNCTION, DEMO_NEW_FUNCTION):
        return _without_discovery(
            names, steps, f"the demo has no AWS account to read, and only its own migration ({DEMO_OLD_FUNCTION} → "
                          f"{DEMO_NEW_FUNCTION}) has sample sources", discovery="skipped", replaces=replaces)
    sources = demo_sources()
    options = mechanism_options(sources, old_is_lmi=False, new_is_lmi=True, same_function=False)
    options = [replace(o, why=o.why + " (The demo's sample API: a stand-in answers the calls; nothing is sent "
                                      "to AWS.)") if o.mechanism is ShiftMechanism.API_GATEWAY_CANARY else o
               for o in options]
    reason = ("the demo has no AWS account to read; its sample sources are shown, and a stand-in answers the "
              "canary's calls.")
    prepared = {ShiftMechanism.API_GATEWAY_CANARY: demo_cutover().source}
    return _finish(names, steps, sources=sources, options=_complete(options, found=True, mixed=True),
                   discovery="skipped", reason=reason, notes=[], prepared=prepared, replaces=replaces,
                   prefer=prefer)


def propose_setup(session: AwsSession | None, store: Store, *, old_function: str,
                  old_qualifier: str | None = None, new_function: str, new_alias: str | None = None,
                  new_version: str | None = None, region: str | None = None, skip_reason: str | None = None,
                  demo: bool = False, steps: Sequence[CutoverStep] | None = None) -> CutoverSetup:
    """Discover how ``old_function`` is invoked (read-only) and propose the cutover's mechanisms and draft.

    ``session`` None skips discovery (``skip_reason`` says why, e.g. --offline); ``demo`` shows the demo's own
    sample sources instead of reading AWS. A failed read (no credentials, access denied, throttled) does not
    raise: the setup says what failed and offers the router. CutoverError when a name is not valid. Reads the
    store (the steps, a plan it would replace); never writes to it.
    """
    names = SetupNames.of(old_function=old_function, old_qualifier=old_qualifier, new_function=new_function,
                          new_alias=new_alias, new_version=new_version, region=region)
    names.check()
    defaults = setup_defaults(store, region=region)
    chosen_steps = list(steps) if steps is not None else list(defaults.steps)
    if demo:
        return _demo_setup(names, chosen_steps, defaults.replaces, defaults.mechanism)
    if session is None:
        return _without_discovery(names, chosen_steps, skip_reason or "there is no AWS session",
                                  discovery="skipped", replaces=defaults.replaces)
    try:
        sources = discover_sources(session, names.old_function, names.old_qualifier, region=names.region)
    except AwsProblem as problem:
        return _without_discovery(names, chosen_steps, f"reading what invokes {names.old_function} failed: "
                                                       f"{problem.message}", discovery="failed", problem=problem,
                                  replaces=defaults.replaces)
    notes: list[str] = []
    old_is_lmi = False
    try:
        old_is_lmi = function_is_lmi(session, names.old_function, names.old_qualifier, region=names.region)
    except AwsProblem as problem:
        notes.append(f"Could not tell whether {names.old_function} runs on a capacity provider ({problem.message}); "
                     "it is taken to be a standard Lambda function.")
    target = f"{names.new_function}:{names.lmi_qualifier}" if names.lmi_qualifier else names.new_function
    try:
        if not function_is_lmi(session, names.new_function, names.lmi_qualifier, region=names.region):
            notes.append(f"{target} shows no capacity provider configuration yet: check that the LMI version is "
                         "the one deployed (Deploy pane, key 4) before the first step.")
    except AwsProblem as problem:
        if problem.kind is ProblemKind.NOT_FOUND:
            notes.append(f"{target} does not exist yet: deploy the LMI version (Deploy pane, key 4) before the "
                         "first step; the plan can be recorded meanwhile.")
        else:
            notes.append(f"Could not read {target} ({problem.message}).")
    same_function = names.old_function == names.new_function
    options = mechanism_options(sources, old_is_lmi=old_is_lmi, new_is_lmi=True, same_function=same_function)
    prepared: dict[ShiftMechanism, CutoverSource] = {}
    for option in options:
        if option.supported and option.mechanism is not ShiftMechanism.ROUTER:
            prepared[option.mechanism] = cutover_source(option.mechanism, sources, region=names.region)
    canary = prepared.get(ShiftMechanism.API_GATEWAY_CANARY)
    if canary is not None and names.lmi_qualifier:
        try:
            missing = invoke_permission_missing(session, names.new_function, names.lmi_qualifier,
                                                principal="apigateway.amazonaws.com",
                                                source_arn=canary.api_source_arn, region=names.region)
        except AwsProblem as problem:
            missing = False
            notes.append(f"Could not read the resource policy of {target} ({problem.message}): make sure API "
                         "Gateway may invoke it before the first step.")
        if missing:
            prepared[ShiftMechanism.API_GATEWAY_CANARY] = canary.model_copy(update={"grant_invoke_permission": True})
            notes.append(f"API Gateway may not invoke {target} yet: the canary's first step adds that permission "
                         "(lambda.add_permission, shown with the other calls before it runs).")
    count = len(sources)
    reason = (f"Found {count} invocation source{'s' if count != 1 else ''} of {names.old_function} "
              f"(read-only List/Get calls)." if count else
              f"Nothing invokes {names.old_function} that discovery can see (read-only List/Get calls).")
    mixed = old_is_lmi is False
    return _finish(names, chosen_steps, sources=sources, options=_complete(options, found=True, mixed=mixed),
                   discovery="done", reason=reason, notes=notes, prepared=prepared, old_is_lmi=old_is_lmi,
                   replaces=defaults.replaces, prefer=defaults.mechanism)
