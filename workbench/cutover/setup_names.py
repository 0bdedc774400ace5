"""The names a cutover plan is about and the defaults the session already knows: the old and LMI functions as
typed (checked against Lambda's own naming rules, each error naming the field and the value), the shift
mechanisms' labels, and :func:`setup_defaults` (names and steps from the store; reads only)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.cutover.calls import CutoverError
from workbench.cutover.proposals import ACTIVE
from workbench.models.cutover import CutoverState, CutoverStatus, CutoverStep, ShiftMechanism, default_steps

if TYPE_CHECKING:
    from workbench.store import Store

# Lambda's own name rules (as workbench/monitor/targets.py checks them): function names 1–64 letters, digits,
# hyphens, underscores; an alias 1–128 of those and not only digits; a version a number; a qualifier either.
_FUNCTION = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_ALIAS = re.compile(r"^(?![0-9]+$)[A-Za-z0-9_-]{1,128}$")
_VERSION = re.compile(r"^[0-9]{1,10}$")
_QUALIFIER = re.compile(r"^(\$LATEST|[A-Za-z0-9_-]{1,128})$")
_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d{1,2}$")

MECHANISM_LABELS = {
    ShiftMechanism.API_GATEWAY_CANARY: "API Gateway canary",
    ShiftMechanism.EVENT_SOURCE_MAPPING: "event source mapping",
    ShiftMechanism.WEIGHTED_ALIAS: "weighted alias",
    ShiftMechanism.ROUTER: "router (manual)",
}


def mechanism_label(mechanism: ShiftMechanism) -> str:
    return MECHANISM_LABELS.get(mechanism, mechanism.value)


# --- the names the plan is about -------------------------------------------------------------------------------

def _blank(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


@dataclass(frozen=True)
class SetupNames:
    """The two functions of the cutover: the old one (and the qualifier its callers use) and the LMI one."""

    old_function: str
    new_function: str
    old_qualifier: str | None = None
    new_alias: str | None = None
    new_version: str | None = None
    region: str | None = None

    @classmethod
    def of(cls, *, old_function: str | None, new_function: str | None, old_qualifier: str | None = None,
           new_alias: str | None = None, new_version: str | None = None,
           region: str | None = None) -> SetupNames:
        """From text as typed: surrounding blanks dropped, empty text → None (old/new functions → "")."""
        return cls(old_function=(old_function or "").strip(), new_function=(new_function or "").strip(),
                   old_qualifier=_blank(old_qualifier), new_alias=_blank(new_alias),
                   new_version=_blank(new_version), region=_blank(region))

    def check(self) -> None:
        """CutoverError naming the first field that Lambda would not accept, with the value given."""
        rules = (
            ("old_function", self.old_function, _FUNCTION, False, "1–64 letters, digits, hyphens or underscores"),
            ("old_qualifier", self.old_qualifier, _QUALIFIER, True, "an alias, a version number or $LATEST"),
            ("new_function", self.new_function, _FUNCTION, False, "1–64 letters, digits, hyphens or underscores"),
            ("new_alias", self.new_alias, _ALIAS, True,
             "1–128 letters, digits, hyphens or underscores, not only digits"),
            ("new_version", self.new_version, _VERSION, True, "a published version number such as 3"),
            ("region", self.region, _REGION, True, "a Region code such as us-east-1"),
        )
        for name, value, pattern, optional, rule in rules:
            if value is None and optional:
                continue
            if not value:
                raise CutoverError(f"{name}: required ({rule})")
            if not pattern.match(value):
                raise CutoverError(f"{name}: must be {rule} (got {value!r})")

    @property
    def lmi_qualifier(self) -> str | None:
        return self.new_alias or self.new_version

    def differs_from(self, other: SetupNames) -> str | None:
        """The first field in which ``other`` differs (None when they name the same functions)."""
        for name in ("old_function", "old_qualifier", "new_function", "new_alias", "new_version", "region"):
            if getattr(self, name) != getattr(other, name):
                return name
        return None


@dataclass(frozen=True)
class SetupDefaults:
    """What the session already says: the names (workload, deployment plan, recorded cutover), the steps, and
    whether a plan would replace a recorded cutover (``replaces``) or is refused because one is under way."""

    names: SetupNames
    steps: tuple[CutoverStep, ...]
    replaces: str | None = None
    under_way: str | None = None
    mechanism: ShiftMechanism | None = None  # the recorded plan's, while it is planned (preferred when offered)


def _describe(state: CutoverState) -> str:
    target = f"{state.new_function_name}:{state.new_alias or state.new_version or '?'}"
    return f"{state.old_function_name} → {target} via {mechanism_label(state.mechanism)}"


def setup_defaults(store: Store, *, region: str | None = None) -> SetupDefaults:
    """The defaults from the store: the old function is the workload's (or the recorded cutover's), the LMI
    function, alias and version come from :meth:`MonitorTarget.from_store` (the recorded cutover, else the
    deployment plan's outputs, else the names the generated infrastructure uses); the steps are the recorded
    plan's while it is still planned, else 10% → 50% → 100% (and the recorded mechanism is preferred while it
    is offered). ``region`` is the fallback Region (the run's)."""
    from workbench.models import CutoverState as StoredCutover
    from workbench.models import DeploymentPlan, Workload
    from workbench.monitor.targets import MonitorTarget

    cutover = store.get(StoredCutover)
    workload = store.get(Workload)
    plan = store.get(DeploymentPlan)
    target = MonitorTarget.from_store(store)
    state = cutover.doc if cutover else None
    old = state.old_function_name if state else (workload.doc.function_name if workload else None)
    qualifier = state.old_qualifier if state else None
    found_region = ((state.region if state else None) or (workload.doc.region if workload else None)
                    or (plan.doc.region if plan else None) or region)
    names = SetupNames.of(old_function=old, old_qualifier=qualifier,
                          new_function=target.function_name if target else None,
                          new_alias=target.alias if target else None,
                          new_version=target.version if target else None, region=found_region)
    planned = state is not None and state.status is CutoverStatus.PLANNED
    steps = tuple(state.steps) if state is not None and planned else tuple(default_steps())
    replaces = under_way = None
    if state is not None and cutover is not None:
        if state.status in ACTIVE:
            under_way = (f"A cutover of {state.old_function_name} is under way ({state.status.value}, "
                         f"{state.traffic_on_lmi_pct:g}% on LMI): roll it back or complete it before planning "
                         "another.")
        elif state.status is CutoverStatus.PLANNED:
            replaces = f"the plan {cutover.author} recorded ({_describe(state)})"
        else:
            replaces = (f"the {state.status.value} cutover {_describe(state)} (its decisions stay in the audit "
                        "log; x exports its report first)")
    return SetupDefaults(names=names, steps=steps, replaces=replaces, under_way=under_way,
                         mechanism=state.mechanism if planned and state is not None else None)
