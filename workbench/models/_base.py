"""Shared pieces of the document models: bases, ranges with readable errors, UTC times, shared enums."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

from workbench.documents import Document


class Part(BaseModel):
    """A model nested inside a document (a signal, a scenario, a step): same strictness as documents."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)


class Doc(Document):
    """Base of the domain documents: rejects NaN/inf in numbers on top of ``Document``'s rules."""

    model_config = ConfigDict(allow_inf_nan=False)


def _fmt(value: float) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


@dataclass(frozen=True)
class Range:
    """An inclusive range with a unit, used as ``Annotated[int, Range(128, 10240, "MB")]``.

    It validates with a message that names the field, the allowed range and the unit, and adds ``minimum``,
    ``maximum`` and ``x-unit`` to the JSON schema so the intake form can show them.
    """

    lo: float | None = None
    hi: float | None = None
    unit: str = ""

    def describe(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        if self.lo is not None and self.hi is not None:
            return f"between {_fmt(self.lo)} and {_fmt(self.hi)}{unit}"
        if self.lo is not None:
            return f"at least {_fmt(self.lo)}{unit}"
        if self.hi is not None:
            return f"at most {_fmt(self.hi)}{unit}"
        return "any value"

    def contains(self, value: float) -> bool:
        return (self.lo is None or value >= self.lo) and (self.hi is None or value <= self.hi)

    def _check(self, value: Any, info: core_schema.ValidationInfo) -> Any:
        if value is None:
            return value
        if isinstance(value, float) and not math.isfinite(value):
            raise PydanticCustomError("range", "{field} must be a finite number", {"field": info.field_name})
        if not self.contains(value):
            raise PydanticCustomError(
                "range",
                "{field} must be {allowed} (got {got})",
                {"field": info.field_name or "value", "allowed": self.describe(), "got": _fmt(value)},
            )
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.with_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema,
                                     handler: GetJsonSchemaHandler) -> dict[str, Any]:
        js = handler(schema)
        if self.lo is not None:
            js["minimum"] = self.lo
        if self.hi is not None:
            js["maximum"] = self.hi
        if self.unit:
            js["x-unit"] = self.unit
        return js


def field_range(model: type[BaseModel], name: str) -> Range | None:
    """The ``Range`` declared on ``model.name`` (for form hints), or None."""
    info = model.model_fields[name]
    for item in info.metadata:
        if isinstance(item, Range):
            return item
    return None


def field_help(model: type[BaseModel], name: str) -> str:
    """One line of help for a field: its description and, if it has one, its allowed range."""
    info = model.model_fields[name]
    text = info.description or name
    rng = field_range(model, name)
    if rng is not None:
        text = f"{text} ({rng.describe()})"
    return text


def _to_utc(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("must be timezone-aware (UTC); got a naive datetime")
    return value.astimezone(timezone.utc)


UtcDateTime = Annotated[datetime, AfterValidator(_to_utc)]
"""A datetime that must carry a timezone; it is stored converted to UTC."""


def utc_now() -> datetime:
    from workbench.clock import system_now  # the one clock (LMI_WORKBENCH_NOW fixes it for a run)

    return system_now()


def close_enough(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance


class Architecture(StrEnum):
    X86_64 = "x86_64"
    ARM64 = "arm64"


class Environment(StrEnum):
    PRODUCTION = "production"
    NON_PRODUCTION = "non-production"
