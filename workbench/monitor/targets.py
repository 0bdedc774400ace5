"""What the monitor watches: one LMI function (its alias, version and capacity provider) beside the standard
Lambda function it replaces, and the catalogue queries that describe them.

The target comes from the session's store when it can: the cutover state names both functions exactly; a
deployment plan names the LMI function, alias and capacity provider; a workload alone gives the names the
generated infrastructure uses (``workbench/iac``: the function keeps the workload's name, alias ``live``,
capacity provider ``<function>-capacity`` unless the LMI configuration names one).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from workbench.lmi_facts import LMI_CAPACITY_PROVIDER_NAME_PATTERN
from workbench.metrics.catalog import capacity_provider_queries, lmi_function_queries, standard_function_queries
from workbench.metrics.source import MetricQuery

if TYPE_CHECKING:
    from workbench.store import Store

# Lambda's own patterns: function names 1–64 (letters, digits, hyphens, underscores); aliases 1–128 and not
# only digits; versions are numbers. Capacity provider names: lmi_facts.LMI_CAPACITY_PROVIDER_NAME_PATTERN.
_FUNCTION = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_ALIAS = re.compile(r"^(?!^[0-9]+$)[A-Za-z0-9_-]{1,128}$")
_VERSION = re.compile(r"^[0-9]{1,10}$")
_QUALIFIER = re.compile(r"^(\$LATEST|[A-Za-z0-9_-]{1,128})$")
_PROVIDER = re.compile(LMI_CAPACITY_PROVIDER_NAME_PATTERN)
DEFAULT_ALIAS = "live"  # the alias the generated infrastructure creates (workbench/iac/options.py)


def _check(value: str | None, pattern: re.Pattern[str], field: str, rule: str, *, optional: bool) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str) or not pattern.match(value):
        raise ValueError(f"{field} must be {rule} (got {value!r})")


def default_capacity_provider(function_name: str) -> str:
    """The capacity provider name the generated infrastructure uses when none is configured."""
    return f"{function_name}-capacity"


@dataclass(frozen=True)
class MonitorTarget:
    """The LMI function under watch and the standard function whose numbers are the baseline."""

    function_name: str            # the LMI function
    alias: str                    # alias carrying LMI traffic
    version: str | None = None    # published LMI version (EE metrics are per version)
    capacity_provider: str | None = None
    old_function_name: str | None = None   # the standard-Lambda function, for baselines
    old_qualifier: str | None = None

    def __post_init__(self) -> None:
        _check(self.function_name, _FUNCTION, "function_name", "1–64 letters, digits, hyphens or underscores",
               optional=False)
        _check(self.alias, _ALIAS, "alias", "1–128 letters, digits, hyphens or underscores (not only digits)",
               optional=False)
        _check(self.version, _VERSION, "version", "a published version number such as 7", optional=True)
        _check(self.capacity_provider, _PROVIDER, "capacity_provider",
               "1–140 letters, digits, hyphens or underscores", optional=True)
        _check(self.old_function_name, _FUNCTION, "old_function_name",
               "1–64 letters, digits, hyphens or underscores", optional=True)
        _check(self.old_qualifier, _QUALIFIER, "old_qualifier", "an alias, a version number or $LATEST",
               optional=True)
        if self.old_qualifier is not None and self.old_function_name is None:
            raise ValueError("old_qualifier needs old_function_name")

    # --- queries ---------------------------------------------------------------------------------------------
    @property
    def has_execution_environments(self) -> bool:
        """EE metrics carry the version and the capacity provider as dimensions: both must be known."""
        return self.version is not None and self.capacity_provider is not None

    def queries(self) -> list[MetricQuery]:
        """The LMI function's series (by alias; by version when version and capacity provider are known), the
        capacity provider's fleet, and the standard function's series — all from the catalogue."""
        lmi = lmi_function_queries(self.function_name, alias=self.alias, version=self.version or "0",
                                   capacity_provider=self.capacity_provider or "unknown")
        if not self.has_execution_environments:
            lmi = [q for q in lmi if "CapacityProviderName" not in q.dimensions]
        queries = list(lmi)
        if self.capacity_provider is not None:
            queries += capacity_provider_queries(self.capacity_provider)
        if self.old_function_name is not None:
            queries += standard_function_queries(self.old_function_name, qualifier=self.old_qualifier)
        return queries

    # --- display and serialisation -----------------------------------------------------------------------------
    def describe(self) -> str:
        """One line: ``orders-api-lmi:live (version 7, capacity provider orders-cp) vs orders-api``."""
        extra = [f"version {self.version}"] if self.version else []
        if self.capacity_provider:
            extra.append(f"capacity provider {self.capacity_provider}")
        text = f"{self.function_name}:{self.alias}" + (f" ({', '.join(extra)})" if extra else "")
        if self.old_function_name:
            old = self.old_function_name + (f":{self.old_qualifier}" if self.old_qualifier else "")
            text += f" vs {old}"
        return text

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> "MonitorTarget":
        """From ``to_dict``'s output; ValueError naming the field for anything else."""
        if not isinstance(data, dict):
            raise ValueError(f"a monitor target must be an object with function_name and alias (got {data!r})")
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown monitor target field(s): {', '.join(unknown)}")
        for name in ("function_name", "alias"):
            if name not in data:
                raise ValueError(f"a monitor target needs {name}")
        return cls(**data)

    # --- from the session's store ----------------------------------------------------------------------------
    @classmethod
    def from_store(cls, store: "Store") -> "MonitorTarget | None":
        """The target the session describes: the cutover state, else the deployment plan, else the workload
        (None when the session holds none of them). StoreError propagates (the store says what is wrong)."""
        from workbench.models import CutoverState, DeploymentPlan, LmiConfiguration, Workload

        cutover = store.get(CutoverState)
        plan = store.get(DeploymentPlan)
        config = store.get(LmiConfiguration)
        workload = store.get(Workload)
        configured = config.doc.capacity_provider_name if config else None
        planned = _from_plan(plan.doc) if plan else {}
        if cutover is not None:
            c = cutover.doc
            provider = configured or planned.get("capacity_provider") or default_capacity_provider(
                c.new_function_name)
            return cls(function_name=c.new_function_name, alias=c.new_alias or planned.get("alias") or DEFAULT_ALIAS,
                       version=c.new_version or planned.get("version"), capacity_provider=provider,
                       old_function_name=c.old_function_name, old_qualifier=c.old_qualifier)
        old = workload.doc.function_name if workload else None
        if planned.get("function_name"):
            name = planned["function_name"]
            return cls(function_name=name, alias=planned.get("alias") or DEFAULT_ALIAS,
                       version=planned.get("version"),
                       capacity_provider=configured or planned.get("capacity_provider")
                       or default_capacity_provider(name),
                       old_function_name=old if old != name else None)
        if workload is not None:
            # The generated infrastructure gives the LMI function the workload's name: there is no separate
            # standard function to compare with until a cutover state names it.
            name = workload.doc.function_name
            return cls(function_name=name, alias=DEFAULT_ALIAS,
                       capacity_provider=configured or default_capacity_provider(name))
        return None


def _from_plan(plan: Any) -> dict[str, str]:
    """Names a deployment plan's calls carry (CreateFunction or UpdateFunctionConfiguration, Create/UpdateAlias,
    CreateCapacityProvider), and the version once PublishVersion has answered. Unresolved ``${step:…}``
    references are ignored."""
    found: dict[str, str] = {}

    def text(value: Any, pattern: re.Pattern[str]) -> str | None:
        return value if isinstance(value, str) and pattern.match(value) else None

    for step in plan.steps:
        p = {**step.parameters, **(getattr(step, "sent", None) or {})}
        outputs = getattr(step, "outputs", None) or {}
        if step.operation == "CreateCapacityProvider":
            name = text(p.get("CapacityProviderName"), _PROVIDER)
            if name:
                found["capacity_provider"] = name
        elif step.operation in ("CreateFunction", "UpdateFunctionConfiguration"):
            name = text(p.get("FunctionName"), _FUNCTION)
            if name:
                found["function_name"] = name
            arn = ((p.get("CapacityProviderConfig") or {}).get("LambdaManagedInstancesCapacityProviderConfig")
                   or {}).get("CapacityProviderArn")
            provider = text(arn.rsplit(":", 1)[-1].rsplit("/", 1)[-1], _PROVIDER) if isinstance(arn, str) else None
            if provider and "capacity_provider" not in found:
                found["capacity_provider"] = provider
        elif step.operation == "PublishVersion":
            version = text(str(outputs.get("Version", "")), _VERSION)
            if version:
                found["version"] = version
        elif step.operation in ("CreateAlias", "UpdateAlias"):
            alias = text(p.get("Name"), _ALIAS)
            if alias:
                found["alias"] = alias
            version = text(p.get("FunctionVersion"), _VERSION)
            if version:
                found["version"] = version
    return found


def demo_target() -> MonitorTarget:
    """The demo session's migration (orders-api to an LMI copy), for ``--demo`` and the simulated source."""
    return MonitorTarget(function_name="orders-api-lmi", alias=DEFAULT_ALIAS, version="1",
                         capacity_provider="orders-api-capacity", old_function_name="orders-api",
                         old_qualifier="prod")
